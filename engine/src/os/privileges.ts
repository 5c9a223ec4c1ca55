// Giving up privileges once the device and sockets are open. Everything the engine does afterwards —
// reading and writing the open TUN fd and raw/UDP socket, poll, the path-MTU lookup on a UDP socket,
// the unix control socket — needs no capability (the inner MTU follows the path inside the engine, not
// with `ip link set`). Linux keeps capabilities per thread, so each thread that handles input calls this.
import { readFileSync } from 'node:fs';
import { SystemError } from './errors';
import { libc } from './libc';

const PR_CAPBSET_DROP = 24;
const PR_SET_NO_NEW_PRIVS = 38;
const LINUX_CAPABILITY_VERSION_3 = 0x20080522;
/** v3 data: two { effective, permitted, inheritable } triples of 32 bits (capabilities 0–31, 32–63). */
const CAP_DATA_WORDS = 6;

function lastCapability(): number {
  try {
    return Number(readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8'));
  } catch {
    return 63;
  }
}

/**
 * Empties the calling thread's bounding set (so no later exec, even as uid 0, regains anything), sets
 * no_new_privs, then clears its effective, permitted and inheritable capabilities.
 */
export function dropCapabilities(): void {
  const c = libc();
  // Dropping from the bounding set needs CAP_SETPCAP; without it there is nothing we could regain anyway.
  for (let cap = 0, last = lastCapability(); cap <= last; cap++) c.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
  if (c.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) throw SystemError.fromErrno('prctl(PR_SET_NO_NEW_PRIVS)');
  // pid 0: this thread. Lowering capabilities is always allowed.
  if (c.capset(new Int32Array([LINUX_CAPABILITY_VERSION_3, 0]), new Uint32Array(CAP_DATA_WORDS)) < 0) throw SystemError.fromErrno('capset');
}
