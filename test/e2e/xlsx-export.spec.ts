// The Excel export as a person uses it (review37a F9): File ▸ Export Excel workbook (.xlsx) on the
// sample plan, the download imported into a new plan through the import dialog, and exported again.
// Before, there was no XLSX export: a comma CSV opened by Excel in Germany or France is all in column A,
// and Excel turned the CSV's outline number 1.10 into 1.1 (F2).
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { expectAccessible } from './support/axe.js';

let server: RunningProcess;
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

async function exportXlsx(page: Page): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Excel workbook (.xlsx)' }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** The parts that hold the plan: the sheet and its strings (the title in docProps is the plan's name). */
function sheetParts(bytes: Buffer): string[] {
  const parts = unzipSync(new Uint8Array(bytes));
  return ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml'].map((name) => strFromU8(parts[name]!));
}

test('the sample plan exported as an Excel workbook imports into a new plan with its values, and exports again to the same sheet', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  await shell.open(server.url);
  await new LibraryPage(page).openSample();
  const first = await exportXlsx(page);
  expect(first.name).toMatch(/\.xlsx$/);
  expect(first.bytes.subarray(0, 4)).toEqual(Buffer.from('PK\u0003\u0004', 'latin1'));
  await expect(shell.notice(`Saved to your downloads as ${first.name}.`)).toBeVisible();
  const [sheet] = sheetParts(first.bytes);
  // A frozen header, and every Outline cell text (t="s"), never a number a spreadsheet would shorten.
  expect(sheet).toContain('state="frozen"');
  expect(sheet!.match(/<c r="A\d+"[^>]*>/g)!.every((cell) => cell.includes('t="s"'))).toBe(true);

  await page.goto(`${server.url}#/`);
  await new LibraryPage(page).createPlan('From Excel');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: first.name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: first.bytes });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(new RegExp(`^\\d+ items from ${first.name.replace(/\./g, '\\.')}$`));
  await expect(dialog.getByLabel('Meaning of column Outline')).toHaveValue('outline');
  await expect(dialog.getByLabel('Meaning of column Due date')).toHaveValue('dueDate');
  await expect(dialog.getByLabel('Meaning of column Manual progress')).toHaveValue('manualProgress');
  await expect(dialog.getByRole('list', { name: /^Warnings for row/ })).toHaveCount(0);
  await expectAccessible(page, 'the import preview of an exported workbook');
  await page.screenshot({ path: 'docs/screenshots/xlsx-export-import-preview.png' });
  await dialog.getByRole('button', { name: /^Import \d+ items$/ }).click();
  await expect(dialog).toBeHidden();

  // A KPI's healthy range and an initiative's effort came through the typed cells.
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await outline.find('Gross margin, monthly');
  await outline.select('KPI', 'Gross margin, monthly');
  await expect(detail.field('Healthy from')).toHaveValue('70');
  await expect(detail.field('Healthy up to')).toHaveValue('85');
  await outline.find('Frankfurt data residency');
  await outline.select('initiative', 'Frankfurt data residency');
  await expect(detail.field('Effort estimate')).toHaveValue('42');
  await expectAccessible(page, 'an initiative imported from the workbook');

  // Exported again: the same sheet, cell for cell.
  const again = await exportXlsx(page);
  expect(sheetParts(again.bytes)).toEqual(sheetParts(first.bytes));
});
