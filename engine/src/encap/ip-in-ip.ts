// ipip, ipip6, ip6ip6, sit, 6rd: the inner packet is the outer payload; the outer protocol names its family.
import { PROTO_IPIP, PROTO_IPV6 } from '../packets/ipv4';
import type { DropReason } from '../packets/drops';
import type { Decapsulated, Encap, InnerFamily } from './types';

export function ipInIp(innerFamily: 4 | 6): Encap {
  return {
    protocol: innerFamily === 4 ? PROTO_IPIP : PROTO_IPV6,
    maxHeaderLength: 0,
    carries: (f: InnerFamily) => f === innerFamily,
    encapsulate: (_buf, start) => start,
    decapsulate(payload: Uint8Array): Decapsulated | DropReason {
      if (payload.length < 1) return 'truncated';
      if (payload[0] >> 4 !== innerFamily) return 'wrong-protocol';
      return { inner: payload, family: innerFamily };
    },
  };
}
