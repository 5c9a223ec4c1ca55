// Two network namespaces joined by a veth pair, and the CLI run inside them. Names are unique per run and
// everything is removed in `close()`; addresses exist only inside these namespaces.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);
const ROOT = nodePath.resolve(__dirname, '../..');
export const FIXTURES = nodePath.join(__dirname, 'fixtures');

export const isRoot = process.getuid?.() === 0 && existsSync('/dev/net/tun');
export const hasTshark = existsSync('/usr/bin/tshark');
export const hasEthtool = existsSync('/usr/sbin/ethtool') || existsSync('/sbin/ethtool');

/** A local user no engine in these tests runs as (they run as root without capabilities, or as a SUDO_UID a test sets). */
export const OTHER_UID = 4040;

export const OUTER = { a4: '198.51.100.1', b4: '198.51.100.2', a6: '2001:db8:ffff::1', b6: '2001:db8:ffff::2' };

let built: Promise<string> | undefined;

/** Bundles the CLI and the worker as `npm run build` does, into a cache folder (dist/ is left alone). */
export function buildCli(): Promise<string> {
  built ??= (async () => {
    const outdir = nodePath.join(ROOT, 'node_modules', '.cache', 'tunnelwright-engine-test');
    await build({
      entryPoints: [
        { in: nodePath.join(ROOT, 'server/src/cli/main.ts'), out: 'cli' },
        { in: nodePath.join(ROOT, 'engine/src/worker.ts'), out: 'engine-worker' },
      ],
      outdir,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode', 'koffi'],
      logLevel: 'error',
    });
    return nodePath.join(outdir, 'cli.js');
  })();
  return built;
}

export interface StatusLine {
  state: string;
  rttMs: number | null;
  packetsIn: number;
  packetsOut: number;
  bytesIn: number;
  bytesOut: number;
  probeReplies: number;
  drops: Record<string, number>;
  busyPoll?: { spins: number; yielded: number };
}

/** All drops an engine has counted, whatever the reason. */
export const dropsOf = (s: StatusLine | undefined) => Object.values(s?.drops ?? {}).reduce((a, b) => a + b, 0);

/** Where random payloads from the right source end up on a GRE tunnel: parsing or the key/seq/csum checks. */
export const GRE_GARBAGE_REASONS = ['truncated', 'malformed', 'bad-checksum', 'checksum-mismatch', 'wrong-key', 'sequence', 'wrong-protocol'];

/** One `tunnelwright up --json` process. */
export class EngineProcess {
  readonly lines: StatusLine[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcess) {
    let buf = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          this.lines.push(JSON.parse(line) as StatusLine);
        } catch {
          // a non-JSON line would be a bug the assertions below catch by the missing status
        }
        this.waiters.splice(0).forEach((w) => w());
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    void this.exited.then(() => this.waiters.splice(0).forEach((w) => w()));
  }

  get last(): StatusLine | undefined {
    return this.lines[this.lines.length - 1];
  }

  /** Waits for a status line satisfying `pred` (bounded), and returns it. */
  async waitFor(pred: (s: StatusLine) => boolean, timeoutMs = 10_000): Promise<StatusLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.lines.find(pred);
      if (hit) return hit;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`no matching status within ${timeoutMs} ms; last: ${JSON.stringify(this.last)}; stderr: ${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  /** Statuses after this point only. */
  mark(): number {
    return this.lines.length;
  }

  async waitAfter(mark: number, pred: (s: StatusLine) => boolean, timeoutMs = 10_000): Promise<StatusLine> {
    return this.waitFor((s) => this.lines.indexOf(s) >= mark && pred(s), timeoutMs);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}

export class Lab {
  readonly a: string;
  readonly b: string;
  readonly vethA: string;
  readonly vethB: string;
  readonly runtimeDir: string;
  private readonly engines: EngineProcess[] = [];

  constructor(tag: string) {
    const id = `${tag}${process.pid.toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`.slice(0, 11);
    this.a = `tw${id}a`;
    this.b = `tw${id}b`;
    this.vethA = `v${id}a`;
    this.vethB = `v${id}b`;
    this.runtimeDir = mkdtempSync(nodePath.join(os.tmpdir(), 'tw-engine-run-'));
    chmodSync(this.runtimeDir, 0o755); // as /run/tunnelwright: other users may read engines' status
  }

  async open(): Promise<this> {
    await ip('netns', 'add', this.a);
    await ip('netns', 'add', this.b);
    await ip('link', 'add', this.vethA, 'netns', this.a, 'type', 'veth', 'peer', 'name', this.vethB, 'netns', this.b);
    for (const [ns, dev, v4, v6] of [
      [this.a, this.vethA, OUTER.a4, OUTER.a6],
      [this.b, this.vethB, OUTER.b4, OUTER.b6],
    ]) {
      await ip('-n', ns, 'addr', 'add', `${v4}/24`, 'dev', dev);
      await ip('-n', ns, '-6', 'addr', 'add', `${v6}/64`, 'dev', dev, 'nodad');
      await ip('-n', ns, 'link', 'set', dev, 'up');
      await ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    return this;
  }

  /** Runs a command inside a namespace; rejects with its stderr on failure. */
  async exec(ns: string, cmd: string, ...args: string[]): Promise<string> {
    const { stdout } = await run('ip', ['netns', 'exec', ns, cmd, ...args], { timeout: 30_000, maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  }

  async ping(ns: string, addr: string, count = 3): Promise<string> {
    return this.exec(ns, 'ping', '-c', String(count), '-i', '0.2', '-W', '2', addr);
  }

  /** Starts `tunnelwright up ARGS --json` inside a namespace, as root started directly (no sudo). */
  async up(ns: string, ...args: string[]): Promise<EngineProcess> {
    return this.upWith({}, ns, ...args);
  }

  /**
   * The same, with `env` added to an environment that names no elevating user (SUDO_*, PKEXEC_UID), and
   * optionally another copy of the bundled CLI.
   */
  async upWith(o: { env?: Record<string, string>; cli?: string }, ns: string, ...args: string[]): Promise<EngineProcess> {
    const cli = o.cli ?? (await buildCli());
    const { SUDO_UID, SUDO_GID, PKEXEC_UID, ...base } = process.env;
    const child = spawn('ip', ['netns', 'exec', ns, process.execPath, cli, 'up', ...args, '--json'], {
      cwd: ROOT,
      env: { ...base, TUNNELWRIGHT_RUNTIME_DIR: this.runtimeDir, ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const e = new EngineProcess(child);
    this.engines.push(e);
    return e;
  }

  /** Control sockets in the runtime folder and its per-user folders, as "NAME.PID.sock" or "UID/NAME.PID.sock". */
  controlSockets(): string[] {
    return readdirSync(this.runtimeDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.sock')).sort();
  }

  /** Runs another CLI command (status, down) against this lab's engines, optionally as another user. */
  async cli(args: string[], asUid?: number): Promise<{ code: number; stdout: string; stderr: string }> {
    const cli = await buildCli();
    const [cmd, argv] = asUid === undefined ? [process.execPath, [cli, ...args]] : ['setpriv', ['--reuid', String(asUid), '--regid', String(asUid), '--clear-groups', '--inh-caps=-all', process.execPath, cli, ...args]];
    try {
      const { stdout, stderr } = await run(cmd, argv, { cwd: ROOT, env: { ...process.env, TUNNELWRIGHT_RUNTIME_DIR: this.runtimeDir }, timeout: 20_000 });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const x = e as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.engines.map((e) => e.stop('SIGKILL')));
    await ip('netns', 'del', this.a).catch(() => undefined);
    await ip('netns', 'del', this.b).catch(() => undefined);
    rmSync(this.runtimeDir, { recursive: true, force: true });
  }
}

/**
 * Datagrams the kernel dropped for raw sockets of one IP protocol in a namespace because their receive
 * buffer was full (the last column of /proc/net/raw; the protocol is the local "port").
 */
export async function rawSocketDrops(lab: Lab, ns: string, protocol: number): Promise<number> {
  const rows = (await lab.exec(ns, 'cat', '/proc/net/raw')).trim().split('\n').slice(1);
  return rows.map((r) => r.trim().split(/\s+/)).filter((f) => parseInt(f[1].split(':')[1], 16) === protocol).reduce((n, f) => n + Number(f[f.length - 1]), 0);
}

export async function ip(...args: string[]): Promise<string> {
  const { stdout } = await run('ip', args, { timeout: 10_000 });
  return stdout;
}

export function fixture(...parts: string[]): string {
  return nodePath.join(FIXTURES, ...parts);
}
