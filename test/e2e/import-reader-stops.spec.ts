// review37a F7: a workbook that unpacks to hundreds of MB of styled empty cells kept the one long-lived
// spreadsheet reader (a worker) busy for tens of seconds: a file chosen next waited behind it, and so did
// the next import after closing the dialog. Each read now has a worker of its own, ended when the read
// ends, when another file is chosen, or when the dialog closes.
import { expect, test, type Page, type Worker } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { xlsxBytes } from '../shared/files/support/xlsx-writer.js';

let server: RunningProcess;
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A small plan's sheet followed by ~150 MB of styled empty cells, as a sheet formatted far down is (~1 MB zipped, under the 200 MB a sheet may unpack to). */
function bloatedWorkbook(): Buffer {
  const parts = unzipSync(xlsxBytes([['Objective', 'Key result', 'Target'], ['Grow', 'Revenue', 10]]));
  const cells = '<c s="1"/>'.repeat(40);
  const rows = Array.from({ length: 350_000 }, (_, i) => `<row r="${i + 3}">${cells}</row>`).join('');
  const sheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']!);
  parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('</sheetData>', `${rows}</sheetData>`));
  return Buffer.from(zipSync(parts, { level: 1 }));
}

/** The next spreadsheet reader the page starts, and a promise of its end. */
function nextReader(page: Page): Promise<{ worker: Worker; closed: Promise<void> }> {
  return page.waitForEvent('worker', (worker) => worker.url().includes('sheet-worker')).then((worker) => ({ worker, closed: new Promise<void>((resolve) => worker.once('close', () => resolve())) }));
}

test('a bloated workbook\'s reading stops when another file is chosen or the dialog closes, and the next file is read at once', async ({ page }) => {
  test.setTimeout(120_000);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Reader stops');
  const bloated = bloatedWorkbook();
  const openImport = async () => {
    await page.getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
    return page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  };

  // The bloated workbook, then at once a small CSV: the workbook's reader is ended, the CSV is read.
  let dialog = await openImport();
  const first = nextReader(page);
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'formatted-far-down.xlsx', mimeType: XLSX_TYPE, buffer: bloated });
  const { closed: firstClosed } = await first;
  await expect(dialog.getByText('Reading the file…')).toBeVisible();
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('Objective,Key result,Start,Target\nGrow,Revenue,0,10\nGrow,Margin,0,30\n') });
  await firstClosed;
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText('4 items from small.csv');
  await expectAccessible(page, 'the import dialog after the bloated workbook was replaced by a small CSV');
  await page.screenshot({ path: 'test-results/import-reader-stops.png' });

  // The bloated workbook again, then the dialog closed: its reader is ended with it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  dialog = await openImport();
  const second = nextReader(page);
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'formatted-far-down.xlsx', mimeType: XLSX_TYPE, buffer: bloated });
  const { closed: secondClosed } = await second;
  await expect(dialog.getByText('Reading the file…')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await secondClosed;
});
