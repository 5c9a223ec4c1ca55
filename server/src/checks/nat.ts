import type { TunnelMode } from '../model/types';
import { isPrivate } from '../model/ip';
import { defineRule } from './rule';
import { endName, where } from './describe';

// Tunnels across NAT: protocols without ports only pass once the inside end has opened the state.

/** Encapsulations without ports: NAT and stateful filters can only track them by addresses. */
const portless = new Set<TunnelMode>(['ipip', 'sit', 'gre', 'gretap', 'ipip6', 'ip6ip6', 'ip6gre', 'ip6gretap']);

export const outboundFirst = defineRule({
  id: 'nat/outbound-first',
  family: 'nat',
  defaultSeverity: 'information',
  description: 'An IPIP/GRE end behind NAT: the other end targets a public address this end does not own.',
  messages: {
    behindNat:
      '{peer} sends to {public}, which this end does not own ({local}): a NAT or stateful filter sits in between, and it only lets {mode} packets from the other end in after this end has sent one. Send from this end first and keep sending (keepalives), or the tunnel stays silent.',
  },
  fixable: false,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      if (!t.peerInferred || !portless.has(t.mode)) continue;
      for (const u of ctx.peers(t)) {
        if (u.remote === null || u.remote === t.local || isPrivate(u.remote) || ctx.index.ownersOf(u.remote).has(t.device)) continue;
        ctx.report({
          ...where(t, 'local'),
          messageId: 'behindNat',
          data: {
            peer: endName(u),
            public: u.remote,
            local: t.local === null ? 'its local address is not configured' : `its local address is ${t.local}`,
            mode: t.mode.toUpperCase(),
          },
          related: [{ ...where(u, 'remote'), message: `remote of ${u.name}` }],
        });
      }
    }
  },
});

export const natRules = [outboundFirst];
