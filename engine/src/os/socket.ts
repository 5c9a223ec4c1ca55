// Outer sockets: raw IPv4/IPv6 for IP protocols 4, 41 and 47, UDP for VXLAN. Non-blocking; the worker
// polls them.
import { sameBytes } from '../packets/addr';
import {
  AF_INET, AF_INET6, IP_HDRINCL, IP_RECVTOS, IP_TOS, IPV6_RECVTCLASS, IPV6_TCLASS, IP_MTU_DISCOVER, IP_PMTUDISC_DONT, IPPROTO_IP, IPPROTO_IPV6, IPV6_DSTOPTS, IPV6_UNICAST_HOPS,
  IPV6_V6ONLY, libc, SO_RCVBUF, SO_RCVBUFFORCE, SO_REUSEADDR, SO_SNDBUF, SO_SNDBUFFORCE, SOCK_CLOEXEC, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_RAW, SOL_SOCKET,
} from './libc';
import { encodeSockaddr } from './sockaddr';
import { MessageVector, PacketPool } from './mmsg';
import { SystemError } from './errors';
import type { OuterPort } from '../engine';

/** Largest IP datagram. */
const MAX_DATAGRAM = 65535;
/** Kernel socket buffers: bounded, large enough to ride out a scheduling hiccup of the worker. */
const SOCKET_BUFFER = 4 * 1024 * 1024;

export interface OuterSocketSpec {
  family: 4 | 6;
  /** IP protocol for raw sockets; 'udp' for VXLAN. */
  protocol: number | 'udp';
  local: Uint8Array | null;
  /** UDP: port to bind and to send to. */
  port?: number;
  /** IPv6 raw: hop limit and destination options (the encapsulation limit) for every packet. */
  hopLimit?: number;
  dstOpts?: Uint8Array | null;
}

function setInt(fd: number, level: number, name: number, value: number): void {
  const v = new Int32Array([value]);
  if (libc().setsockopt(fd, level, name, v, 4) < 0) throw SystemError.fromErrno(`setsockopt(${level}, ${name})`);
}

/**
 * The kernel silently caps SO_RCVBUF / SO_SNDBUF at net.core.rmem_max / wmem_max (about 208 KiB on a stock
 * system: a few hundred full-size packets). The *FORCE options lift the cap with CAP_NET_ADMIN, which a
 * privileged start has; without it the capped size is what there is.
 */
function setBuffer(fd: number, force: number, plain: number): void {
  if (libc().setsockopt(fd, SOL_SOCKET, force, new Int32Array([SOCKET_BUFFER]), 4) < 0) setInt(fd, SOL_SOCKET, plain, SOCKET_BUFFER);
}

/** Opens and configures the socket; the fd is closed by the caller (`closeFd`). */
export function openOuterSocket(spec: OuterSocketSpec): number {
  const c = libc();
  const af = spec.family === 4 ? AF_INET : AF_INET6;
  const udp = spec.protocol === 'udp';
  const fd = c.socket(af, (udp ? SOCK_DGRAM : SOCK_RAW) | SOCK_NONBLOCK | SOCK_CLOEXEC, udp ? 0 : spec.protocol);
  if (fd < 0) throw SystemError.fromErrno(udp ? 'UDP socket' : `raw socket for IP protocol ${String(spec.protocol)}`);
  try {
    setBuffer(fd, SO_RCVBUFFORCE, SO_RCVBUF);
    setBuffer(fd, SO_SNDBUFFORCE, SO_SNDBUF);
    if (spec.family === 4 && !udp) setInt(fd, IPPROTO_IP, IP_HDRINCL, 1);
    // VXLAN is sent with DF clear, as Linux does.
    if (spec.family === 4 && udp) setInt(fd, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT);
    if (spec.family === 6 && udp) setInt(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1);
    // The outer TOS / traffic class, for ECN decapsulation, where the kernel strips the header.
    if (spec.family === 6) setInt(fd, IPPROTO_IPV6, IPV6_RECVTCLASS, 1);
    else if (udp) setInt(fd, IPPROTO_IP, IP_RECVTOS, 1);
    if (spec.family === 6 && spec.hopLimit) setInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, spec.hopLimit);
    if (spec.family === 6 && spec.dstOpts) {
      if (c.setsockopt(fd, IPPROTO_IPV6, IPV6_DSTOPTS, spec.dstOpts, spec.dstOpts.length) < 0) throw SystemError.fromErrno('setsockopt(IPV6_DSTOPTS)');
    }
    if (udp) setInt(fd, SOL_SOCKET, SO_REUSEADDR, 1);
    if (spec.local || udp) {
      const addr = spec.local ?? new Uint8Array(spec.family === 4 ? 4 : 16);
      const sa = encodeSockaddr(addr, udp ? spec.port ?? 0 : 0);
      if (c.bind(fd, sa, sa.length) < 0) throw SystemError.fromErrno(`bind to the local address`);
    }
  } catch (e) {
    c.close(fd);
    throw e;
  }
  return fd;
}

/** Datagrams per recvmmsg / sendmmsg call: the most the worker handles per descriptor per wakeup. */
export const BATCH = 64;
/** Room for one control message (IP_TOS or IPV6_TCLASS) per datagram. */
const CONTROL_LEN = 64;
const CMSG_HEADER_LEN = 16;

/**
 * The OuterPort over an open socket, batched both ways. Receiving fills up to BATCH datagrams per
 * recvmmsg into fixed native slots. Sending queues datagrams that lie in the worker's packet pool (their
 * address is known, so they are not copied) until `flush`, which hands them over in one sendmmsg; anything
 * else (probes, ICMP errors, fragments) goes out at once, after what is queued, so the order holds.
 */
export class SocketPort implements OuterPort {
  private readonly c = libc();
  private readonly rx = new MessageVector(BATCH, CONTROL_LEN);
  private readonly rxData = new PacketPool(BATCH, MAX_DATAGRAM);
  private readonly controlView = new DataView(this.rx.controls.buffer, this.rx.controls.byteOffset, this.rx.controls.length);
  private readonly sources: Uint8Array[] = [];
  private received = BATCH;
  private readonly tx = new MessageVector(BATCH);
  private readonly txLengths = new Int32Array(BATCH);
  /** Which sockaddr each send slot holds now, so the common single destination is copied once. */
  private readonly txNames: (Uint8Array | null)[] = new Array<Uint8Array | null>(BATCH).fill(null);
  private queued = 0;
  private refused = { packets: 0, bytes: 0 };
  private lastDst: Uint8Array | null = null;
  private lastSa: Uint8Array = new Uint8Array(0);
  private tos = 0;

  /**
   * @param kernelHeader whether the kernel writes the outer IP header (IPv6, UDP): TOS goes by socket option
   * @param pool where the worker reads inner packets; sends from it are batched
   */
  constructor(readonly fd: number, private readonly family: 4 | 6, private readonly kernelHeader: boolean, private readonly port = 0, private readonly pool: PacketPool | null = null) {
    for (let i = 0; i < BATCH; i++) {
      this.rx.setData(i, this.rxData.addressOf(this.rxData.slots[i])!, MAX_DATAGRAM);
      this.sources.push(family === 4 ? this.rx.nameView(i, 4, 4) : this.rx.nameView(i, 8, 16));
    }
  }

  send(packet: Uint8Array, dst: Uint8Array, tos: number): boolean {
    // ECN follows the inner packet; it changes rarely, so the option is set only when it does (after the
    // queued datagrams, which were meant to go with the old value).
    if (this.kernelHeader && tos !== this.tos) {
      this.sendQueued();
      const v = new Int32Array([tos]);
      if (this.family === 4) this.c.setsockopt(this.fd, IPPROTO_IP, IP_TOS, v, 4);
      else this.c.setsockopt(this.fd, IPPROTO_IPV6, IPV6_TCLASS, v, 4);
      this.tos = tos;
    }
    // One destination almost always: keep its sockaddr.
    if (!this.lastDst || !sameBytes(this.lastDst, dst)) {
      this.lastDst = Uint8Array.from(dst);
      this.lastSa = encodeSockaddr(dst, this.port);
    }
    const address = this.pool?.addressOf(packet) ?? null;
    if (address === null) {
      this.sendQueued();
      return this.c.sendto(this.fd, packet, packet.length, 0, this.lastSa, this.lastSa.length) === packet.length;
    }
    if (this.queued === BATCH) this.sendQueued();
    const i = this.queued++;
    this.tx.setData(i, address, packet.length);
    if (this.txNames[i] !== this.lastSa) {
      this.tx.setName(i, this.lastSa);
      this.txNames[i] = this.lastSa;
    }
    this.txLengths[i] = packet.length;
    return true;
  }

  /** Sends what is queued; returns the datagrams the kernel refused since the last flush (null: none). */
  flush(): { packets: number; bytes: number } | null {
    this.sendQueued();
    if (this.refused.packets === 0) return null;
    const r = this.refused;
    this.refused = { packets: 0, bytes: 0 };
    return r;
  }

  private sendQueued(): void {
    for (let i = 0; i < this.queued; ) {
      const n = this.c.sendmmsg(this.fd, this.tx.at(i), this.queued - i, 0);
      if (n > 0) {
        i += n;
        continue;
      }
      // Message i was refused (a full buffer, too big for the path, ...), as sendto would have refused
      // it alone: count it and go on with the next.
      this.refused.packets++;
      this.refused.bytes += this.txLengths[i++];
    }
    this.queued = 0;
  }

  /**
   * Receives up to BATCH datagrams; returns how many (0 when nothing is waiting). Datagram i is then
   * `packet(i)` from `source(i)`, valid until the next call. Raw IPv4 comes with its header (TOS inside);
   * otherwise the kernel's header is gone and its TOS / traffic class arrives as a control message.
   */
  receive(): number {
    this.rx.resetForReceive(this.received);
    const n = this.c.recvmmsg(this.fd, this.rx.address, BATCH, 0, null);
    // Only the messages the kernel filled need their lengths restored next time.
    this.received = Math.max(n, 1);
    return Math.max(n, 0);
  }

  packet(i: number): Uint8Array {
    return this.rxData.slots[i].subarray(0, this.rx.length(i));
  }

  source(i: number): Uint8Array {
    return this.sources[i];
  }

  /** IP_TOS (a byte) or IPV6_TCLASS (an int) among datagram i's control messages; 0 on raw IPv4. */
  outerTos(i: number): number {
    if (!this.kernelHeader) return 0;
    const v = this.controlView;
    const base = i * CONTROL_LEN;
    const end = base + Math.min(this.rx.controlLength(i), CONTROL_LEN);
    for (let off = base; off + CMSG_HEADER_LEN <= end; ) {
      const len = Number(v.getBigUint64(off, true));
      const level = v.getInt32(off + 8, true);
      const type = v.getInt32(off + 12, true);
      if (len < CMSG_HEADER_LEN) break;
      if (level === IPPROTO_IP && type === IP_TOS) return v.getUint8(off + CMSG_HEADER_LEN);
      if (level === IPPROTO_IPV6 && type === IPV6_TCLASS) return v.getInt32(off + CMSG_HEADER_LEN, true) & 0xff;
      off += (len + 7) & ~7;
    }
    return 0;
  }
}
