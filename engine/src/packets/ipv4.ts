// IPv4 header (RFC 791): parse, write in place, fragment (RFC 791 §3.2 / RFC 815 offsets in 8-byte units).
import { checksum } from './checksum';
import type { DropReason } from './drops';

export const IPV4_HEADER_LEN = 20;
export const IPV4_MIN_MTU = 68;
export const IP_DF = 0x4000;
export const IP_MF = 0x2000;
const OFFSET_MASK = 0x1fff;

export const PROTO_ICMP = 1;
export const PROTO_IPIP = 4;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
export const PROTO_IPV6 = 41;
export const PROTO_GRE = 47;
export const PROTO_ICMPV6 = 58;

export interface Ipv4Header {
  headerLength: number;
  tos: number;
  totalLength: number;
  id: number;
  /** Flags and fragment offset as on the wire. */
  fragment: number;
  ttl: number;
  protocol: number;
  src: Uint8Array;
  dst: Uint8Array;
}

/** Validates an IPv4 header at buf[0..]; the packet may be followed by link padding (ignored). */
export function parseIpv4(buf: Uint8Array): Ipv4Header | DropReason {
  if (buf.length < IPV4_HEADER_LEN) return 'truncated';
  if (buf[0] >> 4 !== 4) return 'malformed';
  const headerLength = (buf[0] & 0x0f) * 4;
  const totalLength = (buf[2] << 8) | buf[3];
  if (headerLength < IPV4_HEADER_LEN || totalLength < headerLength) return 'malformed';
  if (buf.length < totalLength) return 'truncated';
  if (checksum(buf, 0, headerLength) !== 0) return 'bad-checksum';
  return {
    headerLength,
    tos: buf[1],
    totalLength,
    id: (buf[4] << 8) | buf[5],
    fragment: (buf[6] << 8) | buf[7],
    ttl: buf[8],
    protocol: buf[9],
    src: buf.subarray(12, 16),
    dst: buf.subarray(16, 20),
  };
}

export type Ipv4Fields = Omit<Ipv4Header, 'headerLength'>;

/** Writes a 20-byte header (no options) at buf[off..] including its checksum. */
export function writeIpv4(buf: Uint8Array, off: number, f: Ipv4Fields): void {
  buf[off] = 0x45;
  buf[off + 1] = f.tos;
  buf[off + 2] = f.totalLength >> 8;
  buf[off + 3] = f.totalLength & 0xff;
  buf[off + 4] = (f.id >> 8) & 0xff;
  buf[off + 5] = f.id & 0xff;
  buf[off + 6] = f.fragment >> 8;
  buf[off + 7] = f.fragment & 0xff;
  buf[off + 8] = f.ttl;
  buf[off + 9] = f.protocol;
  buf[off + 10] = 0;
  buf[off + 11] = 0;
  buf.set(f.src, off + 12);
  buf.set(f.dst, off + 16);
  setIpv4Checksum(buf, off);
}

export function setIpv4Checksum(buf: Uint8Array, off: number): void {
  const hl = (buf[off] & 0x0f) * 4;
  buf[off + 10] = 0;
  buf[off + 11] = 0;
  const c = checksum(buf, off, hl);
  buf[off + 10] = c >> 8;
  buf[off + 11] = c & 0xff;
}

/**
 * Splits an IPv4 packet into fragments of at most `mtu` bytes, keeping its ID and DF bit. The whole header,
 * options included, is repeated in every fragment.
 */
export function fragmentIpv4(packet: Uint8Array, h: Ipv4Header, mtu: number): Uint8Array[] {
  const hl = h.headerLength;
  const payload = packet.subarray(hl, h.totalLength);
  const step = Math.floor((mtu - hl) / 8) * 8;
  if (step <= 0) return [];
  const baseOffset = h.fragment & OFFSET_MASK;
  const moreAfter = (h.fragment & IP_MF) !== 0;
  const out: Uint8Array[] = [];
  for (let pos = 0; pos < payload.length; pos += step) {
    const chunk = payload.subarray(pos, Math.min(pos + step, payload.length));
    const last = pos + chunk.length >= payload.length;
    const frag = new Uint8Array(hl + chunk.length);
    frag.set(packet.subarray(0, hl), 0);
    frag.set(chunk, hl);
    const fragment = (h.fragment & IP_DF) | (last && !moreAfter ? 0 : IP_MF) | (baseOffset + pos / 8);
    frag[2] = frag.length >> 8;
    frag[3] = frag.length & 0xff;
    frag[6] = fragment >> 8;
    frag[7] = fragment & 0xff;
    setIpv4Checksum(frag, 0);
    out.push(frag);
  }
  return out;
}

/** A complete IPv4 packet around `payload` (no options, DF clear). */
export function buildIpv4(src: Uint8Array, dst: Uint8Array, protocol: number, ttl: number, payload: Uint8Array): Uint8Array {
  const pkt = new Uint8Array(IPV4_HEADER_LEN + payload.length);
  pkt.set(payload, IPV4_HEADER_LEN);
  writeIpv4(pkt, 0, { tos: 0, totalLength: pkt.length, id: 0, fragment: 0, ttl, protocol, src, dst });
  return pkt;
}
