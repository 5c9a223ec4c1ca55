import type { IToken } from 'chevrotain';
import type { Cidr, Located, RouteDecl } from '../../model/types';
import { familyOf, normalizeAddress } from '../common/addr';
import { spanRange, tokenRange } from '../common/ranges';
import { readInterfaceName } from './interface-names';
import type { ValueReader } from './values';

/**
 * `ip route [vrf V] PREFIX MASK {NEXTHOP | IFACE [NEXTHOP]} [options]` and
 * `ipv6 route [vrf V] PREFIX/LEN {NEXTHOP | IFACE [NEXTHOP]} [options]`. `words[0]` is `ip`/`ipv6`, `keyword`
 * is `route`, `args` the words after it. Interfaces are canonical names, which are the tunnels' model names.
 */
export function readRoute(family: 4 | 6, words: readonly IToken[], keyword: IToken, args: readonly IToken[], read: ValueReader): RouteDecl | undefined {
  let i = 0;
  if (args[0]?.image.toLowerCase() === 'vrf') i = 2;
  let prefix: Located<Cidr> | undefined;
  if (family === 4) {
    const r = read.ipv4Prefix(args, i, keyword, 'route prefix');
    prefix = r.cidr;
    i = r.next;
  } else {
    const p = args[i];
    prefix = p ? read.ipv6Prefix(p, 'route prefix') : read.missing(keyword, 'an IPv6 prefix');
    i++;
  }
  if (!prefix) return undefined;
  const route: RouteDecl = { range: spanRange(words[0], words[words.length - 1]), prefix };
  const target = args[i];
  if (!target) return read.missing(args[i - 1], 'a next-hop address or an interface');
  if (normalizeAddress(target.image) !== undefined) {
    route.via = read.address(target, family, 'next hop');
    return route;
  }
  // `ip route 0.0.0.0 0.0.0.0 dhcp`: the next hop is learned from DHCP.
  if (target.image.toLowerCase() === 'dhcp') return route;
  const dev = readInterfaceName(args, i);
  if (!dev) {
    read.invalid(target, `\`${target.image}\` is not a next hop: expected an IPv${family} address or an interface name`);
    return undefined;
  }
  route.dev = { value: dev.name, range: spanRange(dev.first, dev.last) };
  const hop = args[i + dev.consumed];
  const hopAddr = hop && normalizeAddress(hop.image);
  if (hop && hopAddr !== undefined && familyOf(hopAddr) === family) route.via = { value: hopAddr, range: tokenRange(hop) };
  return route;
}
