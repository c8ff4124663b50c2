import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { OutlinePage } from './pages/outline-page.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { expectAccessible } from './support/axe.js';
import { largePlanUpdate } from './support/large-plan.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser, storedRows } from './support/stored-plan.js';

// The 100,000-node plan of a 10,000-person company (500,000 check-ins, ~83 MB stored), end to end in
// Chromium: it opens, takes an edit and a check-in, shows its pulse and canvas, and a reload shows
// the edit. One test, because storing and opening the plan is most of its time.

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const planId = 'Large100kPlanA1';

test('the 100,000-node plan opens, takes an edit and a check-in, shows its pulse and canvas, and keeps the edit across a reload', async ({ page }) => {
  test.setTimeout(20 * 60_000);
  const update = largePlanUpdate();
  const shell = new AppShell(page);
  await shell.open(server.url);
  await storePlanInBrowser(page, { id: planId, name: 'Company of 10,000', update });
  await page.goto(`${server.url}#/plan/${planId}/outline`);
  const outline = new OutlinePage(page);
  // Stored whole (one 83 MB row): cut into parts in the worker, applied in slices, then indexed.
  await expect(outline.tree).toBeVisible({ timeout: 10 * 60_000 });
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 10 * 60_000 });
  await expect(outline.rows.first()).toBeVisible();

  // Rename a node.
  const row = outline.rows.nth(1);
  const rowId = await row.getAttribute('data-node-id');
  await row.dblclick();
  await outline.titleEditor.fill('Renamed in the company plan');
  await page.keyboard.press('Enter');
  const renamed = page.locator(`[role="treeitem"][data-node-id="${rowId}"]`);
  await expect(renamed).toHaveAttribute('aria-label', / Renamed in the company plan$/);

  // Check in on a key result.
  const keyResult = page.locator('[role="treeitem"][data-kind="key_result"]').first();
  await keyResult.click();
  const detail = new DetailPanel(page);
  // The history lists the 5 newest, and the generated check-ins run a year ahead of today: count them.
  const count = detail.root.getByRole('heading', { name: /^Check-ins/ });
  const before = Number(/\((\d+)\)/.exec((await count.textContent()) ?? '')?.[1]);
  await detail.addCheckIn({ value: '42', confidence: 7, note: 'Checked in on the big plan' });
  await expect(count).toHaveText(`Check-ins (${before + 1})`, { timeout: 60_000 });
  await expectAccessible(page, 'the 100,000-node plan open with a key result selected');

  // The pulse and the canvas answer for the whole plan.
  await shell.goTo('Execution pulse');
  await expect(page.getByRole('heading', { name: 'Execution pulse' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(page);
  // Zoomed to fit 100,000 nodes the canvas draws dots, not cards: that it is there is what is checked.
  await expect(canvas.element).toBeVisible({ timeout: 60_000 });

  // Stored in parts, so the next open applies it in slices without cutting it again.
  await page.waitForFunction(() => performance.getEntriesByName('throughline:compacted').length > 0, undefined, { timeout: 5 * 60_000 });
  const stored = await storedRows(page, planId);
  // Parts of 48 KB: more rows than y-indexeddb's 500-row trim, of which only edits since count.
  expect(stored.rows).toBeGreaterThan(500);
  expect(stored.largest).toBeLessThanOrEqual(512 * 1024);
  // An edit now is stored as one more row; it must not make y-indexeddb store the whole plan as one
  // row (its trim runs a second after an edit once it counts 500 rows).
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Outline' }).click();
  const laterId = await outline.rows.nth(2).getAttribute('data-node-id');
  await outline.rows.nth(2).dblclick();
  await outline.titleEditor.fill('Renamed after the plan was stored in parts');
  await page.keyboard.press('Enter');
  await expect(page.locator(`[role="treeitem"][data-node-id="${laterId}"]`)).toHaveAttribute('aria-label', / Renamed after the plan was stored in parts$/);
  await page.waitForTimeout(5_000);
  const afterEdit = await storedRows(page, planId);
  expect(afterEdit.rows).toBeGreaterThan(stored.rows);
  expect(afterEdit.largest).toBeLessThanOrEqual(512 * 1024);

  // Reload: the edit and the check-in are there.
  await page.goto(`${server.url}#/plan/${planId}/outline`);
  await page.reload();
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 10 * 60_000 });
  await expect(page.locator(`[role="treeitem"][data-node-id="${rowId}"]`)).toHaveAttribute('aria-label', / Renamed in the company plan$/);
  await expect(page.locator(`[role="treeitem"][data-node-id="${laterId}"]`)).toHaveAttribute('aria-label', / Renamed after the plan was stored in parts$/);
  await page.locator('[role="treeitem"][data-kind="key_result"]').first().click();
  await expect(count).toHaveText(`Check-ins (${before + 1})`, { timeout: 60_000 });
});
