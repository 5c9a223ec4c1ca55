// TCP MSS clamping (what `ip tcp adjust-mss` and friends do on a router): lower the MSS option of SYN
// segments, updating the checksum incrementally (RFC 1624) so the payload is never re-summed.
import { finish } from './checksum';
import { PROTO_TCP } from './ipv4';

const TCP_FLAG_SYN = 0x02;
const OPT_END = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_MSS_LEN = 4;
const IP_OFFSET_MASK = 0x1fff;

/** Clamps the MSS of a TCP SYN inside an IPv4/IPv6 packet to `mss`; returns whether it changed anything. */
export function clampMss(packet: Uint8Array, family: 4 | 6, mss: number): boolean {
  let tcp: number;
  if (family === 4) {
    if (packet.length < 20 || packet[9] !== PROTO_TCP || ((packet[6] << 8) | packet[7]) & IP_OFFSET_MASK) return false;
    tcp = (packet[0] & 0x0f) * 4;
  } else {
    if (packet.length < 40 || packet[6] !== PROTO_TCP) return false; // extension headers: left alone
    tcp = 40;
  }
  if (packet.length < tcp + 20 || !(packet[tcp + 13] & TCP_FLAG_SYN)) return false;
  const end = Math.min(packet.length, tcp + (packet[tcp + 12] >> 4) * 4);
  for (let o = tcp + 20; o < end; ) {
    const kind = packet[o];
    if (kind === OPT_END) break;
    if (kind === OPT_NOP) {
      o++;
      continue;
    }
    const len = packet[o + 1];
    if (len === undefined || len < 2 || o + len > end) return false;
    if (kind === OPT_MSS && len === OPT_MSS_LEN) {
      const old = (packet[o + 2] << 8) | packet[o + 3];
      if (old <= mss) return false;
      packet[o + 2] = mss >> 8;
      packet[o + 3] = mss & 0xff;
      // RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')
      const hc = (packet[tcp + 16] << 8) | packet[tcp + 17];
      const c = finish((~hc & 0xffff) + (~old & 0xffff) + mss);
      packet[tcp + 16] = c >> 8;
      packet[tcp + 17] = c & 0xff;
      return true;
    }
    o += len;
  }
  return false;
}
