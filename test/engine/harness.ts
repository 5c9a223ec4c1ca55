// Builds engine configs by hand and joins two engines through the narrow ports, in one process.
import { Engine, type OuterPort } from '../../engine/src/engine';
import type { EngineConfig, EngineMode } from '../../engine/src/config';
import { HostStack } from '../../engine/src/host';
import { addrBytes } from '../../engine/src/packets/addr';
import type { Cidr } from '../../server/src/model/types';

export function cidr(text: string): Cidr {
  const [address, len] = text.split('/');
  return { address, prefixLength: Number(len), family: address.includes(':') ? 6 : 4 };
}

export function config(over: Partial<EngineConfig> & { mode: EngineMode }): EngineConfig {
  const outerFamily = over.outerFamily ?? (['ipip6', 'ip6ip6', 'ip6gre'].includes(over.mode) ? 6 : 4);
  return {
    name: 'tw0',
    outerFamily,
    local: outerFamily === 4 ? '198.51.100.1' : '2001:db8:ffff::1',
    remote: outerFamily === 4 ? '198.51.100.2' : '2001:db8:ffff::2',
    addresses: [],
    mtu: 1400,
    pathMtu: 1500,
    overhead: 100,
    ttl: null,
    mss: null,
    key: null,
    gre: null,
    encapLimit: null,
    vni: over.mode === 'vxlan' ? 7 : null,
    dstPort: over.mode === 'vxlan' ? 4789 : null,
    sixrd: null,
    probeTargets: [],
    routes: [],
    inner: 'host',
    keepaliveSeconds: 1,
    deadSeconds: 4,
    busyPollMicros: 0,
    ...over,
  };
}

/** The mirror image of a config: local and remote swapped, other inner addresses. */
export function mirror(cfg: EngineConfig, over: Partial<EngineConfig>): EngineConfig {
  return { ...cfg, local: cfg.remote, remote: cfg.local, ...over };
}

interface Datagram {
  to: Engine;
  packet: Uint8Array;
  src: Uint8Array;
}

/** A lossless wire with a bounded queue, pumped explicitly so tests control time and order. */
export class Wire {
  readonly queue: Datagram[] = [];
  readonly seen: { from: string; packet: Uint8Array; dst: Uint8Array }[] = [];
  static readonly LIMIT = 10_000;
  private readonly ends = new Map<string, Engine>();
  private readonly addrs = new Map<Engine, Uint8Array>();

  port(self: () => Engine, local: string): OuterPort {
    return {
      send: (packet, dst) => {
        const to = this.ends.get(Array.from(dst).join('.'));
        this.seen.push({ from: local, packet: Uint8Array.from(packet), dst: Uint8Array.from(dst) });
        if (!to || this.queue.length >= Wire.LIMIT) return true; // lost on the wire, as a real one may
        this.queue.push({ to, packet: Uint8Array.from(packet), src: this.addrs.get(self()) ?? addrBytes(local) });
        return true;
      },
    };
  }

  register(e: Engine, addr: string): void {
    this.ends.set(Array.from(addrBytes(addr)).join('.'), e);
    this.addrs.set(e, addrBytes(addr));
  }

  pump(max = 1000): number {
    let n = 0;
    while (this.queue.length > 0 && n < max) {
      const d = this.queue.shift()!;
      d.to.fromOuter(d.packet, d.src);
      n++;
    }
    return n;
  }
}

export interface Pair {
  a: Engine;
  b: Engine;
  wire: Wire;
  /** Packets each engine delivered to its inner side (TUN stand-in) when not in host mode. */
  innerA: Uint8Array[];
  innerB: Uint8Array[];
  clock: { t: number };
}

/**
 * Two engines on one wire. An engine whose config says `inner: 'host'` answers with the host stack;
 * otherwise what it decapsulates is collected like a TUN device would receive it.
 */
export function pair(ca: EngineConfig, cb: EngineConfig, outerA = ca.local!, outerB = cb.local!): Pair {
  const wire = new Wire();
  const clock = { t: 1000 };
  const now = () => clock.t;
  const macA = Uint8Array.of(2, 0, 0, 0, 0, 0xa);
  const macB = Uint8Array.of(2, 0, 0, 0, 0, 0xb);
  let a!: Engine;
  let b!: Engine;
  a = new Engine(ca, wire.port(() => a, outerA), { now, mac: macA });
  b = new Engine(cb, wire.port(() => b, outerB), { now, mac: macB });
  wire.register(a, outerA);
  wire.register(b, outerB);
  const innerA: Uint8Array[] = [];
  const innerB: Uint8Array[] = [];
  const attach = (e: Engine, cfg: EngineConfig, mac: Uint8Array, sink: Uint8Array[]) =>
    e.attachInner(
      cfg.inner === 'host'
        ? new HostStack(cfg.addresses, cfg.mode === 'vxlan' ? mac : null, (p) => e.sendPacket(p))
        : { write: (p) => void sink.push(Uint8Array.from(p)) },
    );
  attach(a, ca, macA, innerA);
  attach(b, cb, macB, innerB);
  return { a, b, wire, innerA, innerB, clock };
}
