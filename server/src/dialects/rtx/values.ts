import type { IToken } from 'chevrotain';
import type { Cidr, FileModel, Located } from '../../model/types';
import { cidrFromMask, familyOf, normalizeAddress, parseCidr } from '../common/addr';
import { spanRange, tokenRange } from '../common/ranges';

/** Protocol minimum MTUs (RFC 791, RFC 8200) up to the largest IP packet. */
export const MTU_RANGE: Record<4 | 6, [number, number]> = { 4: [68, 65535], 6: [1280, 65535] };
/** `ip|ipv6 tunnel tcp mss limit` ranges as the RTX command reference gives them. */
export const MSS_RANGE: Record<4 | 6, [number, number]> = { 4: [536, 1460], 6: [1220, 1440] };

/** A DNS name: letters, digits, hyphens and dots, not all digits (a malformed address instead). */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

export function isHostName(word: string): boolean {
  return HOST_NAME.test(word) && !/^[\d.]+$/.test(word);
}

/** RTX quotes free text with double quotes; the value is what is inside. */
export function unquote(word: string): string {
  return word.length >= 2 && word.startsWith('"') && word.endsWith('"') ? word.slice(1, -1) : word;
}

/** Reads command arguments into located values; a malformed one becomes an `invalid` entry, never a throw. */
export class ValueReader {
  constructor(private readonly model: FileModel) {}

  invalid(tok: IToken, message: string, last: IToken = tok): undefined {
    this.model.invalid.push({ range: spanRange(tok, last), message });
    return undefined;
  }

  /** Report a missing argument at the keyword that needed it. */
  missing(keyword: IToken, what: string): undefined {
    return this.invalid(keyword, `incomplete command: expected ${what} after \`${keyword.image}\``);
  }

  int(tok: IToken, [min, max]: readonly [number, number], what: string): Located<number> | undefined {
    const text = unquote(tok.image);
    const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
    if (!(n >= min && n <= max)) return this.invalid(tok, `\`${tok.image}\` is not a valid ${what}: expected a number from ${min} to ${max}`);
    return { value: n, range: tokenRange(tok) };
  }

  /** A number or `auto` (the router's own choice, recorded as undefined). */
  intOrAuto(tok: IToken, range: readonly [number, number], what: string): Located<number> | undefined {
    return tok.image.toLowerCase() === 'auto' ? undefined : this.int(tok, range, `${what} (or \`auto\`)`);
  }

  address(tok: IToken, what: string, family?: 4 | 6): Located<string> | undefined {
    const a = normalizeAddress(unquote(tok.image));
    if (a === undefined || (family !== undefined && familyOf(a) !== family)) {
      const expected = family === 4 ? 'an IPv4 address (A.B.C.D)' : family === 6 ? 'an IPv6 address' : 'an IPv4 or IPv6 address';
      return this.invalid(tok, `\`${tok.image}\` is not a valid ${what}: expected ${expected}`);
    }
    return { value: a, range: tokenRange(tok) };
  }

  /** An address or a host name (IKE peers and tunnel endpoints may be given by name). */
  addressOrName(tok: IToken, what: string): Located<string> | undefined {
    const text = unquote(tok.image);
    if (normalizeAddress(text) === undefined && isHostName(text)) return { value: text.toLowerCase(), range: tokenRange(tok) };
    return this.address(tok, `${what}`);
  }

  /** `A/LEN`, `A/MASK` or a bare address (a host prefix), in the given family. */
  cidr(tok: IToken, family: 4 | 6, what: string): Located<Cidr> | undefined {
    const text = unquote(tok.image);
    const [addr, len] = text.split('/', 2);
    const c = len !== undefined && len.includes('.') ? cidrFromMask(addr, len) : parseCidr(text);
    if (!c || c.family !== family) {
      const shape = family === 4 ? 'A.B.C.D/LENGTH' : 'an IPv6 address with /LENGTH';
      return this.invalid(tok, `\`${tok.image}\` is not a valid ${what}: expected ${shape}`);
    }
    return { value: c, range: tokenRange(tok) };
  }
}
