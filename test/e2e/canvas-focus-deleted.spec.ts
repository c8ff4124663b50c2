// Two people at an offsite: Ada, keyboard on the cascade canvas, focuses it on one objective to talk
// it through (F); Ben, on another laptop, deletes that objective. Ada's canvas fell back to the whole
// cascade without a word while its toolbar still said she was focused ("Show all" pressed), her F
// key then meant "show all" for a picture already showing all, and Ben's undo threw her back into
// the focus unasked. Now the focus ends with a sentence, and the keyboard goes on from there.
import { expect, test } from '@playwright/test';
import { CanvasDriver } from './pages/canvas-driver.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { addLineAfter } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a canvas focused on an item someone else deletes says so and shows the whole cascade; the keyboard goes on', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'focus-deleted', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'focus-deleted', 'Focus deleted');
  // A second objective, so the whole cascade differs from the focused one.
  await addLineAfter(ben.outline, 'objective', 'Win the DACH market', 'Win the Nordics');
  await ben.shell.expectSyncStatus('Synced');

  await ada.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(ada.page);
  await expect.poll(() => canvas.cardTitled('Win the Nordics').then((card) => card?.title ?? null)).toBe('Win the Nordics');
  const whole = await canvas.cards();
  // The strategy's card, then the keyboard only: down to the first objective, F to focus on it.
  await canvas.click('Grow in Europe').expectSelected('Grow in Europe').press('ArrowDown').expectSelected('Win the DACH market').press('f');
  const toolbar = ada.page.getByRole('region', { name: 'Cascade canvas' });
  await expect(toolbar.getByRole('button', { name: 'Show all' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => canvas.cardTitled('Win the Nordics')).toBeNull();

  await ben.outline.select('objective', 'Win the DACH market');
  await ben.outline.focus();
  await ben.outline.press('Delete');
  await ben.shell.expectSyncStatus('Synced');

  await expect(ada.page.getByRole('status').filter({ hasText: '“Win the DACH market”, which the cascade was focused on, was deleted; the whole cascade is shown.' })).toBeVisible();
  await expect(toolbar.getByRole('button', { name: 'Focus', exact: true })).toHaveAttribute('aria-pressed', 'false');
  // The whole cascade that is left: the strategy and the other objective.
  await expect.poll(() => canvas.cards()).toBe(2);
  await expect.poll(() => canvas.cardTitled('Win the Nordics').then((card) => card?.title ?? null)).toBe('Win the Nordics');
  await expect(canvas.element).toBeFocused();
  // Her selection went with the objective: she is on the next one, and told who deleted hers (canvas43 F4;
  // the arrows used to start again from the first card).
  await expect(ada.page.getByRole('status').filter({ hasText: 'Objective “Win the DACH market” was deleted by Ben Guest. Now on objective “Win the Nordics”.' })).toBeVisible();
  await canvas.expectSelected('Win the Nordics');
  await expectAccessible(ada.page, 'the canvas after the item it was focused on was deleted');
  // The arrows go on from there, and F focuses again, it does not "show all" of what is already all.
  await canvas.press('ArrowUp').expectSelected('Grow in Europe').press('ArrowDown').expectSelected('Win the Nordics').press('f');
  await expect(toolbar.getByRole('button', { name: 'Show all' })).toHaveAttribute('aria-pressed', 'true');
  await canvas.press('Escape');

  // Ben's undo brings the objective back; Ada stays where she is (the whole cascade), not thrown into the old focus.
  await ben.outline.focus();
  await ben.page.keyboard.press('Control+z');
  await ben.shell.expectSyncStatus('Synced');
  await expect.poll(() => canvas.cards()).toBe(whole);
  await expect(toolbar.getByRole('button', { name: 'Focus', exact: true })).toHaveAttribute('aria-pressed', 'false');

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
