import type { Cidr } from '../../model/types';
import { familyOf, isIPv4, normalizeAddress, parseCidr } from '../common/addr';

// Value parsers for iproute2/net-tools arguments. Each returns the value, or a message saying what was expected.

export type Parsed<T> = { value: T } | { error: string };

export function parseUint(text: string, what: string, min: number, max: number): Parsed<number> {
  // iproute2 reads numbers with strtoul(..., 0): decimal, 0x hex, leading-0 octal.
  let n: number;
  if (/^0x[0-9a-f]+$/i.test(text)) n = parseInt(text.slice(2), 16);
  else if (/^0[0-7]+$/.test(text)) n = parseInt(text, 8);
  else if (/^\d+$/.test(text)) n = Number(text);
  else n = NaN;
  if (!(n >= min && n <= max)) return { error: `expected ${what} from ${min} to ${max}, found \`${text}\`` };
  return { value: n };
}

/** TTL / hop limit: 0..255, `inherit` (= 0, copy from the inner packet). */
export function parseTtl(text: string): Parsed<number> {
  return text === 'inherit' ? { value: 0 } : parseUint(text, 'a TTL', 0, 255);
}

export function parseMtu(text: string): Parsed<number> {
  return parseUint(text, 'an MTU', 68, 65535);
}

/** GRE/VTI key: a 32-bit number or a dotted quad (read as the key's four bytes). */
export function parseKey(text: string): Parsed<number> {
  if (isIPv4(text)) {
    const b = text.split('.').map(Number);
    return { value: ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3] };
  }
  const n = parseUint(text, 'a key', 0, 0xffffffff);
  return 'error' in n ? { error: `expected a key (a number up to 4294967295 or a dotted quad), found \`${text}\`` } : n;
}

export function parseEncapLimit(text: string): Parsed<number | 'none'> {
  return text === 'none' ? { value: 'none' } : parseUint(text, 'an encapsulation limit', 0, 255);
}

/** A tunnel endpoint: an address of the given family, or `any` (undefined: not bound). */
export function parseEndpoint(text: string, family: 4 | 6 | undefined): Parsed<string | undefined> {
  if (text === 'any') return { value: undefined };
  const a = normalizeAddress(text);
  const f = a === undefined ? undefined : familyOf(a);
  const fam = family === 4 ? 'an IPv4 address' : family === 6 ? 'an IPv6 address' : 'an address';
  if (a === undefined || (family !== undefined && f !== family)) {
    // iproute2 would look a name up in DNS once, when the command runs; a config should say the address.
    const name = a === undefined && /^[A-Za-z][\w.-]*$/.test(text) ? ' (a host name is looked up only once, when the command runs)' : '';
    return { error: `expected ${fam} or \`any\`, found \`${text}\`${name}` };
  }
  return { value: a };
}

export function parsePrefix(text: string, family: 4 | 6 | undefined, what: string): Parsed<Cidr> {
  const c = parseCidr(text);
  if (c === undefined || (family !== undefined && c.family !== family)) {
    const fam = family === 4 ? 'an IPv4' : family === 6 ? 'an IPv6' : 'an';
    return { error: `expected ${fam} ${what} (ADDRESS/LENGTH), found \`${text}\`` };
  }
  return { value: c };
}

/** net-tools without a netmask: the classful mask of the address (A /8, B /16, C /24). */
export function classfulLength(address: string): number {
  const first = Number(address.split('.')[0]);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}
