import type { Pair, YAMLMap } from 'yaml';
import type { FileModel, InterfaceDecl, Located, Range, TunnelDecl } from '../../model/types';
import { LineCoverage, type LineState } from '../networkd/coverage';
import { suggest } from '../networkd/lower';
import { defaultRoute, isMulticast, ValueReader, type Written } from '../networkd/values';
import type { Nodes } from './nodes';
import {
  COMMON_KEYS,
  DEVICE_TYPES,
  DYNAMIC_LOCAL,
  INTERFACE_MODES,
  KEYED_MODES,
  NETWORK_KEYS,
  OTHER_DEVICE_KEYS,
  ROUTE_KEYS,
  TUNNEL_KEY_KEYS,
  TUNNEL_KEYS,
  TUNNEL_MODES,
} from './schema';

// A netplan document → FileModel. `network.tunnels.<id>` entries are tunnels named by their ID; the other device
// types (`ethernets`, `bonds`, ...) are interfaces named by `set-name`, a literal `match.name`, or their ID.

export class NetplanLowerer {
  private readonly values: ValueReader;
  private readonly coverage: LineCoverage;

  constructor(
    private readonly model: FileModel,
    contentLines: Iterable<number>,
  ) {
    this.values = new ValueReader(model.invalid);
    this.coverage = new LineCoverage(contentLines);
  }

  /** One YAML document; only its `network:` key is netplan's. */
  document(nodes: Nodes, root: unknown): void {
    const top = nodes.map(root);
    if (top === undefined) return;
    for (const [key, pair] of nodes.entries(top)) {
      if (key.text !== 'network') continue;
      this.mark(key.range, 'understood');
      const network = nodes.map(pair.value);
      if (network === undefined) {
        this.values.fail(key, 'expected the network definition (a mapping) under `network:`');
        continue;
      }
      for (const [k, p] of nodes.entries(network)) this.networkKey(nodes, k, p);
    }
  }

  finish(): FileModel {
    this.coverage.fill(this.model.coverage);
    return this.model;
  }

  private mark(range: Range, state: LineState): void {
    this.coverage.mark(range.start.line, range.end.line, state);
  }

  private unknownKey(key: Written, known: readonly string[], expected: string): void {
    this.model.unknown.push({ range: key.range, word: key.text, suggestion: suggest(key.text, known), expected });
    this.mark(key.range, 'unknown');
  }

  private networkKey(nodes: Nodes, key: Written, pair: Pair): void {
    if (key.text === 'version') {
      this.mark(nodes.pairRange(pair), 'understood');
      const v = nodes.scalar(pair.value);
      if (v && v.text !== '2') this.values.fail(v, `netplan supports configuration version 2 only, not \`${v.text}\``);
    } else if (key.text === 'renderer') {
      this.mark(nodes.pairRange(pair), 'understood');
    } else if (key.text === 'tunnels' || DEVICE_TYPES.has(key.text)) {
      this.mark(key.range, 'understood');
      const devices = nodes.map(pair.value);
      if (devices === undefined) return;
      for (const [id, p] of nodes.entries(devices)) {
        if (key.text === 'tunnels') this.tunnel(nodes, id, p);
        else this.device(nodes, id, p);
      }
    } else if (!NETWORK_KEYS.includes(key.text)) {
      this.unknownKey(key, NETWORK_KEYS, 'a `network:` key (version, renderer, ethernets, tunnels, ...)');
    }
  }

  private device(nodes: Nodes, id: Written, pair: Pair): void {
    const body = nodes.map(pair.value);
    if (body === undefined) return;
    const match = nodes.map(body.get('match', true));
    const matchName = match && nodes.scalar(match.get('name', true));
    const literalMatch = matchName && !/[*?[]/.test(matchName.text) ? matchName : undefined;
    const named = nodes.scalar(body.get('set-name', true)) ?? literalMatch ?? id;
    const name = this.values.ifname(named, 'an interface name');
    if (name === undefined) return;
    const iface: InterfaceDecl = { name: name.value, nameRange: name.range, addresses: [] };
    this.model.sections.push({ kind: 'interface', name: name.value, range: nodes.pairRange(pair), nameRange: id.range });
    this.mark(id.range, 'understood');
    for (const [k, p] of nodes.entries(body)) {
      if (this.common(nodes, k, p, iface)) continue;
      if (k.text === 'set-name' || k.text === 'match') this.mark(nodes.pairRange(p), 'understood');
      // Device types have many keys of their own: only a near-miss of a common key is worth a warning.
      else if (!COMMON_KEYS.includes(k.text) && !OTHER_DEVICE_KEYS.includes(k.text) && suggest(k.text, COMMON_KEYS) !== undefined) {
        this.unknownKey(k, COMMON_KEYS, 'a device setting (addresses, mtu, routes, ...)');
      }
    }
    this.model.interfaces.push(iface);
  }

  private tunnel(nodes: Nodes, id: Written, pair: Pair): void {
    const body = nodes.map(pair.value);
    if (body === undefined) {
      this.values.fail(id, 'expected the tunnel settings (a mapping with at least `mode:`)');
      return;
    }
    this.mark(nodes.pairRange(pair), 'understood');
    this.model.sections.push({ kind: 'tunnel', name: id.text, range: nodes.pairRange(pair), nameRange: id.range });
    const name = this.values.ifname(id, 'a tunnel interface name');
    const modeWord = nodes.scalar(body.get('mode', true));
    if (modeWord === undefined) this.values.fail(id, 'missing `mode:`: netplan requires a tunnel mode (sit, gre, ipip6, vxlan, ...)');
    const wireguard = modeWord !== undefined && INTERFACE_MODES.has(modeWord.text);
    const spec = modeWord && Object.hasOwn(TUNNEL_MODES, modeWord.text) ? TUNNEL_MODES[modeWord.text] : undefined;
    if (modeWord && !spec && !wireguard) {
      const hint = suggest(modeWord.text, [...Object.keys(TUNNEL_MODES), ...INTERFACE_MODES]);
      this.values.fail(modeWord, `unknown tunnel mode \`${modeWord.text}\`: expected one of ${Object.keys(TUNNEL_MODES).join(', ')}, wireguard` + (hint ? ` (did you mean \`${hint}\`?)` : ''));
    }
    if (name === undefined) return;
    if (wireguard) {
      const iface: InterfaceDecl = { name: name.value, nameRange: name.range, addresses: [] };
      for (const [k, p] of nodes.entries(body)) if (!this.common(nodes, k, p, iface) && !TUNNEL_KEYS.includes(k.text)) this.unknownKey(k, TUNNEL_KEYS, 'a tunnel setting');
      this.model.interfaces.push(iface);
      return;
    }
    const t: TunnelDecl = { name: name.value, nameRange: name.range, range: nodes.pairRange(pair), addresses: [] };
    if (spec && modeWord) t.mode = { value: spec.mode, range: modeWord.range };
    for (const [k, p] of nodes.entries(body)) {
      if (this.common(nodes, k, p, t)) continue;
      if (!TUNNEL_KEYS.includes(k.text)) this.unknownKey(k, TUNNEL_KEYS, 'a tunnel setting (mode, local, remote, key, ...)');
      else this.tunnelSetting(nodes, k, p, t, modeWord?.text, spec?.family);
    }
    this.model.tunnels.push(t);
  }

  private tunnelSetting(nodes: Nodes, k: Written, p: Pair, t: TunnelDecl, mode: string | undefined, family: 4 | 6 | undefined): void {
    const { values } = this;
    const w = nodes.scalar(p.value);
    switch (k.text) {
      case 'local':
        if (w && !(mode === 'vxlan' && DYNAMIC_LOCAL.has(w.text))) t.local = values.address(w, family, `a local address for mode ${mode ?? '?'}`);
        break;
      case 'remote': {
        const remote = w && values.address(w, family, `a remote address for mode ${mode ?? '?'}`);
        // For VXLAN a multicast `remote` is the group all peers join, not one peer.
        if (remote && mode === 'vxlan' && isMulticast(remote.value)) t.multipoint = { value: true, range: remote.range };
        else t.remote = remote;
        break;
      }
      case 'ttl':
        if (w) t.ttl = values.uint(w, 1, 255, 'a TTL');
        break;
      case 'key':
      case 'keys':
        this.keys(nodes, k, p, t, mode);
        break;
      case 'id':
        if (w) t.vni = values.uint(w, 1, 16777215, 'a VXLAN network identifier');
        break;
      case 'port':
        if (w && mode === 'vxlan') t.dstPort = values.uint(w, 1, 65535, 'a UDP port');
        break;
      case 'link':
        if (w) t.dev = { value: w.text, range: w.range };
        break;
    }
  }

  /** `key: K` (both directions) or `keys: {input: K, output: K}`. */
  private keys(nodes: Nodes, k: Written, p: Pair, t: TunnelDecl, mode: string | undefined): void {
    const single = nodes.scalar(p.value);
    const map = nodes.map(p.value);
    // An unknown mode is reported already; whether it takes keys is not known.
    if ((single || map) && mode !== undefined && Object.hasOwn(TUNNEL_MODES, mode) && !KEYED_MODES.has(mode)) {
      this.values.fail(k, `\`${k.text}\` has no effect on mode ${mode}: only GRE and VTI tunnels use keys`);
      return;
    }
    if (single) {
      const key = this.values.key(single);
      if (key) t.gre = { ...t.gre, ikey: key, okey: key };
      return;
    }
    if (map === undefined) return;
    for (const [dir, dp] of nodes.entries(map)) {
      const v = nodes.scalar(dp.value);
      if (dir.text === 'input' || dir.text === 'output') {
        const key = v && this.values.key(v);
        if (key) t.gre = { ...t.gre, [dir.text === 'input' ? 'ikey' : 'okey']: key };
      } else if (!TUNNEL_KEY_KEYS.includes(dir.text)) {
        this.unknownKey(dir, TUNNEL_KEY_KEYS, 'a key direction (input, output, private)');
      }
    }
  }

  /** Properties every device type shares and the model reads; false when `k` is not one of them. */
  private common(nodes: Nodes, k: Written, p: Pair, target: InterfaceDecl | TunnelDecl): boolean {
    const { values } = this;
    const dev = { value: target.name, range: target.nameRange };
    const w = nodes.scalar(p.value);
    switch (k.text) {
      case 'addresses':
        for (const item of nodes.seqItems(p.value)) {
          // An entry is `A/N` or a one-key mapping `A/N: {lifetime, label}`.
          const itemMap = nodes.map(item);
          const a = itemMap ? nodes.scalar(itemMap.items[0]?.key) : nodes.scalar(item);
          const cidr = a && (a.text.includes('/') ? values.cidr(a, undefined, 'an interface address') : values.fail(a, `expected an address with its prefix length (netplan requires CIDR notation), not \`${a.text}\``));
          if (cidr && !target.addresses.some((x) => x.value.address === cidr.value.address && x.value.prefixLength === cidr.value.prefixLength)) target.addresses.push(cidr);
        }
        break;
      case 'mtu':
        if (w) target.mtu = values.uint(w, 68, 0xffffffff, 'an MTU');
        break;
      case 'ipv6-mtu':
        if (w && 'ipv6Mtu' in target) target.ipv6Mtu = values.uint(w, 1280, 0xffffffff, 'an IPv6 MTU');
        else if (w) values.uint(w, 1280, 0xffffffff, 'an IPv6 MTU');
        break;
      case 'routes':
        for (const item of nodes.seqItems(p.value)) this.route(nodes, item, dev);
        break;
      case 'gateway4':
      case 'gateway6': {
        this.model.deprecated.push({ range: k.range, word: k.text, replacement: 'routes' });
        const via = w && values.address(w, k.text === 'gateway6' ? 6 : 4, `an IPv${k.text === 'gateway6' ? 6 : 4} gateway`);
        if (via) this.model.routes.push({ range: nodes.pairRange(p), prefix: defaultRoute(via), via, dev });
        break;
      }
      default:
        return false;
    }
    this.mark(nodes.pairRange(p), 'understood');
    return true;
  }

  private route(nodes: Nodes, item: unknown, dev: Located<string>): void {
    const map: YAMLMap | undefined = nodes.map(item);
    if (map === undefined) return;
    let to: Written | undefined;
    let via: Located<string> | undefined;
    for (const [k, p] of nodes.entries(map)) {
      const w = nodes.scalar(p.value);
      if (k.text === 'to') to = w;
      else if (k.text === 'via') via = w && this.values.address(w, undefined, 'a next-hop address');
      else if (!ROUTE_KEYS.includes(k.text)) this.unknownKey(k, ROUTE_KEYS, 'a route setting (to, via, metric, ...)');
    }
    if (to === undefined) return;
    const range = nodes.nodeRange(map);
    // `to: default` takes its family from `via`; without one the family is not written down.
    const prefix = to.text === 'default' ? via && defaultRoute(via, to.range) : this.values.cidr(to, via && (via.value.includes(':') ? 6 : 4), 'a route destination');
    if (prefix) this.model.routes.push({ range, prefix, ...(via ? { via } : {}), dev });
  }
}
