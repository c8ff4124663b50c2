import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { OutlinePage, rowName } from './pages/outline-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { seriousViolations } from './support/axe.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
});

/** Opens the sample plan (every signal fires in it) on the cascade canvas. */
async function openSampleCanvas(page: Page): Promise<{ canvas: CanvasDriver }> {
  const shell = new AppShell(page);
  await shell.open(server.url);
  await page.getByRole('button', { name: 'Open sample plan' }).click();
  // Building the sample plan (a quarter of check-ins) is slow on a loaded machine.
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(page);
  await expect(canvas.element).toBeVisible();
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);
  // Wrapped: the driver is a thenable, which an async function's return would await.
  return { canvas };
}

test('clicking a card selects it in the outline and the detail panel; zoom, pan and keys move the view', async ({ page }) => {
  const { canvas } = await openSampleCanvas(page);
  await page.screenshot({ path: 'docs/screenshots/canvas.png' });

  await canvas.click('Launch in the DACH region').expectSelected('Launch in the DACH region');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Outline' }).click();
  await expect(new OutlinePage(page).selectedRow).toHaveAccessibleName(rowName('objective', 'Launch in the DACH region'));
  // And back: a row picked in the outline is the canvas's selection.
  await new OutlinePage(page).select('key result', 'Sign 10 DACH customers');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  await canvas.expectSelected('Sign 10 DACH customers').expectAnnounced(/^key result: Sign 10 DACH customers\./);

  // Keyboard: up to the objective, up to the strategy, down again; 0 fits; + zooms.
  await canvas.press('ArrowUp').expectAnnounced(/^objective: Launch in the DACH region/).press('ArrowUp').expectAnnounced(/^strategy: Win the mid-market/);
  await canvas.press('ArrowDown').expectAnnounced(/^objective: Grow recurring revenue/).press('ArrowRight').expectAnnounced(/^objective: Make self-serve a real channel/);
  await canvas.press('0');
  const fitted = await canvas.view();
  // The whole cascade on screen: no minimap over the bottom-right cards; zoomed in, it is there to steer by.
  const minimap = page.getByTestId('cascade-minimap');
  await expect(minimap).toBeHidden();
  await canvas.press('+');
  await expect.poll(async () => (await canvas.view()).k).toBeCloseTo(fitted.k * 1.4, 3);
  await expect(minimap).toBeVisible();
  await canvas.press('-', '-');
  expect((await canvas.view()).k).toBeLessThan(fitted.k);

  // Wheel zooms about the pointer; dragging the background pans.
  const box = (await canvas.element.boundingBox())!;
  const before = await canvas.view();
  await canvas.wheel(-400, { x: box.x + box.width / 2, y: box.y + 20 });
  await expect.poll(async () => (await canvas.view()).k).toBeGreaterThan(before.k);
  const zoomed = await canvas.view();
  await canvas.pan(await canvas.emptyPoint(), 150, -60);
  const panned = await canvas.view();
  expect(panned.x - zoomed.x).toBeCloseTo(150, 0);
  expect(panned.y - zoomed.y).toBeCloseTo(-60, 0);
  expect(panned.k).toBe(zoomed.k);

  // F focuses on the selected subtree; F again shows everything.
  const all = await canvas.cards();
  await canvas.press('F');
  await expect.poll(() => canvas.cards()).toBeLessThan(all);
  await canvas.press('F');
  await expect.poll(() => canvas.cards()).toBe(all);

  await canvas.press('0');
  await expect(canvas.element).toBeFocused();
  await expect(minimap).toBeHidden();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the toolbar and help line say it whole: layout choices uncut at 1280 px, the add-child key named', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSampleCanvas(page);
  for (const name of ['Levels shown', 'Direction', 'Risk view']) {
    const select = page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('combobox', { name });
    // The chosen option's text against the room the select gives it (its width less padding and the arrow).
    const fits = await select.evaluate((element: HTMLSelectElement) => {
      const style = getComputedStyle(element);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = context.measureText(element.selectedOptions[0]!.text).width;
      const room = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
      return { text, room };
    });
    expect(fits.text, `${name}: the chosen option fits`).toBeLessThanOrEqual(fits.room);
  }
  await expect(page.locator('#canvas-help')).toContainText('Ctrl+Enter add child');
  await page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('combobox', { name: 'Levels shown' }).selectOption({ label: 'Everything' });
  // The whole cascade fitted to the canvas: wide subtrees stacked in columns, so a card is a shape one
  // can point at, not a speck of a strip 60 times wider than deep (2 px wide before the stacking).
  const canvas = new CanvasDriver(page);
  await expect.poll(async () => (await canvas.cardRect('Launch in the DACH region')).width).toBeGreaterThan(10);
  const region = await canvas.cardRect('Launch in the DACH region');
  await expect.poll(() => canvas.cardAt(region.x + region.width / 2, region.y + region.height / 2)).toBe(await canvas.nodeId('Launch in the DACH region'));
  await page.screenshot({ path: 'docs/screenshots/canvas-toolbar-1280.png' });
});

test('in a stacked column the arrow keys go where they point: down the column, across to the next column', async ({ page }) => {
  const { canvas } = await openSampleCanvas(page);
  await page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('combobox', { name: 'Levels shown' }).selectOption({ label: 'Everything' });
  await expect.poll(async () => (await canvas.cardRect('Sign 10 DACH customers')).width).toBeGreaterThan(10);
  // The sample plan's tasks share titles across initiatives: each card reached is named as it is
  // reached, in the details panel, so it can be told apart.
  const title = page.getByRole('complementary', { name: 'Details' }).getByRole('textbox', { name: 'Title', exact: true });
  const name = async (unique: string) => { await title.fill(unique); await title.press('Tab'); await expect.poll(async () => (await canvas.cardRect(unique)).width).toBeGreaterThan(0); };
  // Down from the key result to its first initiative and that one's first task: a leaf in a stacked column.
  await canvas.click('Sign 10 DACH customers').press('ArrowDown').expectAnnounced(/^initiative: /).press('ArrowDown').expectAnnounced(/^task: /);
  await name('The stacked leaf');
  // ↓ on a leaf in a column: the card right below it (the tree has no child to go to, so it stayed).
  await canvas.click('The stacked leaf').press('ArrowDown');
  await expect(title).not.toHaveValue('The stacked leaf');
  await name('Below the leaf');
  let at = await canvas.cardRect('The stacked leaf');
  const below = await canvas.cardRect('Below the leaf');
  expect(below.y).toBeGreaterThan(at.y + at.height / 2);
  expect(Math.abs(below.x - at.x)).toBeLessThan(at.width);
  await canvas.click('Below the leaf').press('ArrowUp').expectSelected('The stacked leaf');
  // → : the card beside it in the next column (the tree's next sibling was the card below).
  await canvas.press('ArrowRight');
  await expect(title).not.toHaveValue('The stacked leaf');
  await name('Beside the leaf');
  at = await canvas.cardRect('The stacked leaf');
  const beside = await canvas.cardRect('Beside the leaf');
  expect(beside.x).toBeGreaterThan(at.x + at.width / 2);
  expect(Math.abs(beside.y - at.y)).toBeLessThan(at.height);
  await canvas.click('Beside the leaf').press('ArrowLeft').expectSelected('The stacked leaf');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'docs/screenshots/canvas-stacked-keys.png' });
});

/** Zooms in on a card with the wheel until its text is legible, and returns its rectangle. */
async function zoomOnto(canvas: CanvasDriver, title: string) {
  for (let i = 0; i < 8; i++) {
    const rect = await canvas.cardRect(title);
    if (rect.width >= 200) return rect;
    await canvas.wheel(-300, { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });
    await expect.poll(async () => (await canvas.cardRect(title)).width).toBeGreaterThan(rect.width);
  }
  return canvas.cardRect(title);
}

const isRed = ([r, g, b]: readonly number[]) => r! > 180 && g! < 110 && b! < 110;
const isGreen = ([r, g, b]: readonly number[]) => g! > 110 && r! < 90 && b! < 130;

test('blocked work: the path from a blocked task up to its strategy is drawn in the off-track colour', async ({ page }) => {
  const { canvas } = await openSampleCanvas(page);
  // The initiative holding the plan's longest-blocked task, shown collapsed with its tasks inside.
  const card = await zoomOnto(canvas, 'Frankfurt data residency');
  const view = await canvas.view();
  // A point on the link that enters the card from its key result, and one on the card's ring.
  const onLink = { x: card.x + card.width / 2, y: card.y - 12 * view.k };
  const onRing = { x: card.x - 3 * view.k, y: card.y + card.height / 2 };
  expect(isRed(await canvas.pixel(onLink.x, onLink.y))).toBe(false);

  await page.getByLabel('Risk view').selectOption('Blocked work');
  await expect.poll(() => canvas.pixel(onLink.x, onLink.y).then(isRed)).toBe(true);
  expect(isRed(await canvas.pixel(onRing.x, onRing.y))).toBe(true);
  // Up the path: the strategy at the top has the same colour on its ring.
  // (In the stacked column ↑ goes to the card above: the initiatives before it, then its key result.)
  await canvas.click('Frankfurt data residency');
  const announcer = page.getByTestId('canvas-announcer');
  for (let presses = 0, heard = await announcer.innerText(); presses < 8 && !/^objective: /.test(heard); presses++) {
    await canvas.press('ArrowUp');
    await expect(announcer).not.toHaveText(heard);
    heard = await announcer.innerText();
  }
  await canvas.expectAnnounced(/^objective: /);
  await expect(page.getByRole('complementary', { name: 'Unaligned work' })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/canvas-blocked-path.png' });

  await page.getByLabel('Risk view').selectOption('Where risk begins');
  await canvas.press('0');
  await page.screenshot({ path: 'docs/screenshots/canvas-risk.png' });
  expect(await seriousViolations(page)).toEqual([]);
});

test('drag a card onto another: valid targets are highlighted, a move that breaks the cascade is refused with its reason', async ({ page }) => {
  const { canvas } = await openSampleCanvas(page);
  await canvas.click('Launch in the DACH region').press('F');
  await expect.poll(() => canvas.cards()).toBeLessThan(20);
  const target = await canvas.cardRect('German localisation coverage 100%');
  const objective = await canvas.cardRect('Launch in the DACH region');

  // While dragging a key result, its possible parent (the objective) is outlined in green and the
  // other key result is not a target: hovering it names the rule.
  await canvas.pointerDown('Sign 10 DACH customers').pointerMove({ x: target.x + target.width / 2 + 5, y: target.y + 10 });
  const k = (await canvas.view()).k;
  expect(isGreen(await canvas.pixel(objective.x - 7 * k, objective.y + objective.height / 2))).toBe(true);
  await expect(page.getByTestId('drag-hint')).toHaveText('A key result cannot go under a key result: it belongs under an objective.');
  await canvas.pointerMove('German localisation coverage 100%').pointerUp();
  await expect(page.locator('.notice').filter({ hasText: 'A key result cannot go under a key result: it belongs under an objective.' })).toBeVisible();
  await expect(page.getByTestId('drag-hint')).toHaveCount(0);
  // Nothing moved: the key result still sits under its objective.
  await canvas.click('Sign 10 DACH customers').press('ArrowUp').expectAnnounced(/^objective: Launch in the DACH region/);

  // A valid move: an initiative from one key result to the other.
  await canvas.click('Sign 10 DACH customers').press('ArrowDown').expectAnnounced(/^initiative: /);
  const initiative = await page.getByRole('complementary', { name: 'Details' }).getByRole('textbox', { name: 'Title', exact: true }).inputValue();
  await canvas.drag(initiative, 'German localisation coverage 100%');
  await canvas.expectSelected(initiative).press('ArrowUp').expectAnnounced(/^key result: German localisation coverage 100%/);
  await canvas.cardRect(initiative); // the moved card has reached its new place
  await page.screenshot({ path: 'docs/screenshots/canvas-moved.png' });
});

test('export: the view as a PNG of the canvas size that is not blank, the whole cascade as SVG', async ({ page }) => {
  const { canvas } = await openSampleCanvas(page);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('cascade.png');
  const bytes = readFileSync((await png.path())!);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const size = await canvas.element.evaluate((element) => ({ width: (element as HTMLCanvasElement).width, height: (element as HTMLCanvasElement).height }));
  expect(size.width).toBeGreaterThan(500);
  expect({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }).toEqual(size);
  // Not blank: decoded in the page, the image has many colours (cards in three health colours, links, ground).
  const colours = await page.evaluate(async (base64) => {
    const bitmap = new Image();
    bitmap.src = `data:image/png;base64,${base64}`;
    await bitmap.decode();
    const scratch = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    scratch.drawImage(bitmap, 0, 0);
    const data = scratch.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  }, bytes.toString('base64'));
  expect(colours).toBeGreaterThan(8);

  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  const text = readFileSync((await svg.path())!, 'utf8');
  expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(text).toContain('Launch in the DACH region');
  expect(text.match(/data-node-id=/g)?.length).toBe(await canvas.cards());
});

test('presentation mode: full window, large type, high contrast', async ({ page }) => {
  const { canvas } = await openSampleCanvas(page);
  await canvas.click('Launch in the DACH region').press('F');
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.locator('.canvas-pane.presenting')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Details' })).toHaveCount(0);
  // The ground is black.
  const box = (await canvas.element.boundingBox())!;
  expect(await canvas.pixel(box.x + 3, box.y + 3)).toEqual([0, 0, 0, 255]);
  await page.screenshot({ path: 'docs/screenshots/canvas-presentation.png' });
  await page.getByRole('button', { name: 'Exit presentation' }).click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
});

test('a long emoji title is cut on the card between whole graphemes, never half an emoji', async ({ page }) => {
  // Every string the canvas paints, as Chromium's own 2D context receives it.
  await page.addInitScript(() => {
    const painted = new Set<string>();
    (window as unknown as { __painted: Set<string> }).__painted = painted;
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
      painted.add(text);
      return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
    };
  });
  const { canvas } = await openSampleCanvas(page);
  // One word far wider than a card, of ZWJ families (eight UTF-16 units each) and flags: a cut by
  // code units lands inside one of them almost always.
  const title = `DACH${'👨‍👩‍👧🇩🇪'.repeat(30)}`;
  await canvas.click('Launch in the DACH region');
  await page.getByRole('complementary', { name: 'Details' }).getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.keyboard.press('Tab');
  await zoomOnto(canvas, title);
  // Cuts of this title only: since fix44 the sample's "DACH reseller agreements" is titled (and cut) from 90 px too.
  const cuts = () => page.evaluate(() => [...(window as unknown as { __painted: Set<string> }).__painted].filter((text) => text.startsWith('DACH') && text.endsWith('…') && !/^DACH\s/.test(text)));
  await expect.poll(async () => (await cuts()).length).toBeGreaterThan(0);
  const ends = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(title)].map(({ index, segment }) => index + segment.length);
  // Every cut painted on the way in (each zoom level fits a different width) keeps whole graphemes.
  for (const cut of await cuts()) {
    const kept = cut.slice(0, -1);
    expect(title.startsWith(kept)).toBe(true);
    expect(ends).toContain(kept.length);
    expect(kept.length).toBeGreaterThan('DACH'.length);
  }
});
