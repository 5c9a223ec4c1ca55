import type { Cidr, InvalidValue, Located, Range } from '../../model/types';
import { familyOf, isIPv4, normalizeAddress, parseCidr } from '../common/addr';

// Value readers for systemd-networkd settings, which netplan renders to as well (so netplan/ reads its values
// with these). Each reader returns the located value, or records what was expected and returns undefined.

/** A value as written, with its range. */
export interface Written {
  text: string;
  range: Range;
}

export type Family = 4 | 6 | undefined;

const FAMILY_TEXT = { 4: 'an IPv4', 6: 'an IPv6' } as const;

/** systemd's parse_boolean(). */
const TRUE_WORDS = new Set(['1', 'yes', 'y', 'true', 't', 'on']);
const FALSE_WORDS = new Set(['0', 'no', 'n', 'false', 'f', 'off']);

/** parse_size() suffixes, base 1024, as MTUBytes= takes them. */
const SIZE_SUFFIX: Readonly<Record<string, number>> = { '': 1, B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

export function isMulticast(address: string): boolean {
  if (familyOf(address) === 4) {
    const first = Number(address.slice(0, address.indexOf('.')));
    return first >= 224 && first <= 239;
  }
  return /^ff/i.test(address);
}

/** The default route of a gateway's family (`Gateway=` without `Destination=`, netplan `to: default`). */
export function defaultRoute(via: Located<string>, range: Range = via.range): Located<Cidr> {
  const family = familyOf(via.value) ?? 4;
  return { value: { address: family === 6 ? '::' : '0.0.0.0', prefixLength: 0, family }, range };
}

export class ValueReader {
  constructor(private readonly invalid: InvalidValue[]) {}

  fail(w: Written, message: string): undefined {
    this.invalid.push({ range: w.range, message });
    return undefined;
  }

  uint(w: Written, min: number, max: number, what: string): Located<number> | undefined {
    const n = /^\d{1,10}$/.test(w.text) ? Number(w.text) : NaN;
    if (!(n >= min && n <= max)) return this.fail(w, `expected ${what}: a number from ${min} to ${max}, not \`${w.text}\``);
    return { value: n, range: w.range };
  }

  bool(w: Written, what: string): Located<boolean> | undefined {
    const t = w.text.toLowerCase();
    if (TRUE_WORDS.has(t)) return { value: true, range: w.range };
    if (FALSE_WORDS.has(t)) return { value: false, range: w.range };
    return this.fail(w, `expected ${what}: a boolean (yes/no, true/false, on/off, 1/0), not \`${w.text}\``);
  }

  /** Bytes with an optional K, M or G suffix (base 1024), at least the IPv4 minimum MTU. */
  mtu(w: Written): Located<number> | undefined {
    const m = /^(\d{1,10})(?:\.(\d{1,6}))?\s*([BKMG]?)$/.exec(w.text);
    const n = m ? Math.floor(Number(`${m[1]}.${m[2] ?? '0'}`) * SIZE_SUFFIX[m[3]]) : NaN;
    if (!(n >= 68 && n <= 0xffffffff)) {
      return this.fail(w, `expected an MTU: a number of bytes of at least 68 (K, M and G suffixes allowed), not \`${w.text}\``);
    }
    return { value: n, range: w.range };
  }

  address(w: Written, family: Family, what: string): Located<string> | undefined {
    const address = normalizeAddress(w.text);
    if (address === undefined || (family !== undefined && familyOf(address) !== family)) {
      const kind = family === undefined ? 'an IPv4 or IPv6' : FAMILY_TEXT[family];
      return this.fail(w, `expected ${what}: ${kind} address, not \`${w.text}\``);
    }
    return { value: address, range: w.range };
  }

  /** `A/N`; without `/N` the length `withoutLength` gives (host length when it gives none). */
  cidr(w: Written, family: Family, what: string, withoutLength?: (address: string) => number): Located<Cidr> | undefined {
    const slash = w.text.includes('/');
    const bare = slash ? undefined : normalizeAddress(w.text);
    const cidr = parseCidr(w.text, bare !== undefined && withoutLength ? withoutLength(bare) : undefined);
    if (cidr === undefined || (family !== undefined && cidr.family !== family)) {
      const kind = family === undefined ? 'an IPv4 or IPv6' : FAMILY_TEXT[family];
      return this.fail(w, `expected ${what}: ${kind} address with prefix length (e.g. ${family === 6 ? '2001:db8::1/64' : '192.0.2.1/24'}), not \`${w.text}\``);
    }
    return { value: cidr, range: w.range };
  }

  /** A Linux interface name: 1 to 15 bytes, no white space, `/` or `:`, not `.` or `..`. */
  ifname(w: Written, what: string): Located<string> | undefined {
    const t = w.text;
    if (t.length === 0 || Buffer.byteLength(t) > 15 || /[\s/:]/.test(t) || t === '.' || t === '..') {
      return this.fail(w, `expected ${what}: an interface name of 1 to 15 characters without spaces, \`/\` or \`:\`, not \`${t}\``);
    }
    return { value: t, range: w.range };
  }

  /** A GRE/VTI key: a 32-bit number or a dotted quad (its four bytes), as networkd and netplan take it. */
  key(w: Written): Located<number> | undefined {
    if (isIPv4(w.text)) {
      const b = w.text.split('.').map(Number);
      return { value: ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3], range: w.range };
    }
    const n = /^\d{1,10}$/.test(w.text) ? Number(w.text) : NaN;
    if (!(n >= 0 && n <= 0xffffffff)) return this.fail(w, `expected a key: a number up to 4294967295 or a dotted quad, not \`${w.text}\``);
    return { value: n, range: w.range };
  }
}
