// The cascade canvas in a narrow window (canvas43 F3): a laptop's half screen, or a page zoomed to 200 %. The
// toolbar wrapped to seven rows and the key help to six: at 700 × 700 the cascade had 255 px of height, half of it
// under the minimap, and at 420 × 800 none at all. Now a narrow canvas pane keeps its toolbar to one row that
// scrolls sideways, the key help steps aside (still the canvas's description; ? lists every key) and the minimap
// shrinks on a small stage.
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

async function box(page: Page, testId: string) {
  const found = await page.getByTestId(testId).boundingBox();
  if (!found) throw new Error(`${testId} is not on the page`);
  return found;
}

test('a narrow window keeps the cascade most of the height, the minimap small, the toolbar on one row and every key reachable', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 700, height: 700 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).openSample();
  await new CommandPalettePage(page).run('Go to Cascade');
  const canvas = new CanvasDriver(page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);
  // Zoomed in, so the minimap is shown (it hides while the whole cascade is on screen).
  await canvas.press('+', '+');
  await expect(page.getByTestId('cascade-minimap')).toBeVisible();

  const stage = await box(page, 'cascade-canvas');
  const minimap = await box(page, 'cascade-minimap');
  // The cascade has more than half of the window's height (it had 255 of 700 px), the minimap a small corner of it.
  expect(stage.height).toBeGreaterThan(350);
  expect((minimap.width * minimap.height) / (stage.width * stage.height)).toBeLessThan(0.1);
  // One row of tools: the toolbar is about one control high.
  expect((await page.getByRole('toolbar', { name: 'Canvas tools' }).boundingBox())!.height).toBeLessThan(60);
  // The key help is out of sight but still the canvas's description, F3 and all.
  await expect(page.locator('#canvas-help')).toBeHidden();
  await expect(canvas.element).toHaveAccessibleDescription(/F3\/Shift\+F3 next\/previous match/);
  // A tool scrolled out of sight is still there: Export SVG, the toolbar's last.
  await page.getByRole('button', { name: 'Export SVG' }).scrollIntoViewIfNeeded();
  await expect(page.getByRole('button', { name: 'Export SVG' })).toBeInViewport();
  await expectAccessible(page, 'the canvas in a 700 px window');
  await page.screenshot({ path: test.info().outputPath('canvas-narrow-700.png') });

  // Narrower still (420 px, the detail panel beside it): the cascade still has a stage to look at.
  await page.setViewportSize({ width: 420, height: 800 });
  await expect.poll(async () => (await box(page, 'cascade-canvas')).height).toBeGreaterThan(350);
  await canvas.press('0');
  await expectAccessible(page, 'the canvas in a 420 px window');
  await page.screenshot({ path: test.info().outputPath('canvas-narrow-420.png') });

  // A wide window keeps the toolbar's rows and the key help on screen.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.locator('#canvas-help')).toBeVisible();
  await expect(page.locator('#canvas-help')).toContainText('F3/Shift+F3 next/previous match');
});
