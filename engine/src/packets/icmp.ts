// ICMP for IPv4 (RFC 792, RFC 1191): echo and "fragmentation needed". Builders return whole IPv4 packets.
import { checksum } from './checksum';
import { buildIpv4, IPV4_HEADER_LEN, PROTO_ICMP, type Ipv4Header } from './ipv4';

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_CODE_FRAG_NEEDED = 4;
export const ICMP_HEADER_LEN = 8;
/** RFC 1812 §4.3.2.3: an ICMP error carries as much of the original as fits in 576 bytes. */
const ICMP_ERROR_MAX = 576;
const DEFAULT_TTL = 64;

export interface Echo {
  type: number;
  id: number;
  seq: number;
  data: Uint8Array;
}

/** Parses an ICMP echo request/reply from the IPv4 payload; undefined for other ICMP or a bad checksum. */
export function parseIcmpEcho(payload: Uint8Array): Echo | undefined {
  if (payload.length < ICMP_HEADER_LEN || checksum(payload, 0, payload.length) !== 0) return undefined;
  const type = payload[0];
  if ((type !== ICMP_ECHO_REQUEST && type !== ICMP_ECHO_REPLY) || payload[1] !== 0) return undefined;
  return { type, id: (payload[4] << 8) | payload[5], seq: (payload[6] << 8) | payload[7], data: payload.subarray(8) };
}

/**
 * An ICMP or ICMPv6 message: type, code, the 32-bit field after the checksum, body. ICMPv6 passes its
 * pseudo-header sum, which ICMP for IPv4 does not have.
 */
export function icmpMessage(type: number, code: number, rest: number, body: Uint8Array, pseudoSum = 0): Uint8Array {
  const msg = new Uint8Array(ICMP_HEADER_LEN + body.length);
  msg[0] = type;
  msg[1] = code;
  msg[4] = (rest >>> 24) & 0xff;
  msg[5] = (rest >>> 16) & 0xff;
  msg[6] = (rest >>> 8) & 0xff;
  msg[7] = rest & 0xff;
  msg.set(body, ICMP_HEADER_LEN);
  const c = checksum(msg, 0, msg.length, pseudoSum);
  msg[2] = c >> 8;
  msg[3] = c & 0xff;
  return msg;
}

export function buildIcmpEcho(src: Uint8Array, dst: Uint8Array, type: number, id: number, seq: number, data: Uint8Array, ttl = DEFAULT_TTL): Uint8Array {
  return buildIpv4(src, dst, PROTO_ICMP, ttl, icmpMessage(type, 0, ((id & 0xffff) << 16) | (seq & 0xffff), data));
}

/** "Fragmentation needed and DF set" with the next-hop MTU, quoting the start of the offending packet. */
export function buildFragNeeded(src: Uint8Array, original: Uint8Array, h: Ipv4Header, mtu: number): Uint8Array {
  const quote = original.subarray(0, Math.min(h.totalLength, ICMP_ERROR_MAX - IPV4_HEADER_LEN - ICMP_HEADER_LEN));
  return buildIpv4(src, h.src, PROTO_ICMP, DEFAULT_TTL, icmpMessage(ICMP_DEST_UNREACH, ICMP_CODE_FRAG_NEEDED, mtu & 0xffff, quote));
}
