// review41 item 2: a key result row with a target and no start imported without a word, and the plan then showed
// no progress for it with no reason given (progress is measured from the start, and none is assumed). The preview
// says so on the row, for a CSV with an empty Start cell and a workbook with no Start column alike.
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
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/items from dach\.xlsx · 2 rows with warnings/);
  for (const row of [2, 3]) {
    await expect(dialog.getByRole('list', { name: `Warnings for row ${row}` }).getByRole('listitem')).toHaveText([
      '⚠ no start value (the sheet has no Start column): progress cannot be measured until a start is set; none is assumed',
    ]);
  }
});
