import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { ReviewPage } from './pages/review-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { seriousViolations } from './support/axe.js';
import * as Y from 'yjs';
import { ROOT_ID, openPlan } from '../../shared/model/index.js';
import { reviewPackDocument } from '../../renderer/src/files/review-pack.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
});

const folder = mkdtempSync(path.join(tmpdir(), 'review-pack-print-'));

/**
 * Prints the page to PDF as Chromium's "Save as PDF" does (print media, the page's own print rules) and
 * returns its text (pdftotext). `name`: the PDF's pages also go to test-results/<name>-N.png to look at.
 */
async function printedText(page: Page, name: string): Promise<string> {
  const pdfPath = path.join(folder, `${name}.pdf`);
  writeFileSync(pdfPath, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  execFileSync('pdftoppm', ['-png', '-r', '50', '-l', '2', pdfPath, `test-results/${name}`]);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  // No page ends on a section's heading, its content on the next page (review44c F4: "Key results (42)" ended page 2).
  const lastLines = text.split('\f').map((pageText) => pageText.trim().split('\n').pop()?.trim() ?? '');
  expect(lastLines.filter((line) => /^(Execution pulse|The cascade|Key results \(\d+\)|Blockers \(\d+\))$/.test(line))).toEqual([]);
  return text.replace(/\s+/g, ' ');
}

/**
 * The sample plan with the review point "Week 48", then the target of "Sign 5 LATAM customers" raised from 5
 * to 8 after it; the page objects the tests go on with.
 */
async function sampleWithTargetChangedSinceWeek48(page: Page) {
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  const review = new ReviewPage(page);
  await shell.open(server.url);
  await new LibraryPage(page).openSample();
  await review.open();
  await review.createReviewPoint('Week 48');
  await shell.goTo('Outline');
  await outline.find('LATAM');
  await outline.select('key result', 'Sign 5 LATAM customers');
  await detail.setField('Target value', '8');
  return { shell, outline, detail, review };
}

/** File ▸ Print review pack: browser mode puts the pack in the page and opens the print dialog (stubbed; the PDF is printed instead). */
async function printReviewPack(page: Page, name: string): Promise<string> {
  await page.evaluate(() => { window.print = () => {}; });
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('button', { name: 'Print review pack (PDF)…' }).click();
  await expect(page.locator('#print-root')).toHaveCount(1);
  const text = await printedText(page, name);
  // Chromium fires afterprint when the PDF is done: the pack leaves the page.
  await expect(page.locator('#print-root')).toHaveCount(0);
  return text;
}

test('the review pack printed from browser mode holds the plan, and as of a review point the figures of that point', async ({ page }) => {
  test.setTimeout(150_000);
  const { shell, outline, detail, review } = await sampleWithTargetChangedSinceWeek48(page);
  await detail.addCheckIn({ value: '3', note: 'two more signed' });
  await expect(detail.history).toHaveCount(1);

  // The Review view's own print still prints its list of changes (its print rules now apply only there).
  await review.open();
  await page.getByLabel('Since').selectOption({ label: 'Week 48' });
  const changes = await printedText(page, 'review-pack-print-review-view');
  expect(changes).toContain('target 5 → 8');
  await shell.goTo('Outline');

  // review44c F1: every page of the printed pack was blank (review.css's print rules hid it).
  const live = await printReviewPack(page, 'review-pack-print-live');
  expect(live).toContain('Sample: Northwind 2027');
  expect(live).toMatch(/Key results \(\d+\)/);
  expect(live).toContain('Sign 5 LATAM customers');
  expect(live).toContain('0 → 8 customers · now 3 · 38%');
  expect(live).not.toContain('as of');

  // review44c F3: as of Week 48 the pack reads what the outline and detail panel show for that point.
  await review.open();
  await review.point('Week 48').getByRole('button', { name: 'Show plan as of this' }).click();
  await shell.goTo('Outline');
  await outline.select('key result', 'Sign 5 LATAM customers');
  await expect(detail.field('Target value')).toHaveValue('5');
  await expect(detail.progress).toHaveText('0%');
  const past = await printReviewPack(page, 'review-pack-print-as-of');
  expect(past).toContain('as of “Week 48”');
  expect(past).toContain('0 → 5 customers · now — · 0%');
  expect(past).not.toContain('0 → 8 customers');
  expect(await seriousViolations(page)).toEqual([]);
});

test('"Since" moved onto the point "until" named: until reads now and the list compares with now, not the point with itself', async ({ page }) => {
  test.setTimeout(150_000);
  const { shell, outline, detail, review } = await sampleWithTargetChangedSinceWeek48(page);
  await review.open();
  await review.createReviewPoint('Week 49');
  await shell.goTo('Outline');
  await outline.select('key result', 'Sign 5 LATAM customers');
  await detail.setField('Title', 'Sign 8 LATAM customers');
  await expect(outline.row('key result', 'Sign 8 LATAM customers')).toBeVisible();

  await review.open();
  const since = page.getByLabel('Since');
  const until = page.getByLabel('until');
  await since.selectOption({ label: 'Week 48' });
  await until.selectOption({ label: 'Week 49' });
  // Each change reads the title the later side had.
  await expect(review.change('Sign 5 LATAM customers', 'target 5 → 8')).toBeVisible();
  await expect(page.locator('.review-change[data-change-kind="retitled"]')).toHaveCount(0);

  // Last week's point as "Since": the rename made after it is listed (it read "Nothing changed.").
  await since.selectOption({ label: 'Week 49' });
  await expect(until).toHaveValue('now');
  await expect(page.getByText('Nothing changed.')).toHaveCount(0);
  await expect(review.change('Sign 8 LATAM customers', /Sign 5 LATAM customers/, 'retitled')).toBeVisible();
  await expect(page.locator('.review-change')).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/review-pickers-since-last.png' });
});

test('a pasted link as a title or a blocked reason wraps inside the page; every key result keeps its chart', async ({ page }) => {
  const now = Date.UTC(2027, 2, 1, 12);
  let counter = 0;
  const plan = openPlan(new Y.Doc(), { now: () => now, newId: () => `id${++counter}`, actor: 'ada' }, { now });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'استراتيجية النمو في الشرق الأوسط' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: `https://example.com/a-pasted-link-${'x'.repeat(150)}` });
  plan.createNode({ kind: 'key_result', parent: objective, title: `https://example.com/another-pasted-link-${'y'.repeat(200)}`, start: 0, target: 100, unit: 'k€' });
  plan.createNode({ kind: 'key_result', parent: objective, title: 'زيادة الإيرادات إلى ١٠٠ ألف يورو — revenue to 100 k€', start: 0, target: 100, unit: 'k€' });
  const initiative = plan.createNode({ kind: 'initiative', parent: objective, title: 'Initiative' });
  plan.createNode({ kind: 'task', parent: initiative, title: 'Blocked', status: 'blocked', blockedReason: `see https://tickets.example.com/${'W'.repeat(300)}` });
  plan.index.refresh(now);
  // The width an A4 page leaves between the pack's 14 mm margins.
  const width = Math.floor(((210 - 28) / 25.4) * 96);
  await page.setViewportSize({ width, height: 1100 });
  await page.setContent(reviewPackDocument(plan.index, { planName: 'Pasted links', now }), { waitUntil: 'load' });
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    charts: [...document.querySelectorAll('svg.chart')].map((chart) => chart.getBoundingClientRect().right),
  }));
  // review44c F5: the title pushed the chart off the page and ran past its edge (scrollWidth ~2,000 px).
  expect(overflow.page).toBeLessThanOrEqual(width);
  expect(overflow.charts).toHaveLength(2);
  for (const right of overflow.charts) expect(right).toBeLessThanOrEqual(width);
  await page.screenshot({ path: 'test-results/review-pack-pasted-links.png', fullPage: true });
});
