import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `tunnelwright check` over a folder of hostile files (run the built CLI: `npm run build`). It must finish
// with a clear message for every file it passes over, never a stack trace, and keep `--format json` output
// valid JSON whatever it met.

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'bin', 'tunnelwright');

function check(args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ...r, stackLines: r.stderr.split('\n').filter((l) => l.startsWith('    at ')) };
}

/** File names every reader is chosen by, so that each hostile file reaches a parser. */
const configNames = ['r.vyos', 'config.boot', 'r.ios', 'r.rtx', 'r.sh', 'ifcfg-t0', 'rc.local', 't.netdev', 't.network', 'n.yaml'];

let dir: string;
let deepFile: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-hostile-'));
  // Random bytes under every config name: with NUL bytes (binary) and without (not UTF-8, read as Latin-1).
  const blobs = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 4096 }), { seed: 42, numRuns: configNames.length });
  configNames.forEach((name, i) => {
    fs.writeFileSync(path.join(dir, `binary-${name}`), Buffer.concat([blobs[i], Buffer.from([0])]));
    fs.writeFileSync(path.join(dir, `latin1-${name}`), Buffer.from([0xff, ...blobs[i].map((b) => b | 0x80)]));
  });
  fs.writeFileSync(path.join(dir, 'huge.vyos'), Buffer.alloc(9 * 1024 * 1024, 'set interfaces tunnel tun0 mtu 1400\n'));
  fs.writeFileSync(path.join(dir, 'empty.ios'), '');
  fs.writeFileSync(path.join(dir, 'crlf-only.rtx'), '\r\n'.repeat(1000));
  let deep = dir;
  for (let i = 0; i < 300; i++) deep = path.join(deep, 'd');
  fs.mkdirSync(deep, { recursive: true });
  deepFile = path.join(deep, 'deep.vyos');
  fs.writeFileSync(deepFile, "set interfaces tunnel tun9 encapsulation 'gre'\n");
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tunnelwright check on a folder of hostile files', () => {
  it('finishes cleanly, saying why it passed over each file, and prints valid JSON', () => {
    const r = check(['--format', 'json', dir]);
    expect(r.signal).toBeNull();
    expect([0, 1]).toContain(r.status);
    expect(r.stackLines).toEqual([]);
    for (const name of configNames) expect(r.stderr).toContain(`binary-${name}: skipped, binary file (contains NUL bytes)`);
    for (const name of configNames) expect(r.stderr).toContain(`latin1-${name}: not valid UTF-8; read as Latin-1`);
    expect(r.stderr).toContain(`huge.vyos: skipped, ${9 * 1024 * 1024} bytes is too large for a configuration file`);
    const out = JSON.parse(r.stdout) as { files: { path: string }[]; tunnels: { name: string }[] };
    const read = out.files.map((f) => path.relative(dir, f.path));
    expect(read).toEqual(expect.arrayContaining(['crlf-only.rtx', 'empty.ios', path.relative(dir, deepFile)]));
    expect(read.filter((p) => p.startsWith('binary-') || p === 'huge.vyos')).toEqual([]);
    expect(out.tunnels.map((t) => t.name)).toContain('tun9');
  });

  it('prints the same clean report as text', () => {
    const r = check([dir]);
    expect(r.signal).toBeNull();
    expect([0, 1]).toContain(r.status);
    expect(r.stackLines).toEqual([]);
    expect(r.stdout).toMatch(/\d+ files, \d+ tunnels?: \d+ errors?, \d+ warnings?, \d+ notes/);
  });

  it('keeps JSON output valid when named paths are missing or binary (exit 2)', () => {
    const r = check(['--format', 'json', path.join(dir, 'missing.vyos'), path.join(dir, 'binary-r.ios'), path.join(dir, 'empty.ios')]);
    expect(r.status).toBe(2);
    expect(r.stackLines).toEqual([]);
    expect(r.stderr).toContain(`${path.join(dir, 'missing.vyos')}: no such file or folder`);
    expect(r.stderr).toContain(`${path.join(dir, 'binary-r.ios')}: skipped, binary file (contains NUL bytes)`);
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => path.basename(f.path))).toEqual(['empty.ios']);
  });
});
