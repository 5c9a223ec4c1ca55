import type { Cidr } from './types';
import { fromBits, prefixMask, toBits } from './ip';

// RFC 5969 arithmetic as pure bit operations, shared by the builder, the checks, hovers and the engine.
// A 6rd domain is (6rd prefix P/n, IPv4 mask length m): a CE with IPv4 address A gets the delegated
// prefix P ‖ (the low 32 − m bits of A), of length n + 32 − m. The high m bits are common to the domain
// (Linux/VyOS write them as the relay prefix R/m).

export interface SixRdDomain {
  prefix: Cidr;
  ipv4MaskLen: number;
}

const ALL32 = 0xffffffffn;

/** Length of every delegated prefix of the domain (may exceed 128: an invalid domain). */
export function delegatedLength(d: SixRdDomain): number {
  return d.prefix.prefixLength + 32 - d.ipv4MaskLen;
}

/** The delegated prefix a CE with IPv4 address `ipv4` gets; null when the domain or address is invalid. */
export function delegatedPrefix(d: SixRdDomain, ipv4: string): Cidr | null {
  const p = toBits(d.prefix.address);
  const a = toBits(ipv4);
  const len = delegatedLength(d);
  if (!p || p.family !== 6 || !a || a.family !== 4 || len > 128 || d.ipv4MaskLen < 0 || d.ipv4MaskLen > 32) return null;
  const n = d.prefix.prefixLength;
  const embedded = a.value & (ALL32 >> BigInt(d.ipv4MaskLen));
  const value = (p.value & prefixMask(n, 128)) | (embedded << BigInt(128 - len));
  return { address: fromBits({ value, family: 6 }), prefixLength: len, family: 6 };
}

/**
 * The IPv4 address a 6rd tunnel sends to for an IPv6 destination inside the domain: the domain's common
 * high bits (from `relayPrefix`, any address with those bits) joined with the bits the destination embeds.
 * Null when the destination is outside the 6rd prefix.
 */
export function ipv4Destination(d: SixRdDomain, relayPrefix: string, ipv6: string): string | null {
  const p = toBits(d.prefix.address);
  const r = toBits(relayPrefix);
  const x = toBits(ipv6);
  const len = delegatedLength(d);
  if (!p || !r || !x || p.family !== 6 || r.family !== 4 || x.family !== 6 || len > 128) return null;
  const n = d.prefix.prefixLength;
  if ((x.value & prefixMask(n, 128)) !== (p.value & prefixMask(n, 128))) return null;
  const embedded = (x.value >> BigInt(128 - len)) & (ALL32 >> BigInt(d.ipv4MaskLen));
  const common = r.value & prefixMask(d.ipv4MaskLen, 32);
  return fromBits({ value: common | embedded, family: 4 });
}

/** `address` moved into `prefix`: the prefix's bits, then the address's own bits after them. */
export function withPrefix(address: string, prefix: Cidr): string | null {
  const a = toBits(address);
  const p = toBits(prefix.address);
  if (!a || !p || a.family !== p.family) return null;
  const mask = prefixMask(prefix.prefixLength, 128);
  return fromBits({ value: (p.value & mask) | (a.value & ~mask & ((1n << 128n) - 1n)), family: 6 });
}

/** The relay prefix (R/m) that carries a domain's mask length for a CE with IPv4 address `ipv4`. */
export function relayPrefixFor(ipv4MaskLen: number, ipv4: string): Cidr | null {
  const a = toBits(ipv4);
  if (!a || a.family !== 4) return null;
  return { address: fromBits({ value: a.value & prefixMask(ipv4MaskLen, 32), family: 4 }), prefixLength: ipv4MaskLen, family: 4 };
}
