import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { readOpenedFile } from '../../electron/open-file.js';
import { AppShell } from './pages/app-shell.js';
import { exposeDesktopBridge } from './support/desktop-bridge.js';
import { projectRoot, startSyncServer, type RunningProcess } from './support/server.js';

// File ▸ Open… in the desktop app: main.ts reads the picked file with readOpenedFile and sends a
// spreadsheet to the page; here the same module reads the fixture and the bridge delivers it.
let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const files = { size: async (file: string) => (await stat(file)).size, read: (file: string) => readFile(file) };

test('a spreadsheet opened with no plan open becomes a new plan and goes to the import preview; importing fills it', async ({ page, context }) => {
  await exposeDesktopBridge(context, {});
  await new AppShell(page).open(server.url);
  const opened = await readOpenedFile(path.join(projectRoot, 'test', 'shared', 'files', 'fixtures', 'okrs-repeated-objective.csv'), files);
  if (!opened.ok || opened.kind !== 'spreadsheet') throw new Error('the fixture did not open as a spreadsheet');
  await page.evaluate(({ name, bytes }) => {
    (window as unknown as { __desktopSend: (channel: string, payload: unknown) => void }).__desktopSend('file:spreadsheet-opened', { name, bytes: new Uint8Array(bytes) });
  }, { name: opened.name, bytes: [...opened.bytes] });

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
