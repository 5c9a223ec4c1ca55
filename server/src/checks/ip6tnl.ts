import { ENCAP_LIMIT_OPTION, IPV6_HEADER, linuxIp6Tunnels } from '../model/overhead';
import { defineRule } from './rule';
import { endName, where } from './describe';
import { encapLimitNoneFix } from './fixes';

// Linux ip6tnl/ip6gre specifics.

export const encapLimit = defineRule({
  id: 'ip6tnl/encaplimit',
  family: 'ip6tnl',
  defaultSeverity: 'warning',
  description: 'A Linux ip6tnl/ip6gre tunnel sends the RFC 2473 encapsulation-limit option (on by default).',
  messages: {
    option:
      '`{name}` adds an {option}-byte Tunnel Encapsulation Limit option ({limit}) to every packet: IPv6 {ipv6} + {option} = {total} bytes of overhead instead of {ipv6}. {droppers} Add `encaplimit none`.',
  },
  fixable: true,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      if (t.dialect !== 'linux' || !linuxIp6Tunnels.has(t.mode) || t.encapLimit === 'none') continue;
      const rtx = ctx.peers(t).find((u) => u.dialect === 'yamaha-rtx');
      const fix = encapLimitNoneFix(t);
      ctx.report({
        ...where(t, 'encapLimit'),
        messageId: 'option',
        data: {
          name: t.name,
          option: ENCAP_LIMIT_OPTION,
          limit: t.ranges.encapLimit ? `encaplimit ${t.encapLimit}` : `encaplimit ${t.encapLimit}, the kernel default`,
          ipv6: IPV6_HEADER,
          total: IPV6_HEADER + ENCAP_LIMIT_OPTION,
          droppers: rtx
            ? `The other end, ${endName(rtx)}, is a Yamaha RTX, which drops packets carrying it; some networks do too.`
            : 'Some peers (Yamaha RTX among them) and some networks drop packets carrying it.',
        },
        related: rtx ? [{ ...where(rtx, 'name'), message: `${rtx.name}: Yamaha RTX end of this tunnel` }] : [],
        fixes: fix ? [fix] : [],
      });
    }
  },
});

export const ip6tnlRules = [encapLimit];
