import type { IToken } from 'chevrotain';
import type { FileModel, InterfaceDecl, Range } from '../../model/types';
import { emptyFileModel } from '../common/file-model';
import { didYouMean } from '../common/keywords';
import { rangeOf, spanRange, tokenRange } from '../common/ranges';
import { ENCAPSULATIONS, INTERFACE_NAME, ppName, ROOT } from './commands';
import type { RtxLine } from './lines';
import { resolve, suggest, type Command, type Resolved } from './resolve';
import { readRoutes } from './routes';
import { finishTunnel, TunnelState, type EnableEvent, type IpsecTables } from './tunnels';
import { MSS_RANGE, MTU_RANGE, unquote, ValueReader } from './values';

// RTX contexts: `tunnel select N` makes tunnel N the target of tunnel commands (`tunnel endpoint`, `ip tunnel
// ...`) until the next `tunnel select`, `pp select` or `tunnel select none`; `pp select N` does the same for a
// PPP interface. Indentation is cosmetic. Global commands are valid in any context, so only tunnel commands
// depend on it; a tunnel number selected twice is one tunnel whose settings are merged.

const TUNNEL_NUMBER: readonly [number, number] = [1, 65535];
/** Commands that configure the selected tunnel (they extend its block in the outline). */
const TUNNEL_SCOPED = new Set(['tunnel', 'ipsec', 'l2tp', 'pptp', 'description']);
const PP_SCOPED = new Set(['pp', 'ppp', 'pppoe', 'isdn', 'description']);
/** Interface "addresses" that name a source instead of giving one: `dhcp`, `dhcp-prefix@lan2::1/64`. */
const NOT_LITERAL = /^(dhcp|auto|ipcp|pool)$|@/i;

const IN_TUNNEL = 'an RTX command (for the selected tunnel: description, tunnel encapsulation, tunnel endpoint, ip tunnel ...)';

type Count = 'understood' | 'ignored' | 'unknown';

class Lowering {
  readonly model: FileModel;
  private readonly read: ValueReader;
  private readonly tunnels = new Map<number, TunnelState>();
  private readonly interfaces = new Map<string, InterfaceDecl>();
  private readonly events: EnableEvent[] = [];
  private readonly ipsec: IpsecTables = { policyGateway: new Map(), ikeLocal: new Map(), ikeRemote: new Map() };
  private tunnel?: TunnelState;
  private pp?: { name: string; nameTok: IToken; header: Range; end: Range };
  private heredocEnd?: string;

  constructor(path: string, private readonly raw: readonly string[]) {
    this.model = emptyFileModel(path, 'yamaha-rtx');
    this.read = new ValueReader(this.model);
  }

  run(lines: readonly RtxLine[]): FileModel {
    for (const l of lines) {
      if (this.heredocEnd !== undefined) {
        if (this.raw[l.line].trim() === this.heredocEnd) this.heredocEnd = undefined;
        this.count('ignored');
        continue;
      }
      this.line(l);
    }
    this.closePp();
    for (const t of [...this.tunnels.values()].sort((a, b) => a.num - b.num)) {
      const routed = new Set(this.model.routes.filter((r) => r.dev?.value === t.decl.name).map((r) => r.prefix.value.family));
      const { decl, sections } = finishTunnel(t, this.ipsec, this.events, routed);
      this.model.tunnels.push(decl);
      this.model.sections.push(...sections);
    }
    this.model.interfaces.push(...this.interfaces.values());
    const c = this.model.coverage;
    c.lines = c.understood + c.ignored + c.unknown;
    return this.model;
  }

  private count(kind: Count): void {
    this.model.coverage[kind]++;
  }

  private line(l: RtxLine): void {
    const negated = l.words[0].image.toLowerCase() === 'no';
    const words = negated ? l.words.slice(1) : l.words;
    if (words.length === 0) return this.count('ignored');
    const first = words[0].image.toLowerCase();
    const second = words[1]?.image.toLowerCase();
    const last = l.words[l.words.length - 1];
    const r = resolve(ROOT, words);
    // A new `tunnel select N` starts the next block; `tunnel select none` ends the open one.
    const opens = r.kind === 'ok' && r.action === 'tunnelSelect' && r.args[0]?.image.toLowerCase() !== 'none';
    if (this.tunnel && !opens && (TUNNEL_SCOPED.has(first) || second === 'tunnel' || r.kind === 'unknown')) this.tunnel.extend(tokenRange(last));
    if (this.pp && (PP_SCOPED.has(first) || second === 'pp')) this.pp.end = tokenRange(last);
    if (r.kind !== 'ok') return this.count(this.unresolved(r));
    if (negated && r.action !== 'tunnelEnable') return this.count(r.action === 'ignore' ? 'ignored' : 'understood');
    this.count(this.apply(r, l, negated));
  }

  private unresolved(r: Exclude<Resolved, { kind: 'ok' }>): Count {
    const strict = r.node.strict || (r.path.length === 0 && this.tunnel !== undefined);
    if (r.kind === 'incomplete') {
      return strict ? this.missing(r.keyword, r.node.expected ?? 'more words') : 'ignored';
    }
    // Unrelated commands are skipped; a near-miss of a known keyword is a typo the router would reject.
    const suggestion = suggest(r.word.image, r.node);
    if (!strict && (suggestion === undefined || r.word.image.length < 4)) return 'ignored';
    const expected = r.path.length === 0 && this.tunnel ? IN_TUNNEL : (r.node.expected ?? 'an RTX command');
    this.unknown(r.word, suggestion, expected);
    return 'unknown';
  }

  /** An incomplete command: reported at its last word, and still counted as understood. */
  private missing(keyword: IToken, what: string): Count {
    this.read.missing(keyword, what);
    return 'understood';
  }

  private unknown(word: IToken, suggestion: string | undefined, expected: string): void {
    this.model.unknown.push({ range: tokenRange(word), word: word.image, expected, ...(suggestion ? { suggestion } : {}) });
  }

  /** The tunnel a tunnel command applies to, or an invalid entry when no `tunnel select` is open. */
  private selected(keyword: IToken): TunnelState | undefined {
    if (!this.tunnel) this.read.invalid(keyword, `\`${keyword.image}\` configures the selected tunnel, but no \`tunnel select N\` is open here`);
    return this.tunnel;
  }

  private apply(r: Command, l: RtxLine, negated: boolean): Count {
    const { keyword, args } = r;
    const a0 = args[0];
    switch (r.action) {
      case 'ignore':
        return 'ignored';
      case 'understood':
        return 'understood';
      case 'tunnelSelect':
        if (!a0) return this.missing(keyword, 'a tunnel number or `none`');
        this.select(a0, l.words[0]);
        return 'understood';
      case 'ppSelect':
        this.tunnel = undefined;
        this.closePp();
        if (!a0) return this.missing(keyword, 'a PP number, `anonymous` or `none`');
        if (a0.image.toLowerCase() !== 'none') {
          const header = spanRange(l.words[0], a0);
          this.pp = { name: ppName(a0.image), nameTok: a0, header, end: header };
        }
        return 'understood';
      case 'tunnelEnable':
      case 'tunnelDisable': {
        if (!a0) return this.missing(keyword, 'a tunnel number or `all`');
        const target = a0.image.toLowerCase() === 'all' ? 'all' : this.read.int(a0, TUNNEL_NUMBER, 'tunnel number')?.value;
        if (target === undefined) return 'understood';
        this.events.push({ target, enabled: (r.action === 'tunnelEnable') !== negated, range: tokenRange(a0) });
        return 'understood';
      }
      case 'encapsulation':
        return this.encapsulation(keyword, a0);
      case 'endpointAddress':
        return this.endpointAddress(keyword, args);
      case 'endpointName':
        return this.endpointName(keyword, args);
      case 'ipsecTunnel': {
        if (!a0) return this.missing(keyword, 'an IPsec SA policy number');
        // `ipsec tunnel outer df-bit ...` is a global setting, not the tunnel's SA policy.
        if (a0.image.toLowerCase() === 'outer') return 'understood';
        const t = this.selected(keyword);
        const policy = this.read.int(a0, [1, 65535], 'IPsec SA policy number');
        if (t && policy) t.ipsecPolicy = policy;
        return 'understood';
      }
      case 'saPolicy': {
        if (!args[1]) return this.missing(keyword, 'a policy number and a security gateway number');
        const policy = this.read.int(a0, [1, 65535], 'IPsec SA policy number');
        const gw = this.read.int(args[1], [1, 65535], 'security gateway number');
        if (policy && gw) this.ipsec.policyGateway.set(policy.value, gw.value);
        return 'understood';
      }
      case 'ikeLocalAddress':
      case 'ikeRemoteAddress':
        return this.ikeAddress(r.action, keyword, args);
      case 'ipRoute':
      case 'ipv6Route':
        this.model.routes.push(...readRoutes(r.action === 'ipRoute' ? 4 : 6, l.words, keyword, args, this.read));
        return 'understood';
      case 'ifAddress':
      case 'ifMtu':
      case 'ifMss':
      case 'ifRemoteAddress':
        return this.interfaceSetting(r, l);
      case 'description':
        return this.description(keyword, args, l);
      case 'prompt':
        if (!a0) return this.missing(keyword, 'a prompt');
        this.model.hostname = { value: unquote(a0.image), range: tokenRange(a0) };
        return 'understood';
      case 'heredoc': {
        const marker = args.at(-1)?.image;
        if (marker?.startsWith('<<')) this.heredocEnd = marker.slice(2) || 'EOF';
        return 'ignored';
      }
    }
  }

  private select(arg: IToken, header: IToken): void {
    this.closePp();
    if (arg.image.toLowerCase() === 'none') {
      this.tunnel = undefined;
      return;
    }
    const n = this.read.int(arg, TUNNEL_NUMBER, 'tunnel number');
    if (!n) {
      this.tunnel = undefined;
      return;
    }
    const headerRange = spanRange(header, arg);
    let t = this.tunnels.get(n.value);
    if (t) t.open(headerRange, n.range);
    else this.tunnels.set(n.value, (t = new TunnelState(n.value, headerRange, n.range)));
    this.tunnel = t;
  }

  private closePp(): void {
    if (!this.pp) return;
    const { name, nameTok, header, end } = this.pp;
    this.model.sections.push({ kind: 'interface', name, range: { start: header.start, end: end.end }, nameRange: tokenRange(nameTok) });
    this.pp = undefined;
  }

  private encapsulation(keyword: IToken, arg: IToken | undefined): Count {
    const t = this.selected(keyword);
    if (!arg) return this.missing(keyword, 'an encapsulation type');
    const type = arg.image.toLowerCase();
    const types = Object.keys(ENCAPSULATIONS);
    if (!types.includes(type)) {
      this.unknown(arg, didYouMean(type, types), `an encapsulation type (${types.join(', ')})`);
      return 'unknown';
    }
    if (t) t.encapsulation = { value: type, range: tokenRange(arg) };
    return 'understood';
  }

  /** `tunnel endpoint address [LOCAL] REMOTE`: with one address the local end is the router's own. */
  private endpointAddress(keyword: IToken, args: readonly IToken[]): Count {
    const t = this.selected(keyword);
    if (!args[0]) return this.missing(keyword, 'the remote endpoint address');
    const [localTok, remoteTok] = args.length >= 2 ? [args[0], args[1]] : [undefined, args[0]];
    const local = localTok && this.read.address(localTok, 'local endpoint');
    const remote = this.read.address(remoteTok, 'remote endpoint');
    if (t) {
      t.endpointWritten = true;
      if (local) t.decl.local = local;
      if (remote) t.decl.remote = remote;
    }
    return 'understood';
  }

  /** `tunnel endpoint name [LOCAL] REMOTE [fqdn]`: the remote end by DNS name. */
  private endpointName(keyword: IToken, args: readonly IToken[]): Count {
    const t = this.selected(keyword);
    const names = args.filter((a) => a.image.toLowerCase() !== 'fqdn');
    const remoteTok = names.at(-1);
    if (!remoteTok) return this.missing(keyword, 'the remote endpoint name');
    const remote = this.read.addressOrName(remoteTok, 'remote endpoint name');
    if (t) {
      t.endpointWritten = true;
      if (remote) t.decl.remote = remote;
    }
    return 'understood';
  }

  /** `ipsec ike local|remote address GW ADDRESS`: the security gateway's ends, used by `ipsec tunnel`. */
  private ikeAddress(action: 'ikeLocalAddress' | 'ikeRemoteAddress', keyword: IToken, args: readonly IToken[]): Count {
    if (!args[1]) return this.missing(keyword, 'a security gateway number and an address');
    const gw = this.read.int(args[0], [1, 65535], 'security gateway number');
    if (!gw) return 'understood';
    const remote = action === 'ikeRemoteAddress';
    const any = args[1].image.toLowerCase() === 'any';
    const value = any ? null : remote ? this.read.addressOrName(args[1], 'IKE remote address') : this.read.address(args[1], 'IKE local address');
    if (value !== undefined) (remote ? this.ipsec.ikeRemote : this.ipsec.ikeLocal).set(gw.value, value);
    return 'understood';
  }

  /** `ip|ipv6 <interface> address|mtu|tcp mss limit|remote address`. */
  private interfaceSetting(r: Command, l: RtxLine): Count {
    const family = r.path[0] === 'ip' ? 4 : 6;
    const name = r.path[1];
    // Negated lines never get here, so the interface is the second word.
    const ifaceTok = r.iface ?? l.words[1];
    const arg = r.args[0];
    if (!arg) return this.missing(r.keyword, r.action === 'ifAddress' ? 'an address' : 'a value');
    const explicit = /^tunnel(\d+)$/.exec(name);
    const tunnel = name === 'tunnel' ? this.selected(ifaceTok) : explicit ? this.tunnelByNumber(Number(explicit[1]), ifaceTok) : undefined;
    if (name === 'tunnel' && !tunnel) return 'understood';
    if (tunnel) {
      const d = tunnel.decl;
      if (r.action === 'ifAddress') {
        const c = this.read.cidr(arg, family, 'tunnel address');
        if (c) d.addresses.push(c);
      } else if (r.action === 'ifMtu') {
        const mtu = this.read.intOrAuto(arg, MTU_RANGE[family], 'MTU');
        if (family === 4) d.mtu = mtu;
        else tunnel.mtu6 = mtu;
      } else if (r.action === 'ifMss') {
        const mss = this.read.intOrAuto(arg, MSS_RANGE[family], 'TCP MSS limit');
        if (family === 4) d.mss = mss;
        else tunnel.mss6 = mss;
      } else {
        this.read.address(arg, 'tunnel remote address', family);
      }
      return 'understood';
    }
    const ifName = name === 'pp' ? this.pp?.name : name;
    if (!ifName || r.action === 'ifMss' || r.action === 'ifRemoteAddress') return 'understood';
    const iface = this.iface(ifName, name === 'pp' ? this.pp!.nameTok : ifaceTok);
    if (r.action === 'ifAddress') {
      if (NOT_LITERAL.test(arg.image)) return 'understood';
      const c = this.read.cidr(arg, family, 'interface address');
      if (c) iface.addresses.push(c);
    } else {
      const mtu = this.read.intOrAuto(arg, MTU_RANGE[family], 'MTU');
      if (family === 4) iface.mtu = mtu;
      else iface.ipv6Mtu = mtu;
    }
    return 'understood';
  }

  private tunnelByNumber(n: number, tok: IToken): TunnelState {
    let t = this.tunnels.get(n);
    if (!t) this.tunnels.set(n, (t = new TunnelState(n, tokenRange(tok), tokenRange(tok))));
    return t;
  }

  private iface(name: string, tok: IToken): InterfaceDecl {
    let i = this.interfaces.get(name);
    if (!i) this.interfaces.set(name, (i = { name, nameRange: tokenRange(tok), addresses: [] }));
    return i;
  }

  /**
   * `description [tunnel|pp|lanN] TEXT`: in a tunnel block, the tunnel's description. The text runs to the end
   * of the line as written: `#`, `;` and `!` in it are the operator's, not comments.
   */
  private description(keyword: IToken, args: readonly IToken[], l: RtxLine): Count {
    const target = args[0]?.image.toLowerCase();
    const named = target !== undefined && (target === 'tunnel' || target === 'pp' || INTERFACE_NAME.test(target));
    if (!this.tunnel || (named && target !== 'tunnel')) return 'ignored';
    const after = named ? args[0] : keyword;
    const raw = this.raw[l.line];
    const rest = raw.slice(after.endColumn ?? raw.length);
    const start = raw.length - rest.trimStart().length;
    const end = raw.trimEnd().length;
    if (start >= end) return this.missing(after, 'the description text');
    const written = raw.slice(start, end);
    const value = /^"[^"]*"$/.test(written) ? written.slice(1, -1) : written;
    this.tunnel.decl.description = { value, range: rangeOf(l.line, start, end) };
    return 'understood';
  }
}

/** Lower the command lines of one RTX configuration into the model. */
export function lower(path: string, text: string, lines: readonly RtxLine[]): FileModel {
  return new Lowering(path, text.split(/\r\n|\r|\n/)).run(lines);
}
