import type { Connection, Diagnostic, DocumentDiagnosticReport, WorkspaceDiagnosticReport, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { Snapshot } from './workspace-index';
import { toDiagnostic } from './diagnostics';
import type { UriMap } from './uri';

// Diagnostics reach the client by push (publishDiagnostics) unless it announced pull support; then it asks
// (textDocument/diagnostic, workspace/diagnostic) and we ask it to ask again (refresh) after each change.
// Either way a file that leaves the analysis gets an empty report once, so its old problems disappear.

export class DiagnosticsPublisher {
  /** Per URI, the result id of what the client last got (push: the JSON sent). */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly uris: UriMap,
    readonly pull: boolean,
    private readonly refreshSupport: boolean,
  ) {}

  diagnosticsOf(snap: Snapshot, path: string): Diagnostic[] {
    return (snap.findingsByPath.get(path) ?? []).map((f) => toDiagnostic(f, (p) => this.uris.uriOf(p)));
  }

  /** Tell the client about a new analysis. */
  async update(snap: Snapshot): Promise<void> {
    if (this.pull) {
      if (this.refreshSupport) await this.connection.languages.diagnostics.refresh();
      return;
    }
    const live = new Set<string>();
    for (const path of snap.sources.keys()) {
      const uri = this.uris.uriOf(path);
      live.add(uri);
      const diagnostics = this.diagnosticsOf(snap, path);
      const version = snap.sources.get(path)?.version ?? undefined;
      // An open document gets a report for every version it reaches, so clients can tell it is current.
      const key = `${version}:${JSON.stringify(diagnostics)}`;
      if (this.sent.get(uri) === key) continue;
      this.sent.set(uri, key);
      await this.connection.sendDiagnostics({ uri, diagnostics, version });
    }
    for (const uri of [...this.sent.keys()]) {
      if (live.has(uri)) continue;
      this.sent.delete(uri);
      await this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  document(snap: Snapshot, path: string, previousResultId: string | undefined): DocumentDiagnosticReport {
    const items = this.diagnosticsOf(snap, path);
    const resultId = hash(JSON.stringify(items));
    return previousResultId === resultId ? { kind: 'unchanged', resultId } : { kind: 'full', resultId, items };
  }

  workspace(snap: Snapshot, previous: { uri: string; value: string }[]): WorkspaceDiagnosticReport {
    const prev = new Map(previous.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const live = new Set<string>();
    for (const [path, src] of snap.sources) {
      const uri = this.uris.uriOf(path);
      live.add(uri);
      const report = this.document(snap, path, prev.get(uri));
      items.push({ ...report, uri, version: src.version });
      this.sent.set(uri, report.resultId!);
    }
    for (const uri of new Set([...this.sent.keys(), ...prev.keys()])) {
      if (live.has(uri)) continue;
      this.sent.delete(uri);
      items.push({ kind: 'full', uri, version: null, items: [] });
    }
    return { items };
  }
}

/** FNV-1a, enough to tell whether a report changed. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
