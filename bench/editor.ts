// Sections 2 and 3: the real language server over stdio. Editor latency (didChange → publishDiagnostics,
// hover, completion) in a 10k-line file whose tunnel peers are in other files; start-up time and peak memory
// on a 1,000-file workspace.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceText } from '../server/src/analyze';
import { generateWorkspace } from './generate';
import { LspSession, uriOf } from './lsp-client';
import { percentile, summarize, type Summary } from './stats';

export interface Latency {
  p50: number;
  p95: number;
  max: number;
}

export interface EditorResults {
  edits: number;
  fileLines: number;
  workspaceFiles: number;
  workspaceLines: number;
  diagnostics: Latency;
  hover: Latency;
  completion: Latency;
}

export interface StartupResults {
  files: number;
  lines: number;
  tunnels: number;
  readyMs: Summary;
  firstDiagnosticsMs: Summary;
  allDiagnosticsMs: Summary;
  peakRssMB: Summary;
}

const latency = (xs: number[]): Latency => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs) });
const lineCount = (s: SourceText[]) => s.reduce((n, f) => n + f.text.split('\n').length - 1, 0);

function writeWorkspace(name: string, sources: SourceText[]): { dir: string; paths: string[] } {
  const dir = join(tmpdir(), `tunnelwright-bench-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const paths = sources.map((s) => {
    const p = join(dir, s.path.split('/').pop()!);
    writeFileSync(p, s.text);
    return p;
  });
  return { dir, paths };
}

/** Line and column of the first occurrence of `needle` in `text`, at or after line `from`. */
function find(lines: string[], needle: RegExp, from = 0): { line: number; start: number; end: number } {
  for (let i = from; i < lines.length; i++) {
    const m = needle.exec(lines[i]);
    if (m) {
      const start = m.index + (m[0].length - m[1].length);
      return { line: i, start, end: start + m[1].length };
    }
  }
  throw new Error(`no line matches ${needle}`);
}

async function timeRequest(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function runEditor(quick: boolean, log: (s: string) => void): Promise<EditorResults> {
  const edits = quick ? 30 : 200;
  // Ten devices of 10k lines each; the edited one is a Cisco router whose tunnels end in other files.
  const sources = generateWorkspace({ lines: 100_000, files: 10 });
  const { dir, paths } = writeWorkspace('editor', sources);
  const file = paths.find((p) => p.endsWith('.ios'))!;
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const uri = uriOf(file);
  const { session } = await LspSession.start(dir);
  try {
    await session.publishedFor(paths.length);
    await session.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'cisco-ios', version: 1, text } });
    await session.nextDiagnostics((p) => p.uri === uri && p.version === 1);
    // The edit: the MTU of the first tunnel, toggled, so the pair's MTU check flips with every change.
    const tunnelAt = find(lines, /^(interface Tunnel\d+)/).line;
    const mtu = find(lines, /^ ip mtu (\d+)/, tunnelAt);
    const dest = find(lines, /^ tunnel destination (\S+)/, tunnelAt);
    const diag: number[] = [];
    for (let i = 0; i < edits; i++) {
      const version = i + 2;
      const value = i % 2 === 0 ? '1300' : '1400';
      const published = session.nextDiagnostics((p) => p.uri === uri && p.version === version);
      const t0 = performance.now();
      await session.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: mtu.line, character: mtu.start }, end: { line: mtu.line, character: mtu.end } }, text: value }],
      });
      await published;
      diag.push(performance.now() - t0);
    }
    log(`didChange → diagnostics p50 ${percentile(diag, 50).toFixed(1)} ms, p95 ${percentile(diag, 95).toFixed(1)} ms`);
    const hover: number[] = [];
    const completion: number[] = [];
    for (let i = 0; i < edits; i++) {
      hover.push(await timeRequest(() => session.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: dest.line, character: dest.start + 1 } })));
      completion.push(
        await timeRequest(() => session.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: dest.line, character: ' tunnel '.length } })),
      );
    }
    log(`hover p95 ${percentile(hover, 95).toFixed(1)} ms, completion p95 ${percentile(completion, 95).toFixed(1)} ms`);
    return {
      edits,
      fileLines: lines.length - 1,
      workspaceFiles: paths.length,
      workspaceLines: lineCount(sources),
      diagnostics: latency(diag),
      hover: latency(hover),
      completion: latency(completion),
    };
  } finally {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runStartup(quick: boolean, log: (s: string) => void): Promise<StartupResults> {
  const runs = quick ? 1 : 5;
  const files = 1000;
  // Router-sized files: 200 lines each, a few tunnels per device, all peers in other files.
  const sources = generateWorkspace({ lines: 200_000, files, tunnelsPerFile: 4 });
  const { dir, paths } = writeWorkspace('startup', sources);
  const ready: number[] = [];
  const first: number[] = [];
  const all: number[] = [];
  const rss: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      const { session, readyMs } = await LspSession.start(dir);
      try {
        const done = await session.publishedFor(paths.length);
        ready.push(readyMs);
        first.push(session.firstPublishAt! - session.spawnedAt);
        all.push(done - session.spawnedAt);
        rss.push(session.peakRssMB());
        log(`start-up ${r + 1}: ready ${readyMs.toFixed(0)} ms, first diagnostics ${first[r].toFixed(0)} ms, all ${all[r].toFixed(0)} ms, peak RSS ${rss[r].toFixed(0)} MB`);
      } finally {
        await session.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    files,
    lines: lineCount(sources),
    tunnels: files * 4,
    readyMs: summarize(ready),
    firstDiagnosticsMs: summarize(first),
    allDiagnosticsMs: summarize(all),
    peakRssMB: summarize(rss),
  };
}
