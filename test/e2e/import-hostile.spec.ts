// Hostile spreadsheets in the import dialog, as a person sees them: a cell too long for the plan is
// shortened with a warning the preview shows, and nothing in the preview runs off the dialog.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('over-long cells: the preview says what will be shortened and keeps every title inside the dialog', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Hostile import');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  const longTitle = 'x'.repeat(600);
  const csv = `Objective,Key result,Owner,Team,Unit,Target\n=cmd|' /C calc'!A0,"${longTitle}",${'O'.repeat(250)},${'T'.repeat(230)},${'u'.repeat(60)},10\n`;
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const warnings = dialog.getByRole('list', { name: 'Warnings for row 2' }).last();
  await expect(warnings).toContainText('is 600 characters long; kept are the first 500');
  await expect(warnings).toContainText('column C "Owner"');
  await expect(warnings).toContainText('is 250 characters long; kept are the first 200');
  await expect(warnings).toContainText('column E "Unit"');
  // A formula stays plain text in the title.
  await expect(dialog.getByRole('list', { name: 'Preview of the imported plan' }).getByText("=cmd|' /C calc'!A0", { exact: true })).toBeVisible();
  const preview = await dialog.locator('.import-preview').boundingBox();
  expect(preview).toBeTruthy();
  for (const text of ['xxxxxxxx', 'OOOOOOOO', 'uuuuuuuu']) {
    const box = await dialog.locator('.import-node > span').filter({ hasText: text }).first().boundingBox();
    expect(box, text).toBeTruthy();
    expect(box!.x + box!.width, `${text}… stays inside the preview`).toBeLessThanOrEqual(preview!.x + preview!.width + 1);
  }
  await dialog.screenshot({ path: 'docs/screenshots/import-hostile-1024.png' });
  await dialog.getByRole('button', { name: /^Import 3 items/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('treeitem', { name: `KR ${longTitle.slice(0, 500)}`, exact: true })).toBeVisible();
});
