// Ethernet side of VXLAN for what the engine itself sends and answers: a bounded neighbour table learned
// from ARP and neighbour advertisements, and framing of IP packets the engine originates.
import { addrText } from './packets/addr';
import { buildArp, parseArp, ARP_REQUEST } from './packets/arp';
import { BROADCAST_MAC, buildFrame, ETHERNET_HEADER_LEN, ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, etherType, ipv6MulticastMac } from './packets/ethernet';
import { icmpv6ChecksumOk } from './packets/icmpv6';
import { PROTO_ICMPV6 } from './packets/ipv4';
import { IPV6_HEADER_LEN, parseIpv6 } from './packets/ipv6';
import { buildNeighborSolicit, ND_NEIGHBOR_ADVERT, ND_NEIGHBOR_SOLICIT, parseNeighbor, solicitedNode } from './packets/ndp';

const MAX_NEIGHBORS = 1024;

export class L2Side {
  private readonly neighbors = new Map<string, Uint8Array>();

  constructor(readonly mac: Uint8Array) {}

  /** Learns sender addresses from ARP and NS/NA in a frame (either direction). */
  learn(frame: Uint8Array): void {
    if (frame.length < ETHERNET_HEADER_LEN) return;
    const type = etherType(frame);
    const payload = frame.subarray(ETHERNET_HEADER_LEN);
    if (type === ETHERTYPE_ARP) {
      const a = parseArp(payload);
      if (a) this.remember(addrText(a.senderIp), a.senderMac);
    } else if (type === ETHERTYPE_IPV6) {
      const h = parseIpv6(payload);
      if (typeof h === 'string' || h.nextHeader !== PROTO_ICMPV6) return;
      const msg = payload.subarray(IPV6_HEADER_LEN, IPV6_HEADER_LEN + h.payloadLength);
      if (!icmpv6ChecksumOk(h.src, h.dst, msg)) return;
      const n = parseNeighbor(msg);
      if (n?.mac && n.type === ND_NEIGHBOR_ADVERT) this.remember(addrText(n.target), n.mac);
      if (n?.mac && n.type === ND_NEIGHBOR_SOLICIT) this.remember(addrText(h.src), n.mac);
    }
  }

  private remember(ip: string, mac: Uint8Array): void {
    if (this.neighbors.size >= MAX_NEIGHBORS && !this.neighbors.has(ip)) this.neighbors.clear();
    this.neighbors.set(ip, Uint8Array.from(mac));
  }

  /**
   * Frames an IP packet from us to `dst`; when the neighbour is unknown, returns the ARP request or
   * neighbour solicitation that resolves it instead (the caller's next attempt then goes through).
   */
  frame(packet: Uint8Array, family: 4 | 6, src: Uint8Array, dst: Uint8Array): Uint8Array {
    const mac = this.neighbors.get(addrText(dst));
    if (mac) return buildFrame(mac, this.mac, family === 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6, packet);
    if (family === 4) {
      const arp = buildArp({ op: ARP_REQUEST, senderMac: this.mac, senderIp: src, targetMac: new Uint8Array(6), targetIp: dst });
      return buildFrame(BROADCAST_MAC, this.mac, ETHERTYPE_ARP, arp);
    }
    return buildFrame(ipv6MulticastMac(solicitedNode(dst)), this.mac, ETHERTYPE_IPV6, buildNeighborSolicit(src, dst, this.mac));
  }

  /** The IP packet inside a frame with its family, or undefined for non-IP frames. */
  static ipOf(frame: Uint8Array): { packet: Uint8Array; family: 4 | 6 } | undefined {
    if (frame.length <= ETHERNET_HEADER_LEN) return undefined;
    const t = etherType(frame);
    if (t === ETHERTYPE_IPV4) return { packet: frame.subarray(ETHERNET_HEADER_LEN), family: 4 };
    if (t === ETHERTYPE_IPV6) return { packet: frame.subarray(ETHERNET_HEADER_LEN), family: 6 };
    return undefined;
  }
}
