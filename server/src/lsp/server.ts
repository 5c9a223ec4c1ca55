import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as nodePath from 'node:path';
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadPaths } from '../cli/load';
import { DiagnosticsPublisher } from './publisher';
import { filesExcludeGlobs, fromEditor, SETTINGS_FILE, withSettingsFile } from './settings';
import { UriMap, uriToPath } from './uri';
import { WorkspaceIndex } from './workspace-index';
import { ParsePool } from '../parallel/pool';
import { hover } from './hover';
import { codeActions } from './code-actions';
import { definition, documentSymbols, references, workspaceSymbols } from './navigation';
import { foldingRanges, inlayHints } from './decorations';
import { completion } from './completion';
import { tunnelsChangedNotification, tunnelsRequest, tunnelsResult } from './tunnels-request';

// The language server: keeps the workspace index in step with the editor and the disk, re-analyses as soon
// as something changes (edits that arrive together are analysed together), and answers every request from
// one consistent snapshot. Every handler is wrapped:
// a failing feature is logged and answers empty, never taking the server down.

/** Folders with at least this many config files get a progress notification while they are indexed. */
const PROGRESS_THRESHOLD = 50;
/** Files the client reports changes for, beyond the ones it opens. */
const WATCHED = '**/{*.vyos,config.boot,*.config.boot,*.ios,*.cisco,*.rtx,*.sh,ifcfg-*,rc.local,*.netdev,*.network,*.yaml,*.yml,.tunnelwright.json}';

/** Connect over the transport named on the command line (`--stdio`, `--node-ipc`, `--socket=`), stdio by default. */
export function listen(): void {
  const named = process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a));
  const connection = named ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection);
}

export function startServer(connection: Connection): void {
  const uris = new UriMap();
  const documents = new TextDocuments(TextDocument);
  const log = (message: string) => connection.console.log(message);
  const index = new WorkspaceIndex((m) => connection.console.error(m));
  /**
   * Parses the files of a folder on worker threads; edits are parsed on this thread. One core fewer than the
   * pool would take: this thread reads the workers' replies and resolves devices as they come, and each worker
   * pays for V8 compiling the parsers anew on its compiler threads (on two cores, one worker started up faster
   * and on less CPU than two). The worker's young generation is 96 MB (32 MB semi-spaces, twice V8's
   * default): fewer scavenges of the tokens a parse drops, within 300 MB of resident memory for 1,000 files.
   */
  const pool = new ParsePool({ workers: Math.max(1, Math.min(availableParallelism(), 4) - 1), resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  let caps: ClientCapabilities = {};
  let publisher: DiagnosticsPublisher | undefined;
  let roots: string[] = [];
  let pushedSettings: unknown;
  let queued = false;
  let running: Promise<void> | undefined;
  let lastGeneration = -1;
  let toldSkipped = false;
  /** The first indexing of the workspace folders; requests wait for it so their answers see every file. */
  let indexed: Promise<void> = Promise.resolve();
  const current = async () => {
    await indexed;
    return index.snapshot();
  };

  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

  /** Wrap a handler so an exception is logged and answered with `fallback`. */
  function safe<P, R>(name: string, fallback: R, fn: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return await fn(params);
      } catch (e) {
        connection.console.error(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return fallback;
      }
    };
  }

  const uriOf = (path: string) => uris.uriOf(path);

  /** A notification, not a request: nothing waits for the user to dismiss it. */
  const warn = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });

  function skipped(message: string | undefined): void {
    if (message === undefined) return;
    connection.console.warn(message);
    if (toldSkipped) return;
    toldSkipped = true;
    warn(`Tunnelwright: ${message} (later skipped files are listed in the output log).`);
  }

  function schedule(): void {
    if (queued) return;
    queued = true;
    // setImmediate lets the messages already received in this turn of the event loop join the analysis; edits
    // that arrive while it runs are coalesced into the next one.
    setImmediate(() => {
      queued = false;
      void flush();
    });
  }

  /** Re-analyse now and tell the client; one analysis at a time, changes made during one are analysed next. */
  async function flush(): Promise<void> {
    while (running) await running;
    running = publish();
    await running;
    running = undefined;
  }

  async function publish(): Promise<void> {
    await safe('analysis', undefined, async () => {
      const snap = index.snapshot();
      if (snap.generation === lastGeneration || !publisher) return;
      lastGeneration = snap.generation;
      await publisher.update(snap);
      if (caps.workspace?.inlayHint?.refreshSupport) await connection.languages.inlayHint.refresh();
      await connection.sendNotification(tunnelsChangedNotification);
    })(undefined);
  }

  async function loadSettings(): Promise<void> {
    const errors: string[] = [];
    let editorSection: unknown = (pushedSettings as { tunnelwright?: unknown } | undefined)?.tunnelwright;
    let filesExclude: unknown;
    if (caps.workspace?.configuration) {
      [editorSection, filesExclude] = await connection.workspace.getConfiguration([{ section: 'tunnelwright' }, { section: 'files.exclude' }]);
    }
    let settings = fromEditor(editorSection, errors);
    for (const root of roots) {
      const file = nodePath.join(root, SETTINGS_FILE);
      const text = await fs.readFile(file, 'utf8').catch(() => undefined);
      if (text !== undefined) settings = withSettingsFile(settings, text, file, errors);
    }
    index.configure(settings, roots, filesExcludeGlobs(filesExclude));
    for (const e of errors) connection.console.warn(e);
    if (errors.length) warn(`Tunnelwright settings: ${errors.join('; ')}`);
  }

  /** Read the config files under some folders (or a file) from disk into the index, parsed on the pool's workers. */
  async function readFromDisk(paths: string[], withProgress: boolean): Promise<void> {
    const start = performance.now();
    const loaded = await loadPaths(paths, (p) => index.isExcluded(p));
    for (const s of loaded.skipped) skipped(s);
    for (const e of loaded.errors) log(e);
    for (const s of loaded.sources) skipped(index.setDisk(s.path, s.text));
    const items = index.unparsed(loaded.sources.map((s) => s.path));
    const t0 = performance.now();
    const offloaded = pool.offloaded;
    const big = withProgress && items.length >= PROGRESS_THRESHOLD && caps.window?.workDoneProgress;
    // A client that refuses the progress token still gets its files indexed.
    const progress = big ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Tunnelwright: indexing configurations', 0, `${items.length} files`, false);
    // One call, so the pool decides once whether the folder is worth its workers. Each chunk's devices are
    // resolved as it comes back, while the workers parse the next ones: only pairing and checks, which need
    // every file, are left for after the last.
    await pool.parse(items, (n, done, models) => {
      done.forEach((item, k) => index.adopt(item, models[k]));
      index.prepare(models);
      progress?.report(Math.round((100 * n) / items.length), `${n} of ${items.length} files`);
    });
    const t1 = performance.now();
    index.snapshot();
    if (items.length > 0) {
      const threads = pool.offloaded > offloaded ? `, ${pool.offloaded - offloaded} of them on worker threads` : '';
      const ms = (from: number, to: number) => Math.round(to - from);
      log(`parsed ${items.length} files in ${ms(t0, t1)} ms${threads} (read in ${ms(start, t0)} ms before, analysed in ${ms(t1, performance.now())} ms after)`);
    }
    progress?.done();
  }

  /** New settings may include files that were left out before: read the folders again (parses are cached). */
  async function settingsChanged(): Promise<void> {
    await loadSettings();
    await readFromDisk(roots, false);
  }

  async function fileChanged(path: string, type: FileChangeType): Promise<void> {
    if (nodePath.basename(path) === SETTINGS_FILE) return settingsChanged();
    if (type === FileChangeType.Deleted) {
      index.removeDisk(path);
      index.removeFolder(path);
      return;
    }
    const st = await fs.stat(path).catch(() => undefined);
    if (!st) return;
    if (st.isDirectory()) return readFromDisk([path], false);
    const loaded = await loadPaths([path]);
    const src = loaded.sources.find((s) => s.path === path);
    if (src) skipped(index.setDisk(path, src.text));
    else index.removeDisk(path);
  }

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    // The workers load while the client finishes the handshake and the folders are listed.
    pool.start();
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    roots = folders.map((f) => uriToPath(f.uri));
    const pull = caps.textDocument?.diagnostic !== undefined;
    publisher = new DiagnosticsPublisher(connection, uris, pull, caps.workspace?.diagnostics?.refreshSupport === true);
    pushedSettings = params.initializationOptions;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        completionProvider: { triggerCharacters: [' '] },
        inlayHintProvider: true,
        foldingRangeProvider: true,
        ...(pull ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'tunnelwright' },
    };
  });

  connection.onInitialized(
    safe('initialized', undefined, async () => {
      if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED }] });
      }
      if (caps.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          safe('workspace folders', undefined, async (e) => {
            for (const f of e.removed) index.removeFolder(uriToPath(f.uri));
            const added = e.added.map((f) => uriToPath(f.uri));
            roots = [...roots.filter((r) => !e.removed.some((f) => uriToPath(f.uri) === r)), ...added];
            await loadSettings();
            await readFromDisk(added, true);
            schedule();
          }),
        );
      }
      indexed = safe('indexing', undefined, async () => {
        await loadSettings();
        await readFromDisk(roots, true);
      })(undefined);
      await indexed;
      await flush();
    }),
  );

  connection.onDidChangeConfiguration(
    safe('configuration', undefined, async (p) => {
      pushedSettings = p.settings;
      await settingsChanged();
      schedule();
    }),
  );

  connection.onDidChangeWatchedFiles(
    safe('watched files', undefined, async (p) => {
      for (const c of p.changes) await safe('file change', undefined, () => fileChanged(uriToPath(c.uri), c.type))(undefined);
      schedule();
    }),
  );

  const sync = (doc: TextDocument) => {
    const path = uris.remember(doc.uri);
    skipped(index.setOpen(path, doc.getText(), doc.languageId, doc.version));
    schedule();
  };
  documents.onDidOpen(safe('open', undefined, (e) => sync(e.document)));
  documents.onDidChangeContent(safe('change', undefined, (e) => sync(e.document)));
  documents.onDidClose(
    safe('close', undefined, (e) => {
      index.close(uriToPath(e.document.uri));
      schedule();
    }),
  );

  const pathOf = (uri: string) => uris.remember(uri);

  connection.onHover(safe('hover', null, async (p) => hover(await current(), pathOf(p.textDocument.uri), p.position, uriOf)));
  connection.onCodeAction(safe('code actions', [], async (p) => codeActions(await current(), pathOf(p.textDocument.uri), p.range, uriOf)));
  connection.onDefinition(safe('definition', [], async (p) => definition(await current(), pathOf(p.textDocument.uri), p.position, uriOf)));
  connection.onReferences(
    safe('references', [], async (p) => references(await current(), pathOf(p.textDocument.uri), p.position, p.context.includeDeclaration, uriOf)),
  );
  connection.onDocumentSymbol(
    safe('document symbols', [], (p) => {
      const m = index.fileModel(pathOf(p.textDocument.uri));
      return m ? documentSymbols(m) : [];
    }),
  );
  connection.onWorkspaceSymbol(safe('workspace symbols', [], async (p) => workspaceSymbols(await current(), p.query, uriOf)));
  connection.onFoldingRanges(
    safe('folding', [], (p) => {
      const m = index.fileModel(pathOf(p.textDocument.uri));
      return m ? foldingRanges(m) : [];
    }),
  );
  connection.languages.inlayHint.on(safe('inlay hints', [], async (p) => inlayHints(await current(), pathOf(p.textDocument.uri), p.range)));
  connection.onCompletion(safe('completion', [], async (p) => completion(await current(), pathOf(p.textDocument.uri), p.position)));
  connection.languages.diagnostics.on(
    safe('diagnostics', { kind: 'full' as const, items: [] }, async (p) =>
      publisher!.document(await current(), pathOf(p.textDocument.uri), p.previousResultId),
    ),
  );
  connection.languages.diagnostics.onWorkspace(safe('workspace diagnostics', { items: [] }, async (p) => publisher!.workspace(await current(), p.previousResultIds)));
  connection.onRequest(tunnelsRequest, safe('tunnels', { devices: [] }, async () => tunnelsResult(await current(), uriOf)));

  documents.listen(connection);
  connection.listen();
}
