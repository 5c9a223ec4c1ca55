import type { Cidr } from '../../model/types';
import { cidrFromMask, familyOf, normalizeAddress, parseCidr } from '../common/addr';
import type { Collector, LineStatus } from './collect';
import { qualify } from './ip';
import type { ShellWord, SimpleCommand } from './script';
import { classfulLength, parseMtu } from './values';

// net-tools: `ifconfig` and `route`, still common in old HOWTOs and rc.local files.

export interface LegacyContext {
  col: Collector;
  cmd: SimpleCommand;
  netns?: string;
  /** Implicit sit devices created so far by `ifconfig sit0 tunnel ...`. */
  implicitSit: { next: number };
}

const ifconfigValueOptions = new Set(['broadcast', '-broadcast', 'metric', 'txqueuelen', 'io_addr', 'irq', 'mem_start', 'media', 'keepalive', 'outfill', 'del']);

/** `ifconfig NAME [inet|inet6] [ADDR[/LEN]] [netmask M] [pointopoint P] [mtu N] [add A/LEN] [tunnel A] [up|down]`. */
export function runIfconfig(ctx: LegacyContext, words: ShellWord[]): LineStatus {
  const args = words.filter((w, i) => !(i === 0 && w.text.startsWith('-')));
  const dev = args[0];
  if (!dev || dev.dynamic) return args.length === 0 ? 'understood' : 'ignored';
  const name = qualify(ctx, dev.text);
  let address: ShellWord | undefined;
  let netmask: ShellWord | undefined;
  const added: ShellWord[] = [];
  for (let i = 1; i < args.length; i++) {
    const w = args[i];
    const t = w.text;
    if (t === 'inet' || t === 'inet6' || t === 'arp' || t === '-arp' || t === 'promisc' || t === '-promisc') continue;
    if (t === 'up' || t === 'down') ctx.col.setAdminState(name, w, t === 'down');
    else if (t === 'mtu') setMtu(ctx, name, dev, args[++i]);
    else if (t === 'netmask') netmask = args[++i];
    else if (t === 'add') added.push(args[++i]);
    else if (t === 'pointopoint' || t === 'dstaddr') i++;
    else if (t === 'hw') i += 2;
    else if (t === 'tunnel') implicitSit(ctx, w, args[++i]);
    else if (ifconfigValueOptions.has(t)) i++;
    else if (!address) address = w;
  }
  for (const a of [address, ...added]) {
    if (!a || a.dynamic) continue;
    const cidr = ifconfigCidr(a.text, a === address ? netmask : undefined);
    if (cidr) ctx.col.addAddress(name, dev.range, { value: cidr, range: a.range });
    else ctx.col.invalid(a.range, `expected an address (ADDRESS[/LENGTH]) for \`${dev.text}\`, found \`${a.text}\``);
  }
  return 'understood';
}

function ifconfigCidr(text: string, netmask: ShellWord | undefined): Cidr | undefined {
  if (text.includes('/')) return parseCidr(text);
  const address = normalizeAddress(text);
  if (address === undefined) return undefined;
  if (familyOf(address) === 6) return parseCidr(address);
  if (netmask && !netmask.dynamic) return cidrFromMask(address, netmask.text);
  return parseCidr(address, classfulLength(address));
}

function setMtu(ctx: LegacyContext, name: string, dev: ShellWord, v: ShellWord | undefined): void {
  if (!v || v.dynamic) return;
  const p = parseMtu(v.text);
  if ('error' in p) ctx.col.invalid(v.range, p.error);
  else ctx.col.setMtu(name, dev.range, { value: p.value, range: v.range });
}

/**
 * `ifconfig sit0 tunnel ::A.B.C.D`: the sit driver creates a new device for every new remote, named sitN with
 * the lowest free N (sit1, sit2...), remote A.B.C.D, local any.
 */
function implicitSit(ctx: LegacyContext, kw: ShellWord, v: ShellWord | undefined): void {
  if (!v) return;
  const text = v.text.startsWith('::') && v.text.includes('.') ? v.text.slice(2) : v.text;
  const remote = v.dynamic ? undefined : normalizeAddress(text);
  if (!v.dynamic && (remote === undefined || familyOf(remote) !== 4)) {
    ctx.col.invalid(v.range, `expected the remote IPv4 address (A.B.C.D or ::A.B.C.D), found \`${v.text}\``);
    return;
  }
  let name: string;
  do name = qualify(ctx, `sit${ctx.implicitSit.next++}`);
  while (ctx.col.isTunnel(name));
  const decl = ctx.col.tunnel(name, kw.range, ctx.cmd.range);
  decl.mode = { value: 'sit', range: kw.range };
  if (remote !== undefined) decl.remote = { value: remote, range: v.range };
}

/** `route [-A inet6|-6] add [-net|-host] TARGET [netmask M] [gw G] [metric N] [[dev] NAME]`. */
export function runRoute(ctx: LegacyContext, words: ShellWord[]): LineStatus {
  let family: 4 | 6 | undefined;
  let i = 0;
  for (; i < words.length && words[i].text.startsWith('-'); i++) {
    const t = words[i].text;
    if (t === '-A' || t === '--family') family = words[++i]?.text === 'inet6' ? 6 : 4;
    else if (t === '-6' || t === '--inet6') family = 6;
    else if (t === '-4' || t === '--inet') family = 4;
  }
  if (words[i]?.text !== 'add') return 'understood';
  let target: ShellWord | undefined;
  let netmask: ShellWord | undefined;
  let gw: ShellWord | undefined;
  let dev: ShellWord | undefined;
  for (i++; i < words.length; i++) {
    const t = words[i].text;
    if (t === '-net' || t === '-host' || t === 'reject' || t === 'mod' || t === 'dyn' || t === 'reinstate') continue;
    if (t === 'netmask') netmask = words[++i];
    else if (t === 'gw' || t === 'via') gw = words[++i];
    else if (t === 'dev') dev = words[++i];
    else if (t === 'metric' || t === 'mss' || t === 'window' || t === 'irtt') i++;
    else if (!target) target = words[i];
    else dev = words[i];
  }
  if (!target || target.dynamic) return 'understood';
  const gwAddr = gw && !gw.dynamic ? normalizeAddress(gw.text) : undefined;
  const fam = family ?? (gwAddr ? familyOf(gwAddr) : undefined);
  let cidr: Cidr | undefined;
  if (target.text === 'default') cidr = parseCidr(fam === 6 ? '::/0' : '0.0.0.0/0');
  else if (netmask && !netmask.dynamic && !target.text.includes('/')) cidr = cidrFromMask(target.text, netmask.text);
  else cidr = parseCidr(target.text);
  if (!cidr) {
    ctx.col.invalid(target.range, `expected a destination (ADDRESS[/LENGTH], with \`netmask\`, or \`default\`), found \`${target.text}\``);
    return 'understood';
  }
  ctx.col.route({
    range: ctx.cmd.range,
    prefix: { value: cidr, range: target.range },
    ...(gwAddr ? { via: { value: gwAddr, range: gw!.range } } : {}),
    ...(dev && !dev.dynamic ? { dev: { value: qualify(ctx, dev.text), range: dev.range } } : {}),
  });
  return 'understood';
}
