import { defineRule } from './rule';
import { endName, where } from './describe';
import { decide, routedInto, sameName } from './routing';

// Static routes around a tunnel: its own endpoint, and the way back to the other end.

export const recursive = defineRule({
  id: 'route/recursive',
  family: 'route',
  defaultSeverity: 'error',
  description: 'The route to a tunnel\'s own remote endpoint points into that tunnel.',
  messages: {
    recursive: 'The route to {remote}, the remote endpoint of `{name}`, goes into `{name}` itself ({how}): the tunnel would have to carry its own packets, and goes down. Add a more specific route to {remote} via the underlay.',
  },
  fixable: false,
  check(ctx) {
    ctx.eachDevice((device, ctx) => {
      for (const t of device.tunnels.map(ctx.tunnel)) {
        if (t.remote === null) continue;
        const d = decide(ctx, device, t.remote);
        if (!d || !sameName(d.into, t.name)) continue;
        ctx.report({
          path: d.path,
          range: d.range,
          messageId: 'recursive',
          data: { remote: t.remote, name: t.name, how: d.connected ? `it lies in the tunnel's own subnet ${d.prefix}` : `route ${d.prefix}` },
          related: [{ ...where(t, 'remote'), message: `remote of ${t.name}` }],
        });
      }
    });
  },
});

export const missing = defineRule({
  id: 'route/missing',
  family: 'route',
  defaultSeverity: 'warning',
  description: 'The other end\'s inner address is neither in a subnet of this unnumbered end nor routed into the tunnel.',
  messages: {
    missing: '{address}, the inner address of {peer}, is not routed into `{name}`: what the other end sends from it (its own traffic into the tunnel) gets no reply through the tunnel. Route {address} (or its subnet) into `{name}`.',
  },
  fixable: false,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      for (const u of ctx.peers(t)) {
        for (const family of t.carries) {
          if (ctx.addresses(t, family).length > 0) continue; // numbered ends: pair/inner-subnet-mismatch
          const lost = ctx.addresses(u, family).find((b) => !routedInto(ctx, t, b.cidr.address));
          if (!lost) continue;
          ctx.report({
            ...where(t, 'name'),
            messageId: 'missing',
            data: { address: lost.cidr.address, peer: endName(u), name: t.name },
            related: [{ path: lost.path, range: lost.range, message: `address of ${u.name}` }],
          });
        }
      }
    }
  },
});

export const routeRules = [recursive, missing];
