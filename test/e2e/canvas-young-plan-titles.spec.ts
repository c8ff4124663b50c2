// The cascade of a young plan, fitted (review44a F6): a plan of a dozen items at 1280 × 900 fitted its cards to
// ~117 px on screen, under the 150 px from which the painter drew any text, so the canvas opened as coloured
// boxes with no titles and a newcomer could not tell which box was which without zooming in. Now a card from
// 90 px wide shows its title alone, at a small fixed size, wrapped and cut to the card (the 'title' level).
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { CommandPalettePage } from './pages/command-palette.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
});

/** A young plan: one strategy, three objectives, six key results, two initiatives (depth, title). */
const youngPlan: readonly (readonly [number, string])[] = [
  [0, 'Grow in Europe'],
  [1, 'Win the DACH market'], [2, 'Revenue from DACH'], [3, 'Open a Munich office'], [3, 'Hire a country lead'], [2, 'Ten DACH customers signed'],
  [1, 'Keep the customers we have'], [2, 'Churn under two percent'], [2, 'Net revenue retention over 110'],
  [1, 'Make self-serve a real channel'], [2, 'Self-serve signups double'], [2, 'Trial to paid over 8 percent'],
];

test('a young plan fitted on the cascade shows every card with its title', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Acme 2027 plan');
  const outline = new OutlinePage(page);
  await outline.focus();
  // Typed as a person would: Enter opens a line, Tab takes it a level down, Shift+Tab up.
  let depth = 0;
  for (const [index, [level, title]] of youngPlan.entries()) {
    await outline.press('Enter');
    if (index > 0) for (; depth < level; depth++) await outline.press('Tab');
    for (; depth > level; depth--) await outline.press('Shift+Tab');
    await outline.typeTitle(title);
  }
  await outline.press('Enter');
  await outline.press('Escape');

  await new CommandPalettePage(page).run('Go to Cascade');
  await page.getByLabel('Levels shown').selectOption({ label: 'Down to initiatives' });
  const canvas = new CanvasDriver(page);
  await expect.poll(() => canvas.cards()).toBe(youngPlan.length);
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  const rect = await canvas.cardRect('Net revenue retention over 110');
  // The whole plan is on screen, its cards narrower than the full card's 150 px ...
  expect(rect.width).toBeLessThan(150);
  // ... and still titled: the painter's level at this zoom draws titles (it drew bare boxes, 'outline').
  const level = await page.evaluate(() => (window as unknown as { __throughlineCanvas: { level(): string } }).__throughlineCanvas.level());
  expect(level).toBe('title');
  expect((await canvas.card('Net revenue retention over 110'))?.title).toBe('Net revenue retention over 110');
  await expectAccessible(page, 'a young plan fitted on the cascade');
  await page.screenshot({ path: 'docs/screenshots/canvas-young-plan-fit.png' });
});
