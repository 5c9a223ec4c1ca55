import ipaddr from 'ipaddr.js';
import type { Cidr } from '../../model/types';

/**
 * Value of `a.b.c.d` written in canonical form (decimal octets 0–255, no leading zeros), or undefined.
 * Most addresses in a configuration are such quads: reading them here skips ipaddr.js's regex-based parser
 * (a third of a Cisco parse); anything else takes the general path below.
 */
function plainQuad(t: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return undefined;
      octet = octet * 10 + (c - 48);
      if (octet > 255) return undefined;
      digits++;
    } else {
      return undefined;
    }
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : undefined;
}

/** Canonical text of an address: RFC 5952 compact form for IPv6, dotted quad for IPv4. */
export function normalizeAddress(text: string): string | undefined {
  const plain = stripQuotes(text);
  if (plainQuad(plain) !== undefined) return plain;
  // ipaddr.js reads the IPv4-compatible form `::a.b.c.d` as IPv4-mapped `::ffff:a.b.c.d`; sit and 6rd use the
  // former (`via ::<BR IPv4>`), so spell it `0::a.b.c.d`, which ipaddr.js reads as written.
  const t = stripQuotes(text).replace(/^::(?=\d+\.\d+\.\d+\.\d+$)/, '0::');
  if (!ipaddr.isValid(t)) return undefined;
  const a = ipaddr.parse(t);
  if (a.kind() === 'ipv4') {
    // ipaddr.js accepts non-standard IPv4 forms ("10", "0x0a.1"); tunnels configs only use dotted quads.
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(t)) return undefined;
  }
  return a.toString();
}

export function isIPv4(text: string): boolean {
  if (plainQuad(text) !== undefined) return true;
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) && ipaddr.IPv4.isValid(text);
}

export function isIPv6(text: string): boolean {
  return text.includes(':') && ipaddr.IPv6.isValid(text);
}

export function familyOf(address: string): 4 | 6 | undefined {
  if (isIPv4(address)) return 4;
  if (isIPv6(address)) return 6;
  return undefined;
}

/** Parse `A/N`. Without `/N`, `defaultLength` (host length when omitted). */
export function parseCidr(text: string, defaultLength?: number): Cidr | undefined {
  const t = stripQuotes(text);
  const slash = t.indexOf('/');
  const addrText = slash < 0 ? t : t.slice(0, slash);
  const address = normalizeAddress(addrText);
  if (address === undefined) return undefined;
  const family = familyOf(address)!;
  const max = family === 4 ? 32 : 128;
  let prefixLength: number;
  if (slash < 0) {
    prefixLength = defaultLength ?? max;
  } else {
    const lenText = t.slice(slash + 1);
    if (!/^\d{1,3}$/.test(lenText)) return undefined;
    prefixLength = Number(lenText);
  }
  if (prefixLength > max) return undefined;
  return { address, prefixLength, family };
}

/** Cisco-style `A MASK` (dotted netmask) to a Cidr. */
export function cidrFromMask(addressText: string, maskText: string): Cidr | undefined {
  const address = normalizeAddress(addressText);
  if (address === undefined || familyOf(address) !== 4 || !isIPv4(maskText)) return undefined;
  const mask = plainQuad(maskText);
  if (mask !== undefined) {
    // A netmask is contiguous ones: its complement plus one is a power of two.
    const host = ~mask >>> 0;
    return (host & (host + 1)) === 0 ? { address, prefixLength: 32 - Math.log2(host + 1), family: 4 } : undefined;
  }
  let prefixLength: number | null;
  try {
    prefixLength = ipaddr.IPv4.parse(maskText).prefixLengthFromSubnetMask();
  } catch {
    prefixLength = null;
  }
  if (prefixLength === null) return undefined;
  return { address, prefixLength, family: 4 };
}

export function cidrToString(c: Cidr): string {
  return `${c.address}/${c.prefixLength}`;
}

/** Whether `address` lies inside `net`. */
export function cidrContains(net: Cidr, address: string): boolean {
  const fam = familyOf(address);
  if (fam !== net.family) return false;
  const a = ipaddr.parse(address);
  return a.match(ipaddr.parse(net.address), net.prefixLength);
}

function stripQuotes(s: string): string {
  return s.length >= 2 && (s[0] === "'" || s[0] === '"') && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}
