// A workbook as a team's Excel keeps it, imported through the dialog (files20, twenty-sixth session):
// a header of two rows with merged cells (Objective and Owner merged down, "Metric" across Start,
// Target and Current) reads every column; a row of values whose key result title was left empty is
// listed with the cells it does not import; a Current written by a generator as a formula with no saved
// result is named on its row. The plan gets what the preview said; a stray note far right is refused
// naming the cell, and the plan keeps what it had.
import { expect, test } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { xlsxBytes, type XlsxCell } from '../shared/files/support/xlsx-writer.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function workbook(rows: readonly (readonly XlsxCell[])[], edit: (sheetXml: string) => string): Buffer {
  const parts = unzipSync(xlsxBytes(rows));
  parts['xl/worksheets/sheet1.xml'] = strToU8(edit(strFromU8(parts['xl/worksheets/sheet1.xml']!)));
  return Buffer.from(zipSync(parts));
}

const teamWorkbook = () => workbook([
  ['Objective', 'Key result', 'Metric', null, null, 'Owner'],
  [null, null, 'Start', 'Target', 'Current', null],
  ['Win the Nordics', 'Nordic revenue (M€)', 1, 4, 2.5, 'Ana'],
  [null, 'Partners signed', 0, 12, { raw: '<c r="{ref}"><f>COUNTIF(Partners!A:A,"signed")</f></c>' }, 'Ben'],
  [null, null, 0, 30, 9, 'Ben'],
], (xml) => xml.replace('</sheetData>', '</sheetData><mergeCells count="4"><mergeCell ref="A1:A2"/><mergeCell ref="B1:B2"/><mergeCell ref="C1:E1"/><mergeCell ref="F1:F2"/></mergeCells>'));

test('a two-row merged header, a row without a title and a formula with no saved result: every column read, each loss named, the plan gets what the preview said', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Nordics plan');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  const chooser = dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)');

  // First a copy with a stray note far right: refused, naming the cell and what it holds.
  await chooser.setInputFiles({ name: 'stray.xlsx', mimeType: XLSX_TYPE, buffer: workbook([['Objective', 'Key result'], ['Grow', 'Revenue']], (xml) => xml.replace(/(<row r="2">.*?)(<\/row>)/, '$1<c r="XFD2" t="inlineStr"><is><t>ask Dana</t></is></c>$2')) });
  await expect(dialog.getByRole('alert')).toHaveText('Cell XFD2 holds "ask Dana", right of column GR: an import takes at most 200 columns (A to GR). Delete or move what is right of column GR and import again.');

  await chooser.setInputFiles({ name: 'nordics.xlsx', mimeType: XLSX_TYPE, buffer: teamWorkbook() });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/4 items from nordics\.xlsx · 2 rows with warnings/);
  await expect(dialog.getByLabel('Header row')).toHaveValue('2');
  // Every column has its field: no column note says one is not imported.
  await expect(dialog.getByRole('list', { name: 'Columns' })).toHaveCount(0);
  await expect(dialog.getByRole('list', { name: 'Rows not imported' }).getByRole('listitem')).toHaveText([
    'Row 5: no objective or key result on the row, so nothing is made of it; not imported: C5 "0", D5 "30", E5 "9", F5 "Ben"',
  ]);
  await expect(dialog.getByRole('list', { name: 'Warnings for row 4' })).toContainText('E4: the cell cannot be read (it holds the formula =COUNTIF(Partners!A:A,"signed") with no saved result');
  await expectAccessible(page, 'import dialog: two-row header, a row not imported, a formula with no saved result');
  await dialog.screenshot({ path: 'test-results/files20-import-sheets-as-written.png' });

  await dialog.getByRole('button', { name: /^Import 4 items/ }).click();
  await expect(dialog).toBeHidden();
  const outline = new OutlinePage(page);
  await outline.select('key result', 'Nordic revenue (M€)');
  const detail = new DetailPanel(page);
  await expect(detail.field('Start value')).toHaveValue('1');
  await expect(detail.field('Target value')).toHaveValue('4');
  await outline.select('key result', 'Partners signed');
  await expect(detail.field('Target value')).toHaveValue('12');
});

// usercheck6: openpyxl (and pandas through it) writes a formula it cannot calculate as `<f>…</f><v />`
// with no type; these cells are as a workbook it made holds them. The reader took `<v />` for "a result
// saved, and empty": the key result's Current came in empty and nobody was told.
test('a workbook openpyxl wrote with formulas it did not calculate: each such cell is named on its row before importing', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Generated plan');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'report.xlsx', mimeType: XLSX_TYPE, buffer: workbook([
    ['Objective', 'Key result', 'Start', 'Target', 'Current'],
    ['Win the Nordics', 'Nordic revenue (M€)', 1, 4, { raw: '<c r="{ref}"><f>SUM(Sales!B2:B40)/1000000</f><v /></c>' }],
    [null, 'Partners signed', 0, 12, 7],
  ], (xml) => xml) });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/4 items from report\.xlsx · 1 row with warnings/);
  await expect(dialog.getByRole('list', { name: 'Warnings for row 2' })).toContainText('E2: the cell cannot be read (it holds the formula =SUM(Sales!B2:B40)/1000000 with no saved result');
  await expectAccessible(page, 'import dialog: a workbook openpyxl wrote, a formula with no saved result');
  await dialog.screenshot({ path: 'test-results/usercheck6-import-openpyxl-formula.png' });
});
