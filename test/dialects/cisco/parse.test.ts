import { describe, expect, it } from 'vitest';
import { span, textAt, tunnel } from '../helpers';
import { parseExample, parseFixture, parseText } from './helpers';

describe('cisco: examples/6rd-cisco-br.ios (6rd border relay)', () => {
  const m = parseExample('6rd-cisco-br.ios');
  const text = require('node:fs').readFileSync(require('node:path').join(__dirname, '../../../examples/6rd-cisco-br.ios'), 'utf8') as string;

  it('reads the BR tunnel exactly as written', () => {
    expect(m.dialect).toBe('cisco-ios');
    expect(m.hostname?.value).toBe('br1');
    const t = tunnel(m, 'Tunnel0');
    expect(t.mode?.value).toBe('6rd');
    expect(textAt(text, t.mode!.range)).toBe('ipv6ip 6rd');
    expect(t.sourceInterface?.value).toBe('Loopback1');
    expect(textAt(text, t.sourceInterface!.range)).toBe('Loopback1');
    expect(t.local).toBeUndefined();
    expect(t.remote).toBeUndefined();
    expect(t.sixrd?.prefix?.value).toEqual({ address: '2001:db8:10:f096::', prefixLength: 64, family: 6 });
    expect(textAt(text, t.sixrd!.prefix!.range)).toBe('2001:db8:10:f096::/64');
    // IPv4 prefix length not written: the builder applies Cisco's default (0), the parser records nothing.
    expect(t.sixrd?.ipv4MaskLen).toBeUndefined();
    expect(t.addresses.map((a) => a.value)).toEqual([{ address: '2001:db8:10:f096:aff:ffde:0:1', prefixLength: 96, family: 6 }]);
    expect(t.mtu).toBeUndefined();
  });

  it('resolves interfaces and routes', () => {
    const lo = m.interfaces.find((i) => i.name === 'Loopback1')!;
    expect(lo.addresses[0].value).toEqual({ address: '10.255.255.222', prefixLength: 32, family: 4 });
    expect(textAt(text, lo.addresses[0].range)).toBe('10.255.255.222 255.255.255.255');
    expect(m.routes.map((x) => [x.prefix.value.address, x.prefix.value.prefixLength, x.dev?.value, x.via?.value])).toEqual([
      ['2001:db8:10:f096:aff:ffde::', 96, 'Null0', undefined],
      ['2001:db8:10:f096::', 64, 'Tunnel0', undefined],
    ]);
  });

  it('has nothing unknown or invalid and full coverage', () => {
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.coverage.unknown).toBe(0);
    expect(m.coverage.lines).toBe(m.coverage.understood + m.coverage.ignored);
    expect(m.sections.map((s) => [s.kind, s.name])).toEqual([
      ['interface', 'GigabitEthernet0/1'],
      ['interface', 'Loopback1'],
      ['tunnel', 'Tunnel0'],
    ]);
    const sec = m.sections[2];
    expect(sec.range.start).toEqual({ line: 11, character: 0 });
    expect(sec.range.end).toEqual({ line: 15, character: 40 });
  });
});

describe('cisco: a full branch router', () => {
  const m = parseFixture('branch-router.ios');

  it('finds both tunnels with every written field', () => {
    expect(m.hostname?.value).toBe('osaka-br01');
    expect(m.tunnels.map((t) => t.name)).toEqual(['Tunnel0', 'Tunnel1']);
    const t0 = tunnel(m, 'Tunnel0');
    expect(t0.mode).toBeUndefined(); // GRE/IP is IOS's default: applied by the builder
    expect(t0.sourceInterface?.value).toBe('GigabitEthernet0/0/0');
    expect(t0.remote?.value).toBe('203.0.113.1');
    expect(t0.mtu?.value).toBe(1400);
    expect(t0.mss?.value).toBe(1360);
    expect(t0.gre?.ikey?.value).toBe(4711);
    expect(t0.gre?.okey?.value).toBe(4711);
    expect(t0.description?.value).toBe('GRE/IPsec to HQ ! tokyo-core01 #1');
    const t1 = tunnel(m, 'Tunnel1');
    expect(t1.mode?.value).toBe('6rd');
    expect(t1.mtu?.value).toBe(1480); // IPv6-only tunnel: its `ipv6 mtu`
    expect(t1.sixrd?.ipv4MaskLen?.value).toBe(8);
    expect(t1.sixrd?.br?.value).toBe('198.51.100.10');
    expect(t1.addresses).toEqual([]); // general-prefix address: filled in at run time
  });

  it('keeps per-interface MTUs and secondary addresses', () => {
    const tu0 = m.interfaces.find((i) => i.name === 'Tunnel0')!;
    expect(tu0.ipMtu?.value).toBe(1400);
    const tu1 = m.interfaces.find((i) => i.name === 'Tunnel1')!;
    expect(tu1.ipv6Mtu?.value).toBe(1480);
    const lan = m.interfaces.find((i) => i.name === 'GigabitEthernet0/0/1')!;
    expect(lan.addresses.map((a) => `${a.value.address}/${a.value.prefixLength}`)).toEqual(['10.20.1.1/24', '10.20.2.1/24']);
  });

  it('reads static routes into tunnels by model name', () => {
    const routes = m.routes.map((x) => `${x.prefix.value.address}/${x.prefix.value.prefixLength} ${x.dev?.value ?? '-'} ${x.via?.value ?? '-'}`);
    expect(routes).toEqual([
      '0.0.0.0/0 - 198.51.100.1',
      '10.0.0.0/8 Tunnel0 172.31.0.1',
      '10.255.0.1/32 Tunnel0 -',
      '2001:db8:6600::/40 Tunnel1 -',
      '::/0 Tunnel1 2001:db8:66c6:6400::',
    ]);
  });

  it('skips unrelated sections silently, including banner text that looks like config', () => {
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.interfaces.some((i) => i.name === 'Tunnel99')).toBe(false);
    expect(m.coverage.unknown).toBe(0);
    expect(m.coverage.ignored).toBeGreaterThan(100);
    expect(m.coverage.lines).toBe(m.coverage.understood + m.coverage.ignored);
  });
});

describe('cisco: abbreviations and interface names', () => {
  it('expands abbreviated commands and interface types', () => {
    const m = parseText(['int tu10', ' ip add 10.0.0.1 255.255.255.0', ' tun sou Gi0/0', ' tun dest 192.0.2.1', ' tun mode gre ip', ' desc x', ' no shut'].join('\n'));
    const t = tunnel(m, 'Tunnel10');
    expect(t.nameRange).toEqual(span(0, 4, 8));
    expect(t.sourceInterface?.value).toBe('GigabitEthernet0/0');
    expect(t.remote?.value).toBe('192.0.2.1');
    expect(t.mode?.value).toBe('gre');
    expect(t.mode?.range).toEqual(span(4, 10, 16));
    expect(t.disabled).toEqual({ value: false, range: span(6, 4, 8) });
    expect(t.addresses[0].value.address).toBe('10.0.0.1');
    expect(m.unknown).toEqual([]);
  });

  it('accepts `interface tunnel 12`, lowercase names, subinterfaces and spaced source names', () => {
    const m = parseText(
      [
        'interface tunnel 12',
        ' tunnel source fastEthernet 0/0',
        ' tunnel destination 192.0.2.2',
        'interface tunnel0',
        ' tunnel source Te0/0/0.70',
        'interface Tunnel7',
        ' tunnel source tunnel 12',
      ].join('\n'),
    );
    expect(tunnel(m, 'Tunnel12').sourceInterface).toEqual({ value: 'FastEthernet0/0', range: span(1, 15, 31) });
    expect(tunnel(m, 'Tunnel12').nameRange).toEqual(span(0, 10, 19));
    expect(tunnel(m, 'Tunnel0').sourceInterface?.value).toBe('TenGigabitEthernet0/0/0.70');
    expect(tunnel(m, 'Tunnel7').sourceInterface?.value).toBe('Tunnel12');
  });

  it('reads IOS-XR tunnel-ip interfaces with ipv4 address and XR mode names', () => {
    const m = parseText(
      ['interface tunnel-ip1', ' ipv4 address 10.1.1.1/30', ' tunnel mode gre ipv4', ' tunnel source gigabit0/0/0/0', ' tunnel destination 192.0.2.1', ' exit', 'interface tunnel-ip2', ' ipv4 address 10.1.2.1 255.255.255.252', ' tunnel mode ipv6', ' tunnel destination 2001:db8::1', ' exit', 'root', 'commit'].join('\n'),
    );
    expect(tunnel(m, 'tunnel-ip1').mode?.value).toBe('gre');
    expect(tunnel(m, 'tunnel-ip1').sourceInterface?.value).toBe('GigabitEthernet0/0/0/0');
    expect(tunnel(m, 'tunnel-ip1').addresses[0].value).toEqual({ address: '10.1.1.1', prefixLength: 30, family: 4 });
    // Generic IPv6 tunnel carrying only IPv4: IPv4-in-IPv6.
    expect(tunnel(m, 'tunnel-ip2').mode?.value).toBe('ipip6');
    expect(m.unknown).toEqual([]);
  });

  it('flags the deprecated IPv4-compatible automatic tunnel mode', () => {
    const m = parseText('interface Tunnel9\n tunnel mode ipv6ip auto-tunnel\n');
    expect(tunnel(m, 'Tunnel9').mode?.value).toBe('sit');
    expect(m.deprecated).toEqual([{ range: span(1, 20, 31), word: 'auto-tunnel', replacement: '6to4' }]);
  });

  it('maps every tunnel mode to its canonical name', () => {
    const cases: [string, string, boolean?][] = [
      ['gre ip', 'gre'],
      ['gre ipv4', 'gre'],
      ['gre ipv6', 'ip6gre'],
      ['gre multipoint', 'gre', true],
      ['gre multipoint ipv6', 'ip6gre', true],
      ['ipip', 'ipip'],
      ['ipip decapsulate-any', 'ipip'],
      ['ipv6ip', 'sit'],
      ['ipv6ip 6rd', '6rd'],
      ['ipv6ip 6to4', 'sit', true],
      ['ipv6ip isatap', 'isatap', true],
      ['ipv6', 'ip6ip6'],
      ['ipsec ipv4', 'ipsec'],
      ['ipsec ipv6', 'ipsec'],
      ['vxlan ipv4 0000.0000.4321 0000.0000.1234', 'vxlan'],
      ['ethernet gre ipv4', 'gretap'],
      ['udp ip', 'other'],
      ['mpls traffic-eng', 'other'],
    ];
    for (const [words, mode, multipoint] of cases) {
      const m = parseText(`interface Tunnel1\n ipv6 address 2001:db8::1/64\n tunnel mode ${words}\n`);
      expect([words, tunnel(m, 'Tunnel1').mode?.value]).toEqual([words, mode]);
      expect([words, tunnel(m, 'Tunnel1').multipoint?.value ?? false]).toEqual([words, multipoint ?? false]);
      expect(m.unknown).toEqual([]);
    }
  });
});

describe('cisco: tunnel values', () => {
  it('last `tunnel source` wins, `dynamic` clears it, a host name destination is kept as written', () => {
    const m = parseText(['interface Tunnel0', ' tunnel source 2.3.4.5', ' tunnel source Cellular0', ' tunnel destination vpn.example.com', 'interface Tunnel1', ' tunnel source Loopback0', ' tunnel source 2001:DB8::5', ' tunnel source Ethernet0', ' tunnel source dynamic'].join('\n'));
    expect(tunnel(m, 'Tunnel0').sourceInterface?.value).toBe('Cellular0');
    expect(tunnel(m, 'Tunnel0').local).toBeUndefined();
    expect(tunnel(m, 'Tunnel0').remote?.value).toBe('vpn.example.com');
    expect(tunnel(m, 'Tunnel1').local).toBeUndefined();
    expect(tunnel(m, 'Tunnel1').sourceInterface).toBeUndefined();
  });

  it('normalises addresses and reads the VXLAN, UDP, TTL, checksum and sequence options', () => {
    const m = parseText(['interface Tunnel3', ' tunnel source 2001:DB8:0:0::1', ' tunnel destination 2001:db8::0:2', ' tunnel mode vxlan ipv6 0000.0000.0001 0000.0000.0002', ' tunnel vxlan vni 5000', ' tunnel dst-port 4789', ' tunnel ttl 64', ' tunnel tos 32', ' tunnel checksum', ' tunnel sequence-datagrams', ' tunnel key 7'].join('\n'));
    const t = tunnel(m, 'Tunnel3');
    expect(t.local?.value).toBe('2001:db8::1');
    expect(t.remote?.value).toBe('2001:db8::2');
    expect(t.vni?.value).toBe(5000);
    expect(t.dstPort?.value).toBe(4789);
    expect(t.ttl?.value).toBe(64);
    expect(t.tos?.value).toBe('32');
    expect(t.gre).toMatchObject({ icsum: true, ocsum: true, iseq: true, oseq: true, ikey: { value: 7 }, okey: { value: 7 } });
  });

  it('`shutdown` disables, `no shutdown` enables, and MTU follows the carried family', () => {
    const m = parseText(['interface Tunnel4', ' ip address 10.4.4.1 255.255.255.0', ' mtu 1500', ' ipv6 mtu 1460', ' shutdown', 'interface Tunnel5', ' ipv6 address 2001:db8:5::1/64', ' mtu 1480', 'interface Tunnel6', ' ip address 10.6.6.1 255.255.255.0', ' ip mtu 1400', ' mtu 1476'].join('\n'));
    expect(tunnel(m, 'Tunnel4').disabled?.value).toBe(true);
    expect(tunnel(m, 'Tunnel4').mtu?.value).toBe(1500); // IPv4 carried, no `ip mtu`: interface MTU
    expect(tunnel(m, 'Tunnel5').mtu?.value).toBe(1480);
    expect(tunnel(m, 'Tunnel6').mtu?.value).toBe(1400);
    expect(tunnel(m, 'Tunnel6').mtu?.range).toEqual(span(10, 8, 12));
  });

  it('a Virtual-Template of type tunnel is a tunnel; a physical interface is not', () => {
    const m = parseText(['interface Virtual-Template1 type tunnel', ' ip unnumbered Loopback0', ' ip mtu 1376', ' tunnel protection ipsec profile P', 'interface GigabitEthernet1', ' ip address 192.0.2.1 255.255.255.0'].join('\n'));
    expect(m.tunnels.map((t) => t.name)).toEqual(['Virtual-Template1']);
    expect(tunnel(m, 'Virtual-Template1').mtu?.value).toBe(1376);
    expect(m.sections.map((s) => s.kind)).toEqual(['tunnel', 'interface']);
  });

  it('link-local, EUI-64 and general-prefix IPv6 addresses are understood but not recorded', () => {
    const m = parseText(['interface Tunnel8', ' ipv6 address FE80::14 link-local', ' ipv6 address 2001:db8:8::/64 eui-64', ' ipv6 address PFX ::1/64', ' ipv6 address 2001:DB8:8::1/127', ' ipv6 address 2001:db8:9::1/128 anycast'].join('\n'));
    expect(tunnel(m, 'Tunnel8').addresses.map((a) => `${a.value.address}/${a.value.prefixLength}`)).toEqual(['2001:db8:8::1/127', '2001:db8:9::1/128']);
    expect(m.invalid).toEqual([]);
    expect(m.coverage.understood).toBe(6);
  });
});

describe('cisco: unknown commands, with exact ranges', () => {
  it('reports a mistyped tunnel keyword with did-you-mean', () => {
    const text = ['interface Tunnel0', ' tunel mode gre ip', ' tunnel destnation 192.0.2.1', ' tunnel mode grr', ' escription to hq', ' ip adress 10.0.0.1 255.0.0.0'].join('\n');
    const m = parseText(text);
    expect(m.unknown).toEqual([
      { range: span(1, 1, 6), word: 'tunel', suggestion: 'tunnel', expected: 'an interface command' },
      { range: span(2, 8, 18), word: 'destnation', suggestion: 'destination', expected: 'a tunnel command (source, destination, mode, key, 6rd, ...)' },
      { range: span(3, 13, 16), word: 'grr', suggestion: 'gre', expected: expect.stringContaining('a tunnel mode') },
      { range: span(4, 1, 11), word: 'escription', suggestion: 'description', expected: 'an interface command' },
      { range: span(5, 4, 10), word: 'adress', suggestion: 'address', expected: 'an `ip` interface command' },
    ]);
    expect(m.coverage.unknown).toBe(5);
    expect(tunnel(m, 'Tunnel0').remote).toBeUndefined();
  });

  it('reports any unknown word under `tunnel`, with no suggestion when nothing is close', () => {
    const m = parseText('interface Tunnel0\n tunnel frobnicate 3\n');
    expect(m.unknown).toEqual([{ range: span(1, 8, 18), word: 'frobnicate', expected: 'a tunnel command (source, destination, mode, key, 6rd, ...)' }]);
  });

  it('leaves unrelated interface commands alone, and flags a mistyped `interface`', () => {
    const m = parseText(['interface GigabitEthernet0/0', ' ip nhrp map multicast dynamic', ' crypto map CM', ' cdp enable', ' hold-queue 4096 in', ' tx-ring-limit 64', 'interfce Tunnel1', ' tunnel source 192.0.2.1'].join('\n'));
    expect(m.unknown).toEqual([{ range: span(6, 0, 8), word: 'interfce', suggestion: 'interface', expected: 'a global command' }]);
    expect(m.tunnels).toEqual([]);
  });
});

describe('cisco: invalid values', () => {
  it('names what was expected, on the exact token', () => {
    const text = [
      'interface Tunnel0',
      ' ip address 10.0.0.300 255.255.255.0',
      ' ip address 10.0.0.1 255.0.255.0',
      ' ip mtu 40',
      ' ipv6 mtu 1000',
      ' tunnel key 99999999999',
      ' tunnel 6rd prefix 2001:db8:/32',
      ' tunnel destination 1.2.3',
      ' tunnel source YOUR_UPLINK_ADDRESS',
      ' tunnel mode',
    ].join('\n');
    const m = parseText(text);
    const found = m.invalid.map((i) => [textAt(text, i.range), i.message]);
    expect(found).toEqual([
      ['10.0.0.300', expect.stringContaining('expected an IPv4 address')],
      ['255.0.255.0', expect.stringContaining('not a valid netmask')],
      ['40', expect.stringContaining('from 68 to 65535')],
      ['1000', expect.stringContaining('from 1280 to 65535')],
      ['99999999999', expect.stringContaining('tunnel key')],
      ['2001:db8:/32', expect.stringContaining('IPv6 prefix')],
      ['1.2.3', expect.stringContaining('tunnel destination')],
      ['YOUR_UPLINK_ADDRESS', expect.stringContaining('template placeholder')],
      ['mode', expect.stringContaining('expected a tunnel mode')],
    ]);
    expect(m.unknown).toEqual([]);
  });

  it('warns about inline comments, which IOS rejects', () => {
    const text = 'interface Tunnel0\n ip address 192.168.0.1 255.255.255.0\t# inside the tunnel\n';
    const m = parseText(text);
    expect(m.invalid).toHaveLength(1);
    expect(textAt(text, m.invalid[0].range)).toBe('# inside the tunnel');
    expect(tunnel(m, 'Tunnel0').addresses).toHaveLength(1);
  });
});

describe('cisco: layout variants', () => {
  it('reads blocks without indentation and ends them at the next global command', () => {
    const m = parseText(['interface Tunnel100', 'ip address 10.0.0.2 255.255.255.252', 'tunnel source 203.0.113.10', 'tunnel destination 198.51.100.2', 'ip route 10.9.0.0 255.255.0.0 Tunnel100', 'router ospf 1', ' network 10.0.0.0 0.0.0.3 area 0'].join('\n'));
    const t = tunnel(m, 'Tunnel100');
    expect(t.local?.value).toBe('203.0.113.10');
    expect(t.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 3, character: 31 } });
    expect(m.routes[0].dev?.value).toBe('Tunnel100');
  });

  it('reads a whole file indented by one space, and `!`, `#` comment lines inside blocks', () => {
    const m = parseText([' hostname h', ' !', ' interface Tunnel2', '  ! comment in the block', '# another', '  tunnel destination 192.0.2.5', '  tunnel mode gre multipoint', ' !', ' interface Tunnel3', '  tunnel destination 192.0.2.6'].join('\n'));
    expect(m.hostname?.value).toBe('h');
    expect(tunnel(m, 'Tunnel2').remote?.value).toBe('192.0.2.5');
    expect(tunnel(m, 'Tunnel2').multipoint?.value).toBe(true);
    expect(tunnel(m, 'Tunnel3').remote?.value).toBe('192.0.2.6');
    expect(m.coverage.lines).toBe(6);
  });

  it('reads a pasted CLI session with prompts and skips pasted show output', () => {
    const m = parseFixture('pasted-session.ios');
    expect(m.hostname?.value).toBe('r2');
    const t = tunnel(m, 'Tunnel10');
    expect(t.sourceInterface?.value).toBe('GigabitEthernet0/1');
    expect(t.remote?.value).toBe('192.0.2.1');
    expect(t.description?.value).toBe('to r1');
    expect(m.tunnels).toHaveLength(1);
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
  });

  it('an `exit` from an interface sub-mode stays in the interface; global sub-modes fold as blocks', () => {
    const m = parseText(['interface GigabitEthernet0/0/1', ' service-instance 10 ethernet', '  encapsulation dot1q 10', '  exit', ' ip address 192.0.2.1 255.255.255.0', 'router bgp 65000', ' neighbor 192.0.2.2 remote-as 65001', ' address-family ipv4', '  neighbor 192.0.2.2 activate', 'ip route 0.0.0.0 0.0.0.0 192.0.2.2'].join('\n'));
    expect(m.interfaces[0].addresses[0].value.address).toBe('192.0.2.1');
    expect(m.sections.map((s) => [s.kind, s.name, s.range.start.line, s.range.end.line])).toEqual([
      ['interface', 'GigabitEthernet0/0/1', 0, 4],
      ['block', 'router bgp 65000', 5, 8],
    ]);
    expect(m.routes).toHaveLength(1);
  });

  it('a `(config)#` prompt ends the interface the previous prompt was in', () => {
    const m = parseText(['r1(config)#interface Tunnel1', 'r1(config-if)#tunnel destination 192.0.2.1', 'r1(config)#description not the tunnel\'s', 'r1(config)#ip route 10.0.0.0 255.0.0.0 Tunnel1'].join('\n'));
    expect(tunnel(m, 'Tunnel1').remote?.value).toBe('192.0.2.1');
    expect(tunnel(m, 'Tunnel1').description).toBeUndefined();
    expect(m.routes[0].dev?.value).toBe('Tunnel1');
  });

  it('skips banners whatever their delimiter, on one line or many', () => {
    const m = parseText(['banner motd #', 'interface Tunnel1', ' tunnel destination 192.0.2.1', '#', 'banner login ^CNo entry^C', 'banner exec !', 'text !', 'hostname after'].join('\n'));
    expect(m.tunnels).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.hostname?.value).toBe('after');
  });

  it('handles CRLF line endings with ranges on the exact token', () => {
    const m = parseFixture('crlf.ios');
    expect(m.hostname?.value).toBe('crlf-r1');
    const t = tunnel(m, 'Tunnel5');
    expect(t.remote).toEqual({ value: '192.0.2.10', range: span(5, 20, 30) });
    expect(m.unknown).toEqual([{ range: span(6, 1, 6), word: 'tunel', suggestion: 'tunnel', expected: 'an interface command' }]);
  });

  it('one broken line does not hide the rest of the file', () => {
    const m = parseText(['interface Tunnel0', ' tunnel destination', ' ip address "10.0.0.1" 255.255.255.0', ' tunnel ', ' tunnel source 192.0.2.1', ' tunnel destination 192.0.2.2'].join('\n'));
    const t = tunnel(m, 'Tunnel0');
    expect(t.local?.value).toBe('192.0.2.1');
    expect(t.remote?.value).toBe('192.0.2.2');
    expect(m.invalid.map((i) => i.range.start.line)).toEqual([1, 2, 3]);
    expect(m.invalid[1].message).toContain('IOS takes no quotes');
  });

  it('reads `ip route` variants: vrf, interface with a space, dhcp, and negations', () => {
    const m = parseText(['ip route vrf CUST 10.1.0.0 255.255.0.0 Tunnel 3 10.0.0.1 200', 'ip route 0.0.0.0 0.0.0.0 dhcp', 'no ip route 10.2.0.0 255.255.0.0 Tunnel3', 'ipv6 route 2001:db8::/32 2001:db8:ffff::1 name X', 'ip route 10.3.0.0 255.255.0.0 bogus'].join('\n'));
    expect(m.routes.map((x) => [x.prefix.value.address, x.dev?.value, x.via?.value])).toEqual([
      ['10.1.0.0', 'Tunnel3', '10.0.0.1'],
      ['0.0.0.0', undefined, undefined],
      ['2001:db8::', undefined, '2001:db8:ffff::1'],
    ]);
    expect(m.invalid).toHaveLength(1);
    expect(m.invalid[0].message).toContain('not a next hop');
  });
});
