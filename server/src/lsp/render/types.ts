import type { Cidr, TunnelMode } from '../../model/types';

/** The far end of a tunnel, as the peer's configuration should say it. */
export interface PeerSpec {
  mode: TunnelMode;
  local: string;
  remote: string;
  /** Inner addresses for the new end (the other host of a point-to-point subnet). */
  addresses: Cidr[];
  mtu?: number;
  key?: number;
  vni?: number;
  dstPort?: number;
}

export interface Rendered {
  /** Where to insert: before this 0-based line, or at the end of the file when undefined. */
  beforeLine?: number;
  text: string;
}

/**
 * Renders a new tunnel into a file of one dialect. `names` are the tunnel names the device already uses;
 * undefined when the dialect cannot express the mode.
 */
export type Renderer = (spec: PeerSpec, names: string[], fileText: string) => Rendered | undefined;

/** The smallest positive number not already used after the prefix (`tun` + 0, `Tunnel` + 1, ...). */
export function freeNumber(names: string[], prefix: string, from: number): number {
  const used = new Set(
    names.filter((n) => n.toLowerCase().startsWith(prefix.toLowerCase())).map((n) => Number(n.slice(prefix.length))),
  );
  let n = from;
  while (used.has(n)) n++;
  return n;
}
