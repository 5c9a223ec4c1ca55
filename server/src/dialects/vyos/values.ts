import type { IToken } from 'chevrotain';
import type { Cidr, InvalidValue, Located } from '../../model/types';
import { familyOf, normalizeAddress, parseCidr } from '../common/addr';
import { tokenRange } from '../common/ranges';
import { unquote } from './walk';

// Value readers for leaf values: each returns the located value, or records what was expected and returns
// undefined. Ranges are on the value token as written (quotes included).

export type Family = 4 | 6 | undefined;

const FAMILY_TEXT = { 4: 'an IPv4', 6: 'an IPv6' } as const;

export class ValueReader {
  constructor(private readonly invalid: InvalidValue[]) {}

  fail(tok: IToken, message: string): undefined {
    this.invalid.push({ range: tokenRange(tok), message });
    return undefined;
  }

  integer(tok: IToken, min: number, max: number, what: string): Located<number> | undefined {
    const text = unquote(tok);
    const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
    if (!(n >= min && n <= max)) return this.fail(tok, `expected ${what}: a number from ${min} to ${max}, not \`${text}\``);
    return { value: n, range: tokenRange(tok) };
  }

  /** `A/N` with its prefix length required, as VyOS requires for interface addresses and prefixes. */
  cidr(tok: IToken, family: Family, what: string): Located<Cidr> | undefined {
    const text = unquote(tok);
    const cidr = text.includes('/') ? parseCidr(text) : undefined;
    if (cidr === undefined || (family !== undefined && cidr.family !== family)) {
      const kind = family === undefined ? 'an IPv4 or IPv6' : FAMILY_TEXT[family];
      return this.fail(tok, `expected ${what}: ${kind} address with prefix length (e.g. ${example(family)}), not \`${text}\``);
    }
    return { value: cidr, range: tokenRange(tok) };
  }

  address(tok: IToken, family: Family, what: string): Located<string> | undefined {
    const text = unquote(tok);
    const address = normalizeAddress(text);
    if (address === undefined || (family !== undefined && familyOf(address) !== family)) {
      const kind = family === undefined ? 'an IPv4 or IPv6' : FAMILY_TEXT[family];
      return this.fail(tok, `expected ${what}: ${kind} address, not \`${text}\``);
    }
    return { value: address, range: tokenRange(tok) };
  }

  text(tok: IToken): Located<string> {
    return { value: unquote(tok), range: tokenRange(tok) };
  }
}

function example(family: Family): string {
  return family === 6 ? '2001:db8::1/64' : '192.0.2.1/24';
}
