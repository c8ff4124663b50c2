// Exporting a plan file says what the file does not hold (files20, twenty-sixth session): the review
// points, named, and the plan's history. A plan opened from it has none of them; before, they were left
// out without a word and a team found "since the Q1 offsite" gone in the plan it opened elsewhere.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { ReviewPage } from './pages/review-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('exporting a plan file names the review points and the history it does not hold', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Offsite plan');
  const review = new ReviewPage(page);
  await review.open();
  await review.createReviewPoint('Q1 offsite');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export plan file (.throughline)' }).click();
  expect((await download).suggestedFilename()).toBe('Offsite-plan.throughline');
  const notice = shell.notice('Saved to');
  await expect(notice).toContainText('The file holds the plan as it is now, not the review point “Q1 offsite” and the plan\'s history (the past by date): a plan opened from it has none of them. This plan keeps them.');
  // A passing notice (8 s): the picture first, then the audit while it is still shown.
  await page.screenshot({ path: 'test-results/files20-plan-file-left-out.png' });
  await expectAccessible(page, 'the notice after exporting a plan file with a review point');
});
