// The app as people at an offsite see it, not at 1280×800 (review46c): a laptop's window split beside the slides
// or zoomed to 200 %, Windows high contrast, titles in Arabic and Hebrew beside Latin and numbers, and a system
// asking for less motion.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { typeCascade } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const keyResult = 'Grow ARR from 8.0 M€ to 9.5 M€';

async function sampleIn(browser: Browser, options: Parameters<Browser['newContext']>[0]): Promise<Page> {
  const context = await browser.newContext(options);
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
  const page = await context.newPage();
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).openSample();
  return page;
}

/** Every outline row on screen: how far its content runs past its box, and its title's and health shape's boxes. */
function rowsAsShown(page: Page) {
  return new OutlinePage(page).rows.evaluateAll((rows) => rows.filter((row) => row.getBoundingClientRect().bottom <= window.innerHeight).map((row) => {
    const box = row.getBoundingClientRect();
    const title = row.querySelector('.row-title')!.getBoundingClientRect();
    const dot = row.querySelector('.health-dot')!.getBoundingClientRect();
    return { name: row.getAttribute('aria-label') ?? row.textContent ?? '', spill: row.scrollWidth - row.clientWidth, titleWidth: title.width, dotInside: dot.left >= box.left && dot.right <= box.right + 0.5 };
  }));
}

for (const screen of [
  { what: 'an 800×600 window', viewport: { width: 800, height: 600 }, deviceScaleFactor: 1, shot: 'outline-800x600' },
  { what: 'a 1280×800 window at 200 % zoom', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, shot: 'outline-zoom-200-badges' },
]) {
  test(`in ${screen.what} every outline row keeps its title readable and its figure and health shape inside the row`, async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await sampleIn(browser, { viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor });
    // The key result carries two signal badges (forecast miss, check-in status): they used to take its whole title.
    await expect(new OutlinePage(page).row('key result', keyResult)).toBeVisible();
    const rows = await rowsAsShown(page);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row.spill, `${row.name}: its content runs past the row`).toBeLessThanOrEqual(1);
      expect(row.titleWidth, `${row.name}: its title is squeezed`).toBeGreaterThanOrEqual(60);
      expect(row.dotInside, `${row.name}: its health shape is cut off`).toBe(true);
    }
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth)).toBe(true);
    await page.screenshot({ path: `docs/screenshots/${screen.shot}.png` });
    await expectAccessible(page, `the outline in ${screen.what}`);
    await page.context().close();
  });
}

test('in Windows high contrast the health shapes, the progress, the selected row and a focused field stay visible, and health is not told by colour alone', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await sampleIn(browser, { forcedColors: 'active' });
  const outline = new OutlinePage(page);
  await outline.select('key result', keyResult);
  const selected = await outline.selectedRow.evaluate((row) => {
    const dot = getComputedStyle(row.querySelector('.health-dot')!);
    const fill = getComputedStyle(row.querySelector('.progress-fill')!);
    return { outline: getComputedStyle(row).outlineStyle, dot: dot.forcedColorAdjust, fill: fill.forcedColorAdjust };
  });
  expect(selected).toEqual({ outline: 'solid', dot: 'none', fill: 'none' });
  // Off track, at risk, on track and none: four shapes, not four colours of one circle.
  const shapes = await page.evaluate(() => ['on_track', 'at_risk', 'off_track', 'none'].map((health) => {
    const dot = document.createElement('span');
    dot.className = `health-dot health-${health}`;
    document.body.append(dot);
    const style = getComputedStyle(dot);
    const shape = `${style.clipPath} ${style.borderRadius} ${style.borderTopStyle}`;
    dot.remove();
    return shape;
  }));
  expect(new Set(shapes).size).toBe(4);
  await page.getByPlaceholder('Find…').focus();
  expect(await page.getByPlaceholder('Find…').evaluate((input) => getComputedStyle(input).outlineStyle)).toBe('solid');
  await page.screenshot({ path: 'docs/screenshots/outline-forced-colors.png' });
  await expectAccessible(page, 'the outline in forced colours');
  await page.context().close();
});

test('an Arabic or Hebrew title keeps its own direction, and its numbers their places, in the dialog, the breadcrumb, the title field and on the canvas', async ({ page }) => {
  test.setTimeout(90_000);
  await page.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
  const shell = new AppShell(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Offsite 2027');
  const outline = new OutlinePage(page);
  await outline.focus();
  await typeCascade(outline, ['زيادة الإيرادات 20%', 'Q1 מטרה', 'עד 6M']);
  await outline.select('key result', 'עד 6M');
  await outline.press('c');
  const dialog = page.getByRole('dialog', { name: 'Check in: עד 6M' });
  await expect(dialog).toBeVisible();
  // The title is its own isolate, laid out right to left: "6M" stays after "עד", not pulled into "Check in:".
  const heading = dialog.getByRole('heading', { name: 'Check in: עד 6M' });
  expect(await heading.locator('bdi').evaluate((title) => [title.textContent, getComputedStyle(title).direction])).toEqual(['עד 6M', 'rtl']);
  await page.screenshot({ path: 'docs/screenshots/check-in-hebrew-title.png' });
  await expectAccessible(page, 'the check-in dialog of a Hebrew title');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const details = page.getByRole('complementary', { name: 'Details' });
  const crumb = details.getByRole('button', { name: 'زيادة الإيرادات 20%' });
  expect(await crumb.locator('bdi').evaluate((title) => getComputedStyle(title).direction)).toBe('rtl');
  expect(await details.getByLabel('Title', { exact: true }).evaluate((input) => getComputedStyle(input).direction)).toBe('rtl');

  // The canvas draws the Hebrew title from the right of its space, as the outline lays it out.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(page);
  const card = await canvas.cardRect('עד 6M');
  const ink = await page.evaluate((rect) => {
    (window as unknown as { __throughlineCanvas: { paint(): void } }).__throughlineCanvas.paint();
    const element = document.querySelector<HTMLCanvasElement>('[data-testid="cascade-canvas"]')!;
    const bounds = element.getBoundingClientRect();
    const scale = element.width / bounds.width;
    // The title's band: below the kind's line, above the owner's, clear of the health stripe and the ring.
    const left = Math.round((rect.x - bounds.left + rect.width * 0.1) * scale);
    const right = Math.round((rect.x - bounds.left + rect.width * 0.7) * scale);
    const top = Math.round((rect.y - bounds.top + rect.height * 0.3) * scale);
    const bottom = Math.round((rect.y - bounds.top + rect.height * 0.6) * scale);
    const data = element.getContext('2d')!.getImageData(left, top, right - left, bottom - top).data;
    let first = Infinity;
    for (let at = 0; at < data.length; at += 4) if (data[at]! < 110 && data[at + 1]! < 110 && data[at + 2]! < 110) first = Math.min(first, (at / 4) % (right - left));
    return first / (right - left);
  }, card);
  expect(ink, 'where the title\'s ink starts across its band').toBeGreaterThan(0.4);
  await page.screenshot({ path: 'docs/screenshots/canvas-hebrew-title.png' });
});

test('with reduced motion asked for, the canvas shows a shown or hidden subtree at once instead of animating it', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await sampleIn(browser, { reducedMotion: 'reduce' });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);
  await canvas.cardRect(keyResult);
  await canvas.click(keyResult);
  // Watch every frame while the subtree is hidden and shown again.
  await page.evaluate(() => {
    const seen: boolean[] = [];
    (window as unknown as { seenSettled: boolean[] }).seenSettled = seen;
    const watch = () => { seen.push((window as unknown as { __throughlineCanvas: { settled(): boolean } }).__throughlineCanvas.settled()); requestAnimationFrame(watch); };
    requestAnimationFrame(watch);
  });
  const before = await canvas.cards();
  await canvas.press('Space');
  await expect.poll(() => canvas.cards()).not.toBe(before);
  await canvas.press('Space');
  await expect.poll(() => canvas.cards()).toBe(before);
  // Some thirty frames more: an animation (280 ms) would have run its course by then.
  const frames = () => page.evaluate(() => (window as unknown as { seenSettled: boolean[] }).seenSettled.length);
  const shown = await frames();
  await expect.poll(frames).toBeGreaterThan(shown + 30);
  expect(await page.evaluate(() => (window as unknown as { seenSettled: boolean[] }).seenSettled.filter((settled) => !settled).length), 'frames with cards moving').toBe(0);
  await expectAccessible(page, 'the canvas with reduced motion');
  await page.context().close();
});
