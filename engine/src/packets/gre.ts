// GRE header (RFC 2784, key and sequence number from RFC 2890).
import { checksum } from './checksum';
import type { DropReason } from './drops';

export const GRE_FLAG_CSUM = 0x8000;
export const GRE_FLAG_ROUTING = 0x4000;
export const GRE_FLAG_KEY = 0x2000;
export const GRE_FLAG_SEQ = 0x1000;
export const GRE_VERSION_MASK = 0x0007;
export const GRE_BASE_LEN = 4;

export interface GreFields {
  protocol: number;
  checksum: boolean;
  key?: number;
  seq?: number;
}

export function greHeaderLength(f: { checksum: boolean; key?: number | null; seq?: number | null }): number {
  return GRE_BASE_LEN + (f.checksum ? 4 : 0) + (f.key != null ? 4 : 0) + (f.seq != null ? 4 : 0);
}

function put32(buf: Uint8Array, off: number, v: number): void {
  buf[off] = (v >>> 24) & 0xff;
  buf[off + 1] = (v >>> 16) & 0xff;
  buf[off + 2] = (v >>> 8) & 0xff;
  buf[off + 3] = v & 0xff;
}

function get32(buf: Uint8Array, off: number): number {
  return ((buf[off] << 24) | (buf[off + 1] << 16) | (buf[off + 2] << 8) | buf[off + 3]) >>> 0;
}

/** Writes the GRE header at buf[off..]; the payload follows it up to `end` (the checksum covers both). */
export function writeGre(buf: Uint8Array, off: number, end: number, f: GreFields): void {
  const flags = (f.checksum ? GRE_FLAG_CSUM : 0) | (f.key !== undefined ? GRE_FLAG_KEY : 0) | (f.seq !== undefined ? GRE_FLAG_SEQ : 0);
  buf[off] = flags >> 8;
  buf[off + 1] = flags & 0xff;
  buf[off + 2] = f.protocol >> 8;
  buf[off + 3] = f.protocol & 0xff;
  let p = off + GRE_BASE_LEN;
  const csumAt = p;
  if (f.checksum) {
    put32(buf, p, 0);
    p += 4;
  }
  if (f.key !== undefined) {
    put32(buf, p, f.key);
    p += 4;
  }
  if (f.seq !== undefined) put32(buf, p, f.seq);
  if (f.checksum) {
    const c = checksum(buf, off, end - off);
    buf[csumAt] = c >> 8;
    buf[csumAt + 1] = c & 0xff;
  }
}

export interface GreHeader {
  protocol: number;
  headerLength: number;
  checksumPresent: boolean;
  key?: number;
  seq?: number;
}

/** Parses and verifies a GRE header (checksum included when present). */
export function parseGre(buf: Uint8Array): GreHeader | DropReason {
  if (buf.length < GRE_BASE_LEN) return 'truncated';
  const flags = (buf[0] << 8) | buf[1];
  if (flags & (GRE_FLAG_ROUTING | GRE_VERSION_MASK)) return 'malformed';
  const h: GreHeader = { protocol: (buf[2] << 8) | buf[3], headerLength: greHeaderLength({ checksum: (flags & GRE_FLAG_CSUM) !== 0, key: flags & GRE_FLAG_KEY ? 0 : null, seq: flags & GRE_FLAG_SEQ ? 0 : null }), checksumPresent: (flags & GRE_FLAG_CSUM) !== 0 };
  if (buf.length < h.headerLength) return 'truncated';
  let p = GRE_BASE_LEN;
  if (h.checksumPresent) {
    if (checksum(buf, 0, buf.length) !== 0) return 'bad-checksum';
    p += 4;
  }
  if (flags & GRE_FLAG_KEY) {
    h.key = get32(buf, p);
    p += 4;
  }
  if (flags & GRE_FLAG_SEQ) h.seq = get32(buf, p);
  return h;
}
