// F3 / Shift+F3 on the canvas, not only in the Find field (canvas43). A presenter typed a find, pressed Enter to go
// to the first match and went on on the canvas (clicked it, moved with the arrows): F3 did nothing there, where
// every browser and editor goes on to the next match while a find is active. Now F3 / Shift+F3 are heard anywhere
// in the window outside a text field (a command of the registry, heard on two surfaces), never in a rename box,
// and left to the browser when nothing is being found. The canvas's help line names these keys, read from the
// registry (it named Enter only, and its keys were written by hand beside the commands).
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { CommandPalettePage } from './pages/command-palette.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
});

test('F3 / Shift+F3 go on to the next and previous match from the canvas while a find is active, never in a rename box', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = new AppShell(page);
  await shell.open(server.url);
  await page.getByRole('button', { name: 'Open sample plan' }).click();
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
  await new CommandPalettePage(page).run('Go to Cascade');
  const canvas = new CanvasDriver(page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);
  const notices = page.getByTestId('canvas-notices');

  // The help line names the keys that work here, from the registry.
  const help = page.locator('#canvas-help');
  await expect(help).toContainText('F3/Shift+F3 next/previous match');
  await expect(help).toContainText('in Find, Enter/Shift+Enter next/previous match');
  await expect(help).toContainText('Esc show all');
  await expect(help).toContainText('? all keys');
  await expect(help).toContainText('Ctrl+Enter add child');

  // Nothing is being found: F3 on the canvas is left to the browser (no step, nothing said).
  await canvas.press('F3');
  await expect(notices).toHaveText('');

  const findBox = page.getByRole('searchbox', { name: 'Find by title' });
  await findBox.fill('Write it up');
  const status = page.getByTestId('canvas-find-status');
  await expect(status).toHaveText(/^(\d+) matches/);
  const total = Number(/^(\d+)/.exec((await status.textContent()) ?? '')![1]);
  expect(total).toBeGreaterThan(2);
  await findBox.press('Enter');
  await expect(notices).toHaveText(new RegExp(`^Match 1 of ${total}: Write it up\\.`));
  await canvas.expectSelected('Write it up');

  // On the canvas now: F3 goes on to the next match, Shift+F3 back, the canvas keeps the focus.
  await canvas.press('F3');
  await expect(notices).toHaveText(new RegExp(`^Match 2 of ${total}: Write it up\\.`));
  await canvas.press('F3');
  await expect(notices).toHaveText(new RegExp(`^Match 3 of ${total}: Write it up\\.`));
  await canvas.press('Shift+F3');
  await expect(notices).toHaveText(new RegExp(`^Match 2 of ${total}: Write it up\\.`));
  await expect(canvas.element).toBeFocused();
  await canvas.cardRect('Write it up');
  await page.screenshot({ path: test.info().outputPath('canvas-find-next-from-canvas.png') });

  // From a toolbar button (not a text field) too.
  const fit = page.getByRole('button', { name: 'Fit', exact: true });
  await fit.focus();
  await page.keyboard.press('F3');
  await expect(notices).toHaveText(new RegExp(`^Match 3 of ${total}: Write it up\\.`));

  // In the detail panel's title (a rename box) F3 is the field's: no step, the title unchanged.
  const title = page.getByRole('complementary', { name: 'Details' }).getByRole('textbox', { name: 'Title', exact: true });
  await title.focus();
  await page.keyboard.press('F3');
  await page.keyboard.press('Shift+F3');
  await expect(title).toBeFocused();
  await expect(title).toHaveValue('Write it up');
  await expect(notices).toHaveText(new RegExp(`^Match 3 of ${total}: Write it up\\.`));

  // The keyboard help lists F3 where it is heard: in the Find field and anywhere in the window.
  const palette = new CommandPalettePage(page);
  await canvas.element.focus();
  await palette.openHelp();
  const windowKeys = palette.help.getByRole('region', { name: 'Anywhere in the window' });
  await expect(windowKeys).toContainText('Go to the next match of the find');
  await expect(windowKeys.getByText('Shift+F3', { exact: true })).toBeVisible();
  await expectAccessible(page, 'the keyboard help with F3 in the window');
  await page.keyboard.press('Escape');
  await expect(palette.help).toBeHidden();

  // The find cleared: F3 is the browser's again.
  await findBox.fill('');
  await expect(status).toBeHidden();
  await canvas.press('F3');
  await expect(notices).toHaveText(new RegExp(`^Match 3 of ${total}: Write it up\\.`));
  await expectAccessible(page, 'the canvas after F3 from the canvas');
});
