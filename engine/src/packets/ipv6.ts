// IPv6 header (RFC 8200) and the Tunnel Encapsulation Limit destination option (RFC 2473 §5.1).
import type { DropReason } from './drops';

export const IPV6_HEADER_LEN = 40;
export const IPV6_MIN_MTU = 1280;
export const OPTION_TUNNEL_ENCAP_LIMIT = 4;
export const OPTION_PADN = 1;

export interface Ipv6Header {
  trafficClass: number;
  flowLabel: number;
  payloadLength: number;
  nextHeader: number;
  hopLimit: number;
  src: Uint8Array;
  dst: Uint8Array;
}

export function parseIpv6(buf: Uint8Array): Ipv6Header | DropReason {
  if (buf.length < IPV6_HEADER_LEN) return 'truncated';
  if (buf[0] >> 4 !== 6) return 'malformed';
  const payloadLength = (buf[4] << 8) | buf[5];
  if (buf.length < IPV6_HEADER_LEN + payloadLength) return 'truncated';
  return {
    trafficClass: ((buf[0] & 0x0f) << 4) | (buf[1] >> 4),
    flowLabel: ((buf[1] & 0x0f) << 16) | (buf[2] << 8) | buf[3],
    payloadLength,
    nextHeader: buf[6],
    hopLimit: buf[7],
    src: buf.subarray(8, 24),
    dst: buf.subarray(24, 40),
  };
}

export interface Ipv6Fields {
  trafficClass: number;
  payloadLength: number;
  nextHeader: number;
  hopLimit: number;
  src: Uint8Array;
  dst: Uint8Array;
}

export function writeIpv6(buf: Uint8Array, off: number, f: Ipv6Fields): void {
  buf[off] = 0x60 | (f.trafficClass >> 4);
  buf[off + 1] = (f.trafficClass & 0x0f) << 4;
  buf[off + 2] = 0;
  buf[off + 3] = 0;
  buf[off + 4] = f.payloadLength >> 8;
  buf[off + 5] = f.payloadLength & 0xff;
  buf[off + 6] = f.nextHeader;
  buf[off + 7] = f.hopLimit;
  buf.set(f.src, off + 8);
  buf.set(f.dst, off + 24);
}

/** The 8-byte destination options header Linux ip6tnl adds by default: encapsulation limit + PadN. */
export function encapLimitOption(nextHeader: number, limit: number): Uint8Array {
  return Uint8Array.of(nextHeader, 0, OPTION_TUNNEL_ENCAP_LIMIT, 1, limit, OPTION_PADN, 1, 0);
}

/** A complete IPv6 packet around `payload`. */
export function buildIpv6(src: Uint8Array, dst: Uint8Array, nextHeader: number, hopLimit: number, payload: Uint8Array): Uint8Array {
  const pkt = new Uint8Array(IPV6_HEADER_LEN + payload.length);
  pkt.set(payload, IPV6_HEADER_LEN);
  writeIpv6(pkt, 0, { trafficClass: 0, payloadLength: payload.length, nextHeader, hopLimit, src, dst });
  return pkt;
}
