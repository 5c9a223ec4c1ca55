// ARP for IPv4 over Ethernet (RFC 826).
export const ARP_LEN = 28;
export const ARP_REQUEST = 1;
export const ARP_REPLY = 2;

export interface Arp {
  op: number;
  senderMac: Uint8Array;
  senderIp: Uint8Array;
  targetMac: Uint8Array;
  targetIp: Uint8Array;
}

/** Parses an Ethernet/IPv4 ARP message; undefined for anything else. */
export function parseArp(p: Uint8Array): Arp | undefined {
  if (p.length < ARP_LEN) return undefined;
  // hardware type 1 (Ethernet), protocol 0x0800, lengths 6 and 4
  if (p[0] !== 0 || p[1] !== 1 || p[2] !== 0x08 || p[3] !== 0 || p[4] !== 6 || p[5] !== 4) return undefined;
  const op = (p[6] << 8) | p[7];
  if (op !== ARP_REQUEST && op !== ARP_REPLY) return undefined;
  return { op, senderMac: p.subarray(8, 14), senderIp: p.subarray(14, 18), targetMac: p.subarray(18, 24), targetIp: p.subarray(24, 28) };
}

export function buildArp(a: Arp): Uint8Array {
  const p = new Uint8Array(ARP_LEN);
  p.set([0, 1, 0x08, 0, 6, 4, 0, a.op]);
  p.set(a.senderMac, 8);
  p.set(a.senderIp, 14);
  p.set(a.targetMac, 18);
  p.set(a.targetIp, 24);
  return p;
}
