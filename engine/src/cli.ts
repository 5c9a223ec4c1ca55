// `tunnelwright up | status | down`: bring one tunnel of the model up in this process (which execs itself
// unprivileged once the device and sockets are open), list running engines, stop one. Registered in server/src/cli/main.ts; the logic lives here.
import { promises as fs } from 'node:fs';
import { analyze } from '../../server/src/analyze';
import { loadPaths } from '../../server/src/cli/load';
import type { Tunnel } from '../../server/src/model/types';
import { capabilities } from './caps';
import { bindControl, isAlive, listEngines, queryStatus, requestDown, serveControl, type EngineList } from './control';
import { engineConfig } from './from-model';
import { HANDOFF_VAR, takeHandoff, type Handoff } from './handoff';
import { libc } from './os/libc';
import { validDeviceName } from './os/netconf';
import { dropPrivilegesAndExec, targetIdentity } from './os/privileges';
import { closeEngine, openEngine, startEngine, workerPath } from './run';
import type { EngineStatus } from './status';

/** A busy-poll window longer than a second would be a spinning engine, not a latency setting. */
const MAX_BUSY_POLL_US = 1_000_000;

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

export interface UpOptions {
  tunnel: string;
  device?: string;
  inner?: string;
  local?: string;
  probe?: string;
  keepalive?: string;
  busyPoll?: string;
  json?: boolean;
}

/**
 * Runs until SIGINT/SIGTERM or `tunnelwright down`; returns the exit code. A fresh start opens the device
 * and sockets, then execs itself without privileges; the new image finds the handoff and runs the engine.
 */
export async function runUp(paths: string[], o: UpOptions, io: Io): Promise<number> {
  const fail = (msg: string) => (io.err(`tunnelwright: ${msg}`), 2);
  const handoff = takeHandoff(process.env);
  if (typeof handoff === 'string') return fail(handoff);
  if (handoff) return runHandedOff(handoff, o, io);
  if (o.inner !== undefined && o.inner !== 'tun' && o.inner !== 'host') return fail(`--inner must be tun or host, not "${o.inner}"`);
  const keepalive = o.keepalive === undefined ? undefined : Number(o.keepalive);
  if (keepalive !== undefined && !(keepalive > 0 && keepalive <= 3600)) return fail(`--keepalive must be a number of seconds between 0 and 3600`);
  const busyPoll = o.busyPoll === undefined ? undefined : Number(o.busyPoll);
  if (busyPoll !== undefined && !(Number.isInteger(busyPoll) && busyPoll >= 0 && busyPoll <= MAX_BUSY_POLL_US)) return fail(`--busy-poll must be a whole number of microseconds from 0 to ${MAX_BUSY_POLL_US}`);
  const loaded = await loadPaths(paths);
  if (loaded.errors.length > 0) return fail(loaded.errors.join('\n'));
  const { workspace } = analyze(loaded.sources);
  const picked = pickTunnel(workspace.tunnels, o.tunnel, o.device);
  if (typeof picked === 'string') return fail(picked);

  const caps = capabilities();
  const inner = (o.inner ?? (caps.netAdmin ? 'tun' : 'host')) as 'tun' | 'host';
  if (!caps.netRaw) return fail('bringing a tunnel up needs raw sockets: run as root, or grant CAP_NET_RAW (and CAP_NET_ADMIN for --inner tun)');
  if (inner === 'tun' && !caps.netAdmin) return fail('--inner tun needs root or CAP_NET_ADMIN to create the TUN device; use --inner host without it');
  if (inner === 'tun' && !validDeviceName(picked.name)) return fail(`"${picked.name}" cannot be a Linux device name (at most 15 letters, digits, '.', '_' or '-'); use --inner host`);
  const cfg = engineConfig(picked, workspace, { inner, local: o.local, probe: o.probe, keepaliveSeconds: keepalive, busyPollMicros: busyPoll });
  if ('error' in cfg) return fail(cfg.error);
  if (picked.disabled) io.err(`tunnelwright: note: ${picked.name} is administratively disabled in ${picked.path}; bringing it up anyway`);

  // Root becomes the user who elevated it (or stays root, without capabilities); a start with granted
  // capabilities stays who it is.
  const become = process.geteuid?.() === 0 ? targetIdentity(process.env, (uid) => libc().primaryGid(uid)) : null;
  if (typeof become === 'string') return fail(`cannot choose whom to run as: ${become}`);
  let opened;
  try {
    opened = await openEngine(cfg);
  } catch (e) {
    return fail(`cannot bring ${cfg.name} up: ${(e as Error).message}`);
  }
  const control = await bindControl(cfg.name, become).catch((e: Error) => {
    io.err(`tunnelwright: control socket unavailable (${e.message}); status/down will not see this engine`);
    return null;
  });
  const passed: Handoff = { engine: opened, control: control && { fd: control.fd, path: control.path } };
  const keep = [opened.fds.socket, ...(opened.fds.tun === null ? [] : [opened.fds.tun]), ...(control ? [control.fd] : [])];
  const env = { ...(process.env as Record<string, string>), [HANDOFF_VAR]: JSON.stringify(passed) };
  try {
    // The same command line again, in a process that has no privilege left (os/privileges.ts).
    dropPrivilegesAndExec(become, keep, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], env, [process.argv[1], workerPath()]);
  } catch (e) {
    closeEngine(opened);
    await control?.unbind();
    return fail(`cannot drop privileges: ${(e as Error).message}`);
  }
}

/** The engine proper, after the exec: no capabilities in any thread, descriptors inherited. */
async function runHandedOff(h: Handoff, o: UpOptions, io: Io): Promise<number> {
  const fail = (msg: string) => (io.err(`tunnelwright: ${msg}`), 2);
  const { cfg } = h.engine;
  let engine;
  try {
    engine = startEngine(h.engine);
  } catch (e) {
    if (h.control) await fs.rm(h.control.path, { force: true }).catch(() => undefined);
    return fail(`cannot bring ${cfg.name} up: ${(e as Error).message}`);
  }
  const print = (s: EngineStatus) => io.out(o.json ? JSON.stringify(s) : describe(s));
  let lastState = '';
  engine.onStatus((s) => {
    if (o.json) print(s);
    else if (s.state !== lastState) print(s);
    lastState = s.state;
  });
  let stopRequested!: () => void;
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  const control = h.control && (await serveControl(h.control, () => engine.latest(), () => stopRequested()).catch((e: Error) => {
    io.err(`tunnelwright: control socket unavailable (${e.message}); status/down will not see this engine`);
    return null;
  }));
  const onSignal = () => stopRequested();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (!o.json) io.out(`${cfg.name}: ${cfg.mode} ${cfg.local ?? '(any)'} → ${cfg.remote ?? '(per packet)'}, inner ${cfg.inner}, running as uid ${process.getuid?.()}; stop with Ctrl-C`);
  const failure = await Promise.race([stopped.then(() => undefined), engine.failed]);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  const final = await engine.stop();
  await control?.close();
  // Stopping reports the final state through onStatus too; a text line for it has been printed already then.
  if (final && (o.json || final.state !== lastState)) print(final);
  if (failure) return fail(failure);
  return 0;
}

function pickTunnel(tunnels: Tunnel[], name: string, device: string | undefined): Tunnel | string {
  let found = tunnels.filter((t) => t.name === name);
  if (found.length === 0) found = tunnels.filter((t) => t.name.toLowerCase() === name.toLowerCase());
  if (device !== undefined) found = found.filter((t) => t.device === device || t.path === device || t.device.endsWith('/' + device) || t.path.endsWith('/' + device));
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    const names = [...new Set(tunnels.map((t) => t.name))].join(', ') || 'none';
    return `no tunnel named "${name}"${device ? ` on ${device}` : ''} (tunnels found: ${names})`;
  }
  return `several tunnels are named "${name}": ${found.map((t) => t.path).join(', ')}; choose one with --device FILE`;
}

function describe(s: EngineStatus): string {
  const rtt = s.rttMs === null ? '' : `, rtt ${s.rttMs} ms`;
  const drops = Object.entries(s.drops).map(([k, v]) => `${k} ${v}`).join(', ');
  return `${s.name}: ${s.state}${rtt}; in ${s.packetsIn} pkts/${s.bytesIn} B, out ${s.packetsOut} pkts/${s.bytesOut} B${drops ? `; drops: ${drops}` : ''}`;
}

export async function runStatus(o: { json?: boolean }, io: Io): Promise<number> {
  const { running, stale } = await listEngines();
  reportStale(stale, io);
  const rows: EngineStatus[] = [];
  for (const e of running) {
    const s = await queryStatus(e);
    if (s) rows.push({ ...s, pid: e.pid });
  }
  if (o.json) io.out(JSON.stringify(rows));
  else if (rows.length === 0) io.out('no engines running');
  else for (const s of rows) io.out(`${describe(s)} (pid ${s.pid})`);
  return 0;
}

export async function runDown(name: string, io: Io): Promise<number> {
  const list = await listEngines();
  const engines = list.running.filter((e) => e.name === name);
  if (engines.length === 0) {
    const stale = list.stale.filter((e) => e.name === name);
    reportStale(stale, io);
    io.err(`tunnelwright: no engine named "${name}" is running${stale.length > 0 ? ' (it ended without stopping cleanly)' : ''}`);
    return 1;
  }
  let ok = true;
  for (const e of engines) {
    const refused = await requestDown(e);
    if (refused) {
      io.err(`tunnelwright: ${name} (pid ${e.pid}): ${refused}`);
      ok = false;
    } else if (await waitForExit(e.pid)) {
      io.out(`${name} (pid ${e.pid}): down`);
    } else {
      io.err(`tunnelwright: ${name} (pid ${e.pid}) is still stopping`);
      ok = false;
    }
  }
  return ok ? 0 : 1;
}

/** An engine killed outright leaves its control socket behind (its device went with its fds). */
function reportStale(stale: EngineList['stale'], io: Io): void {
  for (const e of stale) {
    io.err(`tunnelwright: ${e.name} (pid ${e.pid}) is gone; ${e.removed ? 'removed its stale control socket' : 'cannot remove its stale control socket'} ${e.path}`);
  }
}

const DOWN_TIMEOUT_MS = 5000;

/** `down` returns once the engine has torn its device down and exited, so scripts can rely on it. */
async function waitForExit(pid: number): Promise<boolean> {
  const deadline = Date.now() + DOWN_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
