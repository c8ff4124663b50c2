import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { OutlinePage } from './pages/outline-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

// The desktop app's clean quit calls window.throughlineFlush() and waits (at most 3 s) before the
// window goes: every change already in the plan must then be on disk, however many writes y-indexeddb
// still had queued.

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('after the flush a reload with no delay keeps every change, the last of hundreds of writes included', async ({ page, context }) => {
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
  const shell = new AppShell(page);
  await shell.open(server.url);
  await page.getByRole('button', { name: 'Open sample plan' }).click();
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });

  // 400 separate changes in one go: each is its own IndexedDB transaction in y-indexeddb.
  const last = await page.evaluate(async () => {
    const hook = (window as unknown as { __throughline: { findNode(title: string): string | null; forceRename(id: string, title: string): void } }).__throughline;
    const id = hook.findNode('Launch in the DACH region');
    if (!id) throw new Error('the sample plan has no "Launch in the DACH region"');
    let title = '';
    for (let step = 1; step <= 400; step++) { title = `DACH launch, take ${step}`; hook.forceRename(id, title); }
    // The quit's call, exactly as main.ts makes it, and then the window is gone at once.
    await (window as unknown as { throughlineFlush: () => Promise<void> }).throughlineFlush();
    return title;
  });
  await page.reload();
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
  // Found by title, as a person would (the outline only renders the rows on screen).
  await page.getByRole('searchbox', { name: 'Find by title' }).fill('take 400');
  await expect(new OutlinePage(page).row('objective', last)).toBeVisible();

  // The hook cannot be replaced by another script in the page.
  expect(await page.evaluate(() => {
    try { (window as unknown as { throughlineFlush: unknown }).throughlineFlush = () => 'hijacked'; } catch { /* strict mode throws */ }
    return typeof (window as unknown as { throughlineFlush: () => unknown }).throughlineFlush() === 'object';
  })).toBe(true);
});

test('with no plan open the flush resolves at once', async ({ page }) => {
  await new AppShell(page).open(server.url);
  await expect(page.getByRole('button', { name: 'Open sample plan' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { throughlineFlush: () => Promise<void> }).throughlineFlush().then(() => 'flushed'))).toBe('flushed');
});
