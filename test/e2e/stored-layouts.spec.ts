// Plans stored by older versions of the app open in this one, which stores a plan in parts an open
// applies as they are (issue #18): nothing is lost, the first compaction re-stores rows an open
// would have to cut, and a person's edit survives the reload that reads the new layout.
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { generatePlan } from '../../shared/model/fixtures/generate-plan.js';
import { splitUpdate } from '../../shared/sync/update-parts.js';
import { AppShell } from './pages/app-shell.js';
import { OutlinePage } from './pages/outline-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storedRowBytes, storePlanInBrowser } from './support/stored-plan.js';

/** Rows larger than this are cut on open (update-work.ts: a part and a half of 48 KB). */
const cutAbove = 72 * 1024;

let server: RunningProcess & { dataDir: string };
let whole: Uint8Array;
/** Two edits made after the plan was stored, each its own row (as y-indexeddb stores them). */
let edits: Uint8Array[];
let reference: Y.Doc;

test.beforeAll(async () => {
  server = await startSyncServer();
  reference = new Y.Doc({ gc: false });
  generatePlan(reference, { nodes: 2000, checkIns: 10_000, seed: 18 });
  whole = Y.encodeStateAsUpdate(reference);
  edits = [];
  reference.on('update', (update: Uint8Array) => edits.push(update));
  reference.transact(() => reference.getMap('meta').set('stored-by', 'an older version'));
  reference.transact(() => reference.getMap('meta').delete('stored-by'));
});
test.afterAll(async () => { await server.stop(); });

/** True when `rows`, applied to one doc, hold everything of `reference` (applying it changes nothing). */
function holdsEverythingOf(rows: readonly Uint8Array[], expected: Y.Doc): boolean {
  const doc = new Y.Doc({ gc: false });
  for (const row of rows) Y.applyUpdate(doc, row);
  const before = Y.encodeStateAsUpdate(doc);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(expected));
  return Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Buffer.from(before)) && doc.store.pendingStructs === null;
}

/** Opens the stored plan and waits until it is live and compacted; returns the `rows-read` mark's detail. */
async function openedAndCompacted(page: Page, planId: string): Promise<string> {
  await page.goto(`${server.url}#/plan/${planId}/outline`);
  await page.reload();
  const outline = new OutlinePage(page);
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 120_000 });
  await expect(outline.tree).not.toHaveAttribute('aria-busy', 'true', { timeout: 120_000 });
  await page.waitForFunction(() => performance.getEntriesByName('throughline:compacted').length > 0, undefined, { timeout: 120_000 });
  return page.evaluate(() => String((performance.getEntriesByName('throughline:rows-read')[0] as PerformanceMark).detail));
}

const layouts: [string, () => Uint8Array[]][] = [
  ['one whole row (the first versions)', () => [whole, ...edits]],
  ['rows of about 210 KB (the last version, for a plan past 300 parts of 64 KB)', () => [...splitUpdate(whole, 210 * 1024), ...edits]],
  ['parts of 64 KB (the last version, for an ordinary plan)', () => [...splitUpdate(whole, 64 * 1024), ...edits]],
];

for (const [layout, rowsOf] of layouts) {
  test(`a plan stored as ${layout} opens with nothing lost, and is stored as parts no open cuts`, async ({ page }) => {
    test.setTimeout(300_000);
    const planId = `layout${layouts.findIndex(([name]) => name === layout)}`;
    const rows = rowsOf();
    await new AppShell(page).open(server.url);
    await storePlanInBrowser(page, { id: planId, name: 'Stored by an older version', update: whole, rows });

    await openedAndCompacted(page, planId);
    const compacted = await storedRowBytes(page, planId);
    expect(holdsEverythingOf(compacted, reference)).toBe(true);
    // Rows an open would have cut are stored as parts; rows it applies as they are stay.
    expect(Math.max(...compacted.map((row) => row.byteLength))).toBeLessThanOrEqual(cutAbove);
    const storedBytes = compacted.reduce((sum, row) => sum + row.byteLength, 0);
    expect(storedBytes).toBeLessThan(1.1 * (whole.byteLength + edits.reduce((sum, edit) => sum + edit.byteLength, 0)));

    // A person's edit, then a reload that reads the new layout: nothing of it is cut, nothing lost.
    const outline = new OutlinePage(page);
    const row = outline.rows.nth(1);
    const rowId = await row.getAttribute('data-node-id');
    await row.dblclick();
    await outline.titleEditor.fill('Renamed after the layout changed');
    await page.keyboard.press('Enter');
    await expect(page.locator(`[role="treeitem"][data-node-id="${rowId}"]`)).toHaveAttribute('aria-label', / Renamed after the layout changed$/);
    const read = await openedAndCompacted(page, planId);
    const largest = Number(/largest (\d+) bytes/.exec(read)?.[1]);
    expect(largest).toBeLessThanOrEqual(cutAbove);
    await expect(page.locator(`[role="treeitem"][data-node-id="${rowId}"]`)).toHaveAttribute('aria-label', / Renamed after the layout changed$/);
    expect(holdsEverythingOf(await storedRowBytes(page, planId), reference)).toBe(true);
  });
}
