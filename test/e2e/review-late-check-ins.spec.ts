// leftovers45b (task 4): a check-in made offline before someone else took a review point, merged later. Ada and
// Ben share a plan and a sync server; Ada names "Week 48". Ben goes offline and checks in on the lease; Ada,
// online, names "Week 49" without it; Ben comes back; Ada names "Week 50". Compared from what both had seen
// (fix41a): Week 48 → Week 49 does not list Ben's check-in (Week 49 never had it); Week 49 → Week 50 and
// Week 49 → now do, on both devices and in the Markdown, and the row says it was made before the start and
// merged since (it read as a check-in of the period with a date before it, nothing saying why).
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
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

const LATE = '1 check-in recorded (made before the start, on a device not yet synced then, merged since)';

async function compare(page: Page, since: string, until: string): Promise<void> {
  await page.getByLabel('Since', { exact: true }).selectOption({ label: since });
  await page.getByLabel('until', { exact: true }).selectOption({ label: until });
}

test('a check-in made offline before a point someone else took counts in the period it arrived in, said so', async ({ browser }) => {
  test.setTimeout(240_000);
  const token = mintToken(server.dataDir, 'late-check-ins', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'late-check-ins', 'Offsite plan');
  const adaReview = new ReviewPage(ada.page);
  const benReview = new ReviewPage(ben.page);

  await adaReview.open();
  await adaReview.createReviewPoint('Week 48');
  await ada.shell.expectSyncStatus('Synced');
  // Ben opens the review view online: its chunk is loaded before he goes offline (review-points-apart).
  await benReview.open();
  await expect(benReview.point('Week 48')).toBeVisible();

  await ben.context.setOffline(true);
  await ben.shell.goTo('Outline');
  await ben.outline.select('task', 'Sign the office lease');
  await new DetailPanel(ben.page).addCheckIn({ note: 'Signed on the train' });
  await expect(new DetailPanel(ben.page).history).toHaveCount(1);

  await adaReview.createReviewPoint('Week 49');
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');
  await adaReview.createReviewPoint('Week 50');
  await ada.shell.expectSyncStatus('Synced');

  // Week 48 → Week 49: Week 49 never had Ben's check-in.
  await compare(ada.page, 'Week 48', 'Week 49');
  await expect(ada.page.locator('.review-change[data-change-kind="check-ins"]')).toHaveCount(0);
  // Week 49 → Week 50, and Week 49 → now: it arrived in between; the row says it was made before.
  await compare(ada.page, 'Week 49', 'Week 50');
  const late = adaReview.change('Sign the office lease', LATE, 'check-ins');
  await expect(late.locator('.change-by')).toHaveText('by Ben Guest');
  await expectAccessible(ada.page, 'a late-merged check-in in the review');
  await ada.page.screenshot({ path: 'test-results/review-late-check-ins.png' });
  const download = ada.page.waitForEvent('download');
  await ada.page.getByRole('button', { name: 'Export Markdown', exact: true }).click();
  const markdown = await readFile(await (await download).path(), 'utf8');
  expect(markdown).toContain(`: ${LATE} — \u2068Ben Guest\u2069`);
  await compare(ada.page, 'Week 49', 'now');
  await expect(adaReview.change('Sign the office lease', LATE, 'check-ins')).toBeVisible();

  // Ben's device reads the same.
  await benReview.open();
  await compare(ben.page, 'Week 48', 'Week 49');
  await expect(ben.page.locator('.review-change[data-change-kind="check-ins"]')).toHaveCount(0);
  await compare(ben.page, 'Week 49', 'Week 50');
  await expect(benReview.change('Sign the office lease', LATE, 'check-ins')).toBeVisible();

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
