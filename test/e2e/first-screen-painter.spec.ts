// The stored first screen painted by the page's entry before the app's chunk has run (issue #18:
// first painted rows from navigation). The app's chunk is held back with a route, so what shows is
// the entry's alone; released, the app takes over the painted rows keeping scroll and selection.
import { expect, test, type Page } from '@playwright/test';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { generatedFirstScreenPlan, storedAndOpenedOnce, type FirstScreenPlan } from './support/first-screen-plan.js';
import { firstScreenPollIntervals, storedFirstScreen } from './support/stored-plan.js';

// Held routes see the app's chunk only when the service worker does not answer it.
test.use({ serviceWorkers: 'block' });

const planId = 'painter5k';
let server: RunningProcess & { dataDir: string };
let firstTitles: readonly string[];
let plan: FirstScreenPlan;

test.beforeAll(async () => {
  server = await startSyncServer();
  plan = generatedFirstScreenPlan(planId, 'Painted plan', { nodes: 5000, seed: 20 });
  firstTitles = plan.firstTitles;
});
test.afterAll(async () => { await server.stop(); });

/** Holds every request for the app's chunk until the returned function is called. */
async function holdAppChunk(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.route(/\/assets\/app-main-[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Holds every request for the page's entry module (index.html's one module script) until the returned function is called. */
async function holdEntry(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** The early read's marks: who started it ("page": index.html's inline script) and what it found. */
const earlyReadMarks = (page: Page) => page.evaluate(() => ({
  started: performance.getEntriesByName('throughline:first-screen-early-start').map((mark) => String((mark as PerformanceMark).detail)),
  read: performance.getEntriesByName('throughline:first-screen-early-read').map((mark) => String((mark as PerformanceMark).detail)),
}));

/** Whether any of the app's own code has run in the page (its open starts with this mark). */
const appHasRun = (page: Page) => page.evaluate(() => performance.getEntriesByName('throughline:open-start').length > 0 || document.getElementById('root')!.childElementCount > 0);

test('the stored rows are painted before the app\'s chunk runs, marked "Updating…", and the app takes them over keeping scroll and selection', async ({ page }) => {
  test.setTimeout(180_000);
  await storedAndOpenedOnce(page, server.url, plan);
  const release = await holdAppChunk(page);
  await page.reload();

  const painted = page.locator('[role="tree"][data-painted="true"]');
  await expect(painted).toBeVisible({ timeout: 30_000 });
  await expect(painted).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Updating…' })).toBeVisible();
  await expect(painted.getByRole('treeitem').first()).toHaveAttribute('aria-label', `STR ${firstTitles[0]}`);
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  // The first paint is the painter's, from navigation and from the early read's start.
  await expect.poll(() => page.evaluate(() => (performance.getEntriesByName('throughline:first-paint')[0] as PerformanceMark | undefined)?.detail)).toBe('painter');
  expect(await page.evaluate(() => performance.getEntriesByName('throughline:first-paint-time').length)).toBe(1);
  expect(await appHasRun(page)).toBe(false);
  await expectAccessible(page, 'the first screen painted before the app has loaded');

  // Scroll down and select a row there, by a click and a key.
  await painted.evaluate((tree) => { tree.scrollTop = 2400; });
  const row = painted.locator('[role="treeitem"][aria-level="4"]').nth(3);
  await expect(row).toBeVisible();
  await row.click();
  await page.keyboard.press('ArrowDown');
  const selected = painted.locator('[role="treeitem"][aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  const rowId = await selected.getAttribute('data-node-id');
  expect(rowId).not.toBe(await row.getAttribute('data-node-id'));
  const scrollTop = await painted.evaluate((tree) => tree.scrollTop);
  expect(scrollTop).toBeGreaterThan(1000);
  expect(await appHasRun(page)).toBe(false);

  // The app runs: one outline at every step (never the painted one beside the app's), then the live one.
  await page.evaluate(() => {
    const win = window as unknown as { treesSeen: number[] };
    win.treesSeen = [];
    new MutationObserver(() => { win.treesSeen.push(document.querySelectorAll('[role="tree"]:not([inert] *)').length); }).observe(document.body, { childList: true, subtree: true });
  });
  release();
  const outline = new OutlinePage(page);
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 60_000 });
  await expect(page.locator('[data-painted]')).toHaveCount(0);
  await expect(page.locator('#root')).not.toHaveAttribute('inert');
  expect(new Set(await page.evaluate(() => (window as unknown as { treesSeen: number[] }).treesSeen))).toEqual(new Set([1]));
  // Same row selected, same place, and the keyboard on the list.
  await expect(page.locator(`[role="treeitem"][data-node-id="${rowId}"]`)).toHaveAttribute('aria-selected', 'true');
  expect(Math.abs(await outline.tree.evaluate((tree) => tree.scrollTop) - scrollTop)).toBeLessThan(2);
  await expect(outline.tree).toBeFocused();
  expect(await page.evaluate(() => performance.getEntriesByName('throughline:first-paint').length)).toBe(1);
});

test('the painter paints only what the app would: a stale cache as "Updating…", never another plan\'s or a corrupt one; stored text stays text', async ({ page }) => {
  test.setTimeout(240_000);
  const cached = await storedAndOpenedOnce(page, server.url, plan);
  const rows = cached.rows as { title: string }[];
  const painted = page.locator('[role="tree"][data-painted="true"]');
  const hostileTitle = '<img src=x onerror="window.injected=1"><b>bold</b>';
  const longTitle = `${'Long title '.repeat(45)}end`;

  // Stale (another state vector) and with hostile and long titles: painted, as text, marked updating.
  const stale = { ...cached, stateVector: [1, 200, 1, 3], rows: [{ ...rows[0]!, title: hostileTitle }, { ...rows[1]!, title: longTitle }, ...rows.slice(2)] };
  await storedFirstScreen(page, planId, { value: stale });
  let release = await holdAppChunk(page);
  await page.reload();
  await expect(painted).toBeVisible({ timeout: 30_000 });
  await expect(painted).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Updating…' })).toBeVisible();
  const first = painted.getByRole('treeitem').first();
  await expect(first).toHaveAttribute('aria-label', `STR ${hostileTitle}`);
  await expect(first.locator('.row-title')).toHaveText(hostileTitle);
  await expect(painted.locator('img, b')).toHaveCount(0);
  await expect(painted.getByRole('treeitem').nth(1).locator('.row-title')).toHaveText(longTitle);
  expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
  expect(await appHasRun(page)).toBe(false);
  await expectAccessible(page, 'a stale first screen with hostile titles, painted before the app');
  // Released, the document's outline replaces it: the stale titles are not shown as current.
  release();
  const outline = new OutlinePage(page);
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 60_000 });
  await expect(outline.rows.first()).toHaveAttribute('aria-label', `STR ${firstTitles[0]}`);
  await expect(page.getByRole('treeitem', { name: `STR ${hostileTitle}` })).toHaveCount(0);
  await page.unrouteAll();
  const ownStored = () => expect.poll(async () => ((await storedFirstScreen(page, planId)) as { rows?: { title: string }[] } | null)?.rows?.[0]?.title, { timeout: 30_000, intervals: firstScreenPollIntervals }).toBe(firstTitles[0]);
  await ownStored();

  const ignored: [string, unknown, RegExp][] = [
    ['another plan', { ...cached, planId: 'someotherplan', rows: [{ ...rows[0]!, title: 'Another plan' }] }, /another plan/],
    ['corrupt', 'not a first screen at all', /not valid/],
    ['out of range', { ...cached, rows: [{ ...rows[0]!, title: 'Out of range', progress: 1e9 }] }, /not valid/],
    ['not an outline', { ...cached, rows: [{ ...rows[1]!, parent: 'nowhere', title: 'Orphan' }] }, /not under an earlier row/],
  ];
  for (const [name, value, reason] of ignored) {
    await storedFirstScreen(page, planId, { value });
    release = await holdAppChunk(page);
    await page.reload();
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('throughline:first-screen-not-painted').map((mark) => String((mark as PerformanceMark).detail)).join(' ')), { message: name, timeout: 30_000 }).toMatch(reason);
    await expect(painted, name).toHaveCount(0);
    expect(await appHasRun(page), name).toBe(false);
    release();
    await expect(outline.tree, name).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
    await page.unrouteAll();
    // The app stores the document's own first screen again before the next case replaces it.
    await ownStored();
  }
});

test('index.html reads the stored first screen before the entry module has loaded, the entry paints from that read, and a hostile or corrupt record it finds is refused all the same', async ({ page }) => {
  test.setTimeout(240_000);
  const cached = await storedAndOpenedOnce(page, server.url, plan);
  const rows = cached.rows as { title: string }[];
  const painted = page.locator('[role="tree"][data-painted="true"]');
  const outline = new OutlinePage(page);
  const refusedByPolicy: string[] = [];
  page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) refusedByPolicy.push(message.text()); });
  const hostileTitle = '<img src=x onerror="window.injected=1"><b>bold</b>';
  await storedFirstScreen(page, planId, { value: { ...cached, stateVector: [1, 200, 1, 3], rows: [{ ...rows[0]!, title: hostileTitle }, ...rows.slice(1)] } });

  let releaseEntry = await holdEntry(page);
  let releaseApp = await holdAppChunk(page);
  await page.reload({ waitUntil: 'commit' });
  // With the entry module still held, the page's own script has started the read and has its answer.
  await expect.poll(() => earlyReadMarks(page), { timeout: 30_000 }).toEqual({ started: ['page'], read: ['found'] });
  await expect(painted).toHaveCount(0);
  releaseEntry();
  await expect(painted).toBeVisible({ timeout: 30_000 });
  // Painted from that read: the entry started none of its own and took the page's (its global is gone).
  expect(await earlyReadMarks(page)).toEqual({ started: ['page'], read: ['found'] });
  expect(await page.evaluate(() => 'throughlineFirstScreenRead' in window)).toBe(false);
  await expect(page.getByRole('status').filter({ hasText: 'Updating…' })).toBeVisible();
  await expect(painted.getByRole('treeitem').first().locator('.row-title')).toHaveText(hostileTitle);
  await expect(painted.locator('img, b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
  expect(await appHasRun(page)).toBe(false);
  releaseApp();
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 60_000 });
  await expect(outline.rows.first()).toHaveAttribute('aria-label', `STR ${firstTitles[0]}`);
  await page.unrouteAll();
  await expect.poll(async () => ((await storedFirstScreen(page, planId)) as { rows?: { title: string }[] } | null)?.rows?.[0]?.title, { timeout: 30_000, intervals: firstScreenPollIntervals }).toBe(firstTitles[0]);

  // A corrupt record found by the page's read is not painted.
  await storedFirstScreen(page, planId, { value: 'not a first screen at all' });
  releaseEntry = await holdEntry(page);
  releaseApp = await holdAppChunk(page);
  await page.reload({ waitUntil: 'commit' });
  await expect.poll(() => earlyReadMarks(page), { timeout: 30_000 }).toEqual({ started: ['page'], read: ['found'] });
  releaseEntry();
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('throughline:first-screen-not-painted').map((mark) => String((mark as PerformanceMark).detail)).join(' ')), { timeout: 30_000 }).toMatch(/not valid/);
  await expect(painted).toHaveCount(0);
  expect(await appHasRun(page)).toBe(false);
  releaseApp();
  await expect(outline.tree).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
  expect(refusedByPolicy).toEqual([]);
});
