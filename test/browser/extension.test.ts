// The packaged extension in VS Code in a real browser (code-server + Chromium), on a copy of examples/:
// activation, grammars, the Problems panel, a hover, a quick fix, the Tunnels view. Screenshots go to
// test/artifacts/browser-*.png. Expected findings are those examples/README.md lists.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { root, startSession, type Session } from './codeServer';
import { applyQuickFix, editorLines, goTo, hoverText, openFile, problemsText, runCommand, screenshot, tunnelsViewText } from './workbench';

let session: Session;
const poll = { timeout: 30_000, interval: 500 };

beforeAll(async () => {
  // Screenshots of an earlier run (a failure's especially) must not pass for this run's.
  const artifacts = join(root, 'test/artifacts');
  mkdirSync(artifacts, { recursive: true });
  for (const f of readdirSync(artifacts)) if (/^browser-.*\.png$/.test(f)) rmSync(join(artifacts, f));
  session = await startSession();
}, 180_000);

afterAll(async () => {
  await session?.stop();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && session) {
    await screenshot(session.page, `failed-${ctx.task.name.replace(/\W+/g, '-')}`);
  }
});

/** TextMate scopes of the token at the cursor, from Developer: Inspect Editor Tokens and Scopes. */
async function scopesAt(line: number, column: number): Promise<string> {
  const { page } = session;
  await goTo(page, line, column);
  await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
  const widget = page.locator('.token-inspect-widget');
  await widget.waitFor({ timeout: 10_000 });
  const text = await widget.innerText();
  await page.keyboard.press('Escape');
  return text;
}

describe('Tunnelwright in VS Code (code-server, Chromium)', { timeout: 60_000 }, () => {
  it('activates on the examples: language modes, status bar item, Tunnels view', async () => {
    const { page } = session;
    await openFile(page, 'ipip4-rtx1300.rtx');
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).toContain('Yamaha RTX');
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).toContain('Tunnelwright');
    await page.locator('.sidebar .pane-header', { hasText: /^Tunnels/i }).waitFor({ timeout: 30_000 });
    await openFile(page, 'ifcfg-sit1');
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).toContain('Shell Script');
    await screenshot(page, 'activated');
  });

  // Every grammar's scopes are tested in test/grammar; this checks that the packaged extension delivers them.
  it('highlights with the packaged grammars, and iproute2 commands inside shell scripts', async () => {
    await openFile(session.page, 'ipip4-rtx1300.rtx');
    expect(await scopesAt(7, 3)).toContain('source.yamaha-rtx');
    await openFile(session.page, 'ipip4-amazon-linux.sh');
    const lines = await editorLines(session.page);
    const ipLine = lines.findIndex((l) => /^\s*(?:sudo\s+)?ip\s+(?:-\d\s+)?(?:tunnel|tun|link)\s+add\b/.test(l));
    expect(ipLine, 'an `ip tunnel add` line in ipip4-amazon-linux.sh').toBeGreaterThanOrEqual(0);
    const column = lines[ipLine]!.search(/\b(?:tunnel|tun|link)\b/) + 1;
    // Injected rules add their own scope names (`….iproute2`), not the injection grammar's scopeName.
    expect(await scopesAt(ipLine + 1, column)).toMatch(/\b[\w.-]+\.iproute2\b/);
    await screenshot(session.page, 'highlighting');
  });

  it('lists the expected findings in the Problems panel', async () => {
    const { page } = session;
    await expect.poll(() => problemsText(page), { ...poll, timeout: 60_000 }).toMatch(/escription/);
    const text = await problemsText(page);
    // 1. RTX typo: unknown command with a did-you-mean.
    expect(text).toMatch(/escription[^\n]*\n?[^\n]*description/);
    // 1. MTU mismatch on both ends of the IPIP pair (1280 vs 1480).
    expect(text).toMatch(/mtu-mismatch/);
    expect(text).toMatch(/1280/);
    expect(text).toMatch(/1480/);
    // 2. ip6tnl's default encapsulation limit option.
    expect(text).toMatch(/encaplimit/i);
    // 3. 6rd relay prefix /32 on the CE vs the BR's IPv4 prefix length 0.
    expect(text).toMatch(/0\.0\.0\.0\/0/);
    // 4. The VyOS GRE pair has no findings at all.
    expect(text).not.toMatch(/gre-vyos/);
    await screenshot(page, 'problems');
  });

  it('shows the MTU arithmetic when hovering a tunnel', async () => {
    const { page } = session;
    await openFile(page, 'gre-vyoshkg1.vyos');
    const lines = await editorLines(page);
    const line = lines.findIndex((l) => /\btunnel tun0\b/.test(l));
    await goTo(page, line + 1, lines[line]!.indexOf('tun0') + 2);
    const hover = await hoverText(page);
    expect(hover).toContain('1476');
    expect(hover).toMatch(/ping -s 1448 -M do/);
    await screenshot(page, 'hover');
    await page.keyboard.press('Escape');
  });

  it('fixes the RTX typo with the did-you-mean quick fix', async () => {
    const { page } = session;
    await openFile(page, 'ipip4-rtx1300.rtx');
    const before = await editorLines(page);
    const line = before.findIndex((l) => /^\s*escription\b/.test(l));
    expect(line).toBeGreaterThanOrEqual(0);
    await goTo(page, line + 1, before[line]!.indexOf('escription') + 2);
    await applyQuickFix(page, /description/);
    await expect.poll(async () => (await editorLines(page))[line], poll).toMatch(/^\s*description tunnel AWS\/IPIP4/);
    await page.keyboard.press('Control+S');
    await expect.poll(() => problemsText(page), poll).not.toMatch(/escription[^\n]*\n?[^\n]*did you mean/i);
    await screenshot(page, 'quick-fix');
  });

  it('lists devices and tunnels with their pairing state in the Tunnels view', async () => {
    const { page } = session;
    await expect.poll(() => tunnelsViewText(page), poll).toMatch(/tunnel11/);
    const text = await tunnelsViewText(page);
    for (const name of ['tunnel11', 'aws0', 'tun0', 'Tunnel0', 'sit1', 'vxlan0']) expect(text).toContain(name);
    expect(text).toContain('paired ✓');
    expect(text).toMatch(/vxlan0\s*vxlan · no peer needed/);
    await screenshot(page, 'tunnels-view');
    // A click opens the tunnel's declaration.
    await page.locator('.sidebar .monaco-list-row', { hasText: 'vxlan0' }).click();
    await page.waitForSelector('.tab.active[aria-label*="vxlan-mirror-target.sh"]');
  });

  it('draws the topology: devices, tunnel edges with mode and MTU, problems on the edges', async () => {
    const { page } = session;
    await runCommand(page, 'Tunnelwright: Show Topology');
    // A webview is an iframe holding the page's own iframe.
    const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const svg = view.locator('svg');
    await svg.waitFor({ timeout: 30_000 });
    await expect.poll(() => svg.textContent(), poll).toContain('tun0 ↔ tun0');
    const text = (await svg.textContent()) ?? '';
    expect(text).toContain('gre · MTU 1476');
    expect(text).toMatch(/tunnel11 ↔ aws0|aws0 ↔ tunnel11/);
    expect(text).toMatch(/⚠ \d+ problems?/);
    await screenshot(page, 'topology');
    await runCommand(page, 'View: Close All Editor Groups');
  });

  it('brings a loopback tunnel up from its code lens and down from the command palette', async () => {
    const { page } = session;
    // Only loopback addresses: the engine really sends (IPIP to 127.0.0.2, where nothing answers).
    const script = '#!/bin/sh\nip tunnel add twbrowser0 mode ipip remote 127.0.0.2 local 127.0.0.1\nip link set twbrowser0 up\n';
    writeFileSync(join(session.workspace, 'loopback-test.sh'), script);
    await openFile(page, 'loopback-test.sh');
    const lenses = page.locator('.editor-group-container.active .codelens-decoration');
    const lens = lenses.locator('a', { hasText: 'Bring up' }).first();
    await lens.waitFor({ timeout: 30_000 });
    await lens.click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const plan = await dialog.innerText();
    expect(plan).toContain('Bring up tunnel twbrowser0?');
    expect(plan).toContain('Mode: ipip');
    expect(plan).toContain('Endpoints: 127.0.0.1 → 127.0.0.2');
    expect(plan).toMatch(/Runs: \S+ \S+dist\/cli\.js up .* --tunnel twbrowser0 .*--json/);
    await screenshot(page, 'bring-up-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Bring Up' }).click();
    // The engine reports `starting`, then `no reply from peer` while nothing at 127.0.0.2 answers its IPIP
    // probes (`up` if something there does).
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).toMatch(/twbrowser0: (?:no reply from peer|up)/);
    await expect.poll(() => lenses.allInnerTexts(), poll).toContain('■ Bring down');
    await screenshot(page, 'bring-up-running');
    await runCommand(page, 'Tunnelwright: Bring Down Tunnel');
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).not.toMatch(/twbrowser0/);
  });

  it('offers the dialect snippets', async () => {
    const { page } = session;
    // A new untitled editor, set to the dialect by its name in the language picker.
    await runCommand(page, 'File: New Untitled Text File');
    await runCommand(page, 'Change Language Mode');
    await page.locator('.quick-input-widget input').fill('Yamaha RTX');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Yamaha RTX' }).first().click();
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).toContain('Yamaha RTX');
    await page.keyboard.type('tunnel-ipip');
    await page.keyboard.press('Control+Space');
    const item = page.locator('.suggest-widget .monaco-list-row', { hasText: 'tunnel-ipip' }).first();
    await item.waitFor({ timeout: 15_000 });
    await screenshot(page, 'snippet');
    await expect(await page.locator('.suggest-widget .monaco-list-row.focused').innerText()).toContain('tunnel-ipip');
    await page.keyboard.press('Enter');
    await expect.poll(() => editorLines(page), poll).toContain(' tunnel encapsulation ipip');
  });
});
