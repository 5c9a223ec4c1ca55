import type { IToken } from 'chevrotain';
import type { Cidr, InterfaceDecl, Located, Range, Section, TunnelDecl, TunnelMode } from '../../model/types';
import { normalizeAddress } from '../common/addr';
import { didYouMean, matchKeyword } from '../common/keywords';
import { spanRange, tokenRange } from '../common/ranges';
import { TUNNEL_MODES, type InterfaceAction, type ModeNode } from './commands';
import { readInterfaceName, TUNNEL_TYPES } from './interface-names';
import { isHostName, type ValueReader } from './values';

type NumberField = 'mtu' | 'ipMtu' | 'ipv6Mtu' | 'mss4' | 'mss6' | 'vni' | 'dstPort' | 'ttl';

/** Commands taking one number: IOS's accepted range, what it is (for messages), where it goes. */
const NUMBERS: Partial<Record<InterfaceAction, [min: number, max: number, what: string, field: NumberField]>> = {
  mtu: [64, 65535, 'MTU', 'mtu'],
  ipMtu: [68, 65535, 'IPv4 MTU', 'ipMtu'],
  ipv6Mtu: [1280, 65535, 'IPv6 MTU (RFC 8200 minimum 1280)', 'ipv6Mtu'],
  mss: [500, 1460, 'TCP MSS', 'mss4'],
  mss6: [40, 65535, 'TCP MSS', 'mss6'],
  vni: [0, 16777215, 'VXLAN VNI', 'vni'],
  dstPort: [0, 65535, 'UDP port', 'dstPort'],
  ttl: [1, 255, 'TTL', 'ttl'],
};

/** Generated configurations (AWS, templates) leave `YOUR_UPLINK_ADDRESS`-style words to fill in. */
function placeholderHint(word: string): string {
  return /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(word) ? ' (this looks like a template placeholder still to be filled in)' : '';
}

/** One `interface` block being read. Tunnel fields are kept as the last line that set them wrote them. */
export class InterfaceBlock {
  private readonly addresses: Located<Cidr>[] = [];
  private readonly numbers: Partial<Record<NumberField, Located<number>>> = {};
  private carries4 = false;
  private carries6 = false;
  private mode?: { node: ModeNode; range: Range };
  /** Any `tunnel ...` line, even an ignored one (`tunnel protection`), makes this a tunnel interface. */
  private hasTunnelCommands = false;
  private readonly tunnel: Omit<TunnelDecl, 'name' | 'nameRange' | 'range' | 'addresses' | 'mode' | 'mtu' | 'mss'> = {};
  private lastToken: IToken;
  /** Indentation of the block's first command, to tell a sub-mode `exit` from the interface's own. */
  childIndent?: number;

  constructor(
    readonly name: string,
    /** Canonical interface type (`Tunnel`), undefined when the type is not a known one. */
    private readonly type: string | undefined,
    readonly nameRange: Range,
    readonly indent: number,
    private readonly header: IToken,
    private readonly declaredTunnel: boolean,
    /** A block whose header named no interface: its lines are read (for typos) but nothing is emitted. */
    readonly discarded: boolean,
  ) {
    this.lastToken = header;
  }

  extendTo(tok: IToken): void {
    this.lastToken = tok;
  }

  /**
   * Apply one interface command. `args` are the words after the keywords; `keyword` is the last keyword.
   * Returns unknown words met in a value position (tunnel modes), for the caller to report.
   */
  apply(
    action: InterfaceAction,
    keyword: IToken,
    args: readonly IToken[],
    negated: boolean,
    read: ValueReader,
    rawRest: () => { text: string; range: Range } | undefined,
  ): { word: IToken; suggestion?: string; expected: string } | undefined {
    const arg = args[0];
    const t = this.tunnel;
    const numeric = NUMBERS[action];
    if (numeric) {
      const [min, max, what, field] = numeric;
      this.numbers[field] = negated ? undefined : arg ? read.int(arg, min, max, what) : read.missing(keyword, `a ${what}`);
      return;
    }
    switch (action) {
      case 'description': {
        const rest = rawRest();
        t.description = negated ? undefined : rest ? { value: rest.text, range: rest.range } : read.missing(keyword, 'a description');
        return;
      }
      case 'ipAddress':
        return this.ipAddress(keyword, args, negated, read);
      case 'ipv6Address':
        return this.ipv6Address(keyword, args, negated, read);
      case 'carries4':
        this.carries4 ||= !negated;
        return;
      case 'carries6':
        this.carries6 ||= !negated;
        return;
      case 'shutdown':
        t.disabled = { value: !negated, range: tokenRange(keyword) };
        return;
      case 'tunnelSource':
        return this.tunnelSource(keyword, args, negated, read);
      case 'tunnelDestination':
        return this.tunnelDestination(keyword, arg, negated, read);
      case 'tunnelMode':
        return this.tunnelMode(keyword, args, negated, read);
      case 'tunnelKey': {
        const key = negated ? undefined : arg ? read.int(arg, 0, 4294967295, 'tunnel key') : read.missing(keyword, 'a tunnel key');
        t.gre = { ...t.gre, ikey: key, okey: key };
        return;
      }
      case 'sixrdPrefix':
        t.sixrd = { ...t.sixrd, prefix: negated ? undefined : arg ? read.ipv6Prefix(arg, '6rd prefix') : read.missing(keyword, 'an IPv6 prefix') };
        return;
      case 'sixrdPrefixLen':
        t.sixrd = { ...t.sixrd, ipv4MaskLen: negated ? undefined : arg ? read.int(arg, 0, 31, '6rd IPv4 prefix length') : read.missing(keyword, 'a length') };
        return;
      case 'sixrdBr':
        t.sixrd = { ...t.sixrd, br: negated ? undefined : arg ? read.address(arg, 4, '6rd border relay address') : read.missing(keyword, 'the border relay IPv4 address') };
        return;
      case 'tos': {
        const tos = negated ? undefined : arg ? read.int(arg, 0, 255, 'ToS') : read.missing(keyword, 'a ToS value');
        t.tos = tos && { value: String(tos.value), range: tos.range };
        return;
      }
      case 'checksum':
        t.gre = { ...t.gre, icsum: !negated, ocsum: !negated };
        return;
      case 'sequence':
        t.gre = { ...t.gre, iseq: !negated, oseq: !negated };
        return;
      default:
        return;
    }
  }

  /** Any `tunnel ...` command, even one the model does not hold (`tunnel protection`), marks a tunnel interface. */
  noteTunnelCommand(): void {
    this.hasTunnelCommands = true;
  }

  private ipAddress(keyword: IToken, args: readonly IToken[], negated: boolean, read: ValueReader): undefined {
    if (negated) {
      this.removeFamily(4);
      return;
    }
    this.carries4 = true;
    // `dhcp`, `negotiated` (PPP), `pool NAME`: an address assigned at run time.
    if (args[0] && /^[a-z]/i.test(args[0].image) && !args[0].image.includes('.')) return;
    const { cidr } = read.ipv4Prefix(args, 0, keyword, 'IPv4 address');
    if (!cidr) return;
    const secondary = args.some((a) => matchKeyword(a.image, ['secondary'], 3) !== undefined);
    // A primary address replaces the previous primary, as on the router; secondaries add.
    if (!secondary) this.removeFamily(4);
    this.addresses.push(cidr);
  }

  private ipv6Address(keyword: IToken, args: readonly IToken[], negated: boolean, read: ValueReader): undefined {
    if (negated) {
      this.removeFamily(6);
      return;
    }
    this.carries6 = true;
    const [a, option] = args;
    if (!a) return read.missing(keyword, 'an IPv6 address with prefix length');
    const opt = option && matchKeyword(option.image, ['anycast', 'eui-64', 'link-local', 'cga']);
    // Link-local and EUI-64 addresses are not written out in full; `autoconfig`/`dhcp` are run-time;
    // a general-prefix name (`DELEGATED ::1/64`) is filled in from a DHCPv6 or 6rd prefix.
    if (opt === 'link-local' || opt === 'eui-64' || opt === 'cga') return;
    if (!a.image.includes(':')) return;
    const cidr = read.ipv6Prefix(a, 'IPv6 address');
    if (cidr) this.addresses.push(cidr);
  }

  private removeFamily(family: 4 | 6): void {
    for (let i = this.addresses.length - 1; i >= 0; i--) if (this.addresses[i].value.family === family) this.addresses.splice(i, 1);
  }

  private tunnelSource(keyword: IToken, args: readonly IToken[], negated: boolean, read: ValueReader): undefined {
    const t = this.tunnel;
    t.local = undefined;
    t.sourceInterface = undefined;
    const arg = args[0];
    if (negated) return;
    if (!arg) return read.missing(keyword, 'an address or an interface');
    if (normalizeAddress(arg.image) !== undefined) {
      t.local = read.address(arg, undefined, 'tunnel source');
      return;
    }
    if (matchKeyword(arg.image, ['dynamic']) === 'dynamic' && arg.image.length >= 2) return;
    const ifName = readInterfaceName(args, 0);
    if (!ifName) {
      read.invalid(arg, `\`${arg.image}\` is not a valid tunnel source: expected an IPv4/IPv6 address or an interface name such as GigabitEthernet0/1${placeholderHint(arg.image)}`);
      return;
    }
    t.sourceInterface = { value: ifName.name, range: spanRange(ifName.first, ifName.last) };
  }

  private tunnelDestination(keyword: IToken, arg: IToken | undefined, negated: boolean, read: ValueReader): undefined {
    const t = this.tunnel;
    t.remote = undefined;
    if (negated) return;
    if (!arg) return read.missing(keyword, 'an address or a host name');
    if (arg.image.toLowerCase() === 'dynamic') return;
    if (/^[\d.]+$/.test(arg.image) || arg.image.includes(':')) {
      t.remote = read.address(arg, undefined, 'tunnel destination');
      return;
    }
    if (!isHostName(arg.image)) {
      read.invalid(arg, `\`${arg.image}\` is not a valid tunnel destination: expected an IPv4/IPv6 address or a host name${placeholderHint(arg.image)}`);
      return;
    }
    t.remote = { value: arg.image, range: tokenRange(arg) };
  }

  private tunnelMode(keyword: IToken, args: readonly IToken[], negated: boolean, read: ValueReader) {
    this.mode = undefined;
    if (negated) return;
    if (args.length === 0) return read.missing(keyword, 'a tunnel mode');
    let table: Readonly<Record<string, ModeNode>> | undefined = TUNNEL_MODES;
    let node: ModeNode | undefined;
    let last = args[0];
    for (const word of args) {
      if (!table) break; // the rest are arguments (`vxlan ipv4 SMAC DMAC`)
      const key: string | undefined = matchKeyword(word.image, Object.keys(table));
      if (key === undefined) {
        if (node?.mode) break; // an optional word IOS accepts that we do not model
        return { word, suggestion: didYouMean(word.image, Object.keys(table)), expected: 'a tunnel mode (gre ip, gre ipv6, gre multipoint, ipip, ipv6ip, ipv6ip 6rd, ipv6, ipsec ipv4, vxlan, ...)' };
      }
      node = table[key];
      last = word;
      table = node.sub;
      if (node.deprecatedBy) read.deprecated(word, node.deprecatedBy);
    }
    if (!node?.mode) return read.missing(last, 'the rest of the tunnel mode');
    this.mode = { node, range: spanRange(args[0], last) };
    return undefined;
  }

  /** The interface, and the tunnel when it is one. */
  finish(): { iface: InterfaceDecl; tunnel?: TunnelDecl; section: Section } {
    const range = spanRange(this.header, this.lastToken);
    const iface: InterfaceDecl = { name: this.name, nameRange: this.nameRange, addresses: this.addresses };
    const { mtu: ifMtu, ipMtu, ipv6Mtu, mss4, mss6, vni, dstPort, ttl } = this.numbers;
    if (ifMtu) iface.mtu = ifMtu;
    if (ipMtu) iface.ipMtu = ipMtu;
    if (ipv6Mtu) iface.ipv6Mtu = ipv6Mtu;
    const isTunnel = this.declaredTunnel || (this.type !== undefined && TUNNEL_TYPES.has(this.type)) || this.hasTunnelCommands;
    const section: Section = { kind: isTunnel ? 'tunnel' : 'interface', name: this.name, range, nameRange: this.nameRange };
    if (!isTunnel) return { iface, section };
    const carries = this.carriedFamilies();
    const tunnel: TunnelDecl = { name: this.name, nameRange: this.nameRange, range, addresses: [...this.addresses] };
    for (const [k, v] of Object.entries({ ...this.tunnel, vni, dstPort, ttl })) if (v !== undefined) (tunnel as unknown as Record<string, unknown>)[k] = v;
    if (this.mode) {
      tunnel.mode = { value: this.modeFor(this.mode.node, carries), range: this.mode.range };
      if (this.mode.node.multipoint) tunnel.multipoint = { value: true, range: this.mode.range };
    }
    // The tunnel MTU is the L3 MTU of what it carries: `ip mtu` for IPv4 traffic (or `ipv6 mtu` for IPv6),
    // falling back to the interface `mtu` that both default to. A dual-stack tunnel reports its IPv4 MTU,
    // the one `ip tcp adjust-mss` is sized against.
    const mtu = carries.has(4) ? ipMtu ?? ifMtu : carries.has(6) ? ipv6Mtu ?? ifMtu : ipMtu ?? ipv6Mtu ?? ifMtu;
    if (mtu) tunnel.mtu = mtu;
    const mss = carries.has(4) || !carries.has(6) ? mss4 ?? mss6 : mss6 ?? mss4;
    if (mss) tunnel.mss = mss;
    return { iface, tunnel, section };
  }

  private carriedFamilies(): Set<4 | 6> {
    const out = new Set<4 | 6>();
    if (this.carries4) out.add(4);
    if (this.carries6) out.add(6);
    for (const a of this.addresses) out.add(a.value.family);
    return out;
  }

  /** IOS `tunnel mode ipv6` is generic IPv6 tunnelling: IPv6-in-IPv6, or IPv4-in-IPv6 when only IPv4 rides it. */
  private modeFor(node: ModeNode, carries: Set<4 | 6>): TunnelMode {
    const mode = node.mode!;
    return mode === 'ip6ip6' && carries.has(4) && !carries.has(6) ? 'ipip6' : mode;
  }
}
