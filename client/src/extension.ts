// Extension entry: starts the language client and wires the Tunnels view, code lenses, status bar items,
// topology and engine commands to it. Engines this window started are stopped on deactivate.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient, documentSelector } from './languageClient';
import { TunnelStore } from './tunnelStore';
import { TunnelsView } from './tunnelsView';
import { BringUpLenses } from './codeLens';
import { ProblemsStatus } from './problemsStatus';
import { EngineController, type TunnelArg } from './engineController';
import { TopologyPanel } from './topology/panel';

let client: LanguageClient | undefined;
let engines: EngineController | undefined;

async function openTunnel(store: TunnelStore, id: string): Promise<void> {
  const t = store.tunnel(id);
  if (!t) return;
  const { start, end } = t.range;
  const selection = new vscode.Range(start.line, start.character, end.line, end.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(t.uri), { selection, preserveFocus: false });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Tunnelwright');
  client = createLanguageClient(context);
  const store = new TunnelStore(client, log);
  engines = new EngineController(context, store, log);
  const view = new TunnelsView(store, engines);
  context.subscriptions.push(
    log,
    store,
    engines,
    new ProblemsStatus(),
    vscode.window.createTreeView('tunnelwright.tunnels', { treeDataProvider: view, showCollapseAll: true }),
    vscode.languages.registerCodeLensProvider(documentSelector, new BringUpLenses(store, engines)),
    vscode.commands.registerCommand('tunnelwright.bringUp', (arg: TunnelArg) => engines?.bringUp(arg)),
    vscode.commands.registerCommand('tunnelwright.bringDown', (arg: TunnelArg) => engines?.bringDown(arg)),
    vscode.commands.registerCommand('tunnelwright.showStatus', (arg: TunnelArg) => engines?.showStatus(arg)),
    vscode.commands.registerCommand('tunnelwright.showTopology', () => TopologyPanel.show(store)),
    vscode.commands.registerCommand('tunnelwright.refreshTunnels', () => store.refresh()),
    vscode.commands.registerCommand('tunnelwright.showEngineLog', () => log.show()),
    vscode.commands.registerCommand('tunnelwright.openTunnel', (id: string) => openTunnel(store, id)),
  );
  await vscode.commands.executeCommand('setContext', 'tunnelwright.active', true);
  try {
    await client.start();
  } catch (e) {
    log.appendLine(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('Tunnelwright: the language server did not start. See the "Tunnelwright" output.');
    return;
  }
  await store.refresh();
}

export async function deactivate(): Promise<void> {
  await engines?.stopAll();
  await client?.stop();
}
