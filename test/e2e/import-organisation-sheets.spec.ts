// Sheets as organisations keep them, imported through the dialog as a person does (review42c):
// F1 a Parent column naming titles (no id column) places each row under the row it names — it was
//    ignored, and a key result listed after two objectives went under the second;
// F5 a file writing both 31/12/2026 and 12/31/2026 leaves its 03/04/2026 to be looked at, not read unseen;
// F2 a Current typed 0.045 beside a Start of 5.5% and a Target of 3% is named on its row.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { childrenInPreview } from './support/import-dialog.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** A team's sheet: objectives first, then key results naming their objective, then the work naming its key result. */
const SHEET = [
  'Title;Parent;Type;Owner;Start;Target;Current;Due date',
  'Grow revenue;;Objective;Ana;;;;',
  'Keep customers;;Objective;Ben;;;;',
  'ARR;Grow revenue;Key result;Ana;1.000.000;2.000.000;1.250.000;',
  'Churn;keep customers;Key result;Ben;5,5%;3%;0,045;',
  'Open Munich office;ARR;Initiative;Ana;;;;31/12/2026',
  'Partner programme;ARR;Initiative;Ana;;;;12/31/2026',
  'Win-back campaign;Churn;Initiative;Ben;;;;03/04/2026',
].join('\r\n');

test('a Parent column of titles places every row under the row it names; mixed date orders and a fraction beside percentages are said', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Org sheet');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'okrs.csv', mimeType: 'text/csv', buffer: Buffer.from(SHEET) });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/8 items from okrs\.csv/);
  await expect(dialog.getByLabel('Layout')).toHaveValue('parent-id');

  const tree = dialog.getByRole('list', { name: 'Preview of the imported plan' });
  await expect(childrenInPreview(tree, 'Grow revenue')).toHaveText(['ARR']);
  await expect(childrenInPreview(tree, 'Keep customers')).toHaveText(['Churn']);
  await expect(childrenInPreview(tree, 'ARR')).toHaveText(['Open Munich office', 'Partner programme']);
  await expect(childrenInPreview(tree, 'Churn')).toHaveText(['Win-back campaign']);
  await expect(dialog.getByRole('list', { name: 'Warnings for row 5' }).last()).toContainText('column G "Current": 0.045 is a plain number beside percentages (column E "Start" 5.5%, column F "Target" 3%); read as 0.045%. If it means 4.5%, write it so (or format the cell as a percentage)');
  await expect(dialog.getByRole('list', { name: 'Warnings for row 8' }).last()).toContainText('column H "Due date": "03/04/2026" could be day/month or month/day; read as 2026-04-03 (day first)');
  await expectAccessible(page, 'import dialog: a parent column of titles');
  await dialog.screenshot({ path: 'test-results/review42c-parent-column.png' });

  await dialog.getByRole('button', { name: /^Import 8 items/ }).click();
  await expect(dialog).toBeHidden();
  // The outline shows the tree the preview showed: each row under the row its Parent cell named.
  const outline = new OutlinePage(page);
  const levels = await outline.rows.evaluateAll((rows) => rows.map((row) => `${row.getAttribute('aria-level')} ${row.querySelector('.outline-title, [data-title]')?.textContent ?? row.textContent}`));
  expect(levels.map((line) => line.replace(/\s+/g, ' ').trim()).join('\n')).toMatch(/^1 .*\n2 .*Grow revenue.*\n3 .*ARR.*\n4 .*Open Munich office.*\n4 .*Partner programme.*\n2 .*Keep customers.*\n3 .*Churn.*\n4 .*Win-back campaign/);
});

// F6: a plan file whose bytes are not UTF-8 (a title re-saved by an editor in Windows-1252) was read with
// U+FFFD in place of the byte and opened as if nothing were wrong; a file saved as UTF-16 did not open.
test('a damaged plan file is refused naming the line, and nothing is opened; one saved as UTF-16 opens', async ({ page }) => {
  await new AppShell(page).open(server.url);
  const library = new LibraryPage(page);
  await expect(library.heading).toBeVisible();
  const plansBefore = await library.plans.count();
  const text = JSON.stringify({ format: 'throughline-plan', version: 3, meta: { name: 'Zürich plan' }, nodes: [], checkIns: [], people: {}, teams: {}, periods: {}, links: {}, actors: [] }, null, 1);
  const at = text.indexOf('ü');
  const damaged = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xfc]), Buffer.from(text.slice(at + 1))]);
  await page.getByLabel('Plan file to open').setInputFiles({ name: 'zurich.throughline', mimeType: 'application/json', buffer: damaged });
  const line = text.slice(0, at).split('\n').length;
  expect(line).toBe(5);
  await expect(page.getByText('zurich.throughline: This plan file cannot be read: line 5 holds bytes that are not UTF-8 text (the file is damaged, or was saved in another encoding). Nothing was opened.')).toBeVisible();
  await expect(library.plans).toHaveCount(plansBefore);
  await expectAccessible(page, 'library with a damaged plan file refused');
  await page.screenshot({ path: 'test-results/review42c-damaged-plan-file.png' });

  await page.getByLabel('Plan file to open').setInputFiles({ name: 'zurich.throughline', mimeType: 'application/json', buffer: Buffer.from(`\ufeff${text}`, 'utf16le') });
  await expect(page.getByRole('tree', { name: 'Plan outline' })).toBeVisible();
  await expect(page.getByText('Zürich plan').first()).toBeVisible();
});

// F4: an outline pasted into one column, its levels given by indenting the titles, no Type column: every row
// was refused as "the type is empty and cannot be inferred".
test('titles indented by level, no Type column: the preview says kinds come from the indents and shows the tree', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Indented');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  const csv = 'Title,Owner\r\nGrow revenue,Ana\r\n  ARR,Ana\r\n    Open Munich office,Ben\r\n      Sign the lease,Ben\r\nKeep customers,Cy\r\n  Churn,Cy\r\n';
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'outline.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/7 items from outline\.csv/);
  await expect(dialog.getByRole('list', { name: 'Columns' }).getByRole('listitem')).toHaveText(['The sheet has no Type column: each row\'s kind is read from how far its title is indented (the least an objective, then key result, initiative, and task for the rest), each row under the row above indented less']);
  const tree = dialog.getByRole('list', { name: 'Preview of the imported plan' });
  await expect(childrenInPreview(tree, 'Grow revenue')).toHaveText(['ARR']);
  await expect(childrenInPreview(tree, 'ARR')).toHaveText(['Open Munich office']);
  await expect(childrenInPreview(tree, 'Open Munich office')).toHaveText(['Sign the lease']);
  await expect(childrenInPreview(tree, 'Keep customers')).toHaveText(['Churn']);
  await expectAccessible(page, 'import dialog: kinds from indented titles');
  await dialog.screenshot({ path: 'test-results/review42c-indented.png' });
  await dialog.getByRole('button', { name: /^Import 7 items/ }).click();
  await expect(dialog).toBeHidden();
  await expect(new OutlinePage(page).row('task', 'Sign the lease')).toHaveAttribute('aria-level', '5');
});
