// Find on the cascade canvas (fix41b, F3). A match under a closed card (a subtask under an initiative the
// canvas shows closed) was not marked at all: the person searching saw every card dimmed, "no match" on
// screen. Now the closed card holding matches is lit and says "1 match inside", the toolbar counts every match
// (as the outline does: its rows open to show each one) and says how many are inside closed cards, and
// Previous / Next open the cards above a match and select it, said to a screen reader.
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

test('a match inside a closed card is marked on the card, counted, and reached by Next, which opens the card', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = new AppShell(page);
  await shell.open(server.url);
  await page.getByRole('button', { name: 'Open sample plan' }).click();
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });

  // The subtasks "Write it up" sit under tasks of initiatives; the outline finds them and opens their rows.
  const findBox = page.getByRole('searchbox', { name: 'Find by title' });
  await findBox.fill('Write it up');
  const holder = page.locator('[role="treeitem"][data-kind="initiative"]').first();
  await expect(holder).toBeVisible();
  const holderId = (await holder.getAttribute('data-node-id'))!;
  const holderTitle = await page.evaluate((id) => (window as unknown as { __throughline: { title(id: string): string } }).__throughline.title(id), holderId);
  // The outline's count of matches (its list is virtualised: not every row is on the page).
  const counted = await page.getByText(/^[\d,]+ of [\d,]+ items match/).textContent();
  const total = Number(/^([\d,]+) of/.exec(counted ?? '')![1]!.replace(/,/g, ''));
  expect(total).toBeGreaterThan(1);

  // On the canvas, down to initiatives: every match is inside a closed initiative's card.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);
  const status = page.getByTestId('canvas-find-status');
  await expect(status).toHaveText(new RegExp(`^${total} matches · ${total} inside \\d+ closed cards?$`));
  await expect.poll(() => page.evaluate((id) => (window as unknown as { __throughlineCanvas: { matchesInside(id: string): number | null } }).__throughlineCanvas.matchesInside(id), holderId)).toBe(1);
  // Lit, not dimmed with the cards that hold no match.
  await expect.poll(() => page.evaluate((id) => (window as unknown as { __throughlineCanvas: { filteredOut(id: string): boolean | null } }).__throughlineCanvas.filteredOut(id), holderId)).toBe(false);
  await expectAccessible(page, 'the canvas with matches inside closed cards');
  await page.screenshot({ path: test.info().outputPath('canvas-find-inside-closed.png') });
  // Selected, the closed card is heard with what it holds; zoomed in, its tag is read on the card.
  await canvas.click(holderTitle).expectSelected(holderTitle);
  await expect(page.getByTestId('canvas-announcer')).toContainText('1 match inside');
  for (let presses = 0; presses < 12; presses++) {
    if (await page.evaluate(() => (window as unknown as { __throughlineCanvas: { level(): string } }).__throughlineCanvas.level()) === 'full') break;
    await canvas.press('+');
  }
  await page.screenshot({ path: test.info().outputPath('canvas-find-tag.png') });

  // Next: the first match, its cards opened, selected and said.
  await page.getByRole('button', { name: 'Next match' }).click();
  await canvas.expectSelected('Write it up');
  await expect(page.getByTestId('canvas-notices')).toHaveText(`Match 1 of ${total}: Write it up. Opened from inside “${holderTitle}”.`);
  await expect.poll(() => canvas.cardTitled('Write it up').then((card) => card?.title ?? null)).toBe('Write it up');
  await expect(status).toHaveText(new RegExp(`^${total} matches · ${total - 1} inside \\d+ closed cards?$`));
  await canvas.cardRect('Write it up');
  await page.screenshot({ path: test.info().outputPath('canvas-find-next.png') });

  // Next again goes on to the second match; Previous comes back to the first.
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(page.getByTestId('canvas-notices')).toHaveText(new RegExp(`^Match 2 of ${total}: Write it up\\.`));
  await page.getByRole('button', { name: 'Previous match' }).click();
  await expect(page.getByTestId('canvas-notices')).toHaveText(new RegExp(`^Match 1 of ${total}: Write it up\\.`));
  await expectAccessible(page, 'the canvas after stepping to a match');
});

// Next / previous match from the keyboard (fix41e): the toolbar's buttons were the only way, so a keyboard user
// Tabbed from the Find field to them and back. Enter / Shift+Enter in the Find field now go to the next /
// previous match (commands of the registry, listed in the palette and the keyboard help), said as the buttons say.
test('Enter / Shift+Enter and F3 / Shift+F3 in the Find field go to the next and previous match, from the keyboard only', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = new AppShell(page);
  await shell.open(server.url);
  const openSample = page.getByRole('button', { name: 'Open sample plan' });
  await openSample.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
  const palette = new CommandPalettePage(page);
  await palette.run('Go to Cascade');
  const canvas = new CanvasDriver(page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);

  // The palette lists both, and the keyboard help names their keys under the Find field.
  await palette.open();
  await palette.search.fill('match of the find');
  await expect(palette.option('Go to the next match of the find')).toHaveCount(1);
  await expect(palette.option('Go to the previous match of the find')).toHaveCount(1);
  // With both of their keys: Enter / Shift+Enter and F3 / Shift+F3 (leftovers42).
  await expect(palette.option('Go to the next match of the find').locator('kbd')).toHaveText(['Enter', 'F3']);
  await expect(palette.option('Go to the previous match of the find').locator('kbd')).toHaveText(['Shift+Enter', 'Shift+F3']);
  await page.keyboard.press('Escape');
  await expect(palette.dialog).toBeHidden();
  await palette.openHelp();
  const findKeys = palette.help.getByRole('region', { name: 'In the Find field, on the canvas' });
  await expect(findKeys).toContainText('Go to the next match of the find');
  await expect(findKeys.getByText('Shift+Enter', { exact: true })).toBeVisible();
  await expect(findKeys.getByText('F3', { exact: true })).toBeVisible();
  await expect(findKeys.getByText('Shift+F3', { exact: true })).toBeVisible();
  await expectAccessible(page, 'the keyboard help with the find keys');
  await page.keyboard.press('Escape');
  await expect(palette.help).toBeHidden();

  // To the Find field by Tab from the page's start, typing, then Enter.
  const findBox = page.getByRole('searchbox', { name: 'Find by title' });
  for (let presses = 0; presses < 40 && !(await findBox.evaluate((box) => box === document.activeElement)); presses++) await page.keyboard.press('Tab');
  await expect(findBox).toBeFocused();
  await page.keyboard.type('Write it up');
  const status = page.getByTestId('canvas-find-status');
  await expect(status).toHaveText(/^(\d+) matches · \1 inside \d+ closed cards?$/);
  const total = Number(/^(\d+)/.exec((await status.textContent()) ?? '')![1]);
  await page.keyboard.press('Enter');
  await canvas.expectSelected('Write it up');
  const notices = page.getByTestId('canvas-notices');
  await expect(notices).toHaveText(new RegExp(`^Match 1 of ${total}: Write it up\\. Opened from inside “.+”\\.$`));
  await page.keyboard.press('Enter');
  await expect(notices).toHaveText(new RegExp(`^Match 2 of ${total}: Write it up\\.`));
  await page.keyboard.press('Shift+Enter');
  await expect(notices).toHaveText(new RegExp(`^Match 1 of ${total}: Write it up\\.`));
  // Before the first, Previous goes round to the last, as the buttons do; the field keeps the focus and its text.
  await page.keyboard.press('Shift+Enter');
  await expect(notices).toHaveText(new RegExp(`^Match ${total} of ${total}: Write it up\\.`));
  await expect(findBox).toBeFocused();
  await expect(findBox).toHaveValue('Write it up');
  // F3 and Shift+F3 step as Enter and Shift+Enter do (round from the last to the first and back), the
  // browser's own find bar not opened: the focus stays in the field.
  await page.keyboard.press('F3');
  await expect(notices).toHaveText(new RegExp(`^Match 1 of ${total}: Write it up\\.`));
  await page.keyboard.press('F3');
  await expect(notices).toHaveText(new RegExp(`^Match 2 of ${total}: Write it up\\.`));
  await page.keyboard.press('Shift+F3');
  await expect(notices).toHaveText(new RegExp(`^Match 1 of ${total}: Write it up\\.`));
  await expect(findBox).toBeFocused();
  await canvas.cardRect('Write it up');
  await expectAccessible(page, 'the canvas after Enter in Find');
  await page.screenshot({ path: test.info().outputPath('canvas-find-keyboard.png') });
});
