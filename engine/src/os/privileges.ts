// Giving up privileges once the device and sockets are open. Linux keeps capabilities, the bounding set and
// no_new_privs per thread, and Node starts helper threads (libuv, V8) before any of our code runs, so
// dropping them in some threads leaves the others privileged. Instead the main thread drops everything —
// bounding set, ambient set, no_new_privs, then the identity (glibc changes the ids of every thread) — and
// execs Node again with the open descriptors: every thread of the new image starts from that one thread,
// with no capability to inherit and no way to gain one. Everything the engine does afterwards — the open
// TUN fd and outer socket, poll, the path-MTU lookup on a fresh UDP socket, the control socket in a folder
// the target user owns — needs none.
import { accessSync, constants, readFileSync } from 'node:fs';
import { SystemError } from './errors';
import { FD_CLOEXEC, F_GETFD, F_SETFD, libc } from './libc';

const PR_CAPBSET_DROP = 24;
const PR_SET_NO_NEW_PRIVS = 38;
const PR_CAP_AMBIENT = 47;
const PR_CAP_AMBIENT_CLEAR_ALL = 4;
const LINUX_CAPABILITY_VERSION_3 = 0x20080522;
/** v3 data: two { effective, permitted, inheritable } triples of 32 bits (capabilities 0–31, 32–63). */
const CAP_DATA_WORDS = 6;

/** nogroup on Linux distributions: the group of a user whose primary group is root. */
export const NOGROUP = 65534;
/** (uid_t) −1 means "unchanged" to the set*id calls, so it is never a valid target. */
const ID_MAX = 0xfffffffe;

export interface Identity {
  uid: number;
  gid: number;
}

function parseId(name: string, text: string): number | string {
  const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  return n <= ID_MAX ? n : `${name}="${text.slice(0, 20)}" is not a user or group id (a number from 0 to ${ID_MAX})`;
}

/**
 * Who a root engine runs as once started: the user who elevated it (sudo's SUDO_UID/SUDO_GID, or pkexec's
 * PKEXEC_UID with that user's primary group); root itself when nobody elevated it (a root login, sudo run by
 * root) — then without any capability, as for everyone. A user whose primary group is root gets nogroup.
 * Returns an error text for ids that are not numbers.
 */
export function targetIdentity(env: NodeJS.ProcessEnv, primaryGid: (uid: number) => number | null): Identity | string {
  let uid: number | string = 0;
  let gid: number | string | null = 0;
  if (env.SUDO_UID !== undefined) {
    uid = parseId('SUDO_UID', env.SUDO_UID);
    gid = env.SUDO_GID === undefined ? null : parseId('SUDO_GID', env.SUDO_GID);
  } else if (env.PKEXEC_UID !== undefined) {
    uid = parseId('PKEXEC_UID', env.PKEXEC_UID);
    gid = null;
  }
  if (typeof uid === 'string') return uid;
  if (typeof gid === 'string') return gid;
  if (uid === 0) return { uid: 0, gid: 0 };
  gid ??= primaryGid(uid);
  if (gid === null) return `user ${uid} has no entry in the passwd database, so its group is unknown`;
  return { uid, gid: gid === 0 ? NOGROUP : gid };
}

function lastCapability(): number {
  try {
    return Number(readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8'));
  } catch {
    return 63;
  }
}

/**
 * Drops every privilege of the process and replaces it with `argv` run as `become` (null: stay who we are,
 * for a non-root start with granted capabilities). Descriptors in `keep` (and stdio) survive the exec;
 * `reads` are files the new image must read, checked as the new user before the exec.
 * Returns only by throwing, when a step fails; the process is then partly unprivileged and should exit.
 */
export function dropPrivilegesAndExec(become: Identity | null, keep: number[], argv: string[], env: Record<string, string>, reads: string[]): never {
  const c = libc();
  // Dropping from the bounding set needs CAP_SETPCAP; without it there is nothing we could regain anyway.
  for (let cap = 0, last = lastCapability(); cap <= last; cap++) c.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
  c.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  if (c.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) throw SystemError.fromErrno('prctl(PR_SET_NO_NEW_PRIVS)');
  if (become) {
    // Groups first: once the uid is not 0 they can no longer be changed. Leaving uid 0 clears the
    // permitted and effective capabilities of every thread; staying root, the empty bounding set means the
    // exec below grants root none.
    if (c.setgroups(0, null) < 0) throw SystemError.fromErrno('setgroups');
    if (c.setresgid(become.gid, become.gid, become.gid) < 0) throw SystemError.fromErrno(`setresgid(${become.gid})`);
    if (c.setresuid(become.uid, become.uid, become.uid) < 0) throw SystemError.fromErrno(`setresuid(${become.uid})`);
  }
  // After the exec, a file it cannot read is a bare Node error; say what to do instead.
  for (const f of reads) {
    try {
      accessSync(f, constants.R_OK);
    } catch {
      throw new Error(`${f} is not readable by uid ${become?.uid ?? process.getuid?.()}, which the engine runs as once started (the user who started it through sudo or pkexec); install it where that user can read it`);
    }
  }
  // pid 0: this thread, the one that execs. Lowering capabilities is always allowed.
  if (c.capset(new Int32Array([LINUX_CAPABILITY_VERSION_3, 0]), new Uint32Array(CAP_DATA_WORDS)) < 0) throw SystemError.fromErrno('capset');
  // Node opens everything close-on-exec, stdio included.
  for (const fd of [0, 1, 2, ...keep]) {
    const flags = c.fcntl(fd, F_GETFD, 0);
    if (flags < 0 || c.fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC) < 0) throw SystemError.fromErrno(`keeping descriptor ${fd} open`);
  }
  c.execve(argv[0], [...argv, null], [...Object.entries(env).map(([k, v]) => `${k}=${v}`), null]);
  throw SystemError.fromErrno(`restarting ${argv[0]}${become ? ` as uid ${become.uid}` : ''}`);
}
