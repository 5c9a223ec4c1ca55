import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze } from '../../server/src/analyze';
import { INLINE_BELOW } from '../../server/src/parallel/pool';
import { generateWorkspace } from '../../bench/generate';

const root = resolve(__dirname, '..', '..');
let dir: string;
let sources: { path: string; text: string }[];

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'tw-cli-pool-'));
  // Large enough for the CLI to parse on its worker threads.
  sources = generateWorkspace({ lines: 60_000, files: 24 }).map((s) => ({ path: join(dir, s.path.split('/').pop()!), text: s.text }));
  for (const s of sources) writeFileSync(s.path, s.text);
  // The CLI reads a folder in name order.
  sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tunnelwright check on worker threads', () => {
  it('reports what the in-process pipeline finds, and exits', () => {
    expect(sources.reduce((n, s) => n + s.text.length, 0)).toBeGreaterThan(INLINE_BELOW);
    const r = spawnSync(process.execPath, [join(root, 'bin', 'tunnelwright'), 'check', '--format', 'json', dir], { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 << 20 });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const { workspace, findings } = analyze(sources);
    expect(out.tunnels).toEqual(JSON.parse(JSON.stringify(workspace.tunnels)));
    expect(out.files.map((f: { coverage: unknown }) => f.coverage)).toEqual(workspace.files.map((f) => f.coverage));
    expect(out.diagnostics.length).toBe(findings.length);
  }, 120_000);
});
