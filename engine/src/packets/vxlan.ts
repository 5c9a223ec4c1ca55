// VXLAN header (RFC 7348 §5).
import type { DropReason } from './drops';

export const VXLAN_HEADER_LEN = 8;
export const VXLAN_FLAG_VNI = 0x08;
/** Linux and VyOS send to 8472 unless a port (usually IANA's 4789) is configured. */
export const VXLAN_LINUX_DEFAULT_PORT = 8472;

export function writeVxlan(buf: Uint8Array, off: number, vni: number): void {
  buf[off] = VXLAN_FLAG_VNI;
  buf[off + 1] = 0;
  buf[off + 2] = 0;
  buf[off + 3] = 0;
  buf[off + 4] = (vni >> 16) & 0xff;
  buf[off + 5] = (vni >> 8) & 0xff;
  buf[off + 6] = vni & 0xff;
  buf[off + 7] = 0;
}

/** Returns the VNI; like Linux, anything but the I flag and zero reserved bits is malformed. */
export function parseVxlan(buf: Uint8Array): number | DropReason {
  if (buf.length < VXLAN_HEADER_LEN) return 'truncated';
  if (buf[0] !== VXLAN_FLAG_VNI || buf[1] | buf[2] | buf[3] | buf[7]) return 'malformed';
  return (buf[4] << 16) | (buf[5] << 8) | buf[6];
}
