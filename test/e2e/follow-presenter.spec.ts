// review40b F1, F3 and F10: two people at an offsite, Ada presenting the cascade and Ben following her.
// - F1: Ben typing in his details while Ada moved on had his words split across two items (the first
//   half saved on one, the rest typed into the next) or lost (a check-in note's second half). The follow
//   now waits while he types, says where Ada went, and catches up when he is done.
// - F3: Ada presenting the plan as of a review point hid its banner from the room, and Ben saw today's
//   plan. The presentation shows the moment; Ben's window shows the same moment (or says which).
// - F10: Ben's arrow keys did nothing while following, without a word; keyboard zoom lost the selection.
import { expect, test, type Browser } from '@playwright/test';
import { CanvasDriver } from './pages/canvas-driver.js';
import { ReviewPage } from './pages/review-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, type User } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** The canvas driver in an object: it is a thenable (its steps chain), which an async function's return would await. */
async function openCanvas(user: User): Promise<{ canvas: CanvasDriver }> {
  await user.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(user.page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(2);
  return { canvas };
}

/** Ada (host) and Ben (guest) on one shared plan; Ada presents, Ben follows her. */
async function presenting(browser: Browser, workspace: string, before?: (ada: User, ben: User) => Promise<void>) {
  const token = mintToken(server.dataDir, workspace, 'editor');
  const ada = await newUser(browser, 'ada', true);
  const ben = await newUser(browser, 'ben', true);
  await joinSharedPlan(ben, await hostSharedPlan(ada, server.url, token, workspace, 'Offsite plan'), 'Ben Guest');
  await before?.(ada, ben);
  const { canvas: adaCanvas } = await openCanvas(ada);
  const { canvas: benCanvas } = await openCanvas(ben);
  await ada.page.getByRole('button', { name: 'Present' }).click();
  await ben.page.getByRole('button', { name: 'Follow Ada Host (presenting)' }).click();
  return { ada, ben, adaCanvas, benCanvas, benDetails: ben.page.getByRole('complementary', { name: 'Details' }), followStatus: ben.page.getByTestId('follow-status') };
}

test('F1: a follower typing a description when the presenter moves on: the follow waits, his words stay whole on the item he typed on', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, adaCanvas, benCanvas, benDetails, followStatus } = await presenting(browser, 'follow-typing');
  await adaCanvas.click('Open a Munich office');
  await benCanvas.expectSelected('Open a Munich office');

  await benDetails.getByLabel('Description').click();
  await ben.page.keyboard.type('Ben notes during the presentation: needs budget ');
  await adaCanvas.click('Revenue from DACH');
  // Ben's panel stays on the initiative, his field keeps his words and the focus; he is told where Ada went.
  await expect(followStatus).toContainText('Following paused while you type — Ada Host moved to “Revenue from DACH”.');
  await expect(benDetails.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Open a Munich office');
  await expect(benDetails.getByLabel('Description')).toBeFocused();
  await ben.page.keyboard.type('and one more hire.');
  await expect(benDetails.getByLabel('Description')).toHaveValue('Ben notes during the presentation: needs budget and one more hire.');
  await expectAccessible(ben.page, 'following paused while the follower types');
  await ben.page.screenshot({ path: 'test-results/follow-paused-typing.png' });

  // He catches up: his words are saved, whole, on the initiative; he is on Ada's key result, whose description is untouched.
  await followStatus.getByRole('button', { name: 'Catch up' }).click();
  await benCanvas.expectSelected('Revenue from DACH');
  await expect(benDetails.getByLabel('Description')).toHaveValue('');
  await expect(followStatus).toContainText('Following Ada Host.');
  await ben.shell.expectSyncStatus('Synced');
  await adaCanvas.click('Open a Munich office');
  await benCanvas.expectSelected('Open a Munich office');
  await expect(benDetails.getByLabel('Description')).toHaveValue('Ben notes during the presentation: needs budget and one more hire.');

  // Typing again and leaving the field (Tab, then out of the panel) catches up by itself.
  await benDetails.getByLabel('Description').click();
  await ben.page.keyboard.press('End');
  await ben.page.keyboard.type(' Ask Finance.');
  await adaCanvas.click('Win the DACH market');
  await expect(followStatus).toContainText('moved to “Win the DACH market”');
  await benCanvas.element.focus();
  await benCanvas.expectSelected('Win the DACH market');
  await ada.page.getByRole('button', { name: 'Exit presentation' }).click();
  await adaCanvas.click('Open a Munich office').expectSelected('Open a Munich office');
  await expect(ada.page.getByRole('complementary', { name: 'Details' }).getByLabel('Description')).toHaveValue('Ben notes during the presentation: needs budget and one more hire. Ask Finance.');
  await adaCanvas.press('ArrowUp', 'ArrowUp').expectSelected('Win the DACH market');
  await expect(ada.page.getByRole('complementary', { name: 'Details' }).getByLabel('Description')).toHaveValue('');
  await closeContexts(ada.context, ben.context);
});

test('F1: a follower writing a check-in note when the presenter moves on: the whole note goes into his check-in on the item he wrote it on', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, adaCanvas, benCanvas, benDetails, followStatus } = await presenting(browser, 'follow-checkin');
  await adaCanvas.click('Open a Munich office');
  await benCanvas.expectSelected('Open a Munich office');

  const form = benDetails.getByRole('form', { name: 'New check-in' });
  await form.getByLabel('Note').click();
  await ben.page.keyboard.type('Follower check-in note part one. ');
  await adaCanvas.click('Revenue from DACH');
  await expect(followStatus).toContainText('Following paused while you type — Ada Host moved to “Revenue from DACH”.');
  await expect(form.getByLabel('Note')).toBeFocused();
  await ben.page.keyboard.type('Part two.');
  await expect(form.getByLabel('Note')).toHaveValue('Follower check-in note part one. Part two.');
  await form.getByRole('button', { name: 'Add check-in' }).click();
  // Added on the initiative, then the follow catches up with Ada.
  await benCanvas.expectSelected('Revenue from DACH');
  await ben.shell.expectSyncStatus('Synced');
  await adaCanvas.click('Open a Munich office');
  await benCanvas.expectSelected('Open a Munich office');
  await expect(benDetails.getByText('Follower check-in note part one. Part two.')).toBeVisible();
  await expect(benDetails.getByRole('form', { name: 'New check-in' }).getByLabel('Note')).toHaveValue('');
  await closeContexts(ada.context, ben.context);
});

test('F3: presenting the plan as of a review point: the room sees the moment, and the follower sees the same moment', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, benCanvas, benDetails, followStatus } = await presenting(browser, 'follow-as-of', async (ada, ben) => {
    const review = new ReviewPage(ada.page);
    await review.open();
    await review.createReviewPoint('W03 weekly');
    await ada.shell.expectSyncStatus('Synced');
    // After the point, Ben deletes the task; then Ada shows the plan as of W03 and selects it there.
    await ben.outline.select('task', 'Sign the office lease');
    await ben.outline.focus();
    await ben.outline.press('Delete');
    await ben.shell.expectSyncStatus('Synced');
    await review.point('W03 weekly').getByRole('button', { name: 'Show plan as of this' }).click();
    await ada.shell.goTo('Outline');
    await ada.outline.select('task', 'Sign the office lease');
  });
  // The projected screen names the moment, in view and on top.
  const adaBanner = ada.page.getByRole('region', { name: 'Plan as it was' });
  await expect(adaBanner).toContainText('The plan as of “W03 weekly”');
  await expect(adaBanner).toBeInViewport({ ratio: 1 });
  const hit = await adaBanner.evaluate((banner) => {
    const box = banner.getBoundingClientRect();
    return banner.contains(document.elementFromPoint(box.left + 20, box.top + box.height / 2));
  });
  expect(hit, 'the banner is on top of the presentation').toBe(true);
  await expectAccessible(ada.page, 'presenting the plan as of a review point');
  await ada.page.screenshot({ path: 'test-results/follow-as-of-presenter.png' });

  // Ben sees the same moment: its banner, the deleted task in his details, read-only, and the line says whom he follows.
  const benBanner = new ReviewPage(ben.page).asOfBanner;
  await expect(benBanner).toContainText('The plan as of “W03 weekly”');
  await benCanvas.expectSelected('Sign the office lease');
  await expect(benDetails.getByRole('textbox', { name: 'Title', exact: true })).not.toBeEditable();
  await expect(followStatus).toContainText('Following Ada Host, who shows the plan as of “W03 weekly”.');
  await expectAccessible(ben.page, 'following a presenter showing the plan as of a review point');
  await ben.page.screenshot({ path: 'test-results/follow-as-of-follower.png' });

  // Ben goes back to now on his own: he is told what Ada shows, with the way back to it.
  await benBanner.getByRole('button', { name: 'Back to now' }).click();
  await expect(followStatus).toContainText('Ada Host is showing the plan as of “W03 weekly”; you are looking at another moment.');
  await followStatus.getByRole('button', { name: 'Show it as of “W03 weekly”' }).click();
  await expect(benBanner).toContainText('The plan as of “W03 weekly”');
  await benCanvas.expectSelected('Sign the office lease');

  // Ada goes back to now from the presentation: Ben comes with her.
  await adaBanner.getByRole('button', { name: 'Back to now' }).click();
  await expect(adaBanner).toBeHidden();
  await expect(benBanner).toBeHidden();
  await expect(followStatus).toContainText('Following Ada Host.');
  await closeContexts(ada.context, ben.context);
});

test('F10: a follower\'s arrows say why they do not move, and Escape stops following', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, adaCanvas, benCanvas, followStatus } = await presenting(browser, 'follow-keys');
  await adaCanvas.click('Open a Munich office');
  await benCanvas.expectSelected('Open a Munich office');
  await expect(followStatus).toContainText('Following Ada Host. Press Escape on the canvas, or Stop following, to look around on your own.');

  await benCanvas.press('ArrowDown');
  await expect(ben.page.getByTestId('canvas-notices')).toHaveText('Following Ada Host: they choose the card. Press Escape to stop following and move on your own.');
  await benCanvas.expectSelected('Open a Munich office');
  await expectAccessible(ben.page, 'a follower pressing an arrow');
  await ben.page.screenshot({ path: 'test-results/follow-arrows.png' });
  await benCanvas.press('Escape');
  await expect(ben.page.getByTestId('canvas-notices')).toHaveText('Stopped following Ada Host. The arrows move your own selection now.');
  await expect(ben.page.getByRole('button', { name: 'Follow Ada Host (presenting)' })).toBeVisible();
  await expect(followStatus).toHaveCount(0);
  await benCanvas.press('ArrowUp');
  await benCanvas.expectSelected('Revenue from DACH');

  await closeContexts(ada.context, ben.context);
});

// canvas43 F7: the arrows were refused while following, but F3 (heard anywhere in the window while a find is active)
// moved the follower's own selection to the next match, until the presenter's next move took it back.
test('canvas43 F7: a follower\'s F3 and the find\'s Enter say the presenter chooses the card, as the arrows do', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, adaCanvas, benCanvas } = await presenting(browser, 'follow-find');
  await adaCanvas.click('Open a Munich office');
  await benCanvas.expectSelected('Open a Munich office');
  const notices = ben.page.getByTestId('canvas-notices');
  const findBox = ben.page.getByRole('searchbox', { name: 'Find by title' });
  await findBox.fill('office lease');
  await expect(ben.page.getByTestId('canvas-find-status')).toHaveText(/^1 match/);

  // F3 on the canvas: refused in the arrows' words, the selection stays the presenter's.
  await benCanvas.press('F3');
  await expect(notices).toHaveText('Following Ada Host: they choose the card. Press Escape to stop following and move on your own.');
  await benCanvas.expectSelected('Open a Munich office');
  // From a toolbar button (the window's F3) and Enter in Find: the same, and where Escape is to be pressed.
  await ben.page.getByRole('button', { name: 'Fit', exact: true }).focus();
  await ben.page.keyboard.press('F3');
  await expect(notices).toHaveText('Following Ada Host: they choose the card. Press Escape on the canvas to stop following and move on your own.');
  await findBox.press('Enter');
  await benCanvas.expectSelected('Open a Munich office');
  await expectAccessible(ben.page, 'a follower pressing F3');

  // Stopped following: F3 goes to the matches on his own.
  await benCanvas.press('Escape');
  await benCanvas.press('F3');
  await expect(notices).toHaveText(/^Match 1 of 1: Sign the office lease\./);
  await benCanvas.expectSelected('Sign the office lease');
  await closeContexts(ada.context, ben.context);
});

test('F10: keyboard zoom keeps the selected card on screen', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, adaCanvas } = await presenting(browser, 'zoom-keys');
  // Zoom with the keys: the selected card, near the edge of the screen, stays whole on screen.
  await ada.page.getByRole('button', { name: 'Exit presentation' }).click();
  await adaCanvas.click('Open a Munich office').expectSelected('Open a Munich office');
  const box = (await adaCanvas.element.boundingBox())!;
  const card = await adaCanvas.cardRect('Open a Munich office');
  const from = await adaCanvas.emptyPoint();
  await adaCanvas.pan(from, box.x + box.width * 0.9 - (card.x + card.width / 2), 0);
  const before = await adaCanvas.cardRect('Open a Munich office');
  expect(before.x + before.width / 2).toBeGreaterThan(box.x + box.width * 0.75);
  await adaCanvas.press('+', '+', '+', '+', '+');
  await expect.poll(async () => (await adaCanvas.view()).k).toBeGreaterThan(2);
  const after = await adaCanvas.cardRect('Open a Munich office');
  expect(after.width).toBeGreaterThan(before.width * 2);
  // Whole on screen, or, where it is now larger than the screen, as much of it as the screen holds.
  const seen = (from: number, size: number, screenFrom: number, screenSize: number) => Math.min(from + size, screenFrom + screenSize) - Math.max(from, screenFrom);
  expect(seen(after.x, after.width, box.x, box.width)).toBeGreaterThanOrEqual(Math.min(after.width, box.width) - 1);
  expect(seen(after.y, after.height, box.y, box.height)).toBeGreaterThanOrEqual(Math.min(after.height, box.height) - 1);
  await adaCanvas.expectSelected('Open a Munich office');
  await ada.page.screenshot({ path: 'test-results/zoom-keeps-selection.png' });
  await closeContexts(ada.context, ben.context);
});
