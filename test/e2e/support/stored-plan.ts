import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';

/**
 * Puts a plan on the page's device as the app stores it: its document in y-indexeddb's layout
 * (one row in `updates`, or the rows given, as an older version stored them) and an entry in the
 * library (and, unless `identity` is false, a person "Ada" on the device when it has none). For large
 * generated plans that would take minutes to build through the UI.
 *
 * The rows reach the page as files of a file input the helper adds and removes again: Chromium reads
 * them from disk. As base64 strings through `page.evaluate` the 83 MB plan took 54 s to send and 21 s
 * to decode on a loaded machine (docs/testing.md, testtime3).
 */
export async function storePlanInBrowser(page: Page, plan: { id: string; name: string; update: Uint8Array; rows?: readonly Uint8Array[]; identity?: boolean }): Promise<void> {
  const rows = plan.rows ?? [plan.update];
  const folder = mkdtempSync(path.join(tmpdir(), 'throughline-stored-plan-'));
  try {
    // Named in key order: the page sorts by name, whatever order the file list keeps.
    const files = rows.map((row, index) => {
      const file = path.join(folder, `row-${String(index).padStart(6, '0')}.bin`);
      writeFileSync(file, row);
      return file;
    });
    const input = await page.evaluateHandle(() => {
      const element = document.createElement('input');
      element.type = 'file';
      element.multiple = true;
      element.hidden = true;
      document.body.append(element);
      return element;
    });
    await input.setInputFiles(files);
    await input.evaluate(async (element, { id, name, identity }) => {
      const chosen = [...(element.files ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const stored = await Promise.all(chosen.map(async (file) => new Uint8Array(await file.arrayBuffer())));
      element.remove();
      const request = indexedDB.open(`throughline-plan:${id}`);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('updates', { autoIncrement: true });
        request.result.createObjectStore('custom');
      };
      const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
      const tx = db.transaction('updates', 'readwrite');
      for (const bytes of stored) tx.objectStore('updates').add(bytes);
      await new Promise<void>((resolve, reject) => { tx.oncomplete = () => resolve(); tx.onerror = () => reject(tx.error); });
      db.close();
      const now = Date.now();
      const library = JSON.parse(localStorage.getItem('throughline:library:v1') ?? '[]') as unknown[];
      localStorage.setItem('throughline:library:v1', JSON.stringify([...library, { id, name, createdAt: now, openedAt: now }]));
      if (identity && !localStorage.getItem('throughline:identity:v1')) localStorage.setItem('throughline:identity:v1', JSON.stringify({ name: 'Ada', colour: '#3b6fd8', personByPlan: {} }));
    }, { id: plan.id, name: plan.name, identity: plan.identity ?? true });
    await input.dispose();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The rows and bytes of a plan's stored document (y-indexeddb's `updates` store), read in the page. */
export async function storedRows(page: Page, planId: string): Promise<{ rows: number; bytes: number; largest: number }> {
  return page.evaluate(async (name) => {
    const request = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
    const all = db.transaction('updates', 'readonly').objectStore('updates').getAll();
    const rows = await new Promise<Uint8Array[]>((resolve, reject) => { all.onsuccess = () => resolve(all.result as Uint8Array[]); all.onerror = () => reject(all.error); });
    db.close();
    return { rows: rows.length, bytes: rows.reduce((sum, row) => sum + row.byteLength, 0), largest: rows.reduce((most, row) => Math.max(most, row.byteLength), 0) };
  }, `throughline-plan:${planId}`);
}

/** Every row of a plan's stored document, in key order (to check in Node what it holds). */
export async function storedRowBytes(page: Page, planId: string): Promise<Uint8Array[]> {
  const rows = await page.evaluate(async (name) => {
    const request = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
    const all = db.transaction('updates', 'readonly').objectStore('updates').getAll();
    const values = await new Promise<Uint8Array[]>((resolve, reject) => { all.onsuccess = () => resolve(all.result as Uint8Array[]); all.onerror = () => reject(all.error); });
    db.close();
    return values.map((row) => { let text = ''; for (const byte of row) text += String.fromCharCode(byte); return btoa(text); });
  }, `throughline-plan:${planId}`);
  return rows.map((base64) => new Uint8Array(Buffer.from(base64, 'base64')));
}

/**
 * `expect.poll`'s intervals for waiting on the stored first screen, which the app writes 1.5 s after the
 * plan settles (first-screen-keeper.ts): a read every 100 ms. The default 100, 250, 500, 1000, 1000… ms
 * saw a write landing just after 1.85 s only at 2.85 s, in each of the ~17 waits of the first-screen
 * specs (docs/testing.md, testtime13). The timeouts and what is waited for are unchanged.
 */
export const firstScreenPollIntervals = [100];

/** Reads (`value` undefined) or replaces the stored first screen of a plan, in the page. */
export async function storedFirstScreen(page: Page, planId: string, replace?: { value: unknown }): Promise<unknown> {
  return page.evaluate(async ({ planId, replace }) => {
    const request = indexedDB.open(`throughline-plan:${planId}`);
    const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
    try {
      const store = db.transaction('custom', replace ? 'readwrite' : 'readonly').objectStore('custom');
      const done = <T,>(req: IDBRequest<T>) => new Promise<T>((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
      if (replace) {
        // Byte arrays travel as plain arrays; turn them back into bytes as the app would store them.
        const value = replace.value as Record<string, unknown> | null;
        const stored = value && typeof value === 'object' && Array.isArray(value.stateVector) ? { ...value, stateVector: new Uint8Array(value.stateVector as number[]) } : replace.value;
        await done(store.put(stored, 'first-screen'));
        return null;
      }
      const value = await done(store.get('first-screen')) as Record<string, unknown> | undefined;
      return value && value.stateVector instanceof Uint8Array ? { ...value, stateVector: [...value.stateVector] } : value ?? null;
    } finally {
      db.close();
    }
  }, { planId, replace });
}

/**
 * Records, from the page's first script on, what the outline showed while opening: each change
 * between the stored first screen ("cached", with whether it said "Updating…" and was busy, and
 * its first row) and the live outline ("live"). Read it with `openingPhases`.
 */
export async function recordOpeningPhases(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const phases: { phase: 'cached' | 'live'; updating: boolean; busy: boolean; firstRow: string | null }[] = [];
    (window as unknown as { openingPhases: typeof phases }).openingPhases = phases;
    const look = () => {
      const tree = document.querySelector('[role="tree"][aria-label="Plan outline"]');
      if (!tree) return;
      const phase = tree.hasAttribute('data-first-screen') ? 'cached' : 'live';
      const firstRow = tree.querySelector('[role="treeitem"]')?.getAttribute('aria-label') ?? null;
      const last = phases.at(-1);
      if (last?.phase === phase && (phase === 'live' || last.firstRow === firstRow)) return;
      phases.push({ phase, updating: document.body.textContent?.includes('Updating…') ?? false, busy: tree.getAttribute('aria-busy') === 'true', firstRow });
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

export function openingPhases(page: Page): Promise<{ phase: 'cached' | 'live'; updating: boolean; busy: boolean; firstRow: string | null }[]> {
  return page.evaluate(() => (window as unknown as { openingPhases: { phase: 'cached' | 'live'; updating: boolean; busy: boolean; firstRow: string | null }[] }).openingPhases);
}

/**
 * Simulates a slow disk for one plan: the database connection the document is read through (the
 * second one opened for the plan on each page load; the first reads the first screen) is handed to
 * the app only when the test calls `releasePlanLoad`. The app's code runs unchanged.
 */
export async function holdPlanLoad(page: Page, planId: string): Promise<void> {
  await page.addInitScript((name) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    (window as unknown as { releasePlanLoad: () => void }).releasePlanLoad = release;
    const open = IDBFactory.prototype.open;
    let opened = 0;
    IDBFactory.prototype.open = function (this: IDBFactory, dbName: string, version?: number) {
      const request = version === undefined ? open.call(this, dbName) : open.call(this, dbName, version);
      if (dbName === name && ++opened === 2) {
        Object.defineProperty(request, 'onsuccess', {
          configurable: true,
          set(handler: ((event: Event) => void) | null) {
            request.addEventListener('success', (event) => { void released.then(() => handler?.call(request, event)); }, { once: true });
          },
        });
      }
      return request;
    };
  }, `throughline-plan:${planId}`);
}

export async function releasePlanLoad(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { releasePlanLoad: () => void }).releasePlanLoad());
}
