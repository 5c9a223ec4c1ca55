// One benchmark section per process (`node bench.js <section> [--quick]`), so each starts from a cold heap and
// its memory does not colour the next. Prints the section's results as JSON on stdout; progress on stderr.
import { describeMachine } from './machine';
import { runThroughput } from './throughput';

const log = (s: string) => process.stderr.write(`  ${s}\n`);

async function main(): Promise<void> {
  const [section, ...flags] = process.argv.slice(2);
  const quick = flags.includes('--quick');
  let result: unknown;
  switch (section) {
    case 'machine':
      result = describeMachine();
      break;
    case 'throughput':
      result = runThroughput(quick, log);
      break;
    default:
      throw new Error(`unknown section "${section}": expected machine, throughput, editor, startup or engine`);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
