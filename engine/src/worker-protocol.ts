// Messages between the main thread and the engine worker.
import type { EngineConfig } from './config';
import type { EngineStatus } from './status';

export interface WorkerInit {
  cfg: EngineConfig;
  /** Opened by the main thread, which also closes them after the worker has exited. */
  fds: { socket: number; tun: number | null; wake: number };
  mac: number[];
}

export type WorkerMessage = { type: 'status'; status: EngineStatus };
