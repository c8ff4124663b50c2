import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { ReviewPage } from './pages/review-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { typeCascade } from './support/outline-steps.js';
import { seriousViolations } from './support/axe.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
});

test('the plan as of a review point, in the outline, the detail panel, the pulse and the canvas, and one click back to now', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  const review = new ReviewPage(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Offsite plan');
  await typeCascade(outline);

  // The review point, then changes after it: the initiative renamed, its task blocked.
  await review.open();
  await review.createReviewPoint('Q1 offsite');
  await shell.goTo('Outline');
  await outline.select('initiative', 'Open a Munich office');
  await detail.setField('Title', 'Open a Berlin office');
  await expect(outline.row('initiative', 'Open a Berlin office')).toBeVisible();
  await outline.select('task', 'Sign the office lease');
  await detail.selectField('Status', 'Blocked');
  const canvas = new CanvasDriver(page);
  const initiative = await canvas.nodeId('Open a Berlin office');
  await shell.goTo('Execution pulse');
  const blockedEvidence = page.getByRole('region', { name: /^Evidence:/ });
  await expect(blockedEvidence.getByRole('button', { name: 'Sign the office lease' })).toBeVisible();

  // As of the review point: the banner on every view, the old title, nothing blocked yet.
  await review.open();
  await review.point('Q1 offsite').getByRole('button', { name: 'Show plan as of this' }).click();
  await expect(review.asOfBanner).toContainText('The plan as of “Q1 offsite”');

  await shell.goTo('Outline');
  await expect(review.asOfBanner).toBeVisible();
  await expect(outline.row('initiative', 'Open a Munich office')).toBeVisible();
  await expect(outline.row('initiative', 'Open a Berlin office')).toHaveCount(0);
  await outline.select('initiative', 'Open a Munich office');
  await expect(detail.field('Title')).toHaveValue('Open a Munich office');
  await expect(detail.field('Title')).not.toBeEditable();
  expect(await seriousViolations(page)).toEqual([]);

  await shell.goTo('Execution pulse');
  await expect(review.asOfBanner).toBeVisible();
  await expect(blockedEvidence).toBeVisible();
  await expect(blockedEvidence.getByRole('button', { name: 'Sign the office lease' })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  await expect(review.asOfBanner).toBeVisible();
  await expect.poll(async () => (await canvas.cardById(initiative))?.title).toBe('Open a Munich office');
  expect((await canvas.cardById(initiative))!.health).toBe('on track');
  // The past is read-only on the canvas too: selecting works, adding does not.
  await canvas.click(await canvas.cardRectById(initiative).then((rect) => ({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 })));
  await canvas.expectSelected('Open a Munich office');
  await expect(page.getByRole('button', { name: 'Add child' })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'docs/screenshots/review-as-of-canvas.png' });

  // One click back to now: the canvas shows the renamed, blocked initiative again.
  await review.backToNow();
  await expect.poll(async () => (await canvas.cardById(initiative))?.title).toBe('Open a Berlin office');
  expect((await canvas.cardById(initiative))!.health).not.toBe('on track');
  await expect(detail.field('Title')).toBeEditable();
});
