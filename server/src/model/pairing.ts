import type { Device, Tunnel } from './types';
import { contains, isPrivate, toBits } from './ip';

// Which tunnel ends face each other. Everything is looked up in maps keyed by address, so pairing stays
// linear in the number of tunnels: no tunnel is compared with all others.

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
};

export const isAddress = (a: string | null): a is string => a !== null && toBits(a) !== undefined;

/** The local address as configured; an implicit local (one the platform picks) pairs like an unknown one. */
export const configuredLocal = (t: Tunnel): string | null => (t.localSource === 'implicit' ? null : t.local);

export class EndpointIndex {
  /** Address → devices that own it. */
  private readonly owners = new Map<string, Set<string>>();
  /** Outer-side addresses of each device (its interfaces, not its tunnels' inner addresses). */
  private readonly outerAddresses = new Map<string, string[]>();
  /** Tunnels by `local|remote`, for those with a known local. */
  private readonly byLocalRemote = new Map<string, Tunnel[]>();
  private readonly byLocal = new Map<string, Tunnel[]>();
  private readonly byRemote = new Map<string, Tunnel[]>();
  /** Tunnels whose local is left to the platform, by `device|remote` and by device. */
  private readonly implicitByRemote = new Map<string, Tunnel[]>();
  private readonly implicitByDevice = new Map<string, Tunnel[]>();
  private readonly multipointBy = new Map<string, Tunnel[]>();

  constructor(devices: readonly Device[], tunnels: readonly Tunnel[]) {
    for (const d of devices) {
      const tunnelNames = new Set(d.tunnels.map((id) => id.slice(id.lastIndexOf('#') + 1)));
      const outer: string[] = [];
      for (const a of d.addresses) {
        let s = this.owners.get(a.cidr.address);
        if (!s) this.owners.set(a.cidr.address, (s = new Set()));
        s.add(d.id);
        if (!tunnelNames.has(a.interface)) outer.push(a.cidr.address);
      }
      this.outerAddresses.set(d.id, outer);
    }
    for (const t of tunnels) {
      const local = configuredLocal(t);
      if (t.remote !== null) push(this.byRemote, t.remote, t);
      if (local !== null) {
        push(this.byLocal, local, t);
        if (t.remote !== null) push(this.byLocalRemote, `${local}|${t.remote}`, t);
      } else {
        push(this.implicitByDevice, t.device, t);
        if (t.remote !== null) push(this.implicitByRemote, `${t.device}|${t.remote}`, t);
      }
      if (isMultipoint(t)) push(this.multipointBy, local ?? `device:${t.device}`, t);
    }
  }

  ownersOf(address: string): ReadonlySet<string> {
    return this.owners.get(address) ?? new Set();
  }

  /** Whether any device owns the address or any tunnel uses it as its local. */
  claimed(address: string): boolean {
    return this.owners.has(address) || this.byLocal.has(address);
  }

  /** The addresses `t` may send from: its local, or every outer address of its device when implicit. */
  private localsOf(t: Tunnel): string[] {
    const local = configuredLocal(t);
    return local !== null ? [local] : (this.outerAddresses.get(t.device) ?? []);
  }

  /** Tunnels on other devices whose local end is `t`'s remote. */
  candidates(t: Tunnel): Tunnel[] {
    if (!isAddress(t.remote)) return [];
    const out = [...(this.byLocal.get(t.remote) ?? [])];
    for (const d of this.ownersOf(t.remote)) out.push(...(this.implicitByDevice.get(d) ?? []));
    return out.filter((u) => u !== t && u.device !== t.device && u.mode !== '6rd');
  }

  /** Candidates that also target `t`: found through the `local|remote` keys, without scanning. */
  facing(t: Tunnel): Tunnel[] {
    if (!isAddress(t.remote)) return [];
    const out: Tunnel[] = [];
    const owners = this.ownersOf(t.remote);
    for (const l of this.localsOf(t)) {
      out.push(...(this.byLocalRemote.get(`${t.remote}|${l}`) ?? []));
      for (const d of owners) out.push(...(this.implicitByRemote.get(`${d}|${l}`) ?? []));
    }
    out.push(...(this.multipointBy.get(t.remote) ?? []));
    for (const d of owners) out.push(...(this.multipointBy.get(`device:${d}`) ?? []));
    return [...new Set(out)].filter((u) => u !== t && u.device !== t.device && u.mode !== '6rd');
  }

  /** Tunnels on the devices owning `t`'s remote that target `t`, from another address than that remote. */
  targeting(t: Tunnel): Tunnel[] {
    if (!isAddress(t.remote)) return [];
    const owners = this.ownersOf(t.remote);
    const out = this.localsOf(t).flatMap((l) => this.byRemote.get(l) ?? []);
    return out.filter((u) => u.device !== t.device && owners.has(u.device) && u.mode !== '6rd');
  }

  /** 6rd border relays a CE sends to: 6rd tunnels whose local end is the CE's relay address. */
  relays(ce: Tunnel): Tunnel[] {
    const relay = ce.sixrd?.relay;
    if (!relay) return [];
    const out = [...(this.byLocal.get(relay) ?? [])];
    for (const d of this.ownersOf(relay)) out.push(...(this.implicitByDevice.get(d) ?? []));
    return out.filter((u) => u.mode === '6rd' && u.device !== ce.device);
  }

  /**
   * Candidates that would face `t` if `t`'s end were behind NAT: `t`'s local is unknown or private, and the
   * candidate targets an address nobody in the workspace owns (a public address translated to `t`).
   */
  natFacing(t: Tunnel, candidates: readonly Tunnel[]): Tunnel[] {
    const local = configuredLocal(t);
    if (local !== null && !isPrivate(local)) return [];
    return candidates.filter((u) => isAddress(u.remote) && !this.claimed(u.remote) && (local === null || !isPrivate(u.remote)));
  }
}

export function isMultipoint(t: Tunnel): boolean {
  return t.mode === '6rd' || t.mode === 'isatap' || t.multipoint === true;
}

/** Among several ends, those most like `t`: same mode, then same key, then an inner subnet in common. */
function preferred(t: Tunnel, ends: Tunnel[]): Tunnel[] {
  let best = ends;
  const narrow = (keep: (u: Tunnel) => boolean) => {
    const kept = best.filter(keep);
    if (kept.length) best = kept;
  };
  if (best.length > 1) narrow((u) => u.mode === t.mode);
  if (best.length > 1) narrow((u) => u.key?.o === t.key?.i && u.key?.i === t.key?.o);
  if (best.length > 1) narrow((u) => u.addresses.some((a) => t.addresses.some((b) => contains(a, b.address) && a.address !== b.address)));
  return best;
}

/**
 * The one end `t` pairs with. Several equally good ends on different devices mean copies of one topology
 * (or an address used twice): pairing with any of them would be a guess, so `t` stays unpaired.
 */
function unambiguous(t: Tunnel, ends: Tunnel[]): Tunnel[] {
  const best = preferred(t, ends);
  return best.length === 1 ? best : [];
}

/** Fill `peers` and `peerInferred` of every tunnel. */
export function pairTunnels(devices: readonly Device[], tunnels: readonly Tunnel[]): EndpointIndex {
  const index = new EndpointIndex(devices, tunnels);
  const link = (a: Tunnel, b: Tunnel, inferred: boolean) => {
    if (!a.peers.includes(b.id)) a.peers.push(b.id);
    if (!b.peers.includes(a.id)) b.peers.push(a.id);
    if (inferred) a.peerInferred = b.peerInferred = true;
  };
  // Two ends pair when each is the other's one choice; a multipoint end accepts whoever chooses it.
  const choice = new Map<Tunnel, Tunnel[]>();
  for (const t of tunnels) {
    if (t.mode === '6rd') for (const br of index.relays(t)) link(t, br, false);
    else choice.set(t, unambiguous(t, index.facing(t)));
  }
  for (const [t, ends] of choice) {
    for (const u of ends) if (isMultipoint(u) || choice.get(u)?.includes(t)) link(t, u, false);
  }
  // Then across NAT: an end left alone, chosen by exactly one end left alone.
  const chosenBy = new Map<Tunnel, Tunnel[]>();
  for (const t of tunnels) {
    if (t.peers.length > 0 || t.mode === '6rd') continue;
    const [u] = unambiguous(t, index.natFacing(t, index.candidates(t)).filter((c) => c.peers.length === 0));
    if (u) push(chosenBy, u, t);
  }
  for (const [u, ts] of chosenBy) if (ts.length === 1) link(ts[0], u, true);
  return index;
}
