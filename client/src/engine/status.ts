// The engine's `--json` output: one status object per line. Lines that are not JSON objects are log text.

export interface EngineStatus {
  state: string;
  /** Round-trip time of the last keepalive, in milliseconds. */
  rtt?: number | null;
  counters?: Record<string, number>;
  message?: string;
  [key: string]: unknown;
}

export type EngineLine = { kind: 'status'; status: EngineStatus } | { kind: 'log'; text: string };

export function parseEngineLine(line: string): EngineLine {
  const text = line.replace(/\r$/, '');
  if (text.trimStart().startsWith('{')) {
    try {
      const v: unknown = JSON.parse(text);
      if (typeof v === 'object' && v !== null && typeof (v as { state?: unknown }).state === 'string') {
        return { kind: 'status', status: v as EngineStatus };
      }
    } catch {
      // not JSON after all: keep it as log text
    }
  }
  return { kind: 'log', text };
}

/** Splits a byte stream into lines, keeping a partial last line until its end arrives. */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const parts = (this.rest + chunk).split('\n');
    this.rest = parts.pop() ?? '';
    return parts;
  }

  /** The unterminated last line, if any, when the stream ends. */
  end(): string[] {
    const last = this.rest;
    this.rest = '';
    return last.length > 0 ? [last] : [];
  }
}

/** Short status text for the status bar: `up · 12 ms`. */
export function statusSummary(s: EngineStatus): string {
  const rtt = typeof s.rtt === 'number' ? ` · ${s.rtt < 10 ? s.rtt.toFixed(1) : Math.round(s.rtt)} ms` : '';
  return `${s.state}${rtt}`;
}
