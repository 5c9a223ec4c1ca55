import type { IToken } from 'chevrotain';
import type { Cidr, Located, RouteDecl } from '../../model/types';
import { spanRange, tokenRange } from '../common/ranges';
import { INTERFACE_NAME, ppName } from './commands';
import type { ValueReader } from './values';

/**
 * `ip route NET gateway GW [options] [gateway GW [options]]...` and its `ipv6` form. Each `gateway` clause
 * (ECMP and backup routes) becomes one RouteDecl; a route into `tunnel N` gets the tunnel's model name.
 */
export function readRoutes(family: 4 | 6, line: readonly IToken[], keyword: IToken, args: readonly IToken[], read: ValueReader): RouteDecl[] {
  const range = spanRange(line[0], line[line.length - 1]);
  if (!args[0]) return read.missing(keyword, 'a destination (`default` or a prefix)') ?? [];
  const prefix = destination(family, args[0], read);
  if (!prefix) return [];
  const routes: RouteDecl[] = [];
  for (let i = 1; i < args.length; i++) {
    if (args[i].image.toLowerCase() !== 'gateway') continue;
    const g = gateway(family, args, i + 1, read);
    if (!g) {
      if (!args[i + 1]) read.missing(args[i], 'a gateway (address, `tunnel N`, `pp N`, `dhcp lanN` or an interface)');
      continue;
    }
    routes.push({ range, prefix, ...g });
  }
  if (!args.slice(1).some((a) => a.image.toLowerCase() === 'gateway')) read.missing(args[0], '`gateway`');
  return routes;
}

function destination(family: 4 | 6, tok: IToken, read: ValueReader): Located<Cidr> | undefined {
  if (tok.image.toLowerCase() === 'default') {
    const value: Cidr = family === 4 ? { address: '0.0.0.0', prefixLength: 0, family } : { address: '::', prefixLength: 0, family };
    return { value, range: tokenRange(tok) };
  }
  return read.cidr(tok, family, 'route destination');
}

function gateway(family: 4 | 6, args: readonly IToken[], at: number, read: ValueReader): Pick<RouteDecl, 'via' | 'dev'> | undefined {
  const g = args[at];
  if (!g) return undefined;
  const kind = g.image.toLowerCase();
  const num = args[at + 1];
  if (kind === 'tunnel' || kind === 'pp') {
    if (!num) return read.missing(g, `a ${kind} number`);
    if (kind === 'tunnel' && !/^\d{1,5}$/.test(num.image)) return read.invalid(num, `\`${num.image}\` is not a tunnel number: expected a number`);
    return { dev: { value: kind === 'pp' ? ppName(num.image) : `tunnel${num.image}`, range: spanRange(g, num) } };
  }
  if (kind === 'dhcp') {
    // The next hop the DHCP server on that interface hands out: only the interface is written.
    if (!num) return read.missing(g, 'an interface name');
    return { dev: { value: num.image.toLowerCase(), range: tokenRange(num) } };
  }
  if (kind === 'null' || INTERFACE_NAME.test(kind)) return { dev: { value: kind, range: tokenRange(g) } };
  // An IPv6 next hop may carry its interface as a zone: fe80::1%lan1.
  const zone = g.image.indexOf('%');
  if (zone > 0) {
    const via = read.address({ ...g, image: g.image.slice(0, zone), endColumn: (g.startColumn ?? 1) + zone - 1 }, 'gateway', family);
    return via && { via, dev: { value: g.image.slice(zone + 1).toLowerCase(), range: tokenRange(g) } };
  }
  const via = read.address(g, 'gateway', family);
  return via && { via };
}
