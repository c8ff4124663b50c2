// review39b F4: Cara blocks a task and deletes its initiative; Ada names the review point "Offsite start";
// Cara then restores the initiative from Deleted items. The review read "added … by Ada Host" for the
// initiative and its task (Ada made them long before) and gave the blocked task no Blocker row. Now the
// diff on Ada's screen says "restored (initiative) … by Cara Cruz" and lists the task's blocker, by Cara Cruz, and
// (review40b F5) not Cara's check-in from before the point as a check-in since.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { ReviewPage } from './pages/review-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a restored item reads "restored by" whoever restored it, and its blocked task is listed as a blocker', async ({ browser }) => {
  test.setTimeout(180_000);
  const workspace = 'review-restored';
  const ada = await newUser(browser, 'ada');
  const cara = await newUser(browser, 'cara');
  const link = await hostSharedPlan(ada, server.url, mintToken(server.dataDir, workspace, 'editor'), workspace, 'Offsite 2027');
  await joinSharedPlan(cara, link, 'Cara Cruz');

  // Cara raises a blocker on the task, then deletes its initiative.
  await cara.outline.select('task', 'Sign the office lease');
  await new DetailPanel(cara.page).addCheckIn({ blocker: true, note: 'Waiting for budget approval' });
  await cara.outline.select('initiative', 'Open a Munich office');
  await cara.outline.focus();
  await cara.page.keyboard.press('Delete');
  await expect(ada.outline.row('initiative', 'Open a Munich office')).toHaveCount(0);

  // Ada names the moment.
  const review = new ReviewPage(ada.page);
  await review.open();
  await review.createReviewPoint('Offsite start');

  // Cara restores the initiative.
  await cara.page.getByRole('button', { name: 'Deleted items' }).click();
  await cara.page.getByRole('list', { name: 'Deleted items' }).getByRole('listitem').filter({ hasText: 'Open a Munich office' })
    .getByRole('button', { name: 'Restore', exact: true }).click();
  await cara.page.keyboard.press('Escape');
  await cara.shell.expectSyncStatus('Synced');

  await expect(review.change('Open a Munich office', 'restored (initiative)', 'added')).toContainText('by Cara Cruz');
  await expect(review.change('Sign the office lease', 'restored (task)', 'added')).toContainText('by Cara Cruz');
  await expect(review.change('Sign the office lease', 'blocked: Waiting for budget approval', 'blocker')).toContainText('by Cara Cruz');
  await expect(ada.page.locator('.review-change').filter({ hasText: 'by Ada Host' })).toHaveCount(0);
  // review40b F5: Cara's check-in was made before the review point; it is the task's, not a check-in since.
  await expect(review.change('Sign the office lease', /check-in/u, 'check-ins')).toHaveCount(0);
  await expect(review.change('Open a Munich office', 'restored (initiative)', 'added').locator('.change-kind')).toHaveText('Restored');
  // review39b F11: a title is clamped in the row; the whole of it is the button's tooltip.
  await expect(review.change('Open a Munich office', 'restored (initiative)', 'added').getByRole('button', { name: 'Open a Munich office' })).toHaveAttribute('title', 'Open a Munich office');
  await expectAccessible(ada.page, 'the review diff of a restored item');
  await ada.page.screenshot({ path: 'test-results/review-restored.png' });
  await closeContexts(ada.context, cara.context);
});
