import type { Dialect, OverheadPart, TunnelMode } from './types';

// Encapsulation overhead, layer by layer, and the MTU each platform gives a tunnel when none is configured.

export const IPV4_HEADER = 20;
export const IPV6_HEADER = 40;
const GRE_HEADER = 4;
const GRE_OPTION = 4; // key, sequence number, checksum: 4 bytes each (RFC 2890)
const ETHERNET_HEADER = 14;
const UDP_HEADER = 8;
const VXLAN_HEADER = 8;
/** RFC 2473 Tunnel Encapsulation Limit: a destination-options header of 8 bytes. */
export const ENCAP_LIMIT_OPTION = 8;
/** Linux ip6_tunnel/ip6_gre default (IPV6_DEFAULT_TNL_ENCAP_LIMIT). */
export const LINUX_DEFAULT_ENCAP_LIMIT = 4;
/** Linux VXLAN's default UDP port (the pre-IANA one); iproute2 warns and uses it when `dstport` is absent. */
export const LINUX_VXLAN_DEFAULT_PORT = 8472;
export const IANA_VXLAN_PORT = 4789;

/** Modes whose outer header is IPv6 whatever the endpoints say. */
const ipv6Outer = new Set<TunnelMode>(['ipip6', 'ip6ip6', 'ip6gre', 'ip6gretap', 'vti6']);
/** Modes whose outer header is IPv4. */
const ipv4Outer = new Set<TunnelMode>(['ipip', 'sit', '6rd', 'isatap', 'gre', 'gretap', 'vti']);
export const greModes = new Set<TunnelMode>(['gre', 'ip6gre', 'gretap', 'ip6gretap']);
/** Linux adds the encapsulation-limit option to these (ip6_tunnel, ip6_gre). */
export const linuxIp6Tunnels = new Set<TunnelMode>(['ipip6', 'ip6ip6', 'ip6gre', 'ip6gretap']);
/** Modes whose overhead is not fixed (IPsec ESP padding, L2TPv3 cookies): MTU arithmetic is skipped. */
const inexact = new Set<TunnelMode>(['vti', 'vti6', 'ipsec', 'l2tpv3', 'other']);

export function overheadIsExact(mode: TunnelMode): boolean {
  return !inexact.has(mode);
}

/** The same encapsulation over the other outer family (a parser may name the IPv4 form for an IPv6 endpoint). */
const familyTwin: Partial<Record<TunnelMode, TunnelMode>> = {
  ipip: 'ipip6', ipip6: 'ipip', sit: 'ip6ip6', ip6ip6: 'sit', gre: 'ip6gre', ip6gre: 'gre',
  gretap: 'ip6gretap', ip6gretap: 'gretap', vti: 'vti6', vti6: 'vti',
};

/** The mode named for the outer family its endpoints actually use (RTX `ipip` to an IPv6 endpoint is ipip6). */
export function modeForFamily(mode: TunnelMode, endpointFamily: 4 | 6 | undefined): TunnelMode {
  if (endpointFamily === undefined) return mode;
  const fixed = ipv6Outer.has(mode) ? 6 : ipv4Outer.has(mode) ? 4 : undefined;
  return fixed !== undefined && fixed !== endpointFamily ? familyTwin[mode] ?? mode : mode;
}

export function outerFamilyOf(mode: TunnelMode, endpointFamily: 4 | 6 | undefined): 4 | 6 {
  if (ipv6Outer.has(mode)) return 6;
  if (ipv4Outer.has(mode)) return 4;
  return endpointFamily ?? 4;
}

/** Inner families a mode carries; multi-protocol modes carry what their addresses say. */
export function carriedFamilies(mode: TunnelMode, addressFamilies: Iterable<4 | 6>): (4 | 6)[] {
  switch (mode) {
    case 'ipip':
    case 'ipip6':
      return [4];
    case 'sit':
    case '6rd':
    case 'isatap':
    case 'ip6ip6':
      return [6];
    default: {
      const s = new Set(addressFamilies);
      return ([4, 6] as const).filter((f) => s.has(f));
    }
  }
}

export interface OverheadInput {
  dialect: Dialect;
  mode: TunnelMode;
  outerFamily: 4 | 6;
  key: boolean;
  seq: boolean;
  csum: boolean;
  encapLimit: number | 'none' | null;
}

export function overheadParts(t: OverheadInput): OverheadPart[] {
  const parts: OverheadPart[] = [t.outerFamily === 6 ? { label: 'IPv6', bytes: IPV6_HEADER } : { label: 'IPv4', bytes: IPV4_HEADER }];
  if (t.outerFamily === 6 && t.dialect === 'linux' && linuxIp6Tunnels.has(t.mode) && t.encapLimit !== 'none') {
    parts.push({ label: 'encapsulation limit option', bytes: ENCAP_LIMIT_OPTION });
  }
  if (greModes.has(t.mode)) {
    parts.push({ label: 'GRE', bytes: GRE_HEADER });
    if (t.key) parts.push({ label: 'GRE key', bytes: GRE_OPTION });
    if (t.seq) parts.push({ label: 'GRE sequence number', bytes: GRE_OPTION });
    if (t.csum) parts.push({ label: 'GRE checksum', bytes: GRE_OPTION });
  }
  if (t.mode === 'vxlan') parts.push({ label: 'UDP', bytes: UDP_HEADER }, { label: 'VXLAN', bytes: VXLAN_HEADER });
  if (t.mode === 'gretap' || t.mode === 'ip6gretap' || t.mode === 'vxlan') parts.push({ label: 'inner Ethernet', bytes: ETHERNET_HEADER });
  return parts;
}

/** "24 bytes GRE/IPv4 overhead (IPv4 20 + GRE 4)", for messages and hovers. */
export function describeOverhead(parts: readonly OverheadPart[]): string {
  const total = parts.reduce((s, p) => s + p.bytes, 0);
  // The protocol stack names the layers; options (key, limit) only appear in the sum.
  const stack = [...parts].reverse().filter((p) => !p.label.startsWith('GRE ') && p.label !== 'encapsulation limit option').map((p) => p.label).join('/');
  const sum = parts.length > 1 ? ` (${parts.map((p) => `${p.label} ${p.bytes}`).join(' + ')})` : '';
  return `${total} bytes ${stack} overhead${sum}`;
}

/**
 * The MTU a platform gives a tunnel without a configured one. `underlayBound`: the underlay interface is
 * known to the platform (Linux VXLAN only derives its MTU from an explicit `dev`).
 */
export function platformDefaultMtu(dialect: Dialect, mode: TunnelMode, underlayMtu: number, overhead: number, underlayBound: boolean): number {
  switch (dialect) {
    case 'vyos':
      // vyos-1x interface definitions: `interfaces tunnel` default mtu 1476 for every encapsulation,
      // `interfaces vxlan` 1450.
      return mode === 'vxlan' ? 1450 : 1476;
    case 'linux':
      // Kernel: ip_tunnel_bind_dev / ip6_tnl_link_config subtract the header length from the device the
      // route to the remote leaves by (1500 when none); VXLAN only subtracts from an explicit lower device.
      if (mode === 'vxlan' && !underlayBound) return 1500;
      return underlayMtu - overhead;
    case 'cisco-ios':
    case 'yamaha-rtx':
      // IOS tunnel ip mtu and RTX `ip tunnel mtu auto`: transport MTU minus the encapsulation.
      return underlayMtu - overhead;
  }
}
