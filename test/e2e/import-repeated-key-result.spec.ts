// review42c F9: a key result row copied twice under one objective was imported twice without a word; the
// preview now warns on the second row, naming the first, and still imports both (a repeat may be meant).
// review42c F8: a cut-off plan file, or one of a version this Throughline does not read, is said as such.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const SHEET = [
  'Objective,Key result,Owner,Start,Target',
  'Grow revenue,ARR,Ana,0,100',
  'Grow revenue,Net revenue retention,Ben,90,110',
  'Grow revenue,ARR,Ana,0,100',
  'Keep customers,ARR,Ben,0,50',
].join('\r\n');

test('a key result row copied twice is warned on the second row, naming the first, and both are imported', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Copied rows');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'okrs.csv', mimeType: 'text/csv', buffer: Buffer.from(SHEET) });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/7 items from okrs\.csv · 1 row with warnings/);

  await expect(dialog.getByRole('list', { name: 'Warnings for row 4' }).last()).toContainText('key result "ARR" is already on row 2 under the objective "Grow revenue": imported as a second key result of that title; delete one of the two rows if it was copied twice');
  // The first row, and the same title under another objective, are not warned.
  await expect(dialog.getByRole('list', { name: 'Warnings for row 2' })).toHaveCount(0);
  await expect(dialog.getByRole('list', { name: 'Warnings for row 5' })).toHaveCount(0);
  await expectAccessible(page, 'import dialog: a key result row copied twice');
  await dialog.getByRole('list', { name: 'Warnings for row 4' }).last().scrollIntoViewIfNeeded();
  await dialog.screenshot({ path: 'test-results/fix42a-repeated-key-result.png' });

  // A warning, not a refusal: both rows are imported.
  await dialog.getByRole('button', { name: /^Import 7 items/ }).click();
  await expect(dialog).toBeHidden();
  await expect(new OutlinePage(page).rows.filter({ hasText: 'ARR' })).toHaveCount(3);
});

test('a cut-off plan file, and one of a version this Throughline does not read, are said as such; nothing is opened', async ({ page }) => {
  await new AppShell(page).open(server.url);
  const library = new LibraryPage(page);
  await expect(library.heading).toBeVisible();
  const plansBefore = await library.plans.count();
  const text = JSON.stringify({ format: 'throughline-plan', version: 3, meta: { name: 'Zürich plan' }, nodes: [], checkIns: [], people: {}, teams: {}, periods: {}, links: {}, actors: [] }, null, 1);
  await page.getByLabel('Plan file to open').setInputFiles({ name: 'cut.throughline', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, text.indexOf('"nodes"'))) });
  await expect(page.getByText('cut.throughline: This plan file looks cut off: it ends on line 6 before the plan does (a copy or download that did not finish?). Open a complete copy of it; nothing was opened or changed.')).toBeVisible();
  await page.getByLabel('Plan file to open').setInputFiles({ name: 'other.throughline', mimeType: 'application/json', buffer: Buffer.from(text.replace('"version": 3', '"version": "3"')) });
  await expect(page.getByText('other.throughline: This is a Throughline plan file, but of a version this Throughline does not read (the file says version "3"; this Throughline reads plan file versions 1 to 4): it was probably written by a newer version of Throughline. Update Throughline to open it; nothing was opened or changed.')).toBeVisible();
  await expect(library.plans).toHaveCount(plansBefore);
  await expectAccessible(page, 'library with a cut-off plan file refused');
  await page.screenshot({ path: 'test-results/fix42a-plan-file-refused.png' });
});
