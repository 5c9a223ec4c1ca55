// The per-mode step between an inner packet and an outer payload. Outer IP headers are not written here.
import type { DropReason } from '../packets/drops';

/** 4/6 for IP packets, 'eth' for Ethernet frames. */
export type InnerFamily = 4 | 6 | 'eth';

export interface Decapsulated {
  inner: Uint8Array;
  family: InnerFamily;
}

export interface Encap {
  /** Outer IP protocol (4, 41, 47), or 17 for VXLAN (sent on a UDP socket). */
  readonly protocol: number;
  /** Most bytes `encapsulate` writes in front of the inner packet. */
  readonly maxHeaderLength: number;
  /** Which inner families this mode carries. */
  carries(family: InnerFamily): boolean;
  /** Writes the mode header in front of buf[start, end); returns the new start. */
  encapsulate(buf: Uint8Array, start: number, end: number, family: InnerFamily): number;
  /** Validates the mode header in an outer payload and returns the inner packet. */
  decapsulate(payload: Uint8Array): Decapsulated | DropReason;
}
