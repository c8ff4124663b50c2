// What the last sessions left in import (leftovers43), through the dialog as a person does:
// review42c F4b titles indented with Excel's "Increase Indent" (the cell's format) give the levels, as spaces do;
// review42c F7 a Google Sheets template's Goal column beside Objective is the strategy level, and said so;
// review42c F3b hans.mueller@ and "Hans Müller" are one person;
// an initiative or task row copied twice under one parent is warned, as a key result is.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { childrenInPreview, importFile, XLSX_TYPE } from './support/import-dialog.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { xlsxBytes, type XlsxCell } from '../shared/files/support/xlsx-writer.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** A workbook whose Title cells are indented by their style (Excel's Increase Indent: `<alignment indent="N"/>`). */
function indentedWorkbook(): Buffer {
  const styled = (text: string, style: number): XlsxCell => ({ raw: `<c r="{ref}" t="inlineStr" s="${style}"><is><t>${text}</t></is></c>` });
  const files = unzipSync(xlsxBytes([
    ['Title', 'Owner', 'Target'],
    ['Grow revenue', 'Ana', null],
    [styled('ARR', 2), 'Ana', 100],
    [styled('Open Munich office', 3), 'Ben', null],
    [styled('Hire a country lead', 4), 'Ben', null],
  ]));
  const styles = new TextDecoder().decode(files['xl/styles.xml']);
  files['xl/styles.xml'] = strToU8(styles.replace(/<cellXfs count="2">([\s\S]*)<\/cellXfs>/, (_, xfs: string) => `<cellXfs count="5">${xfs}${[1, 2, 3].map((indent) => `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="left" indent="${indent}"/></xf>`).join('')}</cellXfs>`));
  return Buffer.from(zipSync(files));
}

test('titles indented with Excel\'s Increase Indent give each row its level, as spaces do', async ({ page }) => {
  const dialog = await importFile(page, server.url, 'Indented workbook', { name: 'outline.xlsx', mimeType: XLSX_TYPE, buffer: indentedWorkbook() });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/5 items from outline\.xlsx/);
  await expect(dialog.getByRole('list', { name: 'Columns' })).toContainText('The sheet has no Type column: each row\'s kind is read from how far its title is indented');
  const tree = dialog.getByRole('list', { name: 'Preview of the imported plan' });
  await expect(childrenInPreview(tree, 'Grow revenue')).toHaveText(['ARR']);
  await expect(childrenInPreview(tree, 'ARR')).toHaveText(['Open Munich office']);
  await expect(childrenInPreview(tree, 'Open Munich office')).toHaveText(['Hire a country lead']);
  await expect(dialog.getByText(/no Type column, so the row's kind cannot be told/)).toHaveCount(0);
  await expectAccessible(page, 'import dialog: titles indented by the cell format');
  await dialog.screenshot({ path: 'test-results/leftovers43-format-indent.png' });

  await dialog.getByRole('button', { name: /^Import 5 items/ }).click();
  await expect(dialog).toBeHidden();
  const outline = new OutlinePage(page);
  await expect(outline.row('key result', 'ARR')).toHaveAttribute('aria-level', '3');
  await expect(outline.row('initiative', 'Open Munich office')).toHaveAttribute('aria-level', '4');
  await expect(outline.row('task', 'Hire a country lead')).toHaveAttribute('aria-level', '5');
});

const GOAL_SHEET = [
  'Goal,Objective,Key result,Owner,Target',
  'Grow the business,Win DACH,ARR in DACH,hans.mueller@acme.example,100',
  ',,Partners signed,Hans Müller,5',
  'Be a great place to work,Hire well,Offers accepted,Dee Rossi,20',
].join('\r\n');

test('a Goal column beside Objective is read as the strategy above the objectives, and the preview says so; hans.mueller@ is Hans Müller', async ({ page }) => {
  const dialog = await importFile(page, server.url, 'Google template', { name: 'okr-template.csv', mimeType: 'text/csv', buffer: Buffer.from(GOAL_SHEET) });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/7 items from okr-template\.csv/);
  await expect(dialog.getByLabel('Meaning of column Goal')).toHaveValue('strategy');
  await expect(dialog.getByLabel('Meaning of column Objective')).toHaveValue('objective');
  await expect(dialog.getByRole('list', { name: 'Columns' })).toContainText('Column A "Goal" is read as Strategy: beside the Objective column, each goal is taken as the level above the objectives on its rows, and they are imported under it (choose Objective for it in "How to read the sheet" if the goals are the objectives)');
  const tree = dialog.getByRole('list', { name: 'Preview of the imported plan' });
  await expect(childrenInPreview(tree, 'Grow the business')).toHaveText(['Win DACH']);
  await expect(childrenInPreview(tree, 'Win DACH')).toHaveText(['ARR in DACH', 'Partners signed']);
  await expect(dialog.getByText(/is not imported/)).toHaveCount(0);
  await expectAccessible(page, 'import dialog: a Goal column beside Objective');
  await dialog.screenshot({ path: 'test-results/leftovers43-goal-column.png' });

  await dialog.getByRole('button', { name: /^Import 7 items/ }).click();
  await expect(dialog).toBeHidden();
  // Two people, not three: the e-mail's Hans Mueller is the next row's Hans Müller.
  await expect(new AppShell(page).notice(/^Imported 7 items from okr-template\.csv, and added 2 people/)).toBeVisible();
  const outline = new OutlinePage(page);
  await expect(outline.row('strategy', 'Grow the business')).toHaveAttribute('aria-level', '1');
  await expect(outline.row('objective', 'Win DACH')).toHaveAttribute('aria-level', '2');
});

const REPEATS = [
  'Type,Title,Owner,Target',
  'Objective,Grow revenue,Ana,',
  'Key result,ARR,Ana,100',
  'Initiative,Open Munich office,Ben,',
  'Task,Hire a country lead,Ben,',
  'Task,Hire a country lead,Ben,',
  'Initiative,Open Munich office,Ben,',
  'Initiative,Partner programme,Ana,',
  'Task,Hire a country lead,Ana,',
].join('\r\n');

test('an initiative or task row copied twice under one parent is warned on the second row, naming the first, and both are imported', async ({ page }) => {
  const dialog = await importFile(page, server.url, 'Copied work', { name: 'work.csv', mimeType: 'text/csv', buffer: Buffer.from(REPEATS) });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText(/9 items from work\.csv · 2 rows with warnings/);
  await expect(dialog.getByRole('list', { name: 'Warnings for row 6' })).toContainText('task "Hire a country lead" is already on row 5 under the initiative "Open Munich office": imported as a second task of that title; delete one of the two rows if it was copied twice');
  await expect(dialog.getByRole('list', { name: 'Warnings for row 7' })).toContainText('initiative "Open Munich office" is already on row 4 under the key result "ARR": imported as a second initiative of that title; delete one of the two rows if it was copied twice');
  // The same task title under another initiative is not warned.
  await expect(dialog.getByRole('list', { name: 'Warnings for row 9' })).toHaveCount(0);
  await expectAccessible(page, 'import dialog: an initiative and a task copied twice');
  await dialog.screenshot({ path: 'test-results/leftovers43-repeated-work.png' });

  await dialog.getByRole('button', { name: /^Import 9 items/ }).click();
  await expect(dialog).toBeHidden();
  await expect(new OutlinePage(page).rows.filter({ hasText: 'Hire a country lead' })).toHaveCount(3);
});
