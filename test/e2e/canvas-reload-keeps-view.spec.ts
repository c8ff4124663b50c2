// A reload keeps the cascade canvas as it was shown (canvas43 F5). A presenter at an offsite showed Everything, left
// to right, zoomed in on one part; the browser reloaded (a crash, a service-worker update, F5 by mistake) and the
// canvas came back "Down to initiatives", top down, fitted to dots. Now the tab keeps the plan's layout choices,
// the cards opened by hand and the view (centre and zoom), and the reload shows them again.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
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

/** The world point at the canvas's centre, and the zoom. */
async function centre(page: Page, canvas: CanvasDriver): Promise<{ cx: number; cy: number; k: number }> {
  const view = await canvas.view();
  const box = (await canvas.element.boundingBox())!;
  return { cx: (box.width / 2 - view.x) / view.k, cy: (box.height / 2 - view.y) / view.k, k: view.k };
}

test('a reload shows the canvas as it was: levels, direction, risk view and the place zoomed in on', async ({ page }) => {
  test.setTimeout(120_000);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).openSample();
  await new CommandPalettePage(page).run('Go to Cascade');
  const canvas = new CanvasDriver(page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);
  const fitted = await canvas.cards();

  await page.getByLabel('Levels shown').selectOption({ label: 'Everything' });
  await expect.poll(() => canvas.cards()).toBeGreaterThan(fitted);
  const everything = await canvas.cards();
  await page.getByLabel('Direction').selectOption({ label: 'Left to right' });
  await page.getByLabel('Risk view').selectOption({ label: 'Blocked work' });
  await canvas.click('Win the mid-market').expectSelected('Win the mid-market').press('+', '+', '+');
  await canvas.cardRect('Win the mid-market');
  const before = await centre(page, canvas);
  // The view is kept as it is published (a tenth of a second after it settles).
  await page.waitForTimeout(400);

  await page.reload();
  await expect.poll(() => canvas.cards(), { timeout: 30_000 }).toBe(everything);
  await expect(page.getByLabel('Levels shown')).toHaveValue('99');
  await expect(page.getByLabel('Direction')).toHaveValue('left-right');
  await expect(page.getByLabel('Risk view')).toHaveValue('blocked');
  await canvas.cardRect('Win the mid-market');
  await expect.poll(async () => {
    const after = await centre(page, canvas);
    return Math.abs(after.k - before.k) < 0.01 && Math.abs(after.cx - before.cx) < 2 && Math.abs(after.cy - before.cy) < 2;
  }).toBe(true);
  await expectAccessible(page, 'the canvas after a reload, as it was');
  await page.screenshot({ path: test.info().outputPath('canvas-after-reload.png') });

  // Fit still fits, and going to the outline and back shows the cascade fitted, as before.
  await canvas.press('0');
  await expect.poll(async () => (await canvas.view()).k).toBeLessThan(before.k);
});

// leftovers44a (canvas43 F5's rest): the reload came back to the place but not to the card the presenter was talking
// about: nothing selected, its details gone. The selected card is kept too, and given back only while the plan has it.
test('a reload keeps the selected card, its details and its words; a card deleted meanwhile is not selected again', async ({ page }) => {
  test.setTimeout(120_000);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).openSample();
  await new CommandPalettePage(page).run('Go to Cascade');
  const canvas = new CanvasDriver(page);
  await canvas.click('Launch in the DACH region').expectSelected('Launch in the DACH region');
  await page.waitForTimeout(400);

  await page.reload();
  await expect.poll(() => canvas.cards(), { timeout: 30_000 }).toBeGreaterThan(10);
  await canvas.cardRect('Launch in the DACH region');
  await canvas.expectSelected('Launch in the DACH region');
  await canvas.expectAnnounced(/^objective: Launch in the DACH region\./);
  // The arrows go on from it, not from the plan's first card.
  await canvas.press('ArrowDown');
  await expect(page.getByTestId('canvas-announcer')).not.toContainText('Launch in the DACH region');
  await expect(page.getByTestId('canvas-announcer')).not.toContainText('strategy: Win the mid-market');
  await expectAccessible(page, 'the canvas after a reload, its card selected');
  await page.screenshot({ path: test.info().outputPath('canvas-reload-selection.png') });

  // Selected on the canvas, then deleted (here, from the outline): the tab reloading on the cascade selects nothing.
  await canvas.click('Build a brand leaders trust').expectSelected('Build a brand leaders trust');
  await page.waitForTimeout(400);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Outline' }).click();
  await new CommandPalettePage(page).run('Delete');
  await expect(page.getByRole('treeitem', { name: 'OBJ Build a brand leaders trust', exact: true })).toHaveCount(0);
  await page.evaluate(() => history.replaceState(null, '', location.hash.replace(/\/outline$/, '/canvas')));
  await page.reload();
  await expect.poll(() => canvas.cards(), { timeout: 30_000 }).toBeGreaterThan(10);
  await canvas.cardRect('Win the mid-market');
  await expect(page.getByRole('complementary', { name: 'Details' }).getByRole('textbox', { name: 'Title', exact: true })).toHaveCount(0);
  await expect(page.getByTestId('canvas-announcer')).toHaveText('');
});
