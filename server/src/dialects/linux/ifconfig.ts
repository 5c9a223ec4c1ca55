import type { Cidr } from '../../model/types';
import { cidrFromMask, familyOf, normalizeAddress, parseCidr } from '../common/addr';
import type { Collector, LineStatus } from './collect';
import { qualify } from './context';
import type { ShellWord, SimpleCommand } from './script';
import { classfulLength, parseMtu } from './values';

// net-tools' `ifconfig`, still common in old HOWTOs and rc.local files.

export interface IfconfigContext {
  col: Collector;
  cmd: SimpleCommand;
  netns?: string;
  /** Implicit sit devices created so far by `ifconfig sit0 tunnel ...`. */
  implicitSit: { next: number };
}

const ifconfigValueOptions = new Set(['broadcast', '-broadcast', 'metric', 'txqueuelen', 'io_addr', 'irq', 'mem_start', 'media', 'keepalive', 'outfill', 'del']);

/** `ifconfig NAME [inet|inet6] [ADDR[/LEN]] [netmask M] [pointopoint P] [mtu N] [add A/LEN] [tunnel A] [up|down]`. */
export function runIfconfig(ctx: IfconfigContext, words: ShellWord[]): LineStatus {
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

function setMtu(ctx: IfconfigContext, name: string, dev: ShellWord, v: ShellWord | undefined): void {
  if (!v || v.dynamic) return;
  const p = parseMtu(v.text);
  if ('error' in p) ctx.col.invalid(v.range, p.error);
  else ctx.col.setMtu(name, dev.range, { value: p.value, range: v.range });
}

/**
 * `ifconfig sit0 tunnel ::A.B.C.D`: the sit driver creates a new device for every new remote, named sitN with
 * the lowest free N (sit1, sit2...), remote A.B.C.D, local any.
 */
function implicitSit(ctx: IfconfigContext, kw: ShellWord, v: ShellWord | undefined): void {
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
