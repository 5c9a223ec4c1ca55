import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/analyze';
import type { Tunnel } from '../../server/src/model/types';

// The builder over real parser output: what each platform's text resolves to.

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;
const tunnels = (files: Record<string, string>) => analyze(Object.entries(files).map(([path, text]) => ({ path, text }))).workspace.tunnels;
const pick = (t: Tunnel) => ({ mode: t.mode, local: t.local, localSource: t.localSource, remote: t.remote, effectiveMtu: t.effectiveMtu, peers: t.peers });

describe('builder over each dialect', () => {
  it('VyOS source-interface and Cisco tunnel source <interface> resolve to addresses; the pair forms', () => {
    const ts = tunnels({
      'r1.vyos': lines("set interfaces ethernet eth1 address '192.0.2.1/24'", "set interfaces tunnel tun0 encapsulation 'gre'", "set interfaces tunnel tun0 source-interface 'eth1'", "set interfaces tunnel tun0 remote '198.51.100.1'"),
      'r2.ios': lines('interface GigabitEthernet0/1', ' ip address 198.51.100.1 255.255.255.0', ' ip mtu 1400', 'interface Tunnel7', ' tunnel source GigabitEthernet0/1', ' tunnel destination 192.0.2.1', '!'),
    });
    expect(ts.map(pick)).toEqual([
      { mode: 'gre', local: '192.0.2.1', localSource: 'interface', remote: '198.51.100.1', effectiveMtu: 1476, peers: ['r2.ios#Tunnel7'] },
      // IOS derives the tunnel MTU from the source interface's IP MTU: 1400 − 24.
      { mode: 'gre', local: '198.51.100.1', localSource: 'interface', remote: '192.0.2.1', effectiveMtu: 1376, peers: ['r1.vyos#tun0'] },
    ]);
  });

  it('RTX endpoint with both addresses, and an implicit local paired through the device address', () => {
    const ts = tunnels({
      'a.rtx': lines('ip lan2 address 203.0.113.1/24', 'tunnel select 1', ' tunnel encapsulation gre', ' tunnel endpoint address 203.0.113.1 198.51.100.9', ' tunnel enable 1', 'tunnel select none'),
      'b.rtx': lines('ip lan2 address 198.51.100.9/24', 'tunnel select 4', ' tunnel encapsulation gre', ' tunnel endpoint address 203.0.113.1', ' tunnel enable 4', 'tunnel select none'),
    });
    expect(ts.map(pick)).toEqual([
      { mode: 'gre', local: '203.0.113.1', localSource: 'configured', remote: '198.51.100.9', effectiveMtu: 1476, peers: ['b.rtx#tunnel4'] },
      { mode: 'gre', local: '198.51.100.9', localSource: 'implicit', remote: '203.0.113.1', effectiveMtu: 1476, peers: ['a.rtx#tunnel1'] },
    ]);
  });

  it('an implicit local is named only when the device has one public address of the family', () => {
    const rtx = (...lan: string[]) =>
      tunnels({ 'r.rtx': lines(...lan, 'tunnel select 1', ' tunnel encapsulation ipip', ' tunnel endpoint address 198.51.100.9', ' tunnel enable 1', 'tunnel select none') })[0];
    expect(rtx('ip lan1 address 10.0.0.1/24', 'ip lan2 address 203.0.113.1/24').local).toBe('203.0.113.1');
    expect(rtx('ip lan1 address 10.0.0.1/24').local).toBe('10.0.0.1');
    expect(rtx('ip lan1 address 203.0.113.1/24', 'ip lan2 address 192.0.2.1/24').local).toBeNull();
    expect(rtx('ip lan1 address 10.0.0.1/24', 'ip lan2 address 10.1.0.1/24').local).toBeNull();
  });

  it('Linux: ip link add with a lower device; the kernel-default MTUs', () => {
    const ts = tunnels({
      'h.sh': lines(
        'ip link set eth0 mtu 9000',
        'ip addr add 192.0.2.5/24 dev eth0',
        'ip link add gt0 type gretap local 192.0.2.5 remote 198.51.100.3',
        'ip link add vx0 type vxlan id 42 dev eth0 remote 198.51.100.4',
      ),
    });
    expect(ts.map((t) => [t.name, t.mode, t.underlay.interface, t.effectiveMtu, t.dstPort])).toEqual([
      ['gt0', 'gretap', 'eth0', 9000 - 38, null],
      ['vx0', 'vxlan', 'eth0', 9000 - 50, 8472],
    ]);
  });

  it('RHEL ifcfg and rc.local of one folder: one host, one merged 6rd CE', () => {
    const ts = tunnels({
      'ce/ifcfg-sit1': lines('DEVICE=sit1', 'IPV6INIT=yes', 'IPV6TUNNELIPV4=any', 'IPV6TUNNELIPV4LOCAL=192.0.2.10', 'IPV6_DEFAULTGW=::198.51.100.1'),
      'ce/rc.local': lines('ip tunnel 6rd dev sit1 6rd-prefix 2001:db8::/32 6rd-relay_prefix 192.0.0.0/8'),
    });
    expect(ts).toHaveLength(1);
    expect(ts[0].sixrd).toEqual({
      prefix: { address: '2001:db8::', prefixLength: 32, family: 6 },
      ipv4MaskLen: 8,
      delegatedPrefix: { address: '2001:db8:2:a00::', prefixLength: 56, family: 6 },
      relay: '198.51.100.1',
    });
  });
});
