// Why a packet was dropped. Codecs return a reason instead of throwing; the engine counts them.
export type DropReason =
  | 'truncated'
  | 'malformed'
  | 'bad-checksum'
  | 'wrong-protocol'
  | 'wrong-source'
  | 'wrong-key'
  | 'checksum-mismatch'
  | 'sequence'
  | 'wrong-vni'
  | 'spoofed-6rd'
  | 'ecn'
  | 'too-big'
  | 'no-destination'
  /** Host mode: addressed to us, but not something the engine answers (only echo, ARP and ND are). */
  | 'not-for-us'
  | 'send-failed'
  | 'inner-full';

