// What an engine reports: one JSON object per line on `up --json`, and over the control socket.
import type { DropReason } from './packets/drops';

export type EngineState = 'starting' | 'up' | 'no reply from peer' | 'down';

export interface EngineStatus {
  name: string;
  mode: string;
  inner: 'tun' | 'host';
  state: EngineState;
  /** Round-trip time of the last answered probe, in milliseconds. */
  rttMs: number | null;
  packetsIn: number;
  bytesIn: number;
  packetsOut: number;
  bytesOut: number;
  probesSent: number;
  probeReplies: number;
  drops: Partial<Record<DropReason, number>>;
  /** With `--busy-poll`: spins started, and spins given up because another thread needed the core. */
  busyPoll?: { spins: number; yielded: number };
  pid?: number;
}
