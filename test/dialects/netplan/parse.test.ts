import { describe, expect, it } from 'vitest';
import { detectDialect, parseFile } from '../../../server/src/dialects';
import { parse } from '../../../server/src/dialects/netplan';
import { cidrs, dialectFiles, span, textAt, tunnel } from '../helpers';

const { fixtureText, parseFixture, parseText } = dialectFiles(parse, __dirname, '01-test.yaml');

const routes = (m: ReturnType<typeof parse>) =>
  m.routes.map((r) => [`${r.prefix.value.address}/${r.prefix.value.prefixLength}`, r.via?.value, r.dev?.value]);

describe('netplan: a full configuration', () => {
  const text = fixtureText('01-site.yaml');
  const m = parseFixture('01-site.yaml');

  it('reads every tunnel with its mode, endpoints and options on their exact tokens', () => {
    expect(m.dialect).toBe('linux');
    expect(m.tunnels.map((t) => [t.name, t.mode?.value, t.local?.value, t.remote?.value])).toEqual([
      ['gre-dc1', 'gre', '198.51.100.10', '203.0.113.20'],
      ['he-ipv6', 'sit', '198.51.100.10', '216.66.80.30'],
      ['v4-over-6', 'ipip6', '2001:db8:100::10', '2001:db8:200::1'],
      ['vxlan42', 'vxlan', '198.51.100.10', undefined],
    ]);
    const gre = tunnel(m, 'gre-dc1');
    expect(textAt(text, gre.nameRange)).toBe('gre-dc1');
    expect(textAt(text, gre.mode!.range)).toBe('gre');
    expect(textAt(text, gre.remote!.range)).toBe('203.0.113.20');
    expect([gre.ttl?.value, gre.mtu?.value, gre.gre?.ikey?.value, gre.gre?.okey?.value]).toEqual([64, 1468, 0x01020304, 42]);
    expect(textAt(text, gre.gre!.ikey!.range)).toBe('1.2.3.4');
    expect(cidrs(gre.addresses)).toEqual(['172.16.0.1/30']);
    expect(textAt(text, tunnel(m, 'v4-over-6').local!.range)).toBe('"2001:db8:100::10"');
    const vx = tunnel(m, 'vxlan42');
    expect([vx.vni?.value, vx.dstPort?.value, vx.dev?.value, vx.multipoint?.value]).toEqual([42, 4789, 'wan0', true]);
  });

  it('reads devices as interfaces (named by set-name), WireGuard included, and routes with their device', () => {
    expect(m.interfaces.map((i) => [i.name, i.mtu?.value, cidrs(i.addresses)])).toEqual([
      ['wan0', undefined, ['198.51.100.10/24', '2001:db8:100::10/64']],
      ['lan0', 9000, []],
      ['br-lan', undefined, ['10.1.0.1/24']],
      ['wg0', undefined, ['10.99.0.1/24']],
    ]);
    expect(textAt(text, m.interfaces[0].nameRange)).toBe('wan0');
    expect(routes(m)).toEqual([
      ['0.0.0.0/0', '198.51.100.1', 'wan0'],
      ['0.0.0.0/0', '10.1.0.254', 'lan0'],
      ['10.20.0.0/16', '172.16.0.2', 'gre-dc1'],
      ['::/0', '2001:db8:1f0a:5c::1', 'he-ipv6'],
    ]);
  });

  it('outlines each device and tunnel as a section over its whole entry', () => {
    expect(m.sections.map((x) => [x.kind, x.name])).toEqual([
      ['interface', 'wan0'],
      ['interface', 'lan0'],
      ['interface', 'br-lan'],
      ['tunnel', 'gre-dc1'],
      ['tunnel', 'he-ipv6'],
      ['tunnel', 'v4-over-6'],
      ['tunnel', 'vxlan42'],
      ['tunnel', 'wg0'],
    ]);
    const gre = m.sections[3];
    expect(textAt(text, gre.nameRange)).toBe('gre-dc1');
    expect([gre.range.start.line, gre.range.end.line]).toEqual([33, 45]); // `gre-dc1:` to its last route's `via`
  });

  it('makes no noise on valid lines; only the deprecated gateway4 is flagged', () => {
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.deprecated.map((d) => [d.word, d.replacement, textAt(text, d.range)])).toEqual([['gateway4', 'routes', 'gateway4']]);
    // Unread device settings (nameservers, dhcp4, accept-ra, bridge members and parameters) are ignored.
    expect(m.coverage).toEqual({ lines: 76, understood: 68, ignored: 8, unknown: 0 });
  });

  it('reads CRLF files exactly like LF files', () => {
    expect(parseText(text.replace(/\n/g, '\r\n'))).toEqual(parseText(text));
  });
});

describe('netplan: mistakes', () => {
  const text = fixtureText('broken.yaml');
  const m = parseFixture('broken.yaml');

  it('reports unknown keys on the exact word, with did-you-mean', () => {
    expect(m.unknown.map((u) => [u.word, u.suggestion, u.range])).toEqual([
      ['mdoe', undefined, span(4, 6, 10)],
      ['remtoe', 'remote', span(6, 6, 12)],
      ['inptu', 'input', span(9, 8, 13)],
      ['adresses', 'addresses', span(18, 6, 14)],
      ['vlanz', 'vlans', span(20, 2, 7)],
    ]);
    expect(m.unknown[1].expected).toContain('a tunnel setting');
  });

  it('reports malformed values with what was expected', () => {
    expect(m.invalid.map((i) => [textAt(text, i.range), i.message])).toEqual([
      ['3', expect.stringContaining('version 2 only')],
      ['grre', expect.stringContaining('did you mean `gre`?')],
      ['10.0.0.1', expect.stringContaining('netplan requires CIDR notation')],
      ['0', expect.stringContaining('expected a TTL: a number from 1 to 255')],
      ['key', expect.stringContaining('has no effect on mode ipip')],
    ]);
    expect(tunnel(m, 'gre-x').mode).toBeUndefined();
    expect(tunnel(m, 'ipip-y').remote?.value).toBe('192.0.2.9');
  });

  it('YAML syntax errors are located and do not hide the rest of the file', () => {
    const bad = 'network:\n  tunnels:\n    t0: {mode: gre, remote: 192.0.2.1\n    t1:\n      mode: sit\n      remote: 192.0.2.2\n';
    const mm = parseText(bad);
    expect(mm.invalid.length).toBeGreaterThan(0);
    expect(mm.invalid[0].message).toMatch(/^YAML syntax: /);
    expect(mm.invalid.every((i) => i.range.start.line >= 2)).toBe(true);
  });

  it('a tunnel without mode or with a list instead of settings says what netplan needs', () => {
    const mm = parseText('network:\n  tunnels:\n    t0:\n      remote: 192.0.2.1\n    t1: [1, 2]\n');
    expect(mm.invalid.map((i) => [i.range, i.message])).toEqual([
      [span(2, 4, 6), expect.stringContaining('missing `mode:`')],
      [span(4, 4, 6), expect.stringContaining('expected the tunnel settings')],
    ]);
  });

  it('follows aliases, reads several documents, and flow style', () => {
    const mm = parseText('network:\n  tunnels:\n    a: {mode: gre, remote: &peer 192.0.2.7}\n---\nnetwork:\n  tunnels:\n    b: {mode: ipip, remote: *peer}\n');
    expect(mm.tunnels.map((t) => [t.name, t.remote?.value])).toEqual([
      ['a', '192.0.2.7'],
      ['b', undefined],
    ]);
    const same = parseText('network:\n  tunnels:\n    a: {mode: gre, remote: &peer 192.0.2.7}\n    b: {mode: ipip, remote: *peer}\n');
    expect(same.tunnels.map((t) => t.remote?.value)).toEqual(['192.0.2.7', '192.0.2.7']);
  });
});

describe('netplan in the dialect registry', () => {
  it('claims YAML files only when they have a top-level network: key', () => {
    expect(detectDialect('/etc/netplan/01-netcfg.yaml', 'network:\n  version: 2\n')).toBe('linux');
    expect(detectDialect('/etc/netplan/50-cloud-init.yml', '# generated\nnetwork:\n  ethernets: {}\n')).toBe('linux');
    expect(detectDialect('docker-compose.yml', 'services:\n  web:\n    network: host\n')).toBeUndefined();
    expect(detectDialect('ci.yaml', 'ip tunnel add t0 mode gre\ninterface Tunnel0\n!\n')).toBeUndefined();
  });

  it('parseFile reads a YAML file of dialect linux with the netplan reader', () => {
    const m = parseFile('01-netcfg.yaml', 'network:\n  tunnels:\n    t0:\n      mode: gre\n      remote: 192.0.2.1\n', 'linux');
    expect(m.tunnels.map((t) => [t.name, t.mode?.value, t.remote?.value])).toEqual([['t0', 'gre', '192.0.2.1']]);
  });
});
