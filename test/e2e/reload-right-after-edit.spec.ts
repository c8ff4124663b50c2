// Browser mode has no quit to wait on: an edit followed at once by a reload or a tab close must still
// be there when the plan opens again, even when IndexedDB had not written it yet (a slow disk, a
// transaction aborted by the unload). Nothing may be applied twice.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { addLineAfter, typeCascade } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

function planIdOf(page: Page): string {
  const match = /#\/plan\/([^/]+)\//.exec(page.url());
  if (!match?.[1]) throw new Error(`no plan in ${page.url()}`);
  return match[1];
}

/**
 * Stands in for a slow disk: a readwrite transaction on the plan's store kept busy, so every write the
 * app starts after it waits in the queue, and is aborted when the page unloads.
 */
async function holdPlanWrites(page: Page, planId: string): Promise<void> {
  await page.evaluate((name) => new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
    request.onsuccess = () => {
      const store = request.result.transaction('updates', 'readwrite').objectStore('updates');
      const spin = () => { store.count().onsuccess = spin; };
      spin();
      resolve();
    };
  }), `throughline-plan:${planId}`);
}

async function renameAndReloadAtOnce(page: Page, outline: OutlinePage, from: string, to: string): Promise<void> {
  await outline.select('strategy', from);
  await outline.focus();
  await outline.press('F2');
  await outline.titleEditor.fill(to);
  await outline.press('Enter');
  await expect(outline.row('strategy', to)).toBeVisible();
  await page.reload();  // no waiting for the store
}

async function liveOutline(page: Page): Promise<OutlinePage> {
  const outline = new OutlinePage(page);
  await expect(outline.tree).toBeVisible();
  await expect(outline.tree).not.toHaveAttribute('aria-busy', 'true', { timeout: 30_000 });
  await expect(outline.tree).not.toHaveAttribute('data-first-screen');
  return outline;
}

const unstoredKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('throughline:unstored:')));
const rowNames = (outline: OutlinePage) => outline.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));

test('a rename followed at once by a reload is there after the reload, every time, and nothing is doubled', async ({ page }) => {
  const shell = new AppShell(page);
  let outline = new OutlinePage(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Reload plan');
  await typeCascade(outline, ['Grow', 'Win DACH']);
  await addLineAfter(outline, 'strategy', 'Grow', 'Retain');
  const planId = planIdOf(page);

  let title = 'Grow';
  for (const round of [1, 2, 3]) {
    const next = `Grow, take ${round}`;
    await renameAndReloadAtOnce(page, outline, title, next);
    outline = await liveOutline(page);
    expect(await rowNames(outline)).toEqual([`STR ${next}`, 'OBJ Win DACH', 'STR Retain']);
    title = next;
  }

  // The same with the disk slow enough that IndexedDB has not written the rename when the page goes.
  for (const round of [4, 5]) {
    const next = `Grow, take ${round}`;
    await holdPlanWrites(page, planId);
    await renameAndReloadAtOnce(page, outline, title, next);
    outline = await liveOutline(page);
    expect(await rowNames(outline)).toEqual([`STR ${next}`, 'OBJ Win DACH', 'STR Retain']);
    title = next;
  }
  // Once stored, the safety copy is gone; another reload (with nothing pending) shows the same plan.
  await expect.poll(() => unstoredKeys(page)).toEqual([]);
  await page.reload();
  outline = await liveOutline(page);
  expect(await rowNames(outline)).toEqual([`STR ${title}`, 'OBJ Win DACH', 'STR Retain']);
});

test('a new line and a rename made just before the tab closes are there when the plan is opened again, once', async ({ context }) => {
  const page = await context.newPage();
  const outline = new OutlinePage(page);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Tab close plan');
  await typeCascade(outline, ['Grow']);
  const planId = planIdOf(page);
  const planUrl = page.url();
  await page.evaluate(() => (window as unknown as { throughlineFlush: () => Promise<void> }).throughlineFlush());

  await holdPlanWrites(page, planId);
  await addLineAfter(outline, 'strategy', 'Grow', 'Retain');
  await outline.select('strategy', 'Grow');
  await outline.focus();
  await outline.press('F2');
  await outline.titleEditor.fill('Grow in Europe');
  await outline.press('Enter');
  await expect(outline.row('strategy', 'Grow in Europe')).toBeVisible();
  await page.close();  // no waiting for the store

  const again = await context.newPage();
  await again.goto(planUrl);
  const reopened = await liveOutline(again);
  expect(await rowNames(reopened)).toEqual(['STR Grow in Europe', 'STR Retain']);
  await expect.poll(() => unstoredKeys(again)).toEqual([]);
  // Opened a third time (the recovered changes now stored, and applied already once): still one of each.
  await again.reload();
  expect(await rowNames(await liveOutline(again))).toEqual(['STR Grow in Europe', 'STR Retain']);
});
