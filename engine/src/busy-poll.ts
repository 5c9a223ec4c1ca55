// Adaptive busy-polling for the worker's loop (`--busy-poll MICROS`). After a wakeup that moved packets,
// the next polls do not sleep (timeout 0) for up to the window, so a packet arriving within it is found
// by a running thread instead of waking a sleeping one — a wake-up that, on a VM, costs tens of µs
// (an idle vCPU is resumed by the host), and runs on cold caches. Spinning is worth its CPU only when
// the next packet comes within the window, and only on a core nobody else wants, so it stays off:
//   - unless packets have been arriving at least once per window: an isolated packet, keepalives, an idle
//     tunnel never start it (an idle engine sleeps in poll as without the option);
//   - for BACKOFF_MS once the spinning thread, ready to run, waited more than CONTENDED_WAIT_MS for
//     another task that had its core: a thread that is already runnable gets no wake-up preemption, so
//     spinning there delays the packets it is meant to hurry (measured: ping p50 7 ms instead of 0.2 ms
//     with an unconditional spin on a busy core). Brief interruptions (kernel threads, the engine's own
//     main thread taking a status report) stay well under it.
// I/O-free: the clock and the run-queue wait are given, so the policy is tested without timing.

/** How long spinning stays off once another task needed the core. */
export const BACKOFF_MS = 1000;
/** Run-queue wait between two polls that means another task is using the core, not just passing by. */
export const CONTENDED_WAIT_MS = 0.5;

export class BusyPoll {
  private lastPacket = -Infinity;
  private spinUntil = -Infinity;
  private quietUntil = -Infinity;
  private lastWait = 0;
  /** Spins started, and spins given up because another task needed the core (for status). */
  readonly counts = { spins: 0, yielded: 0 };

  /**
   * @param windowMs longest spin after a packet; 0 = never spin
   * @param waited how long the polling thread has waited on a run queue so far, in ms
   */
  constructor(private readonly windowMs: number, private readonly now: () => number, private readonly waited: () => number) {}

  /** The timeout for the next poll: 0 while spinning, otherwise `blockingMs`. */
  timeout(blockingMs: number): number {
    if (this.spinUntil === -Infinity) return blockingMs;
    const t = this.now();
    if (t < this.spinUntil) {
      const w = this.waited();
      const contended = w - this.lastWait > CONTENDED_WAIT_MS;
      this.lastWait = w;
      if (!contended) return 0;
      this.quietUntil = t + BACKOFF_MS;
      this.counts.yielded++;
    }
    this.spinUntil = -Infinity;
    return blockingMs;
  }

  /** Called after every wakeup with whether it moved packets. */
  after(moved: boolean): void {
    if (!moved || this.windowMs <= 0) return;
    const t = this.now();
    const gap = t - this.lastPacket;
    this.lastPacket = t;
    if (gap > this.windowMs || t < this.quietUntil) return;
    if (this.spinUntil === -Infinity) {
      this.lastWait = this.waited();
      this.counts.spins++;
    }
    this.spinUntil = t + this.windowMs;
  }
}
