// One tunnel end's data plane, free of I/O: the caller feeds it inner packets and outer datagrams and gives
// it two narrow ports to write to. The worker wires the ports to a TUN device and sockets; tests wire two
// engines to each other.
//
// Send path (inner → wire), `fromInner`:
//   1. classify the inner packet (IPv4, IPv6, or an Ethernet frame on VXLAN); the mode must carry it
//   2. path MTU: too big with DF (IPv6, or anything on ipip6) → ICMP error back to the inner side;
//      too big IPv4 without DF → fragment
//   3. outer destination: the remote, or for 6rd the IPv4 address derived from the inner destination / BR
//   4. TCP MSS clamped when configured; mode header (GRE, VXLAN) written in place in the headroom
//   5. outer IPv4 header (TTL, DF, TOS/ECN as Linux sets them) when the outer side is raw IPv4; the kernel
//      writes IPv6 and UDP headers
//   6. send
// Receive path (wire → inner), `fromOuter`:
//   1. outer IPv4 header checked (protocol); IPv6 and UDP payloads arrive without it (source and
//      TOS / traffic class from recvmsg)
//   2. source: only the configured remote (6rd: inside the IPv4 domain, or the BR)
//   3. mode header (GRE checksum/key/sequence, VXLAN flags/VNI)
//   4. inner checks: family, 6rd anti-spoofing, ECN decapsulation (RFC 6040, also inside VXLAN frames)
//   5. liveness: the peer was heard; our probe replies are consumed; VXLAN neighbours learned
//   6. TCP MSS clamped when configured; write to the inner side
import { isL2, type EngineConfig } from './config';
import { encapFor } from './encap';
import { SixRdDomain } from './encap/sixrd';
import type { Encap, InnerFamily } from './encap/types';
import { L2Side } from './inner-l2';
import { Prober } from './probe';
import type { EngineState, EngineStatus } from './status';
import { addrBytes, familyOf, sameBytes } from './packets/addr';
import type { DropReason } from './packets/drops';
import { ETHERNET_HEADER_LEN } from './packets/ethernet';
import { buildFragNeeded } from './packets/icmp';
import { buildPacketTooBig } from './packets/icmpv6';
import { clampMss } from './packets/tcp';
import { fragmentIpv4, IP_DF, IPV4_HEADER_LEN, IPV4_MIN_MTU, parseIpv4, setIpv4Checksum, writeIpv4 } from './packets/ipv4';
import { IPV6_HEADER_LEN, IPV6_MIN_MTU, parseIpv6 } from './packets/ipv6';

/** Room in front of every inner packet for the outer IPv4 header and the largest mode header. */
export const HEADROOM = 64;
/** Largest inner packet read from the inner side (jumbo TUN MTUs included). */
export const MAX_PACKET = 65535;

const ECN_MASK = 0x03;
const ECN_CE = 0x03;
const ECN_ECT0 = 0x02;
const DEFAULT_TTL = 64;

/** Where decapsulated packets go: the TUN/TAP device, or the host stack. Returns why it refused one. */
export interface InnerPort {
  write(packet: Uint8Array): DropReason | void;
}

/**
 * Where outer datagrams go. On raw IPv4 `packet` starts with the outer IPv4 header the engine built; on raw
 * IPv6 and UDP it is the payload, and `tos` is the traffic class / TOS the kernel should write into the
 * header it builds. Returns false when the kernel refused it. A port may instead queue the datagram until
 * `flush`, which reports the queued ones the kernel refused (their outer bytes as given to `send`).
 */
export interface OuterPort {
  send(packet: Uint8Array, dst: Uint8Array, tos: number): boolean;
  flush?(): { packets: number; bytes: number } | null;
}

export interface EngineOptions {
  now?: () => number;
  random?: (n: number) => Uint8Array;
  /** Our MAC on VXLAN (the TAP's address, or the host stack's). */
  mac?: Uint8Array;
}

export class Engine {
  private readonly encap: Encap;
  private readonly remote: Uint8Array | null;
  private readonly local: Uint8Array;
  private readonly sixrd: SixRdDomain | null;
  private readonly rawV4: boolean;
  /** What the engine writes in front of an inner packet: the mode header, and the IPv4 header on raw IPv4. */
  private readonly outerHeaderLength: number;
  private readonly l2: L2Side | null;
  private readonly prober: Prober;
  private readonly now: () => number;
  private readonly peerV4: Uint8Array | null;
  private readonly peerV6: Uint8Array | null;
  private inner: InnerPort = { write: () => undefined };
  /** Largest inner packet now: the configured MTU, lowered when the path turns out smaller. */
  private mtu: number;
  private pathMtu: number;
  private stopped = false;
  readonly counters = { packetsIn: 0, bytesIn: 0, packetsOut: 0, bytesOut: 0 };
  readonly drops: Partial<Record<DropReason, number>> = {};

  constructor(readonly cfg: EngineConfig, private readonly outer: OuterPort, opts: EngineOptions = {}) {
    this.encap = encapFor(cfg);
    this.mtu = cfg.mtu;
    this.pathMtu = cfg.pathMtu;
    this.remote = cfg.remote ? addrBytes(cfg.remote) : null;
    this.local = cfg.local ? addrBytes(cfg.local) : new Uint8Array(cfg.outerFamily === 4 ? 4 : 16);
    this.sixrd = cfg.mode === '6rd' && cfg.sixrd ? new SixRdDomain(cfg.sixrd, cfg.local, cfg.remote) : null;
    this.rawV4 = cfg.outerFamily === 4 && !isL2(cfg.mode);
    this.outerHeaderLength = this.encap.maxHeaderLength + (this.rawV4 ? IPV4_HEADER_LEN : 0);
    this.now = opts.now ?? (() => performance.now());
    const random = opts.random ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
    this.l2 = isL2(cfg.mode) ? new L2Side(opts.mac ?? new Uint8Array(6)) : null;
    this.prober = new Prober(cfg, this.now(), random);
    // ICMP errors we generate must not come from one of our own addresses: the kernel drops packets from
    // a local source arriving on an interface. They come from the peer's inner address, as from the next
    // router, or else from the destination the packet was meant for.
    const peer = (f: 4 | 6) => {
      const a = cfg.probeTargets.find((x) => familyOf(x) === f);
      return a ? addrBytes(a) : null;
    };
    this.peerV4 = peer(4);
    this.peerV6 = peer(6);
  }

  /** The outer path MTU the kernel reports for the remote (its route, and what ICMP taught it). */
  setPathMtu(pathMtu: number): void {
    this.pathMtu = pathMtu;
    this.mtu = Math.max(IPV4_MIN_MTU, Math.min(this.cfg.mtu, pathMtu - this.cfg.overhead));
  }

  get innerMtu(): number {
    return this.mtu;
  }

  attachInner(inner: InnerPort): void {
    this.inner = inner;
  }

  private drop(reason: DropReason, n = 1): void {
    this.drops[reason] = (this.drops[reason] ?? 0) + n;
  }

  /**
   * Hands what the outer port queued to the kernel. Datagrams it refused then were counted as sent when
   * queued; they move to the `send-failed` drops (mode headers have a fixed size per tunnel, so their inner
   * bytes follow from the outer ones).
   */
  flush(): void {
    const refused = this.outer.flush?.();
    if (!refused) return;
    this.counters.packetsOut -= refused.packets;
    this.counters.bytesOut -= refused.bytes - refused.packets * this.outerHeaderLength;
    this.drop('send-failed', refused.packets);
  }

  /** Copies a packet into a fresh buffer with headroom and sends it (for packets the engine originates). */
  sendPacket(packet: Uint8Array): void {
    const buf = new Uint8Array(HEADROOM + packet.length);
    buf.set(packet, HEADROOM);
    this.fromInner(buf, HEADROOM, buf.length);
  }

  /** Send path for the inner packet buf[start, end); buf must have HEADROOM bytes before `start`. */
  fromInner(buf: Uint8Array, start: number, end: number): void {
    if (this.stopped) return;
    if (start < HEADROOM || end <= start) return this.drop('truncated');
    const pkt = buf.subarray(start, end);
    let family: InnerFamily;
    if (this.l2) {
      if (pkt.length < ETHERNET_HEADER_LEN) return this.drop('truncated');
      this.l2.learn(pkt);
      if (pkt.length - ETHERNET_HEADER_LEN > this.mtu) return this.drop('too-big');
      family = 'eth';
    } else {
      const v = pkt[0] >> 4;
      if (v !== 4 && v !== 6) return this.drop('malformed');
      if (pkt.length < (v === 4 ? IPV4_HEADER_LEN : IPV6_HEADER_LEN)) return this.drop('truncated');
      family = v;
      if (!this.encap.carries(family)) return this.drop('wrong-protocol');
      if (pkt.length > this.mtu) return this.tooBig(pkt, family);
    }
    const dst = this.destination(pkt);
    if (!dst) return this.drop('no-destination');
    this.clampMss(this.l2 ? L2Side.ipOf(pkt) : { packet: pkt, family: family as 4 | 6 });
    this.transmit(buf, start, end, family, dst);
  }

  private destination(pkt: Uint8Array): Uint8Array | null {
    if (this.sixrd) return pkt.length >= IPV6_HEADER_LEN ? this.sixrd.destination(pkt.subarray(24, 40)) : null;
    return this.remote;
  }

  /** Steps 4–6: mode header, outer IPv4 header, send. */
  private transmit(buf: Uint8Array, start: number, end: number, family: InnerFamily, dst: Uint8Array): void {
    const tos = ecnEncapsulate(innerTos(buf, start, end, family));
    let s = this.encap.encapsulate(buf, start, end, family);
    if (this.rawV4) {
      s -= IPV4_HEADER_LEN;
      writeIpv4(buf, s, {
        tos,
        totalLength: end - s,
        id: 0,
        fragment: this.dontFragment() ? IP_DF : 0,
        ttl: this.outerTtl(buf, start, family),
        protocol: this.encap.protocol,
        src: this.local,
        dst,
      });
    }
    if (this.outer.send(buf.subarray(s, end), dst, tos)) {
      this.counters.packetsOut++;
      this.counters.bytesOut += end - start;
    } else {
      this.drop('send-failed');
    }
  }

  /** Linux sets DF on ipip/gre/sit (pmtudisc); sit clears it when the path could not carry 1280-byte IPv6. */
  private dontFragment(): boolean {
    if (this.cfg.mode === 'sit' || this.cfg.mode === '6rd') return this.pathMtu - IPV4_HEADER_LEN >= IPV6_MIN_MTU;
    return true;
  }

  /** `ttl 0` (inherit) on ipip/gre copies the inner TTL / hop limit; sit uses 64 unless configured. */
  private outerTtl(buf: Uint8Array, start: number, family: InnerFamily): number {
    if (this.cfg.ttl) return this.cfg.ttl;
    if (this.cfg.mode === 'sit' || this.cfg.mode === '6rd') return DEFAULT_TTL;
    if (family === 4) return buf[start + 8];
    if (family === 6) return buf[start + 7];
    return DEFAULT_TTL;
  }

  private tooBig(pkt: Uint8Array, family: 4 | 6): void {
    const mtu = this.mtu;
    if (family === 6) {
      const h = parseIpv6(pkt);
      if (typeof h !== 'string') this.inner.write(buildPacketTooBig(Uint8Array.from(this.peerV6 ?? h.dst), pkt, h, mtu));
      return this.drop('too-big');
    }
    const h = parseIpv4(pkt);
    if (typeof h === 'string') return this.drop(h);
    if (h.fragment & IP_DF || this.cfg.mode === 'ipip6') {
      this.inner.write(buildFragNeeded(Uint8Array.from(this.peerV4 ?? h.dst), pkt, h, mtu));
      return this.drop('too-big');
    }
    for (const frag of fragmentIpv4(pkt, h, mtu)) this.sendPacket(frag);
  }

  /**
   * Receive path for one outer datagram (see the top of this file for what `packet` holds). `outerTos` is
   * the outer TOS / traffic class when the kernel stripped the header (raw IPv6, UDP).
   */
  fromOuter(packet: Uint8Array, src: Uint8Array, outerTos = 0): void {
    if (this.stopped) return;
    let payload = packet;
    if (this.rawV4) {
      const h = parseIpv4(packet);
      if (typeof h === 'string') return this.drop(h);
      if (h.protocol !== this.encap.protocol) return this.drop('wrong-protocol');
      src = h.src;
      outerTos = h.tos;
      payload = packet.subarray(h.headerLength, h.totalLength);
    }
    if (!this.acceptsSource(src)) return this.drop('wrong-source');
    const d = this.encap.decapsulate(payload);
    if (typeof d === 'string') return this.drop(d);
    let inner = d.inner;
    if (d.family !== 'eth') {
      const checked = this.checkInner(inner, d.family, src);
      if (typeof checked === 'string') return this.drop(checked);
      inner = checked;
    }
    const ip = this.l2 ? L2Side.ipOf(inner) : { packet: inner, family: d.family as 4 | 6 };
    if (ip && (outerTos & ECN_MASK) === ECN_CE && !ecnDecapsulate(ip.packet, ip.family)) return this.drop('ecn');
    const now = this.now();
    this.prober.heard(now);
    this.l2?.learn(inner);
    if (!ip || !this.prober.consume(ip.packet, ip.family, now)) {
      this.clampMss(ip);
      const refused = this.inner.write(inner);
      if (refused) return this.drop(refused);
    }
    this.counters.packetsIn++;
    this.counters.bytesIn += inner.length;
  }

  /** SYNs are clamped both ways, as a router with `adjust-mss` on the tunnel interface does. */
  private clampMss(ip: { packet: Uint8Array; family: 4 | 6 } | undefined): void {
    if (this.cfg.mss !== null && ip) clampMss(ip.packet, ip.family, this.cfg.mss);
  }

  private acceptsSource(src: Uint8Array): boolean {
    if (this.sixrd) return this.sixrd.acceptsSource(src);
    return this.remote === null || sameBytes(src, this.remote);
  }

  /** Inner header validity, 6rd anti-spoofing and RFC 6040 ECN; returns the packet trimmed to its length. */
  private checkInner(inner: Uint8Array, family: 4 | 6, outerSrc: Uint8Array): Uint8Array | DropReason {
    if (family === 4) {
      const h = parseIpv4(inner);
      return typeof h === 'string' ? h : inner.subarray(0, h.totalLength);
    }
    const h = parseIpv6(inner);
    if (typeof h === 'string') return h;
    if (this.sixrd?.isSpoofed(outerSrc, h.src)) return 'spoofed-6rd';
    return inner.subarray(0, IPV6_HEADER_LEN + h.payloadLength);
  }

  /** Sends the next keepalive probe round; call on start and every keepalive interval. */
  probe(): void {
    for (const t of this.prober.next(this.now())) {
      this.sendPacket(this.l2 ? this.l2.frame(t.packet, t.family, t.src, t.dst) : t.packet);
    }
  }

  state(): EngineState {
    return this.stopped ? 'down' : this.prober.state(this.now(), this.cfg.deadSeconds * 1000);
  }

  stop(): void {
    this.stopped = true;
  }

  status(): EngineStatus {
    return {
      name: this.cfg.name,
      mode: this.cfg.mode,
      inner: this.cfg.inner,
      state: this.state(),
      rttMs: this.prober.rttMs === null ? null : Math.round(this.prober.rttMs * 1000) / 1000,
      ...this.counters,
      probesSent: this.prober.sent,
      probeReplies: this.prober.replies,
      drops: { ...this.drops },
    };
  }
}

/**
 * RFC 6040 for an outer CE mark: an ECN-capable inner packet gets CE; a not-ECT one must be dropped
 * (returns false). Header lengths were checked by the caller.
 */
function ecnDecapsulate(ip: Uint8Array, family: 4 | 6): boolean {
  if (family === 4) {
    if (ip.length < IPV4_HEADER_LEN || (ip[1] & ECN_MASK) === 0) return false;
    ip[1] |= ECN_CE;
    setIpv4Checksum(ip, 0);
    return true;
  }
  if (ip.length < IPV6_HEADER_LEN || ((ip[1] >> 4) & ECN_MASK) === 0) return false;
  ip[1] |= ECN_CE << 4;
  return true;
}

/** TOS / traffic class of the inner IP packet (inside the Ethernet frame on VXLAN); 0 for non-IP. */
function innerTos(buf: Uint8Array, start: number, end: number, family: InnerFamily): number {
  let v = family;
  if (family === 'eth') {
    const ip = L2Side.ipOf(buf.subarray(start, end));
    if (!ip) return 0;
    v = ip.family;
    start += ETHERNET_HEADER_LEN;
    if (start + 2 > end) return 0;
  }
  return v === 4 ? buf[start + 1] : ((buf[start] & 0x0f) << 4) | (buf[start + 1] >> 4);
}

/** RFC 6040 / Linux INET_ECN_encapsulate with a zero configured TOS: copy ECN, CE becomes ECT(0). */
function ecnEncapsulate(innerTos: number): number {
  const ecn = innerTos & ECN_MASK;
  return ecn === ECN_CE ? ECN_ECT0 : ecn;
}

