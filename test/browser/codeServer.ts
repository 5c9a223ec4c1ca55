// Real VS Code in a real browser: code-server with the packaged .vsix installed (scripts/code-server.mjs),
// driven by playwright-core on Debian's Chromium.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createProfile, ensureCodeServer, freePort, packageVsix, root, startCodeServer } from '../../scripts/code-server.mjs';

export { root };

const artifacts = join(root, 'test/artifacts');

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

export interface SessionOptions {
  /** Names the screenshots: test/artifacts/browser-<name>-<shot>.png. */
  name: string;
  /** Workspace Trust enforced, the folder not trusted yet (Restricted Mode); off by default. */
  workspaceTrust?: boolean;
  /** User key bindings (keybindings.json entries). */
  keybindings?: { key: string; command: string }[];
}

export interface Session {
  page: Page;
  workspace: string;
  screenshot(shot: string): Promise<void>;
  /** Command lines of running engines (`… up <files> …`) given files of this workspace. */
  engines(): string[];
  stop(): Promise<void>;
}

/** Every process's argument list, read from /proc (processes that end meanwhile are left out). */
function processArgs(): string[][] {
  const all: string[][] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      all.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
    } catch {
      // gone
    }
  }
  return all;
}

/**
 * Installs code-server if needed, packs the extension into a fresh profile, starts code-server on a free
 * loopback port with a copy of examples/ as the workspace, and opens it in Chromium.
 */
export async function startSession(options: SessionOptions): Promise<Session> {
  ensureCodeServer();
  const dir = mkdtempSync(join(tmpdir(), 'tw-browser-'));
  const workspace = join(dir, 'examples');
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
    const profile = createProfile(dir, vsix, { workspaceTrust: options.workspaceTrust });
    if (options.keybindings) writeFileSync(join(profile.userDataDir, 'User/keybindings.json'), JSON.stringify(options.keybindings));
    cpSync(join(root, 'examples'), workspace, { recursive: true });
    const started = await startCodeServer(profile, workspace, await freePort());
    server = started;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(started.url);
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    return {
      page,
      workspace,
      screenshot: async (shot) => {
        await page.screenshot({ path: join(artifacts, `browser-${options.name}-${shot}.png`) });
      },
      engines: () =>
        processArgs()
          .filter((args) => args.includes('up') && args.some((a) => a.startsWith(`${workspace}/`)))
          .map((args) => args.join(' ').trim()),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * One session for the test file: started before its tests and stopped after them; a failing test leaves a
 * screenshot. Returns the session's getter (it exists once the tests run).
 */
export function useSession(options: SessionOptions): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    // Screenshots of an earlier run (a failure's especially) must not pass for this run's.
    mkdirSync(artifacts, { recursive: true });
    const prefix = `browser-${options.name}-`;
    for (const f of readdirSync(artifacts)) if (f.startsWith(prefix) && f.endsWith('.png')) rmSync(join(artifacts, f));
    session = await startSession(options);
  }, 180_000);
  afterAll(async () => {
    await session?.stop();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && session) await session.screenshot(`failed-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  return () => {
    if (!session) throw new Error('the browser session did not start');
    return session;
  };
}
