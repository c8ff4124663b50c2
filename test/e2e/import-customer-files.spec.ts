// Files as customers' spreadsheet programs write them (import37, thirty-third session; review37a):
// Apple Numbers' Excel export puts an "Export Summary" sheet in front of the plan — the plan's sheet is
// read, and another can be chosen by keyboard in "How to read the sheet"; Excel's default "CSV (Comma
// delimited)" on Windows is Windows-1252 — read, the preview saying so, with #N/A in a number column
// read as empty with a warning, instead of a refusal.
import { expect, test } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { openImportDialog, XLSX_TYPE } from './support/import-dialog.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { xlsxBytes } from '../shared/files/support/xlsx-writer.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** What Numbers ▸ Export To ▸ Excel writes: an "Export Summary" sheet first, the table on "OKRs - Table 1". */
function numbersExport(): Buffer {
  const parts = unzipSync(xlsxBytes([['x']], 'Export Summary', ['OKRs - Table 1']));
  const sheet = (rows: string[][]) => strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    + rows.map((row, r) => `<row r="${r + 1}">${row.map((cell, c) => cell === '' ? '' : /^\d+$/.test(cell) ? `<c r="${String.fromCharCode(65 + c)}${r + 1}"><v>${cell}</v></c>` : `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${cell}</t></is></c>`).join('')}</row>`).join('')
    + '</sheetData></worksheet>');
  parts['xl/worksheets/sheet1.xml'] = sheet([
    ['This document was exported from Numbers. Each table was converted to an Excel worksheet. All other objects on each Numbers sheet were placed on separate worksheets.'],
    [''], ['Numbers Sheet Name', 'Numbers Table Name', 'Excel Worksheet Name'], ['OKRs', 'Table 1', 'OKRs - Table 1'],
  ]);
  parts['xl/worksheets/sheet2.xml'] = sheet([
    ['Objective', 'Key result', 'Owner', 'Start', 'Target', 'Current'],
    ['Grow the Nordics', 'Nordic revenue', 'Ann', '0', '100', '40'],
    ['Grow the Nordics', 'Partners signed', 'Bob', '10', '20', '15'],
  ]);
  return Buffer.from(zipSync(parts));
}

test('a Numbers export with its "Export Summary" sheet first: the plan\'s sheet is read, and another is chosen by keyboard', async ({ page }) => {
  const dialog = await openImportDialog(page, server.url, 'Numbers plan');
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'okrs-numbers.xlsx', mimeType: XLSX_TYPE, buffer: numbersExport() });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText('4 items from okrs-numbers.xlsx');
  await expect(dialog.getByText('Read sheet "OKRs - Table 1"; "Export Summary" was not read.')).toBeVisible();
  const sheet = dialog.getByRole('combobox', { name: 'Sheet', exact: true });
  await expect(sheet).toHaveValue('OKRs - Table 1');
  await expectAccessible(page, 'import dialog: a Numbers export, the plan\'s sheet read and a Sheet choice');
  await dialog.screenshot({ path: 'test-results/import37-numbers-sheet.png' });

  // By keyboard: the summary sheet is read instead (nothing of a plan on it), then the plan's again.
  await sheet.focus();
  await sheet.selectOption('Export Summary');
  await expect(dialog.getByText('Read sheet "Export Summary"; "OKRs - Table 1" was not read.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Import 0 items' })).toBeDisabled();
  await expect(sheet).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByText('Read sheet "OKRs - Table 1"; "Export Summary" was not read.')).toBeVisible();
  await expect(sheet).toHaveValue('OKRs - Table 1');
  await dialog.getByRole('button', { name: 'Import 4 items' }).click();
  await expect(dialog).toBeHidden();
  const outline = new OutlinePage(page);
  await outline.select('key result', 'Partners signed');
});

test('a German Excel "CSV (Comma delimited)": Windows-1252 read and said, #N/A read as empty with a warning', async ({ page }) => {
  const dialog = await openImportDialog(page, server.url, 'Excel CSV plan');
  const text = 'Ziel;Schlüsselergebnis;Verantwortlich;Start;Zielwert;Aktuell\r\nUmsatz steigern;Umsatz in €;Jürgen Müller;1.200,50;2.500;#N/A\r\nUmsatz steigern;Kundenzufriedenheit;Björn Weiß;3,5;4,5;4,1\r\n'
    + '\r\n';
  const cp1252: Record<string, number> = { 'ü': 0xfc, '€': 0x80, 'ß': 0xdf, 'ö': 0xf6 };
  const bytes = Buffer.from([...text].map((char) => cp1252[char] ?? char.charCodeAt(0)));
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'okr-ansi.csv', mimeType: 'text/csv', buffer: bytes });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/^4 items from okr-ansi\.csv · 1 row with warnings/);
  await expect(dialog.getByText('The file is not UTF-8: it was read as Windows (Western European, Windows-1252) text. If names look wrong, save the sheet as "CSV UTF-8" and import it again.')).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Warnings for row 2' })).toContainText('cell F2 holds the formula error #N/A; read as empty');
  await expect(dialog.getByRole('region', { name: 'Preview of the import' }).getByText('Umsatz in €')).toBeVisible();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expectAccessible(page, 'import dialog: a Windows-1252 CSV with #N/A');
  await dialog.screenshot({ path: 'test-results/import37-windows-1252.png' });
  await dialog.getByRole('button', { name: 'Import 4 items' }).click();
  await expect(dialog).toBeHidden();
  await new OutlinePage(page).select('key result', 'Umsatz in €');
});
