import { describe, expect, it } from 'vitest';
import { cidrs, exampleText, textAt, tunnel } from '../helpers';
import { parseExample } from './helpers';

describe('linux parser: reference scenarios in examples/', () => {
  it('ipip4: aws0 is IPIP to 1.1.1.1 with no local, MTU 1280, routing 10.10.0.0/24 into it', () => {
    const m = parseExample('ipip4-amazon-linux.sh');
    const t = tunnel(m, 'aws0');
    expect(t.mode?.value).toBe('ipip');
    expect(t.remote?.value).toBe('1.1.1.1');
    expect(t.local).toBeUndefined();
    expect(t.mtu?.value).toBe(1280);
    expect(cidrs(t.addresses)).toEqual(['172.22.2.2/24']);
    expect(textAt(exampleText('ipip4-amazon-linux.sh'), t.mtu!.range)).toBe('1280');
    expect(textAt(exampleText('ipip4-amazon-linux.sh'), t.remote!.range)).toBe('1.1.1.1');
    expect(textAt(exampleText('ipip4-amazon-linux.sh'), t.nameRange)).toBe('aws0');
    expect(m.routes).toHaveLength(1);
    expect(m.routes[0].prefix.value).toEqual({ address: '10.10.0.0', prefixLength: 24, family: 4 });
    expect(m.routes[0].dev?.value).toBe('aws0');
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.coverage).toEqual({ lines: 4, understood: 4, ignored: 0, unknown: 0 });
  });

  it('ipip6: `ip -6 tunnel add ... mode ipip6` is IPv4-in-IPv6 over IPv6 endpoints; eth0 has MTU 9001', () => {
    const m = parseExample('ipip6-amazon-linux.sh');
    const t = tunnel(m, 'aws0');
    expect(t.mode?.value).toBe('ipip6');
    expect(t.remote?.value).toBe('2001::1');
    expect(t.encapLimit).toBeUndefined(); // the builder applies ip6tnl's default of 4
    const eth0 = m.interfaces.find((i) => i.name === 'eth0')!;
    expect(eth0.mtu?.value).toBe(9001);
    expect(cidrs(eth0.addresses)).toEqual(['2406::2/64']);
  });

  it('ipip6 Linux-to-Linux pair: both ends found', () => {
    expect(tunnel(parseExample('ipip6-sakura-rhel.sh'), 'sak0').remote?.value).toBe('2406::2');
    expect(tunnel(parseExample('ipip6-amazon-linux-to-sakura.sh'), 'aws1').remote?.value).toBe('2003::3');
  });

  it('vxlan: VNI 1, UDP 4789 on eth0, no remote', () => {
    const t = tunnel(parseExample('vxlan-mirror-target.sh'), 'vxlan0');
    expect(t.mode?.value).toBe('vxlan');
    expect(t.vni?.value).toBe(1);
    expect(t.dstPort?.value).toBe(4789);
    expect(t.dev?.value).toBe('eth0');
    expect(t.remote).toBeUndefined();
    expect(textAt(exampleText('vxlan-mirror-target.sh'), t.dstPort!.range)).toBe('4789');
  });

  it('6rd CE: ifcfg-sit1 gives sit1 with local, address, MTU and the BR as IPv4-compatible gateway', () => {
    const m = parseExample('6rd-amazon-linux-ce/ifcfg-sit1');
    const t = tunnel(m, 'sit1');
    expect(t.mode?.value).toBe('sit');
    expect(t.remote).toBeUndefined(); // IPV6TUNNELIPV4=any
    expect(t.local?.value).toBe('10.96.1.100');
    expect(t.mtu?.value).toBe(1280);
    expect(t.ipv6Gateway?.value).toBe('::aff:ffde');
    expect(cidrs(t.addresses)).toEqual(['2001:db8:10:f096:a60:164:0:1/96']);
    const text = exampleText('6rd-amazon-linux-ce/ifcfg-sit1');
    expect(textAt(text, t.local!.range)).toBe('10.96.1.100');
    expect(textAt(text, t.nameRange)).toBe('sit1');
    expect(m.unknown).toEqual([]);
    expect(m.coverage.unknown).toBe(0);
  });

  it('6rd CE: rc.local gives sit1 with only the 6rd parameters; relay prefix /32 means 32 IPv4 bits common', () => {
    const m = parseExample('6rd-amazon-linux-ce/rc.local');
    expect(m.tunnels).toHaveLength(1);
    const t = tunnel(m, 'sit1');
    expect(t.mode).toBeUndefined();
    expect(t.sixrd?.prefix?.value).toEqual({ address: '2001:db8:10:f096::', prefixLength: 64, family: 6 });
    expect(t.sixrd?.relayPrefix?.value).toEqual({ address: '10.96.1.100', prefixLength: 32, family: 4 });
    expect(t.sixrd?.ipv4MaskLen?.value).toBe(32);
    expect(textAt(exampleText('6rd-amazon-linux-ce/rc.local'), t.sixrd!.ipv4MaskLen!.range)).toBe('10.96.1.100/32');
  });
});
