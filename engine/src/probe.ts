// Liveness: echo requests to the peer's inner address (or to our own, which the peer routes back to us),
// RTT from the answers, and the state derived from how recently the peer was heard.
import { addrBytes, familyOf, sameBytes } from './packets/addr';
import { buildIcmpEcho, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, parseIcmpEcho } from './packets/icmp';
import { buildIcmpv6Echo, ICMPV6_ECHO_REPLY, ICMPV6_ECHO_REQUEST, icmpv6ChecksumOk } from './packets/icmpv6';
import { IPV4_HEADER_LEN, parseIpv4, PROTO_ICMP, PROTO_ICMPV6 } from './packets/ipv4';
import { IPV6_HEADER_LEN, parseIpv6 } from './packets/ipv6';
import type { EngineConfig } from './config';
import type { EngineState } from './status';

/** Send times of recent probes, by sequence number modulo the ring size. */
const RING = 64;
const PAYLOAD = new TextEncoder().encode('tunnelwright-keepalive');

export interface ProbeTarget {
  family: 4 | 6;
  src: Uint8Array;
  dst: Uint8Array;
}

export class Prober {
  readonly id: number;
  private seq = 0;
  private readonly sentAt = new Float64Array(RING);
  private readonly started: number;
  private lastHeard = -1;
  rttMs: number | null = null;
  sent = 0;
  replies = 0;
  readonly targets: ProbeTarget[];

  constructor(cfg: EngineConfig, now: number, random: (n: number) => Uint8Array) {
    const r = random(2);
    this.id = (r[0] << 8) | r[1];
    this.started = now;
    this.targets = probeTargets(cfg);
  }

  /** Builds the next round of echo requests (one per target). */
  next(now: number): (ProbeTarget & { packet: Uint8Array })[] {
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xffff;
    this.sentAt[seq % RING] = now;
    this.sent += this.targets.length;
    return this.targets.map((t) => ({
      ...t,
      packet:
        t.family === 4
          ? buildIcmpEcho(t.src, t.dst, ICMP_ECHO_REQUEST, this.id, seq, PAYLOAD)
          : buildIcmpv6Echo(t.src, t.dst, ICMPV6_ECHO_REQUEST, this.id, seq, PAYLOAD),
    }));
  }

  heard(now: number): void {
    this.lastHeard = now;
  }

  /**
   * Whether an inbound inner IP packet is one of our probes coming back (the peer's echo reply, or our own
   * request looped back by the peer); if so it is consumed and the RTT updated.
   */
  consume(packet: Uint8Array, family: 4 | 6, now: number): boolean {
    const echo = family === 4 ? echo4(packet) : echo6(packet);
    // Identifier and payload both ours: a user's ping that happens to share the identifier is left alone.
    if (!echo || echo.id !== this.id || !sameBytes(echo.data, PAYLOAD)) return false;
    const ours = this.targets.some((t) => t.family === family && sameBytes(t.src, echo.dst));
    if (!ours) return false;
    const isReply = echo.type === ICMP_ECHO_REPLY || echo.type === ICMPV6_ECHO_REPLY;
    const looped = (echo.type === ICMP_ECHO_REQUEST || echo.type === ICMPV6_ECHO_REQUEST) && sameBytes(echo.src, echo.dst);
    if (!isReply && !looped) return false;
    this.rttMs = Math.max(0, now - this.sentAt[echo.seq % RING]);
    this.replies++;
    this.lastHeard = now;
    return true;
  }

  state(now: number, deadMs: number): EngineState {
    if (this.lastHeard >= 0 && now - this.lastHeard <= deadMs) return 'up';
    if (this.lastHeard < 0 && now - this.started <= deadMs) return 'starting';
    return 'no reply from peer';
  }
}

/**
 * Per inner family: from our inner address to the peer's (or our own, which the peer routes back). A tunnel
 * without inner addresses of the outer family still sends an echo from its outer address to the peer's, so
 * that the first packet goes out (opening NAT and stateful filters) even with nothing else to say.
 */
function probeTargets(cfg: EngineConfig): ProbeTarget[] {
  const out: ProbeTarget[] = [];
  for (const fam of [4, 6] as const) {
    const own = cfg.addresses.find((a) => a.family === fam && !isLinkLocal(a.address));
    if (!own) continue;
    const peer = cfg.probeTargets.find((t) => familyOf(t) === fam);
    out.push({ family: fam, src: addrBytes(own.address), dst: addrBytes(peer ?? own.address) });
  }
  // One probe family is enough when the peer's address is known for it; prefer those.
  const known = out.filter((t) => !sameBytes(t.src, t.dst));
  if (known.length > 0) return known;
  if (out.length > 0) return out.slice(0, 1);
  const carried = cfg.mode === 'ipip' || cfg.mode === 'gre' || (cfg.outerFamily === 6 && cfg.mode !== 'ipip6' && cfg.mode !== 'vxlan');
  if (!cfg.remote || !carried) return [];
  const family = cfg.outerFamily;
  return [{ family, src: addrBytes(cfg.local ?? (family === 4 ? '0.0.0.0' : '::')), dst: addrBytes(cfg.remote) }];
}

function isLinkLocal(a: string): boolean {
  return a.toLowerCase().startsWith('fe80:');
}

interface EchoSeen {
  type: number;
  id: number;
  seq: number;
  src: Uint8Array;
  dst: Uint8Array;
  data: Uint8Array;
}

function echo4(packet: Uint8Array): EchoSeen | undefined {
  const h = parseIpv4(packet);
  if (typeof h === 'string' || h.protocol !== PROTO_ICMP || h.headerLength !== IPV4_HEADER_LEN) return undefined;
  const e = parseIcmpEcho(packet.subarray(h.headerLength, h.totalLength));
  return e && { type: e.type, id: e.id, seq: e.seq, src: h.src, dst: h.dst, data: e.data };
}

function echo6(packet: Uint8Array): EchoSeen | undefined {
  const h = parseIpv6(packet);
  if (typeof h === 'string' || h.nextHeader !== PROTO_ICMPV6) return undefined;
  const msg = packet.subarray(IPV6_HEADER_LEN, IPV6_HEADER_LEN + h.payloadLength);
  if (msg.length < 8 || !icmpv6ChecksumOk(h.src, h.dst, msg) || msg[1] !== 0) return undefined;
  return { type: msg[0], id: (msg[4] << 8) | msg[5], seq: (msg[6] << 8) | msg[7], src: h.src, dst: h.dst, data: msg.subarray(8) };
}
