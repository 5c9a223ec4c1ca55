// Which network capabilities this process has (root has them all), to explain a refusal before trying.
import { readFileSync } from 'node:fs';

const CAP_NET_ADMIN = 12;
const CAP_NET_RAW = 13;

export function capabilities(): { netAdmin: boolean; netRaw: boolean } {
  let eff = 0n;
  try {
    const m = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) eff = BigInt('0x' + m[1]);
  } catch {
    // not Linux: report none, the system calls will say the rest
  }
  const has = (bit: number) => (eff >> BigInt(bit)) & 1n ? true : false;
  return { netAdmin: has(CAP_NET_ADMIN), netRaw: has(CAP_NET_RAW) };
}
