// The packaged extension in VS Code in a real browser (code-server + Chromium), on a copy of examples/:
// activation, grammars, the Problems panel, a hover, a quick fix, the Tunnels view. Screenshots go to
// test/artifacts/browser-trusted-*.png. Expected findings are those examples/README.md lists.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSession } from './codeServer';
import { applyQuickFix, editorLines, goTo, goToWord, hoverText, openFile, problemsText, runCommand, tunnelsViewText } from './workbench';

const session = useSession({ name: 'trusted' });
const poll = { timeout: 30_000, interval: 500 };

/** TextMate scopes of the token at the cursor, from Developer: Inspect Editor Tokens and Scopes. */
async function scopesAt(line: number, column: number): Promise<string> {
  const { page } = session();
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
    const { page, screenshot } = session();
    await openFile(page, 'ipip4-rtx1300.rtx');
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).toContain('Yamaha RTX');
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).toContain('Tunnelwright');
    await page.locator('.sidebar .pane-header', { hasText: /^Tunnels/i }).waitFor({ timeout: 30_000 });
    await openFile(page, 'ifcfg-sit1');
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).toContain('Shell Script');
    await screenshot('activated');
  });

  // Every grammar's scopes are tested in test/grammar; this checks that the packaged extension delivers them.
  it('highlights with the packaged grammars, and iproute2 commands inside shell scripts', async () => {
    const { page, screenshot } = session();
    await openFile(page, 'ipip4-rtx1300.rtx');
    expect(await scopesAt(7, 3)).toContain('source.yamaha-rtx');
    await openFile(page, 'ipip4-amazon-linux.sh');
    const lines = await editorLines(page);
    const ipLine = lines.findIndex((l) => /^\s*(?:sudo\s+)?ip\s+(?:-\d\s+)?(?:tunnel|tun|link)\s+add\b/.test(l));
    expect(ipLine, 'an `ip tunnel add` line in ipip4-amazon-linux.sh').toBeGreaterThanOrEqual(0);
    const column = lines[ipLine]!.search(/\b(?:tunnel|tun|link)\b/) + 1;
    // Injected rules add their own scope names (`….iproute2`), not the injection grammar's scopeName.
    expect(await scopesAt(ipLine + 1, column)).toMatch(/\b[\w.-]+\.iproute2\b/);
    await screenshot('highlighting');
  });

  it('lists the expected findings in the Problems panel', async () => {
    const { page, screenshot } = session();
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
    await screenshot('problems');
  });

  it('shows the MTU arithmetic when hovering a tunnel', async () => {
    const { page, screenshot } = session();
    await openFile(page, 'gre-vyoshkg1.vyos');
    await goToWord(page, /\btunnel tun0\b/, 'tun0');
    const hover = await hoverText(page);
    expect(hover).toContain('1476');
    expect(hover).toMatch(/ping -s 1448 -M do/);
    await screenshot('hover');
    await page.keyboard.press('Escape');
  });

  it('fixes the RTX typo with the did-you-mean quick fix', async () => {
    const { page, screenshot } = session();
    await openFile(page, 'ipip4-rtx1300.rtx');
    const line = await goToWord(page, /^\s*escription\b/, 'escription');
    await applyQuickFix(page, /description/);
    await expect.poll(async () => (await editorLines(page))[line], poll).toMatch(/^\s*description tunnel AWS\/IPIP4/);
    await page.keyboard.press('Control+S');
    await expect.poll(() => problemsText(page), poll).not.toMatch(/escription[^\n]*\n?[^\n]*did you mean/i);
    await screenshot('quick-fix');
  });

  it('lists devices and tunnels with their pairing state in the Tunnels view', async () => {
    const { page, screenshot } = session();
    await expect.poll(() => tunnelsViewText(page), poll).toMatch(/tunnel11/);
    const text = await tunnelsViewText(page);
    for (const name of ['tunnel11', 'aws0', 'tun0', 'Tunnel0', 'sit1', 'vxlan0']) expect(text).toContain(name);
    expect(text).toContain('paired ✓');
    expect(text).toMatch(/vxlan0\s*vxlan · no peer needed/);
    await screenshot('tunnels-view');
    // A click opens the tunnel's declaration.
    await page.locator('.sidebar .monaco-list-row', { hasText: 'vxlan0' }).click();
    await page.waitForSelector('.tab.active[aria-label*="vxlan-mirror-target.sh"]');
  });

  it('draws the topology: devices, tunnel edges with mode and MTU, problems on the edges', async () => {
    const { page, screenshot } = session();
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
    await screenshot('topology');
    await runCommand(page, 'View: Close All Editor Groups');
  });

  it('brings a loopback tunnel up from its code lens and down from the command palette', async () => {
    const { page, screenshot, workspace, engines } = session();
    // Only loopback addresses: the engine really sends (IPIP to 127.0.0.2, where nothing answers).
    const script = '#!/bin/sh\nip tunnel add twbrowser0 mode ipip remote 127.0.0.2 local 127.0.0.1\nip link set twbrowser0 up\n';
    writeFileSync(join(workspace, 'loopback-test.sh'), script);
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
    await screenshot('bring-up-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Bring Up' }).click();
    // The engine reports `starting`, then `no reply from peer` while nothing at 127.0.0.2 answers its IPIP
    // probes (`up` if something there does).
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).toMatch(/twbrowser0: (?:no reply from peer|up)/);
    await expect.poll(() => lenses.allInnerTexts(), poll).toContain('■ Bring down');
    expect(engines()).toEqual([expect.stringMatching(/dist\/cli\.js up .* --tunnel twbrowser0 /)]);
    await screenshot('bring-up-running');
    await runCommand(page, 'Tunnelwright: Bring Down Tunnel');
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).not.toMatch(/twbrowser0/);
    await expect.poll(engines, poll).toEqual([]);
  });

  it('offers the dialect snippets', async () => {
    const { page, screenshot } = session();
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
    await screenshot('snippet');
    await expect(await page.locator('.suggest-widget .monaco-list-row.focused').innerText()).toContain('tunnel-ipip');
    await page.keyboard.press('Enter');
    await expect.poll(() => editorLines(page), poll).toContain(' tunnel encapsulation ipip');
  });
});
