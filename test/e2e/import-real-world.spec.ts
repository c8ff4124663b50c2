// A workbook as a Berlin team's LibreOffice saves it, imported in a browser set to Berlin time: a date
// cell written as ISO text keeps its day, a hidden row and a due date on a key result are said on their
// rows before anything is written, and the plan gets exactly what the preview showed (fifteenth session).
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
    ['Type', 'Title', 'Target', 'Due date'],
    ['Objective', 'Grow in DACH', null, null],
    ['Key result', 'Revenue DACH', 5, null],
    ['Key result', 'Old KR (archived)', 2, null],
    ['Initiative', 'Open Munich office', null, null],
  ]));
  const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!)
    // LibreOffice writes a date typed into a cell as `t="d"`: local time, no zone.
    .replace(/(<row r="5">.*?)(<\/row>)/, '$1<c r="D5" t="d"><v>2025-10-02T00:00:00</v></c>$2')
    .replace(/(<row r="3">.*?)(<\/row>)/, '$1<c r="D3" t="d"><v>2025-09-30T00:00:00</v></c>$2')
    .replace('<row r="4">', '<row r="4" hidden="true">');
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
  await expect(dialog.getByRole('list', { name: 'Warnings for row 3' }).last()).toContainText('column "dueDate": a key result has no due date; "2025-09-30" not imported');
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
