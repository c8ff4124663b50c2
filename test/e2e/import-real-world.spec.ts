// A workbook as a Berlin team's LibreOffice saves it, imported in a browser set to Berlin time: a date
// cell written as ISO text keeps its day, a hidden row and a due date on a key result are said on their
// rows before anything is written, and the plan gets exactly what the preview showed (fifteenth session).
// A hidden column, a second Owner column and a column no field takes are said above the preview (sixteenth).
import { expect, test } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage, rowName } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { xlsxBytes } from '../shared/files/support/xlsx-writer.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });
test.use({ timezoneId: 'Europe/Berlin' });

function berlinWorkbook(): Buffer {
  const parts = unzipSync(xlsxBytes([
    ['Type', 'Title', 'Target', 'Due date', 'Owner', 'Owner', 'Budget'],
    ['Objective', 'Grow in DACH', null, null, 'Ana', 'Ben', 120000],
    ['Key result', 'Revenue DACH', 5, null, null, null, null],
    ['Key result', 'Old KR (archived)', 2, null, null, null, null],
    ['Initiative', 'Open Munich office', null, null, null, null, null],
  ]));
  const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!)
    // LibreOffice writes a date typed into a cell as `t="d"`: local time, no zone.
    .replace(/(<row r="5">.*?)(<\/row>)/, '$1<c r="D5" t="d"><v>2025-10-02T00:00:00</v></c>$2')
    .replace(/(<row r="3">.*?)(<\/row>)/, '$1<c r="D3" t="d"><v>2025-09-30T00:00:00</v></c>$2')
    .replace('<row r="4">', '<row r="4" hidden="true">')
    // The target column hidden by hand, and every unused column to the sheet's end, as Excel does.
    .replace('<sheetData>', '<cols><col min="3" max="3" width="0" hidden="true"/><col min="8" max="1024" hidden="true"/></cols><sheetData>');
  parts['xl/worksheets/sheet1.xml'] = strToU8(sheet);
  return Buffer.from(zipSync(parts));
}

test('a LibreOffice workbook in Berlin: dates keep their day, a hidden row and a value with no place are said, the plan gets what the preview showed', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('DACH plan');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'dach.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: berlinWorkbook() });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/5 items from dach\.xlsx · 2 rows with warnings/);
  await expect(dialog.getByRole('list', { name: 'Warnings for row 3' }).last()).toContainText('column D "Due date": a key result has no due date; "2025-09-30" not imported');
  // Whole columns: the hidden one that is read, a second Owner and a Budget no field takes are said, never dropped unseen.
  await expect(dialog.getByRole('list', { name: 'Columns' }).getByRole('listitem')).toHaveText([
    // The sheet has no Start column: said once for its key results (leftovers42), before the columns it has.
    'The sheet has no Start column: 2 key results have a target and no start (rows 3 and 4), so their progress cannot be measured until a start is set; none is assumed.',
    'Column C "Target" is hidden in the spreadsheet; read as Target value like the others',
    'Column F "Owner" is not imported: Owner is read from column E "Owner"; choose which in "How to read the sheet"',
    'Column G "Budget" is not imported: no field is chosen for it (choose one in "How to read the sheet" to import it)',
  ]);
  await expect(dialog.getByRole('list', { name: 'Warnings for row 4' }).last()).toContainText('the row is hidden in the spreadsheet (by hand or by a filter); imported like the others');
  await expectAccessible(page, 'import dialog with warnings for a hidden row and a value with no place');
  await dialog.screenshot({ path: 'docs/screenshots/import-real-world.png' });
  await dialog.getByRole('button', { name: /^Import 5 items/ }).click();
  await expect(dialog).toBeHidden();
  const outline = new OutlinePage(page);
  await outline.select('initiative', 'Open Munich office');
  await expect(new DetailPanel(page).field('Due date')).toHaveValue('2025-10-02');
  await expect(page.getByRole('treeitem', { name: rowName('key result', 'Old KR (archived)'), exact: true })).toBeVisible();
});

// usercheck14: usercheck13 read a plain number in an XLSX date column (no date style) as a spreadsheet
// date only from 1990 to 2099, with a warning on its row; this drives it in the import preview. The
// plan gets what the warning says; a number outside those years stops the import, naming the date.
test('an XLSX date column holding plain numbers: the preview warns on the row, the plan gets the dates it says, 1200 is refused', async ({ page }) => {
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Serial plan');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  const xlsx = (name: string, rows: Parameters<typeof xlsxBytes>[0]) => ({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(xlsxBytes(rows)) });
  const header = ['Type', 'Title', 'Start date', 'Due date'];
  const upper = [['Objective', 'Grow', null, null], ['Key result', 'Revenue', null, null]];

  // First a workbook whose budget of 1200 went into the due date column: refused, naming the date it would be.
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles(xlsx('budget.xlsx', [header, ...upper, ['Initiative', 'Budget', null, 1200]]));
  await expect(dialog.getByRole('alert')).toContainText('Row 4: column D "Due date": "1200" is not a date: as a spreadsheet date number it would be 1903-04-14, outside 1990–2099');
  await expect(dialog.getByRole('button', { name: /^Import \d+ items/ })).toBeDisabled();

  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles(xlsx('serials.xlsx', [header, ...upper,
    ['Initiative', 'Launch', 45658, 46361], ['Initiative', 'Styled', null, { date: '2026-12-05' }]]));
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/^5 items from serials\.xlsx/); // the four rows and the new strategy they go under
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByRole('list', { name: 'Warnings for row 4' }).last().getByRole('listitem')).toHaveText([
    '⚠ column C "Start date": "45658" is a spreadsheet date number, not a written date; read as 2025-01-01',
    '⚠ column D "Due date": "46361" is a spreadsheet date number, not a written date; read as 2026-12-05',
  ]);
  // A cell styled as a date is a date: no warning on its row.
  await expect(dialog.getByRole('list', { name: 'Warnings for row 5' })).toHaveCount(0);
  await expectAccessible(page, 'import preview warning on spreadsheet date numbers');
  await dialog.screenshot({ path: 'test-results/import-xlsx-serials.png' });
  await dialog.getByRole('button', { name: /^Import 5 items/ }).click();
  await expect(dialog).toBeHidden();

  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await outline.select('initiative', 'Launch');
  await expect(detail.field('Start date')).toHaveValue('2025-01-01');
  await expect(detail.field('Due date')).toHaveValue('2026-12-05');
  await outline.select('initiative', 'Styled');
  await expect(detail.field('Due date')).toHaveValue('2026-12-05');
});
