// A real LSP client for the tests: spawns the built server (`node dist/server.js --stdio`) and talks JSON-RPC
// over its stdio. Waiting is always for a message (a reply, or a notification matching a condition), never
// for a fixed time.
import { afterAll, beforeAll } from 'vitest';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const root = path.resolve(__dirname, '..', '..');
export const serverJs = path.join(root, 'dist', 'server.js');

/** Building dist/, starting the server or its first analysis can take a while on a busy machine. */
export const HOOK_TIMEOUT_MS = 120_000;

let built = false;
/** Build dist/ once per test file (esbuild takes well under a second). */
export function buildServer(): void {
  if (built) return;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  built = true;
}

/** Every configuration file of examples/ (the reference scenarios), relative to it. */
export const exampleFiles: string[] = fs
  .readdirSync(path.join(root, 'examples'), { recursive: true, encoding: 'utf8' })
  .filter((f) => !f.endsWith('.md') && fs.statSync(path.join(root, 'examples', f)).isFile())
  .sort();

/** A scratch workspace with copies of the named files from examples/ (and extra files given as text). */
export function scratchWorkspace(examples: string[], extra: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-lsp-'));
  for (const e of examples) {
    const dest = path.join(dir, e);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(root, 'examples', e), dest);
  }
  for (const [name, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export const uriOf = (p: string) => pathToFileURL(p).href;

export interface StartOptions {
  workspace: string;
  /** Announce pull diagnostics (like VS Code); push otherwise (like Neovim, Helix). */
  pull?: boolean;
  /** Answer workspace/configuration with these `tunnelwright` settings. */
  settings?: Record<string, unknown>;
  /** Extra process arguments instead of `dist/server.js --stdio`. */
  argv?: string[];
}

type Waiter = { check: () => boolean; resolve: () => void };

export class LspClient {
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  refreshes = 0;
  /** `$/progress` values in arrival order. */
  readonly progress: { kind: string; title?: string }[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  stderr = '';

  private constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly conn: ProtocolConnection,
    readonly options: StartOptions,
  ) {}

  static async start(options: StartOptions): Promise<LspClient> {
    buildServer();
    const proc = spawn(process.execPath, options.argv ?? [serverJs, '--stdio'], { cwd: root });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new LspClient(proc, conn, options);
    proc.stderr.on('data', (d) => (client.stderr += String(d)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.set(p.uri, p);
      client.poke();
    });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      client.messages.push(p);
      client.poke();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
      client.poke();
    });
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'tunnelwright' ? (options.settings ?? {}) : i.section === 'files.exclude' ? {} : null)),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('window/showMessageRequest', () => null);
    conn.onRequest('workspace/inlayHint/refresh', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshes++;
      client.poke();
      return null;
    });
    conn.onNotification('$/progress', (p: { value: { kind: string; title?: string } }) => {
      client.progress.push(p.value);
      client.poke();
    });
    conn.onNotification('tunnelwright/tunnelsChanged', () => undefined);
    conn.listen();
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      window: { workDoneProgress: true },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true },
        hover: { contentFormat: ['markdown'] },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(options.workspace),
      workspaceFolders: [{ uri: uriOf(options.workspace), name: 'ws' }],
      capabilities,
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  /** Resolve once `check` holds; it is re-evaluated after every message from the server. */
  waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w: Waiter = { check, resolve };
      this.waiters.push(w);
      // A failure deadline only: the wait itself ends on the message that satisfies it.
      const t = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      w.resolve = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Wait for pushed diagnostics of a file that satisfy `check` (e.g. a version, or a code present). */
  async diagnostics(file: string, check: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true): Promise<Diagnostic[]> {
    const uri = uriOf(file);
    await this.waitFor(`diagnostics of ${path.basename(file)}`, () => {
      const p = this.published.get(uri);
      return p !== undefined && check(p.diagnostics, p);
    });
    return this.published.get(uri)!.diagnostics;
  }

  /** Pull a file's diagnostics (textDocument/diagnostic). */
  async pull(file: string): Promise<Diagnostic[]> {
    const r = await this.conn.sendRequest<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: uriOf(file) } });
    return r.items ?? [];
  }

  text(file: string): string {
    return this.texts.get(uriOf(file)) ?? fs.readFileSync(file, 'utf8');
  }

  async open(file: string, languageId: string, text = fs.readFileSync(file, 'utf8')): Promise<void> {
    const uri = uriOf(file);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replace the whole text of an open document; returns the new version. */
  async change(file: string, text: string): Promise<number> {
    const uri = uriOf(file);
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest<R>(method, params);
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    if (this.proc.exitCode === null) {
      await new Promise<void>((resolve) => {
        this.proc.once('exit', () => resolve());
        setTimeout(() => this.proc.kill(), 2000);
      });
    }
  }
}

/** Apply a workspace edit's changes for one file to its text. */
export function applyEdit(text: string, file: string, edit: WorkspaceEdit): string {
  const edits: TextEdit[] = edit.changes?.[uriOf(file)] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uriOf(file), 'x', 0, text), edits);
}

/** Position of the first occurrence of `needle` in a text (optionally shifted right by `offset`). */
export function positionOf(text: string, needle: string, offset = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, i + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/**
 * A server on a scratch workspace for the enclosing `describe`: started before its tests, stopped (and the
 * workspace removed) after them.
 */
export function serverFor(examples: string[], options: Omit<StartOptions, 'workspace'> & { extra?: Record<string, string> } = {}) {
  const s = {} as { ws: string; client: LspClient };
  beforeAll(async () => {
    s.ws = scratchWorkspace(examples, options.extra);
    s.client = await LspClient.start({ ...options, workspace: s.ws });
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await s.client.stop();
    fs.rmSync(s.ws, { recursive: true, force: true });
  });
  return s;
}
