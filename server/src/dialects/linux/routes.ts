import type { Cidr } from '../../model/types';
import { cidrFromMask, familyOf, normalizeAddress, parseCidr } from '../common/addr';
import type { Collector, LineStatus } from './collect';
import { routeSubcommands } from './commands';
import { qualify, subcommand, type IpContext } from './context';
import type { ShellWord, SimpleCommand } from './script';

// Routes, from `ip route add` and from net-tools' `route add`: both end in `addRoute`.

interface RouteWords {
  target?: ShellWord;
  netmask?: ShellWord;
  via?: ShellWord;
  dev?: ShellWord;
  /** Address family the command states (`ip -6`, `route -A inet6`). */
  family?: 4 | 6;
}

/** Record one route; `default` takes its family from the command or the next hop. Values known only at run time are left out. */
function addRoute(ctx: { col: Collector; cmd: SimpleCommand; netns?: string }, r: RouteWords): void {
  const { target, via, dev } = r;
  if (!target || target.dynamic) return;
  const viaAddr = via && !via.dynamic ? normalizeAddress(via.text) : undefined;
  if (via && !via.dynamic && viaAddr === undefined) ctx.col.invalid(via.range, `expected a gateway address, found \`${via.text}\``);
  const family = r.family ?? (viaAddr ? familyOf(viaAddr) : undefined);
  let cidr: Cidr | undefined;
  if (target.text === 'default' || target.text === 'all') cidr = parseCidr(family === 6 ? '::/0' : '0.0.0.0/0');
  else if (r.netmask && !r.netmask.dynamic && !target.text.includes('/')) cidr = cidrFromMask(target.text, r.netmask.text);
  else cidr = parseCidr(target.text);
  if (!cidr) {
    ctx.col.invalid(target.range, `expected a destination (ADDRESS[/LENGTH] or \`default\`), found \`${target.text}\``);
    return;
  }
  ctx.col.route({
    range: ctx.cmd.range,
    prefix: { value: cidr, range: target.range },
    ...(viaAddr && via ? { via: { value: viaAddr, range: via.range } } : {}),
    ...(dev && !dev.dynamic ? { dev: { value: qualify(ctx, dev.text), range: dev.range } } : {}),
  });
}

const routeTypes = new Set(['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast']);
const routeValueOptions = new Set([
  'tos', 'dsfield', 'table', 'vrf', 'proto', 'protocol', 'scope', 'metric', 'preference', 'priority', 'src', 'realm', 'realms',
  'advmss', 'rtt', 'rttvar', 'reordering', 'window', 'cwnd', 'initcwnd', 'initrwnd', 'ssthresh', 'quickack', 'congctl',
  'features', 'hoplimit', 'expires', 'pref', 'weight', 'fastopen_no_cookie', 'rto_min', 'nhid', 'from', 'ttl-propagate',
]);
const routeChanges = new Set(['add', 'change', 'replace', 'prepend', 'append']);

/** `ip route add|replace|append|change [TYPE] PREFIX [via A] [dev NAME] ...`. */
export function ipRoute(ctx: IpContext, words: ShellWord[]): LineStatus {
  const sub = subcommand(ctx, words[0], routeSubcommands, 'an `ip route` command (add, replace, change, append, delete, show)');
  if (sub === null) return 'unknown';
  if (sub === undefined || !routeChanges.has(sub)) return 'understood';
  const r: RouteWords = { family: ctx.family };
  for (let i = 1; i < words.length; i++) {
    const t = words[i].text;
    if (t === 'via') {
      if (words[i + 1]?.text === 'inet' || words[i + 1]?.text === 'inet6') i++;
      r.via = words[++i];
    } else if (t === 'dev' || t === 'oif') r.dev = words[++i];
    else if (t === 'mtu') i += words[i + 1]?.text === 'lock' ? 2 : 1;
    else if (t === 'nexthop' || t === 'encap') break;
    else if (routeValueOptions.has(t)) i++;
    else if (!r.target && t === 'to') r.target = words[++i];
    else if (!r.target && routeTypes.has(t)) {
      if (t !== 'unicast') return 'understood'; // local, blackhole...: not a path to anywhere
    } else if (!r.target) r.target = words[i];
  }
  addRoute(ctx, r);
  return 'understood';
}

/** net-tools: `route [-A inet6|-6] add [-net|-host] TARGET [netmask M] [gw G] [metric N] [[dev] NAME]`. */
export function runRoute(ctx: { col: Collector; cmd: SimpleCommand; netns?: string }, words: ShellWord[]): LineStatus {
  const r: RouteWords = {};
  let i = 0;
  for (; i < words.length && words[i].text.startsWith('-'); i++) {
    const t = words[i].text;
    if (t === '-A' || t === '--family') r.family = words[++i]?.text === 'inet6' ? 6 : 4;
    else if (t === '-6' || t === '--inet6') r.family = 6;
    else if (t === '-4' || t === '--inet') r.family = 4;
  }
  if (words[i]?.text !== 'add') return 'understood';
  for (i++; i < words.length; i++) {
    const t = words[i].text;
    if (t === '-net' || t === '-host' || t === 'reject' || t === 'mod' || t === 'dyn' || t === 'reinstate') continue;
    if (t === 'netmask') r.netmask = words[++i];
    else if (t === 'gw' || t === 'via') r.via = words[++i];
    else if (t === 'dev') r.dev = words[++i];
    else if (t === 'metric' || t === 'mss' || t === 'window' || t === 'irtt') i++;
    else if (!r.target) r.target = words[i];
    else r.dev = words[i]; // the last bare word is the interface
  }
  addRoute(ctx, r);
  return 'understood';
}
