import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

describe('tunnelwright check on hostile paths', () => {
  function tmpdir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-'));
  }

  it('follows a folder symlink loop once and finishes', () => {
    const dir = tmpdir();
    fs.mkdirSync(path.join(dir, 'a'));
    fs.symlinkSync(dir, path.join(dir, 'a', 'loop'));
    fs.writeFileSync(path.join(dir, 'a', 'r1.vyos'), "set interfaces tunnel tun0 encapsulation 'gre'\n");
    const r = run(['check', '--format', 'json', dir]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.files.map((f: { path: string }) => path.basename(f.path))).toEqual(['r1.vyos']);
  });

  it('rejects a binary file named explicitly (exit 2) and skips one inside a folder (exit 0)', () => {
    const dir = tmpdir();
    const bin = path.join(dir, 'blob.rtx');
    fs.writeFileSync(bin, Buffer.from([0x74, 0x75, 0x00, 0xff, 0x00]));
    const explicit = run(['check', bin]);
    expect(explicit.status).toBe(2);
    expect(explicit.stderr).toContain(`${bin}: skipped, binary file (contains NUL bytes)`);
    const folder = run(['check', dir]);
    expect(folder.status).toBe(0);
    expect(folder.stderr).toContain('binary file');
  });

  it('reads a non-UTF-8 file as Latin-1 and says so', () => {
    const dir = tmpdir();
    const f = path.join(dir, 'r.ios');
    fs.writeFileSync(f, Buffer.concat([Buffer.from('hostname r\ninterface Tunnel0\n description caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const r = run(['check', f]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${f}: not valid UTF-8; read as Latin-1`);
  });

  it('refuses a file whose dialect cannot be told', () => {
    const dir = tmpdir();
    const f = path.join(dir, 'notes.txt');
    fs.writeFileSync(f, 'hello\n');
    const r = run(['check', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot tell the dialect');
  });
});
