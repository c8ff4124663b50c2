// canvas43 F4: Ada presents from the cascade canvas by keyboard; Ben, on another laptop, deletes the card
// she has selected in his outline. Her selection used to be cleared without a word, the canvas's live
// region still read the deleted card, and her next arrow started again at the plan's first card. Now the
// canvas keeps her place as the outline does (review43a): the nearest card left is selected (next
// sibling, else previous, else parent), a polite notice says who deleted what and where she is now, in
// the outline's words, and her arrows go on from there.
import { expect, test } from '@playwright/test';
import { CanvasDriver } from './pages/canvas-driver.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { addLineAfter } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan, type User } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** A notice in the polite live region of the notices, where what happened is said. */
function announced(user: User, text: string | RegExp) {
  return user.shell.saidNotice(text);
}

async function deleteInOutline(user: User, kind: string, title: string): Promise<void> {
  await user.outline.select(kind, title);
  await user.outline.focus();
  await user.outline.press('Delete');
  await user.shell.expectSyncStatus('Synced');
}

test('another person deletes the card selected on the canvas: the selection goes to the nearest card, the notice names who and where, the arrows go on', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'canvas-deleted-elsewhere', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'canvas-deleted-elsewhere', 'Canvas deleted elsewhere');
  // A second initiative after the first, so the deleted card has a next sibling.
  await addLineAfter(ben.outline, 'initiative', 'Open a Munich office', 'Open a Zurich office');
  await ben.shell.expectSyncStatus('Synced');

  await ada.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(ada.page);
  await expect.poll(() => canvas.cardTitled('Open a Zurich office').then((card) => card?.title ?? null)).toBe('Open a Zurich office');
  // Ada reaches the first initiative by keyboard: the key result's card, then ↓ to its first initiative.
  await canvas.click('Revenue from DACH').expectSelected('Revenue from DACH').press('ArrowDown').expectSelected('Open a Munich office');
  await canvas.expectAnnounced(/^initiative: .*Open a Munich office/);

  // Ben deletes it: Ada is on the next initiative, told who deleted what, and her canvas still has the focus.
  await deleteInOutline(ben, 'initiative', 'Open a Munich office');
  await expect(announced(ada, 'Initiative “Open a Munich office” was deleted by Ben Guest. Now on initiative “Open a Zurich office”.')).toBeVisible();
  await canvas.expectSelected('Open a Zurich office');
  // The selection's live region reads the card she is on, not the deleted one.
  await canvas.expectAnnounced(/^initiative: .*Open a Zurich office/);
  await expect(canvas.element).toBeFocused();
  await expectAccessible(ada.page, 'the canvas after another person deleted the selected card');
  await ada.page.screenshot({ path: 'test-results/canvas-deleted-elsewhere.png' });
  // The arrows go on from there, not from the plan's first card: ↑ is its key result.
  await canvas.press('ArrowUp').expectSelected('Revenue from DACH').press('ArrowDown').expectSelected('Open a Zurich office');

  // Ben deletes the last initiative left: no sibling, so Ada is on its parent.
  await deleteInOutline(ben, 'initiative', 'Open a Zurich office');
  await expect(announced(ada, 'Initiative “Open a Zurich office” was deleted by Ben Guest. Now on key result “Revenue from DACH”.')).toBeVisible();
  await canvas.expectSelected('Revenue from DACH');
  await canvas.expectAnnounced(/^key result: .*Revenue from DACH/);
  await canvas.press('ArrowUp').expectSelected('Win the DACH market');

  // Ben is not told of his own deletes.
  await expect(announced(ben, 'was deleted by')).toHaveCount(0);
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
