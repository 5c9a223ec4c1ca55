import type { Cidr, Located } from '../../model/types';
import { normalizeAddress, familyOf, parseCidr } from '../common/addr';
import type { Collector, LineStatus } from './collect';
import {
  addressSubcommands,
  ip6TunnelOptions,
  ipGlobalOptions,
  ipObjects,
  ipTunnelOptions,
  ipv4TunnelModes,
  ipv6ModeWords,
  ipv6TunnelModes,
  linkGenericOptions,
  linkKindOptions,
  linkModes,
  linkSubcommands,
  routeSubcommands,
  sixrdOptions,
  tunnelKinds,
  tunnelSubcommands,
  type TunnelOption,
} from './commands';
import { matchOption, matchWord, optionNames } from './options';
import type { ShellWord, SimpleCommand } from './script';
import { TunnelSpec } from './tunnel-spec';
import { parseMtu } from './values';

/** Where an `ip` command runs: its address family and network namespace (`ip -6 -n ns1 ...`). */
export interface IpContext {
  col: Collector;
  cmd: SimpleCommand;
  family?: 4 | 6;
  netns?: string;
  /** Run a command given as arguments (`ip netns exec NS cmd...`). */
  run(words: ShellWord[], netns: string | undefined): LineStatus;
}

/** Model name of a device: namespaced devices are `NS/name` (a `/` cannot occur in Linux device names). */
export function qualify(ctx: { netns?: string }, name: string): string {
  return ctx.netns === undefined ? name : `${ctx.netns}/${name}`;
}

/** `ip [OPTIONS] OBJECT COMMAND ...`, starting after the program name. */
export function runIp(ctx: IpContext, words: ShellWord[], object?: string): LineStatus {
  let i = 0;
  for (; object === undefined && i < words.length && words[i].text.startsWith('-'); i++) {
    const w = words[i];
    if (w.text === '--') {
      i++;
      break;
    }
    const name = (w.text.startsWith('--') ? w.text.slice(1) : w.text).replace(/=.*$/, '');
    const opt = ipGlobalOptions.find((o) => (o.exact ? o.name === name : name.length > 1 && o.name.startsWith(name)));
    if (!opt || w.dynamic) {
      if (w.dynamic) continue;
      ctx.col.unknown(w, ipGlobalOptions.map((o) => o.name), 'an `ip` option (-4, -6, -family, -netns, -details...)');
      return 'unknown';
    }
    if (opt.name === '-4') ctx.family = 4;
    if (opt.name === '-6') ctx.family = 6;
    if (opt.name === '-batch') return 'ignored'; // commands come from another file
    if (opt.arg) {
      const v = words[++i];
      if (v === undefined) return 'ignored';
      if (opt.name === '-family') ctx.family = v.text === 'inet6' ? 6 : v.text === 'inet' ? 4 : ctx.family;
      if (opt.name === '-netns') ctx.netns = v.text;
    }
  }
  const objWord = object === undefined ? words[i++] : undefined;
  if (object === undefined) {
    if (objWord === undefined || objWord.dynamic) return 'ignored';
    object = matchWord(objWord.text, ipObjects);
    if (object === undefined) {
      ctx.col.unknown(objWord, ipObjects, 'an `ip` object (link, address, route, tunnel...)');
      return 'unknown';
    }
  }
  const rest = words.slice(i);
  switch (object) {
    case 'tunnel':
    case 'tunl':
      return ipTunnel(ctx, rest);
    case 'link':
      return ipLink(ctx, rest);
    case 'address':
      return ipAddress(ctx, rest);
    case 'route':
      return ipRoute(ctx, rest);
    case 'netns':
      if (rest.length >= 3 && matchWord(rest[0].text, ['exec'] as const)) return ctx.run(rest.slice(2), rest[1].text);
      return 'ignored';
    default:
      return 'ignored';
  }
}

function subcommand<K extends string>(ctx: IpContext, w: ShellWord | undefined, names: readonly K[], expected: string): K | null | undefined {
  if (w === undefined || w.dynamic) return undefined;
  const s = matchWord(w.text, names);
  if (s === undefined) ctx.col.unknown(w, names, expected);
  return s ?? null;
}

const maxReportsPerCommand = 8;

/**
 * Walk tunnel options. Words that are not options name the tunnel (iproute2 takes the first such word as the
 * name); a second one is a mistake, reported with the closest option name.
 */
function walkTunnelOptions(
  ctx: IpContext,
  words: ShellWord[],
  table: readonly TunnelOption[],
  spec: TunnelSpec,
  onMode: (w: ShellWord) => boolean,
  allowBareName: boolean,
  expected: string,
): boolean {
  let ok = true;
  let mistakes = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const opt = w.dynamic ? undefined : matchOption(w.text, table);
    if (opt) {
      const args = words.slice(i + 1, i + 1 + opt.args);
      i += opt.args;
      if (args.length < opt.args) {
        ctx.col.invalid(w.range, `\`${opt.name}\` needs a value`);
        ok = false;
      } else if (opt.field === 'mode') ok = onMode(args[0]) && ok;
      else if (opt.field && opt.args === 1) spec.set(opt.field, args[0]);
      else if (opt.field && opt.args === 0) spec.flag(opt.field);
      continue;
    }
    if (allowBareName && spec.name === undefined && w.text !== 'help') {
      spec.name = w;
      continue;
    }
    if (w.dynamic) continue; // `$targs`: options only known at run time
    // Past a few mistakes the line is not a tunnel command at all; more reports would only be noise.
    if (++mistakes <= maxReportsPerCommand) ctx.col.unknown(w, optionNames(table), expected);
    ok = false;
    // The word after a mistyped option is most likely its value: one mistake, one report.
    const next = words[i + 1];
    if (next && (next.dynamic || !matchOption(next.text, table))) i++;
  }
  return ok;
}

/** `ip tunnel add|change|del|show|6rd|prl ...` (and `ip -6 tunnel ...`). */
function ipTunnel(ctx: IpContext, words: ShellWord[]): LineStatus {
  const sub = subcommand(ctx, words[0], tunnelSubcommands, 'an `ip tunnel` command (add, change, del, show, 6rd, prl)');
  if (sub === null) return 'unknown';
  if (sub === undefined || sub === 'show' || sub === 'lst' || sub === 'list' || sub === 'help' || sub === 'prl') return 'understood';
  const args = words.slice(1);
  if (sub === '6rd') return ipTunnel6rd(ctx, args);
  // iproute2 switches `ip tunnel` to its IPv6 variant when the mode is an IPv6 one (tunnel_mode_is_ipv6).
  const modeAt = args.findIndex((w) => w.text === 'mode');
  let family = ctx.family;
  if (modeAt >= 0 && args[modeAt + 1] && ipv6ModeWords.has(args[modeAt + 1].text)) family = 6;
  if (sub === 'delete') return 'understood';
  const v6 = family === 6;
  const spec = new TunnelSpec(ctx.col, v6 ? 6 : 4);
  const modes = v6 ? ipv6TunnelModes : ipv4TunnelModes;
  const table = v6 ? ip6TunnelOptions : ipTunnelOptions;
  const ok = walkTunnelOptions(
    ctx,
    args,
    table,
    spec,
    (m) => {
      const mode = modes[m.text];
      if (mode) spec.mode = { value: mode, range: m.range };
      else if (!m.dynamic) ctx.col.unknown(m, Object.keys(modes), `a tunnel mode (${Object.keys(modes).join(', ')})`);
      return mode !== undefined || m.dynamic;
    },
    true,
    v6 ? 'an `ip -6 tunnel` option' : 'an `ip tunnel` option',
  );
  if (sub === 'add' && modeAt < 0 && spec.name && !spec.name.dynamic) {
    // Without `mode`, `ip -6 tunnel add` creates ip6ip6 and `ip tunnel add` goes by the name's prefix.
    const guessed = v6 ? 'ip6ip6' : Object.entries(ipv4TunnelModes).find(([m]) => !m.includes('/') && spec.name!.text.startsWith(m))?.[1];
    if (guessed) spec.mode = { value: guessed, range: spec.name.range };
    else ctx.col.invalid(spec.name.range, 'cannot determine the tunnel mode: add `mode ipip|gre|sit|isatap|vti`');
  }
  spec.commit(ctx.cmd.range, (n) => qualify(ctx, n), sub === 'add');
  return ok ? 'understood' : 'unknown';
}

/** `ip tunnel 6rd dev NAME 6rd-prefix P [6rd-relay_prefix R] [6rd-reset]`: here `dev` names the tunnel. */
function ipTunnel6rd(ctx: IpContext, words: ShellWord[]): LineStatus {
  const spec = new TunnelSpec(ctx.col, 4);
  const ok = walkTunnelOptions(ctx, words, sixrdOptions, spec, () => true, false, 'an `ip tunnel 6rd` option');
  spec.commit(ctx.cmd.range, (n) => qualify(ctx, n), false);
  return ok ? 'understood' : 'unknown';
}

/** `ip link add|set|del ...`. */
function ipLink(ctx: IpContext, words: ShellWord[]): LineStatus {
  const sub = subcommand(ctx, words[0], linkSubcommands, 'an `ip link` command (add, set, delete, show)');
  if (sub === null) return 'unknown';
  if (sub === 'add' || sub === 'change' || sub === 'replace') return ipLinkAdd(ctx, words.slice(1), sub === 'add');
  if (sub === 'set') return ipLinkSet(ctx, words.slice(1));
  return 'understood';
}

function ipLinkAdd(ctx: IpContext, words: ShellWord[], creating: boolean): LineStatus {
  const typeAt = words.findIndex((w) => w.text === 'type');
  const generic = typeAt < 0 ? words : words.slice(0, typeAt);
  const kindWord = typeAt < 0 ? undefined : words[typeAt + 1];
  const kind = kindWord && !kindWord.dynamic ? tunnelKinds[kindWord.text] : undefined;
  const spec = new TunnelSpec(ctx.col, kind?.family === 6 ? 6 : kind?.options === 'vxlan' || kind?.options === 'geneve' ? undefined : 4);
  if (kind && kindWord) spec.mode = { value: kind.mode, range: kindWord.range };
  // Before `type`: device options; a bare word is the device name.
  for (let i = 0; i < generic.length; i++) {
    const w = generic[i];
    const opt = w.dynamic ? undefined : matchOption(w.text, linkGenericOptions);
    if (opt) {
      if (opt.field && generic[i + 1]) spec.set(opt.field, generic[i + 1]);
      i += opt.args;
    } else if (spec.name === undefined) spec.name = w;
  }
  if (!kind || !kindWord) {
    // Not a tunnel (veth, bridge, dummy...): only its MTU matters, as an underlay candidate.
    if (spec.name && !spec.name.dynamic && spec.fields.mtu) ctx.col.setMtu(qualify(ctx, spec.name.text), spec.name.range, spec.fields.mtu);
    return kindWord && !kindWord.dynamic ? 'understood' : 'ignored';
  }
  const modes = linkModes[kindWord.text];
  const ok = walkTunnelOptions(
    ctx,
    words.slice(typeAt + 2),
    linkKindOptions[kind.options],
    spec,
    (m) => {
      const mode = modes?.[m.text];
      if (mode) spec.mode = { value: mode, range: m.range };
      else if (!m.dynamic) ctx.col.unknown(m, Object.keys(modes ?? {}), `a ${kindWord.text} mode (${Object.keys(modes ?? {}).join(', ')})`);
      return mode !== undefined || m.dynamic;
    },
    false,
    `a \`type ${kindWord.text}\` option`,
  );
  spec.commit(ctx.cmd.range, (n) => qualify(ctx, n), creating);
  return ok ? 'understood' : 'unknown';
}

/** `ip link set [dev] NAME [up|down] [mtu N] ...`: MTU and administrative state of a device. */
function ipLinkSet(ctx: IpContext, words: ShellWord[]): LineStatus {
  let dev: ShellWord | undefined;
  let mtu: ShellWord | undefined;
  let state: ShellWord | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.text === 'up' || w.text === 'down') state = w;
    else if (w.text === 'mtu') mtu = words[++i];
    else if (w.text === 'dev') dev = words[++i];
    else {
      const opt = matchOption(w.text, linkGenericOptions);
      if (opt) i += opt.args;
      else if (!dev) dev = w;
    }
  }
  if (!dev || dev.dynamic) return 'understood';
  const name = qualify(ctx, dev.text);
  if (mtu && !mtu.dynamic) {
    const p = parseMtu(mtu.text);
    if ('error' in p) ctx.col.invalid(mtu.range, p.error);
    else ctx.col.setMtu(name, dev.range, { value: p.value, range: mtu.range });
  }
  if (state) ctx.col.setAdminState(name, state, state.text === 'down');
  return 'understood';
}

const addrValueOptions = new Set(['broadcast', 'brd', 'label', 'scope', 'anycast', 'valid_lft', 'preferred_lft', 'metric', 'priority', 'proto']);

/** `ip addr add ADDR[/LEN] [peer P/LEN] dev NAME ...`. */
function ipAddress(ctx: IpContext, words: ShellWord[]): LineStatus {
  const sub = subcommand(ctx, words[0], addressSubcommands, 'an `ip address` command (add, change, replace, delete, show)');
  if (sub === null) return 'unknown';
  if (sub !== 'add' && sub !== 'change' && sub !== 'replace') return 'understood';
  let local: ShellWord | undefined;
  let peer: ShellWord | undefined;
  let dev: ShellWord | undefined;
  for (let i = 1; i < words.length; i++) {
    const t = words[i].text;
    if (t === 'dev') dev = words[++i];
    else if (t === 'peer') peer = words[++i];
    else if (t === 'local') local = words[++i];
    else if (addrValueOptions.has(t)) i++;
    else if (!local && (words[i].dynamic || /[.:]/.test(t))) local = words[i];
  }
  if (!local || !dev || local.dynamic || dev.dynamic) return 'understood';
  const cidr = parseCidr(local.text);
  if (!cidr || (ctx.family !== undefined && cidr.family !== ctx.family)) {
    ctx.col.invalid(local.range, `expected ${ctx.family === 6 ? 'an IPv6' : ctx.family === 4 ? 'an IPv4' : 'an'} address (ADDRESS[/LENGTH]), found \`${local.text}\``);
    return 'understood';
  }
  // With `peer P/LEN`, the prefix length of the point-to-point link is the peer's.
  const peerCidr = peer && !peer.dynamic && peer.text.includes('/') ? parseCidr(peer.text) : undefined;
  const value: Cidr = peerCidr && !local.text.includes('/') ? { ...cidr, prefixLength: peerCidr.prefixLength } : cidr;
  ctx.col.addAddress(qualify(ctx, dev.text), dev.range, { value, range: local.range });
  return 'understood';
}

const routeTypes = new Set(['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast']);
const routeValueOptions = new Set([
  'tos', 'dsfield', 'table', 'vrf', 'proto', 'protocol', 'scope', 'metric', 'preference', 'priority', 'src', 'realm', 'realms',
  'advmss', 'rtt', 'rttvar', 'reordering', 'window', 'cwnd', 'initcwnd', 'initrwnd', 'ssthresh', 'quickack', 'congctl',
  'features', 'hoplimit', 'expires', 'pref', 'weight', 'fastopen_no_cookie', 'rto_min', 'nhid', 'from', 'ttl-propagate',
]);

/** `ip route add|replace|append|change PREFIX [via A] [dev NAME] ...`. */
function ipRoute(ctx: IpContext, words: ShellWord[]): LineStatus {
  const sub = subcommand(ctx, words[0], routeSubcommands, 'an `ip route` command (add, replace, change, append, delete, show)');
  if (sub === null) return 'unknown';
  if (!['add', 'change', 'replace', 'prepend', 'append'].includes(sub ?? '')) return 'understood';
  let prefix: ShellWord | undefined;
  let via: ShellWord | undefined;
  let dev: ShellWord | undefined;
  for (let i = 1; i < words.length; i++) {
    const t = words[i].text;
    if (t === 'via') {
      if (words[i + 1]?.text === 'inet' || words[i + 1]?.text === 'inet6') i++;
      via = words[++i];
    } else if (t === 'dev' || t === 'oif') dev = words[++i];
    else if (t === 'mtu') i += words[i + 1]?.text === 'lock' ? 2 : 1;
    else if (t === 'nexthop' || t === 'encap') break;
    else if (routeValueOptions.has(t)) i++;
    else if (!prefix && t === 'to') prefix = words[++i];
    else if (!prefix && routeTypes.has(t)) {
      if (t !== 'unicast') return 'understood'; // local, blackhole...: not a path to anywhere
    } else if (!prefix) prefix = words[i];
  }
  if (!prefix || prefix.dynamic) return 'understood';
  const viaAddr = via && !via.dynamic ? normalizeAddress(via.text) : undefined;
  if (via && !via.dynamic && viaAddr === undefined) ctx.col.invalid(via.range, `expected a gateway address after \`via\`, found \`${via.text}\``);
  const family = ctx.family ?? (viaAddr ? familyOf(viaAddr) : undefined);
  const cidr = prefix.text === 'default' || prefix.text === 'all' ? (family === 6 ? parseCidr('::/0') : parseCidr('0.0.0.0/0')) : parseCidr(prefix.text);
  if (!cidr) {
    ctx.col.invalid(prefix.range, `expected a destination prefix (ADDRESS/LENGTH or \`default\`), found \`${prefix.text}\``);
    return 'understood';
  }
  ctx.col.route({
    range: ctx.cmd.range,
    prefix: { value: cidr, range: prefix.range },
    ...(viaAddr ? { via: { value: viaAddr, range: via!.range } } : {}),
    ...(dev && !dev.dynamic ? { dev: { value: qualify(ctx, dev.text), range: dev.range } as Located<string> } : {}),
  });
  return 'understood';
}
