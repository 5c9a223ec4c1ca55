// Main-thread side of a running engine. `openEngine` (privileged) creates the device and sockets, so
// refusals are reported before anything runs; `startEngine` (after the exec that drops privileges,
// os/privileges.ts) starts the worker on them and tears everything down in reverse order.
import { closeSync, existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import { isL2, type EngineConfig } from './config';
import { addrBytes } from './packets/addr';
import { macText, randomMac } from './packets/ethernet';
import { encapLimitOption } from './packets/ipv6';
import { encapFor } from './encap';
import { configureDevice } from './os/netconf';
import { openEventFd, signalEventFd } from './os/poll';
import { openOuterSocket } from './os/socket';
import { openTun } from './os/tun';
import type { EngineStatus } from './status';
import type { WorkerInit, WorkerMessage } from './worker-protocol';

/** Linux ip6tnl/ip6gre default Tunnel Encapsulation Limit. */
const DEFAULT_ENCAP_LIMIT = 4;
const IP6TNL_HOP_LIMIT = 64;
const STOP_TIMEOUT_MS = 3000;

export interface RunningEngine {
  readonly cfg: EngineConfig;
  latest(): EngineStatus | null;
  onStatus(listener: (s: EngineStatus) => void): void;
  /** Resolves with an error message if the worker ends without being asked to (a bug, not a packet). */
  readonly failed: Promise<string>;
  /** Stops the worker and removes the device (closing a non-persistent TUN removes it with its routes). */
  stop(): Promise<EngineStatus | null>;
}

export function workerPath(): string {
  // Bundled: dist/engine-worker.js next to dist/cli.js.
  const p = nodePath.join(__dirname, 'engine-worker.js');
  if (!existsSync(p)) throw new Error(`engine worker not found at ${p}; run \`npm run build\``);
  return p;
}

/** What the privileged start opened, as plain data that survives the exec into the unprivileged engine. */
export interface OpenedEngine {
  cfg: EngineConfig;
  fds: { socket: number; tun: number | null };
  mac: number[];
}

function closeFds(fds: number[]): void {
  for (const fd of fds) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
}

/** Creates the outer socket and the device (the steps that need privileges); closes what it opened on failure. */
export async function openEngine(cfg: EngineConfig): Promise<OpenedEngine> {
  const mac = randomMac((n) => crypto.getRandomValues(new Uint8Array(n)));
  const opened: number[] = [];
  try {
    const encap = encapFor(cfg);
    const limit = cfg.encapLimit ?? DEFAULT_ENCAP_LIMIT;
    const socket = openOuterSocket({
      family: cfg.outerFamily,
      protocol: cfg.mode === 'vxlan' ? 'udp' : encap.protocol,
      local: cfg.local ? addrBytes(cfg.local) : null,
      port: cfg.dstPort ?? undefined,
      hopLimit: cfg.ttl ?? IP6TNL_HOP_LIMIT,
      dstOpts: cfg.outerFamily === 6 && cfg.mode !== 'vxlan' && limit !== 'none' ? encapLimitOption(encap.protocol, limit) : null,
    });
    opened.push(socket);
    let tun: number | null = null;
    if (cfg.inner === 'tun') {
      tun = openTun(cfg.name, isL2(cfg.mode));
      opened.push(tun);
      await configureDevice(cfg, isL2(cfg.mode) ? macText(mac) : null);
    }
    return { cfg, fds: { socket, tun }, mac: Array.from(mac) };
  } catch (e) {
    closeFds(opened.reverse());
    throw e;
  }
}

export function closeEngine(e: OpenedEngine): void {
  closeFds(e.fds.tun === null ? [e.fds.socket] : [e.fds.tun, e.fds.socket]);
}

/** Starts the packet worker on descriptors `openEngine` opened; `stop` closes them all. */
export function startEngine(opened: OpenedEngine): RunningEngine {
  const { cfg, fds } = opened;
  const wake = openEventFd();
  const init: WorkerInit = { cfg, fds: { ...fds, wake }, mac: opened.mac };
  let worker: Worker;
  try {
    worker = new Worker(workerPath(), { workerData: init });
  } catch (e) {
    closeFds([wake]);
    closeEngine(opened);
    throw e;
  }
  let latest: EngineStatus | null = null;
  const listeners: ((s: EngineStatus) => void)[] = [];
  worker.on('message', (m: WorkerMessage) => {
    latest = { ...m.status, pid: process.pid };
    for (const l of listeners) l(latest);
  });
  let stopping: Promise<EngineStatus | null> | undefined;
  let workerError = 'the engine worker stopped unexpectedly';
  worker.on('error', (e) => (workerError = `the engine stopped: ${e.message}`));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const failed = new Promise<string>((resolve) => void exited.then(() => stopping === undefined && resolve(workerError)));
  return {
    cfg,
    failed,
    latest: () => latest,
    onStatus: (l) => listeners.push(l),
    stop: () =>
      (stopping ??= (async () => {
        signalEventFd(wake);
        const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
        closeFds([wake]);
        closeEngine(opened);
        return latest && { ...latest, state: 'down' as const };
      })()),
  };
}
