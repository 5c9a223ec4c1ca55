import type { Device, Range, Tunnel } from '../model/types';
import { cidrText, contains, networkOf, toBits } from '../model/ip';
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

/** The interface whose connected subnet holds a next hop. */
function nextHopInterface(device: Device, via: string): string | null {
  let best: { name: string; len: number } | null = null;
  for (const a of device.addresses) {
    if (contains(a.cidr, via) && (!best || a.cidr.prefixLength > best.len)) best = { name: a.interface, len: a.cidr.prefixLength };
  }
  return best?.name ?? null;
}

export function decide(ctx: RuleContext, device: Device, address: string): Decision | null {
  const family = toBits(address)?.family;
  if (family === undefined) return null;
  let best: Decision | null = null;
  const offer = (d: Decision) => {
    if (!best || d.prefixLength > best.prefixLength || (d.prefixLength === best.prefixLength && d.connected && !best.connected)) best = d;
  };
  for (const a of device.addresses) {
    if (contains(a.cidr, address)) offer({ into: a.interface, prefixLength: a.cidr.prefixLength, prefix: cidrText(networkOf(a.cidr)), path: a.path, range: a.range, connected: true });
  }
  for (const r of device.routes) {
    if (!contains(r.prefix.value, address)) continue;
    const into = r.dev?.value ?? (r.via ? nextHopInterface(device, r.via.value) : null);
    offer({ into, prefixLength: r.prefix.value.prefixLength, prefix: cidrText(networkOf(r.prefix.value)), path: r.path, range: r.prefix.range, connected: false });
  }
  if (family === 6) {
    for (const id of device.tunnels) {
      const t = ctx.tunnel(id);
      for (const d of ctx.decls(t)) {
        if (d.decl.ipv6Gateway) offer({ into: t.name, prefixLength: 0, prefix: '::/0', path: d.path, range: d.decl.ipv6Gateway.range, connected: false });
      }
    }
  }
  return best;
}

export const sameName = (a: string | null, b: string): boolean => a !== null && a.toLowerCase() === b.toLowerCase();

/** Whether the device sends `address` into tunnel `t`. */
export function routedInto(ctx: RuleContext, t: Tunnel, address: string): boolean {
  return sameName(decide(ctx, ctx.device(t.device), address)?.into ?? null, t.name);
}

