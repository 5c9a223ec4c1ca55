// Who is on the other end of a unix socket (SO_PEERCRED), so the control socket can let anyone read the
// status but only the engine's own user (or root) stop it.
import type { Socket } from 'node:net';
import { libc, SOL_SOCKET, SO_PEERCRED } from './libc';

/** struct ucred: pid, uid, gid (32 bits each). */
const UCRED_LEN = 12;

export function peerUid(conn: Socket): number | null {
  // Node keeps the descriptor on the connection's handle; there is no public accessor.
  const fd = (conn as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0) return null;
  const cred = new Uint32Array(UCRED_LEN / 4);
  const len = new Uint32Array([UCRED_LEN]);
  if (libc().getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cred, len) < 0) return null;
  return cred[1];
}
