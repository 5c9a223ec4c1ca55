// The "Show Topology" webview: the diagram from svg.ts, redrawn when the analysis changes. Clicking a tunnel
// edge opens its declaration. The page runs one small script (with a nonce) that only posts the click.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { TunnelStore } from '../tunnelStore';
import { buildTopology } from './graph';
import { renderTopologySvg } from './svg';

const style = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
svg text { text-anchor: middle; font-size: 11px; fill: var(--vscode-foreground); }
svg text.title { font-size: 12px; font-weight: 600; }
svg text.problem { fill: var(--vscode-problemsWarningIcon-foreground); }
.node rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-focusBorder); stroke-width: 1.5; }
.node.external rect { stroke-dasharray: 4 3; stroke: var(--vscode-descriptionForeground); }
.edge path { fill: none; stroke: var(--vscode-charts-blue); stroke-width: 2; }
.edge.warning path { stroke: var(--vscode-problemsWarningIcon-foreground); }
.edge.error path { stroke: var(--vscode-problemsErrorIcon-foreground); }
.edge { cursor: pointer; }
.edge:hover path, .edge:focus path { stroke-width: 3.5; }
.empty { opacity: 0.7; }
`;

export class TopologyPanel implements vscode.Disposable {
  private static current: TopologyPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(store: TunnelStore): void {
    if (TopologyPanel.current) {
      TopologyPanel.current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel('tunnelwright.topology', 'Tunnel Topology', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [],
    });
    TopologyPanel.current = new TopologyPanel(panel, store);
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly store: TunnelStore) {
    this.disposables.push(
      store.onDidChange(() => this.render()),
      panel.webview.onDidReceiveMessage((m: { open?: unknown }) => {
        if (typeof m.open === 'string') void vscode.commands.executeCommand('tunnelwright.openTunnel', m.open);
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.render();
    void store.refresh();
  }

  private render(): void {
    const topo = buildTopology(this.store.current);
    const nonce = randomBytes(16).toString('base64');
    const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';`;
    const body =
      topo.nodes.length === 0 ? '<p class="empty">No tunnels found in this workspace yet.</p>' : renderTopologySvg(topo);
    this.panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}"><style>${style}</style></head>
<body>${body}<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const open = (e) => { const g = e.target.closest('.edge'); if (g) vscode.postMessage({ open: g.dataset.tunnel }); };
document.addEventListener('click', open);
document.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(e); });
</script></body></html>`;
  }

  dispose(): void {
    TopologyPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
