// The packet thread and the scheduler: its run-queue wait (/proc/thread-self/schedstat), how long it has
// been ready to run while another task had its core — what tells a busy-polling thread that it is in
// someone's way.
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * A clock of the calling thread's run-queue wait in ms (the second field of its schedstat: "run wait
 * slices", in ns). Open it on the thread it is for; it reads 0 where the kernel keeps no schedstat.
 */
export function runQueueWaitClock(): { read(): number; close(): void } {
  let fd: number | null;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    fd = null;
  }
  const buf = new Uint8Array(64);
  return {
    read() {
      if (fd === null) return 0;
      const n = readSync(fd, buf, 0, buf.length, 0);
      let i = 0;
      while (i < n && buf[i] !== 0x20) i++;
      let ns = 0;
      for (i++; i < n && buf[i] >= 0x30 && buf[i] <= 0x39; i++) ns = ns * 10 + buf[i] - 0x30;
      return ns / 1e6;
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
