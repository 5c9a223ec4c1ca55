import { describe, expect, it } from 'vitest';
import { spanLines, textAt, tunnel } from '../helpers';
import { fixtureText, parseText, summary } from './helpers';

// A full branch-office configuration (`show config` style) with long unrelated sections that must stay silent.
describe('rtx: full RTX1210 branch configuration', () => {
  const text = fixtureText('branch-rtx1210.rtx');
  const m = parseText(text, 'branch-rtx1210.rtx');

  it('produces no noise on a valid configuration', () => {
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.deprecated).toEqual([]);
    expect(m.coverage.unknown).toBe(0);
    expect(m.coverage.lines).toBe(m.coverage.understood + m.coverage.ignored);
    // Filters, NAT, DHCP, DNS, syslog, the embedded Lua file ...: skipped on purpose.
    expect(m.coverage.ignored).toBeGreaterThan(80);
  });

  it('takes the console prompt as the device name', () => {
    expect(m.hostname?.value).toBe('kobe-branch');
    expect(textAt(text, m.hostname!.range)).toBe('kobe-branch');
  });

  it('resolves an IPsec tunnel through its SA policy to the IKE gateway addresses', () => {
    const t = tunnel(m, 'tunnel1');
    expect(summary(t)).toEqual({
      mode: 'ipsec', local: '198.51.100.7', remote: 'hq.example.net', addresses: ['169.254.10.2/30'],
      mtu: undefined, mss: undefined, description: 'HQ-IPsec', disabled: false,
    });
    expect(textAt(text, t.mode!.range)).toBe('101');
    expect(textAt(text, t.local!.range)).toBe('198.51.100.7');
    expect(t.local!.range.start.line).toBe(74);
    expect(textAt(text, t.remote!.range)).toBe('hq.example.net');
  });

  it('reads GRE with both endpoints, MTU, MSS and a quoted description', () => {
    const t = tunnel(m, 'tunnel2');
    expect(summary(t)).toEqual({
      mode: 'gre', local: '198.51.100.7', remote: '192.0.2.1', addresses: ['10.255.2.2/30'],
      mtu: 1476, mss: 1436, description: 'DC GRE', disabled: false,
    });
    expect(textAt(text, t.mtu!.range)).toBe('1476');
    expect(textAt(text, t.mss!.range)).toBe('1436');
    expect(textAt(text, t.description!.range)).toBe('"DC GRE"');
  });

  it('reads an unindented dual-stack IPIP block over IPv6 as ipip6', () => {
    const t = tunnel(m, 'tunnel3');
    expect(summary(t)).toMatchObject({ mode: 'ipip6', local: '2001:db8:ffff::10', remote: '2001:db8:aaaa::1', addresses: ['10.255.3.2/30', '2001:db8:77:1::2/64'], mtu: 1460, disabled: false });
  });

  it('keeps a tunnel that is never enabled after `no tunnel enable all` disabled', () => {
    const t = tunnel(m, 'tunnel4');
    expect(summary(t)).toMatchObject({ mode: 'l2tpv3', remote: 'warehouse.example.org', local: undefined, disabled: true });
    expect(textAt(text, t.disabled!.range)).toBe('all');
    expect(t.disabled!.range.start.line).toBe(63);
  });

  it('collects interfaces, PPPoE included', () => {
    expect(m.interfaces.map((i) => [i.name, i.addresses.map((a) => textAt(text, a.range)), i.mtu?.value])).toEqual([
      ['lan1', ['192.168.50.1/24'], 1500],
      ['lan2', ['203.0.113.10/29', '2001:db8:ffff::10/64'], undefined],
      ['lan3', [], undefined],
      ['lan1/1', ['192.168.60.1/24'], undefined],
      ['bridge1', ['172.31.0.1/24'], undefined],
      ['pp1', ['198.51.100.7/32'], 1454],
    ]);
  });

  it('reads every gateway of every route, tunnels by their model names', () => {
    expect(m.routes.map((r) => [textAt(text, r.prefix.range), r.via?.value, r.dev?.value])).toEqual([
      ['default', undefined, 'pp1'],
      ['10.20.0.0/16', undefined, 'tunnel1'],
      ['10.30.0.0/24', undefined, 'tunnel2'],
      ['10.30.0.0/24', undefined, 'tunnel1'],
      ['192.0.2.128/25', '192.168.50.254', undefined],
      ['default', undefined, 'lan2'],
      ['2001:db8:77::/48', undefined, 'tunnel3'],
    ]);
    expect(m.routes[0].prefix.value).toEqual({ address: '0.0.0.0', prefixLength: 0, family: 4 });
    expect(m.routes[5].prefix.value).toEqual({ address: '::', prefixLength: 0, family: 6 });
  });

  it('outlines the PP and tunnel blocks up to their last own line', () => {
    expect(m.sections.map((s) => [s.kind, s.name, s.range, textAt(text, s.nameRange)])).toEqual([
      ['interface', 'pp1', spanLines(44, 0, 61, 14), '1'],
      ['tunnel', 'tunnel1', spanLines(65, 0, 82, 18), '1'],
      ['tunnel', 'tunnel2', spanLines(85, 0, 93, 18), '2'],
      ['tunnel', 'tunnel3', spanLines(96, 0, 102, 15), '3'],
      ['tunnel', 'tunnel4', spanLines(105, 0, 114, 18), '4'],
    ]);
  });
});
