import type { IToken } from 'chevrotain';
import type { Cidr, FileModel, InterfaceDecl, Located, RouteDecl, TunnelDecl } from '../../model/types';
import { didYouMean } from '../common/keywords';
import { spanRange, tokenRange } from '../common/ranges';
import { RENAMED_ENCAPSULATIONS, TUNNEL_ENCAPSULATIONS, type Action, type Owner } from './commands';
import { blockRange, IGNORED, Outline, UNDERSTOOD, UNKNOWN, type LineState } from './outline';
import { lineOf, type ConfPath, type Statements } from './paths';
import { liveMask } from './deletes';
import { ValueReader } from './values';
import { unquote, walkPath, type Outcome, type Step } from './walk';

// Configuration paths → FileModel. Paths are applied in text order, so a later `set` of a single-valued leaf
// replaces an earlier one, as the VyOS CLI does; paths removed by a later `delete` are checked but not applied.

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

const ANY_ADDRESS = new Set(['0.0.0.0', '::']);

export class Lowerer {
  private readonly values: ValueReader;
  private readonly tunnels = new Map<string, TunnelDecl>();
  private readonly interfaces = new Map<string, InterfaceDecl>();
  private readonly routes = new Map<string, RouteDecl>();
  private readonly nhrpTunnels: Located<string>[] = [];
  private readonly outline: Outline;

  constructor(
    private readonly model: FileModel,
    private readonly statements: Statements,
    contentLines: Iterable<number>,
  ) {
    this.values = new ValueReader(model.invalid);
    this.outline = new Outline(contentLines, statements.blocks);
  }

  lower(): FileModel {
    const { model, statements } = this;
    for (const u of statements.unknown) {
      model.unknown.push(u);
      this.outline.mark(u.range.start.line, UNKNOWN);
    }
    for (const i of statements.invalid) model.invalid.push(i);
    for (const p of statements.plain) this.outline.mark(p.line, p.understood ? UNDERSTOOD : IGNORED);
    const live = liveMask(statements.paths);
    statements.paths.forEach((path, i) => this.lowerPath(path, live[i]));
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
        if (step.node.deprecated !== undefined) this.deprecated(step.token, step.token, step.node.deprecated);
        return;
      }
      if (step.kind === 'value') this.renamedValue(step);
      if (apply) this.applyStep(step, path, ctx);
    });
    // `delete a b` may stop anywhere: it removes the whole node there.
    const nodeDeleted = outcome.kind === 'incomplete' && path.verb === 'delete' ? UNDERSTOOD : undefined;
    const read = outcome.kind === 'ignored' && targetRead ? UNDERSTOOD : undefined;
    this.outline.mark(lineOf(path.first), nodeDeleted ?? read ?? this.report(outcome));
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
        this.outline.instance(path, tok, 'tunnel', name);
        break;
      }
      case 'interface':
      case 'subinterface': {
        const full = owner === 'subinterface' && ctx.iface ? `${ctx.iface.name}.${name}` : name;
        ctx.iface = this.iface(full, tok);
        this.outline.instance(path, tok, 'interface', full);
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

  /**
   * `next-hop A` or `interface X` under a route: one RouteDecl each, however many lines (`distance`,
   * `interface`...) describe it; the first line that names it is its range.
   */
  private routeTarget(action: Action, tok: IToken, path: ConfPath, ctx: PathContext): void {
    const prefix = ctx.routePrefix;
    if (prefix === undefined) return;
    const target = action === 'nextHop' ? this.values.address(tok, prefix.value.family, 'a next-hop address') : this.values.text(tok);
    if (target === undefined) return;
    const key = `${prefix.value.address}/${prefix.value.prefixLength} ${action} ${target.value}`;
    let route = this.routes.get(key);
    if (route === undefined) {
      const start = path.verb === 'tree' ? ctx.routeKeyword ?? path.first : path.first;
      route = { range: spanRange(start, path.last), prefix, ...(action === 'nextHop' ? { via: target } : { dev: target }) };
      this.routes.set(key, route);
      this.model.routes.push(route);
    }
    ctx.route = route;
  }

  private applyValue(action: Action | undefined, keyword: IToken, tok: IToken, ctx: PathContext): void {
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

  private applyTunnelValue(action: Action | undefined, keyword: IToken, tok: IToken, t: TunnelDecl): void {
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
    const current = Object.hasOwn(RENAMED_ENCAPSULATIONS, text) ? RENAMED_ENCAPSULATIONS[text] : text;
    if (!Object.hasOwn(TUNNEL_ENCAPSULATIONS, current)) {
      const hint = didYouMean(text, Object.keys(TUNNEL_ENCAPSULATIONS));
      this.values.fail(
        tok,
        `unknown encapsulation \`${text}\`: expected one of ${Object.keys(TUNNEL_ENCAPSULATIONS).join(', ')}` +
          (hint ? ` (did you mean \`${hint}\`?)` : ''),
      );
      return;
    }
    t.mode = { value: TUNNEL_ENCAPSULATIONS[current], range: tokenRange(tok) };
  }

  /** A renamed value (`gre-bridge`) or `keyword value` pair (`multicast enable`), flagged with what replaces it. */
  private renamedValue(step: Extract<Step, { kind: 'value' }>): void {
    const tok = step.tokens[0];
    const value = unquote(tok);
    const { renamedValues, renamedPairs } = step.node;
    if (renamedValues && Object.hasOwn(renamedValues, value)) this.deprecated(tok, tok, renamedValues[value]);
    if (renamedPairs && Object.hasOwn(renamedPairs, value)) this.deprecated(step.keyword, tok, renamedPairs[value]);
  }

  /** `first`..`last` is exactly the text `replacement` replaces, so a quick fix can apply it literally. */
  private deprecated(first: IToken, last: IToken, replacement: string): void {
    const word = first === last ? unquote(first) : `${unquote(first)} ${unquote(last)}`;
    this.model.deprecated.push({ range: spanRange(first, last), word, replacement });
  }

  private tunnel(name: string, tok: IToken, path: ConfPath): TunnelDecl {
    let t = this.tunnels.get(name);
    if (t === undefined) {
      const block = this.outline.blockOf(tok);
      const range = block ? blockRange(block.block) : spanRange(path.first, path.last);
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

  private finish(): void {
    // An NHRP tunnel (DMVPN) learns its peers: point-to-multipoint, no remote needed.
    for (const nhrp of this.nhrpTunnels) {
      const t = this.tunnels.get(nhrp.value);
      if (t && t.multipoint === undefined) t.multipoint = { value: true, range: nhrp.range };
    }
    this.outline.finish(this.model);
  }
}
