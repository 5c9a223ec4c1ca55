// libc through koffi: the few system calls Node does not offer (raw sockets, poll, eventfd, TUNSETIFF,
// capset/prctl, the identity switch and execve).
// Loaded lazily so that code paths without I/O (tests, the CLI's error messages) never need the native module.
import { createRequire } from 'node:module';

type Fn = (...args: unknown[]) => number;

export interface Libc {
  socket: Fn;
  bind: Fn;
  connect: Fn;
  setsockopt: Fn;
  getsockopt: Fn;
  sendto: Fn;
  read: Fn;
  write: Fn;
  poll: Fn;
  eventfd: Fn;
  ioctl: Fn;
  close: Fn;
  /** The message vector is passed by address (a bigint), so that a call may start at any message. */
  recvmmsg: Fn;
  sendmmsg: Fn;
  capset: Fn;
  prctl: Fn;
  fcntl: Fn;
  setgroups: Fn;
  setresgid: Fn;
  setresuid: Fn;
  /** Arguments and environment are arrays of strings ending with null. */
  execve: Fn;
  /** The primary group of a user from the passwd database (files, LDAP… as NSS says); null if unknown. */
  primaryGid(uid: number): number | null;
  errno(): number;
  /** Native memory that never moves (for structures holding pointers), with a view onto it. */
  alloc(bytes: number): { ptr: unknown; bytes: Uint8Array; address: bigint };
}

let cached: Libc | undefined;

export function libc(): Libc {
  if (cached) return cached;
  // koffi is external to the bundle and loaded at run time (it ships a native binary).
  const koffi = createRequire(__filename)('koffi') as typeof import('koffi');
  const lib = koffi.load('libc.so.6');
  // Only the fields up to pw_gid are read; the rest of struct passwd is never touched.
  const passwd = koffi.struct('tw_passwd', { name: 'char *', passwd: 'char *', uid: 'uint32_t', gid: 'uint32_t' });
  const getpwuid = lib.func('void *getpwuid(uint32_t)');
  cached = {
    socket: lib.func('int socket(int, int, int)'),
    bind: lib.func('int bind(int, const void *, uint32_t)'),
    connect: lib.func('int connect(int, const void *, uint32_t)'),
    setsockopt: lib.func('int setsockopt(int, int, int, const void *, uint32_t)'),
    getsockopt: lib.func('int getsockopt(int, int, int, void *, void *)'),
    sendto: lib.func('long sendto(int, const void *, size_t, int, const void *, uint32_t)'),
    read: lib.func('long read(int, void *, size_t)'),
    write: lib.func('long write(int, const void *, size_t)'),
    poll: lib.func('int poll(void *, unsigned long, int)'),
    eventfd: lib.func('int eventfd(unsigned int, int)'),
    ioctl: lib.func('int ioctl(int, unsigned long, void *)'),
    close: lib.func('int close(int)'),
    recvmmsg: lib.func('int recvmmsg(int, uintptr_t, unsigned int, int, void *)'),
    sendmmsg: lib.func('int sendmmsg(int, uintptr_t, unsigned int, int)'),
    capset: lib.func('int capset(void *, void *)'),
    // prctl is variadic; every option used here takes integer arguments only.
    prctl: lib.func('int prctl(int, unsigned long, unsigned long, unsigned long, unsigned long)'),
    // fcntl is variadic too; F_GETFD/F_SETFD take an int.
    fcntl: lib.func('int fcntl(int, int, int)'),
    setgroups: lib.func('int setgroups(size_t, void *)'),
    // glibc applies these to every thread of the process (its setxid broadcast), not just the caller.
    setresgid: lib.func('int setresgid(uint32_t, uint32_t, uint32_t)'),
    setresuid: lib.func('int setresuid(uint32_t, uint32_t, uint32_t)'),
    execve: lib.func('int execve(const char *, const char **, const char **)'),
    primaryGid: (uid: number) => {
      const p = getpwuid(uid) as unknown;
      return p ? (koffi.decode(p, passwd) as { gid: number }).gid : null;
    },
    errno: () => koffi.errno(),
    alloc: (bytes: number) => {
      const ptr = koffi.alloc('uint8_t', bytes);
      return { ptr, bytes: new Uint8Array(koffi.view(ptr, bytes)), address: koffi.address(ptr) };
    },
  };
  return cached;
}

// Linux constants (x86-64 / generic ABI).
export const AF_INET = 2;
export const AF_INET6 = 10;
export const SOCK_DGRAM = 2;
export const SOCK_RAW = 3;
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;
export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;
export const SO_SNDBUF = 7;
export const SO_RCVBUF = 8;
export const SO_PEERCRED = 17;
export const SO_SNDBUFFORCE = 32;
export const SO_RCVBUFFORCE = 33;
export const IPPROTO_IP = 0;
export const IPPROTO_IPV6 = 41;
export const IP_TOS = 1;
export const IP_HDRINCL = 3;
export const IP_MTU_DISCOVER = 10;
export const IP_MTU = 14;
export const IP_RECVTOS = 13;
export const IP_PMTUDISC_DONT = 0;
export const IPV6_UNICAST_HOPS = 16;
export const IPV6_MTU = 24;
export const IPV6_V6ONLY = 26;
export const IPV6_DSTOPTS = 59;
export const IPV6_TCLASS = 67;
export const IPV6_RECVTCLASS = 66;
export const F_GETFD = 1;
export const F_SETFD = 2;
export const FD_CLOEXEC = 1;
export const EFD_NONBLOCK = 0o4000;
export const EFD_CLOEXEC = 0o2000000;
export const POLLIN = 1;
export const EAGAIN = 11;
export const EPERM = 1;
export const EACCES = 13;
export const TUNSETIFF = 0x400454ca;
export const IFF_TUN = 0x0001;
export const IFF_TAP = 0x0002;
export const IFF_NO_PI = 0x1000;
export const IFNAMSIZ = 16;
