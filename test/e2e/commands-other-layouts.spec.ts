// The command registry for people whose keyboard is not English (fifteenth session): on a Russian
// layout Ctrl+K types "л" and must still open the palette, Ctrl+Z "я" must still undo; a Turkish
// keyboard's Shift+i types "İ" and must still find "Import". Keys are sent as Chromium receives them
// from such a layout (the DevTools protocol's key events, with the layout's key and the physical code).
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { CommandPalettePage } from './pages/command-palette.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** Presses Ctrl + the key at `code` of a layout where it types `key` (a trusted browser key event). */
async function pressCtrlOnLayout(page: Page, key: string, code: string, keyCode: number): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Input.dispatchKeyEvent', { type: 'keyDown', modifiers: 2, key, code, windowsVirtualKeyCode: keyCode });
  await session.send('Input.dispatchKeyEvent', { type: 'keyUp', modifiers: 2, key, code, windowsVirtualKeyCode: keyCode });
  await session.detach();
}

test('a Russian layout opens the palette and undoes by its letter keys; a Turkish İ finds "Import"', async ({ page }) => {
  const palette = new CommandPalettePage(page);
  const outline = new OutlinePage(page);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Layouts plan');
  await page.getByRole('tree', { name: 'Plan outline' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Grow the business');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(outline.row('strategy', 'Grow the business')).toBeVisible();

  await pressCtrlOnLayout(page, 'л', 'KeyK', 75);
  await expect(palette.dialog).toBeVisible();
  await palette.search.focus();
  await page.keyboard.insertText('İmport');
  await expect(palette.options.first()).toContainText('Import from spreadsheet');
  await expectAccessible(page, 'the command palette searched with a Turkish İ');
  await page.screenshot({ path: 'docs/screenshots/commands-other-layouts.png' });
  await page.keyboard.press('Escape');
  await expect(palette.dialog).toBeHidden();

  // Ctrl+Z on the Russian layout ("я") undoes the new line, as Ctrl+Z does.
  await page.getByRole('tree', { name: 'Plan outline' }).focus();
  await pressCtrlOnLayout(page, 'я', 'KeyZ', 90);
  await expect(outline.row('strategy', 'Grow the business')).toHaveCount(0);
});
