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
  | 'not-for-us'
  | 'send-failed'
  | 'inner-full';

export function isDrop(x: unknown): x is DropReason {
  return typeof x === 'string';
}
