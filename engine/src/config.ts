// What one engine runs: plain data derived from a model `Tunnel` (and CLI overrides), safe to post to a worker.
import type { Cidr } from '../../server/src/model/types';

export const ENGINE_MODES = ['ipip', 'ipip6', 'ip6ip6', 'sit', '6rd', 'gre', 'ip6gre', 'vxlan'] as const;
export type EngineMode = (typeof ENGINE_MODES)[number];
export type InnerKind = 'tun' | 'host';

export interface EngineConfig {
  name: string;
  mode: EngineMode;
  outerFamily: 4 | 6;
  /** Outer source address; null lets the kernel choose (raw IPv4 with a zero source, unbound sockets). */
  local: string | null;
  /** Outer peer; null only for 6rd (destinations derived per packet) or a receive-only VXLAN end. */
  remote: string | null;
  /** Inner addresses the engine's side owns. */
  addresses: Cidr[];
  /** Largest inner packet (IP tunnels) or inner IP MTU (VXLAN) that fits the path. */
  mtu: number;
  /** Underlay path MTU as configured (sit's DF rule; replaced by what the kernel learns while running). */
  pathMtu: number;
  /** Bytes the tunnel adds: path MTU − overhead is the largest inner packet the path carries. */
  overhead: number;
  /** TCP MSS to clamp SYNs to, both ways (Cisco `ip tcp adjust-mss`, RTX `tcp mss limit`, VyOS `adjust-mss`). */
  mss: number | null;
  /** Outer TTL / hop limit; null = the mode's default (inherit for ipip/gre). */
  ttl: number | null;
  key: { i: number | null; o: number | null } | null;
  gre: { iseq: boolean; oseq: boolean; icsum: boolean; ocsum: boolean } | null;
  /** ip6tnl/ip6gre encapsulation limit; null = Linux default (4). */
  encapLimit: number | 'none' | null;
  vni: number | null;
  dstPort: number | null;
  sixrd: { prefix: Cidr; ipv4MaskLen: number; relay: string | null } | null;
  /** Inner addresses to probe (the peer's); empty = probe our own address, which the peer routes back. */
  probeTargets: string[];
  /** Inner routes into the tunnel. */
  routes: { prefix: Cidr; via: string | null }[];
  inner: InnerKind;
  /** Seconds between keepalive probes, and after which silence means "no reply from peer". */
  keepaliveSeconds: number;
  deadSeconds: number;
  /** After traffic, how long the worker polls without sleeping (busy-poll.ts); 0 = never. */
  busyPollMicros: number;
}

export function isEngineMode(m: string): m is EngineMode {
  return (ENGINE_MODES as readonly string[]).includes(m);
}

/** Layer-2 modes carry Ethernet frames (TAP); the others carry IP packets (TUN). */
export function isL2(mode: EngineMode): boolean {
  return mode === 'vxlan';
}
