import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { analyze } from '../../server/src/analyze';
import { loadPaths } from '../../server/src/cli/load';
import type { Finding } from '../../server/src/checks/types';

// `tunnelwright check examples/` must report what examples/README.md describes, and nothing else.

const root = path.resolve(__dirname, '../..');

async function examples() {
  const loaded = await loadPaths([path.join(root, 'examples')]);
  expect(loaded.errors).toEqual([]);
  return analyze(loaded.sources.map((s) => ({ ...s, path: path.relative(root, s.path).split(path.sep).join('/') })));
}

const row = (f: Finding) => `${f.path}:${f.range.start.line + 1} ${f.severity} ${f.code}`;

describe('reference scenarios (examples/)', () => {
  it('reports exactly the findings the README describes', async () => {
    const { findings } = await examples();
    const rows = findings.filter((f) => f.code !== 'syntax/deprecated').map(row).sort();
    expect(rows).toEqual(
      [
        // 1. IPIP over IPv4: the typo, the MTU mismatch on both ends, the EC2 end behind NAT.
        'examples/ipip4-rtx1300.rtx:6 warning syntax/unknown-command',
        'examples/ipip4-rtx1300.rtx:5 warning pair/mtu-mismatch',
        'examples/ipip4-amazon-linux.sh:6 warning pair/mtu-mismatch',
        'examples/ipip4-amazon-linux.sh:4 information nat/outbound-first',
        // 2. IPv4-in-IPv6: MTU mismatch with the RTX; the encapsulation limit on every Linux ip6tnl end.
        'examples/ipip6-rtx1300.rtx:5 warning pair/mtu-mismatch',
        'examples/ipip6-amazon-linux.sh:7 warning pair/mtu-mismatch',
        'examples/ipip6-amazon-linux.sh:5 warning ip6tnl/encaplimit',
        'examples/ipip6-amazon-linux-to-sakura.sh:4 warning ip6tnl/encaplimit',
        'examples/ipip6-sakura-rhel.sh:5 warning ip6tnl/encaplimit',
        // 3. 6rd: CE relay prefix disagrees with the BR; /96 delegated prefixes leave no room for SLAAC.
        'examples/6rd-amazon-linux-ce/rc.local:3 warning 6rd/masklen-mismatch',
        'examples/6rd-cisco-br.ios:16 information 6rd/prefix-too-long',
        // 4. GRE between VyOS routers and 5. the VXLAN mirror target: nothing.
      ].sort(),
    );
  });

  it('VyOS 1.2 names on the GRE pair get deprecated hints (with fixes to the 1.3+ names), never warnings', async () => {
    // The README wants no warnings on the pair; the editor issue wants 1.2 names tagged deprecated.
    const { findings } = await examples();
    expect(findings.filter((f) => f.path.includes('gre-vyos') && f.severity !== 'hint')).toEqual([]);
    expect(findings.filter((f) => f.code === 'syntax/deprecated').map((f) => `${path.basename(f.path)}:${f.range.start.line + 1}`)).toEqual([
      'gre-vyoshkg1.vyos:6',
      'gre-vyoshkg1.vyos:7',
      'gre-vyoshkg1.vyos:8',
      'gre-vyostok1.vyos:6',
      'gre-vyostok1.vyos:7',
      'gre-vyostok1.vyos:8',
    ]);
  });

  it('models the tunnels and pairs of the README', async () => {
    const { workspace } = await examples();
    const t = (id: string) => workspace.tunnels.find((x) => x.id === `examples/${id}`)!;
    const peers = (id: string) => t(id).peers.map((p) => p.slice('examples/'.length));
    expect(workspace.tunnels).toHaveLength(11);
    expect(peers('ipip4-rtx1300.rtx#tunnel11')).toEqual(['ipip4-amazon-linux.sh#aws0']);
    expect(t('ipip4-amazon-linux.sh#aws0').peerInferred).toBe(true);
    expect(peers('ipip6-rtx1300.rtx#tunnel11')).toEqual(['ipip6-amazon-linux.sh#aws0']);
    expect(peers('ipip6-sakura-rhel.sh#sak0')).toEqual(['ipip6-amazon-linux-to-sakura.sh#aws1']);
    expect(peers('6rd-cisco-br.ios#Tunnel0')).toEqual(['6rd-amazon-linux-ce/ifcfg-sit1#sit1']);
    expect(peers('gre-vyoshkg1.vyos#tun0')).toEqual(['gre-vyostok1.vyos#tun0']);
    expect([t('ipip4-rtx1300.rtx#tunnel11').effectiveMtu, t('ipip6-rtx1300.rtx#tunnel11').effectiveMtu]).toEqual([1480, 1460]);
    expect(t('ipip6-amazon-linux.sh#aws0').overhead).toBe(48);
    expect(t('gre-vyoshkg1.vyos#tun0').effectiveMtu).toBe(1476);
    expect([t('vxlan-mirror-target.sh#vxlan0').effectiveMtu, t('vxlan-mirror-target.sh#vxlan0').peers]).toEqual([1450, []]);
    const sit1 = t('6rd-amazon-linux-ce/ifcfg-sit1#sit1');
    expect(sit1.declarations.map((d) => path.basename(d.path))).toEqual(['ifcfg-sit1', 'rc.local']);
    expect(t('6rd-cisco-br.ios#Tunnel0').sixrd!.delegatedPrefix).toEqual({ address: '2001:db8:10:f096:aff:ffde::', prefixLength: 96, family: 6 });
  });

  it('the quick fixes of the reference findings', async () => {
    const { findings } = await examples();
    const fix = (file: string, code: string) => findings.find((f) => f.path.endsWith(file) && f.code === code)!.fixes.map((x) => x.edits.map((e) => e.newText));
    expect(fix('ipip4-rtx1300.rtx', 'syntax/unknown-command')).toEqual([['description']]);
    expect(fix('ipip4-rtx1300.rtx', 'pair/mtu-mismatch')).toEqual([[' ip tunnel mtu 1280\n']]);
    expect(fix('ipip4-amazon-linux.sh', 'pair/mtu-mismatch')).toEqual([]);
    expect(fix('rc.local', '6rd/masklen-mismatch')).toEqual([['0.0.0.0/0']]);
    expect(fix('ipip6-amazon-linux.sh', 'ip6tnl/encaplimit')).toEqual([[' encaplimit none']]);
  });
});
