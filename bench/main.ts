// One benchmark section per process (`node bench.js <section> [--quick]`), so each starts from a cold heap and
// its memory does not colour the next. Prints the section's results as JSON on stdout; progress on stderr.
// `node bench.js report <results.json> <RESULTS.md>` renders the tables.
import { getPriority, setPriority } from 'node:os';
import { describeMachine } from './machine';
import { runThroughput } from './throughput';
import { runEditor, runStartup } from './editor';
import { runEngine } from './engine';
import { writeReport } from './report';

const log = (s: string) => process.stderr.write(`  ${s}\n`);

/**
 * The machine may be shared: raise this process's scheduling priority when allowed (root), so the numbers
 * measure the code more than the neighbours. Children (the server, the engine, iperf3) inherit it.
 */
function raisePriority(): number {
  try {
    setPriority(-10);
  } catch {
    // not permitted: measure at the normal priority
  }
  return getPriority();
}

async function main(): Promise<void> {
  const priority = raisePriority();
  const [section, ...rest] = process.argv.slice(2);
  const quick = rest.includes('--quick');
  const run: Record<string, () => unknown> = {
    machine: () => ({ ...describeMachine(), priority }),
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
