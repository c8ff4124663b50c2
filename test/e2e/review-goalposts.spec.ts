// review36a F1: Ada takes the review point; Ben, in his browser, moves the goalposts: the key result's
// start (0 → 30) and the initiative's manual progress (90 %), with no check-in and no status change.
// Ada's Review tab listed the figures that moved, each "from check-ins and status", naming no one, and
// the pulse's "Are priorities shifting?" did not see them. Now each goalpost is a row naming Ben, and
// each figure that moved says which of Ben's edits explains it.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { PulsePage } from './pages/pulse-page.js';
import { ReviewPage } from './pages/review-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('the review names the goalposts Ben moved after the review point, and puts the figures down to them, not to check-ins', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'review-goalposts', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'review-goalposts', 'Offsite plan');
  const adaDetail = new DetailPanel(ada.page);
  const benDetail = new DetailPanel(ben.page);

  // Before the offsite: revenue from 0 to 100, at 40.
  await ada.outline.select('key result', 'Revenue from DACH');
  await adaDetail.setField('Start value', '0');
  await adaDetail.setField('Target value', '100');
  await adaDetail.addCheckIn({ value: '40' });
  await adaDetail.expectProgress('40%');
  const adaReview = new ReviewPage(ada.page);
  await adaReview.open();
  await adaReview.createReviewPoint('March review');
  await ada.shell.expectSyncStatus('Synced');
  await ben.shell.expectSyncStatus('Synced');

  // After it, Ben moves the goalposts in his browser: no check-in, no status.
  await ben.outline.select('key result', 'Revenue from DACH');
  await benDetail.setField('Start value', '30');
  await ben.outline.select('initiative', 'Open a Munich office');
  await benDetail.setField('Manual progress (%)', '90');
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');

  // Ada's review names each goalpost and Ben…
  await expect(adaReview.change('Revenue from DACH', 'start 0 → 30', 'field')).toContainText('by Ben Guest');
  await expect(adaReview.change('Open a Munich office', 'manual progress set to 90 %', 'field')).toContainText('by Ben Guest');
  // …and the figures that moved say which edit moved them, not "from check-ins and status".
  const revenue = adaReview.change('Revenue from DACH', 'progress 40% → 14%', 'progress');
  await expect(revenue).toContainText('after start 0 → 30 by Ben Guest');
  const office = adaReview.change('Open a Munich office', 'progress 0% → 90%', 'progress');
  await expect(office).toContainText('after manual progress set to 90 % by Ben Guest');
  await expect(ada.page.locator('.review-change').filter({ hasText: 'from check-ins and status' })).toHaveCount(0);
  await revenue.scrollIntoViewIfNeeded();
  await expectAccessible(ada.page, 'the review naming the goalposts moved and who moved them');
  await ada.page.screenshot({ path: 'docs/screenshots/review-goalposts.png' });

  // The pulse's priority shifts see the same two changes against the same point.
  await ada.shell.goTo('Execution pulse');
  const pulse = new PulsePage(ada.page);
  await pulse.open('Are priorities shifting?');
  await expect(pulse.entry('Are priorities shifting?', 'Revenue from DACH')).toContainText('start');
  await expect(pulse.entry('Are priorities shifting?', 'Open a Munich office')).toContainText('manual progress');

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
