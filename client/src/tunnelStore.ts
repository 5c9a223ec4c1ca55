// The latest answer to `tunnelwright/tunnels`, shared by the Tunnels view, the code lenses, the topology and
// the engine commands. Re-asked when the server says the analysis changed, or when diagnostics change.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { findTunnel, tunnelsChangedNotification, tunnelsRequest, type DeviceInfo, type TunnelInfo, type TunnelsResult } from './protocol';

export class TunnelStore implements vscode.Disposable {
  private result: TunnelsResult = { devices: [] };
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly client: LanguageClient, private readonly log: vscode.OutputChannel) {
    this.disposables.push(
      client.onNotification(tunnelsChangedNotification, () => this.scheduleRefresh()),
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleRefresh()),
    );
  }

  get devices(): DeviceInfo[] {
    return this.result.devices;
  }

  get current(): TunnelsResult {
    return this.result;
  }

  tunnel(id: string): TunnelInfo | undefined {
    return findTunnel(this.result, id);
  }

  deviceOf(id: string): DeviceInfo | undefined {
    return this.result.devices.find((d) => d.tunnels.some((t) => t.id === id));
  }

  /** Coalesces bursts of diagnostics changes into one request. */
  scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 250);
  }

  async refresh(): Promise<void> {
    this.timer = undefined;
    if (!this.client.isRunning()) return;
    try {
      const result = await this.client.sendRequest<TunnelsResult>(tunnelsRequest, {});
      this.result = result && Array.isArray(result.devices) ? result : { devices: [] };
    } catch (e) {
      this.log.appendLine(`${tunnelsRequest} failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.changed.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
