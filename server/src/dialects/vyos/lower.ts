import type { IToken } from 'chevrotain';
import type { Cidr, FileModel, InterfaceDecl, Located, Range, RouteDecl, TunnelDecl } from '../../model/types';
import { didYouMean } from '../common/keywords';
import { spanRange, tokenRange } from '../common/ranges';
import { RENAMED_ENCAPSULATIONS, TUNNEL_ENCAPSULATIONS, type Owner } from './commands';
import { lineOf, type BlockInfo, type ConfPath, type Statements } from './paths';
import { liveMask } from './deletes';
import { ValueReader } from './values';
import { unquote, walkPath, type Outcome, type Step } from './walk';

// Configuration paths → FileModel. Paths are applied in text order, so a later `set` of a single-valued leaf
// replaces an earlier one, as the VyOS CLI does; paths removed by a later `delete` are checked but not applied.

type LineState = 1 | 2 | 3; // ignored < understood < unknown
const IGNORED = 1;
const UNDERSTOOD = 2;
const UNKNOWN = 3;

/** What the instance names along one path resolve to. */
interface PathContext {
  tunnel?: TunnelDecl;
  iface?: InterfaceDecl;
  routePrefix?: Located<Cidr>;
  routeKeyword?: IToken;
  route?: RouteDecl;
  /** The last keyword seen: `vxlan` in `interfaces vxlan vxlan0`, where the mode is written. */
  keyword?: IToken;
}

interface SetRun {
  kind: 'tunnel' | 'interface';
  name: Located<string>;
  first: IToken;
  last: IToken;
  seq: number;
}

const ANY_ADDRESS = new Set(['0.0.0.0', '::']);

export class Lowerer {
  private readonly values: ValueReader;
  private readonly tunnels = new Map<string, TunnelDecl>();
  private readonly interfaces = new Map<string, InterfaceDecl>();
  private readonly nhrpTunnels: Located<string>[] = [];
  private readonly lineStates = new Map<number, LineState>();
  private readonly blockByHeaderToken = new Map<IToken, BlockInfo>();
  private readonly ownerOfBlock = new Map<BlockInfo, { kind: 'tunnel' | 'interface'; name: Located<string> }>();
  /** Consecutive `set` lines about one instance, folded into one section. */
  private readonly runs: SetRun[] = [];
  private readonly openRuns = new Map<string, SetRun>();

  constructor(
    private readonly model: FileModel,
    private readonly statements: Statements,
    contentLines: Iterable<number>,
  ) {
    this.values = new ValueReader(model.invalid);
    for (const line of contentLines) this.lineStates.set(line, IGNORED);
    for (const info of statements.blocks) for (const tok of info.block.header) this.blockByHeaderToken.set(tok, info);
  }

  lower(): FileModel {
    const { model, statements } = this;
    for (const u of statements.unknown) {
      model.unknown.push(u);
      this.mark(u.range.start.line, UNKNOWN);
    }
    for (const i of statements.invalid) model.invalid.push(i);
    for (const p of statements.plain) this.mark(p.line, p.understood ? UNDERSTOOD : IGNORED);
    const live = liveMask(statements.paths);
    statements.paths.forEach((path, i) => this.lowerPath(path, live[i]));
    for (const info of statements.blocks) this.lowerBlock(info);
    this.finish();
    return model;
  }

  private lowerPath(path: ConfPath, live: boolean): void {
    const ctx: PathContext = {};
    const apply = live && path.verb !== 'delete';
    // A route target (`next-hop A distance 10`) is read even when options after it are not.
    let targetRead = false;
    const outcome = walkPath(path.words, (step) => {
      if (step.kind === 'tag' && step.node.action !== undefined) targetRead = true;
      if (step.kind === 'keyword') {
        ctx.keyword = step.token;
        if (step.node.deprecated !== undefined) this.deprecated(step.token, step.node.deprecated);
      } else if (apply) {
        this.applyStep(step, path, ctx);
      } else if (step.kind === 'value' && step.node.action === 'mode') {
        this.renamedValue(step.tokens[0]);
      }
    });
    this.mark(lineOf(path.first), outcome.kind === 'ignored' && targetRead ? UNDERSTOOD : this.report(outcome));
  }

  private report(outcome: Outcome): LineState {
    switch (outcome.kind) {
      case 'understood':
        return UNDERSTOOD;
      case 'ignored':
        return IGNORED;
      case 'unknown': {
        const word = unquote(outcome.token);
        this.model.unknown.push({ range: tokenRange(outcome.token), word, suggestion: outcome.suggestion, expected: outcome.expected });
        return UNKNOWN;
      }
      case 'incomplete':
        this.values.fail(outcome.after, `expected ${outcome.expected} after \`${unquote(outcome.after)}\``);
        return UNDERSTOOD;
    }
  }

  private applyStep(step: Exclude<Step, { kind: 'keyword' }>, path: ConfPath, ctx: PathContext): void {
    if (step.kind === 'tag') {
      if (step.node.owner !== undefined) this.enter(step.node.owner, step.token, step.node.tagPattern, step.node.tagHelp, path, ctx);
      else if (step.node.action !== undefined) this.routeTarget(step.node.action, step.token, path, ctx);
      return;
    }
    if (step.kind === 'flag') {
      if (step.extra.length > 0) {
        this.values.fail(step.extra[0], `\`${unquote(step.keyword)}\` takes no value`);
      } else if (step.node.action === 'disabled' && ctx.tunnel) {
        ctx.tunnel.disabled = { value: true, range: tokenRange(step.keyword) };
      }
      return;
    }
    if (step.tokens.length > 1) {
      this.values.fail(step.tokens[1], `\`${unquote(step.keyword)}\` takes one value: quote a value that contains spaces`);
      return;
    }
    this.applyValue(step.node.action, step.keyword, step.tokens[0], ctx);
  }

  /** Enter an instance: a tunnel, an interface, a route prefix. */
  private enter(owner: Owner, tok: IToken, pattern: RegExp | undefined, help: string | undefined, path: ConfPath, ctx: PathContext): void {
    const name = unquote(tok);
    if (pattern !== undefined && !pattern.test(name)) {
      this.values.fail(tok, `expected ${help ?? 'a valid name'}, not \`${name}\``);
      return;
    }
    switch (owner) {
      case 'tunnel':
      case 'vxlan':
      case 'l2tpv3': {
        const tunnel = this.tunnel(name, tok, path);
        if (owner !== 'tunnel' && tunnel.mode === undefined && ctx.keyword) {
          tunnel.mode = { value: owner, range: tokenRange(ctx.keyword) };
        }
        ctx.tunnel = tunnel;
        this.section(path, tok, 'tunnel', name);
        break;
      }
      case 'interface':
      case 'subinterface': {
        const full = owner === 'subinterface' && ctx.iface ? `${ctx.iface.name}.${name}` : name;
        ctx.iface = this.iface(full, tok);
        this.section(path, tok, 'interface', full);
        break;
      }
      case 'route':
        ctx.routeKeyword = ctx.keyword;
        ctx.routePrefix = this.values.cidr(tok, ctx.keyword && unquote(ctx.keyword).endsWith('6') ? 6 : 4, 'a route prefix');
        break;
      case 'nhrpTunnel':
        this.nhrpTunnels.push(this.values.text(tok));
        break;
    }
  }

  /** `next-hop A` or `interface X` under a route: one RouteDecl each. */
  private routeTarget(action: string, tok: IToken, path: ConfPath, ctx: PathContext): void {
    if (ctx.routePrefix === undefined) return;
    const start = path.verb === 'tree' ? ctx.routeKeyword ?? path.first : path.first;
    const route: RouteDecl = { range: spanRange(start, path.last), prefix: ctx.routePrefix };
    if (action === 'nextHop') {
      const via = this.values.address(tok, ctx.routePrefix.value.family, 'a next-hop address');
      if (via === undefined) return;
      route.via = via;
    } else {
      route.dev = this.values.text(tok);
    }
    ctx.route = route;
    this.model.routes.push(route);
  }

  private applyValue(action: string | undefined, keyword: IToken, tok: IToken, ctx: PathContext): void {
    const { values } = this;
    const t = ctx.tunnel;
    const iface = t ?? ctx.iface;
    const text = unquote(tok);
    switch (action) {
      case 'address': {
        if (iface === undefined || text === 'dhcp' || text === 'dhcpv6') return;
        const cidr = values.cidr(tok, undefined, 'an interface address');
        const list = iface.addresses;
        if (cidr && !list.some((a) => a.value.address === cidr.value.address && a.value.prefixLength === cidr.value.prefixLength)) {
          list.push(cidr);
        }
        return;
      }
      case 'mtu':
        if (iface) iface.mtu = values.integer(tok, 68, 16000, 'an MTU') ?? iface.mtu;
        return;
      case 'hostname':
        this.model.hostname = values.text(tok);
        return;
      case 'routeInterface':
        if (ctx.route) ctx.route.dev = values.text(tok);
        return;
    }
    if (t !== undefined) this.applyTunnelValue(action, keyword, tok, t);
  }

  private applyTunnelValue(action: string | undefined, keyword: IToken, tok: IToken, t: TunnelDecl): void {
    const { values } = this;
    const text = unquote(tok);
    switch (action) {
      case 'description':
        t.description = values.text(tok);
        break;
      case 'mode':
        this.mode(tok, t);
        break;
      case 'local': {
        const local = values.address(tok, undefined, 'a local tunnel address');
        // 0.0.0.0 (DMVPN spokes) means "any": the kernel picks the source per packet.
        if (local !== undefined) t.local = ANY_ADDRESS.has(local.value) ? undefined : local;
        break;
      }
      case 'remote':
        t.remote = values.address(tok, undefined, 'a remote tunnel address') ?? t.remote;
        break;
      case 'sourceInterface':
        t.sourceInterface = values.text(tok);
        break;
      case 'key': {
        const key = values.integer(tok, 0, 4294967295, 'a GRE key');
        if (key) t.gre = { ...t.gre, ikey: key, okey: key };
        break;
      }
      case 'ttl':
        t.ttl = values.integer(tok, 0, 255, unquote(keyword) === 'hoplimit' ? 'a hop limit' : 'a TTL') ?? t.ttl;
        break;
      case 'tos':
        t.tos = values.text(tok);
        break;
      case 'encapLimit':
        if (text === 'none') t.encapLimit = { value: 'none', range: tokenRange(tok) };
        else t.encapLimit = values.integer(tok, 0, 255, 'an encapsulation limit (or `none`)') ?? t.encapLimit;
        break;
      case 'mss':
        // `clamp-mss-to-pmtu` derives the MSS from the path MTU: nothing fixed to record.
        if (text !== 'clamp-mss-to-pmtu') t.mss = values.integer(tok, 536, 65535, 'a TCP MSS') ?? t.mss;
        break;
      case 'vni':
        t.vni = values.integer(tok, 0, 16777214, 'a VXLAN network identifier') ?? t.vni;
        break;
      case 'dstPort':
        t.dstPort = values.integer(tok, 1, 65535, 'a UDP port') ?? t.dstPort;
        break;
      case 'multicastGroup':
        if (values.address(tok, undefined, 'a multicast group address')) t.multipoint = { value: true, range: tokenRange(tok) };
        break;
      case 'sixrdPrefix': {
        const prefix = values.cidr(tok, 6, 'a 6rd prefix');
        if (prefix) t.sixrd = { ...t.sixrd, prefix };
        break;
      }
      case 'sixrdRelayPrefix': {
        const relay = values.cidr(tok, 4, 'a 6rd relay prefix');
        if (relay) t.sixrd = { ...t.sixrd, relayPrefix: relay, ipv4MaskLen: { value: relay.value.prefixLength, range: relay.range } };
        break;
      }
      case 'ipv6Gateway':
        t.ipv6Gateway = values.address(tok, 6, 'an IPv6 gateway (::a.b.c.d for the 6rd relay)') ?? t.ipv6Gateway;
        break;
    }
  }

  private mode(tok: IToken, t: TunnelDecl): void {
    const text = unquote(tok);
    const renamed = this.renamedValue(tok);
    const mode = TUNNEL_ENCAPSULATIONS[renamed ?? text];
    if (!Object.hasOwn(TUNNEL_ENCAPSULATIONS, renamed ?? text)) {
      const hint = didYouMean(text, Object.keys(TUNNEL_ENCAPSULATIONS));
      this.values.fail(
        tok,
        `unknown encapsulation \`${text}\`: expected one of ${Object.keys(TUNNEL_ENCAPSULATIONS).join(', ')}` +
          (hint ? ` (did you mean \`${hint}\`?)` : ''),
      );
      return;
    }
    t.mode = { value: mode, range: tokenRange(tok) };
  }

  /** A value VyOS has renamed (`gre-bridge`): flagged, and its current name returned. */
  private renamedValue(tok: IToken): string | undefined {
    const text = unquote(tok);
    if (!Object.hasOwn(RENAMED_ENCAPSULATIONS, text)) return undefined;
    this.deprecated(tok, RENAMED_ENCAPSULATIONS[text]);
    return RENAMED_ENCAPSULATIONS[text];
  }

  private deprecated(tok: IToken, replacement: string): void {
    this.model.deprecated.push({ range: tokenRange(tok), word: unquote(tok), replacement });
  }

  private tunnel(name: string, tok: IToken, path: ConfPath): TunnelDecl {
    let t = this.tunnels.get(name);
    if (t === undefined) {
      const block = this.blockByHeaderToken.get(tok);
      const range = block ? blockRange(block) : spanRange(path.first, path.last);
      t = { name, nameRange: tokenRange(tok), range, addresses: [] };
      this.tunnels.set(name, t);
      this.model.tunnels.push(t);
    }
    return t;
  }

  private iface(name: string, tok: IToken): InterfaceDecl {
    let i = this.interfaces.get(name);
    if (i === undefined) {
      i = { name, nameRange: tokenRange(tok), addresses: [] };
      this.interfaces.set(name, i);
      this.model.interfaces.push(i);
    }
    return i;
  }

  /** Note which block or run of `set` lines describes an instance, for folding and the outline. */
  private section(path: ConfPath, tok: IToken, kind: 'tunnel' | 'interface', name: string): void {
    const block = this.blockByHeaderToken.get(tok);
    const located = { value: name, range: tokenRange(tok) };
    if (block) {
      this.ownerOfBlock.set(block, { kind, name: located });
      return;
    }
    if (path.verb !== 'set') return;
    // Runs nest: `ethernet eth1 vif 20` lines continue the run of eth1 and open or continue one of eth1.20.
    const key = `${kind} ${name}`;
    const run = this.openRuns.get(key);
    if (run && run.seq >= path.seq - 1) {
      run.last = path.last;
      run.seq = path.seq;
    } else {
      const next = { kind, name: located, first: path.first, last: path.last, seq: path.seq };
      this.runs.push(next);
      this.openRuns.set(key, next);
    }
  }

  /** A block's header and closing lines count as understood when anything inside them was. */
  private lowerBlock(info: BlockInfo): void {
    const { block } = info;
    const state = info.lines.some((l) => this.lineStates.get(l) === UNDERSTOOD) ? UNDERSTOOD : IGNORED;
    this.mark(lineOf(block.open), state);
    if (block.close) this.mark(lineOf(block.close), state);
    if (block.header.length === 0) return;
    const owner = this.ownerOfBlock.get(info);
    this.model.sections.push({
      kind: owner?.kind ?? 'block',
      name: owner?.name.value ?? block.header.map(unquote).join(' '),
      range: blockRange(info),
      nameRange: owner?.name.range ?? tokenRange(block.header[0]),
    });
  }

  private finish(): void {
    const { model } = this;
    for (const run of this.runs) {
      model.sections.push({ kind: run.kind, name: run.name.value, range: spanRange(run.first, run.last), nameRange: run.name.range });
    }
    model.sections.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    // An NHRP tunnel (DMVPN) learns its peers: point-to-multipoint, no remote needed.
    for (const nhrp of this.nhrpTunnels) {
      const t = this.tunnels.get(nhrp.value);
      if (t && t.multipoint === undefined) t.multipoint = { value: true, range: nhrp.range };
    }
    const c = model.coverage;
    for (const state of this.lineStates.values()) {
      c.lines++;
      if (state === UNDERSTOOD) c.understood++;
      else if (state === IGNORED) c.ignored++;
      else c.unknown++;
    }
  }

  private mark(line: number, state: LineState): void {
    if ((this.lineStates.get(line) ?? 0) < state) this.lineStates.set(line, state);
  }
}

function blockRange(info: BlockInfo): Range {
  const { block } = info;
  return spanRange(block.header[0] ?? block.open, block.close ?? block.open);
}
