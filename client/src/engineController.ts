// Bring Up / Bring Down / Show Tunnel Status: confirms, runs the engine CLI as a child process (never through a
// shell, elevated when VS Code is not root), logs to an output channel and shows state and RTT.
import * as vscode from 'vscode';
import { describeLaunch, engineLaunch, type Launch } from './engine/launch';
import { EngineSessions, runOnce, type SessionListener } from './engine/sessions';
import { parseStatusList, statusDetail, statusSummary, type EngineStatus } from './engine/status';
import { describePlan } from './plan';
import type { TunnelInfo } from './protocol';
import type { TunnelStore } from './tunnelStore';

/** Command arguments: a tunnel id (code lens), a Tunnels view node, or nothing (command palette). */
export type TunnelArg = string | { tunnel?: TunnelInfo } | undefined;

/** Every state but `starting` ends the progress notification (engine/src/status.ts EngineState). */
const isSettled = (s: EngineStatus): boolean => s.state !== 'starting';

export class EngineController implements vscode.Disposable {
  private readonly sessions: EngineSessions;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly statusItem = vscode.window.createStatusBarItem('tunnelwright.engine', vscode.StatusBarAlignment.Left, 99);
  private readonly waiters = new Map<string, (s: EngineStatus | undefined) => void>();
  /** The last log line of each session: the reason, when an engine stops before it is up. */
  private readonly lastLog = new Map<string, string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: TunnelStore,
    private readonly log: vscode.OutputChannel,
  ) {
    this.statusItem.name = 'Tunnelwright engine';
    this.statusItem.command = 'tunnelwright.showStatus';
    const listener: SessionListener = {
      status: (key, status, previous) => this.onStatus(key, status, previous),
      log: (key, text) => {
        this.lastLog.set(key, text);
        this.log.appendLine(`[${this.sessions.get(key)?.label ?? key}] ${text}`);
      },
      exit: (key, label, code, signal) => this.onExit(key, label, code, signal),
    };
    this.sessions = new EngineSessions(listener);
  }

  /** The running tunnel's status text for views, or undefined when it is not running here. */
  status(id: string): string | undefined {
    const s = this.sessions.get(id);
    return s ? (s.last ? statusSummary(s.last) : 'starting') : undefined;
  }

  isRunning(id: string): boolean {
    return this.sessions.get(id) !== undefined;
  }

  /** `elevate: false` for read-only commands, which must not ask for a password. */
  private launch(cliArgs: string[], elevate = true): Launch {
    const cfg = vscode.workspace.getConfiguration('tunnelwright.engine');
    // Only user (global) values count: a workspace must not choose what runs as root.
    const user = <T>(key: string, fallback: T): T => {
      const v = cfg.inspect<T>(key);
      return v?.globalValue ?? v?.defaultValue ?? fallback;
    };
    return engineLaunch(
      {
        execPath: process.execPath,
        bundledCli: this.context.asAbsolutePath('dist/cli.js'),
        enginePath: user('path', ''),
        elevationCommand: elevate ? user('elevationCommand', 'pkexec') : '',
        isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
      },
      cliArgs,
    );
  }

  /** `down` without elevation first (the engine's control socket may let us), then elevated. */
  private downLaunches(name: string): Launch[] {
    const plain = this.launch(['down', name], false);
    const elevated = this.launch(['down', name]);
    return elevated.elevated ? [plain, elevated] : [plain];
  }

  private async pick(arg: TunnelArg, placeHolder: string, only?: (t: TunnelInfo) => boolean): Promise<TunnelInfo | undefined> {
    if (typeof arg === 'string') return this.store.tunnel(arg);
    if (arg?.tunnel) return arg.tunnel;
    await this.store.refresh();
    const items = this.store.devices.flatMap((d) =>
      d.tunnels
        .filter((t) => !only || only(t))
        .map((t) => ({ label: t.name, description: `${d.name} · ${t.mode}`, detail: `${t.local ?? '?'} → ${t.remote ?? 'any'}`, t })),
    );
    if (items.length === 0) {
      void vscode.window.showInformationMessage(only ? 'No tunnel is running.' : 'No tunnels found in this workspace.');
      return undefined;
    }
    if (items.length === 1) return items[0]!.t;
    return (await vscode.window.showQuickPick(items, { placeHolder }))?.t;
  }

  async bringUp(arg: TunnelArg): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('Tunnelwright: bringing tunnels up is disabled in an untrusted workspace.');
      return;
    }
    const t = await this.pick(arg, 'Tunnel to bring up');
    if (!t) return;
    if (this.isRunning(t.id)) {
      void vscode.window.showInformationMessage(`${t.name} is already running (${this.status(t.id)}).`);
      return;
    }
    const device = this.store.deviceOf(t.id);
    // The engine analyses the same files the editor does (the peer's too), and picks the tunnel by device.
    const files = [...new Set(this.store.devices.flatMap((d) => d.uris))].map((u) => vscode.Uri.parse(u).fsPath);
    const launch = this.launch(['up', ...files, '--tunnel', t.name, ...(device ? ['--device', device.id] : []), '--json']);
    // Long file lists are summarised in the dialog; the log gets the full command line.
    const args = files.length <= 3 ? launch.args : launch.args.flatMap((a) => (a === files[0] ? [`<${files.length} config files>`] : files.includes(a) ? [] : [a]));
    const shown = { ...launch, args };
    const detail = [...describePlan(t, device?.name ?? ''), '', `Runs${launch.elevated ? ' as root' : ''}: ${describeLaunch(shown)}`].join('\n');
    const ok = await vscode.window.showWarningMessage(`Bring up tunnel ${t.name}?`, { modal: true, detail }, 'Bring Up');
    if (ok !== 'Bring Up') return;

    this.log.appendLine(`[${t.name}] $ ${describeLaunch(launch)}`);
    const first = new Promise<EngineStatus | undefined>((resolve) => this.waiters.set(t.id, resolve));
    this.lastLog.delete(t.id);
    this.sessions.start(t.id, t.name, launch);
    this.changed.fire();
    const settled = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Bringing up ${t.name}`, cancellable: true },
      async (progress, token) => {
        progress.report({ message: `${t.mode} to ${t.remote ?? 'any'}` });
        token.onCancellationRequested(() => void this.bringDown(t.id));
        return first;
      },
    );
    if (settled === undefined) {
      const reason = this.lastLog.get(t.id);
      const choice = await vscode.window.showErrorMessage(`The engine for ${t.name} stopped${reason ? `: ${reason}` : '.'}`, 'Show Log');
      if (choice) this.log.show();
    } else {
      void vscode.window.showInformationMessage(`${t.name}: ${statusSummary(settled)}`);
    }
  }

  async bringDown(arg: TunnelArg): Promise<void> {
    const t = await this.pick(arg, 'Tunnel to bring down', (x) => this.isRunning(x.id));
    if (!t) return;
    this.log.appendLine(`[${t.name}] $ tunnelwright down ${t.name}`);
    const result = await this.sessions.stop(t.id, this.downLaunches(t.name));
    if (result.stdout.trim()) this.log.appendLine(result.stdout.trimEnd());
    if (result.stderr.trim()) this.log.appendLine(result.stderr.trimEnd());
    if (result.code !== 0) {
      const choice = await vscode.window.showErrorMessage(`Bringing down ${t.name} failed (exit ${result.code ?? 'not started'}).`, 'Show Log');
      if (choice) this.log.show();
    }
  }

  async showStatus(arg: TunnelArg): Promise<void> {
    // Every engine on this machine, including those started from a terminal or another window.
    const result = await runOnce(this.launch(['status', '--json'], false));
    if (result.code !== 0) this.log.appendLine(`tunnelwright status failed (exit ${result.code ?? 'not started'}): ${result.stderr.trimEnd()}`);
    const t = typeof arg === 'string' || arg?.tunnel ? await this.pick(arg, '') : undefined;
    const rows = parseStatusList(result.stdout).filter((s) => !t || s.name === t.name);
    for (const s of rows) this.log.appendLine(statusDetail(s));
    const summary = rows.map((s) => `${s.name}: ${statusSummary(s)}`).join(', ');
    void vscode.window.showInformationMessage(summary ? `Tunnelwright: ${summary}` : 'Tunnelwright: no engine is running.', 'Show Log').then((c) => {
      if (c) this.log.show();
    });
  }

  private onStatus(key: string, status: EngineStatus, previous: EngineStatus | undefined): void {
    const label = this.sessions.get(key)?.label ?? key;
    if (previous?.state !== status.state) this.log.appendLine(`[${label}] ${statusDetail(status)}`);
    if (isSettled(status)) this.settle(key, status);
    this.updateStatusItem();
    this.changed.fire();
  }

  private onExit(key: string, label: string, code: number | null, signal: NodeJS.Signals | null): void {
    this.log.appendLine(`[${label}] engine exited (${signal ?? `code ${code}`})`);
    this.settle(key, undefined);
    this.updateStatusItem();
    this.changed.fire();
  }

  private settle(key: string, status: EngineStatus | undefined): void {
    const resolve = this.waiters.get(key);
    this.waiters.delete(key);
    resolve?.(status);
  }

  private updateStatusItem(): void {
    const running = this.sessions.all();
    if (running.length === 0) {
      this.statusItem.hide();
      return;
    }
    const [first] = running;
    const more = running.length > 1 ? ` +${running.length - 1}` : '';
    this.statusItem.text = `$(radio-tower) ${first!.label}: ${first!.last ? statusSummary(first!.last) : 'starting'}${more}`;
    this.statusItem.tooltip = running.map((s) => (s.last ? statusDetail(s.last) : `${s.label}: starting`)).join('\n');
    this.statusItem.show();
  }

  /** Stops every engine this window started (VS Code is closing or the extension is being disabled). */
  async stopAll(): Promise<void> {
    const names = new Map(this.sessions.all().map((s) => [s.key, s.label]));
    await this.sessions.stopAll((key) => this.downLaunches(names.get(key) ?? key), 4000);
  }

  dispose(): void {
    this.statusItem.dispose();
    this.changed.dispose();
  }
}
