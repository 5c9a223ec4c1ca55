// struct sockaddr_in / sockaddr_in6 encoding (family in host byte order, port and address in network order).
import { AF_INET, AF_INET6 } from './libc';

export const SOCKADDR_IN_LEN = 16;
export const SOCKADDR_IN6_LEN = 28;

export function encodeSockaddr(addr: Uint8Array, port = 0): Uint8Array {
  const v4 = addr.length === 4;
  const sa = new Uint8Array(v4 ? SOCKADDR_IN_LEN : SOCKADDR_IN6_LEN);
  new DataView(sa.buffer).setUint16(0, v4 ? AF_INET : AF_INET6, true);
  sa[2] = port >> 8;
  sa[3] = port & 0xff;
  sa.set(addr, v4 ? 4 : 8);
  return sa;
}

