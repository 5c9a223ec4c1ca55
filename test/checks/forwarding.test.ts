import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, type Decision } from '../../server/src/checks/routing';
import type { RuleContext } from '../../server/src/checks/rule';
import { cidrText, contains, networkOf } from '../../server/src/model/ip';
import type { Cidr, Device } from '../../server/src/model/types';

// `decide` looks routes up in a per-device table by prefix length. Checked here against the definition:
// scan every connected subnet and route, longest prefix wins, on a tie a connected subnet, else the first.

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

function reference(device: Device, address: string): Decision | null {
  let best: Decision | null = null;
  const offer = (d: Decision) => {
    if (!best || d.prefixLength > best.prefixLength || (d.prefixLength === best.prefixLength && d.connected && !best.connected)) best = d;
  };
  const nextHop = (via: string) => {
    let hop: { name: string; len: number } | null = null;
    for (const a of device.addresses) if (contains(a.cidr, via) && (!hop || a.cidr.prefixLength > hop.len)) hop = { name: a.interface, len: a.cidr.prefixLength };
    return hop?.name ?? null;
  };
  for (const a of device.addresses) {
    if (contains(a.cidr, address)) offer({ into: a.interface, prefixLength: a.cidr.prefixLength, prefix: cidrText(networkOf(a.cidr)), path: a.path, range: a.range, connected: true });
  }
  for (const r of device.routes) {
    if (!contains(r.prefix.value, address)) continue;
    const into = r.dev?.value ?? (r.via ? nextHop(r.via.value) : null);
    offer({ into, prefixLength: r.prefix.value.prefixLength, prefix: cidrText(networkOf(r.prefix.value)), path: r.path, range: r.prefix.range, connected: false });
  }
  return best;
}

// Few distinct octets, so subnets, routes and queried addresses overlap often.
const v4 = fc.tuple(fc.constantFrom(10, 192), fc.constantFrom(0, 168), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5 })).map((o) => o.join('.'));
const v6 = fc.tuple(fc.constantFrom('2001:db8', 'fd00'), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })).map(([p, a, b]) => `${p}:${a}::${b}`);
const address = fc.oneof(v4, v6);
const cidr = address.chain((a) => fc.integer({ min: 0, max: a.includes(':') ? 128 : 32 }).map((len): Cidr => ({ address: a, prefixLength: len, family: a.includes(':') ? 6 : 4 })));
const name = fc.constantFrom('eth0', 'eth1', 'tun0', 'Tunnel1');

const device = fc
  .record({
    addresses: fc.array(fc.record({ cidr, interface: name }), { maxLength: 8 }),
    routes: fc.array(fc.record({ prefix: cidr, dev: fc.option(name, { nil: undefined }), via: fc.option(address, { nil: undefined }) }), { maxLength: 8 }),
  })
  .map(
    ({ addresses, routes }): Device => ({
      id: 'r1',
      name: 'r1',
      dialect: 'linux',
      paths: ['r1.sh'],
      interfaces: [],
      tunnels: [],
      addresses: addresses.map((a, i) => ({ ...a, path: `addr${i}`, range })),
      routes: routes.map((r, i) => ({
        range,
        path: `route${i}`,
        prefix: { value: r.prefix, range },
        ...(r.dev ? { dev: { value: r.dev, range } } : {}),
        ...(r.via ? { via: { value: r.via, range } } : {}),
      })),
    }),
  );

// No tunnels on these devices, so the context's tunnel lookups are never used.
const ctx = { tunnel: () => undefined, decls: () => [] } as unknown as RuleContext;

describe('forwarding decisions', () => {
  it('match a scan of every subnet and route', () => {
    fc.assert(
      fc.property(device, fc.array(address, { minLength: 1, maxLength: 10 }), (d, queries) => {
        for (const q of queries) expect(decide(ctx, d, q)).toEqual(reference(d, q));
      }),
      { numRuns: 500 },
    );
  });
});
