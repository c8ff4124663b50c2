// Two people on the cascade canvas: Ada keeps "Win the Nordics" closed and has "Revenue from DACH"
// selected, her keyboard on the canvas; Ben drags that key result onto "Win the Nordics" on his
// canvas. Ada's selection now sits inside her closed card. Her next arrow key took her to the first
// card of the plan (the strategy), losing her place; it goes on from the card that holds it now.
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

test('an arrow key from a selected card someone moved under a card kept closed goes on from the card that holds it', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'moved-into-closed', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'moved-into-closed', 'Moved into closed');
  await addLineAfter(ben.outline, 'objective', 'Win the DACH market', 'Win the Nordics');
  await addLineAfter(ben.outline, 'key result', 'Revenue from DACH', 'Churn under 5%');
  await ben.shell.expectSyncStatus('Synced');
  const views = (user: typeof ada) => user.page.getByRole('navigation', { name: 'Views' });

  // Ben, on his canvas, puts "Churn" under the Nordics objective, so it has something to hide.
  await views(ben).getByRole('link', { name: 'Cascade' }).click();
  const benCanvas = new CanvasDriver(ben.page);
  await expect.poll(() => benCanvas.cardTitled('Churn under 5%').then((card) => card?.title ?? null)).toBe('Churn under 5%');
  await benCanvas.drag('Churn under 5%', 'Win the Nordics');
  await ben.shell.expectSyncStatus('Synced');

  // Ada closes "Win the Nordics" (Space) and selects "Revenue from DACH".
  await views(ada).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(ada.page);
  await expect.poll(() => canvas.cardTitled('Churn under 5%').then((card) => card?.title ?? null)).toBe('Churn under 5%');
  await canvas.click('Win the Nordics').press('Space');
  await expect.poll(() => canvas.cardTitled('Churn under 5%')).toBeNull();
  await canvas.click('Revenue from DACH').expectSelected('Revenue from DACH');

  // Ben moves it under the objective Ada keeps closed.
  await benCanvas.drag('Revenue from DACH', 'Win the Nordics');
  await ben.shell.expectSyncStatus('Synced');
  await views(ben).getByRole('link', { name: 'Outline' }).click();
  await expect.poll(async () => (await outlineNames(ben)).join(' | ')).toBe('STR Grow in Europe | OBJ Win the DACH market | OBJ Win the Nordics | KR Churn under 5% | KR Revenue from DACH | INI Open a Munich office | TSK Sign the office lease');
  await expect.poll(() => canvas.cardTitled('Revenue from DACH')).toBeNull();
  await canvas.expectSelected('Revenue from DACH');

  // Her arrow key lands on the card that holds her selection, and is heard there.
  await canvas.press('ArrowUp').expectSelected('Win the Nordics').expectAnnounced(/^objective: Win the Nordics/);
  await expect(canvas.element).toBeFocused();
  await expectAccessible(ada.page, 'the canvas after a selected card was moved under a closed one');

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
