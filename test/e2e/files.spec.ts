import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { projectRoot, startSyncServer } from './support/server.js';
import { seriousViolations } from './support/axe.js';
import { xlsxBytes } from '../shared/files/support/xlsx-writer.js';

const fixture = (name: string) => path.join(projectRoot, 'test/shared/files/fixtures', name);

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  return page.getByRole('dialog', { name: 'Import from a spreadsheet' });
}

test('import a spreadsheet: preview with warnings, a corrected column, all-or-nothing; export and reopen the plan file', async ({ page }) => {
  test.setTimeout(180_000);
  const server = await startSyncServer();
  try {
    await new AppShell(page).open(server.url);
    // The CSP travels in the page too, not only in the header.
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /default-src 'self'; script-src 'self'.*object-src 'none'/);
    await new LibraryPage(page).createPlan('Q3 OKRs');
    const outline = page.getByRole('tree', { name: 'Plan outline' });

    // A hostile file first: a message naming the row, nothing to import, the plan untouched.
    let dialog = await openImport(page);
    await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'logo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0, 0, 0]) });
    await expect(dialog.getByRole('alert')).toHaveText(/not a text file: row 2 holds binary data/);
    await expect(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(outline.getByRole('treeitem')).toHaveCount(0);

    // A workbook of several sheets: the preview says which one is read and which are not.
    dialog = await openImport(page);
    const workbook = xlsxBytes([['Objective', 'Key result', 'Target'], ['Grow revenue', 'Revenue', 0.45]], 'OKRs', ['Q2', 'Archive']);
    await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'okrs.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(workbook) });
    await expect(dialog.getByText('Read sheet "OKRs"; "Q2" and "Archive" were not read.')).toBeVisible();
    await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/^\d+ items from okrs\.xlsx/);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(outline.getByRole('treeitem')).toHaveCount(0);

    dialog = await openImport(page);
    await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles(fixture('okrs-repeated-objective.csv'));
    const preview = dialog.getByRole('list', { name: 'Preview of the imported plan' });
    await expect(preview.getByText('Grow mid-market ARR')).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'Warnings for row 6' })).toHaveText(/start 90 is above target 15: read as a decreasing key result/);
    await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/8 items from okrs-repeated-objective\.csv · 1 row with warnings · 2 blank or total rows skipped/);

    // Correct the reading: the Target column ignored makes every key result lose its target.
    await dialog.getByLabel('Meaning of column Target').selectOption('');
    await expect(dialog.getByRole('list', { name: 'Warnings for row 2' })).toHaveText(/no target value/);
    await dialog.getByLabel('Meaning of column Target').selectOption('target');
    await expect(dialog.getByRole('list', { name: 'Warnings for row 2' })).toHaveCount(0);
    await dialog.getByLabel("New strategy's title").fill('Mid-market push');

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: 'docs/screenshots/import-preview.png' });

    await dialog.getByRole('button', { name: 'Import 8 items' }).click();
    await expect(dialog).toBeHidden();
    await expect(new AppShell(page).notice(/Imported 8 items from okrs-repeated-objective\.csv, and added 3 people/)).toBeVisible();
    await expect(outline.getByRole('treeitem', { name: /Mid-market push/ })).toBeVisible();
    await expect(outline.getByRole('treeitem', { name: /Cut median first response time/ })).toBeVisible();

    // Export CSV: a download whose cells never start a formula, importable again.
    await page.getByRole('button', { name: 'File', exact: true }).click();
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV (opens in spreadsheets)' }).click();
    const csv = readFileSync(await (await csvDownload).path(), 'utf8');
    expect(csv.startsWith('\uFEFFOutline,Type,Title')).toBe(true);
    expect(csv).toContain('1.1.1,Key result,Grow mid-market ARR');

    // Export the plan file and open it from the library as a new plan.
    await page.getByRole('button', { name: 'File', exact: true }).click();
    const planDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export plan file (.throughline)' }).click();
    const download = await planDownload;
    expect(download.suggestedFilename()).toBe('Q3-OKRs.throughline');
    await page.goto(`${server.url}#/`);
    await page.getByLabel('Plan file to open').setInputFiles({ name: 'Q3-OKRs.throughline', mimeType: 'application/json', buffer: readFileSync(await download.path()) });
    await expect(page.locator('.plan-name')).toHaveText('Q3 OKRs (2)');
    await expect(page.getByRole('tree', { name: 'Plan outline' }).getByRole('treeitem', { name: /Raise CSAT/ })).toBeVisible();
  } finally {
    await server.stop();
  }
});

test('a hand-edited plan file with a wrongly typed field and a control character is put to the person: cancel opens nothing, opening keeps the rest', async ({ page }) => {
  const server = await startSyncServer();
  try {
    await new AppShell(page).open(server.url);
    const library = new LibraryPage(page);
    await expect(library.heading).toBeVisible();
    const plansBefore = await library.plans.count();
    const node = (id: string, kind: string, parent: string, title: string, fields: Record<string, unknown>) => ({
      id, kind, parent, order: 'a0', placedAt: 0, placedFrom: 'root', title, description: '', fields, created: null, updated: null, deleted: null,
    });
    const file = {
      format: 'throughline-plan', version: 2, meta: { name: 'Hand edited' },
      nodes: [node('s1', 'strategy', 'root', 'Grow\u0007', {}), node('o1', 'objective', 's1', 'Win EU', { weight: 'heavy', priority: 'high' })],
      checkIns: [], people: {}, teams: {}, periods: {}, links: {},
    };
    const upload = { name: 'hand-edited.throughline', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) };
    await page.getByLabel('Plan file to open').setInputFiles(upload);
    const dialog = page.getByRole('dialog', { name: 'Open hand-edited.throughline?' });
    const warnings = dialog.getByRole('list', { name: 'Values not kept as written' });
    await expect(warnings).toContainText('node 2 (id o1, “Win EU”): the weight must be a number, got "heavy"; left out');
    await expect(warnings).toContainText('node 1 (id s1, “Grow␇”): the title holds a control character (U+0007); shown as a space or a sign');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(library.heading).toBeVisible();
    await expect(library.plans).toHaveCount(plansBefore);

    await page.getByLabel('Plan file to open').setInputFiles(upload);
    await dialog.getByRole('button', { name: 'Open without them' }).click();
    const outline = page.getByRole('tree', { name: 'Plan outline' });
    await expect(outline.getByRole('treeitem', { name: 'STR Grow BEL', exact: true })).toBeVisible();
    await expect(outline.getByRole('treeitem', { name: 'OBJ Win EU', exact: true })).toBeVisible();
  } finally {
    await server.stop();
  }
});
