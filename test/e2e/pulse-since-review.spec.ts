// The pulse's "Are priorities shifting?" beside the review a leadership team walks: a team names a
// review point at an offsite, someone changes a target offline that evening, and next morning the pulse
// must count what the review lists. Before, with no point made "baseline", the pulse compared against
// nothing and said "no change to targets, weights, priorities or owners since the review point" while
// the review view listed the changed target since that very point (usercheck9).
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

test('a target changed offline after the review point: the pulse counts it against that point, as the review lists it', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'pulse-review', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'pulse-review', 'Offsite plan');

  // No review point yet: the card says there is nothing to compare against, not "no change".
  await ada.shell.goTo('Execution pulse');
  const adaPulse = new PulsePage(ada.page);
  await expect(adaPulse.card('Are priorities shifting?')).toContainText('no review point to compare against yet');

  const adaReview = new ReviewPage(ada.page);
  await adaReview.open();
  await adaReview.createReviewPoint('Q1 offsite');
  await ada.shell.expectSyncStatus('Synced');
  await ben.shell.expectSyncStatus('Synced');

  // Ben, offline that evening, raises the key result's target; then reconnects.
  await ben.context.setOffline(true);
  await ben.outline.select('key result', 'Revenue from DACH');
  await new DetailPanel(ben.page).setField('Target value', '500');
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');

  // The review lists the change since the point, by Ben.
  await expect(adaReview.change('Revenue from DACH', 'target — → 500')).toContainText('by Ben Guest');

  // The pulse counts the same change, against the same point, and says which.
  await ada.shell.goTo('Execution pulse');
  await expect(ada.page.getByLabel('Priorities shifting since')).toHaveValue('');
  await expect(ada.page.getByLabel('Priorities shifting since').locator('option:checked')).toHaveText('the last review point (Q1 offsite)');
  const card = adaPulse.card('Are priorities shifting?');
  await expect(card).toHaveText(/shifting\?\s*1\s*item changed/);
  await expect(card).toContainText('item changed since “Q1 offsite”');
  const shifts = await adaPulse.open('Are priorities shifting?');
  await expect(adaPulse.entry('Are priorities shifting?', 'Revenue from DACH')).toContainText('target');
  await expect(shifts.getByRole('listitem')).toHaveCount(1);
  await expectAccessible(ada.page, 'the pulse counting a shift since the last review point');
  await ada.page.screenshot({ path: 'docs/screenshots/pulse-since-review.png' });

  // Ben's device says the same.
  await ben.shell.goTo('Execution pulse');
  await expect(new PulsePage(ben.page).card('Are priorities shifting?')).toContainText('item changed since “Q1 offsite”');
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
