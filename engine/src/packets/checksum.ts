// Internet checksum (RFC 1071) over byte ranges, with the IPv4/IPv6 pseudo-headers that TCP, UDP and ICMPv6 use.

/** Adds 16-bit big-endian words of buf[off, off+len) to `sum` without folding (an odd tail byte is padded). */
export function sumWords(buf: Uint8Array, off: number, len: number, sum = 0): number {
  const end = off + len;
  let i = off;
  for (; i + 1 < end; i += 2) sum += (buf[i] << 8) | buf[i + 1];
  if (i < end) sum += buf[i] << 8;
  return sum;
}

/** Folds a 32-bit sum to 16 bits and complements it: the value to write into a checksum field. */
export function finish(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

export function checksum(buf: Uint8Array, off: number, len: number, initial = 0): number {
  return finish(sumWords(buf, off, len, initial));
}

/** Pseudo-header sum for an upper-layer checksum; `src`/`dst` are 4 or 16 address bytes. */
export function pseudoHeaderSum(src: Uint8Array, dst: Uint8Array, protocol: number, length: number): number {
  let sum = sumWords(src, 0, src.length) + sumWords(dst, 0, dst.length) + protocol;
  sum += src.length === 4 ? length : Math.floor(length / 0x10000) + (length & 0xffff);
  return sum;
}
