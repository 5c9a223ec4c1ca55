// 6rd (RFC 5969) address arithmetic for the CE and the BR: which IPv4 address a packet goes to, and which
// IPv4 sources may send which IPv6 sources.
import type { EngineConfig } from '../config';
import { addrBytes, inPrefix, readBits, sameBytes, writeBits } from '../packets/addr';

export class SixRdDomain {
  private readonly prefix: Uint8Array;
  private readonly prefixLength: number;
  private readonly maskLen: number;
  /** The IPv4 bits common to the domain (the local address's first `maskLen` bits). */
  private readonly relayPrefix: Uint8Array;
  private readonly br: Uint8Array | null;

  constructor(sixrd: NonNullable<EngineConfig['sixrd']>, local: string | null, remote: string | null) {
    this.prefix = addrBytes(sixrd.prefix.address);
    this.prefixLength = sixrd.prefix.prefixLength;
    this.maskLen = sixrd.ipv4MaskLen;
    this.relayPrefix = new Uint8Array(4);
    if (local) writeBits(this.relayPrefix, 0, this.maskLen, readBits(addrBytes(local), 0, this.maskLen));
    const br = sixrd.relay ?? remote;
    this.br = br ? addrBytes(br) : null;
  }

  /** The IPv4 address embedded in a 6rd address, or null when the address is outside the 6rd prefix. */
  embedded(v6: Uint8Array): Uint8Array | null {
    if (!inPrefix(v6, this.prefix, this.prefixLength)) return null;
    const out = Uint8Array.from(this.relayPrefix);
    const bits = 32 - this.maskLen;
    writeBits(out, this.maskLen, bits, readBits(v6, this.prefixLength, bits));
    return out;
  }

  /** CE/BR transmit: the embedded address inside the domain, else the BR. */
  destination(innerDst: Uint8Array): Uint8Array | null {
    return this.embedded(innerDst) ?? this.br;
  }

  /** Outer sources accepted: addresses inside the IPv4 domain, and the BR. */
  acceptsSource(v4: Uint8Array): boolean {
    return inPrefix(v4, this.relayPrefix, this.maskLen) || (this.br !== null && sameBytes(v4, this.br));
  }

  /** Linux sit's anti-spoofing: an inner source inside the 6rd prefix must embed the outer source. */
  isSpoofed(outerSrc: Uint8Array, innerSrc: Uint8Array): boolean {
    const e = this.embedded(innerSrc);
    return e !== null && !sameBytes(e, outerSrc);
  }
}
