import type { IToken } from 'chevrotain';
import type { Cidr, FileModel, Located } from '../../model/types';
import { cidrFromMask, familyOf, normalizeAddress, parseCidr } from '../common/addr';
import { spanRange, tokenRange } from '../common/ranges';

/** Reads command arguments into located values; a malformed one becomes an `invalid` entry, never a throw. */
export class ValueReader {
  constructor(private readonly model: FileModel) {}

  invalid(tok: IToken, message: string, last: IToken = tok): void {
    this.model.invalid.push({ range: spanRange(tok, last), message });
  }

  deprecated(tok: IToken, replacement: string): void {
    this.model.deprecated.push({ range: tokenRange(tok), word: tok.image, replacement });
  }

  /** Report a missing argument at the keyword that needed it. */
  missing(keyword: IToken, what: string): undefined {
    this.invalid(keyword, `incomplete command: expected ${what} after \`${keyword.image}\``);
    return undefined;
  }

  /** IOS has no quoting: a quoted value is taken literally and rejected where an address or number is due. */
  private quoted(tok: IToken): boolean {
    if (!tok.image.startsWith('"')) return false;
    this.invalid(tok, `IOS takes no quotes: write ${tok.image.replace(/"/g, '')} without them`);
    return true;
  }

  int(tok: IToken, min: number, max: number, what: string): Located<number> | undefined {
    if (this.quoted(tok)) return undefined;
    const n = /^\d{1,10}$/.test(tok.image) ? Number(tok.image) : NaN;
    if (!(n >= min && n <= max)) {
      this.invalid(tok, `\`${tok.image}\` is not a valid ${what}: expected a number from ${min} to ${max}`);
      return undefined;
    }
    return { value: n, range: tokenRange(tok) };
  }

  address(tok: IToken, family: 4 | 6 | undefined, what: string): Located<string> | undefined {
    if (this.quoted(tok)) return undefined;
    const a = normalizeAddress(tok.image);
    if (a === undefined || (family !== undefined && familyOf(a) !== family)) {
      const expected = family === 4 ? 'an IPv4 address (A.B.C.D)' : family === 6 ? 'an IPv6 address' : 'an IP address';
      this.invalid(tok, `\`${tok.image}\` is not a valid ${what}: expected ${expected}`);
      return undefined;
    }
    return { value: a, range: tokenRange(tok) };
  }

  /** `A.B.C.D MASK` (IOS) or `A.B.C.D/len` (IOS-XR, IOS-XE). */
  ipv4Prefix(tokens: readonly IToken[], at: number, keyword: IToken, what: string): { cidr?: Located<Cidr>; next: number } {
    const a = tokens[at];
    if (!a) return { cidr: this.missing(keyword, `${what} and netmask`), next: at };
    if (this.quoted(a)) return { next: at + 2 };
    if (a.image.includes('/')) {
      const c = parseCidr(a.image);
      if (!c || c.family !== 4) {
        this.invalid(a, `\`${a.image}\` is not a valid ${what}: expected A.B.C.D MASK or A.B.C.D/LENGTH`);
        return { next: at + 1 };
      }
      return { cidr: { value: c, range: tokenRange(a) }, next: at + 1 };
    }
    if (familyOf(normalizeAddress(a.image) ?? '') !== 4) {
      this.invalid(a, `\`${a.image}\` is not a valid ${what}: expected an IPv4 address (A.B.C.D)`);
      return { next: at + 1 };
    }
    const m = tokens[at + 1];
    if (!m) return { cidr: this.missing(a, 'a netmask (e.g. 255.255.255.0)'), next: at + 1 };
    const c = cidrFromMask(a.image, m.image);
    if (!c) {
      this.invalid(m, `\`${m.image}\` is not a valid netmask: expected contiguous ones such as 255.255.255.0`);
      return { next: at + 2 };
    }
    return { cidr: { value: c, range: spanRange(a, m) }, next: at + 2 };
  }

  ipv6Prefix(tok: IToken, what: string): Located<Cidr> | undefined {
    if (this.quoted(tok)) return undefined;
    const c = tok.image.includes('/') ? parseCidr(tok.image) : undefined;
    if (!c || c.family !== 6) {
      this.invalid(tok, `\`${tok.image}\` is not a valid ${what}: expected an IPv6 prefix such as 2001:db8::/32`);
      return undefined;
    }
    return { value: c, range: tokenRange(tok) };
  }
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** A DNS name (IOS resolves `tunnel destination` names); all-numeric words are malformed addresses instead. */
export function isHostName(word: string): boolean {
  return HOST_NAME.test(word) && !/^[\d.]+$/.test(word);
}
