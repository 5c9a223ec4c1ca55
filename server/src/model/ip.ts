import type { Cidr } from './types';

// Addresses as BigInt bit strings: what the 6rd arithmetic, subnet tests and the address indexes share.
// Parsed here rather than with ipaddr.js, which reads `::a.b.c.d` (IPv4-compatible) as `::ffff:a.b.c.d`.

export interface Bits {
  value: bigint;
  family: 4 | 6;
}

export const widthOf = (family: 4 | 6): number => (family === 4 ? 32 : 128);

function parseV4(text: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const n = Number(m[i]);
    if (n > 255) return undefined;
    v = v * 256 + n;
  }
  return BigInt(v);
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const out: number[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (i === parts.length - 1 && p.includes('.')) {
      const v4 = parseV4(p);
      if (v4 === undefined) return undefined;
      out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9a-f]{1,4}$/i.test(p)) {
      out.push(parseInt(p, 16));
    } else {
      return undefined;
    }
  }
  return out;
}

function parseV6(text: string): bigint | undefined {
  const t = text.replace(/%.*$/, ''); // zone index
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0]);
  const tail = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let v = 0n;
  for (const g of [...head, ...new Array<number>(missing).fill(0), ...tail]) v = (v << 16n) | BigInt(g);
  return v;
}

/** Parsed addresses: workspaces repeat the same few addresses in every check. Cleared when it grows large. */
const parsed = new Map<string, Bits | undefined>();

/** The bits of an IPv4 or IPv6 address; undefined for anything else (host names, `any`). */
export function toBits(address: string): Bits | undefined {
  if (parsed.has(address)) return parsed.get(address);
  let b: Bits | undefined;
  if (address.includes(':')) {
    const v = parseV6(address);
    b = v === undefined ? undefined : { value: v, family: 6 };
  } else {
    const v = parseV4(address);
    b = v === undefined ? undefined : { value: v, family: 4 };
  }
  if (parsed.size > 100_000) parsed.clear();
  parsed.set(address, b);
  return b;
}

/** RFC 5952 text of an address (IPv4 dotted quad). */
export function fromBits(b: Bits): string {
  if (b.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((b.value >> s) & 255n)).join('.');
  const groups: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(Number((b.value >> s) & 0xffffn));
  // The longest run of two or more zero groups becomes `::` (the first one on a tie).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

const masks = (width: number) => Array.from({ length: width + 1 }, (_, len) => (len === 0 ? 0n : ((1n << BigInt(len)) - 1n) << BigInt(width - len)));
const maskTable: Record<number, bigint[]> = { 32: masks(32), 128: masks(128) };

/** Mask of the top `len` bits of a 32- or 128-bit value. */
export function prefixMask(len: number, width: number): bigint {
  return maskTable[width][Math.max(0, Math.min(len, width))];
}

const canonicalText = new Map<string, string>();

/** Canonical text of an address, or the input unchanged when it is not an IP address. */
export function canonical(address: string): string {
  let c = canonicalText.get(address);
  if (c === undefined) {
    const b = toBits(address);
    c = b ? fromBits(b) : address;
    if (canonicalText.size > 100_000) canonicalText.clear();
    canonicalText.set(address, c);
  }
  return c;
}

/** Whether `address` lies inside `net`. */
export function contains(net: Cidr, address: string): boolean {
  const a = toBits(address);
  const n = toBits(net.address);
  if (!a || !n || a.family !== n.family) return false;
  const mask = prefixMask(net.prefixLength, widthOf(a.family));
  return (a.value & mask) === (n.value & mask);
}

/** The network of a CIDR (host bits cleared). */
export function networkOf(c: Cidr): Cidr {
  const b = toBits(c.address);
  if (!b) return c;
  return { address: fromBits({ value: b.value & prefixMask(c.prefixLength, widthOf(b.family)), family: b.family }), prefixLength: c.prefixLength, family: c.family };
}

export const cidrText = (c: Cidr): string => `${c.address}/${c.prefixLength}`;

/** The IPv4 address embedded in `::a.b.c.d` (or the `::ffff:a.b.c.d` form some tools print for it). */
export function embeddedIPv4(address: string): string | undefined {
  const b = toBits(address);
  if (!b || b.family !== 6) return undefined;
  const high = b.value >> 32n;
  if (high !== 0n && high !== 0xffffn) return undefined;
  const low = b.value & 0xffffffffn;
  return low === 0n ? undefined : fromBits({ value: low, family: 4 });
}

// RFC 1918 and RFC 6598 (shared address space: carrier-grade NAT), RFC 4193 unique local.
const privateNets: Cidr[] = [
  { address: '10.0.0.0', prefixLength: 8, family: 4 },
  { address: '172.16.0.0', prefixLength: 12, family: 4 },
  { address: '192.168.0.0', prefixLength: 16, family: 4 },
  { address: '100.64.0.0', prefixLength: 10, family: 4 },
  { address: 'fc00::', prefixLength: 7, family: 6 },
];

/** An address that is only reachable behind NAT or inside one network. */
export function isPrivate(address: string): boolean {
  return privateNets.some((n) => contains(n, address));
}
