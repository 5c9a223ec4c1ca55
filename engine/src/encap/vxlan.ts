// vxlan (RFC 7348): a VXLAN header in front of an Ethernet frame, carried in UDP.
import { PROTO_UDP } from '../packets/ipv4';
import { parseVxlan, VXLAN_HEADER_LEN, writeVxlan } from '../packets/vxlan';
import { ETHERNET_HEADER_LEN } from '../packets/ethernet';
import type { DropReason } from '../packets/drops';
import type { Decapsulated, Encap, InnerFamily } from './types';

export function vxlan(vni: number): Encap {
  return {
    protocol: PROTO_UDP,
    maxHeaderLength: VXLAN_HEADER_LEN,
    carries: (f: InnerFamily) => f === 'eth',
    encapsulate(buf, start) {
      writeVxlan(buf, start - VXLAN_HEADER_LEN, vni);
      return start - VXLAN_HEADER_LEN;
    },
    decapsulate(payload: Uint8Array): Decapsulated | DropReason {
      const got = parseVxlan(payload);
      if (typeof got === 'string') return got;
      if (got !== vni) return 'wrong-vni';
      if (payload.length < VXLAN_HEADER_LEN + ETHERNET_HEADER_LEN) return 'truncated';
      return { inner: payload.subarray(VXLAN_HEADER_LEN), family: 'eth' };
    },
  };
}
