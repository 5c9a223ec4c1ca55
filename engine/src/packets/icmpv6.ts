// ICMPv6 (RFC 4443): echo and "packet too big". Builders return whole IPv6 packets with the checksum set.
import { checksum, pseudoHeaderSum } from './checksum';
import { buildIpv6, IPV6_HEADER_LEN, IPV6_MIN_MTU, type Ipv6Header } from './ipv6';
import { PROTO_ICMPV6 } from './ipv4';
import { icmpMessage } from './icmp';

export const ICMPV6_PACKET_TOO_BIG = 2;
export const ICMPV6_ECHO_REQUEST = 128;
export const ICMPV6_ECHO_REPLY = 129;
export const ICMPV6_HEADER_LEN = 8;
const DEFAULT_HOP_LIMIT = 64;

/** Whether the ICMPv6 message in `msg` (from src to dst) has a valid checksum. */
export function icmpv6ChecksumOk(src: Uint8Array, dst: Uint8Array, msg: Uint8Array): boolean {
  return checksum(msg, 0, msg.length, pseudoHeaderSum(src, dst, PROTO_ICMPV6, msg.length)) === 0;
}

/** Builds an ICMPv6 packet; `rest` is the 32-bit field after the checksum. */
export function buildIcmpv6(src: Uint8Array, dst: Uint8Array, type: number, code: number, rest: number, body: Uint8Array, hopLimit = DEFAULT_HOP_LIMIT): Uint8Array {
  const len = ICMPV6_HEADER_LEN + body.length;
  return buildIpv6(src, dst, PROTO_ICMPV6, hopLimit, icmpMessage(type, code, rest, body, pseudoHeaderSum(src, dst, PROTO_ICMPV6, len)));
}

export function buildIcmpv6Echo(src: Uint8Array, dst: Uint8Array, type: number, id: number, seq: number, data: Uint8Array): Uint8Array {
  return buildIcmpv6(src, dst, type, 0, ((id & 0xffff) << 16) | (seq & 0xffff), data);
}

/** "Packet too big" quoting as much of the original as keeps the error within the IPv6 minimum MTU. */
export function buildPacketTooBig(src: Uint8Array, original: Uint8Array, h: Ipv6Header, mtu: number): Uint8Array {
  const room = IPV6_MIN_MTU - IPV6_HEADER_LEN - ICMPV6_HEADER_LEN;
  const quote = original.subarray(0, Math.min(original.length, room));
  return buildIcmpv6(src, h.src, ICMPV6_PACKET_TOO_BIG, 0, Math.max(mtu, IPV6_MIN_MTU), quote);
}
