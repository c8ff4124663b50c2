// Two people at once on the cascade canvas, as at an offsite: one looks at the canvas (a card
// selected, the keyboard on the canvas, a card half dragged) while the other deletes, restores, moves
// and adds nodes from the outline on another device. The canvas must follow every change, keep the
// keyboard, never select or drop a card onto a node that is gone, and never throw.
import { expect, test } from '@playwright/test';
import { CanvasDriver } from './pages/canvas-driver.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { outlineNames, twoOnOnePlan } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { addLineAfter } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('the canvas follows another person\'s deletes, restores, moves and new nodes: selection, focus and figures stay right', async ({ browser }) => {
  test.setTimeout(240_000);
  const token = mintToken(server.dataDir, 'canvas-two', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'canvas-two', 'Two on the canvas');

  await ada.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(ada.page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(2);
  // Every card drawn (the task under the initiative is folded into its card).
  const all = await canvas.cards();
  const initiative = await canvas.nodeId('Open a Munich office');

  // 1. Ada has the initiative selected, the keyboard on the canvas; Ben deletes it (and its task).
  await canvas.click('Open a Munich office').expectSelected('Open a Munich office');
  await expect(canvas.element).toBeFocused();
  await ben.outline.select('initiative', 'Open a Munich office');
  await ben.outline.focus();
  await ben.outline.press('Delete');
  await ben.shell.expectSyncStatus('Synced');
  await expect.poll(() => canvas.cardById(initiative)).toBeNull();
  await expect.poll(() => canvas.cards()).toBe(all - 1);
  // Nothing gone stays selected, and the keyboard still drives the canvas. The initiative had no
  // sibling: Ada is on its key result, and told so (canvas43 F4; the details used to fall back to the
  // plan's summary without a word).
  await expect(ada.page.getByRole('status').filter({ hasText: 'Initiative “Open a Munich office” was deleted by Ben Guest. Now on key result “Revenue from DACH”.' })).toBeVisible();
  await canvas.expectSelected('Revenue from DACH');
  await expect(canvas.element).toBeFocused();
  await canvas.click('Revenue from DACH').press('ArrowUp').expectAnnounced(/^objective: Win the DACH market/).expectSelected('Win the DACH market');

  // 2. Ben restores it (undo): it is back on Ada's canvas, where it was.
  await ben.outline.focus();
  await ben.page.keyboard.press('Control+z');
  await ben.shell.expectSyncStatus('Synced');
  await expect.poll(() => canvas.cardById(initiative).then((card) => card?.title ?? null)).toBe('Open a Munich office');
  await expect.poll(() => canvas.cards()).toBe(all);

  // 3. Ada starts dragging the initiative onto the objective; before she lets go, Ben deletes it.
  // Letting go moves nothing (nothing comes back) and throws nothing.
  await canvas.pointerDown('Open a Munich office').pointerMove('Win the DACH market');
  await ben.outline.select('initiative', 'Open a Munich office');
  await ben.outline.focus();
  await ben.outline.press('Delete');
  await ben.shell.expectSyncStatus('Synced');
  await expect.poll(() => canvas.cardById(initiative)).toBeNull();
  await expect(ada.page.getByText('The card you were dragging was deleted by someone else; nothing was moved.').first()).toBeVisible();
  // A screen reader gets the sentence too: the selection's announcement of the same moment (Ada
  // still has the objective selected) does not replace it.
  await canvas.expectAnnounced(/^objective: Win the DACH market/).expectHeard('The card you were dragging was deleted by someone else; nothing was moved.');
  await canvas.pointerUp();
  await ada.shell.expectSyncStatus('Synced');
  await expect.poll(() => canvas.cards()).toBe(all - 1);
  await expect(ben.outline.row('initiative', 'Open a Munich office')).toHaveCount(0);
  await expect(ben.outline.row('task', 'Sign the office lease')).toHaveCount(0);

  // 4. Ben adds a key result beside "Revenue from DACH": Ada's canvas draws it and arrows reach it.
  await addLineAfter(ben.outline, 'key result', 'Revenue from DACH', 'Churn under 5%');
  await ben.shell.expectSyncStatus('Synced');
  await expect.poll(() => canvas.cards()).toBe(all);
  // The new line reaches Ada before its title does (it is typed after Enter): wait for the titled card.
  await expect.poll(() => canvas.cardTitled('Churn under 5%').then((card) => card?.title ?? null)).toBe('Churn under 5%');
  await canvas.click('Churn under 5%').expectSelected('Churn under 5%');

  // 5. Ben renames the key result Ada has selected: her selection and its card follow.
  await ben.outline.select('key result', 'Churn under 5%');
  await ben.outline.focus();
  await ben.outline.press('F2');
  await ben.page.keyboard.press('End');
  await ben.page.keyboard.type(' by Q4');
  await ben.page.keyboard.press('Enter');
  await ben.shell.expectSyncStatus('Synced');
  await canvas.expectSelected('Churn under 5% by Q4');
  await expect(canvas.element).toBeFocused();

  // 6. Ada drags "Revenue from DACH" towards a new objective; before she drops it, Ben moves "Churn"
  // above it, so every card after them is numbered afresh. Her drop moves the card she holds, nothing else.
  await addLineAfter(ben.outline, 'objective', 'Win the DACH market', 'Win the Nordics');
  await ben.shell.expectSyncStatus('Synced');
  await expect.poll(() => canvas.cards()).toBe(all + 1);
  await expect.poll(() => canvas.cardTitled('Win the Nordics').then((card) => card?.title ?? null)).toBe('Win the Nordics');
  await canvas.pointerDown('Revenue from DACH').pointerMove({ ...(await canvas.emptyPoint()) });
  await ben.outline.select('key result', 'Churn under 5% by Q4');
  await ben.outline.focus();
  await ben.outline.press('Alt+ArrowUp');
  await ben.shell.expectSyncStatus('Synced');
  await expect.poll(async () => (await outlineNames(ben)).join(' | ')).toBe('STR Grow in Europe | OBJ Win the DACH market | KR Churn under 5% by Q4 | KR Revenue from DACH | OBJ Win the Nordics');
  await canvas.pointerMove('Win the Nordics').pointerUp();
  await canvas.expectSelected('Revenue from DACH');
  // The move is heard, and so is the card selected with it.
  await canvas.expectAnnounced(/^key result: Revenue from DACH/).expectHeard('Moved "Revenue from DACH" under "Win the Nordics".');
  await ben.shell.expectSyncStatus('Synced');
  await expect.poll(async () => (await outlineNames(ben)).join(' | ')).toBe('STR Grow in Europe | OBJ Win the DACH market | KR Churn under 5% by Q4 | OBJ Win the Nordics | KR Revenue from DACH');

  await expectAccessible(ada.page, 'the canvas after another person deleted, restored, added and renamed nodes');
  await ada.page.screenshot({ path: 'docs/screenshots/canvas-two-people.png' });
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
