// gre / ip6gre (RFC 2784/2890) with Linux's receive rules: checksum presence must match the configuration,
// the key must match `ikey` (a keyed packet on an unkeyed tunnel matches no tunnel), and with `iseq` a
// sequence number is required and one that goes backwards is dropped.
import { PROTO_GRE } from '../packets/ipv4';
import { greHeaderLength, parseGre, writeGre } from '../packets/gre';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from '../packets/ethernet';
import type { DropReason } from '../packets/drops';
import type { EngineConfig } from '../config';
import type { Decapsulated, Encap, InnerFamily } from './types';

export function gre(cfg: Pick<EngineConfig, 'key' | 'gre'>): Encap {
  const okey = cfg.key?.o ?? undefined;
  const ikey = cfg.key?.i ?? undefined;
  const opts = cfg.gre ?? { iseq: false, oseq: false, icsum: false, ocsum: false };
  let oseq = 0;
  let iseq = 0; // next expected; 0 = none seen yet (Linux accepts any first number)
  return {
    protocol: PROTO_GRE,
    maxHeaderLength: greHeaderLength({ checksum: opts.ocsum, key: okey, seq: opts.oseq ? 0 : null }),
    carries: (f: InnerFamily) => f === 4 || f === 6,
    encapsulate(buf, start, end, family) {
      const fields = {
        protocol: family === 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6,
        checksum: opts.ocsum,
        key: okey,
        seq: opts.oseq ? oseq : undefined,
      };
      if (opts.oseq) oseq = (oseq + 1) >>> 0;
      const s = start - greHeaderLength(fields);
      writeGre(buf, s, end, fields);
      return s;
    },
    decapsulate(payload: Uint8Array): Decapsulated | DropReason {
      const h = parseGre(payload);
      if (typeof h === 'string') return h;
      if (h.checksumPresent !== opts.icsum) return 'checksum-mismatch';
      if (h.key !== ikey) return 'wrong-key';
      if (opts.iseq) {
        if (h.seq === undefined || (iseq !== 0 && ((h.seq - iseq) | 0) < 0)) return 'sequence';
        iseq = (h.seq + 1) >>> 0;
      }
      const inner = payload.subarray(h.headerLength);
      const family = h.protocol === ETHERTYPE_IPV4 ? 4 : h.protocol === ETHERTYPE_IPV6 ? 6 : undefined;
      if (family === undefined) return 'wrong-protocol';
      if (inner.length < 1) return 'truncated';
      if (inner[0] >> 4 !== family) return 'malformed';
      return { inner, family };
    },
  };
}
