// A minimal LSP client for the benchmarks: spawns the built language server (`node dist/server.js --stdio`),
// speaks JSON-RPC over its stdio, and records when each publishDiagnostics arrives.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

/** run.mjs starts every section in the repository root. */
export const repoRoot = resolve(process.cwd());
export const uriOf = (p: string): string => pathToFileURL(p).href;
/** The built server; another build (an older one, for before/after) can be named in TUNNELWRIGHT_BENCH_SERVER. */
const serverJs = process.env.TUNNELWRIGHT_BENCH_SERVER ?? join(repoRoot, 'dist', 'server.js');
/** Node.js flags for the server process (e.g. heap tuning an editor's launcher would pass), space-separated. */
const nodeFlags = (process.env.TUNNELWRIGHT_BENCH_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');

type Waiter = { match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class LspSession {
  readonly conn: ProtocolConnection;
  readonly spawnedAt = performance.now();
  /** Time (performance.now) of the first publishDiagnostics, and the URIs published so far. */
  firstPublishAt?: number;
  readonly published = new Set<string>();
  private waiters: Waiter[] = [];

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    this.conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.firstPublishAt ??= performance.now();
      this.published.add(p.uri);
      const hit = this.waiters.filter((w) => w.match(p));
      this.waiters = this.waiters.filter((w) => !hit.includes(w));
      for (const w of hit) w.resolve(p);
    });
    // Answer what the server asks (configuration, progress, registrations) with the defaults.
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    for (const method of ['client/registerCapability', 'window/workDoneProgress/create', 'workspace/inlayHint/refresh']) this.conn.onRequest(method, () => null);
    this.conn.listen();
  }

  static async start(workspace: string): Promise<{ session: LspSession; readyMs: number }> {
    const child = spawn(process.execPath, [...nodeFlags, serverJs, '--stdio'], { stdio: 'pipe' });
    child.stderr.resume();
    const session = new LspSession(child);
    await session.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(workspace),
      workspaceFolders: [{ uri: uriOf(workspace), name: 'bench' }],
      capabilities: {
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          synchronization: { didSave: false },
        },
        workspace: { configuration: true },
      },
    });
    const readyMs = performance.now() - session.spawnedAt;
    await session.conn.sendNotification('initialized', {});
    return { session, readyMs };
  }

  /** Resolves with the next publishDiagnostics that matches. */
  nextDiagnostics(match: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 60_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching publishDiagnostics within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ match, resolve: (p) => (clearTimeout(timer), resolvePromise(p)) });
    });
  }

  /** Until `count` distinct files have had diagnostics published. */
  async publishedFor(count: number, timeoutMs = 120_000): Promise<number> {
    const until = performance.now() + timeoutMs;
    while (this.published.size < count) {
      if (performance.now() > until) throw new Error(`diagnostics for ${this.published.size} of ${count} files after ${timeoutMs} ms`);
      await this.nextDiagnostics(() => true, Math.max(1, until - performance.now()));
    }
    return performance.now();
  }

  /** Peak resident set size of the server process, in MB (Linux /proc). */
  peakRssMB(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    this.conn.dispose();
  }
}
