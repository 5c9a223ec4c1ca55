import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../server/src/analyze';
import { runChecks } from '../../server/src/checks';
import { defaultSettings } from '../../server/src/config';
import { BuildCache, buildIndexedWorkspace } from '../../server/src/model/build';
import type { FileModel } from '../../server/src/model/types';

// The language server keeps a BuildCache between analyses: a device whose files are unchanged is reused,
// and the result must be exactly what a build from scratch gives.

const examples = join(__dirname, '../../examples');

function exampleModels(): FileModel[] {
  return readdirSync(examples, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== 'README.md')
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .flatMap((p) => parseSource({ path: p, text: readFileSync(p, 'utf8') }) ?? []);
}

/** Workspace and findings as plain data, for comparing builds. */
function analysis(files: FileModel[], cache?: BuildCache, settings = defaultSettings) {
  const { workspace, index } = buildIndexedWorkspace(files, settings, cache);
  return { workspace, findings: runChecks(workspace, settings, index) };
}

const plain = (a: ReturnType<typeof analysis>) => JSON.parse(JSON.stringify(a));

describe('build cache', () => {
  const files = exampleModels();

  it('gives the same workspace and findings as a build from scratch, also when reused', () => {
    const fresh = plain(analysis(files));
    const cache = new BuildCache();
    expect(plain(analysis(files, cache))).toEqual(fresh);
    // The second build reuses every device; pairing must still start from unpaired tunnels.
    expect(plain(analysis(files, cache))).toEqual(fresh);
    expect(fresh.workspace.tunnels.some((t: { peers: string[] }) => t.peers.length > 0)).toBe(true);
  });

  it('resolves again only the device whose file changed, and follows the change', () => {
    const cache = new BuildCache();
    const before = analysis(files, cache).workspace;
    // An edit: the same file parsed again with one tunnel's MTU changed.
    const edited = files.findIndex((f) => f.tunnels.some((t) => t.mtu !== undefined));
    const model: FileModel = structuredClone(files[edited]);
    const decl = model.tunnels.find((t) => t.mtu !== undefined)!;
    decl.mtu = { ...decl.mtu!, value: decl.mtu!.value - 100 };
    const next = [...files];
    next[edited] = model;
    const after = analysis(next, cache);
    for (const d of after.workspace.devices) {
      const old = before.devices.find((b) => b.id === d.id);
      if (d.paths.includes(model.path)) expect(d).not.toBe(old);
      else expect(d).toBe(old);
    }
    expect(plain(after)).toEqual(plain(analysis(next)));
    const t = after.workspace.tunnels.find((x) => x.name === decl.name && x.device === after.workspace.devices.find((d) => d.paths.includes(model.path))!.id)!;
    expect(t.mtu).toBe(decl.mtu!.value);
  });

  it('unpairs the peers of a device that left the workspace', () => {
    const cache = new BuildCache();
    const before = analysis(files, cache).workspace;
    const paired = before.tunnels.find((t) => t.peers.length > 0)!;
    const peer = before.tunnels.find((t) => t.id === paired.peers[0])!;
    const gone = before.devices.find((d) => d.id === peer.device)!;
    const after = analysis(files.filter((f) => !gone.paths.includes(f.path)), cache).workspace;
    expect(after.tunnels.find((t) => t.id === paired.id)!.peers).not.toContain(peer.id);
  });

  it('builds as from scratch after devices were resolved ahead, file by file, a host\'s files apart', () => {
    const fresh = plain(analysis(files));
    const cache = new BuildCache();
    // As a parse pool returns chunks: the 6rd host's ifcfg-sit1 and rc.local (its 6rd prefixes) come apart,
    // so the host resolved from either alone must not stand in for it.
    const host = files.filter((f) => f.path.includes('6rd-amazon-linux-ce'));
    expect(host.map((f) => f.path.split('/').pop())).toEqual(['ifcfg-sit1', 'rc.local']);
    cache.prepare(files.filter((f) => !host.includes(f)), defaultSettings);
    for (const f of host) cache.prepare([f], defaultSettings);
    const built = analysis(files, cache);
    expect(plain(built)).toEqual(fresh);
    expect(built.findings.map((f) => f.code)).toContain('6rd/masklen-mismatch');
  });

  it('resolves every device again when the settings change', () => {
    const cache = new BuildCache();
    const before = analysis(files, cache).workspace;
    const settings = { ...defaultSettings, defaultUnderlayMtu: 9000 };
    const after = analysis(files, cache, settings);
    for (const d of after.workspace.devices) expect(d).not.toBe(before.devices.find((b) => b.id === d.id));
    expect(plain(after)).toEqual(plain(analysis(files, undefined, settings)));
  });

  it('keeps the per-device findings of reused devices and re-checks the edited one', () => {
    // Device-local rules (ref/undefined-interface here) keep their findings per device object.
    const a = (route: string) => `hostname a\ninterface GigabitEthernet0/0\n ip address 192.0.2.1 255.255.255.0\ninterface Tunnel1\n ip address 10.0.0.1 255.255.255.252\n tunnel source GigabitEthernet0/0\n tunnel destination 198.51.100.1\nip route 10.9.0.0 255.255.0.0 ${route}\n`;
    const b = (source: string) => `hostname b\ninterface GigabitEthernet0/0\n ip address 198.51.100.1 255.255.255.0\ninterface Tunnel1\n ip address 10.0.0.2 255.255.255.252\n tunnel source ${source}\n tunnel destination 192.0.2.1\nip route 10.8.0.0 255.255.0.0 Tunnel1\n`;
    const parse = (path: string, text: string) => parseSource({ path, text })!;
    const codes = (x: ReturnType<typeof analysis>) => x.findings.map((f) => `${f.path} ${f.code}`).sort();
    const cache = new BuildCache();
    const steps = [
      [parse('a.ios', a('Tunnel2')), parse('b.ios', b('GigabitEthernet0/0'))],
      [parse('a.ios', a('Tunnel2')), parse('b.ios', b('GigabitEthernet0/9'))],
      [parse('a.ios', a('Tunnel1')), parse('b.ios', b('GigabitEthernet0/9'))],
    ];
    let previous = steps[0];
    const seen: string[][] = [];
    for (const files of steps) {
      // The unchanged file keeps its model object, as the language server's index does.
      const next = files.map((f, i) => (JSON.stringify(f) === JSON.stringify(previous[i]) ? previous[i] : f));
      const cached = analysis(next, cache);
      expect(plain(cached)).toEqual(plain(analysis(next)));
      seen.push(codes(cached));
      previous = next;
    }
    expect(seen).toEqual([
      ['a.ios ref/undefined-interface'],
      ['a.ios ref/undefined-interface', 'b.ios ref/undefined-interface'],
      ['b.ios ref/undefined-interface'],
    ]);
  });
});
