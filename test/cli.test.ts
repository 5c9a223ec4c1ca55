import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'bin', 'tunnelwright');

function run(args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
}

describe('tunnelwright check (CLI)', () => {
  it('exits 2 with a clear message for a missing path', () => {
    const r = run(['check', 'does-not-exist']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('does-not-exist: no such file or folder');
  });

  it('exits 2 for an unknown --format', () => {
    const r = run(['check', '--format', 'xml', 'examples']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format must be text or json');
  });

  it('prints JSON of the documented shape', () => {
    const r = run(['check', '--format', 'json', 'examples']);
    const out = JSON.parse(r.stdout);
    expect(out.version).toBe(1);
    expect(Array.isArray(out.files)).toBe(true);
    expect(Array.isArray(out.tunnels)).toBe(true);
    expect(Array.isArray(out.diagnostics)).toBe(true);
    expect(out.files.length).toBeGreaterThan(0);
  });
});
