// The screen a leadership offsite looks at, on a 1280×800 projector (review36b findings 9 and 10): the
// plan's own name whole in the header when there is room for it, and a title with no spaces (a pasted
// link) kept inside its column in the Review view instead of drawn over the next one.
import { expect, test, type Locator } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { ReviewPage } from './pages/review-page.js';
import { expectAccessible } from './support/axe.js';
import { typeCascade } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** True when the element's text runs past its own box (cut with an ellipsis, or spilling out). */
const overflows = (element: Locator) => element.evaluate((node) => node.scrollWidth > node.clientWidth + 1);

test('at 1,280 px a plan name of some thirty characters is shown whole in the header, every tab stays whole', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const name = 'Northwind Trading 2027 plan';
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan(name);
  await typeCascade(new OutlinePage(page), ['Grow in the mid-market']);
  const planName = page.getByRole('banner').getByText(name, { exact: true });
  await expect(planName).toBeVisible();
  expect(await overflows(planName)).toBe(false);
  const tabs = page.getByRole('navigation', { name: 'Views' });
  expect(await overflows(tabs)).toBe(false);
  await page.screenshot({ path: 'docs/screenshots/header-1280-whole-name.png', clip: { x: 0, y: 0, width: 1280, height: 60 } });

  // A name too long for any header gives way with an ellipsis at every width, and nothing else is cut.
  const longName = 'Northwind Trading company-wide operating plan for the fiscal year 2027–2028, all regions';
  await page.getByRole('link', { name: 'All plans' }).click();
  await new LibraryPage(page).createPlan(longName);
  const longPlanName = page.getByRole('banner').getByText(longName, { exact: true });
  for (const width of [1181, 1280, 1440, 1920]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await overflows(longPlanName), `the long name is cut at ${width} px`).toBe(true);
    expect(await overflows(tabs), `the tabs are whole at ${width} px`).toBe(false);
    expect(await overflows(page.getByRole('banner')), `nothing runs out of the header at ${width} px`).toBe(false);
    await expect(page.getByRole('button', { name: 'Share' })).toBeInViewport({ ratio: 1 });
  }
});

test('in the Review view at 1,280 px a 300-character title with no spaces wraps inside its column and covers nothing', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const shell = new AppShell(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Offsite plan');
  const outline = new OutlinePage(page);
  await typeCascade(outline, ['Win the mid-market', 'Grow revenue']);
  const review = new ReviewPage(page);
  await review.open();
  await review.createReviewPoint('Before the offsite');
  await shell.goTo('Outline');
  const link = `https://example.com/${'averyverylongpathsegment'.repeat(12)}`.slice(0, 300);
  await outline.select('strategy', 'Win the mid-market');
  await new DetailPanel(page).setField('Title', link);
  await review.open();
  const rename = review.change(link, 'renamed from “Win the mid-market”', 'retitled');
  await expect(rename).toBeVisible();

  // No cell of any listed change, and no group heading, runs out of its own box…
  for (const cell of await page.locator('.review-change > *, .review-group h4').all()) expect(await overflows(cell)).toBe(false);
  // …and the cells of the rename's row sit side by side without covering each other.
  const boxes = await rename.evaluate((row) => [...row.children].map((cell) => { const box = cell.getBoundingClientRect(); return { left: box.left, right: box.right }; }));
  for (let at = 1; at < boxes.length; at++) expect(boxes[at]!.left).toBeGreaterThanOrEqual(boxes[at - 1]!.right);
  await expect(rename.getByText('renamed from “Win the mid-market”')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/review-long-title.png' });
  await expectAccessible(page, 'the Review view with a 300-character title');
});

test('at 200 % zoom of a 1280×800 window the outline still shows its rows, and the row the arrow keys reach is on screen', async ({ browser }) => {
  // What Ctrl++ twice (or View ▸ Zoom In in the desktop app) makes of a 1280×800 window: a 640×400 page at twice the pixels.
  const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await new AppShell(page).open(server.url);
  await page.getByRole('button', { name: 'Open sample plan' }).click();
  const outline = new OutlinePage(page);
  await expect(outline.rows.first()).toBeVisible();
  const rowsOnScreen = () => outline.rows.evaluateAll((rows) => rows.filter((row) => {
    const box = row.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return box.top >= 0 && box.bottom <= window.innerHeight && hit !== null && row.contains(hit);
  }).length);
  expect(await rowsOnScreen()).toBeGreaterThanOrEqual(4);
  await outline.rows.first().click();
  await outline.focus();
  for (let step = 0; step < 6; step++) await outline.press('ArrowDown');
  await expect(outline.selectedRow).toBeInViewport({ ratio: 0.9 });
  // The filters are still all there, in one row that scrolls sideways.
  for (const filter of ['Find…', 'Any period', 'Any health']) await expect(page.getByRole('region', { name: 'Outline' }).getByText(filter, { exact: true }).or(page.getByPlaceholder(filter))).toHaveCount(1);
  await page.screenshot({ path: 'docs/screenshots/outline-zoom-200.png' });
  await expectAccessible(page, 'the outline at 200 % zoom');
  await context.close();
});

for (const size of [{ width: 640, height: 400, deviceScaleFactor: 2, name: '200 % zoom of 1280×800' }, { width: 800, height: 600, deviceScaleFactor: 1, name: '800×600' }]) {
  test(`at ${size.name} the check-in dialog keeps its heading and its Close button on screen while its form scrolls (review46c F10)`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.deviceScaleFactor });
    const page = await context.newPage();
    await new AppShell(page).open(server.url);
    await page.getByRole('button', { name: 'Open sample plan' }).click();
    const outline = new OutlinePage(page);
    await outline.select('key result', 'Grow ARR from 8.0 M€ to 9.5 M€');
    await outline.focus();
    await outline.press('c');
    const dialog = page.getByRole('dialog', { name: /^Check in: / });
    await expect(dialog).toBeVisible();
    const close = dialog.getByRole('button', { name: 'Close', exact: true });
    const heading = dialog.getByRole('heading', { level: 2 });
    /** The whole box inside the window, and the element itself at its centre (not covered by the form). */
    const onScreen = (element: Locator) => element.evaluate((node) => {
      const box = node.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth && hit !== null && node.contains(hit);
    });
    expect(await onScreen(close)).toBe(true);
    expect(await onScreen(heading)).toBe(true);
    // Scrolled to the end of the form and back, both stay.
    await dialog.evaluate((node) => { node.scrollTop = node.scrollHeight; });
    expect(await onScreen(close)).toBe(true);
    expect(await onScreen(heading)).toBe(true);
    await page.screenshot({ path: `test-results/check-in-dialog-${size.width}x${size.height}.png` });
    await expectAccessible(page, `the check-in dialog at ${size.name}`);
    await dialog.evaluate((node) => { node.scrollTop = 0; });
    expect(await onScreen(close)).toBe(true);
    await close.click();
    await expect(dialog).toHaveCount(0);
    await context.close();
  });
}
