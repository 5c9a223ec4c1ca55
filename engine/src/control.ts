// The control socket: one unix socket per running engine in a runtime folder, speaking one request line
// ("status" or "down") and one JSON reply line. `tunnelwright status` and `down` find engines there.
// Engines are usually started as root (elevated from the editor) and then run as the user who elevated
// them, or root; anyone may read their status, but only that user or root may stop them.
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import type { EngineStatus } from './status';
import { handleFd, peerUid } from './os/peercred';
import type { Identity } from './os/privileges';

const REQUEST_MAX = 64;
const CLIENT_TIMEOUT_MS = 2000;
const MAX_CLIENTS = 16;

const SYSTEM_DIR = '/run/tunnelwright';

export function runtimeDir(): string {
  if (process.env.TUNNELWRIGHT_RUNTIME_DIR) return process.env.TUNNELWRIGHT_RUNTIME_DIR;
  if (process.getuid?.() === 0) return SYSTEM_DIR;
  if (process.env.XDG_RUNTIME_DIR) return nodePath.join(process.env.XDG_RUNTIME_DIR, 'tunnelwright');
  return nodePath.join(os.tmpdir(), `tunnelwright-${process.getuid?.() ?? 'user'}`);
}

/** Engines of one name may run in several network namespaces at once, so the pid is part of the name. */
function socketPath(dir: string, name: string, pid: number): string {
  return nodePath.join(dir, `${name}.${pid}.sock`);
}

export interface ControlServer {
  close(): Promise<void>;
}

export interface BoundControl {
  /** The listening socket, kept open across the exec into the unprivileged engine. */
  fd: number;
  path: string;
}

/**
 * Binds the engine's control socket (before privileges are dropped). An engine that will run as another
 * user (`owner`) gets its socket in a folder of that user's under the runtime folder, so that it can
 * remove the socket when it stops; root's folder stays root's.
 */
export async function bindControl(name: string, owner: Identity | null): Promise<BoundControl & { unbind(): Promise<void> }> {
  const base = runtimeDir();
  await fs.mkdir(base, { recursive: true, mode: 0o755 });
  const dir = owner ? nodePath.join(base, String(owner.uid)) : base;
  if (owner) {
    await fs.mkdir(dir, { mode: 0o755 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    // Not a link planted to make us chown something else (lchown never follows one either).
    if (!(await fs.lstat(dir)).isDirectory()) throw new Error(`${dir} is not a folder`);
    await fs.lchown(dir, owner.uid, owner.gid);
  }
  const path = socketPath(dir, name, process.pid);
  await fs.rm(path, { force: true });
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  await fs.chmod(path, 0o666);
  const unbind = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await fs.rm(path, { force: true });
  };
  const fd = handleFd(server);
  if (fd === null) {
    await unbind();
    throw new Error('no descriptor for the control socket');
  }
  // The server object stays with this (privileged) image; the engine after the exec listens on the fd.
  return { fd, path, unbind };
}

/** Answers requests on a socket `bindControl` bound; `close` stops and removes it. */
export async function serveControl(bound: BoundControl, status: () => EngineStatus | null, down: () => void): Promise<ControlServer> {
  const server = net.createServer((conn) => {
    let req = '';
    conn.setEncoding('utf8');
    conn.on('error', () => undefined);
    // A client that connects and says nothing does not hold a connection open.
    conn.setTimeout(CLIENT_TIMEOUT_MS, () => conn.destroy());
    conn.on('data', (chunk: string) => {
      req += chunk;
      if (req.length > REQUEST_MAX) return void conn.destroy();
      const nl = req.indexOf('\n');
      if (nl < 0) return;
      const cmd = req.slice(0, nl).trim();
      if (cmd === 'status') conn.end(JSON.stringify(status()) + '\n');
      else if (cmd === 'down') {
        const uid = peerUid(conn);
        if (uid !== 0 && uid !== process.getuid?.()) return void conn.end(JSON.stringify({ error: 'only the user running the engine, or root, may stop it' }) + '\n');
        conn.end(JSON.stringify({ ok: true }) + '\n');
        down();
      } else conn.end(JSON.stringify({ error: `unknown request "${cmd.slice(0, 20)}"` }) + '\n');
    });
  });
  server.maxConnections = MAX_CLIENTS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ fd: bound.fd }, () => resolve());
  });
  return {
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fs.rm(bound.path, { force: true });
    },
  };
}

function request(path: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const conn = net.createConnection(path);
    let reply = '';
    conn.setEncoding('utf8');
    conn.setTimeout(CLIENT_TIMEOUT_MS, () => conn.destroy(new Error('timed out')));
    conn.on('connect', () => conn.write(line + '\n'));
    conn.on('data', (d: string) => (reply += d));
    conn.on('end', () => resolve(reply));
    conn.on('error', reject);
  });
}

export interface EngineEntry {
  name: string;
  pid: number;
  path: string;
}

export interface EngineList {
  running: EngineEntry[];
  /** Sockets left by engines that died without closing them (SIGKILL, a crash); removed when we may. */
  stale: (EngineEntry & { removed: boolean })[];
}

/** A runtime folder and the per-user folders in it (engines that run as another user than the one that started them). */
async function socketDirs(base: string): Promise<string[]> {
  try {
    const subs = (await fs.readdir(base, { withFileTypes: true })).filter((d) => d.isDirectory() && /^\d+$/.test(d.name));
    return [base, ...subs.map((d) => nodePath.join(base, d.name)).sort()];
  } catch {
    return [];
  }
}

/** Engines with a control socket, in this user's folder and the system one (where elevated engines run). */
export async function listEngines(): Promise<EngineList> {
  const out: EngineEntry[] = [];
  const stale: EngineList['stale'] = [];
  for (const base of new Set([runtimeDir(), ...(process.env.TUNNELWRIGHT_RUNTIME_DIR ? [] : [SYSTEM_DIR])])) {
    for (const dir of await socketDirs(base)) {
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch {
        continue;
      }
      for (const f of names.sort()) {
        const m = /^(.+)\.(\d+)\.sock$/.exec(f);
        if (!m) continue;
        const entry = { name: m[1], pid: Number(m[2]), path: nodePath.join(dir, f) };
        if (isAlive(entry.pid)) out.push(entry);
        else stale.push({ ...entry, removed: await fs.rm(entry.path, { force: true }).then(() => true, () => false) });
      }
    }
  }
  return { running: out, stale };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function queryStatus(e: EngineEntry): Promise<EngineStatus | null> {
  try {
    return JSON.parse(await request(e.path, 'status')) as EngineStatus | null;
  } catch {
    return null;
  }
}

/** Asks an engine to stop; returns null on success, else why not. */
export async function requestDown(e: EngineEntry): Promise<string | null> {
  try {
    const reply = JSON.parse(await request(e.path, 'down')) as { ok?: boolean; error?: string };
    return reply.ok === true ? null : reply.error ?? 'refused';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : 'no answer';
  }
}
