// The busy-poll policy with a hand-driven clock and run-queue wait: when the worker's poll may skip sleeping.
import { describe, expect, it } from 'vitest';
import { BACKOFF_MS, BusyPoll, CONTENDED_WAIT_MS } from '../../engine/src/busy-poll';

const BLOCK = 500;

function policy(windowMs: number) {
  const clock = { t: 0, waited: 0 };
  const p = new BusyPoll(windowMs, () => clock.t, () => clock.waited);
  /** A wakeup at time t (ms) that moved packets or not; returns the next poll's timeout. */
  const wake = (t: number, moved = true) => {
    clock.t = t;
    p.after(moved);
    return p.timeout(BLOCK);
  };
  return { clock, p, wake };
}

describe('busy-poll policy', () => {
  it('an isolated packet, or packets further apart than the window, never start a spin', () => {
    const { p, wake } = policy(2);
    expect(wake(100)).toBe(BLOCK);
    expect(wake(103)).toBe(BLOCK);
    expect(wake(1103)).toBe(BLOCK);
    expect(p.counts.spins).toBe(0);
  });

  it('packets within the window spin until the window after the last one ends, then block again', () => {
    const { clock, p, wake } = policy(2);
    wake(100);
    expect(wake(101.5)).toBe(0);
    clock.t = 103;
    expect(p.timeout(BLOCK)).toBe(0);
    // Another packet found by the spin extends it.
    expect(wake(103.2)).toBe(0);
    clock.t = 105.1;
    expect(p.timeout(BLOCK)).toBe(0);
    clock.t = 105.3;
    expect(p.timeout(BLOCK)).toBe(BLOCK);
    // Empty wakeups (a timer, a status report) neither start nor extend one.
    expect(wake(105.4, false)).toBe(BLOCK);
    expect(p.counts).toEqual({ spins: 1, yielded: 0 });
  });

  it('a window of 0 never spins, whatever the traffic', () => {
    const { p, wake } = policy(0);
    for (let t = 0; t < 10; t += 0.001) expect(wake(t)).toBe(BLOCK);
    expect(p.counts.spins).toBe(0);
  });

  it('rides out brief interruptions, but gives the core up to a task that holds it, and stays off for the backoff', () => {
    const { clock, p, wake } = policy(5);
    wake(10);
    expect(wake(11)).toBe(0);
    // Kernel threads, the main thread's status report: short waits, however many.
    for (let i = 0; i < 10; i++) {
      clock.waited += CONTENDED_WAIT_MS * 0.8;
      expect(wake(11 + i * 0.1)).toBe(0);
    }
    expect(p.counts).toEqual({ spins: 1, yielded: 0 });
    clock.waited += CONTENDED_WAIT_MS * 1.5;
    clock.t = 12;
    expect(p.timeout(BLOCK)).toBe(BLOCK);
    expect(p.counts).toEqual({ spins: 1, yielded: 1 });
    // Steady traffic inside the backoff does not spin...
    for (let t = 13; t < 10 + BACKOFF_MS; t += 1) expect(wake(t)).toBe(BLOCK);
    // ...and after it, it does again.
    expect(wake(12 + BACKOFF_MS)).toBe(0);
    expect(p.counts.spins).toBe(2);
  });
});
