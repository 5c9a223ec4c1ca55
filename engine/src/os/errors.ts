// Errors from system calls, with what the user can do about the common ones.
import { EACCES, EPERM, libc } from './libc';

export class SystemError extends Error {
  constructor(message: string, readonly errno: number) {
    super(message);
  }

  static fromErrno(what: string): SystemError {
    const errno = libc().errno();
    const hint = errno === EPERM || errno === EACCES ? ' (needs root, or CAP_NET_RAW for raw sockets and CAP_NET_ADMIN for TUN devices)' : '';
    return new SystemError(`${what}: ${errnoName(errno)}${hint}`, errno);
  }
}

const NAMES: Record<number, string> = {
  1: 'operation not permitted',
  2: 'no such file or directory',
  13: 'permission denied',
  16: 'device or resource busy',
  19: 'no such device',
  22: 'invalid argument',
  24: 'too many open files',
  90: 'message too long',
  93: 'protocol not supported',
  97: 'address family not supported',
  98: 'address already in use',
  99: 'cannot assign requested address',
};

export function errnoName(errno: number): string {
  return NAMES[errno] ?? `errno ${errno}`;
}
