import { describeOverhead, overheadIsExact } from '../model/overhead';
import { defineRule } from './rule';
import { mtuStory, where } from './describe';
import { replaceWith, setMtuFix } from './fixes';

// Tunnel MTU against the path below it, IPv6's minimum, and the TCP MSS clamp.

/** RFC 8200 §5: every link that carries IPv6 must have an MTU of at least 1280. */
const IPV6_MIN_MTU = 1280;
/** IP + TCP headers without options: what the MSS leaves out of the MTU. */
const TCP_IP_HEADERS: Record<4 | 6, number> = { 4: 40, 6: 60 };

export const exceedsPath = defineRule({
  id: 'mtu/exceeds-path',
  family: 'mtu',
  defaultSeverity: 'error',
  description: 'The configured tunnel MTU plus the encapsulation overhead exceeds the MTU of the interface below it (a warning when that MTU is assumed).',
  messages: {
    exceeds: 'MTU {mtu} + {overhead} = {total} > {underlay} on {where}: full-size packets are fragmented or dropped. The largest MTU that fits is {fit}.',
  },
  fixable: true,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      if (t.mtu === null || !overheadIsExact(t.mode) || t.mtu + t.overhead <= t.underlay.mtu) continue;
      const fit = t.underlay.mtu - t.overhead;
      const on = t.underlay.interface ?? 'the underlay';
      const fix = setMtuFix(t, fit);
      ctx.report({
        ...where(t, 'mtu'),
        messageId: 'exceeds',
        data: {
          mtu: t.mtu,
          overhead: describeOverhead(t.overheadParts),
          total: t.mtu + t.overhead,
          underlay: t.underlay.mtu,
          where: t.underlay.known ? on : `${on} (assumed: its MTU is not configured; see the defaultUnderlayMtu setting)`,
          fit,
        },
        // Against an assumed underlay MTU the overflow is likely, not certain.
        ...(t.underlay.known ? {} : { severity: 'warning' as const }),
        fixes: fix ? [fix] : [],
      });
    }
  },
});

export const ipv6Minimum = defineRule({
  id: 'mtu/ipv6-minimum',
  family: 'mtu',
  defaultSeverity: 'error',
  description: 'A tunnel that carries IPv6 has an effective MTU below 1280, the IPv6 minimum.',
  messages: { below: '`{name}` carries IPv6 but its MTU is {story}: IPv6 needs at least 1280 (RFC 8200), and the kernel or router disables IPv6 on it.' },
  fixable: true,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      if (!t.carries.includes(6) || t.effectiveMtu >= IPV6_MIN_MTU) continue;
      const fix = t.mtu !== null && IPV6_MIN_MTU + t.overhead <= t.underlay.mtu ? setMtuFix(t, IPV6_MIN_MTU) : undefined;
      ctx.report({ ...where(t, 'mtu'), messageId: 'below', data: { name: t.name, story: mtuStory(t) }, fixes: fix ? [fix] : [] });
    }
  },
});

export const mssTooLarge = defineRule({
  id: 'mtu/mss-too-large',
  family: 'mtu',
  defaultSeverity: 'warning',
  description: 'The TCP MSS clamp is larger than the tunnel MTU leaves room for.',
  messages: { tooLarge: 'TCP MSS {mss} > {limit} (MTU {story} − {headers} bytes IPv{family} and TCP headers): segments of that size do not fit the tunnel.' },
  fixable: true,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      if (t.mss === null) continue;
      const family = t.carries.includes(4) || t.carries.length === 0 ? 4 : 6;
      const limit = t.effectiveMtu - TCP_IP_HEADERS[family];
      if (t.mss <= limit) continue;
      const at = where(t, 'mss');
      ctx.report({
        ...at,
        messageId: 'tooLarge',
        data: { mss: t.mss, limit, story: mtuStory(t), headers: TCP_IP_HEADERS[family], family },
        fixes: t.ranges.mss ? [replaceWith(`Set the TCP MSS to ${limit}`, at, String(limit))] : [],
      });
    }
  },
});

export const mtuRules = [exceedsPath, ipv6Minimum, mssTooLarge];
