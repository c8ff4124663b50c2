// A keyboard user in a 5,000-row outline: PageDown and PageUp move the selection a window at a
// time (WAI-ARIA tree pattern), so the middle of a large plan is not hundreds of arrow presses away.
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { generatePlan } from '../../shared/model/fixtures/generate-plan.js';
import { AppShell } from './pages/app-shell.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser } from './support/stored-plan.js';

let server: RunningProcess & { dataDir: string };
let update: Uint8Array;
test.beforeAll(async () => {
  server = await startSyncServer();
  const doc = new Y.Doc();
  generatePlan(doc, { nodes: 5_000, checkIns: 0, seed: 5 });
  update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
});
test.afterAll(async () => { await server.stop(); });

const rowHeight = 32;

/** The selected row's position in the outline (rows are laid out `rowHeight` apart). */
async function selectedPosition(outline: OutlinePage): Promise<number> {
  const top = await outline.selectedRow.evaluate((row) => new DOMMatrix(getComputedStyle(row).transform).m42);
  return Math.round(top / rowHeight);
}

async function pageRows(page: Page): Promise<number> {
  const height = await page.getByRole('tree', { name: 'Plan outline' }).evaluate((tree) => tree.clientHeight);
  return Math.floor(height / rowHeight) - 1;
}

test('PageDown and PageUp move the selection a window at a time through 5,000 rows, the selected row in view', async ({ page }) => {
  const outline = new OutlinePage(page);
  await new AppShell(page).open(server.url);
  await storePlanInBrowser(page, { id: 'paging-plan', name: 'Company plan', update });
  await page.goto(`${server.url}#/plan/paging-plan/outline`);
  await expect(outline.rows.first()).toBeVisible({ timeout: 60_000 });
  await expect(outline.tree).not.toHaveAttribute('data-first-screen');
  await outline.focus();
  const page1 = await pageRows(page);
  expect(page1).toBeGreaterThan(5);

  await outline.press('Home');
  await expect.poll(() => selectedPosition(outline)).toBe(0);
  await outline.press('PageDown');
  await expect.poll(() => selectedPosition(outline)).toBe(page1);
  await expect(outline.selectedRow).toBeInViewport();
  await outline.press('PageDown');
  await expect.poll(() => selectedPosition(outline)).toBe(2 * page1);
  await expect(outline.selectedRow).toBeInViewport();
  await outline.press('PageUp');
  await expect.poll(() => selectedPosition(outline)).toBe(page1);

  await outline.press('End');
  await expect.poll(() => selectedPosition(outline)).toBeGreaterThan(4_000);
  const last = await selectedPosition(outline);
  await outline.press('PageUp');
  await expect.poll(() => selectedPosition(outline)).toBe(last - page1);
  await expect(outline.selectedRow).toBeInViewport();
  // At the ends a page stops at the first and the last row.
  await outline.press('PageDown');
  await outline.press('PageDown');
  await expect.poll(() => selectedPosition(outline)).toBe(last);
  await expect(outline.tree).toBeFocused();
  await expectAccessible(page, 'a 5,000-row outline paged with the keyboard');
});
