// poll() over a fixed set of fds, and an eventfd to wake the worker for a clean shutdown.
import { EFD_CLOEXEC, EFD_NONBLOCK, libc, POLLIN } from './libc';
import { SystemError } from './errors';

/** struct pollfd: int fd; short events; short revents. */
const POLLFD_LEN = 8;

export class Poller {
  private readonly c = libc();
  private readonly fds: Uint8Array;
  private readonly view: DataView;
  private readonly ready: boolean[];

  constructor(readonly fdList: number[]) {
    this.fds = new Uint8Array(POLLFD_LEN * fdList.length);
    this.view = new DataView(this.fds.buffer);
    this.ready = fdList.map(() => false);
    fdList.forEach((fd, i) => {
      this.view.setInt32(i * POLLFD_LEN, fd, true);
      this.view.setInt16(i * POLLFD_LEN + 4, POLLIN, true);
    });
  }

  /**
   * Waits up to timeoutMs; returns whether each fd is readable (or has an error pending), in an array that
   * the next call reuses.
   */
  wait(timeoutMs: number): readonly boolean[] {
    const n = this.c.poll(this.fds, this.fdList.length, Math.max(0, Math.round(timeoutMs)));
    for (let i = 0; i < this.ready.length; i++) this.ready[i] = n > 0 && this.view.getInt16(i * POLLFD_LEN + 6, true) !== 0;
    return this.ready;
  }
}

export function openEventFd(): number {
  const fd = libc().eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (fd < 0) throw SystemError.fromErrno('eventfd');
  return fd;
}

/** Wakes whoever polls the eventfd. */
export function signalEventFd(fd: number): void {
  libc().write(fd, new BigUint64Array([1n]), 8);
}
