// Two engines joined in one process through the narrow ports: every mode end to end, then the rules each
// mode enforces. No sockets, no clock: time is a number the test moves.
import { describe, expect, it } from 'vitest';
import type { EngineConfig, EngineMode } from '../../engine/src/config';
import { Engine, HEADROOM } from '../../engine/src/engine';
import { addrBytes } from '../../engine/src/packets/addr';
import { buildIcmpEcho, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST } from '../../engine/src/packets/icmp';
import { buildIcmpv6Echo, ICMPV6_ECHO_REQUEST, ICMPV6_PACKET_TOO_BIG } from '../../engine/src/packets/icmpv6';
import { IP_DF, IP_MF, parseIpv4, PROTO_GRE, PROTO_IPIP, PROTO_IPV6, setIpv4Checksum, buildIpv4 } from '../../engine/src/packets/ipv4';
import { parseGre } from '../../engine/src/packets/gre';
import { cidr, config, mirror, pair, type Pair } from './harness';

interface Case {
  mode: EngineMode;
  inner: 4 | 6;
  extra?: Partial<EngineConfig>;
}

const v4a = '10.0.0.1/30';
const v4b = '10.0.0.2/30';
const v6a = 'fd00::1/64';
const v6b = 'fd00::2/64';

const cases: Case[] = [
  { mode: 'ipip', inner: 4 },
  { mode: 'ipip6', inner: 4 },
  { mode: 'ip6ip6', inner: 6 },
  { mode: 'sit', inner: 6 },
  { mode: 'gre', inner: 4, extra: { key: { i: 42, o: 42 }, gre: { iseq: true, oseq: true, icsum: true, ocsum: true } } },
  { mode: 'gre', inner: 6 },
  { mode: 'ip6gre', inner: 4, extra: { key: { i: 7, o: 7 } } },
  { mode: 'ip6gre', inner: 6 },
  { mode: 'vxlan', inner: 4 },
  { mode: 'vxlan', inner: 6, extra: { outerFamily: 6, local: '2001:db8:ffff::1', remote: '2001:db8:ffff::2' } },
];

function pairFor(c: Case): Pair {
  const [a, b] = c.inner === 4 ? [v4a, v4b] : [v6a, v6b];
  const ca = config({ mode: c.mode, addresses: [cidr(a)], probeTargets: [b.split('/')[0]], ...c.extra });
  const cb = mirror(ca, { addresses: [cidr(b)], probeTargets: [a.split('/')[0]] });
  return pair(ca, cb);
}

/** Probe rounds from both ends; on VXLAN the first round resolves the neighbour (ARP/ND). */
function exchange(p: Pair, rounds = 2): void {
  for (let i = 0; i < rounds; i++) {
    p.clock.t += 1000;
    p.a.probe();
    p.b.probe();
    p.wire.pump();
  }
}

describe('engine ↔ engine in one process', () => {
  for (const c of cases) {
    it(`${c.mode} carrying IPv${c.inner}${c.extra ? ' with options' : ''}: both ends see the other's echo replies`, () => {
      const p = pairFor(c);
      expect(p.a.state()).toBe('starting');
      exchange(p);
      for (const e of [p.a, p.b]) {
        const s = e.status();
        expect(s.state).toBe('up');
        expect(s.probeReplies).toBeGreaterThanOrEqual(1);
        expect(s.rttMs).toBe(0); // the fake clock does not move while the wire is pumped
        expect(s.drops).toEqual({});
      }
    });
  }

  it('ipip: TTL inherited from the inner packet, DF set, ECN copied and CE sent as ECT(0)', () => {
    const p = pairFor({ mode: 'ipip', inner: 4 });
    const pkt = buildIcmpEcho(addrBytes('10.0.0.1'), addrBytes('10.0.0.2'), ICMP_ECHO_REQUEST, 1, 1, new Uint8Array(4), 17);
    pkt[1] = 0x03; // CE
    setIpv4Checksum(pkt, 0);
    p.a.sendPacket(pkt);
    const outer = parseIpv4(p.wire.seen[0].packet);
    if (typeof outer === 'string') throw new Error(outer);
    expect(outer).toMatchObject({ ttl: 17, protocol: PROTO_IPIP, tos: 0x02 });
    expect(outer.fragment & IP_DF).toBe(IP_DF);
  });

  it('sit: outer TTL 64 and protocol 41; gre: the GRE header carries key, sequence and checksum', () => {
    const sit = pairFor({ mode: 'sit', inner: 6 });
    sit.a.probe();
    const o = parseIpv4(sit.wire.seen[0].packet);
    expect(o).toMatchObject({ ttl: 64, protocol: PROTO_IPV6 });
    const gre = pairFor(cases[4]);
    gre.a.probe();
    gre.a.probe();
    const seqs = gre.wire.seen.map((s) => {
      const h = parseIpv4(s.packet);
      if (typeof h === 'string') throw new Error(h);
      expect(h.protocol).toBe(PROTO_GRE);
      const g = parseGre(s.packet.subarray(20));
      if (typeof g === 'string') throw new Error(g);
      expect(g).toMatchObject({ key: 42, checksumPresent: true });
      return g.seq;
    });
    expect(seqs).toEqual([0, 1]);
  });

  it('vxlan: the UDP payload is a VXLAN header with the VNI in front of an Ethernet frame', () => {
    const p = pairFor({ mode: 'vxlan', inner: 4 });
    p.a.probe();
    const first = p.wire.seen[0].packet;
    expect(Array.from(first.subarray(0, 8))).toEqual([8, 0, 0, 0, 0, 0, 7, 0]);
    expect(Array.from(first.subarray(8 + 12, 8 + 14))).toEqual([0x08, 0x06]); // ARP first: the neighbour is unknown
  });
});

describe('receive rules', () => {
  it('drops GRE with a wrong key, a missing checksum, or a sequence number going backwards', () => {
    const c = cases[4];
    const ca = config({ mode: 'gre', addresses: [cidr(v4a)], probeTargets: ['10.0.0.2'], ...c.extra });
    const wrongKey = pair(ca, mirror(ca, { addresses: [cidr(v4b)], key: { i: 43, o: 43 } }));
    exchange(wrongKey, 1);
    expect(wrongKey.b.status().drops['wrong-key']).toBe(1);
    expect(wrongKey.a.status().state).toBe('starting');

    const noCsum = pair(ca, mirror(ca, { addresses: [cidr(v4b)], gre: { iseq: true, oseq: true, icsum: true, ocsum: false } }));
    noCsum.b.probe();
    noCsum.wire.pump();
    expect(noCsum.a.status().drops['checksum-mismatch']).toBe(1);

    const seq = pair(ca, mirror(ca, { addresses: [cidr(v4b)] }));
    seq.a.probe();
    seq.a.probe();
    const [first, second] = seq.wire.queue.splice(0);
    seq.wire.queue.push(second, first);
    seq.wire.pump();
    expect(seq.b.status().drops.sequence).toBe(1);
  });

  it('drops packets from any source but the configured remote', () => {
    const ca = config({ mode: 'ipip', addresses: [cidr(v4a)], probeTargets: ['10.0.0.2'] });
    const stranger = pair(ca, mirror(ca, { addresses: [cidr(v4b)], local: '198.51.100.99' }), '198.51.100.1', '198.51.100.99');
    stranger.b.sendPacket(buildIcmpEcho(addrBytes('10.0.0.2'), addrBytes('10.0.0.1'), ICMP_ECHO_REQUEST, 1, 1, new Uint8Array(0)));
    // b's remote is a, so it sends there; a expects 198.51.100.2 and refuses 198.51.100.99
    stranger.wire.pump();
    expect(stranger.a.status().drops['wrong-source']).toBe(1);
    expect(stranger.a.status().packetsIn).toBe(0);
  });

  it('6rd: CE ↔ BR work both ways; a CE spoofing another CE\'s prefix is dropped', () => {
    const sixrd = { prefix: cidr('2001:db8:10:f096::/64'), ipv4MaskLen: 0, relay: '10.255.255.222' };
    const br = config({ mode: '6rd', local: '10.255.255.222', remote: null, sixrd: { ...sixrd, relay: null }, addresses: [cidr('2001:db8:10:f096:aff:ffde::1/96')], probeTargets: ['2001:db8:10:f096:a60:164::1'] });
    const ce = config({ mode: '6rd', local: '10.96.1.100', remote: null, sixrd, addresses: [cidr('2001:db8:10:f096:a60:164::1/96')], probeTargets: ['2001:db8:10:f096:aff:ffde::1'] });
    const p = pair(br, ce);
    exchange(p, 1);
    expect(p.a.status()).toMatchObject({ state: 'up', drops: {} });
    expect(p.b.status()).toMatchObject({ state: 'up', drops: {} });

    // Another CE (10.96.1.200) claims the first CE's inner address.
    const liar = config({ ...ce, local: '10.96.1.200', addresses: [cidr('2001:db8:10:f096:a60:164::1/96')] });
    const q = pair(br, liar);
    q.b.probe();
    q.wire.pump();
    expect(q.a.status().drops['spoofed-6rd']).toBe(1);
  });

  it('RFC 6040: outer CE is copied into an ECT inner packet and drops a not-ECT one', () => {
    const ca = config({ mode: 'ipip', addresses: [cidr(v4a)], inner: 'tun' });
    const p = pair(ca, mirror(ca, { addresses: [cidr(v4b)], inner: 'tun' }));
    for (const innerEcn of [0x02, 0x00]) {
      const inner = buildIcmpEcho(addrBytes('10.0.0.1'), addrBytes('10.0.0.2'), ICMP_ECHO_REQUEST, 9, 9, new Uint8Array(0));
      inner[1] = innerEcn;
      setIpv4Checksum(inner, 0);
      const outer = buildIpv4(addrBytes('198.51.100.1'), addrBytes('198.51.100.2'), PROTO_IPIP, 64, inner);
      outer[1] = 0x03;
      setIpv4Checksum(outer, 0);
      p.b.fromOuter(outer, addrBytes('198.51.100.1'));
    }
    expect(p.innerB.length).toBe(1);
    expect(p.innerB[0][1] & 3).toBe(3);
    expect(parseIpv4(p.innerB[0])).not.toBe('bad-checksum');
    expect(p.b.status().drops.ecn).toBe(1);
  });
});

describe('ECN with the outer TOS from the socket (IPv6 outer, VXLAN)', () => {
  it('marks CE in the IPv6 inner traffic class and inside a VXLAN frame; drops not-ECT', () => {
    const c6 = config({ mode: 'ip6ip6', addresses: [cidr(v6a)], inner: 'tun' });
    const p6 = pair(c6, mirror(c6, { addresses: [cidr(v6b)], inner: 'tun' }));
    const ect1 = buildIcmpv6Echo(addrBytes('fd00::1'), addrBytes('fd00::2'), ICMPV6_ECHO_REQUEST, 1, 1, new Uint8Array(0));
    ect1[1] |= 0x01 << 4;
    p6.b.fromOuter(ect1, addrBytes(c6.local!), 0x03);
    expect((p6.innerB[0][1] >> 4) & 3).toBe(3);

    const cv = config({ mode: 'vxlan', addresses: [cidr(v4a)], inner: 'tun' });
    const pv = pair(cv, mirror(cv, { addresses: [cidr(v4b)], inner: 'tun' }));
    const frame = (ecn: number) => {
      const ip = buildIcmpEcho(addrBytes('10.0.0.1'), addrBytes('10.0.0.2'), ICMP_ECHO_REQUEST, 1, 1, new Uint8Array(0));
      ip[1] = ecn;
      setIpv4Checksum(ip, 0);
      const payload = new Uint8Array(8 + 14 + ip.length);
      payload.set([8, 0, 0, 0, 0, 0, 7, 0]);
      payload.set([0x08, 0x00], 8 + 12);
      payload.set(ip, 8 + 14);
      return payload;
    };
    pv.b.fromOuter(frame(0x02), addrBytes(cv.local!), 0x03);
    pv.b.fromOuter(frame(0x00), addrBytes(cv.local!), 0x03);
    expect(pv.innerB.length).toBe(1);
    expect(pv.innerB[0][14 + 1] & 3).toBe(3);
    expect(parseIpv4(pv.innerB[0].subarray(14))).not.toBe('bad-checksum');
    expect(pv.b.status().drops.ecn).toBe(1);
  });
});

describe('path MTU', () => {
  const big = (df: boolean) => {
    const pkt = buildIcmpEcho(addrBytes('10.0.0.1'), addrBytes('10.0.0.2'), ICMP_ECHO_REQUEST, 1, 1, new Uint8Array(2000));
    if (df) {
      pkt[6] |= IP_DF >> 8;
      setIpv4Checksum(pkt, 0);
    }
    return pkt;
  };

  it('answers an oversize IPv4 packet with DF by "fragmentation needed" carrying the tunnel MTU', () => {
    const ca = config({ mode: 'gre', addresses: [cidr(v4a)], inner: 'tun', mtu: 1476 });
    const p = pair(ca, mirror(ca, { addresses: [cidr(v4b)], inner: 'tun' }));
    p.a.sendPacket(big(true));
    expect(p.wire.seen.length).toBe(0);
    expect(p.innerA.length).toBe(1);
    const err = p.innerA[0];
    expect([err[20], err[21]]).toEqual([3, 4]);
    expect((err[26] << 8) | err[27]).toBe(1476);
    expect(p.a.status().drops['too-big']).toBe(1);
  });

  it('fragments an oversize IPv4 packet without DF; the peer receives fragments that fit', () => {
    const ca = config({ mode: 'gre', addresses: [cidr(v4a)], inner: 'tun', mtu: 1476 });
    const p = pair(ca, mirror(ca, { addresses: [cidr(v4b)], inner: 'tun' }));
    p.a.sendPacket(big(false));
    p.wire.pump();
    expect(p.innerB.length).toBe(2);
    expect(p.innerB.every((f) => f.length <= 1476)).toBe(true);
    const h = parseIpv4(p.innerB[0]);
    if (typeof h === 'string') throw new Error(h);
    expect(h.fragment & IP_MF).toBe(IP_MF);
    expect(p.innerB.reduce((n, f) => n + f.length - 20, 0)).toBe(2008);
  });

  it('answers an oversize IPv6 packet with "packet too big"', () => {
    const ca = config({ mode: 'ip6ip6', addresses: [cidr(v6a)], inner: 'tun', mtu: 1452 });
    const p = pair(ca, mirror(ca, { addresses: [cidr(v6b)], inner: 'tun' }));
    p.a.sendPacket(buildIcmpv6Echo(addrBytes('fd00::1'), addrBytes('fd00::2'), ICMPV6_ECHO_REQUEST, 1, 1, new Uint8Array(1500)));
    expect(p.innerA[0][40]).toBe(ICMPV6_PACKET_TOO_BIG);
    expect(new DataView(p.innerA[0].buffer).getUint32(44)).toBe(1452);
  });
});

describe('liveness', () => {
  it('goes to "no reply from peer" when the peer falls silent and recovers when it answers again', () => {
    const p = pairFor({ mode: 'ipip', inner: 4 });
    exchange(p, 1);
    expect(p.a.state()).toBe('up');
    for (let i = 0; i < 5; i++) {
      p.clock.t += 1000;
      p.a.probe();
      p.wire.queue.length = 0; // the peer is gone
    }
    expect(p.a.state()).toBe('no reply from peer');
    exchange(p, 1);
    expect(p.a.state()).toBe('up');
  });

  it('without a known peer address, probes its own address and counts it when the peer routes it back', () => {
    const ca = config({ mode: 'ipip', addresses: [cidr('10.0.0.1/24')], inner: 'tun' });
    const loopBack = pair(ca, mirror(ca, { addresses: [cidr('10.0.0.2/24')], inner: 'tun' }));
    loopBack.a.probe();
    loopBack.wire.pump();
    // b has no host stack here: its "kernel" routes 10.0.0.1 back into the tunnel
    expect(loopBack.innerB.length).toBe(1);
    const echoed = loopBack.innerB[0];
    const buf = new Uint8Array(HEADROOM + echoed.length);
    buf.set(echoed, HEADROOM);
    loopBack.b.fromInner(buf, HEADROOM, buf.length);
    loopBack.wire.pump();
    expect(loopBack.a.status()).toMatchObject({ state: 'up', probeReplies: 1 });
    expect(loopBack.innerA.length).toBe(0);
  });

  it('sends a first packet even without inner addresses: an echo from its outer address to the peer\'s', () => {
    const cfg = config({ mode: 'ipip', addresses: [], inner: 'tun' });
    const p = pair(cfg, mirror(cfg, { inner: 'tun' }));
    p.a.probe();
    expect(p.wire.seen.length).toBe(1);
    const inner = p.wire.seen[0].packet.subarray(20);
    const h = parseIpv4(inner);
    if (typeof h === 'string') throw new Error(h);
    expect([Array.from(h.src).join('.'), Array.from(h.dst).join('.'), inner[20]]).toEqual(['198.51.100.1', '198.51.100.2', ICMP_ECHO_REQUEST]);
  });

  it("consumes only its own probe replies: a user's ping with the same identifier reaches the inner side", () => {
    const cfg = config({ mode: 'ipip', addresses: [cidr(v4a)], probeTargets: ['10.0.0.2'], inner: 'tun' });
    const delivered: Uint8Array[] = [];
    const e = new Engine(cfg, { send: () => true }, { random: (n) => new Uint8Array(n) }); // probe identifier 0
    e.attachInner({ write: (p) => void delivered.push(p) });
    const reply = (data: Uint8Array) =>
      buildIpv4(addrBytes('198.51.100.2'), addrBytes('198.51.100.1'), PROTO_IPIP, 64, buildIcmpEcho(addrBytes('10.0.0.2'), addrBytes('10.0.0.1'), ICMP_ECHO_REPLY, 0, 0, data));
    e.probe();
    e.fromOuter(reply(new TextEncoder().encode('a user ping')), addrBytes('198.51.100.2'));
    expect(delivered.length).toBe(1);
    e.fromOuter(reply(new TextEncoder().encode('tunnelwright-keepalive')), addrBytes('198.51.100.2'));
    expect(delivered.length).toBe(1);
    expect(e.status().probeReplies).toBe(1);
  });

  it('clamps the MSS of TCP SYNs both ways when the tunnel configures it', () => {
    const ca = config({ mode: 'gre', addresses: [cidr(v4a)], inner: 'tun', mss: 1360 });
    const p = pair(ca, mirror(ca, { addresses: [cidr(v4b)], inner: 'tun', mss: null }));
    const tcp = new Uint8Array(24);
    tcp[12] = 6 << 4;
    tcp[13] = 0x02;
    tcp.set([2, 4, 0x05, 0xb4], 20);
    const syn = () => buildIpv4(addrBytes('10.0.0.1'), addrBytes('10.0.0.2'), 6, 64, tcp);
    const mssOf = (pkt: Uint8Array) => (pkt[20 + 22] << 8) | pkt[20 + 23];
    p.a.sendPacket(syn()); // a clamps what it sends
    p.wire.pump();
    expect(mssOf(p.innerB[0])).toBe(1360);
    p.b.sendPacket(syn()); // b does not clamp; a clamps what it receives
    p.wire.pump();
    expect(mssOf(p.innerA[0])).toBe(1360);
  });
});
