import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { exposeDesktopBridge, openSpreadsheetFromDesktop } from './support/desktop-bridge.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

// File ▸ Open… in the desktop app: main.ts reads the picked file with readOpenedFile and sends a
// spreadsheet to the page; here the same module reads the fixture and the bridge delivers it.
let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a spreadsheet opened with no plan open becomes a new plan and goes to the import preview; importing fills it', async ({ page, context }) => {
  await exposeDesktopBridge(context, {});
  await new AppShell(page).open(server.url);
  await openSpreadsheetFromDesktop(page, 'okrs-repeated-objective.csv');

  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from okrs-repeated-objective.csv' })).toBeVisible();
  await expect(page.getByText('okrs-repeated-objective', { exact: true }).first()).toBeVisible();
  await dialog.getByRole('button', { name: /^Import \d+ items$/ }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('tree', { name: 'Plan outline' }).getByRole('treeitem').nth(2)).toBeVisible();

  // A malformed payload never reaches the page's handler.
  await page.evaluate(() => (window as unknown as { __desktopSend: (channel: string, payload: unknown) => void }).__desktopSend('file:spreadsheet-opened', { name: 'x.csv', bytes: 'not bytes' }));
  await expect(page.getByRole('dialog', { name: 'Import from a spreadsheet' })).toHaveCount(0);
});
