import type { Cidr, Device, Range, Tunnel } from '../model/types';
import { cidrText, networkOf, prefixMask, toBits, widthOf } from '../model/ip';
import type { RuleContext } from './rule';

// A device's forwarding decision for one address, from what its files say: connected subnets, static
// routes, and default gateways given on tunnels (RHEL `IPV6_DEFAULTGW`). Longest prefix wins; on a tie a
// connected subnet wins, as on every platform here.

export interface Decision {
  /** The interface or tunnel the address is sent into; null when the configuration does not say. */
  into: string | null;
  prefixLength: number;
  /** The deciding route or subnet, `10.0.0.0/8`. */
  prefix: string;
  /** Where the deciding route or address is written. */
  path: string;
  range: Range;
  connected: boolean;
}

/**
 * Longest-prefix match over a device's entries: one map per prefix length, looked up from the longest
 * length down, so a decision costs a map lookup per distinct length rather than a scan of every route.
 */
class PrefixTable<T> {
  /** Per family, prefix lengths longest first, each with its networks. */
  private readonly byFamily = new Map<4 | 6, { length: number; networks: Map<bigint, T> }[]>();

  /** Add an entry; an entry already at the same network and length stays unless `better` says otherwise. */
  insert(net: Cidr, value: T, better: (old: T) => boolean = () => false): void {
    const b = toBits(net.address);
    if (!b) return;
    let levels = this.byFamily.get(b.family);
    if (!levels) this.byFamily.set(b.family, (levels = []));
    let level = levels.find((l) => l.length === net.prefixLength);
    if (!level) {
      level = { length: net.prefixLength, networks: new Map() };
      levels.push(level);
      levels.sort((x, y) => y.length - x.length);
    }
    const key = b.value & prefixMask(net.prefixLength, widthOf(b.family));
    const old = level.networks.get(key);
    if (old === undefined || better(old)) level.networks.set(key, value);
  }

  lookup(address: string): T | undefined {
    const b = toBits(address);
    if (!b) return undefined;
    for (const level of this.byFamily.get(b.family) ?? []) {
      const hit = level.networks.get(b.value & prefixMask(level.length, widthOf(b.family)));
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
}

/**
 * A device's forwarding table, built once per device. Devices are reused between analyses while their files
 * are unchanged (model/build.ts BuildCache), so an edit rebuilds only the edited device's table.
 */
const tables = new WeakMap<Device, PrefixTable<Decision>>();

function forwardingTable(ctx: RuleContext, device: Device): PrefixTable<Decision> {
  let table = tables.get(device);
  if (table) return table;
  const connected = new PrefixTable<string>();
  table = new PrefixTable<Decision>();
  // On a tie of prefix lengths the first entry wins, except that a connected subnet beats a route.
  const beatsRoute = (old: Decision) => !old.connected;
  for (const a of device.addresses) {
    connected.insert(a.cidr, a.interface);
    table.insert(a.cidr, { into: a.interface, prefixLength: a.cidr.prefixLength, prefix: cidrText(networkOf(a.cidr)), path: a.path, range: a.range, connected: true }, beatsRoute);
  }
  for (const r of device.routes) {
    // A next hop reaches out through the interface whose connected subnet holds it.
    const into = r.dev?.value ?? (r.via ? (connected.lookup(r.via.value) ?? null) : null);
    table.insert(r.prefix.value, { into, prefixLength: r.prefix.value.prefixLength, prefix: cidrText(networkOf(r.prefix.value)), path: r.path, range: r.prefix.range, connected: false });
  }
  for (const id of device.tunnels) {
    const t = ctx.tunnel(id);
    for (const d of ctx.decls(t)) {
      const gw = d.decl.ipv6Gateway;
      if (gw) table.insert({ address: '::', prefixLength: 0, family: 6 }, { into: t.name, prefixLength: 0, prefix: '::/0', path: d.path, range: gw.range, connected: false });
    }
  }
  tables.set(device, table);
  return table;
}

export function decide(ctx: RuleContext, device: Device, address: string): Decision | null {
  return forwardingTable(ctx, device).lookup(address) ?? null;
}

export const sameName = (a: string | null, b: string): boolean => a !== null && a.toLowerCase() === b.toLowerCase();

/** Whether the device sends `address` into tunnel `t`. */
export function routedInto(ctx: RuleContext, t: Tunnel, address: string): boolean {
  return sameName(decide(ctx, ctx.device(t.device), address)?.into ?? null, t.name);
}

