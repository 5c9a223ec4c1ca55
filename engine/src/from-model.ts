// Model → EngineConfig: what the engine needs from one resolved `Tunnel`, with a clear refusal when the
// tunnel cannot run (unsupported mode, missing remote, an address that is a name).
import type { Cidr, Tunnel, Workspace } from '../../server/src/model/types';
import { ENGINE_MODES, isEngineMode, type EngineConfig, type InnerKind } from './config';
import { addrBytes, addrText, familyOf, inPrefix, isAddress } from './packets/addr';
import { VXLAN_LINUX_DEFAULT_PORT } from './packets/vxlan';

export interface EngineOverrides {
  inner: InnerKind;
  /** Outer local address when the model's is implicit or wrong (behind NAT). */
  local?: string;
  /** Peer inner address to probe, when the model cannot tell it. */
  probe?: string;
  keepaliveSeconds?: number;
  /** Busy-poll window after traffic, in µs (0 = off, the default). */
  busyPollMicros?: number;
}

const DEFAULT_KEEPALIVE_S = 1;
/** Silence after which the peer is reported as not replying, in keepalive intervals. */
const DEAD_AFTER_KEEPALIVES = 4;

export function engineConfig(t: Tunnel, ws: Workspace, o: EngineOverrides): EngineConfig | { error: string } {
  const where = `tunnel ${t.name} (${t.path})`;
  if (!isEngineMode(t.mode)) return { error: `${where}: mode ${t.mode} is not supported by the engine (supported: ${ENGINE_MODES.join(', ')})` };
  const local = o.local ?? t.local;
  for (const [what, a] of [['local', local], ['remote', t.remote], ['probe', o.probe ?? null]] as const) {
    if (a !== null && !isAddress(a)) return { error: `${where}: ${what} "${a}" is not an IP address (the engine does not resolve names)` };
  }
  if (local && familyOf(local) !== t.outerFamily) return { error: `${where}: local ${local} is not an IPv${t.outerFamily} address` };
  if (t.remote && familyOf(t.remote) !== t.outerFamily) return { error: `${where}: remote ${t.remote} is not an IPv${t.outerFamily} address` };
  if (!t.remote && t.mode !== '6rd' && t.mode !== 'vxlan') return { error: `${where}: no remote address; a ${t.mode} tunnel needs one` };
  if (t.mode === '6rd' && (!t.sixrd || !local)) return { error: `${where}: 6rd needs its prefix and a local IPv4 address (give --local)` };
  if (t.mode === 'vxlan' && t.vni === null) return { error: `${where}: VXLAN needs a VNI` };
  const keepalive = o.keepaliveSeconds ?? DEFAULT_KEEPALIVE_S;
  return {
    name: t.name,
    mode: t.mode,
    outerFamily: t.outerFamily,
    local,
    remote: t.remote,
    addresses: t.addresses,
    // Never more than the path can carry once encapsulated, whatever the configured MTU says.
    mtu: Math.min(t.effectiveMtu, t.underlay.mtu - t.overhead),
    pathMtu: t.underlay.mtu,
    overhead: t.overhead,
    ttl: t.ttl,
    mss: t.mss,
    key: t.key,
    gre: t.gre,
    encapLimit: t.encapLimit,
    vni: t.vni,
    dstPort: t.dstPort ?? VXLAN_LINUX_DEFAULT_PORT,
    sixrd: t.sixrd && { prefix: t.sixrd.prefix, ipv4MaskLen: t.sixrd.ipv4MaskLen, relay: t.sixrd.relay },
    probeTargets: o.probe ? [o.probe] : peerAddresses(t, ws),
    routes: routesInto(t, ws),
    inner: o.inner,
    keepaliveSeconds: keepalive,
    deadSeconds: keepalive * DEAD_AFTER_KEEPALIVES,
    busyPollMicros: o.busyPollMicros ?? 0,
  };
}

/** The paired tunnels' inner addresses; else, on a /30, /31, /126 or /127, the other address of the link. */
function peerAddresses(t: Tunnel, ws: Workspace): string[] {
  const fromPeers = ws.tunnels.filter((p) => t.peers.includes(p.id)).flatMap((p) => p.addresses.map((a) => a.address));
  if (fromPeers.length > 0) return fromPeers;
  return t.addresses.flatMap((a) => {
    const other = otherEnd(a);
    return other ? [other] : [];
  });
}

function otherEnd(a: Cidr): string | null {
  const bits = a.family === 4 ? 32 : 128;
  const host = bits - a.prefixLength;
  if (host !== 1 && host !== 2) return null;
  const b = addrBytes(a.address);
  const last = b.length - 1;
  const low = b[last] & (host === 1 ? 1 : 3);
  if (host === 2 && (low === 0 || low === 3)) return null; // network or broadcast: not a usable /30 host
  b[last] = (b[last] & ~(host === 1 ? 1 : 3)) | (host === 1 ? low ^ 1 : low === 1 ? 2 : 1);
  return addrText(b);
}

/** Routes of the tunnel's device that go into the tunnel: by device name, or via an address on its subnets. */
function routesInto(t: Tunnel, ws: Workspace): EngineConfig['routes'] {
  const device = ws.devices.find((d) => d.id === t.device);
  if (!device) return [];
  const onLink = (via: string) =>
    isAddress(via) && t.addresses.some((a) => familyOf(via) === a.family && inPrefix(addrBytes(via), addrBytes(a.address), a.prefixLength));
  return device.routes
    .filter((r) => (r.dev ? r.dev.value === t.name : r.via !== undefined && onLink(r.via.value)))
    .map((r) => ({ prefix: r.prefix.value, via: r.via?.value ?? null }));
}
