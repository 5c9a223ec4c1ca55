import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { delegatedLength, delegatedPrefix, ipv4Destination, relayPrefixFor, withPrefix } from '../../server/src/model/sixrd';
import { fromBits, toBits } from '../../server/src/model/ip';
import type { Cidr } from '../../server/src/model/types';

const v6 = (address: string, prefixLength: number): Cidr => ({ address, prefixLength, family: 6 });

// An independent formulation: RFC 5969 §4 as a string of 128 bits, concatenated and padded.
function bitString(address: string, width: number): string {
  return toBits(address)!.value.toString(2).padStart(width, '0');
}
function byStrings(prefix: Cidr, maskLen: number, ipv4: string): Cidr | null {
  const len = prefix.prefixLength + 32 - maskLen;
  if (len > 128) return null;
  const bits = bitString(prefix.address, 128).slice(0, prefix.prefixLength) + bitString(ipv4, 32).slice(maskLen);
  const value = BigInt(`0b${bits.padEnd(128, '0')}`);
  return { address: fromBits({ value, family: 6 }), prefixLength: len, family: 6 };
}

describe('6rd delegated prefix (RFC 5969)', () => {
  it('reference BR: 2001:db8:10:f096::/64, all 32 bits of 10.255.255.222 → /96', () => {
    expect(delegatedPrefix({ prefix: v6('2001:db8:10:f096::', 64), ipv4MaskLen: 0 }, '10.255.255.222')).toEqual(v6('2001:db8:10:f096:aff:ffde::', 96));
  });

  it('reference CE: 10.96.1.100 → 2001:db8:10:f096:a60:164::/96', () => {
    expect(delegatedPrefix({ prefix: v6('2001:db8:10:f096::', 64), ipv4MaskLen: 0 }, '10.96.1.100')).toEqual(v6('2001:db8:10:f096:a60:164::', 96));
  });

  it.each([
    // prefix, mask length, IPv4, expected
    ['2001:db8::', 32, 0, '192.0.2.1', '2001:db8:c000:201::', 64],
    ['2001:db8::', 32, 8, '10.1.2.3', '2001:db8:102:300::', 56],
    ['2001:db8::', 32, 24, '198.51.100.7', '2001:db8:700::', 40],
    ['2001:db8::', 32, 32, '198.51.100.7', '2001:db8::', 32],
    ['2001:db8:ff00::', 40, 8, '10.1.2.3', '2001:db8:ff01:203::', 64],
    ['2001:db8:1200::', 40, 0, '10.1.2.3', '2001:db8:120a:102:300::', 72],
    ['2001:db8:0:100::', 56, 24, '10.1.2.3', '2001:db8:0:103::', 64],
    ['2001:db8:0:1::', 64, 8, '10.1.2.3', '2001:db8:0:1:102:300::', 88],
    ['2002::', 16, 0, '192.0.2.1', '2002:c000:201::', 48],
  ] as const)('%s/%i with mask length %i and %s → %s/%i', (p, n, m, a, want, wantLen) => {
    expect(delegatedPrefix({ prefix: v6(p, n), ipv4MaskLen: m }, a)).toEqual(v6(want, wantLen));
  });

  it('a domain longer than 128 bits has no delegated prefix', () => {
    expect(delegatedLength({ prefix: v6('2001:db8::', 112), ipv4MaskLen: 8 })).toBe(136);
    expect(delegatedPrefix({ prefix: v6('2001:db8::', 112), ipv4MaskLen: 8 }, '10.0.0.1')).toBeNull();
  });

  it('inverse: an address in the domain → the IPv4 address of its CE', () => {
    const d = { prefix: v6('2001:db8:10:f096::', 64), ipv4MaskLen: 0 };
    expect(ipv4Destination(d, '0.0.0.0', '2001:db8:10:f096:a60:164::1')).toBe('10.96.1.100');
    const d8 = { prefix: v6('2001:db8::', 32), ipv4MaskLen: 8 };
    expect(ipv4Destination(d8, '10.0.0.0', '2001:db8:102:300::1')).toBe('10.1.2.3');
    expect(ipv4Destination(d8, '10.0.0.0', '2001:db9::1')).toBeNull();
  });

  it('with 32 bits of mask the CE sends everything in the prefix to the relay prefix itself', () => {
    expect(ipv4Destination({ prefix: v6('2001:db8:10:f096::', 64), ipv4MaskLen: 32 }, '10.96.1.100', '2001:db8:10:f096:aff:ffde::1')).toBe('10.96.1.100');
  });

  it('relay prefix for a mask length, and moving an address into a prefix', () => {
    expect(relayPrefixFor(0, '10.96.1.100')).toEqual({ address: '0.0.0.0', prefixLength: 0, family: 4 });
    expect(relayPrefixFor(8, '10.96.1.100')).toEqual({ address: '10.0.0.0', prefixLength: 8, family: 4 });
    expect(withPrefix('2001:db8:10:f096:aff:ffdd::1', v6('2001:db8:10:f096:aff:ffde::', 96))).toBe('2001:db8:10:f096:aff:ffde:0:1');
  });

  const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
  const ipv6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }).map((g) => g.map((x) => x.toString(16)).join(':'));

  it('agrees with a bit-string formulation for random domains and addresses', () => {
    fc.assert(
      fc.property(ipv6, fc.integer({ min: 0, max: 128 }), fc.integer({ min: 0, max: 32 }), ipv4, (p, n, m, a) => {
        const prefix = v6(p, n);
        expect(delegatedPrefix({ prefix, ipv4MaskLen: m }, a)).toEqual(byStrings(prefix, m, a));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips: the IPv4 destination of any address in a CE\'s prefix is that CE', () => {
    fc.assert(
      fc.property(ipv6, fc.integer({ min: 0, max: 96 }), fc.integer({ min: 0, max: 32 }), ipv4, fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (p, n, m, a, host) => {
        const d = { prefix: v6(p, n), ipv4MaskLen: m };
        const len = delegatedLength(d);
        fc.pre(len <= 128);
        const dp = delegatedPrefix(d, a)!;
        const inside = withPrefix(fromBits({ value: host, family: 6 }), dp)!;
        expect(ipv4Destination(d, a, inside)).toBe(a);
      }),
      { numRuns: 1000 },
    );
  });
});
