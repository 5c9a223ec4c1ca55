// Ethernet II framing (IEEE 802.3) for VXLAN's inner frames.
export const ETHERNET_HEADER_LEN = 14;
export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_IPV6 = 0x86dd;
export const BROADCAST_MAC = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);

export function etherType(frame: Uint8Array): number {
  return (frame[12] << 8) | frame[13];
}

export function buildFrame(dst: Uint8Array, src: Uint8Array, type: number, payload: Uint8Array): Uint8Array {
  const f = new Uint8Array(ETHERNET_HEADER_LEN + payload.length);
  f.set(dst, 0);
  f.set(src, 6);
  f[12] = type >> 8;
  f[13] = type & 0xff;
  f.set(payload, ETHERNET_HEADER_LEN);
  return f;
}

/** IPv6 multicast → 33:33 + low 32 bits (RFC 2464 §7). */
export function ipv6MulticastMac(dst: Uint8Array): Uint8Array {
  return Uint8Array.of(0x33, 0x33, dst[12], dst[13], dst[14], dst[15]);
}

/** A random locally administered unicast MAC (bit 1 of the first octet set, bit 0 clear). */
export function randomMac(random: (n: number) => Uint8Array): Uint8Array {
  const mac = random(6);
  mac[0] = (mac[0] & 0xfc) | 0x02;
  return mac;
}

export function macText(mac: Uint8Array): string {
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join(':');
}
