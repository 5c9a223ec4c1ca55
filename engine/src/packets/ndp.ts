// Neighbor Discovery (RFC 4861): neighbor solicitation and advertisement with link-layer address options.
import { buildIcmpv6 } from './icmpv6';

export const ND_NEIGHBOR_SOLICIT = 135;
export const ND_NEIGHBOR_ADVERT = 136;
const OPT_SOURCE_LL = 1;
const OPT_TARGET_LL = 2;
/** RFC 4861 §7.1: ND messages must arrive with hop limit 255 (not forwarded). */
export const ND_HOP_LIMIT = 255;
const NA_FLAG_SOLICITED = 0x40000000;
const NA_FLAG_OVERRIDE = 0x20000000;

export interface NeighborMessage {
  type: number;
  target: Uint8Array;
  /** Source (NS) or target (NA) link-layer address option, if present. */
  mac?: Uint8Array;
}

/** Parses NS/NA from an ICMPv6 message whose checksum the caller has verified. */
export function parseNeighbor(msg: Uint8Array): NeighborMessage | undefined {
  if (msg.length < 24 || msg[1] !== 0) return undefined;
  const type = msg[0];
  if (type !== ND_NEIGHBOR_SOLICIT && type !== ND_NEIGHBOR_ADVERT) return undefined;
  const out: NeighborMessage = { type, target: msg.subarray(8, 24) };
  for (let off = 24; off + 2 <= msg.length; ) {
    const len = msg[off + 1] * 8;
    if (len === 0 || off + len > msg.length) return undefined;
    if ((msg[off] === OPT_SOURCE_LL || msg[off] === OPT_TARGET_LL) && len >= 8) out.mac = msg.subarray(off + 2, off + 8);
    off += len;
  }
  return out;
}

/** Solicited-node multicast address ff02::1:ffXX:XXXX for `target` (RFC 4291 §2.7.1). */
export function solicitedNode(target: Uint8Array): Uint8Array {
  const a = new Uint8Array(16);
  a.set([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, target[13], target[14], target[15]]);
  return a;
}

function body(target: Uint8Array, option: number, mac: Uint8Array): Uint8Array {
  const b = new Uint8Array(24);
  b.set(target, 0);
  b[16] = option;
  b[17] = 1;
  b.set(mac, 18);
  return b;
}

export function buildNeighborSolicit(src: Uint8Array, target: Uint8Array, mac: Uint8Array): Uint8Array {
  return buildIcmpv6(src, solicitedNode(target), ND_NEIGHBOR_SOLICIT, 0, 0, body(target, OPT_SOURCE_LL, mac), ND_HOP_LIMIT);
}

export function buildNeighborAdvert(src: Uint8Array, dst: Uint8Array, mac: Uint8Array): Uint8Array {
  return buildIcmpv6(src, dst, ND_NEIGHBOR_ADVERT, 0, NA_FLAG_SOLICITED | NA_FLAG_OVERRIDE, body(src, OPT_TARGET_LL, mac), ND_HOP_LIMIT);
}
