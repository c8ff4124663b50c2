// review41 item 3: Ben, following Ada's presentation, typed an impossible due date (02/30/2027); the field refused
// it, and the follow then stayed paused "while you type" though he had left the field and typed nothing, until he
// fixed the date or pressed Escape in it. Leaving the field now ends the typing: the follow still waits (moving on
// would drop his refused date and its message, perhaps unseen), says his due date was not saved and where Ada went,
// and Catch up goes on with the stored date kept. Correcting it instead saves it and catches up by itself.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { CanvasDriver } from './pages/canvas-driver.js';
import { DetailPanel } from './pages/detail-panel.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, type User } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const INITIATIVE = 'Open a Munich office';

/** The canvas driver in an object: it is a thenable (its steps chain), which an async function's return would await. */
async function openCanvas(user: User): Promise<{ canvas: CanvasDriver }> {
  await user.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(user.page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(2);
  return { canvas };
}

/** Ada (host) gives the initiative a due date and presents; Ben (guest) follows her. */
async function presenting(browser: Browser, workspace: string) {
  const token = mintToken(server.dataDir, workspace, 'editor');
  const ada = await newUser(browser, 'ada', true);
  const ben = await newUser(browser, 'ben', true);
  await joinSharedPlan(ben, await hostSharedPlan(ada, server.url, token, workspace, 'Offsite plan'), 'Ben Guest');
  await ada.outline.select('initiative', INITIATIVE);
  await new DetailPanel(ada.page).setField('Due date', '2027-03-31');
  await ada.shell.expectSyncStatus('Synced');
  const { canvas: adaCanvas } = await openCanvas(ada);
  const { canvas: benCanvas } = await openCanvas(ben);
  await ada.page.getByRole('button', { name: 'Present' }).click();
  await ben.page.getByRole('button', { name: 'Follow Ada Host (presenting)' }).click();
  return { ada, ben, adaCanvas, benCanvas, benDetails: new DetailPanel(ben.page), followStatus: ben.page.getByTestId('follow-status') };
}

/** Types February 30, 2027 into the date field part by part, as a person does, and leaves it with Tab (the first Tab reaches its calendar button). */
async function typeImpossibleDate(page: Page, field: ReturnType<DetailPanel['field']>): Promise<void> {
  const box = (await field.boundingBox())!;
  await page.mouse.click(box.x + 14, box.y + box.height / 2);
  await page.keyboard.type('02302027');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
}

const REFUSAL = 'Due date: that is not a date (a part is missing, or the month has no such day, as February 30). Nothing was saved: it is still 2027-03-31. To remove the date, clear all three parts.';

test('a refused due date: leaving the field ends "typing"; the follow says it was not saved and Catch up goes on with the stored date kept', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, adaCanvas, benCanvas, benDetails, followStatus } = await presenting(browser, 'follow-refused');
  await adaCanvas.click(INITIATIVE);
  await benCanvas.expectSelected(INITIATIVE);

  const due = benDetails.field('Due date');
  await typeImpossibleDate(ben.page, due);
  await expect(benDetails.fieldError(REFUSAL)).toBeVisible();
  await adaCanvas.click('Revenue from DACH');
  // Still in the panel (the next field has the focus): he is editing, and the follow waits as it did.
  await expect(followStatus).toContainText('Following paused while you type — Ada Host moved to “Revenue from DACH”.');

  // He leaves the panel for the canvas: nobody is typing now. The follow still waits, and says why.
  await benCanvas.element.focus();
  await expect(followStatus.getByRole('status')).toHaveText('Following paused: your due date was not saved — Ada Host moved to “Revenue from DACH”. Correct it, or Catch up and keep what was saved before.');
  await benCanvas.expectSelected(INITIATIVE);
  await expect(benDetails.fieldError(REFUSAL)).toBeVisible();
  await expectAccessible(ben.page, 'following paused on a refused due date');
  await ben.page.screenshot({ path: 'test-results/follow-refused-value.png' });

  await followStatus.getByRole('button', { name: 'Catch up' }).click();
  await benCanvas.expectSelected('Revenue from DACH');
  await expect(followStatus.getByRole('status')).toHaveText('Following Ada Host. Press Escape on the canvas, or Stop following, to look around on your own.');
  // Nothing was saved: back on the initiative, the stored date is in the field on both screens, with no refusal.
  await adaCanvas.click(INITIATIVE);
  await benCanvas.expectSelected(INITIATIVE);
  await expect(due).toHaveValue('2027-03-31');
  await expect(benDetails.root.getByRole('alert')).toHaveCount(0);
  // And the follow goes on by itself again.
  await adaCanvas.click('Win the DACH market');
  await benCanvas.expectSelected('Win the DACH market');
  await closeContexts(ada.context, ben.context);
});

test('a refused due date corrected: the date is saved on the item he typed on and the follow catches up by itself', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, adaCanvas, benCanvas, benDetails, followStatus } = await presenting(browser, 'follow-refused-fixed');
  await adaCanvas.click(INITIATIVE);
  await benCanvas.expectSelected(INITIATIVE);
  const due = benDetails.field('Due date');
  await typeImpossibleDate(ben.page, due);
  await adaCanvas.click('Revenue from DACH');
  await benCanvas.element.focus();
  await expect(followStatus).toContainText('your due date was not saved');

  // Back in the field, he is typing again; a real date saves when he leaves, and the follow catches up.
  const box = (await due.boundingBox())!;
  await ben.page.mouse.click(box.x + 14, box.y + box.height / 2);
  await expect(followStatus).toContainText('Following paused while you type');
  await ben.page.keyboard.type('03022027');
  await ben.page.keyboard.press('Tab');
  await ben.page.keyboard.press('Tab');
  await benCanvas.element.focus();
  await benCanvas.expectSelected('Revenue from DACH');
  await ada.page.getByRole('button', { name: 'Exit presentation' }).click();
  await adaCanvas.click(INITIATIVE).expectSelected(INITIATIVE);
  await expect(new DetailPanel(ada.page).field('Due date')).toHaveValue('2027-03-02');
  await closeContexts(ada.context, ben.context);
});
