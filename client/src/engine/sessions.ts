// Engine child processes: one long-running `up --json` per tunnel, plus one-shot `down`/`status` runs.
// No VS Code imports, so the process handling is tested with real child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Launch } from './launch';
import { LineSplitter, parseEngineLine, type EngineStatus } from './status';

export interface SessionListener {
  /** `previous` is the status before this one, so listeners can tell state changes from updates. */
  status(key: string, status: EngineStatus, previous: EngineStatus | undefined): void;
  log(key: string, text: string): void;
  exit(key: string, label: string, code: number | null, signal: NodeJS.Signals | null): void;
}

export interface EngineSession {
  readonly key: string;
  readonly label: string;
  readonly started: Date;
  last: EngineStatus | undefined;
  readonly child: ChildProcess;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnLaunch(l: Launch): ChildProcess {
  return spawn(l.command, l.args, {
    env: { ...process.env, ...l.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: false,
    windowsHide: true,
  });
}

/** Runs a command to completion, collecting its output; a failure to start is reported as code null. */
export function runOnce(l: Launch): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawnLaunch(l);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => resolve({ code: null, stdout, stderr: stderr + e.message }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export class EngineSessions {
  private readonly sessions = new Map<string, EngineSession>();

  constructor(private readonly listener: SessionListener) {}

  get(key: string): EngineSession | undefined {
    return this.sessions.get(key);
  }

  all(): EngineSession[] {
    return [...this.sessions.values()];
  }

  /** Starts `up`; its status lines and log lines go to the listener until it exits. */
  start(key: string, label: string, launch: Launch): EngineSession {
    if (this.sessions.has(key)) throw new Error(`${label} is already running`);
    const child = spawnLaunch(launch);
    const session: EngineSession = { key, label, started: new Date(), last: undefined, child };
    this.sessions.set(key, session);
    const out = new LineSplitter();
    const onLine = (line: string): void => {
      const parsed = parseEngineLine(line);
      if (parsed.kind === 'status') {
        const previous = session.last;
        session.last = parsed.status;
        this.listener.status(key, parsed.status, previous);
      } else if (parsed.text.length > 0) {
        this.listener.log(key, parsed.text);
      }
    };
    child.stdout?.setEncoding('utf8').on('data', (d: string) => out.push(d).forEach(onLine));
    child.stdout?.on('end', () => out.end().forEach(onLine));
    const err = new LineSplitter();
    child.stderr?.setEncoding('utf8').on('data', (d: string) => err.push(d).forEach((l) => this.listener.log(key, l)));
    child.stderr?.on('end', () => err.end().forEach((l) => this.listener.log(key, l)));
    child.on('error', (e) => this.listener.log(key, `could not start ${launch.command}: ${e.message}`));
    child.on('close', (code, signal) => {
      this.sessions.delete(key);
      this.listener.exit(key, label, code, signal);
    });
    return session;
  }

  /**
   * Stops a session: runs the engine's `down` (the `up` process may run as root, out of reach of our
   * signals), trying each command line in turn until one succeeds — e.g. without elevation first, so no
   * password is asked when none is needed — then terminates the `up` process if it is still ours to end.
   */
  async stop(key: string, downs: Launch[]): Promise<RunResult> {
    const session = this.sessions.get(key);
    let result: RunResult = { code: null, stdout: '', stderr: 'no down command' };
    for (const down of downs) {
      result = await runOnce(down);
      if (result.code === 0) break;
    }
    if (session && session.child.exitCode === null && session.child.signalCode === null) session.child.kill('SIGTERM');
    return result;
  }

  /** Stops every session, each through its own `down` command; resolves after `timeoutMs` at the latest. */
  async stopAll(downFor: (key: string) => Launch[], timeoutMs: number): Promise<void> {
    const stops = this.all().map((s) => this.stop(s.key, downFor(s.key)));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(stops), timeout]);
    clearTimeout(timer);
    for (const s of this.all()) s.child.kill('SIGTERM');
  }
}
