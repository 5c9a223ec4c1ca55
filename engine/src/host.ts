// `--inner host`: no TUN device; the engine itself owns the inner addresses. It answers ICMP/ICMPv6 echo
// for them and, on VXLAN, ARP and neighbour solicitations; everything else is refused as 'not-for-us'
// (there is no transport layer behind it) and the engine counts it.
import { addrBytes, sameBytes } from './packets/addr';
import { ARP_REPLY, ARP_REQUEST, buildArp, parseArp } from './packets/arp';
import { buildFrame, ETHERNET_HEADER_LEN, ETHERTYPE_ARP, ETHERTYPE_IPV6, etherType } from './packets/ethernet';
import { buildIcmpEcho, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, parseIcmpEcho } from './packets/icmp';
import { buildIcmpv6Echo, ICMPV6_ECHO_REPLY, ICMPV6_ECHO_REQUEST, icmpv6ChecksumOk } from './packets/icmpv6';
import { parseIpv4, PROTO_ICMP, PROTO_ICMPV6 } from './packets/ipv4';
import { IPV6_HEADER_LEN, parseIpv6 } from './packets/ipv6';
import { buildNeighborAdvert, ND_NEIGHBOR_ADVERT, ND_NEIGHBOR_SOLICIT, parseNeighbor } from './packets/ndp';
import type { Cidr } from '../../server/src/model/types';
import type { InnerPort } from './engine';
import type { DropReason } from './packets/drops';

export class HostStack implements InnerPort {
  private readonly own: Uint8Array[];

  /**
   * @param reply sends a packet (L3) or frame (L2) back into the tunnel
   * @param mac our MAC on VXLAN; null on IP tunnels
   */
  constructor(addresses: Cidr[], private readonly mac: Uint8Array | null, private readonly reply: (packet: Uint8Array) => void) {
    this.own = addresses.map((a) => addrBytes(a.address));
  }

  write(packet: Uint8Array): DropReason | void {
    if (this.mac && this.isNeighborAnswer(packet)) return; // the engine learned the peer's MAC from it
    const answer = this.mac ? this.answerFrame(packet, this.mac) : this.answerIp(packet);
    if (!answer) return 'not-for-us';
    this.reply(answer);
  }

  /** An ARP reply or neighbour advertisement to one of our addresses: the answer to our own resolution. */
  private isNeighborAnswer(frame: Uint8Array): boolean {
    const payload = frame.subarray(ETHERNET_HEADER_LEN);
    const type = etherType(frame);
    if (type === ETHERTYPE_ARP) {
      const a = parseArp(payload);
      return a !== undefined && a.op === ARP_REPLY && this.isOwn(a.targetIp);
    }
    if (type !== ETHERTYPE_IPV6) return false;
    const h = parseIpv6(payload);
    if (typeof h === 'string' || h.nextHeader !== PROTO_ICMPV6 || !this.isOwn(h.dst)) return false;
    const msg = payload.subarray(IPV6_HEADER_LEN, IPV6_HEADER_LEN + h.payloadLength);
    return icmpv6ChecksumOk(h.src, h.dst, msg) && parseNeighbor(msg)?.type === ND_NEIGHBOR_ADVERT;
  }

  private isOwn(a: Uint8Array): boolean {
    return this.own.some((o) => sameBytes(o, a));
  }

  private answerFrame(frame: Uint8Array, mac: Uint8Array): Uint8Array | undefined {
    if (frame.length < ETHERNET_HEADER_LEN) return undefined;
    const peerMac = frame.subarray(6, 12);
    const payload = frame.subarray(ETHERNET_HEADER_LEN);
    const type = etherType(frame);
    if (type === ETHERTYPE_ARP) {
      const a = parseArp(payload);
      if (!a || a.op !== ARP_REQUEST || !this.isOwn(a.targetIp)) return undefined;
      const arp = buildArp({ op: ARP_REPLY, senderMac: mac, senderIp: a.targetIp, targetMac: a.senderMac, targetIp: a.senderIp });
      return buildFrame(a.senderMac, mac, ETHERTYPE_ARP, arp);
    }
    const ip = this.answerIp(payload) ?? (type === ETHERTYPE_IPV6 ? this.answerSolicit(payload, mac) : undefined);
    return ip && buildFrame(peerMac, mac, type, ip);
  }

  private answerSolicit(packet: Uint8Array, mac: Uint8Array): Uint8Array | undefined {
    const h = parseIpv6(packet);
    if (typeof h === 'string' || h.nextHeader !== PROTO_ICMPV6) return undefined;
    const msg = packet.subarray(IPV6_HEADER_LEN, IPV6_HEADER_LEN + h.payloadLength);
    if (!icmpv6ChecksumOk(h.src, h.dst, msg)) return undefined;
    const n = parseNeighbor(msg);
    if (!n || n.type !== ND_NEIGHBOR_SOLICIT || !this.isOwn(n.target)) return undefined;
    return buildNeighborAdvert(Uint8Array.from(n.target), h.src, mac);
  }

  /** Echo reply for an echo request to one of our addresses. */
  private answerIp(packet: Uint8Array): Uint8Array | undefined {
    if (packet.length < 1) return undefined;
    if (packet[0] >> 4 === 4) {
      const h = parseIpv4(packet);
      if (typeof h === 'string' || h.protocol !== PROTO_ICMP || !this.isOwn(h.dst) || (h.fragment & 0x3fff) !== 0) return undefined;
      const e = parseIcmpEcho(packet.subarray(h.headerLength, h.totalLength));
      if (!e || e.type !== ICMP_ECHO_REQUEST) return undefined;
      return buildIcmpEcho(Uint8Array.from(h.dst), Uint8Array.from(h.src), ICMP_ECHO_REPLY, e.id, e.seq, e.data);
    }
    const h = parseIpv6(packet);
    if (typeof h === 'string' || h.nextHeader !== PROTO_ICMPV6 || !this.isOwn(h.dst)) return undefined;
    const msg = packet.subarray(IPV6_HEADER_LEN, IPV6_HEADER_LEN + h.payloadLength);
    if (msg.length < 8 || msg[0] !== ICMPV6_ECHO_REQUEST || msg[1] !== 0 || !icmpv6ChecksumOk(h.src, h.dst, msg)) return undefined;
    return buildIcmpv6Echo(Uint8Array.from(h.dst), Uint8Array.from(h.src), ICMPV6_ECHO_REPLY, (msg[4] << 8) | msg[5], (msg[6] << 8) | msg[7], msg.subarray(8));
  }
}
