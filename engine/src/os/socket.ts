// Outer sockets: raw IPv4/IPv6 for IP protocols 4, 41 and 47, UDP for VXLAN. Non-blocking; the worker
// polls them.
import { sameBytes } from '../packets/addr';
import {
  AF_INET, AF_INET6, IP_HDRINCL, IP_RECVTOS, IP_TOS, IPV6_RECVTCLASS, IPV6_TCLASS, IP_MTU_DISCOVER, IP_PMTUDISC_DONT, IPPROTO_IP, IPPROTO_IPV6, IPV6_DSTOPTS, IPV6_UNICAST_HOPS,
  IPV6_V6ONLY, libc, SO_RCVBUF, SO_REUSEADDR, SO_SNDBUF, SOCK_CLOEXEC, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_RAW, SOL_SOCKET,
} from './libc';
import { encodeSockaddr, sockaddrAddress, SOCKADDR_IN6_LEN } from './sockaddr';
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

/** Opens and configures the socket; the fd is closed by the caller (`closeFd`). */
export function openOuterSocket(spec: OuterSocketSpec): number {
  const c = libc();
  const af = spec.family === 4 ? AF_INET : AF_INET6;
  const udp = spec.protocol === 'udp';
  const fd = c.socket(af, (udp ? SOCK_DGRAM : SOCK_RAW) | SOCK_NONBLOCK | SOCK_CLOEXEC, udp ? 0 : spec.protocol);
  if (fd < 0) throw SystemError.fromErrno(udp ? 'UDP socket' : `raw socket for IP protocol ${String(spec.protocol)}`);
  try {
    setInt(fd, SOL_SOCKET, SO_RCVBUF, SOCKET_BUFFER);
    setInt(fd, SOL_SOCKET, SO_SNDBUF, SOCKET_BUFFER);
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

/** The OuterPort over an open socket, plus the receive side the worker drains. */
export class SocketPort implements OuterPort {
  private readonly c = libc();
  private readonly from = new Uint8Array(SOCKADDR_IN6_LEN);
  private readonly fromLen = new Uint32Array(1);
  private readonly rx: Uint8Array;
  private readonly msg: MsgReceiver | null;
  private lastDst: Uint8Array | null = null;
  private lastSa: Uint8Array = new Uint8Array(0);
  private tos = 0;

  /** @param kernelHeader whether the kernel writes the outer IP header (IPv6, UDP): TOS goes by socket option */
  constructor(readonly fd: number, private readonly family: 4 | 6, private readonly kernelHeader: boolean, private readonly port = 0) {
    this.msg = kernelHeader ? new MsgReceiver(MAX_DATAGRAM) : null;
    this.rx = kernelHeader ? new Uint8Array(0) : new Uint8Array(MAX_DATAGRAM);
  }

  send(packet: Uint8Array, dst: Uint8Array, tos: number): boolean {
    // ECN follows the inner packet; it changes rarely, so the option is set only when it does.
    if (this.kernelHeader && tos !== this.tos) {
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
    return this.c.sendto(this.fd, packet, packet.length, 0, this.lastSa, this.lastSa.length) === packet.length;
  }

  /**
   * Receives one datagram; null when nothing is waiting. Raw IPv4 comes with its header (TOS inside);
   * otherwise the kernel's header is gone and its TOS / traffic class arrives as a control message.
   */
  receive(): Received | null {
    if (this.msg) return this.msg.receive(this.fd);
    this.fromLen[0] = this.from.length;
    const n = this.c.recvfrom(this.fd, this.rx, this.rx.length, 0, this.from, this.fromLen);
    return n < 0 ? null : { packet: this.rx.subarray(0, n), src: sockaddrAddress(this.from), tos: 0 };
  }
}

export interface Received {
  packet: Uint8Array;
  src: Uint8Array;
  tos: number;
}

/** struct msghdr / iovec / cmsghdr layout on 64-bit Linux. */
const MSGHDR_LEN = 56;
const IOVEC_LEN = 16;
const CONTROL_LEN = 64;
const CMSG_HEADER_LEN = 16;

/** recvmsg with its structures in native memory, set up once. */
class MsgReceiver {
  private readonly c = libc();
  private readonly data;
  private readonly name;
  private readonly control;
  private readonly msg;
  private readonly msgView: DataView;

  constructor(size: number) {
    this.data = this.c.alloc(size);
    this.name = this.c.alloc(SOCKADDR_IN6_LEN);
    this.control = this.c.alloc(CONTROL_LEN);
    const iov = this.c.alloc(IOVEC_LEN);
    const iovView = new DataView(iov.bytes.buffer, iov.bytes.byteOffset, IOVEC_LEN);
    iovView.setBigUint64(0, this.data.address, true);
    iovView.setBigUint64(8, BigInt(size), true);
    this.msg = this.c.alloc(MSGHDR_LEN);
    this.msgView = new DataView(this.msg.bytes.buffer, this.msg.bytes.byteOffset, MSGHDR_LEN);
    this.msgView.setBigUint64(0, this.name.address, true);
    this.msgView.setBigUint64(16, iov.address, true);
    this.msgView.setBigUint64(24, 1n, true);
    this.msgView.setBigUint64(32, this.control.address, true);
  }

  receive(fd: number): Received | null {
    // recvmsg overwrites the name and control lengths: reset them every time.
    this.msgView.setUint32(8, SOCKADDR_IN6_LEN, true);
    this.msgView.setBigUint64(40, BigInt(CONTROL_LEN), true);
    const n = this.c.recvmsg(fd, this.msg.ptr, 0);
    if (n < 0) return null;
    return { packet: this.data.bytes.subarray(0, n), src: sockaddrAddress(this.name.bytes), tos: this.tos(Number(this.msgView.getBigUint64(40, true))) };
  }

  /** IP_TOS (a byte) or IPV6_TCLASS (an int) among the control messages. */
  private tos(controlLen: number): number {
    const b = this.control.bytes;
    const v = new DataView(b.buffer, b.byteOffset, CONTROL_LEN);
    for (let off = 0; off + CMSG_HEADER_LEN <= controlLen; ) {
      const len = Number(v.getBigUint64(off, true));
      const level = v.getInt32(off + 8, true);
      const type = v.getInt32(off + 12, true);
      if (len < CMSG_HEADER_LEN) break;
      if (level === IPPROTO_IP && type === IP_TOS) return b[off + CMSG_HEADER_LEN];
      if (level === IPPROTO_IPV6 && type === IPV6_TCLASS) return v.getInt32(off + CMSG_HEADER_LEN, true) & 0xff;
      off += (len + 7) & ~7;
    }
    return 0;
  }
}
