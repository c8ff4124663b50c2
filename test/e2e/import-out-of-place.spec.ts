// review39b F6: the CSV the app exported of a plan holding a task kept under a key result (its initiative
// was deleted while Ben added the task offline) was refused on import: "Row 6: a task cannot sit under the
// key result of row 5", the Import button disabled. The file here is the review's export, byte for byte.
// Now it imports: the row is warned about in the preview, and the task lands where the plan held it,
// flagged Out of place as the plan flagged it.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess;
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('the app\'s own export of a plan with a re-attached task imports back, the task out of place and the row warned', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1100, height: 900 });
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Round trip');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  const file = readFileSync(new URL('../shared/files/fixtures/review39b-reattached-task.csv', import.meta.url));
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'Offsite 2027.csv', mimeType: 'text/csv', buffer: file });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText('7 items from Offsite 2027.csv · 1 row with warnings');
  await expect(dialog.getByText(/problem stops the import/)).toHaveCount(0);
  await expect(dialog.getByRole('list', { name: 'Warnings for row 6' })).toContainText('out of place: a task does not belong under the key result of row 5; imported there, to move under an initiative or a task');
  await expectAccessible(page, 'import preview of a row out of place');
  await dialog.getByRole('list', { name: 'Warnings for row 6' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/import-out-of-place-preview.png' });
  await dialog.getByRole('button', { name: 'Import 7 items' }).click();
  await expect(dialog).toBeHidden();
  const outline = new OutlinePage(page);
  const task = outline.rows.filter({ hasText: 'XXXXXXXX' });
  await expect(task).toHaveCount(1);
  await expect(task).toHaveAccessibleDescription(/Out of place/);
  await page.screenshot({ path: 'test-results/import-out-of-place-outline.png' });
  // review39b F11: with nothing selected, the Cascade view's detail panel names the cascade, not the outline.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toContainText('Select an item on the cascade to see and edit its details.');
  await expectAccessible(page, 'the Cascade view with nothing selected');
  await page.screenshot({ path: 'test-results/cascade-empty-panel.png' });
});
