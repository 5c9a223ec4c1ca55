// Who is on the other end of a unix socket (SO_PEERCRED), so the control socket can let anyone read the
// status but only the engine's own user (or root) stop it.
import type { Server, Socket } from 'node:net';
import { libc, SOL_SOCKET, SO_PEERCRED } from './libc';

/** struct ucred: pid, uid, gid (32 bits each). */
const UCRED_LEN = 12;

/** Node keeps a socket's or server's descriptor on its handle; there is no public accessor. */
export function handleFd(s: Socket | Server): number | null {
  const fd = (s as unknown as { _handle?: { fd?: number } })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : null;
}

export function peerUid(conn: Socket): number | null {
  const fd = handleFd(conn);
  if (fd === null) return null;
  const cred = new Uint32Array(UCRED_LEN / 4);
  const len = new Uint32Array([UCRED_LEN]);
  if (libc().getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cred, len) < 0) return null;
  return cred[1];
}
