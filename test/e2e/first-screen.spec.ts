// Paint first, load behind (issue #18): a stored plan opens onto its stored first screen, marked
// "Updating…", and swaps to the live outline keeping selection, scroll and typing. A stale first
// screen is never shown as current; another plan's or a corrupt one is never shown at all.
import { expect, test, type Page } from '@playwright/test';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { generatedFirstScreenPlan, storedAndOpenedOnce, type FirstScreenPlan } from './support/first-screen-plan.js';
import { firstScreenPollIntervals, holdPlanLoad, openingPhases, recordOpeningPhases, releasePlanLoad, storedFirstScreen } from './support/stored-plan.js';

const planId = 'firstscreen5k';
let server: RunningProcess & { dataDir: string };
let firstTitles: readonly string[];
let plan: FirstScreenPlan;

test.beforeAll(async () => {
  server = await startSyncServer();
  plan = generatedFirstScreenPlan(planId, 'Ten thousand people', { nodes: 5000, seed: 18 });
  firstTitles = plan.firstTitles;
});
test.afterAll(async () => { await server.stop(); });

/** Reopens the stored plan with its document load held back, so only the stored first screen shows. */
async function reopenedOnFirstScreen(page: Page): Promise<OutlinePage> {
  await storedAndOpenedOnce(page, server.url, plan);
  await holdPlanLoad(page, planId);
  await page.reload();
  const outline = new OutlinePage(page);
  await expect(outline.tree).toHaveAttribute('data-first-screen', 'true');
  // The app's first screen (editable), not the one the page's entry may paint before the app runs.
  await expect(page.locator('#root [role="tree"][data-first-screen]')).toBeVisible({ timeout: 30_000 });
  return outline;
}

test('a stored plan paints its first screen marked "Updating…" before the document is read, then goes live', async ({ page }) => {
  test.setTimeout(180_000);
  const cached = await storedAndOpenedOnce(page, server.url, plan);
  expect((cached.rows as unknown[]).length).toBe(400);
  expect(cached.rowCount).toBe(5000);

  await recordOpeningPhases(page);
  await page.reload();
  const outline = new OutlinePage(page);
  await expect(outline.tree).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
  await expect(outline.tree).not.toHaveAttribute('data-first-screen');
  const phases = await openingPhases(page);
  // First the stored rows, busy and saying so; then the live outline, and nothing cached after it.
  expect(phases[0]).toEqual({ phase: 'cached', updating: true, busy: true, firstRow: `STR ${firstTitles[0]}` });
  expect(phases.at(-1)?.phase).toBe('live');
  expect(phases.findIndex((phase) => phase.phase === 'live')).toBe(phases.length - 1);
  await expect(page.getByText('Updating…')).toHaveCount(0);
  const [firstPaint, interactive] = await page.evaluate(() => ['throughline:first-paint', 'throughline:outline-interactive'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN));
  expect(firstPaint).toBeLessThan(interactive!);
});

test('the first screen is read while the app starts, for the plan the address names, and only for that first open', async ({ page }) => {
  test.setTimeout(180_000);
  await storedAndOpenedOnce(page, server.url, plan);
  const marks = () => page.evaluate(() => Object.fromEntries(['throughline:first-screen-early-start', 'throughline:first-screen-early-read', 'throughline:open-start', 'throughline:first-screen-db-open', 'throughline:first-paint']
    .map((name) => [name.replace('throughline:', ''), performance.getEntriesByName(name).map((mark) => ({ at: mark.startTime, detail: String((mark as PerformanceMark).detail) }))])));
  await page.reload();
  const outline = new OutlinePage(page);
  await expect(outline.tree).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
  let seen = await marks();
  // Started before the plan's open, found the stored first screen, which the open painted without reading the database again.
  expect(seen['first-screen-early-start']).toHaveLength(1);
  expect(seen['first-screen-early-start']![0]!.at).toBeLessThan(seen['open-start']![0]!.at);
  expect(seen['first-screen-early-read']!.map((mark) => mark.detail)).toEqual(['found']);
  expect(seen['first-screen-db-open']).toHaveLength(0);
  expect(seen['first-paint']).toHaveLength(1);
  await expect(outline.rows.first()).toHaveAttribute('aria-label', `STR ${firstTitles[0]}`);

  // Opened again from the library in the same page: read afresh, not the value read at start.
  await page.evaluate(() => { window.location.hash = '#/'; });
  await expect(page.getByRole('heading', { name: 'Plans', exact: true })).toBeVisible({ timeout: 30_000 });
  await page.evaluate((id) => { window.location.hash = `#/plan/${id}/outline`; }, planId);
  await expect(outline.tree).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
  seen = await marks();
  expect(seen['first-screen-early-start']).toHaveLength(1);
  expect(seen['first-screen-db-open']).toHaveLength(1);

  // The library's address starts no read (a new page load there: going to it is a same-document navigation).
  await page.goto(`${server.url}#/`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Plans', exact: true })).toBeVisible({ timeout: 30_000 });
  seen = await marks();
  expect(seen['first-screen-early-start']).toHaveLength(0);
});

test('the swap keeps the selection, the scroll position and the title being typed; the edit is saved', async ({ page }) => {
  test.setTimeout(180_000);
  const outline = await reopenedOnFirstScreen(page);
  await expect(page.getByRole('status').filter({ hasText: 'Updating…' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expectAccessible(page, 'the stored first screen while the plan loads');
  await page.screenshot({ path: 'docs/screenshots/first-screen-updating.png' });

  // Scroll down, pick a row there, and start renaming it while the document is still being read.
  await outline.tree.evaluate((tree) => { tree.scrollTop = 2400; });
  await expect.poll(() => outline.tree.evaluate((tree) => tree.scrollTop)).toBeGreaterThan(1000);
  const rowId = await page.locator('[role="treeitem"][aria-level="4"]').nth(4).getAttribute('data-node-id');
  const row = page.locator(`[role="treeitem"][data-node-id="${rowId}"]`);
  await row.scrollIntoViewIfNeeded();
  await row.click();
  const scrollTop = await outline.tree.evaluate((tree) => tree.scrollTop);
  expect(scrollTop).toBeGreaterThan(1000);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('F2');
  await expect(outline.titleEditor).toBeFocused();
  await outline.titleEditor.fill('');
  await page.keyboard.type('Renamed while loading');

  await releasePlanLoad(page);
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 60_000 });
  // Live now: same row selected, same place, and the typing is still there and still going.
  await expect(page.locator(`[role="treeitem"][data-node-id="${rowId}"]`)).toHaveAttribute('aria-selected', 'true');
  expect(Math.abs(await outline.tree.evaluate((tree) => tree.scrollTop) - scrollTop)).toBeLessThan(2);
  await expect(outline.titleEditor).toHaveValue('Renamed while loading');
  await expect(outline.titleEditor).toBeFocused();
  await page.keyboard.type(' and after');
  await page.keyboard.press('Enter');
  const renamed = page.locator(`[role="treeitem"][data-node-id="${rowId}"]`);
  await expect(renamed).toHaveAttribute('aria-label', / Renamed while loading and after$/);

  // Saved: once stored (what the desktop app waits for when it quits), a reload's live outline,
  // scrolled back there, has it.
  await page.evaluate(() => (window as unknown as { throughlineFlush: () => Promise<void> }).throughlineFlush());
  await page.reload();
  await releasePlanLoad(page);
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 60_000 });
  await outline.tree.evaluate((tree, top) => { tree.scrollTop = top; }, scrollTop);
  await expect(page.locator(`[role="treeitem"][data-node-id="${rowId}"]`)).toHaveAttribute('aria-label', / Renamed while loading and after$/);
});

test('a title committed on the first screen is written once the plan is open, as one undo step', async ({ page }) => {
  test.setTimeout(180_000);
  const outline = await reopenedOnFirstScreen(page);
  const row = outline.rows.nth(1);
  const rowId = await row.getAttribute('data-node-id');
  const before = await row.getAttribute('aria-label');
  await row.dblclick();
  await outline.titleEditor.fill('Committed while loading');
  await page.keyboard.press('Enter');
  await expect(page.locator(`[role="treeitem"][data-node-id="${rowId}"]`)).toHaveAttribute('aria-label', / Committed while loading$/);
  await releasePlanLoad(page);
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 60_000 });
  const live = page.locator(`[role="treeitem"][data-node-id="${rowId}"]`);
  await expect(live).toHaveAttribute('aria-label', / Committed while loading$/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(live).toHaveAttribute('aria-label', before!);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(live).toHaveAttribute('aria-label', / Committed while loading$/);
});

test('the live views render behind the first screen: a title committed there after the plan opened is saved', async ({ page }) => {
  test.setTimeout(180_000);
  const outline = await reopenedOnFirstScreen(page);
  const row = outline.rows.nth(2);
  const rowId = await row.getAttribute('data-node-id');
  await row.dblclick();
  await outline.titleEditor.fill('Committed as the plan opened');
  // Right after the opened plan is handed to the views (and after the titles committed while loading
  // were written): the first screen is still on the page, and Enter in its title field commits there.
  await page.evaluate(() => {
    const win = window as unknown as { firstScreenAfterOpen?: boolean };
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      if (name === 'throughline:live-views-set') {
        queueMicrotask(() => {
          win.firstScreenAfterOpen = document.querySelector('[data-first-screen]') !== null;
          document.querySelector('[data-first-screen] .row-title-input')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        });
      }
      return mark(name, options);
    };
  });
  await releasePlanLoad(page);
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { firstScreenAfterOpen?: boolean }).firstScreenAfterOpen)).toBe(true);
  await expect(page.locator(`[role="treeitem"][data-node-id="${rowId}"]`)).toHaveAttribute('aria-label', / Committed as the plan opened$/);
  // Written to the document, not only shown: a reload's live outline has it.
  await page.evaluate(() => (window as unknown as { throughlineFlush: () => Promise<void> }).throughlineFlush());
  await page.reload();
  await releasePlanLoad(page);
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 60_000 });
  await expect(page.locator(`[role="treeitem"][data-node-id="${rowId}"]`)).toHaveAttribute('aria-label', / Committed as the plan opened$/);
});

test('a stale first screen is shown only as "Updating…" and replaced by the document\'s; another plan\'s or a corrupt one is never shown', async ({ page }) => {
  test.setTimeout(240_000);
  const cached = await storedAndOpenedOnce(page, server.url, plan);
  const rows = cached.rows as { title: string }[];
  const outline = new OutlinePage(page);
  await recordOpeningPhases(page);

  // Stale: the titles of some other state, under another state vector.
  const stale = { ...cached, stateVector: [1, 200, 1, 3], rows: [{ ...rows[0]!, title: 'A title from an old state' }, ...rows.slice(1)] };
  await storedFirstScreen(page, planId, { value: stale });
  await page.reload();
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 60_000 });
  let phases = await openingPhases(page);
  expect(phases[0]).toEqual({ phase: 'cached', updating: true, busy: true, firstRow: 'STR A title from an old state' });
  expect(phases.at(-1)?.phase).toBe('live');
  await expect(page.getByRole('treeitem', { name: 'STR A title from an old state' })).toHaveCount(0);
  await expect(outline.rows.first()).toHaveAttribute('aria-label', `STR ${firstTitles[0]}`);
  // Replaced by the document's own first screen.
  await expect.poll(async () => ((await storedFirstScreen(page, planId)) as { rows: { title: string }[] }).rows[0]!.title, { timeout: 30_000, intervals: firstScreenPollIntervals }).toBe(firstTitles[0]);
  expect(((await storedFirstScreen(page, planId)) as { stateVector: number[] }).stateVector).toEqual(cached.stateVector);

  const hostile: [string, unknown, RegExp][] = [
    ['another plan', { ...cached, planId: 'someotherplan', rows: [{ ...rows[0]!, title: 'Another plan' }] }, /another plan/],
    ['corrupt', 'not a first screen at all', /not valid/],
    ['hostile', { ...cached, rows: [{ ...rows[0]!, title: '<img src=x onerror="document.title=1">', progress: 1e9 }] }, /not valid/],
  ];
  for (const [name, value, reason] of hostile) {
    await storedFirstScreen(page, planId, { value });
    await page.reload();
    await expect(outline.tree).toBeVisible({ timeout: 60_000 });
    await expect(outline.tree, name).not.toHaveAttribute('data-first-screen');
    phases = await openingPhases(page);
    expect(phases.every((phase) => phase.phase === 'live'), name).toBe(true);
    const ignored = await page.evaluate(() => performance.getEntriesByName('throughline:first-screen-ignored').map((mark) => String((mark as PerformanceMark).detail)));
    expect(ignored.join(' '), name).toMatch(reason);
    await expect(outline.rows.first()).toHaveAttribute('aria-label', `STR ${firstTitles[0]}`);
  }
});

/**
 * Watches the live outline's list from the page: every size read, scroll write and focus on it made
 * by the app's own code, with the number of frames painted since the live list was inserted. Each of
 * them before the next frame forces a style and layout of the new page inside the swap's task.
 */
function watchLiveListAccess(): void {
  const win = window as unknown as { listAccess: { what: string; framesAfterSwap: number }[]; swapFrame: number | null };
  win.listAccess = [];
  win.swapFrame = null;
  let frames = 0;
  const count = () => { frames += 1; requestAnimationFrame(count); };
  requestAnimationFrame(count);
  const isLiveList = (element: Element) => element.getAttribute('role') === 'tree' && !element.hasAttribute('data-first-screen');
  const record = (what: string) => {
    // Only the app's bundle: Playwright's own checks read sizes too.
    if (!(new Error().stack ?? '').includes('/assets/')) return;
    win.listAccess.push({ what, framesAfterSwap: win.swapFrame === null ? -1 : frames - win.swapFrame });
  };
  new MutationObserver(() => {
    if (win.swapFrame === null && document.querySelector('[role="tree"]:not([data-first-screen])')) win.swapFrame = frames;
  }).observe(document.body, { childList: true, subtree: true });
  for (const name of ['clientHeight', 'clientWidth', 'scrollTop', 'scrollHeight'] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(Element.prototype, name)!;
    Object.defineProperty(Element.prototype, name, {
      ...descriptor,
      get(this: Element) { if (isLiveList(this)) record(`read ${name}`); return descriptor.get!.call(this); },
      ...(descriptor.set ? { set(this: Element, value: number) { if (isLiveList(this)) record(`write ${name}`); descriptor.set!.call(this, value); } } : {}),
    });
  }
  for (const [prototype, name] of [[Element.prototype, 'scrollTo'], [Element.prototype, 'getBoundingClientRect'], [HTMLElement.prototype, 'focus']] as const) {
    const method = (prototype as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
    (prototype as unknown as Record<string, unknown>)[name] = function (this: Element, ...args: unknown[]) {
      if (isLiveList(this)) record(name);
      return method.apply(this, args);
    };
  }
}

test('the live outline starts from the first screen\'s size and scroll position, forcing no layout in the swap\'s task', async ({ page }) => {
  test.setTimeout(180_000);
  const outline = await reopenedOnFirstScreen(page);
  await outline.tree.evaluate((tree) => { tree.scrollTop = 2400; });
  await expect.poll(() => outline.tree.evaluate((tree) => tree.scrollTop)).toBe(2400);
  await page.evaluate(watchLiveListAccess);
  // What the live list holds at the end of the swap's task (a mutation observer runs then, before any frame).
  await page.evaluate(() => {
    const win = window as unknown as { firstLiveRows: number[] | null };
    win.firstLiveRows = null;
    new MutationObserver((_records, observer) => {
      const live = document.querySelector('[role="tree"]:not([data-first-screen])');
      if (!live) return;
      win.firstLiveRows = [...live.querySelectorAll<HTMLElement>('[role="treeitem"]')].map((row) => Number(/translateY\(([-\d.]+)px\)/.exec(row.style.transform)?.[1] ?? Number.NaN));
      observer.disconnect();
    }).observe(document.body, { childList: true, subtree: true });
  });
  await releasePlanLoad(page);
  await expect(outline.tree).not.toHaveAttribute('data-first-screen', { timeout: 60_000 });
  await expect.poll(() => outline.tree.evaluate((tree) => tree.scrollTop)).toBe(2400);
  // Keyboard-first still: the live list has the focus the first screen's had.
  await expect(outline.tree).toBeFocused();

  // Nothing read the list's size, wrote its scroll position or focused it before the first frame after the swap.
  const access = await page.evaluate(() => (window as unknown as { listAccess: { what: string; framesAfterSwap: number }[] }).listAccess);
  expect(access.filter((entry) => entry.framesAfterSwap < 1)).toEqual([]);
  // Its first render already held the rows around the handed-over position, down to the bottom of the list.
  const height = await outline.tree.evaluate((tree) => tree.clientHeight);
  const tops = await page.evaluate(() => (window as unknown as { firstLiveRows: number[] }).firstLiveRows);
  expect(tops.length).toBeGreaterThan(0);
  expect(Math.min(...tops)).toBeLessThanOrEqual(2400);
  expect(Math.max(...tops) + 32).toBeGreaterThanOrEqual(2400 + height);
});
