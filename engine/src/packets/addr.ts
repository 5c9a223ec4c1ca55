// Address text ↔ bytes. The model keeps addresses as normalized text; the data plane works on bytes.
import ipaddr from 'ipaddr.js';

export function addrBytes(text: string): Uint8Array {
  return Uint8Array.from(ipaddr.parse(text).toByteArray());
}

export function addrText(bytes: Uint8Array): string {
  return ipaddr.fromByteArray(Array.from(bytes)).toString();
}

export function isAddress(text: string): boolean {
  return ipaddr.isValid(text);
}

export function familyOf(text: string): 4 | 6 {
  return ipaddr.parse(text).kind() === 'ipv4' ? 4 : 6;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether the first `bits` bits of `a` equal those of `prefix`. */
export function inPrefix(a: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  if (a.length !== prefix.length || bits > a.length * 8) return false;
  for (let start = 0; start < bits; start += 32) {
    const n = Math.min(32, bits - start);
    if (readBits(a, start, n) !== readBits(prefix, start, n)) return false;
  }
  return true;
}

/** Reads `count` (≤ 32) bits starting at bit `start` as an unsigned number. */
export function readBits(bytes: Uint8Array, start: number, count: number): number {
  let v = 0;
  for (let i = 0; i < count; i++) {
    const bit = start + i;
    v = v * 2 + ((bytes[bit >> 3] >> (7 - (bit & 7))) & 1);
  }
  return v;
}

/** Writes the low `count` (≤ 32) bits of `value` starting at bit `start`. */
export function writeBits(bytes: Uint8Array, start: number, count: number, value: number): void {
  for (let i = 0; i < count; i++) {
    const bit = start + i;
    const set = Math.floor(value / 2 ** (count - 1 - i)) & 1;
    const mask = 1 << (7 - (bit & 7));
    bytes[bit >> 3] = set ? bytes[bit >> 3] | mask : bytes[bit >> 3] & ~mask;
  }
}
