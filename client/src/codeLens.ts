// "▶ Bring up" above each tunnel's declaration (and "■ Bring down" while it runs), from the tunnels request.
import * as vscode from 'vscode';
import type { EngineController } from './engineController';
import type { TunnelStore } from './tunnelStore';

export class BringUpLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: TunnelStore, private readonly engines: EngineController) {
    store.onDidChange(() => this.changed.fire());
    engines.onDidChange(() => this.changed.fire());
    vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    // Bringing tunnels up needs a trusted workspace; without it the lens would only lead to an error.
    if (!vscode.workspace.isTrusted) return [];
    const uri = doc.uri.toString();
    const lenses: vscode.CodeLens[] = [];
    for (const d of this.store.devices) {
      for (const t of d.tunnels) {
        if (t.uri !== uri) continue;
        const line = new vscode.Range(t.range.start.line, 0, t.range.start.line, 0);
        lenses.push(
          this.engines.isRunning(t.id)
            ? new vscode.CodeLens(line, { title: '■ Bring down', tooltip: `Stop the engine running ${t.name}`, command: 'tunnelwright.bringDown', arguments: [t.id] })
            : new vscode.CodeLens(line, { title: '▶ Bring up', tooltip: `Bring up ${t.name} with the Tunnelwright engine`, command: 'tunnelwright.bringUp', arguments: [t.id] }),
        );
      }
    }
    return lenses;
  }
}
