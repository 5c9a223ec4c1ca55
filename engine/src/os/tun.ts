// TUN (IP) and TAP (Ethernet) devices through /dev/net/tun and TUNSETIFF, without packet-info headers.
import { openSync, closeSync, constants } from 'node:fs';
import { IFF_NO_PI, IFF_TAP, IFF_TUN, IFNAMSIZ, libc, TUNSETIFF } from './libc';
import { SystemError } from './errors';
import type { InnerPort } from '../engine';
import type { DropReason } from '../packets/drops';

/** struct ifreq: 16-byte name, then the flags short at offset 16 (40 bytes in all on 64-bit). */
const IFREQ_LEN = 40;

export function openTun(name: string, tap: boolean): number {
  let fd: number;
  try {
    fd = openSync('/dev/net/tun', constants.O_RDWR | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no /dev/net/tun (load the tun module, or use --inner host)' : code === 'EACCES' || code === 'EPERM' ? 'permission denied (needs root or CAP_NET_ADMIN, or use --inner host)' : String(e);
    throw new Error(`cannot open /dev/net/tun: ${why}`);
  }
  const ifr = new Uint8Array(IFREQ_LEN);
  const nameBytes = new TextEncoder().encode(name);
  if (nameBytes.length >= IFNAMSIZ) throw new Error(`device name "${name}" is longer than ${IFNAMSIZ - 1} bytes`);
  ifr.set(nameBytes, 0);
  new DataView(ifr.buffer).setUint16(16, (tap ? IFF_TAP : IFF_TUN) | IFF_NO_PI, true);
  if (libc().ioctl(fd, TUNSETIFF, ifr) < 0) {
    const err = SystemError.fromErrno(`creating ${tap ? 'TAP' : 'TUN'} device ${name}`);
    closeSync(fd);
    throw err;
  }
  return fd;
}

/** Writes inner packets to the device; a full device queue drops the packet rather than blocking. */
export class TunPort implements InnerPort {
  private readonly c = libc();

  constructor(readonly fd: number) {}

  write(packet: Uint8Array): DropReason | void {
    if (this.c.write(this.fd, packet, packet.length) !== packet.length) return 'inner-full';
  }

  /** Reads one packet into `buf`; −1 when nothing is waiting. */
  read(buf: Uint8Array): number {
    return this.c.read(this.fd, buf, buf.length);
  }
}
