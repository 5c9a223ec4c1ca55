import type { Underlay } from './types';
import { findInterface, type MergedInterface } from './devices';
import { contains, isPrivate } from './ip';

// The interface a tunnel's packets leave by, and its MTU.

export interface UnderlayQuery {
  sourceInterface?: string;
  dev?: string;
  local: string | null;
  outerFamily: 4 | 6;
}

const loopback = /^(lo\d*|loopback\d*)$/i;

function mtuOf(i: MergedInterface, family: 4 | 6): number | undefined {
  return (family === 4 ? i.ipMtu : i.ipv6Mtu) ?? i.mtu;
}

/** A device's interfaces, indexed once for all its tunnels. */
export class InterfaceTable {
  private readonly physical: MergedInterface[];
  private readonly byAddress = new Map<string, MergedInterface>();
  private readonly onlyOfFamily: Record<4 | 6, MergedInterface | undefined>;

  constructor(
    readonly byName: Map<string, MergedInterface>,
    tunnelNames: Set<string>,
  ) {
    this.physical = [...byName.values()].filter((i) => !tunnelNames.has(i.name));
    for (const i of this.physical) for (const a of i.addresses) if (!this.byAddress.has(a.cidr.value.address)) this.byAddress.set(a.cidr.value.address, i);
    const only = (family: 4 | 6) => {
      const of = this.physical.filter((i) => !loopback.test(i.name) && i.addresses.some((a) => a.cidr.value.family === family));
      return of.length === 1 ? of[0] : undefined;
    };
    this.onlyOfFamily = { 4: only(4), 6: only(6) };
  }

  /**
   * The source address the platform picks for a tunnel with no local configured, when the device makes it
   * unambiguous: its one public address of the family (an RTX's WAN), else its one address of the family.
   */
  impliedLocal(family: 4 | 6): string | null {
    const all: string[] = [];
    for (const i of this.physical) {
      if (loopback.test(i.name)) continue;
      for (const a of i.addresses) {
        const addr = a.cidr.value.address;
        if (a.cidr.value.family === family && !addr.toLowerCase().startsWith('fe80:')) all.push(addr);
      }
    }
    const unique = [...new Set(all)];
    const exposed = unique.filter((a) => !isPrivate(a));
    if (exposed.length === 1) return exposed[0];
    return unique.length === 1 ? unique[0] : null;
  }

  find(name: string): MergedInterface | undefined {
    return findInterface(this.byName, name);
  }

  /** The physical interface holding `address`, or whose subnet holds it. */
  holding(address: string): MergedInterface | undefined {
    return this.byAddress.get(address) ?? this.physical.find((i) => i.addresses.some((a) => contains(a.cidr.value, address)));
  }

  /**
   * In order: the source interface, the explicit `dev`, the interface holding (or whose subnet holds) the
   * local address, the device's only non-loopback interface of the outer family. Else (or when that is a
   * loopback) unknown: `defaultMtu`.
   */
  underlay(q: UnderlayQuery, defaultMtu: number): Underlay {
    const unknown: Underlay = { interface: null, mtu: defaultMtu, known: false };
    // Packets never leave by a loopback (Cisco `tunnel source Loopback1`): the way out is not configured.
    const found = (i: MergedInterface): Underlay => (loopback.test(i.name) ? unknown : { interface: i.name, mtu: mtuOf(i, q.outerFamily) ?? defaultMtu, known: true });
    for (const name of [q.sourceInterface, q.dev]) {
      if (name === undefined) continue;
      const i = this.find(name);
      // A named but undeclared interface (a Linux eth0 the kernel creates): its MTU is the default.
      return i ? found(i) : { interface: name, mtu: defaultMtu, known: false };
    }
    const holder = q.local !== null ? this.holding(q.local) : undefined;
    if (holder) return found(holder);
    const only = this.onlyOfFamily[q.outerFamily];
    return only ? found(only) : unknown;
  }
}
