// Real VS Code in a real browser: code-server with the packaged .vsix installed (scripts/code-server.mjs),
// driven by playwright-core on Debian's Chromium.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createProfile, ensureCodeServer, freePort, packageVsix, root, startCodeServer } from '../../scripts/code-server.mjs';

export { root };

/** Chromium flags for this closed network: no background fetches that would be refused and retried. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  page: Page;
  workspace: string;
  stop(): Promise<void>;
}

/**
 * Installs code-server if needed, packs the extension into a fresh profile, starts code-server on a free
 * loopback port with a copy of examples/ as the workspace, and opens it in Chromium.
 */
export async function startSession(): Promise<Session> {
  ensureCodeServer();
  const dir = mkdtempSync(join(tmpdir(), 'tw-browser-'));
  let browser: Browser | undefined;
  let server: { stop(): void } | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close();
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const vsix = join(dir, 'tunnelwright.vsix');
    packageVsix(vsix);
    const profile = createProfile(dir, vsix);
    const workspace = join(dir, 'examples');
    cpSync(join(root, 'examples'), workspace, { recursive: true });
    const started = await startCodeServer(profile, workspace, await freePort());
    server = started;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(started.url);
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    return { page, workspace, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
