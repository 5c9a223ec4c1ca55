// Outer sockets: raw IPv4/IPv6 for IP protocols 4, 41 and 47, UDP for VXLAN. Non-blocking; the worker
// polls them.
import { sameBytes } from '../packets/addr';
import {
  AF_INET, AF_INET6, IP_HDRINCL, IP_TOS, IPV6_TCLASS, IP_MTU_DISCOVER, IP_PMTUDISC_DONT, IPPROTO_IP, IPPROTO_IPV6, IPV6_DSTOPTS, IPV6_UNICAST_HOPS,
  IPV6_V6ONLY, libc, SO_RCVBUF, SO_REUSEADDR, SO_SNDBUF, SOCK_CLOEXEC, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_RAW, SOL_SOCKET,
} from './libc';
import { encodeSockaddr, sockaddrAddress, SOCKADDR_IN6_LEN } from './sockaddr';
import { SystemError } from './errors';
import type { OuterPort } from '../engine';

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
  private lastDst: Uint8Array | null = null;
  private lastSa: Uint8Array = new Uint8Array(0);
  private tos = 0;

  /** @param kernelHeader whether the kernel writes the outer IP header (IPv6, UDP): TOS goes by socket option */
  constructor(readonly fd: number, private readonly family: 4 | 6, private readonly kernelHeader: boolean, private readonly port = 0) {}

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

  /** Receives one datagram into buf; returns its length (−1 when nothing is waiting) and the source. */
  receive(buf: Uint8Array): { length: number; src: Uint8Array } {
    this.fromLen[0] = this.from.length;
    const n = this.c.recvfrom(this.fd, buf, buf.length, 0, this.from, this.fromLen);
    return { length: n, src: sockaddrAddress(this.from) };
  }
}
