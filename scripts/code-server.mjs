// code-server (VS Code in the browser) with this extension installed: shared by `node scripts/start.mjs` and
// the browser test. code-server itself lives in test/.cache/code-server (scripts/install-code-server.sh).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'test/.cache/code-server/node_modules/code-server/out/node/entry.js');

/** Quiet, deterministic workbench: no welcome page, tips, update checks or trust prompts. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
};

export function ensureCodeServer() {
  execFileSync('bash', [join(root, 'scripts/install-code-server.sh')], { stdio: 'inherit' });
}

export function packageVsix(out) {
  execFileSync(process.execPath, [join(root, 'scripts/package.mjs'), '--out', out], { stdio: 'pipe' });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * Workspace Trust on, without its startup dialog: a folder nobody trusted yet opens in Restricted Mode, as it does
 * for a person who dismisses the dialog.
 */
const workspaceTrustSettings = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};

/**
 * A fresh user-data and extensions dir under `dir`, with the .vsix installed. With `workspaceTrust`, code-server
 * enforces Workspace Trust (off otherwise) and the opened folder starts untrusted.
 */
export function createProfile(dir, vsix, { workspaceTrust = false } = {}) {
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = workspaceTrust ? { ...userSettings, ...workspaceTrustSettings } : userSettings;
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
  // code-server writes its config.yaml under XDG_CONFIG_HOME: keep it in `dir`, not in ~/.config.
  const env = { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data') };
  const profile = { userDataDir, extensionsDir, env, workspaceTrust };
  execFileSync(process.execPath, [entry, ...profileArgs(profile), '--install-extension', vsix], { env, stdio: 'pipe' });
  return profile;
}

function profileArgs(p) {
  return ['--user-data-dir', p.userDataDir, '--extensions-dir', p.extensionsDir];
}

/**
 * Starts code-server on 127.0.0.1:`port` with `folder` open, no auth and no trust prompt, in its own process
 * group (it starts extension hosts and language servers; `stop` ends them all). Resolves once it answers.
 */
export async function startCodeServer(profile, folder, port, stdio = 'pipe') {
  const args = [entry, ...profileArgs(profile), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    ...(profile.workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-telemetry', '--disable-update-check', folder];
  const child = spawn(process.execPath, args, { env: profile.env, detached: true, stdio: ['ignore', stdio, stdio] });
  let log = '';
  child.stdout?.on('data', (d) => (log += d.toString()));
  child.stderr?.on('data', (d) => (log += d.toString()));
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`code-server did not answer on port ${port} within 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
