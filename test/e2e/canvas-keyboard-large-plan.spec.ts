// usercheck21: the arrow keys on a large cascade selected cards nobody could read.
//
// A plan of 3,000 items, "Everything" shown and fitted: every card is a dot. The arrow keys moved the
// selection (the screen reader said "Task 514") but the view stayed where it was, because the card's
// dot was on screen already: a sighted keyboard user saw nothing move and could not read where they
// were. A card selected by the keyboard that is too small to read now comes up readable, centred.
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { generatePlan } from '../../shared/model/fixtures/generate-plan.js';
import { AppShell } from './pages/app-shell.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser } from './support/stored-plan.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });


test('on a 3,000-item cascade fitted to dots, the arrow keys bring the selected card up readable', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
  const doc = new Y.Doc();
  generatePlan(doc, { nodes: 3000, checkIns: 3000, seed: 21 });
  await new AppShell(page).open(server.url);
  await storePlanInBrowser(page, { id: 'Large3000Keys21', name: 'Three thousand', update: Y.encodeStateAsUpdate(doc) });
  await page.goto(`${server.url}#/plan/Large3000Keys21/canvas`);
  const canvas = new CanvasDriver(page);
  /** How much of a card the zoom lets a reader see: full, outline or dot. */
  const level = () => page.evaluate(() => (window as unknown as { __throughlineCanvas: { level(): string } }).__throughlineCanvas.level());
  await expect.poll(() => canvas.cards(), { timeout: 60_000 }).toBeGreaterThan(2);
  await page.getByLabel('Levels shown').selectOption({ label: 'Everything' });
  await expect.poll(() => canvas.cards(), { timeout: 60_000 }).toBe(3000);

  // Keyboard only: the canvas, Fit (0), then the arrows.
  await canvas.element.focus();
  await page.keyboard.press('0');
  await expect.poll(() => level()).toBe('dot');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  const announced = page.getByTestId('canvas-announcer');
  await expect(announced).not.toBeEmpty();
  await expect.poll(() => level()).toBe('full');
  // The selected card is on the canvas, whole.
  // "Task: Task 514. On track, …": the card the screen reader names.
  const title = /^[^:]+: (.+?)\. /.exec((await announced.textContent()) ?? '')![1]!;
  const stage = (await canvas.element.boundingBox())!;
  const rect = await canvas.cardRect(title);
  expect(rect.x).toBeGreaterThanOrEqual(stage.x);
  expect(rect.y).toBeGreaterThanOrEqual(stage.y);
  expect(rect.x + rect.width).toBeLessThanOrEqual(stage.x + stage.width);
  expect(rect.y + rect.height).toBeLessThanOrEqual(stage.y + stage.height);
  await expect(canvas.element).toBeFocused();
  await expectAccessible(page, 'the 3,000-item canvas with a card selected by the keyboard');
  await page.screenshot({ path: 'docs/screenshots/canvas-keyboard-large-plan.png' });

  // Fitting again keeps the selection and goes back to the whole picture; the next arrow comes up readable again.
  await page.keyboard.press('0');
  await expect.poll(() => level()).toBe('dot');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => level()).toBe('full');
});
