import type { Tunnel } from '../model/types';
import { cidrText, contains } from '../model/ip';
import { delegatedLength, ipv4Destination, relayPrefixFor, withPrefix } from '../model/sixrd';
import { defineRule, type RuleContext } from './rule';
import { endName, where } from './describe';
import { replaceWith, sixrdMaskFix } from './fixes';

// RFC 5969 6rd: delegated prefixes, and CE and BR agreeing on the domain's parameters.

const bits = (maskLen: number) => `${32 - maskLen} IPv4 bit${32 - maskLen === 1 ? '' : 's'} embedded`;

export const addressMismatch = defineRule({
  id: '6rd/address-mismatch',
  family: '6rd',
  defaultSeverity: 'error',
  description: 'A 6rd tunnel address inside the 6rd prefix but outside the delegated prefix its IPv4 address yields.',
  messages: {
    outside: '{address} is outside {delegated}, the delegated prefix of {ipv4} (6rd prefix {prefix}, {bits}): use {correct}.',
  },
  fixable: true,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      const d = t.sixrd?.delegatedPrefix;
      if (!t.sixrd || !d) continue;
      for (const a of ctx.addresses(t, 6)) {
        if (!contains(t.sixrd.prefix, a.cidr.address) || contains(d, a.cidr.address)) continue;
        const moved = withPrefix(a.cidr.address, d);
        const correct = `${moved}/${Math.max(a.cidr.prefixLength, d.prefixLength)}`;
        ctx.report({
          path: a.path,
          range: a.range,
          messageId: 'outside',
          data: { address: cidrText(a.cidr), delegated: cidrText(d), ipv4: t.local!, prefix: cidrText(t.sixrd.prefix), bits: bits(t.sixrd.ipv4MaskLen), correct },
          related: [{ ...where(t, 'local'), message: `IPv4 address ${t.local}` }],
          fixes: [replaceWith(`Replace with ${correct}`, { path: a.path, range: a.range }, correct)],
        });
      }
    }
  },
});

/**
 * ": this CE sends a packet for <the BR's 6rd address> to <wrong IPv4> instead of <BR IPv4>", computed with
 * each end's own parameters; empty when the BR has no 6rd address to show it with.
 */
function misroutedExample(ctx: RuleContext, ce: Tunnel, br: Tunnel): string {
  if (ce.local === null || br.local === null) return '';
  const sample = ctx.addresses(br, 6).find((a) => contains(br.sixrd!.prefix, a.cidr.address));
  if (!sample) return '';
  const wrong = ipv4Destination(ce.sixrd!, ce.local, sample.cidr.address);
  const right = ipv4Destination(br.sixrd!, br.local, sample.cidr.address);
  return wrong && right && wrong !== right ? `: this CE sends a packet for ${sample.cidr.address} to ${wrong} instead of ${right}` : '';
}

/** The BRs a CE is paired with: 6rd peers that are not themselves sending to a relay. */
const relaysOf = (ce: Tunnel, peers: Tunnel[]) => (ce.sixrd?.relay ? peers.filter((u) => u.sixrd && !u.sixrd.relay) : []);

export const masklenMismatch = defineRule({
  id: '6rd/masklen-mismatch',
  family: '6rd',
  defaultSeverity: 'warning',
  description: 'A 6rd CE and its border relay disagree on the 6rd prefix or the IPv4 mask length.',
  messages: {
    prefix: '6rd prefix {mine} here but {theirs} on the border relay {peer}: the CE\'s delegated prefix is not the one the BR routes to it.',
    masklen:
      '6rd IPv4 prefix length {mine} here ({myBits}, delegated /{myLen}) but {theirs} on the border relay {peer} ({theirBits}, delegated /{theirLen}). ' +
      'CE-to-CE traffic goes to the wrong IPv4 address{example}. {relay} would match the BR.',
  },
  fixable: true,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      for (const br of relaysOf(t, ctx.peers(t))) {
        const [mine, theirs] = [t.sixrd!, br.sixrd!];
        if (cidrText(mine.prefix) !== cidrText(theirs.prefix)) {
          const at = where(t, 'sixrdPrefix');
          ctx.report({
            ...at,
            messageId: 'prefix',
            data: { mine: cidrText(mine.prefix), theirs: cidrText(theirs.prefix), peer: endName(br) },
            related: [{ ...where(br, 'sixrdPrefix'), message: `6rd prefix of ${br.name}` }],
            fixes: t.ranges.sixrdPrefix ? [replaceWith(`Use the BR's 6rd prefix ${cidrText(theirs.prefix)}`, at, cidrText(theirs.prefix))] : [],
          });
          continue;
        }
        if (mine.ipv4MaskLen === theirs.ipv4MaskLen) continue;
        const relay = t.local !== null ? relayPrefixFor(theirs.ipv4MaskLen, t.local) : null;
        const relayText = relay ? cidrText(relay) : `an IPv4 prefix length of ${theirs.ipv4MaskLen}`;
        const fix = relay ? sixrdMaskFix(t, theirs.ipv4MaskLen, cidrText(relay)) : undefined;
        ctx.report({
          ...where(t, 'sixrdMaskLen'),
          messageId: 'masklen',
          data: {
            mine: mine.ipv4MaskLen,
            theirs: theirs.ipv4MaskLen,
            myBits: bits(mine.ipv4MaskLen),
            theirBits: bits(theirs.ipv4MaskLen),
            myLen: delegatedLength(mine),
            theirLen: delegatedLength(theirs),
            example: misroutedExample(ctx, t, br),
            peer: endName(br),
            relay: relay ? `\`${relayText}\`` : relayText,
          },
          related: [{ ...where(br, br.ranges.sixrdMaskLen ? 'sixrdMaskLen' : 'sixrdPrefix'), message: `6rd parameters of ${br.name}` }],
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});

export const prefixTooLong = defineRule({
  id: '6rd/prefix-too-long',
  family: '6rd',
  defaultSeverity: 'error',
  description: 'The 6rd prefix plus the embedded IPv4 bits exceed 128 bits (error), or 64 bits (information: no SLAAC behind the CE).',
  messages: {
    over128: 'Delegated prefixes would be /{len} (6rd prefix /{prefixLen} + {embedded} IPv4 bits): longer than 128 bits, the 6rd domain cannot work. Shorten the 6rd prefix or raise the IPv4 prefix length.',
    over64: 'Delegated prefixes are /{len} (6rd prefix /{prefixLen} + {embedded} IPv4 bits): longer than /64, so hosts behind the CE cannot use SLAAC; the CE can only number one link or use DHCPv6.',
  },
  fixable: false,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      if (!t.sixrd) continue;
      const len = delegatedLength(t.sixrd);
      if (len <= 64) continue;
      ctx.report({
        ...where(t, 'sixrdPrefix'),
        messageId: len > 128 ? 'over128' : 'over64',
        severity: len > 128 ? 'error' : 'information',
        data: { len, prefixLen: t.sixrd.prefix.prefixLength, embedded: 32 - t.sixrd.ipv4MaskLen },
      });
    }
  },
});

export const sixrdRules = [addressMismatch, masklenMismatch, prefixTooLong];
