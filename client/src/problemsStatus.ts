// Status bar item with the number of Tunnelwright problems in the workspace; a click opens the Problems panel.
import * as vscode from 'vscode';

/** The `source` the language server puts on its diagnostics. */
export const diagnosticSource = 'tunnelwright';

export class ProblemsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tunnelwright.problems', vscode.StatusBarAlignment.Left, 100);
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item.name = 'Tunnelwright problems';
    this.item.command = 'workbench.actions.view.problems';
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.update());
    this.update();
    this.item.show();
  }

  private update(): void {
    const counts = { error: 0, warning: 0, other: 0 };
    for (const [, diags] of vscode.languages.getDiagnostics()) {
      for (const d of diags) {
        if (d.source !== diagnosticSource) continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
        else counts.other++;
      }
    }
    this.item.text = `$(plug) Tunnelwright $(error) ${counts.error} $(warning) ${counts.warning}`;
    this.item.tooltip = `Tunnelwright: ${counts.error} errors, ${counts.warning} warnings, ${counts.other} notes`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
