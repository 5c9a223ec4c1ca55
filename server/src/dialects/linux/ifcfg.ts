import type { Cidr, Located, Range } from '../../model/types';
import { cidrFromMask, normalizeAddress, parseCidr } from '../common/addr';
import { didYouMean } from '../common/keywords';
import type { Collector } from './collect';
import { ifcfgKeys, ifcfgTunnelTypes } from './commands';
import type { SimpleCommand } from './script';
import { parseEndpoint, parseKey, parseMtu, parseTtl, type Parsed } from './values';

/** One `KEY=value` of a network-scripts file, with the range of the value alone. */
interface Setting {
  value: string;
  dynamic: boolean;
  range: Range;
  cmd: SimpleCommand;
}

const assignment = /^([A-Za-z_]\w*)=/;

/**
 * RHEL/CentOS `/etc/sysconfig/network-scripts/ifcfg-NAME`: shell variable assignments read by ifup. A tunnel
 * is `TYPE=GRE|IPIP|IPIP6` (ifup-tunnel) or a sit device with `IPV6TUNNELIPV4` (ifup-ipv6).
 */
export function lowerIfcfg(path: string, commands: SimpleCommand[], col: Collector): void {
  const settings = new Map<string, Setting>();
  for (const cmd of commands) {
    const words = cmd.words[0]?.text === 'export' ? cmd.words.slice(1) : cmd.words;
    if (words.length === 0 || !words.every((w) => assignment.test(w.text))) {
      col.mark(cmd, 'ignored');
      continue;
    }
    let status: 'ignored' | 'understood' | 'unknown' = 'ignored';
    for (const w of words) {
      const key = assignment.exec(w.text)![1];
      const range = { start: { ...w.range.start, character: w.range.start.character + key.length + 1 }, end: w.range.end };
      settings.set(key, { value: w.text.slice(key.length + 1), dynamic: w.dynamic, range, cmd });
      if (isKnownKey(key)) status = 'understood';
      else {
        const near = didYouMean(key, ifcfgKeys);
        if (near && key.length > 6) {
          col.unknown({ ...w, text: key, range: { start: w.range.start, end: { ...w.range.start, character: w.range.start.character + key.length } } }, ifcfgKeys, 'a network-scripts key');
          status = 'unknown';
        }
      }
    }
    col.mark(cmd, status);
  }
  const get = (k: string) => {
    const s = settings.get(k);
    return s && !s.dynamic && s.value !== '' ? s : undefined;
  };
  const device = get('DEVICE');
  const name = device?.value ?? path.split(/[\\/]/).pop()!.replace(/^ifcfg-/, '');
  const nameRange = device?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const whole = wholeRange(commands) ?? nameRange;

  const at = <T>(s: Setting | undefined, parse: (t: string) => Parsed<T>): Located<T> | undefined => {
    if (!s) return undefined;
    const p = parse(s.value);
    if ('error' in p) {
      col.invalid(s.range, p.error);
      return undefined;
    }
    return { value: p.value, range: s.range };
  };

  const type = get('TYPE');
  const tunnelType = type ? ifcfgTunnelTypes[type.value.toUpperCase()] : undefined;
  const sit = get('IPV6TUNNELIPV4');
  const isTunnel = tunnelType !== undefined || sit !== undefined || get('PEER_OUTER_IPADDR') !== undefined;
  const addresses = ifcfgAddresses(get, col);
  const gateway = get('IPV6_DEFAULTGW');
  const gw6 = gateway ? normalizeAddress(gateway.value.replace(/%.*$/, '')) : undefined;
  if (gateway && gw6 === undefined) col.invalid(gateway.range, `expected an IPv6 gateway address, found \`${gateway.value}\``);

  if (isTunnel) {
    const t = col.tunnel(name, nameRange, whole);
    const outer = tunnelType === 'ipip6' || tunnelType === 'ip6gre' || tunnelType === 'ip6ip6' ? 6 : 4;
    if (tunnelType && type) t.mode = { value: tunnelType, range: type.range };
    else if (sit) t.mode = { value: 'sit', range: sit.range };
    const remote = at(get('PEER_OUTER_IPADDR') ?? sit, (v) => parseEndpoint(v, outer));
    const local = at(get('MY_OUTER_IPADDR') ?? get('IPV6TUNNELIPV4LOCAL'), (v) => parseEndpoint(v, outer));
    if (remote?.value) t.remote = remote as Located<string>;
    if (local?.value) t.local = local as Located<string>;
    t.addresses.push(...addresses);
    const mtu = at(get('MTU') ?? get('IPV6_MTU'), parseMtu);
    if (mtu) t.mtu = mtu;
    const ttl = at(get('TTL'), parseTtl);
    if (ttl) t.ttl = ttl;
    const key = at(get('KEY'), parseKey);
    const ikey = at(get('IKEY'), parseKey) ?? key;
    const okey = at(get('OKEY'), parseKey) ?? key;
    if (ikey || okey) t.gre = { ...(ikey ? { ikey } : {}), ...(okey ? { okey } : {}) };
    if (gw6 && gateway) t.ipv6Gateway = { value: gw6, range: gateway.range };
  } else {
    for (const a of addresses) col.addAddress(name, nameRange, a);
    const mtu = at(get('MTU'), parseMtu);
    if (mtu) col.setMtu(name, nameRange, mtu);
    const mtu6 = at(get('IPV6_MTU'), parseMtu);
    if (mtu6) col.setIpv6Mtu(name, nameRange, mtu6);
    col.model.sections.push({ kind: 'interface', name, range: whole, nameRange });
  }
  const gw4 = get('GATEWAY');
  if (gw4) {
    const via = normalizeAddress(gw4.value);
    if (via === undefined) col.invalid(gw4.range, `expected an IPv4 gateway address, found \`${gw4.value}\``);
    else
      col.route({
        range: gw4.cmd.range,
        prefix: { value: parseCidr('0.0.0.0/0')!, range: gw4.range },
        via: { value: via, range: gw4.range },
        dev: { value: name, range: nameRange },
      });
  }
  if (gw6 && gateway) {
    col.route({
      range: gateway.cmd.range,
      prefix: { value: parseCidr('::/0')!, range: gateway.range },
      via: { value: gw6, range: gateway.range },
      dev: { value: name, range: nameRange },
    });
  }
}

/** Numbered keys (`IPADDR1`, `PREFIX0`) are as known as their base. */
function isKnownKey(key: string): boolean {
  return (ifcfgKeys as readonly string[]).includes(key.replace(/(?<=^(IPADDR|PREFIX|NETMASK|GATEWAY))\d+$/, ''));
}

function ifcfgAddresses(get: (k: string) => Setting | undefined, col: Collector): Located<Cidr>[] {
  const out: Located<Cidr>[] = [];
  const push = (s: Setting, text: string, c: Cidr | undefined, what: string) => {
    if (c) out.push({ value: c, range: s.range });
    else col.invalid(s.range, `expected ${what}, found \`${text}\``);
  };
  for (const suffix of ['', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) {
    const ip = get(`IPADDR${suffix}`);
    if (!ip) continue;
    const prefix = get(`PREFIX${suffix}`);
    const mask = get(`NETMASK${suffix}`);
    const c = prefix ? parseCidr(`${ip.value}/${prefix.value}`) : mask ? cidrFromMask(ip.value, mask.value) : parseCidr(ip.value);
    push(ip, ip.value, c, 'an IPv4 address with PREFIX or NETMASK');
  }
  const inner = get('MY_INNER_IPADDR');
  if (inner) {
    // ifup-tunnel adds MY_INNER_IPADDR with `peer PEER_INNER_IPADDR`: the peer's prefix length applies.
    const peer = get('PEER_INNER_IPADDR');
    const peerLen = peer?.value.includes('/') ? parseCidr(peer.value)?.prefixLength : undefined;
    const c = parseCidr(inner.value);
    push(inner, inner.value, c && peerLen !== undefined && !inner.value.includes('/') ? { ...c, prefixLength: peerLen } : c, 'an inner address');
  }
  const v6 = get('IPV6ADDR');
  if (v6) push(v6, v6.value, parseCidr(v6.value, 64), 'an IPv6 address (ADDRESS/LENGTH)');
  const more = get('IPV6ADDR_SECONDARIES');
  if (more) for (const a of more.value.split(/\s+/).filter(Boolean)) push(more, a, parseCidr(a, 64), 'IPv6 addresses (ADDRESS/LENGTH ...)');
  return out;
}

function wholeRange(commands: SimpleCommand[]): Range | undefined {
  if (commands.length === 0) return undefined;
  return { start: commands[0].range.start, end: commands[commands.length - 1].range.end };
}

