// review40b F4 and F8. Ada and Ben name "Offsite start" together. Ben is offline for a day: he raises the
// key result's target, checks in on the lease, and names the moment "Weekly review"; Ada, online, checks in on
// the lease too and names her own "Weekly review". Then Ben reconnects.
// Before: the pickers (and the timeline) showed two identical "Weekly review"s; from Ben's to Ada's the review said Ben's target
// was undone ("target 500 → —"): Ada's point had simply never received it; and since "Offsite start" the
// lease's two check-ins read "by Ada Host" alone. Now each "Weekly review" says when and by whom, nothing Ada's
// point never saw reads as undone (a note says why it is left out), and the check-ins name both authors, in
// the view and in the exported Markdown. The as-of banner, looking back at either, names it as the pickers do.
//
// Offline, a view not shown before cannot load its chunk (the service worker is blocked in these tests):
// Ben opens the review view while online, before his day offline (the lost attempt waited for ever for
// "Name this moment" on his page).
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

/** Picks, in the review's picker `label`, the review point whose option says `words` (its taker's name). */
async function pick(page: Page, label: 'Since' | 'until', words: string): Promise<void> {
  const picker = page.getByLabel(label, { exact: true });
  const value = await picker.locator('option').filter({ hasText: words }).getAttribute('value');
  await picker.selectOption(value!);
}

/** The review section as the "Export Markdown" button downloads it. */
async function exportedMarkdown(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  return readFile(await (await download).path(), 'utf8');
}

test('review points named apart: told apart, nothing the later never saw as undone, every check-in author named', async ({ browser }) => {
  test.setTimeout(240_000);
  const token = mintToken(server.dataDir, 'review-apart', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'review-apart', 'Offsite plan');
  const adaReview = new ReviewPage(ada.page);
  const benReview = new ReviewPage(ben.page);

  await adaReview.open();
  await adaReview.createReviewPoint('Offsite start');
  await ada.shell.expectSyncStatus('Synced');
  // Ben opens the review view online: its chunk is loaded before his day offline.
  await benReview.open();
  await expect(benReview.point('Offsite start')).toBeVisible();

  // Ben, offline: a higher target, a check-in on the lease, and his "Weekly review".
  await ben.context.setOffline(true);
  await ben.shell.goTo('Outline');
  await ben.outline.select('key result', 'Revenue from DACH');
  await new DetailPanel(ben.page).setField('Target value', '500');
  await ben.outline.select('task', 'Sign the office lease');
  await new DetailPanel(ben.page).addCheckIn({ note: 'Draft lease sent to the landlord' });
  await benReview.open();
  await benReview.createReviewPoint('Weekly review');

  // Ada, online: a check-in on the lease, and her "Weekly review" (without Ben's changes).
  await ada.shell.goTo('Outline');
  await ada.outline.select('task', 'Sign the office lease');
  await new DetailPanel(ada.page).addCheckIn({ note: 'Legal approved the clauses' });
  await adaReview.open();
  await adaReview.createReviewPoint('Weekly review');

  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');

  // Since "Offsite start" until now: the lease's two check-ins name both authors, first comer first (F4).
  await pick(ada.page, 'Since', 'Offsite start');
  const checkIns = adaReview.change('Sign the office lease', '2 check-ins recorded', 'check-ins');
  await expect(checkIns.locator('.change-by')).toHaveText('by Ben Guest and Ada Host');
  await ada.page.screenshot({ path: 'test-results/review-check-in-authors.png' });
  const sinceStart = await exportedMarkdown(ada.page);
  expect(sinceStart).toContain('2 check-ins recorded — \u2068Ben Guest\u2069 and \u2068Ada Host\u2069');

  // The two "Weekly review"s are told apart in the pickers, in the list and in the report (F8).
  const since = ada.page.getByLabel('Since', { exact: true }).locator('option').filter({ hasText: 'Weekly review' });
  await expect(since).toHaveCount(2);
  const [first, second] = await since.allTextContents();
  expect(first).not.toBe(second);
  await expect(since.filter({ hasText: 'by \u2068Ben Guest\u2069' })).toHaveCount(1);
  await expect(since.filter({ hasText: 'by \u2068Ada Host\u2069' })).toHaveCount(1);
  await expect(ada.page.getByRole('listitem', { name: /Weekly review.*by.*Ben Guest/u })).toBeVisible();
  await expect(ada.page.getByRole('group', { name: 'Timeline' }).getByRole('button', { name: /^Earlier: .*Weekly review.* by .*Ada Host/u })).toBeVisible();

  // From Ben's "Weekly review" to Ada's: Ada's check-in; Ben's target, which Ada's point never had, is not undone.
  await pick(ada.page, 'Since', 'Ben Guest');
  await pick(ada.page, 'until', 'Ada Host');
  await expect(adaReview.change('Sign the office lease', '1 check-in recorded', 'check-ins').locator('.change-by')).toHaveText('by Ada Host');
  await expect(ada.page.locator('.review-change')).toHaveCount(1);
  await expect(adaReview.change('Revenue from DACH', /target/u)).toHaveCount(0);
  await expect(ada.page.getByText(/held changes the later one had not received yet/u)).toBeVisible();
  await expectAccessible(ada.page, 'the review between two points named alike, taken apart');
  await ada.page.screenshot({ path: 'test-results/review-points-apart.png' });
  const between = await exportedMarkdown(ada.page);
  expect(between).toMatch(/^## Changes since “\u2068Weekly review\u2069” \(taken .* by \u2068Ben Guest\u2069\) until “\u2068Weekly review\u2069” \(taken .* by \u2068Ada Host\u2069\)$/mu);
  expect(between).toContain('not listed as undone');
  expect(between).not.toContain('target');

  // Looking back at each "Weekly review": the as-of banner tells them apart as the pickers do (it named
  // both "Weekly review" alone). Ada's is the latest moment, Ben's the one before it.
  // The review view's own stepper (the banner shows one too once the plan is shown as it was).
  const timeline = ada.page.getByRole('main').getByRole('group', { name: 'Timeline' });
  await timeline.getByRole('button', { name: /^Earlier: / }).click();
  await expect(adaReview.asOfBanner).toContainText(/The plan as of “Weekly review — .+ by Ada Host”\. Read-only/u);
  await timeline.getByRole('button', { name: /^Earlier: / }).click();
  await expect(adaReview.asOfBanner).toContainText(/The plan as of “Weekly review — .+ by Ben Guest”\. Read-only/u);
  await expectAccessible(ada.page, 'the as-of banner naming one of two points named alike');
  await adaReview.asOfBanner.screenshot({ path: 'test-results/review-as-of-alike.png' });
  await adaReview.backToNow();

  // Ben's device says the same.
  await pick(ben.page, 'Since', 'Ben Guest');
  await pick(ben.page, 'until', 'Ada Host');
  await expect(ben.page.locator('.review-change')).toHaveCount(1);
  await expect(new ReviewPage(ben.page).change('Sign the office lease', '1 check-in recorded', 'check-ins')).toContainText('by Ada Host');
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
