// The plan "as of" a review point while another person keeps editing it, as in a review meeting
// where one person walks the past and another fixes the present: the past stays as it was, the
// present arrives when the reader goes back to now, and a review point deleted under the reader
// ends the look back with a word instead of a broken view.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { ReviewPage } from './pages/review-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { addLineAfter } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('as of a review point while another person edits and then deletes the point: the past holds, now follows, nothing breaks', async ({ browser }) => {
  test.setTimeout(240_000);
  const token = mintToken(server.dataDir, 'review-two', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'review-two', 'Review plan');

  const adaReview = new ReviewPage(ada.page);
  await adaReview.open();
  await adaReview.createReviewPoint('Q1 offsite');
  await ada.shell.expectSyncStatus('Synced');
  await adaReview.point('Q1 offsite').getByRole('button', { name: 'Show plan as of this' }).click();
  await ada.shell.goTo('Outline');
  await expect(adaReview.asOfBanner).toContainText('The plan as of “Q1 offsite”');
  await ada.outline.select('initiative', 'Open a Munich office');
  const adaDetail = new DetailPanel(ada.page);
  await expect(adaDetail.field('Title')).toHaveValue('Open a Munich office');

  // Ben, in the present: renames the initiative Ada has selected, deletes its task, adds a key result.
  const benDetail = new DetailPanel(ben.page);
  await ben.outline.select('initiative', 'Open a Munich office');
  await benDetail.setField('Title', 'Open a Berlin office');
  await ben.outline.select('task', 'Sign the office lease');
  await ben.outline.focus();
  await ben.outline.press('Delete');
  await addLineAfter(ben.outline, 'key result', 'Revenue from DACH', 'Churn under 5%');
  await ben.shell.expectSyncStatus('Synced');

  // Ada still sees the past, selection and all.
  await ada.shell.expectSyncStatus('Synced');
  await expect(ada.outline.row('initiative', 'Open a Munich office')).toBeVisible();
  await expect(ada.outline.row('task', 'Sign the office lease')).toBeVisible();
  await expect(ada.outline.row('key result', 'Churn under 5%')).toHaveCount(0);
  await expect(adaDetail.field('Title')).toHaveValue('Open a Munich office');
  await expect(adaDetail.field('Title')).not.toBeEditable();
  await expectAccessible(ada.page, 'the plan as of a review point while another person edits');

  // Ben deletes the review point Ada is looking at: her look back ends, she is told, and she sees now.
  const benReview = new ReviewPage(ben.page);
  await benReview.open();
  await benReview.point('Q1 offsite').getByRole('button', { name: 'Delete Q1 offsite' }).click();
  await benReview.point('Q1 offsite').getByRole('button', { name: 'Confirm delete' }).click();
  await ben.shell.expectSyncStatus('Synced');
  await expect(adaReview.asOfBanner).toBeHidden();
  await expect(ada.page.getByText('The review point “Q1 offsite” was deleted by someone else; you are back to now.')).toBeVisible();
  await expect(ada.outline.row('initiative', 'Open a Berlin office')).toBeVisible();
  await expect(ada.outline.row('key result', 'Churn under 5%')).toBeVisible();
  await expect(ada.outline.row('task', 'Sign the office lease')).toHaveCount(0);
  await expect(adaDetail.field('Title')).toBeEditable();
  await ada.page.screenshot({ path: 'docs/screenshots/review-as-of-point-deleted.png' });
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});

test('as of a review point that another person renames: the banner names it as it is called now, and the look back goes on', async ({ browser }) => {
  test.setTimeout(240_000);
  const token = mintToken(server.dataDir, 'review-rename', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'review-rename', 'Review plan');

  const adaReview = new ReviewPage(ada.page);
  await adaReview.open();
  await adaReview.createReviewPoint('Q1 offsite');
  await ada.shell.expectSyncStatus('Synced');
  await adaReview.point('Q1 offsite').getByRole('button', { name: 'Show plan as of this' }).click();
  await expect(adaReview.asOfBanner).toContainText('The plan as of “Q1 offsite”');

  // Ben renames the point in the present while Ada is looking back at it.
  const benReview = new ReviewPage(ben.page);
  await benReview.open();
  await benReview.point('Q1 offsite').getByRole('button', { name: 'Rename Q1 offsite' }).click();
  await ben.page.getByRole('textbox', { name: 'New name for Q1 offsite' }).fill('Q1 offsite in Lisbon');
  await ben.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(benReview.point('Q1 offsite in Lisbon')).toBeVisible();
  await ben.shell.expectSyncStatus('Synced');

  // Ada's banner and the review view's line follow the new name at once; she is still in the past.
  await expect(adaReview.asOfBanner).toContainText('The plan as of “Q1 offsite in Lisbon”');
  await expect(ada.page.getByText('the views show the plan as of “Q1 offsite in Lisbon”')).toBeVisible();
  await expect(adaReview.point('Q1 offsite in Lisbon')).toBeVisible();
  await ada.shell.goTo('Outline');
  await expect(adaReview.asOfBanner).toContainText('The plan as of “Q1 offsite in Lisbon”');
  await expect(ada.outline.row('task', 'Sign the office lease')).toBeVisible();
  await expectAccessible(ada.page, 'the plan as of a review point renamed by another person');
  await ada.page.screenshot({ path: 'docs/screenshots/review-as-of-point-renamed.png' });
  await adaReview.backToNow();
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
