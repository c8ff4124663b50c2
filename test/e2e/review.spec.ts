import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { ReviewPage } from './pages/review-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { rowName } from './pages/outline-page.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

async function expectNoSeriousViolations(page: Page, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a review lists what changed since a review point, who changed it, and shows the plan as it was', async ({ browser }) => {
  test.setTimeout(180_000);
  const ada = await newUser(browser, 'Ada');
  const link = await hostSharedPlan(ada, server.url, mintToken(server.dataDir, 'leadership', 'editor'), 'leadership', 'Review plan');
  const detail = new DetailPanel(ada.page);
  const review = new ReviewPage(ada.page);

  // The key result gets a target before the review.
  await ada.outline.select('key result', 'Revenue from DACH');
  await detail.setField('Target value', '100');
  await expect(detail.field('Target value')).toHaveValue('100');
  await review.open();
  await review.createReviewPoint('Q1 offsite');
  await review.point('Q1 offsite').getByRole('button', { name: 'Make baseline' }).click();
  await expect(review.point('Q1 offsite').getByText('baseline')).toBeVisible();

  // After the review point: a new target, the initiative moved up to the objective, a task blocked.
  await ada.shell.goTo('Outline');
  await ada.outline.select('key result', 'Revenue from DACH');
  await detail.setField('Target value', '150');
  await ada.outline.select('initiative', 'Open a Munich office');
  await ada.outline.focus();
  await ada.outline.press('Shift+Tab');
  await ada.outline.select('task', 'Sign the office lease');
  await detail.selectField('Status', 'Blocked');
  await ada.shell.expectSyncStatus('Synced');

  // Bea opens the review on her own device.
  const bea = await newUser(browser, 'Bea');
  await bea.page.goto(link);
  await expect(bea.outline.row('strategy', 'Grow in Europe')).toBeVisible();
  await bea.shell.setIdentity('Bea Board');
  const beaReview = new ReviewPage(bea.page);
  await beaReview.open();
  await expect(beaReview.point('Q1 offsite')).toBeVisible();
  const group = beaReview.group('Grow in Europe');
  await expect(beaReview.change('Revenue from DACH', 'target 100 → 150')).toContainText('by Ada Host');
  await expect(beaReview.change('Open a Munich office', /moved from Revenue from DACH to Win the DACH market/, 'moved')).toContainText('by Ada Host');
  await expect(beaReview.change('Sign the office lease', 'blocked', 'blocker')).toContainText('by Ada Host');
  await expect(beaReview.change('Sign the office lease', 'status — → blocked')).toContainText('by Ada Host');
  await expect(group).toBeVisible();

  // Walk it: mark one discussed (everyone sees the mark), and the review section exports as Markdown.
  await beaReview.change('Revenue from DACH', 'target 100 → 150').getByRole('checkbox').check();
  await expect(bea.page.getByText(/· 1 discussed/)).toBeVisible();
  await review.open();
  await expect(review.change('Revenue from DACH', 'target 100 → 150').getByRole('checkbox')).toBeChecked();
  const download = bea.page.waitForEvent('download');
  await bea.page.getByRole('button', { name: 'Export Markdown' }).click();
  const markdown = await (await download).createReadStream().then(async (stream) => {
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text;
  });
  // Each name and title in the file is a bidi isolate (FSI … PDI: report.ts), so an override in one
  // cannot reverse the line after it in whatever viewer opens the file (test/shared/model/history/report.test.ts).
  expect(markdown).toContain('Changes since “\u2068Q1 offsite\u2069”');
  expect(markdown).toContain('- [x] **\u2068Revenue from DACH\u2069**: target 100 → 150 — \u2068Ada Host\u2069');
  expect(markdown).toContain('moved from \u2068Revenue from DACH\u2069 to \u2068Win the DACH market\u2069');
  await expectNoSeriousViolations(bea.page);
  await bea.page.screenshot({ path: 'docs/screenshots/review.png' });

  // Each change leads to its node.
  await beaReview.change('Open a Munich office', /moved/, 'moved').getByRole('button', { name: 'Open a Munich office' }).click();
  await expect(bea.outline.selectedRow).toHaveAccessibleName(rowName('initiative', 'Open a Munich office'));

  // The plan as it was: read-only, the old target, the initiative back under its key result.
  await beaReview.open();
  await beaReview.point('Q1 offsite').getByRole('button', { name: 'Show plan as of this' }).click();
  await expect(beaReview.asOfBanner).toContainText('The plan as of “Q1 offsite”');
  await bea.shell.goTo('Outline');
  await bea.outline.select('key result', 'Revenue from DACH');
  const beaDetail = new DetailPanel(bea.page);
  await expect(beaDetail.field('Target value')).toHaveValue('100');
  await expect(bea.outline.row('initiative', 'Open a Munich office')).toHaveAttribute('aria-level', '4');
  // The banner and timeline are this view's own parts (the outline and detail panel have their own audits).
  await expectNoSeriousViolations(bea.page, '[aria-label="Plan as it was"]');
  await bea.page.screenshot({ path: 'docs/screenshots/review-as-of.png' });
  // Nothing can be changed in the past.
  await expect(beaDetail.field('Target value')).toHaveAttribute('readonly', '');
  await beaReview.backToNow();
  await bea.outline.select('key result', 'Revenue from DACH');
  await expect(beaDetail.field('Target value')).toHaveValue('150');
  await expect(bea.outline.row('initiative', 'Open a Munich office')).toHaveAttribute('aria-level', '3');

  // Priorities shifting compares against the baseline review point on every device.
  await bea.shell.goTo('Execution pulse');
  await expect(bea.page.getByLabel('Priorities shifting since')).toHaveValue(/.+/);
  await closeContexts(ada.context, bea.context);
});
