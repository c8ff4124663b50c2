// review41 item 2: a key result row with a target and no start imported without a word, and the plan then showed
// no progress for it with no reason given (progress is measured from the start, and none is assumed). The preview
// says so on the row for a CSV with an empty Start cell; a workbook with no Start column says it once for the sheet
// (leftovers42), each key result's row marked "no start".
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { xlsxBytes } from '../shared/files/support/xlsx-writer.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a key result with a target and no start: the preview says on its row that progress cannot be measured (CSV and XLSX)', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Start plan');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  const input = dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)');

  const csv = '\ufeffOutline,Type,Title,Start,Target,Current,Unit\n1,Strategy,Grow\n1.1,Objective,Win DACH\n'
    + '1.1.1,Key result,Revenue DACH,,5,2,M€\n1.1.2,Key result,New logos,10,45,12,\n';
  await input.setInputFiles({ name: 'dach.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/^4 items from dach\.csv · 1 row with warnings/);
  await expect(dialog.getByRole('list', { name: 'Warnings for row 4' }).getByRole('listitem')).toHaveText([
    '⚠ no start value (column D "Start" is empty): progress cannot be measured until a start is set; none is assumed',
  ]);
  await expect(dialog.getByRole('list', { name: 'Warnings for row 5' })).toHaveCount(0);
  await expectAccessible(page, 'import preview: a key result with no start');
  await dialog.screenshot({ path: 'test-results/import-start-missing.png' });

  const workbook = xlsxBytes([['Objective', 'Key result', 'Target', 'Current'], ['Win DACH', 'Revenue DACH', 5, 2], ['Win DACH', 'New logos', 45, 12]]);
  await input.setInputFiles({ name: 'dach.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(workbook) });
  // No Start column: said once for the sheet, naming its key results' rows (leftovers42: each row warned before,
  // the same sentence on every key result of a 300-row sheet); each row's preview marks it, "no start → 5".
  const summary = dialog.getByRole('status').filter({ hasText: 'items from' });
  await expect(summary).toHaveText(/items from dach\.xlsx/);
  await expect(summary).not.toContainText('with warnings');
  await expect(dialog.getByRole('list', { name: 'Columns' }).getByRole('listitem')).toHaveText([
    'The sheet has no Start column: 2 key results have a target and no start (rows 2 and 3), so their progress cannot be measured until a start is set; none is assumed.',
  ]);
  for (const row of [2, 3]) await expect(dialog.getByRole('list', { name: `Warnings for row ${row}` })).toHaveCount(0);
  await expect(dialog.locator('.import-node', { hasText: 'Revenue DACH' })).toContainText('no start → 5 · now 2');
  await expect(dialog.locator('.import-node', { hasText: 'New logos' })).toContainText('no start → 45 · now 12');
  await expectAccessible(page, 'import preview: a sheet with no Start column');
  await dialog.screenshot({ path: 'test-results/import-no-start-column.png' });
});

// leftovers42: a 300-row sheet without a Start column: one note, not 300 warnings.
test('a 300-row sheet without a Start column: one note names how many key results and the first rows; no row warns of it', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Big sheet plan');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  const rows = Array.from({ length: 300 }, (_, index) => `Win DACH,Key result ${index + 1},${index + 10},${index % 9}`);
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'okrs.csv', mimeType: 'text/csv', buffer: Buffer.from(`Objective,Key result,Target,Current\n${rows.join('\n')}\n`) });
  const summary = dialog.getByRole('status').filter({ hasText: 'items from' });
  await expect(summary).toHaveText(/items from okrs\.csv/);
  await expect(summary).not.toContainText('with warnings');
  await expect(dialog.getByRole('list', { name: 'Columns' }).getByRole('listitem')).toHaveText([
    'The sheet has no Start column: 300 key results have a target and no start (rows 2, 3, 4, 5, 6 and 295 more), so their progress cannot be measured until a start is set; none is assumed.',
  ]);
  await expect(dialog.locator('.import-warnings')).toHaveCount(0);
  await expect(dialog.locator('.import-node', { hasText: 'Key result 1' }).first()).toContainText('no start → 10 · now 0');
  await expectAccessible(page, 'import preview: 300 key results with no Start column');
  await dialog.screenshot({ path: 'test-results/import-no-start-column-300.png' });
});
