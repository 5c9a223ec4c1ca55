import { describe, expect, it } from 'vitest';
import { buildWorkspace } from '../../server/src/model/build';
import { defaultSettings } from '../../server/src/config';
import type { FileModel, Tunnel } from '../../server/src/model/types';
import { at, file, iface, route, tunnel } from './fixtures';

const build = (files: FileModel[], settings = defaultSettings) => buildWorkspace(files, settings);
const one = (files: FileModel[], name: string, settings = defaultSettings): Tunnel => {
  const found = build(files, settings).tunnels.filter((t) => t.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};
const peerNames = (ws: ReturnType<typeof build>, id: string) => ws.tunnels.find((t) => t.id === id)!.peers;

describe('devices', () => {
  it('one device per file, named by hostname or file name', () => {
    const ws = build([file('a/r1.ios', 'cisco-ios', { hostname: 'br1' }), file('a/x.sh', 'linux', {}), file('a/y.sh', 'linux', {})]);
    expect(ws.devices.map((d) => [d.id, d.name])).toEqual([
      ['a/r1.ios', 'br1'],
      ['a/x.sh', 'x.sh'],
      ['a/y.sh', 'y.sh'],
    ]);
  });

  it('Linux system files of one folder form one host named after the folder', () => {
    const ws = build([
      file('hosts/ce1/rc.local', 'linux', { tunnels: [tunnel('sit1', { sixrd: { prefix: at({ address: '2001:db8::', prefixLength: 32, family: 6 }) } })] }),
      file('hosts/ce1/ifcfg-sit1', 'linux', { tunnels: [tunnel('sit1', { mode: 'sit', local: '192.0.2.1', mtu: 1280 })] }),
      file('hosts/ce1/ifcfg-eth0', 'linux', { interfaces: [iface('eth0', ['192.0.2.1/24'])] }),
      file('hosts/ce1/setup.sh', 'linux', {}),
    ]);
    const host = ws.devices.find((d) => d.id === 'hosts/ce1')!;
    expect(host.name).toBe('ce1');
    // ifcfg files apply first, rc.local last; a standalone script is a device of its own.
    expect(host.paths).toEqual(['hosts/ce1/ifcfg-eth0', 'hosts/ce1/ifcfg-sit1', 'hosts/ce1/rc.local']);
    expect(ws.devices.map((d) => d.id)).toContain('hosts/ce1/setup.sh');
    expect(ws.tunnels).toHaveLength(1);
  });

  it('merges declarations of one tunnel field by field, keeping where each field was written', () => {
    const t = one(
      [
        file('ce/ifcfg-sit1', 'linux', { tunnels: [tunnel('sit1', { mode: 'sit', local: '10.96.1.100', mtu: 1280, addresses: ['2001:db8:10:f096:a60:164::1/96'], ipv6Gateway: at('::10.255.255.222') })] }),
        file('ce/rc.local', 'linux', {
          tunnels: [tunnel('sit1', { sixrd: { prefix: at({ address: '2001:db8:10:f096::', prefixLength: 64, family: 6 }), relayPrefix: at({ address: '10.96.1.100', prefixLength: 32, family: 4 }) } })],
        }),
      ],
      'sit1',
    );
    expect(t.id).toBe('ce/ifcfg-sit1#sit1');
    expect(t.mode).toBe('6rd');
    expect(t.local).toBe('10.96.1.100');
    expect(t.mtu).toBe(1280);
    expect(t.ranges.local!.path).toBe('ce/ifcfg-sit1');
    expect(t.ranges.sixrdPrefix!.path).toBe('ce/rc.local');
    expect(t.ranges.sixrdMaskLen!.path).toBe('ce/rc.local');
    expect(t.sixrd).toEqual({
      prefix: { address: '2001:db8:10:f096::', prefixLength: 64, family: 6 },
      ipv4MaskLen: 32,
      delegatedPrefix: { address: '2001:db8:10:f096::', prefixLength: 64, family: 6 },
      relay: '10.255.255.222',
    });
    expect(t.declarations.map((d) => d.path)).toEqual(['ce/ifcfg-sit1', 'ce/rc.local']);
  });

  it('device addresses come from interfaces and tunnels', () => {
    const ws = build([file('r.sh', 'linux', { interfaces: [iface('eth0', ['192.0.2.1/24'])], tunnels: [tunnel('gre1', { mode: 'gre', remote: '198.51.100.1', addresses: ['10.0.0.1/30'] })] })]);
    expect(ws.devices[0].addresses.map((a) => [a.interface, a.cidr.address])).toEqual([
      ['eth0', '192.0.2.1'],
      ['gre1', '10.0.0.1'],
    ]);
  });
});

describe('local address', () => {
  it('written, from the source interface (address of the endpoint family), implicit, or unknown', () => {
    const files = [
      file('r.ios', 'cisco-ios', {
        interfaces: [iface('Loopback1', ['2001:db8::1/128', '10.255.255.222/32'])],
        tunnels: [tunnel('Tunnel0', { sourceInterface: 'Loopback1', remote: '192.0.2.9' }), tunnel('Tunnel1', { remote: '192.0.2.8' }), tunnel('Tunnel2', { local: '10.0.0.1', remote: '192.0.2.7' })],
      }),
      file('r.rtx', 'yamaha-rtx', { tunnels: [tunnel('tunnel1', { mode: 'ipip', remote: '192.0.2.6' })] }),
    ];
    const ws = build(files);
    const by = (n: string) => ws.tunnels.find((t) => t.name === n)!;
    expect([by('Tunnel0').local, by('Tunnel0').localSource]).toEqual(['10.255.255.222', 'interface']);
    expect([by('Tunnel1').local, by('Tunnel1').localSource]).toEqual([null, null]);
    expect([by('Tunnel2').local, by('Tunnel2').localSource]).toEqual(['10.0.0.1', 'configured']);
    expect([by('tunnel1').local, by('tunnel1').localSource]).toEqual([null, 'implicit']);
  });
});

describe('platform defaults, overhead and effective MTU', () => {
  const cases: [string, FileModel, Partial<Tunnel>][] = [
    ['Cisco without a mode is GRE/IP', file('r.ios', 'cisco-ios', { tunnels: [tunnel('Tunnel0', { remote: '192.0.2.1' })] }), { mode: 'gre', modeExplicit: false, overhead: 24, effectiveMtu: 1476 }],
    ['Cisco GRE with a key', file('r.ios', 'cisco-ios', { tunnels: [tunnel('Tunnel0', { remote: '192.0.2.1', gre: { ikey: at(5), okey: at(5) } })] }), { overhead: 28, effectiveMtu: 1472, key: { i: 5, o: 5 } }],
    ['VyOS: 1476 for every encapsulation', file('r.vyos', 'vyos', { tunnels: [tunnel('tun0', { mode: 'ipip', remote: '192.0.2.1' })] }), { overhead: 20, effectiveMtu: 1476 }],
    ['RTX ipip over IPv4: 1500 − 20', file('r.rtx', 'yamaha-rtx', { tunnels: [tunnel('tunnel1', { mode: 'ipip', remote: '192.0.2.1' })] }), { effectiveMtu: 1480, outerFamily: 4 }],
    ['RTX ipip to an IPv6 endpoint is ipip6: 1500 − 40', file('r.rtx', 'yamaha-rtx', { tunnels: [tunnel('tunnel1', { mode: 'ipip', remote: '2001:db8::1' })] }), { mode: 'ipip6', effectiveMtu: 1460, outerFamily: 6, encapLimit: null }],
    ['Linux ip6tnl adds the encapsulation limit option: 1500 − 48', file('h.sh', 'linux', { tunnels: [tunnel('t6', { mode: 'ipip6', remote: '2001:db8::1' })] }), { effectiveMtu: 1452, overhead: 48, encapLimit: 4 }],
    ['Linux ip6tnl with encaplimit none: 1500 − 40', file('h.sh', 'linux', { tunnels: [tunnel('t6', { mode: 'ip6ip6', remote: '2001:db8::1', encapLimit: at('none' as const) })] }), { effectiveMtu: 1460, overhead: 40 }],
    ['Linux ip6gre: 40 + 8 + 4', file('h.sh', 'linux', { tunnels: [tunnel('g6', { mode: 'ip6gre', remote: '2001:db8::1' })] }), { effectiveMtu: 1448, overhead: 52 }],
    ['Linux gretap: + inner Ethernet', file('h.sh', 'linux', { tunnels: [tunnel('gt', { mode: 'gretap', remote: '192.0.2.1' })] }), { effectiveMtu: 1462, overhead: 38 }],
    ['Linux VXLAN on a lower device: 1500 − 50, port 8472 by default', file('h.sh', 'linux', { tunnels: [tunnel('vx', { mode: 'vxlan', dev: 'eth0', vni: at(1) })] }), { effectiveMtu: 1450, dstPort: 8472, carries: [] }],
    ['Linux VXLAN without a lower device keeps 1500', file('h.sh', 'linux', { tunnels: [tunnel('vx', { mode: 'vxlan', remote: '192.0.2.1' })] }), { effectiveMtu: 1500 }],
    ['VXLAN over IPv6: 70 bytes', file('h.sh', 'linux', { tunnels: [tunnel('vx', { mode: 'vxlan', remote: '2001:db8::1', dev: 'eth0' })] }), { overhead: 70, effectiveMtu: 1430 }],
    ['configured MTU wins', file('h.sh', 'linux', { tunnels: [tunnel('t', { mode: 'ipip', remote: '192.0.2.1', mtu: 1280 })] }), { mtu: 1280, effectiveMtu: 1280 }],
  ];
  it.each(cases)('%s', (_name, f, want) => {
    expect(one([f], f.tunnels[0].name)).toMatchObject(want);
  });

  it('lists the overhead layer by layer', () => {
    const t = one([file('h.sh', 'linux', { tunnels: [tunnel('g', { mode: 'gre', remote: '192.0.2.1', gre: { okey: at(1), oseq: true, ocsum: true } })] })], 'g');
    expect(t.overheadParts).toEqual([
      { label: 'IPv4', bytes: 20 },
      { label: 'GRE', bytes: 4 },
      { label: 'GRE key', bytes: 4 },
      { label: 'GRE sequence number', bytes: 4 },
      { label: 'GRE checksum', bytes: 4 },
    ]);
    expect(t.effectiveMtu).toBe(1464);
  });

  it('carries: fixed by the mode, else the inner address families', () => {
    const ws = build([
      file('h.sh', 'linux', {
        tunnels: [tunnel('s', { mode: 'sit', remote: '192.0.2.1' }), tunnel('g', { mode: 'gre', remote: '192.0.2.2', addresses: ['10.0.0.1/30', '2001:db8::1/64'] })],
      }),
    ]);
    expect(ws.tunnels.map((t) => t.carries)).toEqual([[6], [4, 6]]);
  });
});

describe('underlay', () => {
  it('source interface (its IP MTU), explicit dev, the interface holding the local, the only one of the family', () => {
    const ws = build([
      file('r.ios', 'cisco-ios', {
        interfaces: [iface('GigabitEthernet0/0', ['192.0.2.1/24'], { mtu: at(9000), ipMtu: at(1400) })],
        tunnels: [tunnel('Tunnel0', { sourceInterface: 'GigabitEthernet0/0', remote: '198.51.100.1' })],
      }),
      file('a.sh', 'linux', {
        interfaces: [iface('eth0', ['192.0.2.2/24'], { mtu: at(9001) }), iface('eth1', ['203.0.113.2/24'])],
        tunnels: [tunnel('g1', { mode: 'gre', local: '192.0.2.2', remote: '198.51.100.1' }), tunnel('g2', { mode: 'gre', dev: 'eth1', remote: '198.51.100.2' }), tunnel('g3', { mode: 'gre', remote: '198.51.100.3' })],
      }),
      file('b.sh', 'linux', { interfaces: [iface('eth0', ['2001:db8::2/64'], { mtu: at(9001) })], tunnels: [tunnel('t6', { mode: 'ipip6', remote: '2001:db8:1::1' })] }),
    ]);
    const u = (n: string) => ws.tunnels.find((t) => t.name === n)!;
    expect(u('Tunnel0').underlay).toEqual({ interface: 'GigabitEthernet0/0', mtu: 1400, known: true });
    expect(u('Tunnel0').effectiveMtu).toBe(1376);
    expect(u('g1').underlay).toEqual({ interface: 'eth0', mtu: 9001, known: true });
    expect(u('g2').underlay).toEqual({ interface: 'eth1', mtu: 1500, known: true });
    expect(u('g3').underlay).toEqual({ interface: null, mtu: 1500, known: false }); // two IPv4 interfaces: unknown
    expect(u('t6').underlay).toEqual({ interface: 'eth0', mtu: 9001, known: true });
    expect(u('t6').effectiveMtu).toBe(8953); // 9001 − 40 − 8, as on an EC2 ENI
  });

  it('a loopback source is not the way out: the underlay stays unknown', () => {
    const t = one([file('r.ios', 'cisco-ios', { interfaces: [iface('Loopback1', ['10.255.255.222/32'], { mtu: at(1514) })], tunnels: [tunnel('Tunnel0', { sourceInterface: 'Loopback1', remote: '192.0.2.1' })] })], 'Tunnel0');
    expect(t.local).toBe('10.255.255.222');
    expect(t.underlay).toEqual({ interface: null, mtu: 1500, known: false });
    expect(t.effectiveMtu).toBe(1476);
  });

  it('unknown underlay: the defaultUnderlayMtu setting', () => {
    const t = one([file('h.sh', 'linux', { tunnels: [tunnel('g', { mode: 'gre', remote: '192.0.2.1' })] })], 'g', { ...defaultSettings, defaultUnderlayMtu: 9000 });
    expect(t.underlay).toEqual({ interface: null, mtu: 9000, known: false });
    expect(t.effectiveMtu).toBe(8976);
  });
});

describe('pairing', () => {
  it('pairs ends whose remote is the other\'s local, across dialects', () => {
    const ws = build([
      file('a.vyos', 'vyos', { tunnels: [tunnel('tun0', { mode: 'gre', local: '192.0.2.1', remote: '198.51.100.1' })] }),
      file('b.ios', 'cisco-ios', { interfaces: [iface('Gi0/0', ['198.51.100.1/24'])], tunnels: [tunnel('Tunnel0', { sourceInterface: 'Gi0/0', remote: '192.0.2.1' })] }),
    ]);
    expect(peerNames(ws, 'a.vyos#tun0')).toEqual(['b.ios#Tunnel0']);
    expect(peerNames(ws, 'b.ios#Tunnel0')).toEqual(['a.vyos#tun0']);
    expect(ws.tunnels.every((t) => !t.peerInferred)).toBe(true);
  });

  it('an implicit local matches any address of its device', () => {
    const ws = build([
      file('r.rtx', 'yamaha-rtx', { interfaces: [iface('lan2', ['192.0.2.1/24'])], tunnels: [tunnel('tunnel1', { mode: 'ipip', remote: '198.51.100.1' })] }),
      file('h.sh', 'linux', { interfaces: [iface('eth0', ['198.51.100.1/24'])], tunnels: [tunnel('t1', { mode: 'ipip', remote: '192.0.2.1' })] }),
    ]);
    expect(peerNames(ws, 'r.rtx#tunnel1')).toEqual(['h.sh#t1']);
  });

  it('prefers the candidate that points back when an address is on two devices', () => {
    const ws = build([
      file('rtx.rtx', 'yamaha-rtx', { interfaces: [iface('lan2', ['2001::1/64'])], tunnels: [tunnel('tunnel11', { mode: 'ipip', remote: '2406::2' })] }),
      file('to-rtx.sh', 'linux', { interfaces: [iface('eth0', ['2406::2/64'])], tunnels: [tunnel('aws0', { mode: 'ipip6', remote: '2001::1' })] }),
      file('to-vps.sh', 'linux', { interfaces: [iface('eth0', ['2406::2/64'])], tunnels: [tunnel('aws1', { mode: 'ipip6', remote: '2003::3' })] }),
      file('vps.sh', 'linux', { interfaces: [iface('eth0', ['2003::3/64'])], tunnels: [tunnel('sak0', { mode: 'ipip6', remote: '2406::2' })] }),
    ]);
    expect(peerNames(ws, 'rtx.rtx#tunnel11')).toEqual(['to-rtx.sh#aws0']);
    expect(peerNames(ws, 'vps.sh#sak0')).toEqual(['to-vps.sh#aws1']);
    expect(peerNames(ws, 'to-vps.sh#aws1')).toEqual(['vps.sh#sak0']);
  });

  it('infers a pair across NAT: unknown local, the other end targets an address nobody has', () => {
    const ws = build([
      file('rtx.rtx', 'yamaha-rtx', { interfaces: [iface('lan2', ['1.1.1.1/24'])], tunnels: [tunnel('tunnel11', { mode: 'ipip', remote: '2.2.2.2' })] }),
      file('ec2.sh', 'linux', { tunnels: [tunnel('aws0', { mode: 'ipip', remote: '1.1.1.1', addresses: ['172.22.2.2/24'] })] }),
    ]);
    expect(peerNames(ws, 'ec2.sh#aws0')).toEqual(['rtx.rtx#tunnel11']);
    expect(ws.tunnels.every((t) => t.peerInferred)).toBe(true);
  });

  it('infers no pair when the other end\'s remote belongs to someone, or a known public local', () => {
    const ws = build([
      file('r.rtx', 'yamaha-rtx', { interfaces: [iface('lan2', ['1.1.1.1/24'])], tunnels: [tunnel('tunnel1', { mode: 'ipip', remote: '3.3.3.3' })] }),
      file('other.sh', 'linux', { interfaces: [iface('eth0', ['3.3.3.3/24'])] }),
      file('a.sh', 'linux', { tunnels: [tunnel('t', { mode: 'ipip', remote: '1.1.1.1' })] }),
      file('b.sh', 'linux', { tunnels: [tunnel('u', { mode: 'ipip', local: '8.8.8.8', remote: '1.1.1.1' })] }),
    ]);
    expect(ws.tunnels.every((t) => t.peers.length === 0)).toBe(true);
  });

  it('6rd CEs pair with the BR they route to (gateway ::a.b.c.d or `tunnel 6rd br`), one BR with many CEs', () => {
    const prefix = at({ address: '2001:db8::', prefixLength: 32, family: 6 as const });
    const ws = build([
      file('br.ios', 'cisco-ios', { interfaces: [iface('Loopback1', ['192.0.2.1/32'])], tunnels: [tunnel('Tunnel0', { mode: '6rd', sourceInterface: 'Loopback1', sixrd: { prefix } })] }),
      file('ce1/ifcfg-sit1', 'linux', { tunnels: [tunnel('sit1', { mode: 'sit', local: '198.51.100.1', ipv6Gateway: at('::192.0.2.1'), sixrd: { prefix } })] }),
      file('ce2.ios', 'cisco-ios', { tunnels: [tunnel('Tunnel0', { mode: '6rd', local: '198.51.100.2', sixrd: { prefix, br: at('192.0.2.1') } })] }),
    ]);
    expect(peerNames(ws, 'br.ios#Tunnel0').sort()).toEqual(['ce1/ifcfg-sit1#sit1', 'ce2.ios#Tunnel0']);
    expect(peerNames(ws, 'ce2.ios#Tunnel0')).toEqual(['br.ios#Tunnel0']);
    expect(ws.tunnels.find((t) => t.id === 'ce2.ios#Tunnel0')!.sixrd!.delegatedPrefix).toEqual({ address: '2001:db8:c633:6402::', prefixLength: 64, family: 6 });
  });

  it('a relay learned from a route into the tunnel', () => {
    const t = one(
      [file('ce.sh', 'linux', { tunnels: [tunnel('sit1', { mode: 'sit', local: '198.51.100.1', sixrd: { prefix: at({ address: '2001:db8::', prefixLength: 32, family: 6 as const }) } })], routes: [route('::/0', { via: '::192.0.2.1', dev: 'sit1' })] })],
      'sit1',
    );
    expect(t.sixrd!.relay).toBe('192.0.2.1');
  });

  it('pairs nothing when two copies of one topology face an end equally', () => {
    const copy = (path: string) => file(path, 'linux', { interfaces: [iface('eth0', ['198.51.100.1/24'])], tunnels: [tunnel('t', { mode: 'gre', local: '198.51.100.1', remote: '192.0.2.1' })] });
    const ws = build([file('a.sh', 'linux', { interfaces: [iface('eth0', ['192.0.2.1/24'])], tunnels: [tunnel('t', { mode: 'gre', local: '192.0.2.1', remote: '198.51.100.1' })] }), copy('lab1/b.sh'), copy('lab2/b.sh')]);
    expect(ws.tunnels.every((t) => t.peers.length === 0)).toBe(true);
  });

  it('a multipoint hub (mGRE) pairs with every spoke that targets it', () => {
    const spoke = (n: number) => file(`s${n}.ios`, 'cisco-ios', { tunnels: [tunnel('Tunnel0', { local: `198.51.100.${n}`, remote: '192.0.2.1' })] });
    const ws = build([file('hub.ios', 'cisco-ios', { tunnels: [tunnel('Tunnel0', { mode: 'gre', local: '192.0.2.1', multipoint: at(true) })] }), spoke(1), spoke(2)]);
    expect(peerNames(ws, 'hub.ios#Tunnel0')).toEqual(['s1.ios#Tunnel0', 's2.ios#Tunnel0']);
    expect(peerNames(ws, 's2.ios#Tunnel0')).toEqual(['hub.ios#Tunnel0']);
  });

  it('no NAT inference when two ends behind NAT would claim the same end', () => {
    const ec2 = (path: string) => file(path, 'linux', { tunnels: [tunnel('aws0', { mode: 'ipip', remote: '1.1.1.1' })] });
    const ws = build([file('rtx.rtx', 'yamaha-rtx', { interfaces: [iface('lan2', ['1.1.1.1/24'])], tunnels: [tunnel('tunnel11', { mode: 'ipip', remote: '2.2.2.2' })] }), ec2('a.sh'), ec2('b.sh')]);
    expect(ws.tunnels.every((t) => t.peers.length === 0)).toBe(true);
  });

  it('pairs 10,000 tunnels over 1,000 files, each with its one peer', () => {
    const files: FileModel[] = [];
    const per = 10;
    const addr = (i: number) => `100.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    for (let f = 0; f < 1000; f++) {
      const tunnels = [];
      const interfaces = [];
      for (let k = 0; k < per; k++) {
        const id = f * per + k + 1;
        const peer = (f ^ 1) * per + k + 1;
        interfaces.push(iface('lo', [`${addr(id)}/32`]));
        tunnels.push(tunnel(`gre${k}`, { mode: 'gre', local: addr(id), remote: addr(peer) }));
      }
      files.push(file(`/ws/h${f}.sh`, 'linux', { interfaces, tunnels }));
    }
    const ws = build(files);
    expect(ws.tunnels).toHaveLength(10_000);
    expect(ws.tunnels.every((t) => t.peers.length === 1)).toBe(true);
    expect(ws.tunnels.find((t) => t.id === '/ws/h0.sh#gre3')!.peers).toEqual(['/ws/h1.sh#gre3']);
  });
});
