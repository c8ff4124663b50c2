// A person imports a real-world-sized spreadsheet (a 6,000-row cascade as XLSX): the preview shows
// every item counted and the first ones listed with "…and N more items", the page keeps answering
// while the file is read and the import is worked out, and the outline then holds the whole import,
// taken back by one undo.
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { seriousViolations } from './support/axe.js';
import { startSyncServer } from './support/server.js';
import { largeSheet, largeSheetXlsx } from '../shared/files/support/large-sheet.js';

test('a 6,000-row XLSX: the preview counts every item and lists the first, the outline gets them all, one undo takes them back', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const sheet = largeSheet(6_000);
  const file = testInfo.outputPath('okr-cascade.xlsx');
  writeFileSync(file, largeSheetXlsx(sheet));
  const server = await startSyncServer();
  try {
    await new AppShell(page).open(server.url);
    await new LibraryPage(page).createPlan('Company cascade');
    const outline = page.getByRole('tree', { name: 'Plan outline' });
    await page.getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
    await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles(file);

    await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/^6,000 items from okr-cascade\.xlsx/, { timeout: 120_000 });
    const preview = dialog.getByRole('list', { name: 'Preview of the imported plan' });
    await expect(preview.getByText(sheet.rows[0]!.title, { exact: true })).toBeVisible();
    // The first 300 items are listed; the rest are counted with the rows they come from, never dropped silently.
    await expect(dialog.getByText(/^…and 5,700 more items not shown here \(rows \d+ to 6,001\)\. The import adds them all\.$/)).toBeVisible();
    await expect(preview.locator('.import-node')).toHaveCount(300);
    await expect(dialog.getByLabel('Meaning of column Owner')).toHaveValue('owner');

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: 'docs/screenshots/import-at-size-preview.png' });

    await dialog.getByRole('button', { name: 'Import 6,000 items' }).click();
    await expect(dialog).toBeHidden({ timeout: 180_000 });
    await expect(new AppShell(page).notice(/Imported 6,000 items from okr-cascade\.xlsx, and added \d+ people/)).toBeVisible();
    const firstStrategy = outline.getByRole('treeitem', { name: new RegExp(sheet.rows[0]!.title.replace(/[()]/g, '\\$&')) }).first();
    await expect(firstStrategy).toBeVisible();
    const lastStrategy = sheet.rows.filter((row) => row.kind === 'strategy').at(-1)!;
    // The outline lists rows as they scroll into view: find the sheet's last strategy by its title.
    await page.getByRole('searchbox', { name: 'Find by title' }).fill(lastStrategy.title);
    await expect(outline.getByRole('treeitem', { name: new RegExp(lastStrategy.title.replace(/[()]/g, '\\$&')) }).first()).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/import-at-size-outline.png' });
    await page.getByRole('searchbox', { name: 'Find by title' }).fill('');

    // The whole import is one undo step.
    await outline.focus();
    await page.keyboard.press('ControlOrMeta+z');
    await expect(outline.getByRole('treeitem')).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
