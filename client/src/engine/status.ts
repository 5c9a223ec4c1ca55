// The engine's `up --json` output: one EngineStatus object per line (engine/src/status.ts defines it).
// Lines that are not status objects are log text.
import type { EngineStatus } from '../../../engine/src/status';

export type { EngineStatus };

export type EngineLine = { kind: 'status'; status: EngineStatus } | { kind: 'log'; text: string };

function isStatus(v: unknown): v is EngineStatus {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { state?: unknown }).state === 'string';
}

export function parseEngineLine(line: string): EngineLine {
  const text = line.replace(/\r$/, '');
  if (text.trimStart().startsWith('{')) {
    try {
      const v: unknown = JSON.parse(text);
      if (isStatus(v)) return { kind: 'status', status: v };
    } catch {
      // not JSON after all: keep it as log text
    }
  }
  return { kind: 'log', text };
}

/** `tunnelwright status --json`: an array of statuses; anything else yields an empty list. */
export function parseStatusList(text: string): EngineStatus[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter(isStatus) : [];
  } catch {
    return [];
  }
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
export function statusSummary(s: Pick<EngineStatus, 'state' | 'rttMs'>): string {
  const rtt = typeof s.rttMs === 'number' ? ` · ${s.rttMs < 10 ? s.rttMs.toFixed(1) : Math.round(s.rttMs)} ms` : '';
  return `${s.state}${rtt}`;
}

/** One line with the counters, for tooltips and the status message. */
export function statusDetail(s: EngineStatus): string {
  const drops = Object.values(s.drops ?? {}).reduce<number>((a, b) => a + (b ?? 0), 0);
  return `${s.name}: ${statusSummary(s)}; in ${s.packetsIn} packets, out ${s.packetsOut} packets, ` +
    `${s.probeReplies}/${s.probesSent} probes answered${drops > 0 ? `, ${drops} dropped` : ''}`;
}
