import type { Cidr, Device, Dialect, FieldName, FieldRange, SixRd, Tunnel, TunnelMode } from './types';
import type { MergedTunnel, Sourced } from './devices';
import type { InterfaceTable } from './underlay';
import { canonical, embeddedIPv4, toBits } from './ip';
import {
  carriedFamilies,
  greModes,
  IANA_VXLAN_PORT,
  LINUX_DEFAULT_ENCAP_LIMIT,
  LINUX_VXLAN_DEFAULT_PORT,
  linuxIp6Tunnels,
  modeForFamily,
  outerFamilyOf,
  overheadParts,
  platformDefaultMtu,
} from './overhead';
import { delegatedPrefix } from './sixrd';

// One merged tunnel → a resolved `Tunnel`: written values, else the platform's defaults.

export interface DeviceContext {
  device: Device;
  interfaces: InterfaceTable;
  /** The device's addresses by interface or tunnel name. */
  addressesOf: Map<string, Device['addresses']>;
  defaultUnderlayMtu: number;
}

/** Linux's 6rd prefix before `ip tunnel 6rd` sets one: the 6to4 prefix. */
const LINUX_DEFAULT_6RD_PREFIX: Cidr = { address: '2002::', prefixLength: 16, family: 6 };

const familyOf = (address: string | null): 4 | 6 | undefined => (address === null ? undefined : toBits(address)?.family);

function defaultMode(dialect: Dialect, endpointFamily: 4 | 6 | undefined, has6rd: boolean): TunnelMode {
  switch (dialect) {
    case 'cisco-ios':
      return 'gre'; // IOS: `tunnel mode gre ip` unless told otherwise
    case 'yamaha-rtx':
      return 'ipsec'; // RTX: a tunnel is an IPsec tunnel until `tunnel encapsulation` says otherwise
    case 'linux':
      if (has6rd) return '6rd';
      return endpointFamily === 6 ? 'ip6ip6' : 'ipip'; // `ip -6 tunnel` / `ip tunnel` defaults
    case 'vyos':
      return 'gre';
  }
}

export function resolveTunnel(m: MergedTunnel, ctx: DeviceContext): Tunnel {
  const { device, interfaces } = ctx;
  const dialect = device.dialect;
  const ranges: Partial<Record<FieldName, FieldRange>> = {};
  const note = <T>(field: FieldName, s: Sourced<T> | undefined): T | undefined => {
    if (s === undefined) return undefined;
    ranges[field] ??= { path: s.path, range: s.loc.range };
    return s.loc.value;
  };
  ranges.name = { path: m.first.path, range: m.first.decl.nameRange };

  const remoteWritten = note('remote', m.pick((d) => d.remote));
  const remote = remoteWritten === undefined ? null : canonical(remoteWritten);
  const sixrdDecl = {
    prefix: note('sixrdPrefix', m.pick((d) => d.sixrd?.prefix)),
    // The relay prefix token first: a fix rewrites the whole `A/N`.
    relayPrefix: note('sixrdMaskLen', m.pick((d) => d.sixrd?.relayPrefix)),
    maskLen: note('sixrdMaskLen', m.pick((d) => d.sixrd?.ipv4MaskLen)),
    br: note('sixrdRelay', m.pick((d) => d.sixrd?.br)),
  };
  const gateway = note('sixrdRelay', m.pick((d) => d.ipv6Gateway));

  // Local: written, else the source interface's address of the endpoint family, else left to the platform.
  const localWritten = note('local', m.pick((d) => d.local));
  const sourceInterface = note('local', m.pick((d) => d.sourceInterface));
  const modeWritten = note('mode', m.pick((d) => d.mode));
  const has6rd = sixrdDecl.prefix !== undefined || sixrdDecl.relayPrefix !== undefined || sixrdDecl.br !== undefined;
  let mode: TunnelMode = modeWritten ?? defaultMode(dialect, familyOf(remote) ?? familyOf(localWritten ?? null), has6rd);
  if (mode === 'sit' && has6rd) mode = '6rd';
  const wantFamily = familyOf(remote) ?? familyOf(localWritten ?? null) ?? outerFamilyOf(mode, undefined);
  let local: string | null = null;
  let localSource: Tunnel['localSource'] = null;
  if (localWritten !== undefined) {
    local = canonical(localWritten);
    localSource = 'configured';
  } else if (sourceInterface !== undefined) {
    const a = interfaces.find(sourceInterface)?.addresses.find((x) => x.cidr.value.family === wantFamily);
    if (a) {
      local = a.cidr.value.address;
      localSource = 'interface';
    }
  } else if (dialect !== 'cisco-ios') {
    // The kernel or the RTX picks the source address by routing; name it when the device leaves no doubt.
    localSource = 'implicit';
    local = interfaces.impliedLocal(wantFamily);
  }
  const endpointFamily = familyOf(remote) ?? familyOf(local);
  mode = modeForFamily(mode, endpointFamily);
  const outerFamily = outerFamilyOf(mode, endpointFamily);

  // Inner addresses: the tunnel's own, and those of a same-named interface declaration (Linux `ifconfig aws0`).
  const addresses: Cidr[] = [];
  const seen = new Set<string>();
  for (const a of ctx.addressesOf.get(m.name) ?? []) {
    const k = `${a.cidr.address}/${a.cidr.prefixLength}`;
    if (!seen.has(k)) {
      seen.add(k);
      addresses.push(a.cidr);
    }
  }

  const isGre = greModes.has(mode);
  const ikey = note('key', m.pick((d) => d.gre?.ikey));
  const okey = note('key', m.pick((d) => d.gre?.okey));
  const flag = (k: 'iseq' | 'oseq' | 'icsum' | 'ocsum') => m.decls.some((d) => d.decl.gre?.[k] === true);
  const gre = isGre ? { iseq: flag('iseq'), oseq: flag('oseq'), icsum: flag('icsum'), ocsum: flag('ocsum') } : null;
  const key = ikey !== undefined || okey !== undefined ? { i: ikey ?? null, o: okey ?? null } : null;
  const encapWritten = note('encapLimit', m.pick((d) => d.encapLimit));
  const encapLimit = encapWritten ?? (dialect === 'linux' && linuxIp6Tunnels.has(mode) ? LINUX_DEFAULT_ENCAP_LIMIT : null);

  // What this end sends: the output key, sequence numbers and checksums lengthen its packets.
  const parts = overheadParts({ dialect, mode, outerFamily, key: key?.o != null, seq: gre?.oseq === true, csum: gre?.ocsum === true, encapLimit });
  const overhead = parts.reduce((s, p) => s + p.bytes, 0);
  const dev = m.pick((d) => d.dev)?.loc.value;
  const underlay = interfaces.underlay({ sourceInterface, dev, local, outerFamily }, ctx.defaultUnderlayMtu);
  const mtu = note('mtu', m.pick((d) => d.mtu)) ?? interfaces.find(m.name)?.mtu ?? null;
  const effectiveMtu = mtu ?? platformDefaultMtu(dialect, mode, underlay.mtu, overhead, dev !== undefined);

  let sixrd: SixRd | null = null;
  if (mode === '6rd') {
    const prefix = sixrdDecl.prefix ?? (dialect === 'linux' ? LINUX_DEFAULT_6RD_PREFIX : undefined);
    if (prefix) {
      const ipv4MaskLen = sixrdDecl.maskLen ?? sixrdDecl.relayPrefix?.prefixLength ?? 0;
      const relay = sixrdDecl.br ?? (gateway !== undefined ? embeddedIPv4(gateway) : undefined) ?? routedRelay(device, m.name);
      sixrd = {
        prefix,
        ipv4MaskLen,
        delegatedPrefix: local !== null && familyOf(local) === 4 ? delegatedPrefix({ prefix, ipv4MaskLen }, local) : null,
        relay: relay ?? null,
      };
    }
  }

  const vniValue = note('vni', m.pick((d) => d.vni));
  const dstPortValue = note('dstPort', m.pick((d) => d.dstPort));
  const dstPort = dstPortValue ?? (mode === 'vxlan' ? (dialect === 'linux' ? LINUX_VXLAN_DEFAULT_PORT : IANA_VXLAN_PORT) : null);
  const disabled = m.pick((d) => d.disabled)?.loc.value ?? false;
  const description = note('description', m.pick((d) => d.description)) ?? null;
  const mss = note('mss', m.pick((d) => d.mss)) ?? null;
  return {
    id: `${m.first.path}#${m.name}`,
    path: m.first.path,
    name: m.name,
    dialect,
    device: device.id,
    mode,
    modeExplicit: modeWritten !== undefined,
    local,
    localSource,
    remote,
    addresses,
    mtu,
    effectiveMtu,
    overhead,
    overheadParts: parts,
    outerFamily,
    carries: carriedFamilies(mode, addresses.map((a) => a.family)),
    key,
    gre,
    encapLimit,
    ttl: m.pick((d) => d.ttl)?.loc.value ?? null,
    mss,
    vni: vniValue ?? null,
    dstPort,
    underlay,
    sixrd,
    disabled,
    description,
    peers: [],
    multipoint: mode === '6rd' || mode === 'isatap' || (m.pick((d) => d.multipoint)?.loc.value ?? false),
    peerInferred: false,
    ranges,
    declarations: m.decls.map((d) => ({ path: d.path, range: d.decl.range })),
  };
}

/** The relay a 6rd CE routes to: the `::a.b.c.d` next hop of a route into the tunnel. */
function routedRelay(device: Device, tunnel: string): string | undefined {
  for (const r of device.routes) {
    if (r.dev?.value !== tunnel || r.via === undefined) continue;
    const v4 = embeddedIPv4(r.via.value);
    if (v4 !== undefined) return v4;
  }
  return undefined;
}
