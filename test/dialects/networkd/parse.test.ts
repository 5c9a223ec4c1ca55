import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/networkd';
import { cidrs, dialectFiles, span, textAt, tunnel, withoutRanges } from '../helpers';

const { fixtureText, parseFixture, parseText } = dialectFiles(parse, __dirname, 'test.netdev');

describe('networkd .netdev: tunnels', () => {
  it('reads a sit tunnel with its MTU, endpoints and TTL on their exact tokens, comments skipped', () => {
    const text = fixtureText('he-ipv6.netdev');
    const m = parseFixture('he-ipv6.netdev');
    expect(m.dialect).toBe('linux');
    const t = tunnel(m, 'he-ipv6');
    expect(textAt(text, t.nameRange)).toBe('he-ipv6');
    expect(t.mode?.value).toBe('sit');
    expect(textAt(text, t.mode!.range)).toBe('sit');
    expect([t.local?.value, t.remote?.value]).toEqual(['198.51.100.10', '216.66.80.30']);
    expect(textAt(text, t.remote!.range)).toBe('216.66.80.30');
    expect(t.mtu?.value).toBe(1472);
    expect(textAt(text, t.mtu!.range)).toBe('1472');
    expect(t.ttl?.value).toBe(255);
    expect(t.description?.value).toBe('Hurricane Electric 6in4');
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.coverage).toEqual({ lines: 12, understood: 12, ignored: 0, unknown: 0 });
    expect(m.sections.map((s) => s.name)).toEqual(['[Match]', '[NetDev]', '[Tunnel]']);
    expect(textAt(text, m.sections[1].nameRange)).toBe('[NetDev]');
  });

  it('reads asymmetric dotted-quad and numeric GRE keys and sequence numbers', () => {
    const text = fixtureText('gre-dc2.netdev');
    const t = tunnel(parseFixture('gre-dc2.netdev'), 'gre-dc2');
    expect(t.mode?.value).toBe('gre');
    expect(t.gre?.ikey?.value).toBe(0x01020304);
    expect(textAt(text, t.gre!.ikey!.range)).toBe('1.2.3.4');
    expect(t.gre?.okey?.value).toBe(42);
    expect([t.gre?.iseq, t.gre?.oseq]).toEqual([true, true]);
    expect(t.mtu?.value).toBe(1468);
  });

  it('Key= applies both ways unless InputKey=/OutputKey= override it, in any order; Key=0 is no key', () => {
    const m = parseText('[Tunnel]\nInputKey=7\nKey=5\n[NetDev]\nName=g\nKind=ip6gre\n');
    expect([tunnel(m, 'g').gre?.ikey?.value, tunnel(m, 'g').gre?.okey?.value]).toEqual([7, 5]);
    expect(tunnel(parseText('[NetDev]\nName=g\nKind=gre\n[Tunnel]\nKey=0\n'), 'g').gre).toBeUndefined();
  });

  it('reads ip6tnl Mode= and EncapsulationLimit=none', () => {
    const text = fixtureText('core6.netdev');
    const t = tunnel(parseFixture('core6.netdev'), 'core6');
    expect(t.mode?.value).toBe('ipip6');
    expect(textAt(text, t.mode!.range)).toBe('ipip6');
    expect(t.encapLimit?.value).toBe('none');
    expect(t.remote?.value).toBe('2001:db8:b::1');
  });

  it('ip6tnl without Mode= carries any protocol: ip6ip6 from the Kind= token', () => {
    const text = '[NetDev]\nName=t6\nKind=ip6tnl\n[Tunnel]\nRemote=2001:db8::2\nEncapsulationLimit=4\n';
    const t = tunnel(parseText(text), 't6');
    expect(t.mode?.value).toBe('ip6ip6');
    expect(t.mode?.range).toEqual(span(2, 5, 11));
    expect(t.encapLimit?.value).toBe(4);
  });

  it('reads a VXLAN with VNI, port and inherit TTL; Id= is the deprecated name of VNI=', () => {
    const t = tunnel(parseFixture('vx100.netdev'), 'vx100');
    expect([t.mode?.value, t.vni?.value, t.dstPort?.value, t.remote?.value, t.local?.value]).toEqual(['vxlan', 100, 4789, '203.0.113.7', '198.51.100.10']);
    expect(t.ttl?.value).toBe(0);
    expect(t.mtu?.value).toBe(1450);
    const m = parseText('[NetDev]\nName=vx\nKind=vxlan\n[VXLAN]\nId=5\nGroup=239.1.1.1\n');
    expect(tunnel(m, 'vx').vni?.value).toBe(5);
    expect(tunnel(m, 'vx').multipoint?.value).toBe(true);
    expect(m.deprecated).toEqual([{ range: span(4, 0, 2), word: 'Id', replacement: 'VNI' }]);
  });

  it('reads a 6rd CE: sit with IPv6RapidDeploymentPrefix=, local from DHCP', () => {
    const t = tunnel(parseFixture('sixrd-ce.netdev'), '6rd');
    expect(t.mode?.value).toBe('sit');
    expect(t.sixrd?.prefix?.value).toEqual({ address: '2001:db8:10::', prefixLength: 32, family: 6 });
    expect(t.local).toBeUndefined();
  });

  it('ISATAP=yes makes a sit device an ISATAP tunnel; sit Mode=ipip carries IPv4', () => {
    expect(tunnel(parseText('[NetDev]\nName=is0\nKind=sit\n[Tunnel]\nISATAP=yes\n'), 'is0').mode?.value).toBe('isatap');
    expect(tunnel(parseText('[NetDev]\nName=s0\nKind=sit\n[Tunnel]\nMode=ipip\n'), 's0').mode?.value).toBe('ipip');
  });

  it('MTUBytes takes K/M/G suffixes (base 1024) and keeps a syntactically valid huge value for the MTU checks', () => {
    expect(tunnel(parseText('[NetDev]\nName=g\nKind=gre\nMTUBytes=9K\n'), 'g').mtu?.value).toBe(9216);
    const m = parseText('[NetDev]\nName=g\nKind=ip6gre\nMTUBytes=14180\n');
    expect(tunnel(m, 'g').mtu?.value).toBe(14180);
    expect(m.invalid).toEqual([]);
  });

  it('a non-tunnel kind is an interface with its MTU', () => {
    const m = parseText('[NetDev]\nName=br0\nKind=bridge\nMTUBytes=9000\n[Bridge]\nSTP=yes\n');
    expect(m.tunnels).toEqual([]);
    expect(m.interfaces.map((i) => [i.name, i.mtu?.value])).toEqual([['br0', 9000]]);
    expect(m.unknown).toEqual([]);
    expect(m.coverage).toEqual({ lines: 6, understood: 4, ignored: 2, unknown: 0 });
  });
});

describe('networkd .netdev: mistakes', () => {
  const text = fixtureText('broken.netdev');
  const m = parseFixture('broken.netdev');

  it('reports misspelt keys and sections on the exact word, with did-you-mean (keys are case-sensitive)', () => {
    expect(m.unknown.map((u) => [u.word, u.suggestion, u.range, u.expected])).toEqual([
      ['Remte', 'Remote', span(9, 0, 5), 'a [Tunnel] setting'],
      ['local', 'Local', span(10, 0, 5), 'a [Tunnel] setting'],
      ['Tunel', 'Tunnel', span(21, 0, 7), expect.stringContaining('a .netdev section ([Match], [NetDev], [Tunnel]')],
      ['Network', undefined, span(24, 0, 9), expect.stringContaining('[Network] belongs in a .network file')],
    ]);
  });

  it('reports malformed values and lines with what was expected, and still reads the tunnel', () => {
    const messages = m.invalid.map((i) => [textAt(text, i.range), i.message]);
    expect(messages).toEqual([
      ['[NetDev', expect.stringContaining('expected `]`')],
      ['lots', expect.stringContaining('expected an MTU')],
      ['2001:db8::9', expect.stringContaining('an IPv4 address')],
      ['99999999999', expect.stringContaining('expected a key')],
      ['ip6ip6', expect.stringContaining('Mode= applies to Kind=ip6tnl, sit and ipip only')],
      ['just some words', expect.stringContaining('expected `Key=Value`')],
      ['=', expect.stringContaining('expected a setting name')],
      ['300', expect.stringContaining('expected a TTL: a number from 0 to 255')],
      ['[VXLAN]', expect.stringContaining('[VXLAN] does not apply to `Kind=gre`')],
    ]);
    const t = tunnel(m, 'gre-broken');
    expect(t.mode?.value).toBe('gre');
    expect(t.remote).toBeUndefined();
    expect(t.local).toBeUndefined();
    expect(m.coverage.unknown).toBe(6);
    expect(m.coverage.lines).toBe(m.coverage.understood + m.coverage.ignored + m.coverage.unknown);
  });

  it('an unknown Kind= gets a did-you-mean; a .netdev without Name= or Kind= says systemd ignores it', () => {
    const bad = parseText('[NetDev]\nName=x\nKind=gree\n');
    expect([bad.tunnels, bad.interfaces]).toEqual([[], []]);
    expect(bad.invalid.map((i) => [i.range, i.message])).toEqual([[span(2, 5, 9), expect.stringContaining('did you mean `gre`?')]]);
    const nameless = parseText('[Tunnel]\nRemote=192.0.2.1\n');
    expect(nameless.invalid.map((i) => i.message)).toEqual([
      expect.stringContaining('missing `Name=`'),
      expect.stringContaining('missing `Kind=`'),
    ]);
    expect(parseText('Name=x\n').invalid.map((i) => i.message)).toEqual([
      expect.stringContaining('missing `Name=`'),
      expect.stringContaining('missing `Kind=`'),
      expect.stringContaining('outside of any section'),
    ]);
  });

  it('keys on tunnels that take none and 6rd prefixes outside sit are flagged', () => {
    const m2 = parseText('[NetDev]\nName=i\nKind=ipip\n[Tunnel]\nKey=5\nIPv6RapidDeploymentPrefix=2001:db8::/32\n');
    expect(m2.invalid.map((i) => i.message)).toEqual([
      'Key= has no effect on Kind=ipip: only GRE and VTI tunnels use keys',
      'IPv6RapidDeploymentPrefix= applies to Kind=sit only, not Kind=ipip',
    ]);
  });

  it('reads CRLF files exactly like LF files', () => {
    expect(parseText(text.replace(/\n/g, '\r\n'), 'broken.netdev')).toEqual(parseText(text, 'broken.netdev'));
  });
});

describe('networkd unit syntax', () => {
  it('joins continued values, skipping comment lines inside them, and has no inline comments', () => {
    const text = '[Match]\nName=eth0 \\\n# a comment\n  eth1\n[Network]\nAddress=10.0.0.1/24 # not a comment\n';
    const m = parse('two.network', text);
    expect(m.interfaces.map((i) => i.name)).toEqual(['eth0', 'eth1']);
    expect(textAt(text, m.interfaces[1].nameRange)).toBe('eth1');
    expect(m.invalid.map((i) => i.message)).toEqual([expect.stringContaining('not `10.0.0.1/24 # not a comment`')]);
    expect(m.coverage).toEqual({ lines: 5, understood: 5, ignored: 0, unknown: 0 });
  });

  it('white space around keys, `=` and values is dropped; X- keys and sections are ignored', () => {
    const text = '  [NetDev]  \n  Name =  t0  \n\tKind\t=\tgre\nX-Note=1\n[X-Vendor]\nAnything=1\n';
    const m = parseText(text);
    expect(textAt(text, tunnel(m, 't0').nameRange)).toBe('t0');
    expect(m.unknown).toEqual([]);
    expect(m.coverage).toEqual({ lines: 6, understood: 3, ignored: 3, unknown: 0 });
  });

  it('a later assignment wins; an empty one resets the setting, without complaint', () => {
    const m = parseText('[NetDev]\nName=t\nKind=gre\nMTUBytes=1400\nMTUBytes=\n[Tunnel]\nRemote=192.0.2.1\nRemote=\nTTL=9\nTTL=10\n');
    const t = tunnel(m, 't');
    expect([t.remote, t.mtu, t.ttl?.value]).toEqual([undefined, undefined, 10]);
    expect(m.invalid).toEqual([]);
  });

  it('gives the same model for the same meaning, wherever it is written', () => {
    const a = parseText('[NetDev]\nName=t\nKind=gre\n[Tunnel]\nRemote=192.0.2.1\n');
    const b = parseText('# x\n[Tunnel]\nRemote = 192.0.2.1\n\n[NetDev]\nKind=gre\nName=t\n');
    expect(withoutRanges(a.tunnels)).toEqual(withoutRanges(b.tunnels));
  });
});

describe('networkd .network: links, tunnels on them, addresses and routes', () => {
  it('a .network matching a tunnel gives its addresses; its gateway and [Route] give routes into it', () => {
    const text = fixtureText('he-ipv6.network');
    const m = parse('he-ipv6.network', text);
    expect(m.tunnels).toEqual([]);
    expect(m.interfaces.map((i) => [i.name, cidrs(i.addresses)])).toEqual([['he-ipv6', ['2001:db8:1f0a:5c::2/64']]]);
    expect(m.routes.map((r) => [`${r.prefix.value.address}/${r.prefix.value.prefixLength}`, r.via?.value, r.dev?.value])).toEqual([
      ['::/0', '2001:db8:1f0a:5c::1', 'he-ipv6'],
      ['2001:db8:1f0b::/48', undefined, 'he-ipv6'],
    ]);
    expect(textAt(text, m.routes[0].via!.range)).toBe('2001:db8:1f0a:5c::1');
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
  });

  it('the uplink carries the tunnels it names (their underlay) and unrelated sections make no noise', () => {
    const text = fixtureText('uplink.network');
    const m = parse('uplink.network', text);
    expect(m.interfaces.map((i) => [i.name, i.mtu?.value, cidrs(i.addresses)])).toEqual([['enp1s0', 1500, ['198.51.100.10/24', '198.51.100.11/24']]]);
    expect(m.tunnels.map((t) => [t.name, t.dev?.value, t.mode])).toEqual([
      ['he-ipv6', 'enp1s0', undefined],
      ['gre-dc2', 'enp1s0', undefined],
      ['core6', 'enp1s0', undefined],
      ['vx100', 'enp1s0', undefined],
    ]);
    expect(textAt(text, tunnel(m, 'vx100').nameRange)).toBe('vx100');
    expect(textAt(text, tunnel(m, 'vx100').dev!.range)).toBe('enp1s0');
    expect(m.routes.map((r) => [`${r.prefix.value.address}/${r.prefix.value.prefixLength}`, r.via?.value, r.dev?.value])).toEqual([
      ['0.0.0.0/0', '198.51.100.1', 'enp1s0'],
      ['10.20.0.0/16', '198.51.100.254', 'enp1s0'],
    ]);
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.coverage.unknown).toBe(0);
    // Unrelated: [DHCPv4], [IPv6AcceptRA] and [CAKE] (8 lines) and the X-Owner= extension key.
    expect(m.coverage).toEqual({ lines: 38, understood: 29, ignored: 9, unknown: 0 });
  });

  it('globs and negations name no interface in particular; near-miss keys are reported', () => {
    const text = '[Match]\nName=en* !enp9s0\n[Network]\nAdress=10.0.0.1/24\nTunnel=t0\n[Links]\nMTUBytes=1400\n';
    const m = parse('glob.network', text);
    expect(m.interfaces).toEqual([]);
    expect(m.tunnels.map((t) => [t.name, t.dev])).toEqual([['t0', undefined]]);
    expect(m.unknown.map((u) => [u.word, u.suggestion, u.range])).toEqual([
      ['Adress', 'Address', span(3, 0, 6)],
      ['Links', 'Link', span(5, 0, 7)],
    ]);
  });

  it('a .netdev section in a .network file is misplaced', () => {
    const m = parse('x.network', '[Match]\nName=eth0\n[Tunnel]\nRemote=192.0.2.1\n');
    expect(m.unknown.map((u) => [u.word, u.range, u.expected])).toEqual([['Tunnel', span(2, 0, 8), expect.stringContaining('belongs in a .netdev file')]]);
    expect(m.tunnels).toEqual([]);
  });

  it('an IPv4 address without a length is classful, as networkd reads it; pool addresses are skipped', () => {
    const m = parse('x.network', '[Match]\nName=eth0\n[Network]\nAddress=10.1.2.3\nAddress=192.168.1.1\nAddress=0.0.0.0/24\n');
    expect(cidrs(m.interfaces[0].addresses)).toEqual(['10.1.2.3/8', '192.168.1.1/24']);
  });
});
