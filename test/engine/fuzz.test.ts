// Decoders never throw on packet bytes: random and mutated real packets are either delivered or dropped
// with a counted reason, in every mode.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../engine/src/engine';
import { HostStack } from '../../engine/src/host';
import { parseIpv4 } from '../../engine/src/packets/ipv4';
import { parseIpv6 } from '../../engine/src/packets/ipv6';
import { parseGre } from '../../engine/src/packets/gre';
import { parseArp } from '../../engine/src/packets/arp';
import { parseNeighbor } from '../../engine/src/packets/ndp';
import { parseIcmpEcho } from '../../engine/src/packets/icmp';
import { addrBytes } from '../../engine/src/packets/addr';
import type { EngineMode } from '../../engine/src/config';
import { cidr, config, mirror, pair } from './harness';

const MODES: EngineMode[] = ['ipip', 'ipip6', 'ip6ip6', 'sit', '6rd', 'gre', 'ip6gre', 'vxlan'];
const RUNS = 300;

function engineFor(mode: EngineMode) {
  const inner = mode === 'ip6ip6' || mode === 'sit' || mode === '6rd' ? 'fd00::1/64' : '10.0.0.1/30';
  const sixrd = mode === '6rd' ? { prefix: cidr('fd00::/48'), ipv4MaskLen: 16, relay: '198.51.100.2' } : null;
  const cfg = config({ mode, addresses: [cidr(inner)], sixrd, gre: mode.includes('gre') ? { iseq: true, oseq: true, icsum: false, ocsum: false } : null });
  const sent: Uint8Array[] = [];
  const e = new Engine(cfg, { send: (p) => (sent.push(p), true) }, { mac: Uint8Array.of(2, 0, 0, 0, 0, 1) });
  e.attachInner(new HostStack(cfg.addresses, mode === 'vxlan' ? Uint8Array.of(2, 0, 0, 0, 0, 1) : null, (p) => e.sendPacket(p)));
  return { e, cfg, remote: addrBytes(cfg.remote!) };
}

/** Valid outer packets of a mode, from a peer engine's probes and replies. */
function realPackets(mode: EngineMode): Uint8Array[] {
  const { cfg } = engineFor(mode);
  const peer = mirror(cfg, { addresses: [cidr(cfg.addresses[0].family === 4 ? '10.0.0.2/30' : 'fd00::2/64')], probeTargets: [cfg.addresses[0].address] });
  const p = pair(cfg, peer);
  p.b.probe();
  p.a.probe();
  p.wire.pump();
  p.b.probe();
  return p.wire.seen.map((s) => s.packet);
}

function accounted(e: Engine): number {
  const s = e.status();
  return s.packetsIn + Object.values(s.drops).reduce((a, b) => a + (b ?? 0), 0);
}

describe('fuzzing the receive path', () => {
  for (const mode of MODES) {
    it(`${mode}: random bytes and mutations of real packets never throw and are all accounted for`, () => {
      const { e, remote } = engineFor(mode);
      const real = realPackets(mode);
      expect(real.length).toBeGreaterThan(0);
      let fed = 0;
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
          e.fromOuter(bytes, remote);
          fed++;
        }),
        { numRuns: RUNS },
      );
      fc.assert(
        fc.property(
          fc.nat(real.length - 1),
          fc.array(fc.tuple(fc.nat(2000), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
          fc.option(fc.nat(2000)),
          (which, flips, cut) => {
            const p = Uint8Array.from(real[which]);
            for (const [at, v] of flips) if (p.length > 0) p[at % p.length] = v;
            e.fromOuter(cut === null ? p : p.subarray(0, cut % (p.length + 1)), remote);
            fed++;
          },
        ),
        { numRuns: RUNS },
      );
      // Every packet was delivered (counted in) or dropped with a reason; none vanished.
      expect(accounted(e)).toBe(fed);
      expect(Object.keys(e.status().drops).length).toBeGreaterThan(0);
    });
  }

  it('the codecs return a value or a reason for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (b) => {
        for (const parse of [parseIpv4, parseIpv6, parseGre, parseArp, parseNeighbor, parseIcmpEcho]) parse(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('the send path drops malformed inner packets with a reason instead of throwing', () => {
    for (const mode of MODES) {
      const { e } = engineFor(mode);
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
          e.sendPacket(b);
        }),
        { numRuns: 200 },
      );
    }
  });
});
