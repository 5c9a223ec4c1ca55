// One benchmark section per process (`node bench.js <section> [--quick]`), so each starts from a cold heap and
// its memory does not colour the next. Prints the section's results as JSON on stdout; progress on stderr.
// `node bench.js report <results.json> <RESULTS.md>` renders the tables.
import { describeMachine } from './machine';
import { runThroughput } from './throughput';
import { runEditor, runStartup } from './editor';
import { runEngine } from './engine';
import { writeReport } from './report';

const log = (s: string) => process.stderr.write(`  ${s}\n`);

async function main(): Promise<void> {
  const [section, ...rest] = process.argv.slice(2);
  const quick = rest.includes('--quick');
  const run: Record<string, () => unknown> = {
    machine: describeMachine,
    throughput: () => runThroughput(quick, log),
    editor: () => runEditor(quick, log),
    startup: () => runStartup(quick, log),
    engine: () => runEngine(quick, log),
  };
  if (section === 'report') return writeReport(rest[0], rest[1]);
  if (!run[section]) throw new Error(`unknown section "${section}": expected ${Object.keys(run).join(', ')} or report`);
  process.stdout.write(JSON.stringify(await run[section]()) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
