// The path MTU towards an address as the kernel knows it: the route's MTU, lowered by "fragmentation
// needed" / "packet too big" messages it has received (raw sockets feed those into the route cache).
// Read from a throwaway connected UDP socket, which sends nothing.
import { AF_INET, AF_INET6, IP_MTU, IPPROTO_IP, IPPROTO_IPV6, IPV6_MTU, libc, SOCK_CLOEXEC, SOCK_DGRAM } from './libc';
import { encodeSockaddr } from './sockaddr';

/** Any port: connect() on UDP only picks the route. */
const DISCARD_PORT = 9;

export function kernelPathMtu(dst: Uint8Array): number | null {
  const c = libc();
  const v4 = dst.length === 4;
  const fd = c.socket(v4 ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return null;
  try {
    const sa = encodeSockaddr(dst, DISCARD_PORT);
    if (c.connect(fd, sa, sa.length) < 0) return null;
    const mtu = new Int32Array(1);
    const len = new Uint32Array([4]);
    if (c.getsockopt(fd, v4 ? IPPROTO_IP : IPPROTO_IPV6, v4 ? IP_MTU : IPV6_MTU, mtu, len) < 0) return null;
    return mtu[0];
  } finally {
    c.close(fd);
  }
}
