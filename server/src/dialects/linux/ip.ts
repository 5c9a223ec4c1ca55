import { parseCidr } from '../common/addr';
import type { Cidr } from '../../model/types';
import type { LineStatus } from './collect';
import { addressSubcommands, ipGlobalOptions, ipObjects, linkGenericOptions, linkSubcommands } from './commands';
import { qualify, subcommand, type IpContext } from './context';
import { ipLinkAdd, ipTunnel } from './ip-tunnel';
import { matchOption, matchWord } from './options';
import { ipRoute } from './routes';
import type { ShellWord } from './script';
import { parseMtu } from './values';

const readObjects = ['tunnel', 'tunl', 'link', 'address', 'route', 'netns'] as const;
/** The `ip` objects read below; commands on any other object are skipped (the reader makes no tokens for them). */
export const readIpObjects: ReadonlySet<string> = new Set(readObjects);
const isRead = (object: string): object is (typeof readObjects)[number] => readIpObjects.has(object);

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
  if (!isRead(object)) return 'ignored';
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
  }
}

/** `ip link add|set|del ...`. */
function ipLink(ctx: IpContext, words: ShellWord[]): LineStatus {
  const sub = subcommand(ctx, words[0], linkSubcommands, 'an `ip link` command (add, set, delete, show)');
  if (sub === null) return 'unknown';
  if (sub === 'add' || sub === 'change' || sub === 'replace') return ipLinkAdd(ctx, words.slice(1), sub === 'add');
  if (sub === 'set') return ipLinkSet(ctx, words.slice(1));
  return 'understood';
}

/** `ip link set [dev] NAME [up|down] [mtu N] ...`: MTU and administrative state of a device. */
function ipLinkSet(ctx: IpContext, words: ShellWord[]): LineStatus {
  let dev: ShellWord | undefined;
  let mtu: ShellWord | undefined;
  let state: ShellWord | undefined;
  let netns: ShellWord | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.text === 'up' || w.text === 'down') state = w;
    else if (w.text === 'mtu') mtu = words[++i];
    else if (w.text === 'netns') netns = words[++i];
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
  // Moving a device to another namespace keeps its configuration (`ip link set vti6 netns private`).
  if (netns && !netns.dynamic) ctx.col.renameTunnel(name, qualify({ netns: netns.text }, dev.text));
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

