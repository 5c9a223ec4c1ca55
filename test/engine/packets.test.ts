// Codecs against RFC examples and their own round trips; 6rd arithmetic against RFC 5969 cases.
import { describe, expect, it } from 'vitest';
import { checksum, pseudoHeaderSum } from '../../engine/src/packets/checksum';
import { addrBytes, addrText, inPrefix, readBits, writeBits } from '../../engine/src/packets/addr';
import { buildIpv4, fragmentIpv4, IP_MF, parseIpv4, PROTO_UDP } from '../../engine/src/packets/ipv4';
import { buildIpv6, encapLimitOption, parseIpv6 } from '../../engine/src/packets/ipv6';
import { buildFragNeeded, buildIcmpEcho, ICMP_ECHO_REQUEST, parseIcmpEcho } from '../../engine/src/packets/icmp';
import { buildIcmpv6Echo, buildPacketTooBig, ICMPV6_ECHO_REQUEST, ICMPV6_PACKET_TOO_BIG, icmpv6ChecksumOk } from '../../engine/src/packets/icmpv6';
import { greHeaderLength, parseGre, writeGre } from '../../engine/src/packets/gre';
import { parseVxlan, writeVxlan } from '../../engine/src/packets/vxlan';
import { ARP_REQUEST, buildArp, parseArp } from '../../engine/src/packets/arp';
import { buildNeighborAdvert, buildNeighborSolicit, parseNeighbor, solicitedNode, ND_NEIGHBOR_SOLICIT } from '../../engine/src/packets/ndp';
import { SixRdDomain } from '../../engine/src/encap/sixrd';
import { clampMss } from '../../engine/src/packets/tcp';
import { cidr } from './harness';

const hex = (s: string) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((b) => parseInt(b, 16)));

describe('checksum', () => {
  it('matches the RFC 1071 §3 worked example', () => {
    // 0001 f203 f4f5 f6f7 sums to ddf2 (folded); the checksum is its complement
    expect(checksum(hex('0001f203f4f5f6f7'), 0, 8)).toBe(~0xddf2 & 0xffff);
  });
  it('pads an odd trailing byte with zero', () => {
    expect(checksum(Uint8Array.of(0x12), 0, 1)).toBe(~0x1200 & 0xffff);
  });
  it('validates a real IPv4 header (sums to zero)', () => {
    const h = hex('4500003c1c4640004006b1e6ac100a63ac100a0c');
    expect(checksum(h, 0, 20)).toBe(0);
    expect(parseIpv4(h.subarray(0, 20))).toBe('truncated'); // total length 60 > 20 bytes present
  });
});

describe('addresses', () => {
  it('converts and compares prefixes longer than 32 bits', () => {
    const a = addrBytes('2001:db8:10:f096:a60:164::1');
    expect(addrText(a)).toBe('2001:db8:10:f096:a60:164:0:1'); // RFC 5952: '::' never stands for one group
    expect(inPrefix(a, addrBytes('2001:db8:10:f096::'), 64)).toBe(true);
    expect(inPrefix(a, addrBytes('2001:db8:10:f097::'), 64)).toBe(false);
    expect(inPrefix(a, addrBytes('10.0.0.0'), 8)).toBe(false);
  });
  it('reads and writes bit fields across byte boundaries', () => {
    const b = new Uint8Array(4);
    writeBits(b, 5, 12, 0xabc);
    expect(readBits(b, 5, 12)).toBe(0xabc);
    expect(readBits(b, 0, 5)).toBe(0);
  });
});

describe('IPv4', () => {
  const src = addrBytes('192.0.2.1');
  const dst = addrBytes('192.0.2.2');
  it('round-trips a header with a valid checksum', () => {
    const p = buildIpv4(src, dst, PROTO_UDP, 33, new Uint8Array(10));
    const h = parseIpv4(p);
    expect(h).toMatchObject({ headerLength: 20, totalLength: 30, ttl: 33, protocol: PROTO_UDP });
    p[8] = 34; // TTL changed without fixing the checksum
    expect(parseIpv4(p)).toBe('bad-checksum');
  });
  it('rejects truncated and malformed headers', () => {
    expect(parseIpv4(new Uint8Array(19))).toBe('truncated');
    const p = buildIpv4(src, dst, PROTO_UDP, 64, new Uint8Array(4));
    expect(parseIpv4(Uint8Array.from([0x65, ...p.subarray(1)]))).toBe('malformed');
  });
  it('fragments on 8-byte boundaries and the pieces reassemble to the original', () => {
    const payload = Uint8Array.from({ length: 3000 }, (_, i) => i & 0xff);
    const p = buildIpv4(src, dst, PROTO_UDP, 64, payload);
    const h = parseIpv4(p);
    if (typeof h === 'string') throw new Error(h);
    const frags = fragmentIpv4(p, h, 1400);
    expect(frags.length).toBe(3);
    const joined = new Uint8Array(3000);
    frags.forEach((f, i) => {
      const fh = parseIpv4(f);
      if (typeof fh === 'string') throw new Error(fh);
      expect(f.length).toBeLessThanOrEqual(1400);
      expect(Boolean(fh.fragment & IP_MF)).toBe(i < frags.length - 1);
      joined.set(f.subarray(20), (fh.fragment & 0x1fff) * 8);
    });
    expect(joined).toEqual(payload);
  });
});

describe('IPv6', () => {
  it('round-trips a header and writes the encapsulation limit option as Linux does', () => {
    const p = buildIpv6(addrBytes('2001:db8::1'), addrBytes('2001:db8::2'), 4, 64, new Uint8Array(8));
    expect(parseIpv6(p)).toMatchObject({ payloadLength: 8, nextHeader: 4, hopLimit: 64 });
    expect(parseIpv6(p.subarray(0, 45))).toBe('truncated');
    expect(Array.from(encapLimitOption(4, 4))).toEqual([4, 0, 4, 1, 4, 1, 1, 0]);
  });
});

describe('ICMP', () => {
  it('builds echo requests a parser accepts, and frag-needed quoting the packet with the MTU', () => {
    const src = addrBytes('10.0.0.1');
    const dst = addrBytes('10.0.0.2');
    const echo = buildIcmpEcho(src, dst, ICMP_ECHO_REQUEST, 0x1234, 7, Uint8Array.of(1, 2, 3));
    expect(parseIcmpEcho(echo.subarray(20))).toMatchObject({ type: ICMP_ECHO_REQUEST, id: 0x1234, seq: 7 });
    const h = parseIpv4(echo);
    if (typeof h === 'string') throw new Error(h);
    const err = buildFragNeeded(dst, echo, h, 1380);
    expect(err.subarray(20, 22)).toEqual(Uint8Array.of(3, 4));
    expect((err[26] << 8) | err[27]).toBe(1380);
    expect(checksum(err, 20, err.length - 20)).toBe(0);
    expect(err.subarray(28)).toEqual(echo);
  });
  it('builds ICMPv6 echo and packet-too-big with valid checksums, never below 1280', () => {
    const a = addrBytes('2001:db8::1');
    const b = addrBytes('2001:db8::2');
    const echo = buildIcmpv6Echo(a, b, ICMPV6_ECHO_REQUEST, 1, 2, new Uint8Array(1400));
    expect(icmpv6ChecksumOk(a, b, echo.subarray(40))).toBe(true);
    const h = parseIpv6(echo);
    if (typeof h === 'string') throw new Error(h);
    const ptb = buildPacketTooBig(b, echo, h, 1000);
    expect(ptb.length).toBe(1280);
    expect(ptb[40]).toBe(ICMPV6_PACKET_TOO_BIG);
    expect(new DataView(ptb.buffer).getUint32(44)).toBe(1280);
    expect(icmpv6ChecksumOk(b, a, ptb.subarray(40))).toBe(true);
  });
  it('computes the IPv6 pseudo-header with a 32-bit length', () => {
    const z = new Uint8Array(16);
    expect(pseudoHeaderSum(z, z, 58, 0x10002)).toBe(58 + 1 + 2);
  });
});

describe('GRE', () => {
  it('writes and parses every optional field, with the checksum over header and payload', () => {
    const f = { protocol: 0x0800, checksum: true, key: 0xdeadbeef, seq: 5 };
    const len = greHeaderLength(f);
    expect(len).toBe(16);
    const buf = new Uint8Array(len + 20);
    buf.fill(0xab, len);
    writeGre(buf, 0, buf.length, f);
    expect(Array.from(buf.subarray(0, 2))).toEqual([0xb0, 0x00]);
    expect(parseGre(buf)).toMatchObject({ protocol: 0x0800, headerLength: 16, checksumPresent: true, key: 0xdeadbeef, seq: 5 });
    buf[len + 3] ^= 1;
    expect(parseGre(buf)).toBe('bad-checksum');
  });
  it('refuses version 1 (PPTP), the routing bit and truncated options', () => {
    expect(parseGre(Uint8Array.of(0x00, 0x01, 0x08, 0x00))).toBe('malformed');
    expect(parseGre(Uint8Array.of(0x40, 0x00, 0x08, 0x00))).toBe('malformed');
    expect(parseGre(Uint8Array.of(0x20, 0x00, 0x08, 0x00, 0, 0))).toBe('truncated');
  });
});

describe('VXLAN', () => {
  it('writes flag 0x08 and the 24-bit VNI; other bits make the header malformed', () => {
    const b = new Uint8Array(8);
    writeVxlan(b, 0, 0xabcdef);
    expect(Array.from(b)).toEqual([8, 0, 0, 0, 0xab, 0xcd, 0xef, 0]);
    expect(parseVxlan(b)).toBe(0xabcdef);
    b[7] = 1;
    expect(parseVxlan(b)).toBe('malformed');
    expect(parseVxlan(b.subarray(0, 7))).toBe('truncated');
  });
});

describe('ARP and NDP', () => {
  it('round-trips an ARP request', () => {
    const a = { op: ARP_REQUEST, senderMac: Uint8Array.of(2, 0, 0, 0, 0, 1), senderIp: addrBytes('10.0.0.1'), targetMac: new Uint8Array(6), targetIp: addrBytes('10.0.0.2') };
    expect(parseArp(buildArp(a))).toEqual(a);
    expect(parseArp(new Uint8Array(27))).toBeUndefined();
  });
  it('builds a solicitation to the solicited-node group and an advertisement with the MAC', () => {
    const mac = Uint8Array.of(2, 1, 2, 3, 4, 5);
    const src = addrBytes('2001:db8::1');
    const target = addrBytes('2001:db8::aa:bbcc');
    expect(addrText(solicitedNode(target))).toBe('ff02::1:ffaa:bbcc');
    const ns = buildNeighborSolicit(src, target, mac);
    expect(ns[7]).toBe(255);
    expect(parseNeighbor(ns.subarray(40))).toMatchObject({ type: ND_NEIGHBOR_SOLICIT, target, mac });
    const na = buildNeighborAdvert(target, src, mac);
    expect(icmpv6ChecksumOk(target, src, na.subarray(40))).toBe(true);
    expect(parseNeighbor(na.subarray(40))?.mac).toEqual(mac);
  });
});

describe('6rd arithmetic (RFC 5969)', () => {
  const prefix = cidr('2001:db8:10:f096::/64');
  it('embeds all 32 IPv4 bits with an IPv4 prefix length of 0', () => {
    const d = new SixRdDomain({ prefix, ipv4MaskLen: 0, relay: '10.255.255.222' }, '10.96.1.100', null);
    expect(addrText(d.destination(addrBytes('2001:db8:10:f096:a60:164::1'))!)).toBe('10.96.1.100');
    expect(addrText(d.destination(addrBytes('2001:db8:99::1'))!)).toBe('10.255.255.222');
    expect(d.isSpoofed(addrBytes('10.96.1.100'), addrBytes('2001:db8:10:f096:a60:164::1'))).toBe(false);
    expect(d.isSpoofed(addrBytes('10.96.1.101'), addrBytes('2001:db8:10:f096:a60:164::1'))).toBe(true);
    expect(d.isSpoofed(addrBytes('10.255.255.222'), addrBytes('2001:db8:99::1'))).toBe(false);
  });
  it('takes the common IPv4 bits from the local address with a relay prefix of /8', () => {
    const d = new SixRdDomain({ prefix: cidr('2001:db8::/32'), ipv4MaskLen: 8, relay: null }, '10.1.2.3', null);
    // 24 bits follow the /32 prefix: 0x0a0b0c → 10.10.11.12
    expect(addrText(d.destination(addrBytes('2001:db8:a0b:c00::1'))!)).toBe('10.10.11.12');
    expect(d.acceptsSource(addrBytes('10.200.0.1'))).toBe(true);
    expect(d.acceptsSource(addrBytes('11.0.0.1'))).toBe(false);
    expect(d.destination(addrBytes('2001:db9::1'))).toBeNull();
  });
});

describe('TCP MSS clamping', () => {
  /** A SYN with options NOP, NOP, MSS 1460, and a correct checksum. */
  function syn(family: 4 | 6): Uint8Array {
    const tcp = new Uint8Array(28);
    tcp.set([0x30, 0x39, 0x00, 0x50], 0); // ports
    tcp[12] = 7 << 4; // 28-byte header
    tcp[13] = 0x02; // SYN
    tcp.set([1, 1, 2, 4, 0x05, 0xb4, 0, 0], 20);
    const [src, dst] = family === 4 ? [addrBytes('10.0.0.1'), addrBytes('10.0.0.2')] : [addrBytes('fd00::1'), addrBytes('fd00::2')];
    const c = checksum(tcp, 0, tcp.length, pseudoHeaderSum(src, dst, 6, tcp.length));
    tcp[16] = c >> 8;
    tcp[17] = c & 0xff;
    return family === 4 ? buildIpv4(src, dst, 6, 64, tcp) : buildIpv6(src, dst, 6, 64, tcp);
  }
  const tcpOk = (p: Uint8Array, family: 4 | 6) => {
    const off = family === 4 ? 20 : 40;
    const [src, dst] = family === 4 ? [p.subarray(12, 16), p.subarray(16, 20)] : [p.subarray(8, 24), p.subarray(24, 40)];
    return checksum(p, off, p.length - off, pseudoHeaderSum(src, dst, 6, p.length - off)) === 0;
  };

  for (const family of [4, 6] as const) {
    it(`lowers the MSS of an IPv${family} SYN and keeps the checksum valid; never raises it`, () => {
      const p = syn(family);
      const at = (family === 4 ? 20 : 40) + 24;
      expect(clampMss(p, family, 1360)).toBe(true);
      expect((p[at] << 8) | p[at + 1]).toBe(1360);
      expect(tcpOk(p, family)).toBe(true);
      expect(clampMss(p, family, 1400)).toBe(false);
      expect((p[at] << 8) | p[at + 1]).toBe(1360);
    });
  }

  it('leaves segments without SYN, and malformed options, alone', () => {
    const p = syn(4);
    p[20 + 13] = 0x10; // ACK only
    expect(clampMss(p, 4, 1000)).toBe(false);
    const q = syn(4);
    q[20 + 23] = 40; // option length past the header
    expect(clampMss(q, 4, 1000)).toBe(false);
  });
});
