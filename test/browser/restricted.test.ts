// Workspace Trust in a real browser (code-server + Chromium): the examples opened in Restricted Mode, then
// trusted. Analysis works untrusted; bringing tunnels up waits for trust. Screenshots go to
// test/artifacts/browser-restricted-*.png.
import { describe, expect, it } from 'vitest';
import { useSession } from './codeServer';
import { goToWord, hoverText, openFile, paletteEntries, problemsText, trustFolder, tunnelsViewText } from './workbench';

// The palette hides commands whose `enablement` is false, but a user's own key binding still reaches the
// command: the engine controller's own trust check is what refuses then.
const bringUpKey = { key: 'ctrl+alt+u', command: 'tunnelwright.bringUp' };
const session = useSession({ name: 'restricted', workspaceTrust: true, keybindings: [bringUpKey] });
const poll = { timeout: 30_000, interval: 500 };

function lenses() {
  return session().page.locator('.editor-group-container.active .codelens-decoration');
}

describe('Tunnelwright in a Restricted Mode window (code-server, Chromium)', { timeout: 60_000 }, () => {
  it('opens the folder in Restricted Mode and activates there', async () => {
    const { page, screenshot } = session();
    const statusbar = page.locator('.statusbar');
    await expect.poll(() => statusbar.innerText(), poll).toContain('Restricted Mode');
    await openFile(page, 'gre-vyoshkg1.vyos');
    await expect.poll(() => statusbar.innerText(), poll).toContain('VyOS');
    await expect.poll(() => statusbar.innerText(), poll).toContain('Tunnelwright');
    await expect.poll(() => tunnelsViewText(page), poll).toMatch(/tun0/);
    await screenshot('activated');
  });

  it('analyses: findings in the Problems panel and the MTU hover', async () => {
    const { page, screenshot } = session();
    await expect.poll(() => problemsText(page), { ...poll, timeout: 60_000 }).toMatch(/mtu-mismatch/);
    expect(await problemsText(page)).toMatch(/escription[^\n]*\n?[^\n]*description/);
    await screenshot('problems');
    await openFile(page, 'gre-vyoshkg1.vyos');
    await goToWord(page, /\btunnel tun0\b/, 'tun0');
    expect(await hoverText(page)).toContain('1476');
    await screenshot('hover');
    await page.keyboard.press('Escape');
  });

  it('offers no Bring up code lens and no Bring Up or Bring Down command', async () => {
    const { page } = session();
    // The tunnel is known (the Tunnels view lists it) and its file is open: a trusted window shows the lens here.
    expect(await tunnelsViewText(page)).toMatch(/tun0/);
    const entries = await paletteEntries(page, 'Tunnelwright:');
    expect(entries.join('\n')).toContain('Tunnelwright: Show Topology');
    expect(entries.join('\n')).not.toMatch(/Bring (?:Up|Down) Tunnel/);
    expect(await lenses().count()).toBe(0);
  });

  it('refuses to bring a tunnel up from a key binding and starts no engine', async () => {
    const { page, screenshot, engines } = session();
    await page.mouse.move(1, 1);
    await page.keyboard.press('Control+Alt+U');
    // Faded in completely, for the screenshot.
    const toast = page.locator('.notification-toast.notification-fade-in-done', { hasText: 'untrusted workspace' });
    await toast.waitFor({ timeout: 15_000 });
    expect(await toast.innerText()).toContain('Tunnelwright: bringing tunnels up is disabled in an untrusted workspace.');
    await screenshot('refused');
    expect(await page.locator('.monaco-dialog-box').count()).toBe(0);
    expect(engines()).toEqual([]);
    expect(await page.locator('.statusbar').innerText()).not.toMatch(/tun0:/);
  });

  it('shows the Bring up code lens once the folder is trusted', async () => {
    const { page, screenshot } = session();
    await openFile(page, 'gre-vyoshkg1.vyos');
    expect(await lenses().count()).toBe(0);
    await trustFolder(page);
    await expect.poll(() => page.locator('.statusbar').innerText(), poll).not.toContain('Restricted Mode');
    await openFile(page, 'gre-vyoshkg1.vyos');
    await lenses().locator('a', { hasText: 'Bring up' }).first().waitFor({ timeout: 30_000 });
    expect((await paletteEntries(page, 'Tunnelwright: Bring Up')).join('\n')).toContain('Tunnelwright: Bring Up Tunnel');
    await screenshot('trusted');
  });
});
