import { describe, expect, it } from 'vitest';
import { exampleText, span, textAt, tunnel, withoutRanges } from '../helpers';
import { fixtureText, parseFixture, parseText } from './helpers';

describe('vyos: reference GRE pair (examples/gre-vyos*)', () => {
  const text = exampleText('gre-vyoshkg1.vyos');
  const m = parseText(text, 'gre-vyoshkg1.vyos');

  it('finds tun0 with mode, endpoints, address and description on their exact tokens', () => {
    expect(m.tunnels.map((t) => t.name)).toEqual(['tun0']);
    const t = tunnel(m, 'tun0');
    expect(t.mode?.value).toBe('gre');
    expect(textAt(text, t.mode!.range)).toBe("'gre'");
    expect(t.local?.value).toBe('10.111.147.74');
    expect(textAt(text, t.local!.range)).toBe("'10.111.147.74'");
    expect(t.remote?.value).toBe('10.132.75.79');
    expect(t.addresses.map((a) => a.value)).toEqual([{ address: '192.168.0.2', prefixLength: 30, family: 4 }]);
    expect(t.description?.value).toBe('GRE_HKG_TO_TOK');
    expect(textAt(text, t.nameRange)).toBe('tun0');
    expect(t.mtu).toBeUndefined();
  });

  it('records the underlay interface and flags the 1.2 keyword names as deprecated, never unknown', () => {
    expect(m.interfaces).toHaveLength(1);
    expect(m.interfaces[0].name).toBe('eth0');
    expect(m.interfaces[0].addresses.map((a) => `${a.value.address}/${a.value.prefixLength}`)).toEqual([
      '10.111.147.74/26',
      '172.16.1.1/24',
    ]);
    expect(m.deprecated.map((d) => [d.word, d.replacement])).toEqual([
      ['multicast enable', 'enable-multicast'],
      ['local-ip', 'source-address'],
      ['remote-ip', 'remote'],
    ]);
    expect(textAt(text, m.deprecated[0].range)).toBe('multicast enable');
    expect(textAt(text, m.deprecated[1].range)).toBe('local-ip');
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.coverage).toEqual({ lines: 8, understood: 8, ignored: 0, unknown: 0 });
  });

  it('reads the other end as its mirror image', () => {
    const other = parseText(exampleText('gre-vyostok1.vyos'));
    const t = tunnel(other, 'tun0');
    expect([t.local?.value, t.remote?.value]).toEqual(['10.132.75.79', '10.111.147.74']);
  });
});

describe('vyos: full set-command configuration', () => {
  const text = fixtureText('hq-router.vyos');
  const m = parseFixture('hq-router.vyos');

  it('produces no noise on a real configuration with long unrelated sections', () => {
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.deprecated).toEqual([]);
    expect(m.coverage.unknown).toBe(0);
    expect(m.coverage.lines).toBe(62);
    expect(m.coverage.lines).toBe(m.coverage.understood + m.coverage.ignored);
    expect(m.hostname?.value).toBe('hq-edge');
    expect(textAt(text, m.hostname!.range)).toBe("'hq-edge'");
  });

  it('reads a GRE tunnel with key, TTL, MSS and MTU', () => {
    const t = tunnel(m, 'tun10');
    expect(t.mode?.value).toBe('gre');
    expect(t.gre?.ikey?.value).toBe(42);
    expect(t.gre?.okey?.value).toBe(42);
    expect(textAt(text, t.gre!.ikey!.range)).toBe("'42'");
    expect(t.ttl?.value).toBe(64);
    expect(t.mss?.value).toBe(1436);
    expect(t.mtu?.value).toBe(1476);
    expect(t.description?.value).toBe('GRE to branch 1');
    // A set-command tunnel is declared by its first line.
    expect(t.range.start.line).toBe(16);
  });

  it('reads an ip6gre tunnel with dual-stack addresses, encaplimit none and hoplimit', () => {
    const t = tunnel(m, 'tun20');
    expect(t.mode?.value).toBe('ip6gre');
    expect(t.local?.value).toBe('2001:db8:10::1');
    expect(t.addresses.map((a) => a.value.family)).toEqual([6, 4]);
    expect(t.encapLimit?.value).toBe('none');
    expect(t.ttl?.value).toBe(32);
  });

  it('reads a 6rd tunnel sourced from an interface', () => {
    const t = tunnel(m, 'tun30');
    expect(t.mode?.value).toBe('sit');
    expect(t.local).toBeUndefined();
    expect(t.sourceInterface?.value).toBe('eth0');
    expect(t.sixrd?.prefix?.value).toEqual({ address: '2001:db8:10::', prefixLength: 48, family: 6 });
    expect(t.sixrd?.relayPrefix?.value).toEqual({ address: '198.51.0.0', prefixLength: 16, family: 4 });
    expect(t.sixrd?.ipv4MaskLen?.value).toBe(16);
    expect(textAt(text, t.sixrd!.ipv4MaskLen!.range)).toBe("'198.51.0.0/16'");
    expect(t.disabled?.value).toBe(true);
    expect(textAt(text, t.disabled!.range)).toBe('disable');
  });

  it('reads a VXLAN interface as a tunnel, its mode written by the interface type', () => {
    const t = tunnel(m, 'vxlan100');
    expect(t.mode?.value).toBe('vxlan');
    expect(textAt(text, t.mode!.range)).toBe('vxlan');
    expect(t.vni?.value).toBe(100);
    expect(t.dstPort?.value).toBe(4789);
    expect(t.remote?.value).toBe('203.0.113.30');
    expect(t.mtu?.value).toBe(1450);
  });

  it('reads interfaces, VLAN sub-interfaces and their MTUs', () => {
    expect(m.interfaces.map((i) => i.name)).toEqual(['eth0', 'eth1', 'eth1.20', 'lo']);
    const eth0 = m.interfaces[0];
    expect(eth0.mtu?.value).toBe(9000);
    expect(m.interfaces[2].mtu?.value).toBe(1496);
    expect(m.interfaces[2].addresses[0].value.address).toBe('10.20.0.1');
  });

  it('reads static routes by next hop, by interface, and both', () => {
    expect(m.routes.map((x) => [`${x.prefix.value.address}/${x.prefix.value.prefixLength}`, x.via?.value, x.dev?.value])).toEqual([
      ['0.0.0.0/0', '198.51.100.1', undefined],
      ['10.2.0.0/16', undefined, 'tun10'],
      ['10.3.0.0/16', '172.31.0.6', 'tun20'],
      ['2001:db8:30::/48', undefined, 'tun30'],
    ]);
    const line = text.split('\n')[m.routes[1].range.start.line];
    expect(m.routes[1].range).toEqual(span(51, 0, line.length));
    expect(textAt(text, m.routes[2].dev!.range)).toBe("'tun20'");
  });

  it('makes one outline section per run of lines about one interface', () => {
    const names = m.sections.map((s) => `${s.kind}:${s.name}`);
    expect(names).toEqual([
      'interface:eth0',
      'interface:eth1',
      'interface:eth1.20',
      'interface:lo',
      'tunnel:tun10',
      'tunnel:tun20',
      'tunnel:tun30',
      'tunnel:vxlan100',
    ]);
    const tun10 = m.sections[4];
    expect(tun10.range.start.line).toBe(16);
    expect(tun10.range.end.line).toBe(24);
    expect(textAt(text, tun10.nameRange)).toBe('tun10');
  });
});

describe('vyos: config.boot', () => {
  const text = fixtureText('hq-router.config.boot');
  const m = parseFixture('hq-router.config.boot');

  it('says exactly what the equivalent set commands say', () => {
    const set = parseFixture('hq-router.vyos');
    for (const key of ['hostname', 'interfaces', 'tunnels', 'routes'] as const) {
      expect(withoutRanges(m[key])).toEqual(withoutRanges(set[key]));
    }
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.coverage.unknown).toBe(0);
  });

  it('puts ranges on the tokens inside the tree, and declares a tunnel by its whole block', () => {
    const t = tunnel(m, 'tun10');
    expect(textAt(text, t.gre!.ikey!.range)).toBe('42');
    expect(t.gre!.ikey!.range.start.line).toBe(26);
    expect(textAt(text, t.description!.range)).toBe('"GRE to branch 1"');
    expect(t.description?.value).toBe('GRE to branch 1');
    expect(t.range.start).toEqual({ line: 16, character: 4 });
    expect(t.range.end).toEqual({ line: 32, character: 5 });
  });

  it('counts braces with their block and skips comments of every form', () => {
    const c = m.coverage;
    // Non-blank lines minus the three footer comment lines.
    expect(c.lines).toBe(text.split('\n').filter((l) => l.trim() !== '').length - 3);
    expect(c.lines).toBe(c.understood + c.ignored);
    expect(c.ignored).toBeGreaterThan(20); // nat, bgp and the login tree
  });

  it('folds every block, naming interface and tunnel blocks by their interface', () => {
    const tun = m.sections.find((s) => s.kind === 'tunnel' && s.name === 'tun20')!;
    expect(tun.range.start.line).toBe(33);
    expect(textAt(text, tun.nameRange)).toBe('tun20');
    expect(m.sections.find((s) => s.name === 'protocols')?.kind).toBe('block');
    expect(m.sections.some((s) => s.kind === 'interface' && s.name === 'eth1.20')).toBe(true);
  });

  it('gives a tree route the range from its `route` keyword to its target', () => {
    const route = m.routes[2];
    expect(route.range.start).toEqual({ line: textLine(text, 'route 10.3.0.0/16'), character: 8 });
    expect(route.range.end.line).toBe(textLine(text, 'interface tun20'));
  });
});

function textLine(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle));
}

describe('vyos: renamed keywords (VyOS 1.2, EdgeOS)', () => {
  const text = fixtureText('legacy-1.2.vyos');
  const m = parseFixture('legacy-1.2.vyos');

  it('honours the old names and says what replaced them', () => {
    expect(m.deprecated.map((d) => `${d.word}→${d.replacement}`)).toEqual([
      'gre-bridge→gretap',
      'local-ip→source-address',
      'remote-ip→remote',
      'multicast enable→enable-multicast',
      'dhcp-interface→source-interface',
      'remote-ip→remote',
      'link→source-interface',
      'interface-route→route',
      'next-hop-interface→interface',
    ]);
    expect(textAt(text, m.deprecated[0].range)).toBe("'gre-bridge'");
    const tun0 = tunnel(m, 'tun0');
    expect(tun0.mode?.value).toBe('gretap');
    expect(tun0.local?.value).toBe('192.0.2.10');
    const tun1 = tunnel(m, 'tun1');
    expect(tun1.sourceInterface?.value).toBe('eth0');
    expect(tun1.remote?.value).toBe('192.0.2.30');
    const vx = tunnel(m, 'vxlan5');
    expect(vx.sourceInterface?.value).toBe('eth0');
    expect(vx.multipoint?.value).toBe(true);
    expect(m.routes.map((x) => [x.prefix.value.address, x.dev?.value])).toEqual([['10.9.0.0', 'tun1']]);
  });

  it('marks exactly the text each replacement replaces: applying them all gives the same model, up to date', () => {
    const edits = [...m.deprecated].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    const lines = text.split('\n');
    for (const d of edits) {
      const l = lines[d.range.start.line];
      lines[d.range.start.line] = l.slice(0, d.range.start.character) + d.replacement + l.slice(d.range.end.character);
    }
    const migrated = parseText(lines.join('\n'));
    expect(migrated.deprecated).toEqual([]);
    expect(migrated.unknown).toEqual([]);
    expect(withoutRanges(migrated.tunnels)).toEqual(withoutRanges(m.tunnels));
    expect(withoutRanges(migrated.routes)).toEqual(withoutRanges(m.routes));
  });

  it('understands the vbash wrapper lines and strips trailing comments', () => {
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.coverage).toEqual({ lines: 18, understood: 18, ignored: 0, unknown: 0 });
    expect(textAt(text, tunnel(m, 'tun0').local!.range)).toBe('192.0.2.10');
  });

  it('reads EdgeOS 6rd: prefix, default gateway at the relay, top-level ttl', () => {
    const e = parseFixture('edgeos-6rd.vyos');
    const t = tunnel(e, 'tun0');
    expect(t.sixrd?.prefix?.value.prefixLength).toBe(28);
    expect(t.ipv6Gateway?.value).toBe('::c53:3151'); // ::12.83.49.81
    expect(t.ttl?.value).toBe(255);
    // `multicast disable` is the default and simply dropped by VyOS's migration: nothing to rename it to.
    expect(e.deprecated.map((d) => d.word)).toEqual(['local-ip', 'ttl']);
    expect(e.unknown).toEqual([]);
    expect(e.invalid).toEqual([]);
    expect(e.interfaces[0].addresses).toEqual([]); // `address dhcp`
  });
});

describe('vyos: mistakes', () => {
  it('warns on `set interface` (singular) with did-you-mean, on the exact word', () => {
    const text = "set interface ethernet eth2 address '2001:db8:2::1/64'\n";
    const m = parseText(text);
    expect(m.unknown).toEqual([
      { range: span(0, 4, 13), word: 'interface', suggestion: 'interfaces', expected: 'a configuration tree (interfaces, protocols, system, ...)' },
    ]);
    expect(m.interfaces).toEqual([]);
    expect(m.coverage).toEqual({ lines: 1, understood: 0, ignored: 0, unknown: 1 });
  });

  it('reports every unknown tunnel keyword, with a suggestion when one is close', () => {
    const text = [
      'set interfaces tunnel tun0 encapsulation gre',
      'set interfaces tunnel tun0 remot 192.0.2.1',
      'set interfaces tunnel tun0 frobnicate yes',
      'set interfaces tunnel tun0 parameters ip keys 5',
      'set interfaces tunel tun1 address 10.0.0.1/30',
    ].join('\n');
    const m = parseText(text);
    expect(m.unknown).toEqual([
      { range: span(1, 27, 32), word: 'remot', suggestion: 'remote', expected: 'a tunnel setting' },
      { range: span(2, 27, 37), word: 'frobnicate', suggestion: undefined, expected: 'a tunnel setting' },
      { range: span(3, 41, 45), word: 'keys', suggestion: 'key', expected: 'an IPv4 tunnel parameter' },
      { range: span(4, 15, 20), word: 'tunel', suggestion: 'tunnel', expected: 'an interface type (ethernet, tunnel, vxlan, ...)' },
    ]);
    expect(m.coverage).toEqual({ lines: 5, understood: 1, ignored: 0, unknown: 4 });
  });

  it('reports a mistyped command verb before a configuration path, not prose', () => {
    const text = 'sett interfaces tunnel tun0 remote 192.0.2.1\nOn the other router:\nset interfaces tunnel tun0 remote 192.0.2.2\n';
    const m = parseText(text);
    expect(m.unknown).toEqual([
      { range: span(0, 0, 4), word: 'sett', suggestion: 'set', expected: 'a configuration command (set, delete, ...)' },
    ]);
    expect(tunnel(m, 'tun0').remote?.value).toBe('192.0.2.2');
    expect(m.coverage).toEqual({ lines: 3, understood: 1, ignored: 1, unknown: 1 });
  });

  it('says what was expected for malformed values, and keeps going', () => {
    const text = [
      "set interfaces tunnel tun0 address '10.0.0.1'",
      'set interfaces tunnel tun0 mtu 99999',
      'set interfaces tunnel tun0 remote 300.1.1.1',
      'set interfaces tunnel tun0 encapsulation gree',
      'set interfaces tunnel tun0 parameters ip key -1',
      'set interfaces tunnel tun0 description two words',
      'set interfaces tunnel foo0 address 10.0.0.1/30',
      'set interfaces tunnel tun0 source-address 192.0.2.1',
      'set interfaces tunnel tun0 enable-multicast yes',
      'set interfaces tunnel tun0 mtu',
    ].join('\n');
    const m = parseText(text);
    const messages = m.invalid.map((i) => [i.range.start.line, textAt(text, i.range), i.message]);
    expect(messages).toEqual([
      [0, "'10.0.0.1'", 'expected an interface address: an IPv4 or IPv6 address with prefix length (e.g. 192.0.2.1/24), not `10.0.0.1`'],
      [1, '99999', 'expected an MTU: a number from 68 to 16000, not `99999`'],
      [2, '300.1.1.1', 'expected a remote tunnel address: an IPv4 or IPv6 address, not `300.1.1.1`'],
      [3, 'gree', expect.stringContaining('unknown encapsulation `gree`: expected one of erspan, gre, gretap')],
      [4, '-1', 'expected a GRE key: a number from 0 to 4294967295, not `-1`'],
      [5, 'words', '`description` takes one value: quote a value that contains spaces'],
      [6, 'foo0', 'expected a tunnel interface name (tunN), not `foo0`'],
      [8, 'yes', '`enable-multicast` takes no value'],
      [9, 'mtu', 'expected a value for `mtu` after `mtu`'],
    ]);
    expect(m.invalid[3].message).toContain('did you mean `gre`?');
    const t = tunnel(m, 'tun0');
    expect(t.local?.value).toBe('192.0.2.1');
    expect(m.tunnels.map((x) => x.name)).toEqual(['tun0']);
  });

  it('reports unbalanced braces and still reads the rest', () => {
    const text = 'interfaces {\n    tunnel tun0 {\n        remote 192.0.2.1\n    }\n}\n}\nsystem {\n    host-name r1\n';
    const m = parseText(text, 'config.boot');
    expect(tunnel(m, 'tun0').remote?.value).toBe('192.0.2.1');
    expect(m.hostname?.value).toBe('r1');
    expect(m.invalid.map((i) => [i.range, i.message])).toEqual([
      [span(5, 0, 1), 'unmatched `}`: no block is open here'],
      [span(6, 0, 8), 'block is never closed: expected a matching `}`'],
    ]);
  });
});

describe('vyos: command semantics', () => {
  it('applies delete: later paths under a deleted node are gone, others stay', () => {
    const text = [
      'set interfaces tunnel tun0 remote 192.0.2.1',
      'set interfaces tunnel tun0 address 10.0.0.1/30',
      'set interfaces tunnel tun0 address 10.0.1.1/30',
      "delete interfaces tunnel tun0 address '10.0.0.1/30'",
      'delete interfaces tunnel tun0 remote',
      'delete interfaces tunnel tun0 mtu',
      'set interfaces tunnel tun1 remote 192.0.2.9',
      'delete interfaces tunnel tun1',
    ].join('\n');
    const m = parseText(text);
    const t = tunnel(m, 'tun0');
    expect(t.remote).toBeUndefined();
    expect(t.addresses.map((a) => a.value.address)).toEqual(['10.0.1.1']);
    expect(m.tunnels.map((x) => x.name)).toEqual(['tun0']);
    expect(m.invalid).toEqual([]);
    expect(m.coverage.understood).toBe(8);
  });

  it('lets a later set replace a single-valued leaf but accumulates addresses', () => {
    const m = parseText('set interfaces tunnel tun0 mtu 1400\nset interfaces tunnel tun0 mtu 1380\n');
    expect(tunnel(m, 'tun0').mtu?.value).toBe(1380);
    expect(tunnel(m, 'tun0').mtu?.range.start.line).toBe(1);
  });

  it('follows edit, up and top in a configure session', () => {
    const text = [
      'configure',
      'edit interfaces tunnel tun5',
      'set encapsulation ipip',
      "set remote '192.0.2.5'",
      'up',
      'set tunnel tun6 remote 192.0.2.6',
      'top',
      'set system host-name lab',
      'commit',
    ].join('\n');
    const m = parseText(text);
    expect(tunnel(m, 'tun5').mode?.value).toBe('ipip');
    expect(tunnel(m, 'tun5').remote?.value).toBe('192.0.2.5');
    expect(tunnel(m, 'tun6').remote?.value).toBe('192.0.2.6');
    expect(m.hostname?.value).toBe('lab');
    expect(m.unknown).toEqual([]);
  });

  it('keeps quoted values with spaces, `#` inside words, and treats comment lines as comments', () => {
    const text = [
      '# a comment line',
      "set interfaces tunnel tun0 description 'HQ #1 to branch'   # trailing comment",
      'set interfaces tunnel tun0 remote 192.0.2.1#not-a-comment',
      'comment interfaces tunnel tun0 "added by ops"',
    ].join('\n');
    const m = parseText(text);
    const t = tunnel(m, 'tun0');
    expect(t.description?.value).toBe('HQ #1 to branch');
    expect(m.invalid.map((i) => i.message)).toEqual([
      'expected a remote tunnel address: an IPv4 or IPv6 address, not `192.0.2.1#not-a-comment`',
    ]);
    expect(m.coverage).toEqual({ lines: 3, understood: 3, ignored: 0, unknown: 0 });
  });

  it('reads CRLF files exactly like LF files, ranges included', () => {
    const lf = fixtureText('hq-router.vyos');
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(parseText(crlf)).toEqual(parseText(lf));
    const boot = fixtureText('hq-router.config.boot');
    expect(parseText(boot.replace(/\n/g, '\r\n'), 'config.boot')).toEqual(parseText(boot, 'config.boot'));
  });

  it('marks NHRP tunnels (DMVPN) as point-to-multipoint and reads source-address 0.0.0.0 as "any"', () => {
    const text = [
      "set interfaces tunnel tun100 address '172.16.253.133/29'",
      'set interfaces tunnel tun100 source-address 0.0.0.0',
      "set interfaces tunnel tun100 encapsulation 'gre'",
      'set interfaces tunnel tun100 enable-multicast',
      "set interfaces tunnel tun100 parameters ip key '1'",
      "set protocols nhrp tunnel tun100 map 172.16.253.134/29 nbma-address '192.0.2.1'",
      "set protocols nhrp tunnel tun100 multicast 'nhs'",
    ].join('\n');
    const m = parseText(text);
    const t = tunnel(m, 'tun100');
    expect(t.local).toBeUndefined();
    expect(t.multipoint?.value).toBe(true);
    expect(textAt(text, t.multipoint!.range)).toBe('tun100');
    expect(t.multipoint!.range.start.line).toBe(5);
    expect(m.unknown).toEqual([]);
  });

  it('reads L2TPv3 interfaces as tunnels', () => {
    const text = [
      "set interfaces l2tpv3 l2tpeth10 encapsulation 'udp'",
      "set interfaces l2tpv3 l2tpeth10 destination-port '5010'",
      "set interfaces l2tpv3 l2tpeth10 remote '192.0.2.110'",
      "set interfaces l2tpv3 l2tpeth10 source-address '192.0.2.10'",
      "set interfaces l2tpv3 l2tpeth10 session-id '110'",
    ].join('\n');
    const t = tunnel(parseText(text), 'l2tpeth10');
    expect(t.mode?.value).toBe('l2tpv3');
    expect(t.dstPort?.value).toBe(5010);
    expect([t.local?.value, t.remote?.value]).toEqual(['192.0.2.10', '192.0.2.110']);
  });
});

describe('vyos: route options', () => {
  it('makes one route of the several lines that describe one next hop', () => {
    const text = [
      'set protocols static route 10.0.0.0/8 next-hop 192.0.2.1 distance 10',
      'set protocols static route 10.0.0.0/8 next-hop 192.0.2.1 interface tun0',
      'set protocols static route 10.0.0.0/8 next-hop 192.0.2.9',
    ].join('\n');
    const m = parseText(text);
    expect(m.routes.map((x) => [x.via?.value, x.dev?.value, x.range.start.line])).toEqual([
      ['192.0.2.1', 'tun0', 0],
      ['192.0.2.9', undefined, 2],
    ]);
  });

  it('reads a route whose next hop carries options, and counts the line as understood', () => {
    const text = "set protocols static route 10.0.0.0/8 next-hop 192.0.2.1 distance '10'\nset protocols static route 10.1.0.0/16 blackhole\n";
    const m = parseText(text);
    expect(m.routes.map((x) => x.via?.value)).toEqual(['192.0.2.1']);
    expect(m.coverage).toEqual({ lines: 2, understood: 1, ignored: 1, unknown: 0 });
  });
});

describe('vyos: config.boot as VyOS 1.4 writes it', () => {
  it('reads double-quoted values and counts an empty block as understood', () => {
    const text = [
      'interfaces {',
      '    ethernet eth0 {',
      '        address "192.0.2.10/24"',
      '        hw-id "bc:24:11:36:9f:e6"',
      '    }',
      '    loopback lo {',
      '    }',
      '    tunnel tun0 {',
      '        encapsulation "gre"',
      '        remote "192.0.2.20"',
      '        source-address "192.0.2.10"',
      '    }',
      '}',
    ].join('\n');
    const m = parseText(text, 'config.boot');
    const t = tunnel(m, 'tun0');
    expect([t.mode?.value, t.local?.value, t.remote?.value]).toEqual(['gre', '192.0.2.10', '192.0.2.20']);
    expect(textAt(text, t.remote!.range)).toBe('"192.0.2.20"');
    expect(m.interfaces.map((i) => i.name)).toEqual(['eth0', 'lo']);
    expect(m.coverage).toEqual({ lines: 13, understood: 12, ignored: 1, unknown: 0 });
  });
});
