import { beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentSymbol, FoldingRange, InlayHint, Location, SymbolInformation } from 'vscode-languageserver-protocol/node';
import { exampleFiles, HOOK_TIMEOUT_MS, positionOf, serverFor, uriOf } from './harness';

// Hovers, navigation, outline, folding and inlay hints over real LSP on the reference scenarios.

describe('language features', () => {
  const s = serverFor(exampleFiles);
  const f = (name: string) => path.join(s.ws, name);
  const at = (name: string, needle: string, offset = 1) => ({ textDocument: { uri: uriOf(f(name)) }, position: positionOf(fs.readFileSync(f(name), 'utf8'), needle, offset) });
  const hoverText = async (name: string, needle: string, offset = 1) =>
    (await s.client.request<{ contents: { value: string } } | null>('textDocument/hover', at(name, needle, offset)))?.contents.value ?? '';

  beforeAll(async () => {
    // The index is built from disk; opening one file and waiting for its diagnostics waits for it.
    await s.client.open(f('gre-vyostok1.vyos'), 'vyos');
    await s.client.diagnostics(f('gre-vyostok1.vyos'));
  }, HOOK_TIMEOUT_MS);

  describe('hover', () => {
    it('shows the GRE arithmetic and the largest DF ping', async () => {
      const text = await hoverText('gre-vyostok1.vyos', 'tun0');
      expect(text).toContain('1476');
      expect(text).toContain('ping -s 1448 -M do');
      expect(text).toMatch(/1500.*− 20 IPv4.*− 4 GRE.*= 1476/);
      expect(text).toContain('TCP MSS (IPv4) | 1436');
      expect(text).toContain(`${uriOf(f('gre-vyoshkg1.vyos'))}#L3`);
    });

    it('says when the pairing was inferred through NAT, and which MTU is configured', async () => {
      const text = await hoverText('ipip4-amazon-linux.sh', 'add aws0', 4);
      expect(text).toMatch(/Pairing inferred\? \| yes/);
      expect(text).toContain(`${uriOf(f('ipip4-rtx1300.rtx'))}#L5`);
      expect(text).toContain('Configured MTU | 1280');
      expect(text).toContain('ping -s 1252 -M do');
    });

    it('states the 48-byte ip6tnl overhead with the encapsulation limit option', async () => {
      const text = await hoverText('ipip6-amazon-linux.sh', 'aws0');
      expect(text).toMatch(/− 40 IPv6/);
      expect(text).toMatch(/− 8 [^|]*limit/i);
    });

    it('warns about mirrored frames on the VXLAN target', async () => {
      const text = await hoverText('vxlan-mirror-target.sh', 'add vxlan0', 5);
      expect(text).toContain('1450');
      expect(text).toMatch(/dropped/);
      expect(text).toContain('50-byte');
    });

    it('shows the 6rd arithmetic on the CE prefix, and what the BR domain would delegate', async () => {
      const text = await hoverText('6rd-amazon-linux-ce/rc.local', '2001:db8:10:f096::/64', 3);
      // relay_prefix /32: no IPv4 bits embedded, so the CE delegates the whole /64 ...
      expect(text).toContain('32: 0 bits of the IPv4 address embedded');
      expect(text).toMatch(/Delegated prefix \| 2001:db8:10:f096::\/64/);
      expect(text).toContain('10.255.255.222');
      // ... while the BR's IPv4 prefix length 0 gives it 2001:db8:10:f096:a60:164::/96.
      expect(text).toContain('IPv4 prefix length 0: 2001:db8:10:f096:a60:164::/96');
    });

    it('checks a BR address against its delegated prefix', async () => {
      const text = await hoverText('6rd-cisco-br.ios', '2001:db8:10:f096:aff:ffde::1/96', 3);
      expect(text).toContain('2001:db8:10:f096:aff:ffde::/96');
      expect(text).toContain('inside the delegated prefix');
    });

    it('names the device that owns an address', async () => {
      const text = await hoverText('gre-vyoshkg1.vyos', "remote-ip '10.132.75.79'", 12);
      expect(text).toContain('gre-vyostok1.vyos:1');
      expect(text).toContain('eth0');
    });
    it('lists who has addresses inside a routed prefix', async () => {
      const text = await hoverText('ipip4-rtx1300.rtx', '172.22.2.0/24', 3);
      expect(text).toContain('**172.22.2.0/24** holds');
      expect(text).toContain('`aws0` 172.22.2.2/24');
    });

    it('finds the BR behind an IPv4-compatible gateway address', async () => {
      const text = await hoverText('6rd-amazon-linux-ce/ifcfg-sit1', '::10.255.255.222', 4);
      expect(text).toContain('embeds 10.255.255.222');
      expect(text).toContain(`${uriOf(f('6rd-cisco-br.ios'))}#L10`);
    });
  });

  describe('navigation', () => {
    it('goes from a tunnel to the tunnel at the other end', async () => {
      const locs = await s.client.request<Location[]>('textDocument/definition', at('gre-vyoshkg1.vyos', 'tun0'));
      expect(locs.map((l) => [l.uri, l.range.start.line])).toEqual([[uriOf(f('gre-vyostok1.vyos')), 2]]);
    });

    it('goes from `gateway tunnel 11` to the tunnel select block', async () => {
      const locs = await s.client.request<Location[]>('textDocument/definition', at('ipip4-rtx1300.rtx', 'gateway tunnel 11', 16));
      expect(locs.map((l) => [l.uri, l.range.start.line])).toEqual([[uriOf(f('ipip4-rtx1300.rtx')), 4]]);
    });

    it('goes from `tunnel source Loopback1` to the interface', async () => {
      const locs = await s.client.request<Location[]>('textDocument/definition', at('6rd-cisco-br.ios', 'source Loopback1', 8));
      expect(locs.map((l) => [l.uri, l.range.start.line])).toEqual([[uriOf(f('6rd-cisco-br.ios')), 8]]);
    });

    it('finds the references of a tunnel, routes included', async () => {
      const locs = await s.client.request<Location[]>('textDocument/references', { ...at('6rd-cisco-br.ios', 'Tunnel0', 2), context: { includeDeclaration: true } });
      expect(locs.map((l) => l.range.start.line).sort((a, b) => a - b)).toEqual([11, 18]);
    });

    it('lists every tunnel as a workspace symbol', async () => {
      const syms = await s.client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
      const names = syms.map((s) => s.name).sort();
      expect(names).toEqual(['Tunnel0', 'aws0', 'aws0', 'aws1', 'sak0', 'sit1', 'tun0', 'tun0', 'tunnel11', 'tunnel11', 'vxlan0']);
      const filtered = await s.client.request<SymbolInformation[]>('workspace/symbol', { query: 'vxl' });
      expect(filtered.map((s) => s.name)).toEqual(['vxlan0']);
    });
  });

  describe('outline and decorations', () => {
    it('outlines interfaces and tunnels', async () => {
      const syms = await s.client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf(f('6rd-cisco-br.ios')) } });
      const names = syms.flatMap((s) => [s.name, ...(s.children ?? []).map((c) => c.name)]);
      expect(names).toEqual(expect.arrayContaining(['GigabitEthernet0/1', 'Loopback1', 'Tunnel0']));
    });

    it('folds the RTX tunnel select block', async () => {
      const ranges = await s.client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: uriOf(f('ipip4-rtx1300.rtx')) } });
      expect(ranges).toContainEqual(expect.objectContaining({ startLine: 4, endLine: 9 }));
    });

    it('shows the effective MTU after the tunnel name line', async () => {
      const hints = await s.client.request<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri: uriOf(f('gre-vyostok1.vyos')) },
        range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
      });
      expect(hints.map((h) => [h.position.line, h.label])).toEqual([[2, 'MTU 1476']]);
    });

    it('shows the delegated prefix after the 6rd prefix', async () => {
      const hints = await s.client.request<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri: uriOf(f('6rd-amazon-linux-ce/rc.local')) },
        range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
      });
      expect(hints.map((h) => h.label)).toContain('→ 2001:db8:10:f096::/64');
    });
  });

  it('answers tunnelwright/tunnels for the extension', async () => {
    type Info = { name: string; effectiveMtu: number; peers: string[]; needsPeer: boolean; problems: { code: string }[] };
    const r = await s.client.request<{ devices: { name: string; tunnels: Info[] }[] }>('tunnelwright/tunnels', {});
    const tunnels = r.devices.flatMap((d) => d.tunnels);
    const rtx = tunnels.find((t) => t.name === 'tunnel11' && t.peers.some((p) => p.includes('ipip4-amazon-linux.sh')))!;
    expect(rtx.problems.map((p) => p.code)).toContain('pair/mtu-mismatch');
    const vxlan = tunnels.find((t) => t.name === 'vxlan0')!;
    expect(vxlan.needsPeer).toBe(false);
    expect(tunnels.filter((t) => t.name === 'tun0').map((t) => [t.effectiveMtu, t.peers.length])).toEqual([
      [1476, 1],
      [1476, 1],
    ]);
  });
});
