import type { Coverage } from '../../model/types';

// Per-line coverage for the Linux host-file readers (networkd here, netplan too): every line with content
// starts ignored and keeps the strongest state marked on it.

export type LineState = 'ignored' | 'understood' | 'unknown';
const STRENGTH: Record<LineState, number> = { ignored: 1, understood: 2, unknown: 3 };

export class LineCoverage {
  private readonly lines = new Map<number, LineState>();

  constructor(contentLines: Iterable<number>) {
    for (const l of contentLines) this.lines.set(l, 'ignored');
  }

  /** Mark lines first..last (0-based, inclusive); lines without content are not counted. */
  mark(first: number, last: number, state: LineState): void {
    for (let l = first; l <= last; l++) {
      const current = this.lines.get(l);
      if (current !== undefined && STRENGTH[state] > STRENGTH[current]) this.lines.set(l, state);
    }
  }

  fill(c: Coverage): void {
    for (const state of this.lines.values()) {
      c.lines++;
      c[state]++;
    }
  }
}
