// Driving the VS Code workbench the way a person does: keyboard shortcuts, Quick Open, the command palette.
// Selectors are VS Code's own DOM classes (stable across 1.9x releases).
import type { Page } from 'playwright-core';

/** Fills the open quick input in one go: typing key by key re-filters the list on every key, which is slow. */
async function quickInput(page: Page, text: string): Promise<void> {
  await page.locator('.quick-input-widget input').fill(text);
}

export async function openFile(page: Page, name: string): Promise<void> {
  // Quick Open's file list is cached: a file created a moment ago may take a few tries to show up.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    await quickInput(page, name);
    try {
      await row.waitFor({ timeout: 3_000 });
      break;
    } catch (e) {
      if (attempt === 5) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await row.click();
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`);
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/** Runs a command from the palette by its title, as shown there. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page, `>${title}`); // fill replaces the palette's own `>` prefix
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
}

/** The palette's entries for `filter` (as typed after its `>`); closes the palette again. */
export async function paletteEntries(page: Page, filter: string): Promise<string[]> {
  await page.keyboard.press('F1');
  await quickInput(page, `>${filter}`);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor();
  const entries = await rows.allInnerTexts();
  await page.keyboard.press('Escape');
  return entries;
}

/** Trusts the open folder from the Workspace Trust editor, as a person does, and closes that editor. */
export async function trustFolder(page: Page): Promise<void> {
  await runCommand(page, 'Workspaces: Manage Workspace Trust');
  await page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).click();
  await runCommand(page, 'View: Close Editor');
}

/** Moves the cursor of the active editor to a 1-based line and column. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await quickInput(page, `:${line}:${column}`); // likewise Go to Line's `:`
  await page.keyboard.press('Enter');
}

/**
 * Moves the cursor onto `word` in the first visible line of the active editor that matches `line`; returns that
 * line's 0-based index among the visible lines.
 */
export async function goToWord(page: Page, line: RegExp, word: string): Promise<number> {
  const lines = await editorLines(page);
  const index = lines.findIndex((l) => line.test(l));
  if (index < 0 || !lines[index]!.includes(word)) throw new Error(`no line matching ${line} with "${word}" in:\n${lines.join('\n')}`);
  await goTo(page, index + 1, lines[index]!.indexOf(word) + 2);
  return index;
}

/** The visible lines of the active editor, top to bottom (Monaco positions them absolutely, not in DOM order). */
export async function editorLines(page: Page): Promise<string[]> {
  return page.locator('.editor-instance .monaco-editor .view-lines').first().evaluate((el) =>
    [...el.querySelectorAll('.view-line')]
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')),
  );
}

/** The hover at the cursor (editor.action.showHover), as text. */
export async function hoverText(page: Page): Promise<string> {
  // Keep the mouse off tabs and tree items, whose own hovers would get in the way.
  await page.mouse.move(1, 1);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content').first();
  await hover.waitFor({ timeout: 15_000 });
  // The hover renders its content progressively; wait until the language server's part arrived.
  await page.waitForTimeout(500);
  return hover.innerText();
}

/** Opens the quick-fix menu at the cursor and applies the first action whose title contains `title`. */
export async function applyQuickFix(page: Page, title: RegExp): Promise<string> {
  await page.keyboard.press('Control+.');
  const list = page.locator('.action-widget .monaco-list-row');
  await list.first().waitFor({ timeout: 15_000 });
  const count = await list.count();
  for (let i = 0; i < count; i++) {
    const label = (await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label')) ?? '';
    if (title.test(label)) {
      await page.keyboard.press('Enter');
      return label;
    }
    await page.keyboard.press('ArrowDown');
  }
  const offered = await page.locator('.action-widget').innerText();
  await page.keyboard.press('Escape');
  throw new Error(`no quick fix matching ${title}; offered:\n${offered}`);
}

/** Text of the Problems panel (opened and maximized so the list is not cut by virtual scrolling). */
export async function problemsText(page: Page): Promise<string> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor();
  }
  return panel.innerText();
}

/**
 * Text of the Explorer's Tunnels view. The other Explorer sections are collapsed so the view gets the height
 * (its tree renders only the rows that fit).
 */
export async function tunnelsViewText(page: Page): Promise<string> {
  const sidebar = page.locator('.sidebar');
  const tunnelsHeader = page.locator('.pane-header', { hasText: /^Tunnels/i });
  const header = sidebar.locator(tunnelsHeader);
  for (const other of await sidebar.locator('.pane-header[aria-expanded="true"]').all()) {
    if (!/^Tunnels/i.test(await other.innerText())) await other.click();
  }
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const body = sidebar.locator('.pane', { has: tunnelsHeader }).locator('.pane-body');
  await body.waitFor();
  return body.innerText();
}
