// What leftovers43 left in import (leftovers44b), through the dialog as a person does:
// review42c F7 the Google Sheets OKR template's Progress column: each key result's progress imported, the preview
// saying how the column is read, and each value it cannot take named on its row;
// review42c F4 an .xlsx outline indented with SPACES typed before the titles gives the levels, as in a CSV.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { childrenInPreview, importFile, XLSX_TYPE } from './support/import-dialog.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { xlsxBytes } from '../shared/files/support/xlsx-writer.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const TEMPLATE = [
  'Goal,Objective,Key result,Owner,Progress',
  'Grow the business,Win DACH,Partner deals closed,Ana,40%',
  ',,Launch the EU shop,Ana,>100%',
  ',,Churn below 2%,Ana,0.5',
  'Be a great place to work,Hire well,Offers accepted,Ben,abc',
  ',,Onboarding rated good,Ben,120%',
].join('\r\n');

test('the Google OKR template\'s Progress column: each key result at its progress, the column said, every value it cannot take named on its row', async ({ page }) => {
  const dialog = await importFile(page, server.url, 'Google template', { name: 'okr-template.csv', mimeType: 'text/csv', buffer: Buffer.from(TEMPLATE) });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/9 items from okr-template\.csv · 4 rows with warnings/);
  await expect(dialog.getByLabel('Meaning of column Progress')).toHaveValue('progress');
  await expect(dialog.getByRole('list', { name: 'Columns' })).toContainText('Column E "Progress" is read as Progress (%): a key result with no start or target becomes a 0–100 % key result whose current value is the progress');
  await expect(dialog.getByRole('list', { name: 'Warnings for row 3' }).last()).toContainText('column E "Progress": ">100%" is not a percentage; not imported (write it as 40%)');
  await expect(dialog.getByRole('list', { name: 'Warnings for row 4' }).last()).toContainText('column E "Progress": 0.5 is a plain number; read as 50% (a share of the whole). If it means 0.5%, write it so');
  await expect(dialog.getByRole('list', { name: 'Warnings for row 5' }).last()).toContainText('column E "Progress": "abc" is not a percentage; not imported (write it as 40%)');
  await expect(dialog.getByRole('list', { name: 'Warnings for row 6' }).last()).toContainText('column E "Progress": 120% is past 100%: imported as the current value 120, past the target 100');
  await expect(dialog.getByRole('list', { name: 'Warnings for row 2' })).toHaveCount(0);
  await expect(dialog.getByText(/"Progress" is not imported/)).toHaveCount(0);
  await expectAccessible(page, 'import dialog: a Progress column');
  await dialog.screenshot({ path: 'test-results/leftovers44b-progress-column.png' });

  await dialog.getByRole('button', { name: /^Import 9 items/ }).click();
  await expect(dialog).toBeHidden();
  const outline = new OutlinePage(page);
  const details = new DetailPanel(page);
  await outline.select('key result', 'Partner deals closed');
  await expect(details.field('Target value')).toHaveValue('100');
  await expect(details.progress).toHaveText('40%');
});

test('an .xlsx outline indented with spaces typed before the titles gives each row its level, as the same CSV does', async ({ page }) => {
  const workbook = Buffer.from(xlsxBytes([
    ['Title', 'Owner', 'Target'],
    ['Grow revenue', 'Ana', null],
    ['  ARR', 'Ana', 100],
    ['    Open Munich office', 'Ben', null],
    ['      Hire a country lead', 'Ben', null],
  ]));
  const dialog = await importFile(page, server.url, 'Spaced workbook', { name: 'outline.xlsx', mimeType: XLSX_TYPE, buffer: workbook });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/5 items from outline\.xlsx/);
  await expect(dialog.getByRole('list', { name: 'Columns' })).toContainText('The sheet has no Type column: each row\'s kind is read from how far its title is indented');
  const tree = dialog.getByRole('list', { name: 'Preview of the imported plan' });
  await expect(childrenInPreview(tree, 'Grow revenue')).toHaveText(['ARR']);
  await expect(childrenInPreview(tree, 'ARR')).toHaveText(['Open Munich office']);
  await expect(childrenInPreview(tree, 'Open Munich office')).toHaveText(['Hire a country lead']);
  await expectAccessible(page, 'import dialog: an .xlsx outline indented with spaces');
  await dialog.screenshot({ path: 'test-results/leftovers44b-xlsx-spaces.png' });
  await dialog.getByRole('button', { name: /^Import 5 items/ }).click();
  await expect(dialog).toBeHidden();
  const outline = new OutlinePage(page);
  await expect(outline.row('key result', 'ARR')).toHaveAttribute('aria-level', '3');
  await expect(outline.row('task', 'Hire a country lead')).toHaveAttribute('aria-level', '5');
});
