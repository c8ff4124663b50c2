// review40c F4: a 10,000-row CSV import held the page's main thread in long tasks (its preview and
// the preparation of the import on a scratch copy of the plan ran in the page, in slices). They now run
// in the import's worker, which lives from the file's read to the end of the import: the page answers
// a click while the import is worked out, Cancel ends the worker and writes nothing, and a malformed
// file's message comes from the worker as the page's own reader words it. The Excel export of the
// 10,000 items is built in a worker of its own.
import { writeFileSync } from 'node:fs';
import { expect, test, type Page, type Worker } from '@playwright/test';
import { readSpreadsheet } from '../../shared/files/index.js';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { largeSheet, largeSheetCsv } from '../shared/files/support/large-sheet.js';

let server: RunningProcess;
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** The next import worker the page starts, and whether it has ended. */
function nextImportWorker(page: Page): Promise<{ worker: Worker; ended: () => boolean; closed: Promise<void> }> {
  return page.waitForEvent('worker', (worker) => worker.url().includes('sheet-worker')).then((worker) => {
    let ended = false;
    const closed = new Promise<void>((resolve) => worker.once('close', () => { ended = true; resolve(); }));
    return { worker, ended: () => ended, closed };
  });
}

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  return page.getByRole('dialog', { name: 'Import from a spreadsheet' });
}

test('a 10,000-row CSV is worked out in the import\'s worker: the page answers a click meanwhile, Cancel ends it with nothing written, and the next import completes', async ({ page }, testInfo) => {
  test.setTimeout(400_000);
  const file = testInfo.outputPath('cascade-10000.csv');
  writeFileSync(file, largeSheetCsv(largeSheet(10_000)));
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Off the page');
  const outline = page.getByRole('tree', { name: 'Plan outline' });

  // First: Import pressed, then Cancel while the import is worked out.
  let dialog = await openImport(page);
  let importWorker = nextImportWorker(page);
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles(file);
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/^10,000 items from cascade-10000\.csv/, { timeout: 180_000 });
  let { ended, closed } = await importWorker;
  await dialog.getByRole('button', { name: 'Import 10,000 items' }).click();
  const working = dialog.getByRole('status').filter({ hasText: /^Importing 10,000 items… the plan changes only when all of them are ready\.$/ });
  await expect(working).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/import-off-thread-progress.png' });
  // The work is the worker's: it is still there after the read and the preview (before, it ended with the read).
  expect(ended()).toBe(false);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await closed;
  await expect(outline.getByRole('treeitem')).toHaveCount(0);
  await expect(page.getByText(/^Imported \d/)).toHaveCount(0);

  // Then the whole import, a click answered while it is worked out.
  dialog = await openImport(page);
  importWorker = nextImportWorker(page);
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles(file);
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/^10,000 items from cascade-10000\.csv/, { timeout: 180_000 });
  ({ ended, closed } = await importWorker);
  await dialog.getByRole('button', { name: 'Import 10,000 items' }).click();
  await expect(working).toBeVisible();
  // A click on a button in the dialog (a probe added for the test), whose handler writes down what the
  // import's status said when it ran: handled while the import is still worked out.
  await page.evaluate(() => {
    const probe = document.createElement('button');
    probe.type = 'button';
    probe.textContent = 'Probe';
    probe.id = 'input-probe';
    probe.addEventListener('click', () => {
      probe.dataset.seen = document.querySelector('.import-progress [role="status"]')?.textContent ?? 'no import in progress';
    });
    document.querySelector('.import-dialog')!.append(probe);
  });
  await page.locator('#input-probe').click();
  await expect(page.locator('#input-probe')).toHaveAttribute('data-seen', /^Importing 10,000 items…/);
  // Audited while the import runs or just after it (the dialog then closed): the audit takes longer than the import may.
  await expectAccessible(page, 'the page while a 10,000-row import is worked out in its worker');

  await expect(dialog).toBeHidden({ timeout: 300_000 });
  await expect(new AppShell(page).notice(/^Imported 10,000 items from cascade-10000\.csv/)).toBeVisible();
  await expect(outline.getByRole('treeitem').first()).toBeVisible();
  await closed;
  await page.screenshot({ path: 'test-results/import-off-thread-done.png' });

  // The 10,000 items exported as a workbook: built in the export's worker, a notice (with Cancel) meanwhile.
  await page.getByRole('button', { name: 'File', exact: true }).click();
  const exportWorker = page.waitForEvent('worker', (worker) => worker.url().includes('export-worker'));
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Excel workbook (.xlsx)' }).click();
  await exportWorker;
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('Off-the-page.xlsx');
  await expect(new AppShell(page).notice('Saved to your downloads as Off-the-page.xlsx.')).toBeVisible();
  await expect(page.getByText('Writing the Excel workbook…')).toHaveCount(0);
});

test('a malformed workbook is refused by the worker with the reader\'s own message, and nothing changes', async ({ page }) => {
  const bytes = Buffer.from('PK\u0003\u0004 not really a zip', 'latin1');
  const expected = await readSpreadsheet('broken.xlsx', new Uint8Array(bytes));
  if (expected.ok) throw new Error('the broken workbook was read');
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Broken file');
  const dialog = await openImport(page);
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'broken.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
  await expect(dialog.getByRole('alert')).toHaveText(expected.problem.message);
  await expect(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
  await expectAccessible(page, 'the import dialog refusing a malformed workbook');
  await page.screenshot({ path: 'test-results/import-off-thread-malformed.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('tree', { name: 'Plan outline' }).getByRole('treeitem')).toHaveCount(0);
});
