// The Tunnels view in the Explorer: devices, each with its tunnels and their state; a click opens the tunnel.
import * as vscode from 'vscode';
import { tunnelState, type DeviceInfo, type TunnelInfo, type TunnelState } from './protocol';
import type { TunnelStore } from './tunnelStore';
import type { EngineController } from './engineController';

export type TunnelNode = { kind: 'device'; device: DeviceInfo } | { kind: 'tunnel'; tunnel: TunnelInfo; device: DeviceInfo };

const stateLabel: Record<TunnelState, string> = {
  paired: 'paired ✓',
  problems: 'problems',
  'no-peer': 'no peer',
  standalone: 'no peer needed',
};

const stateIcon: Record<TunnelState, vscode.ThemeIcon> = {
  paired: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  problems: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  'no-peer': new vscode.ThemeIcon('circle-large-outline'),
  standalone: new vscode.ThemeIcon('broadcast'),
};

export function tunnelTooltip(t: TunnelInfo, device: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${t.name}** on ${device} — \`${t.mode}\`, MTU ${t.effectiveMtu}\n\n`);
  md.appendMarkdown(`${t.local ?? '(local not configured)'} → ${t.remote ?? '(any)'}\n\n`);
  for (const p of t.problems) md.appendMarkdown(`- $(${p.severity === 'error' ? 'error' : 'warning'}) ${p.message} (\`${p.code}\`)\n`);
  return md;
}

export class TunnelsView implements vscode.TreeDataProvider<TunnelNode> {
  private readonly changed = new vscode.EventEmitter<TunnelNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: TunnelStore, private readonly engines: EngineController) {
    store.onDidChange(() => this.changed.fire(undefined));
    engines.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: TunnelNode): TunnelNode[] {
    if (!node) return this.store.devices.map((device) => ({ kind: 'device', device }));
    if (node.kind === 'device') return node.device.tunnels.map((tunnel) => ({ kind: 'tunnel', tunnel, device: node.device }));
    return [];
  }

  getTreeItem(node: TunnelNode): vscode.TreeItem {
    if (node.kind === 'device') {
      const item = new vscode.TreeItem(node.device.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `device:${node.device.id}`;
      item.description = node.device.dialect;
      item.iconPath = new vscode.ThemeIcon('server');
      item.contextValue = 'device';
      item.tooltip = node.device.uris.map((u) => vscode.Uri.parse(u).fsPath).join('\n');
      return item;
    }
    const t = node.tunnel;
    const state = tunnelState(t);
    const running = this.engines.status(t.id);
    const item = new vscode.TreeItem(t.name, vscode.TreeItemCollapsibleState.None);
    item.id = `tunnel:${t.id}`;
    const problems = state === 'problems' ? ` (${t.problems.length})` : '';
    item.description = `${t.mode} · ${stateLabel[state]}${problems}${running ? ` · ${running}` : ''}`;
    item.iconPath = running ? new vscode.ThemeIcon('radio-tower', new vscode.ThemeColor('charts.green')) : stateIcon[state];
    item.tooltip = tunnelTooltip(t, node.device.name);
    item.contextValue = running ? 'tunnel.running' : 'tunnel';
    item.command = { command: 'tunnelwright.openTunnel', title: 'Open', arguments: [t.id] };
    return item;
  }
}
