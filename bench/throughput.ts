// Section 1: parse + check throughput on generated workspaces, side by side with the floor measured in the
// same process (read the same files and split them into lines), and how the builder's pairing scales with
// the number of tunnels.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFiles, analyzeParallel, parseSource, type Analysis, type SourceText } from '../server/src/analyze';
import { ParsePool } from '../server/src/parallel/pool';
import type { FileModel } from '../server/src/model/types';
import { generateManyTunnels, generateWorkspace } from './generate';
import { growthExponent, round, summarize, type Summary } from './stats';

export interface SizeResult {
  lines: number;
  files: number;
  bytes: number;
  tunnels: number;
  paired: number;
  findings: number;
  /** Read + split into lines. */
  floorMs: Summary;
  /** Read + parse every file. */
  parseMs: Summary;
  /** Read + parse + build + check (the `analyze` pipeline the CLI and language server use). */
  totalMs: Summary;
  linesPerSecond: number;
  ratioToFloor: number;
  /** t ∝ n^k from the previous size to this one. */
  growth?: number;
}

export interface PairingResult {
  tunnels: number;
  files: number;
  paired: number;
  parseMs: Summary;
  /** Build + check only (pairing included), on already parsed files. */
  checkMs: Summary;
  microsPerTunnel: number;
  growth?: number;
}

const LINE_BREAK = /\r\n|\r|\n/;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function timed<T>(fn: () => T): [number, T] {
  gc();
  const t0 = performance.now();
  const r = fn();
  return [performance.now() - t0, r];
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<[number, T]> {
  gc();
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

function writeWorkspace(dir: string, sources: SourceText[]): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return sources.map((s) => {
    const p = join(dir, s.path.split('/').pop()!);
    writeFileSync(p, s.text);
    return p;
  });
}

const read = (paths: readonly string[]): SourceText[] => paths.map((path) => ({ path, text: readFileSync(path, 'utf8') }));

function floor(paths: readonly string[]): number {
  let lines = 0;
  for (const p of paths) lines += readFileSync(p, 'utf8').split(LINE_BREAK).length;
  return lines;
}

/**
 * Parsing runs on a `ParsePool`, as in the CLI and the language server; one pool serves the whole section, so
 * after the warm-up its workers are started and compiled, as in a running language server. The bundle runs
 * from a scratch folder; the worker script is the built one (`npm run build`) of the current folder.
 */
export async function measureSize(pool: ParsePool, lines: number, files: number, runs: number): Promise<SizeResult> {
  const dir = join(tmpdir(), `tunnelwright-bench-${lines}`);
  const paths = writeWorkspace(dir, generateWorkspace({ lines, files }));
  try {
    const floors: number[] = [];
    const parses: number[] = [];
    const totals: number[] = [];
    let lineCount = 0;
    let last: Analysis | undefined;
    for (let r = 0; r < runs; r++) {
      const [tf, n] = timed(() => floor(paths));
      const [tp] = await timedAsync(() => pool.parse(read(paths)));
      const [tt, a] = await timedAsync(() => analyzeParallel(read(paths), pool));
      floors.push(tf);
      parses.push(tp);
      totals.push(tt);
      lineCount = n;
      last = a;
    }
    const totalMs = summarize(totals);
    const floorMs = summarize(floors);
    const bytes = paths.reduce((s, p) => s + readFileSync(p).length, 0);
    return {
      lines: lineCount,
      files: paths.length,
      bytes,
      tunnels: last!.workspace.tunnels.length,
      paired: last!.workspace.tunnels.filter((t) => t.peers.length > 0).length,
      findings: last!.findings.length,
      floorMs,
      parseMs: summarize(parses),
      totalMs,
      linesPerSecond: Math.round(lineCount / (totalMs.median / 1000)),
      ratioToFloor: round(totalMs.median / floorMs.median, 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function measurePairing(tunnels: number, files: number, runs: number): PairingResult {
  const sources = generateManyTunnels(tunnels, files);
  const parses: number[] = [];
  const checks: number[] = [];
  let paired = 0;
  for (let r = 0; r < runs; r++) {
    const [tp, models] = timed(() => sources.map((s) => parseSource(s)).filter((m): m is FileModel => m !== undefined));
    const [tc, a] = timed(() => analyzeFiles(models));
    parses.push(tp);
    checks.push(tc);
    paired = a.workspace.tunnels.filter((t) => t.peers.length > 0).length;
  }
  const checkMs = summarize(checks);
  return { tunnels, files, paired, parseMs: summarize(parses), checkMs, microsPerTunnel: round((checkMs.median * 1000) / tunnels, 2) };
}

export interface ThroughputResults {
  sizes: SizeResult[];
  pairing: PairingResult[];
}

export async function runThroughput(quick: boolean, log: (s: string) => void): Promise<ThroughputResults> {
  const pool = new ParsePool({ workerPath: join(process.cwd(), 'dist', 'parse-worker.js') });
  if (!pool.parallel) throw new Error('dist/parse-worker.js is missing: run `npm run build` first');
  // Warm the JIT so the small sizes measure steady state, not compilation: of this thread on a workspace the
  // pool parses inline, of the pool's workers on one above its inline threshold.
  await measureSize(pool, 10_000, 10, quick ? 1 : 3);
  await measureSize(pool, 100_000, 100, quick ? 1 : 2);
  const plan: [lines: number, files: number, runs: number][] = quick
    ? [[1_000, 4, 5], [10_000, 10, 3], [100_000, 100, 2]]
    : [[1_000, 4, 21], [10_000, 10, 11], [100_000, 100, 7], [1_000_000, 1000, 5]];
  const sizes: SizeResult[] = [];
  for (const [lines, files, runs] of plan) {
    const r = await measureSize(pool, lines, files, runs);
    const prev = sizes[sizes.length - 1];
    if (prev) r.growth = round(growthExponent(prev.lines, prev.totalMs.median, r.lines, r.totalMs.median), 2);
    sizes.push(r);
    log(`parse+check ${r.lines} lines: ${round(r.totalMs.median)} ms (floor ${round(r.floorMs.median)} ms, ×${r.ratioToFloor})`);
  }
  const pairPlan: [number, number, number][] = quick ? [[1_000, 100, 2], [10_000, 1000, 2]] : [[1_000, 100, 7], [10_000, 1000, 5], [100_000, 10_000, 3]];
  const pairing: PairingResult[] = [];
  for (const [tunnels, files, runs] of pairPlan) {
    const r = measurePairing(tunnels, files, runs);
    const prev = pairing[pairing.length - 1];
    if (prev) r.growth = round(growthExponent(prev.tunnels, prev.checkMs.median, r.tunnels, r.checkMs.median), 2);
    pairing.push(r);
    log(`pairing ${tunnels} tunnels / ${files} files: build+check ${round(r.checkMs.median)} ms`);
  }
  await pool.close();
  return { sizes, pairing };
}
