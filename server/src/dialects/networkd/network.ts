import type { Cidr, FileModel, InterfaceDecl, Located, Range } from '../../model/types';
import {
  DYNAMIC_GATEWAY,
  NETDEV_OTHER_SECTIONS,
  NETDEV_SECTIONS,
  NETWORK_OTHER_SECTIONS,
  NETWORK_SECTIONS,
  type Setting,
} from './commands';
import { entryRange, entryValue, entryWords, type IniSection } from './ini';
import type { FileReader } from './lower';
import type { IniEntry } from './parser';
import { defaultRoute, ValueReader, type Written } from './values';

// What a .network file says (systemd.network(5)): the settings of the links its [Match] section selects.
// Addresses, MTU and routes go to each interface [Match] Name= names literally (globs name no one in
// particular); `Tunnel=`/`VXLAN=` put a tunnel on that link, which makes it the tunnel's underlay.

const GLOB = /[*?[]/;

/** networkd reads an IPv4 address without a length as classful (with a warning); IPv6 as a host address. */
function lengthWithout(address: string): number {
  if (address.includes(':')) return 128;
  const first = Number(address.slice(0, address.indexOf('.')));
  return first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
}

const UNSPECIFIED = new Set(['0.0.0.0', '::']);

export class NetworkReader implements FileReader {
  readonly label = 'a .network';
  readonly sections = NETWORK_SECTIONS;
  readonly others = NETWORK_OTHER_SECTIONS;
  readonly foreign = { label: 'a .netdev', sections: [...Object.keys(NETDEV_SECTIONS), ...NETDEV_OTHER_SECTIONS] };
  readonly strictSections = false;

  private readonly values: ValueReader;
  /** The interfaces [Match] Name= names literally. */
  private readonly targets: InterfaceDecl[] = [];
  private routeDestination?: Located<Cidr>;
  private routeGateway?: Located<string>;

  constructor(
    private readonly model: FileModel,
    sections: readonly IniSection[],
  ) {
    this.values = new ValueReader(model.invalid);
    for (const s of sections) {
      if (s.name !== 'Match') continue;
      for (const e of s.entries) if (e.key?.image === 'Name') this.matchNames(e);
    }
  }

  private matchNames(e: IniEntry): void {
    const words = entryWords(e);
    // An empty assignment resets the list.
    if (words.length === 0) this.targets.length = 0;
    for (const w of words) {
      if (w.text.startsWith('!') || GLOB.test(w.text)) continue;
      const name = this.values.ifname(w, 'an interface name (or glob)');
      if (name && !this.targets.some((t) => t.name === name.value)) this.targets.push({ name: name.value, nameRange: name.range, addresses: [] });
    }
  }

  applies(): boolean {
    return true;
  }

  apply(setting: Setting, entry: IniEntry, _key: unknown, section: string): void {
    const w = entryValue(entry);
    const { values } = this;
    // An empty assignment resets a list or a setting to its default: nothing to record.
    if (w.text === '') return;
    switch (setting) {
      case 'mtu': {
        const mtu = values.mtu(w);
        if (mtu) for (const t of this.targets) t.mtu = mtu;
        break;
      }
      case 'ipv6Mtu': {
        const mtu = values.mtu(w);
        if (mtu && mtu.value < 1280) values.fail(w, `expected an IPv6 MTU of at least 1280, not \`${w.text}\``);
        else if (mtu) for (const t of this.targets) t.ipv6Mtu = mtu;
        break;
      }
      case 'address':
        this.address(w);
        break;
      case 'gateway':
        this.gateway(w, entry, section);
        break;
      case 'destination':
        this.routeDestination = values.cidr(w, undefined, 'a route destination', lengthWithout) ?? this.routeDestination;
        break;
      case 'stacked':
        this.stacked(w, entry);
        break;
    }
  }

  private address(w: Written): void {
    const cidr = this.values.cidr(w, undefined, 'an interface address', lengthWithout);
    // 0.0.0.0/N and ::/N ask networkd to pick a free address from a pool: nothing fixed to record.
    if (cidr === undefined || UNSPECIFIED.has(cidr.value.address)) return;
    for (const t of this.targets) {
      if (!t.addresses.some((a) => a.value.address === cidr.value.address && a.value.prefixLength === cidr.value.prefixLength)) t.addresses.push(cidr);
    }
  }

  /** [Network] Gateway= is a default route; in a [Route] section it is that route's next hop. */
  private gateway(w: Written, entry: IniEntry, section: string): void {
    if (DYNAMIC_GATEWAY.has(w.text)) return;
    const via = this.values.address(w, undefined, 'a gateway address (or _dhcp4, _ipv6ra)');
    if (via === undefined) return;
    if (section === 'Route') {
      this.routeGateway = via;
      return;
    }
    this.routes(entryRange(entry), defaultRoute(via), via);
  }

  private stacked(w: Written, entry: IniEntry): void {
    const name = this.values.ifname(w, 'the name of a tunnel netdev');
    if (name === undefined) return;
    // The link this file configures carries the tunnel: with one literal name, it is the tunnel's underlay.
    const dev = this.targets.length === 1 ? { value: this.targets[0].name, range: this.targets[0].nameRange } : undefined;
    this.model.tunnels.push({ name: name.value, nameRange: name.range, range: entryRange(entry), addresses: [], ...(dev ? { dev } : {}) });
  }

  private routes(range: Range, prefix: Located<Cidr>, via: Located<string> | undefined): void {
    const devs = this.targets.length > 0 ? this.targets : [undefined];
    for (const t of devs) {
      this.model.routes.push({ range, prefix, ...(via ? { via } : {}), ...(t ? { dev: { value: t.name, range: t.nameRange } } : {}) });
    }
  }

  endSection(name: string, range: Range): void {
    if (name === 'Route') {
      const via = this.routeGateway;
      const prefix = this.routeDestination ?? (via ? defaultRoute(via) : undefined);
      if (prefix) this.routes(range, prefix, via);
    }
    this.routeDestination = undefined;
    this.routeGateway = undefined;
  }

  finish(): void {
    this.model.interfaces.push(...this.targets);
  }
}
