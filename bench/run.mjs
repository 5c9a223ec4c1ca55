#!/usr/bin/env node
// `npm run bench`: bundles the benchmark (bench/main.ts) and runs each section in its own Node process,
// then writes bench/results.json and the generated tables in bench/RESULTS.md.
//   node bench/run.mjs [--quick] [--only throughput,editor,startup,engine] [--node-flags "--max-semi-space-size=64"]
// `--only` re-measures some sections and keeps the others' last results; `--node-flags` runs the measured
// processes (sections and language server) with those Node.js flags, to compare launcher settings. Needs `npm run build` first
// (the editor and start-up sections drive dist/server.js; the engine section runs bin/tunnelwright as root).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const all = ['throughput', 'editor', 'startup', 'engine'];
const sections = onlyAt >= 0 ? args[onlyAt + 1].split(',') : all;
const flagsAt = args.indexOf('--node-flags');
const nodeFlags = flagsAt >= 0 ? args[flagsAt + 1] : '';
for (const s of sections) if (!all.includes(s)) throw new Error(`unknown section ${s}: expected one of ${all.join(', ')}`);

const outDir = join(tmpdir(), 'tunnelwright-bench');
mkdirSync(outDir, { recursive: true });
const bundle = join(outDir, 'bench.js');
await build({
  entryPoints: [join(here, 'main.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['koffi'],
  logLevel: 'warning',
});

/** Run one section in a fresh process; its JSON result, or the error that stopped it. */
function runSection(section) {
  process.stderr.write(`${section}${quick ? ' (quick)' : ''}...\n`);
  const load = loadavg()[0];
  const flags = nodeFlags.split(' ').filter((f) => f !== '');
  const r = spawnSync(process.execPath, [...flags, '--expose-gc', bundle, section, ...(quick ? ['--quick'] : [])], {
    cwd: root,
    env: { ...process.env, TUNNELWRIGHT_BENCH_NODE_FLAGS: nodeFlags },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lastLine = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !lastLine.startsWith('{')) return { error: `exit ${r.status ?? r.signal}`, loadBefore: load };
  return { ...JSON.parse(lastLine), loadBefore: load, loadAfter: loadavg()[0], at: new Date().toISOString() };
}

const resultsFile = join(here, 'results.json');
const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
const results = { ...previous, machine: runSection('machine') };
// How each section was run is kept with it: `--only` may re-measure one section with other settings.
for (const s of sections) results[s] = { ...runSection(s), quick, nodeFlags };
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');

const render = spawnSync(process.execPath, [bundle, 'report', resultsFile, join(here, 'RESULTS.md')], { stdio: 'inherit' });
process.exitCode = render.status ?? 1;
