// usercheck18: the review named the wrong person for a rename. Ada renamed "Open a Munich office" to
// "Open a Paris office" after the review point; Ben, who had seen her rename, renamed it on the train
// (offline) to "Open a Berlin office". The plan showed Ben's title, and the review said "renamed from
// “Open a Munich office” by Ada Host": the author was taken from the typed characters with the highest
// clock, Ada's replaced ones included, and two devices' clocks say nothing about who came last.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { ReviewPage } from './pages/review-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('the review names who made the title shown when two people renamed an item, one of them offline', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'review-rename-author', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'review-rename-author', 'Offsite plan');
  const adaDetail = new DetailPanel(ada.page);
  const benDetail = new DetailPanel(ben.page);

  // Ada has been busy in the plan before the offsite (her device has written a lot).
  await ada.outline.select('task', 'Sign the office lease');
  for (const title of ['Sign the lease', 'Sign the office lease (draft)', 'Sign the office lease']) await adaDetail.setField('Title', title);
  const adaReview = new ReviewPage(ada.page);
  await adaReview.open();
  await adaReview.createReviewPoint('Q1 offsite');
  await ada.shell.goTo('Outline');

  // After it: Ada renames the initiative; Ben sees it, then renames it again offline.
  await ada.outline.select('initiative', 'Open a Munich office');
  await adaDetail.setField('Title', 'Open a Paris office');
  await ada.shell.expectSyncStatus('Synced');
  await expect(ben.outline.row('initiative', 'Open a Paris office')).toBeVisible();
  await ben.context.setOffline(true);
  await ben.outline.select('initiative', 'Open a Paris office');
  await benDetail.setField('Title', 'Open a Berlin office');
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await expect(ada.outline.row('initiative', 'Open a Berlin office')).toBeVisible();

  await adaReview.open();
  const rename = adaReview.change('Open a Berlin office', 'renamed from “Open a Munich office”', 'retitled');
  await expect(rename).toContainText('by Ben Guest');
  await expect(rename).not.toContainText('Ada Host');
  await expectAccessible(ada.page, 'the review naming who made the title shown');
  await ada.page.screenshot({ path: 'docs/screenshots/review-rename-author.png' });
  // Ben's review says the same.
  const benReview = new ReviewPage(ben.page);
  await benReview.open();
  await expect(benReview.change('Open a Berlin office', 'renamed from “Open a Munich office”', 'retitled')).toContainText('by Ben Guest');

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
