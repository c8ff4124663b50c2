// Renderer benchmark: real Chromium against the built app served by the built sync server.
//   open_20k_ms    a stored 20,000-node plan (a year of check-ins) opened from IndexedDB to an
//                  interactive outline (the app's own performance measure: open start → outline
//                  painted), median of several cold page loads;
//   first_paint_20k_ms / interactive_20k_ms  (and _100k_) cold opens with the stored first screen
//                  and the stored plan applied in slices (issue #18): open start → first painted rows /
//                  → the page answers input (the end of the last main-thread task over 50 ms, as
//                  Lighthouse's time to interactive, or first paint when there is none); live_* is
//                  open start → live outline painted; the *_baseline_ms twins are the previous open
//                  path (first screen, then the whole plan applied in one task), interleaved in the
//                  same run; first_paint_from_navigation_* is the same first paint from the page's
//                  navigation (open start comes later than the early first-screen read begins);
//                  when the page's entry painted the stored rows before the app ran (the painter,
//                  first-screen-painter.ts; the first-paint mark's detail is "painter"), first_paint
//                  is from the early read's start, where that page's open begins, instead;
//                  longest_task_ms is the longest main-thread task (PerformanceObserver
//                  'longtask') from the entry module's start (the app chunk's evaluation included)
//                  to 1 s after the live outline (compaction included); longest_task_from_open_start_*
//                  from open start, as longest_task_ms was until the twenty-second session;
//   remote_edit_ms a check-in made by another client (a Node y-websocket client) applied to the
//                  visible outline and detail panel: from the update's transaction start in the page
//                  to the painted frame, median of several edits.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { chromiumArgs, chromiumExecutable } from '../playwright.config.js';
import { jsFlagsValue } from '../electron/renderer-v8-flags.js';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { openPlan, parseNodeId } from '../shared/model/index.js';
import { largePlanUpdate } from '../test/e2e/support/large-plan.js';
import { median, percentile, type BenchResult } from './harness.js';
import { measureLargeJoin } from './renderer-join.js';
import { sameState, waitUntil } from './doc-waits.js';
import { formatGcSummary, formatLongTasks, traceLongTasks } from './open-trace.js';

const root = path.resolve(import.meta.dirname, '..');
const nodes = Number(process.env.RENDERER_BENCH_NODES ?? 20_000);
const openRuns = Number(process.env.RENDERER_BENCH_OPENS ?? 5);
const editRuns = Number(process.env.RENDERER_BENCH_EDITS ?? 20);
const workspace = 'bench';
const planId = 'bench20k';

async function startServer(dataDir: string, webRoot?: string): Promise<{ url: string; process: ChildProcessWithoutNullStreams }> {
  // The generated plan encodes to ~16 MB: raise the message limit so one client can upload it whole.
  const web = webRoot ? ['--web', webRoot] : [];
  const child = spawn(process.execPath, ['dist/sync-server/cli.js', 'serve', '--port', '0', '--data', dataDir, '--max-message-bytes', String(256 * 1024 * 1024), ...web], { cwd: root });
  const url = await new Promise<string>((resolve, reject) => {
    let printed = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`the sync server printed no URL within 20 s: ${printed}`)); }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      const match = /"url":"(http:\/\/[^"]+)"/.exec(printed);
      if (match?.[1]) { clearTimeout(timer); resolve(match[1]); }
    });
    child.stderr.on('data', (chunk: Buffer) => { printed += chunk.toString('utf8'); });
    child.on('exit', (code) => reject(new Error(`sync server exited with ${code}: ${printed}`)));
  });
  return { url, process: child };
}

function connect(serverUrl: string, token: string, doc: Y.Doc, room = planId): Promise<WebsocketProvider> {
  const provider = new WebsocketProvider(`${serverUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/${workspace}`, room, doc, {
    params: { token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true,
  });
  return new Promise((resolve) => provider.once('sync', () => resolve(provider)));
}

/** Stores the plan in the page's IndexedDB exactly as y-indexeddb lays it out, and lists it in the library. */
async function storeInBrowser(page: Page, update: Uint8Array, serverUrl: string, token: string, id = planId, name = 'Benchmark 20k', inWorkspace = true): Promise<void> {
  // In parts: one 100 MB string through the DevTools protocol is slow and may not fit a message.
  const part = 8 * 1024 * 1024;
  await page.evaluate(() => { (window as unknown as { planParts: string[] }).planParts = []; });
  for (let offset = 0; offset < update.byteLength; offset += part) {
    await page.evaluate((base64) => { (window as unknown as { planParts: string[] }).planParts.push(base64); }, Buffer.from(update.subarray(offset, offset + part)).toString('base64'));
  }
  await page.evaluate(async ({ planId, workspace, server, token, name, inWorkspace }) => {
    const parts = (window as unknown as { planParts: string[] }).planParts.map((base64) => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
    const bytes = new Uint8Array(parts.reduce((sum, chunk) => sum + chunk.byteLength, 0));
    let at = 0;
    for (const chunk of parts) { bytes.set(chunk, at); at += chunk.byteLength; }
    (window as unknown as { planParts: string[] }).planParts = [];
    const request = indexedDB.open(`throughline-plan:${planId}`);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('updates', { autoIncrement: true });
      request.result.createObjectStore('custom');
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
    const tx = db.transaction('updates', 'readwrite');
    tx.objectStore('updates').add(bytes);
    await new Promise<void>((resolve, reject) => { tx.oncomplete = () => resolve(); tx.onerror = () => reject(tx.error); });
    db.close();
    const now = Date.now();
    const library = JSON.parse(localStorage.getItem('throughline:library:v1') ?? '[]') as unknown[];
    // The 100k plan is local only here (its join is measured by Node clients): no socket competes with the open.
    localStorage.setItem('throughline:library:v1', JSON.stringify([...library, { id: planId, name, createdAt: now, openedAt: now, ...(inWorkspace ? { workspace } : {}) }]));
    localStorage.setItem('throughline:connections:v1', JSON.stringify([{ server, workspace, token, savedAt: now }]));
    localStorage.setItem('throughline:identity:v1', JSON.stringify({ name: 'Bench', colour: '#3b6fd8', personByPlan: {} }));
  }, { planId: id, workspace, server: serverUrl.replace(/^http/, 'ws').replace(/\/$/, ''), token, name, inWorkspace });
}

interface OpenSample {
  open: number; firstPaint: number; firstPaintFromNavigation: number; interactive: number; longestTask: number; fromNavigation: number; idb: number; index: number; render: number; longTasks: number;
  /**
   * The longest task from the entry's start (`throughline:entry-start`) on: the app chunk's evaluation
   * too, which `longestTask` counts only when it ends after open start (it did while the app started in it).
   */
  longestFromEntry: number;
  /** From navigation: the first painted rows, or the end of the last task over 50 ms if later (builds whose open starts at another point compare on it). */
  interactiveFromNavigation: number;
  /** The longest task starting between the index built and the live outline painted (the swap and its frame), 0 when none was over 50 ms. */
  swapTask: number;
}

/** RENDERER_BENCH_TASKS=1 prints every long task of every open (start after open start, duration) with the open's marks, among them `slow-units`: the units whose `Y.applyUpdate` took over 20 ms (place, size, time; sliced-load.ts). */
const printTasks = process.env.RENDERER_BENCH_TASKS === '1';
/**
 * RENDERER_BENCH_ONLY_100K=1 runs only the 100k plan's opens (first paint, interactive, longest task,
 * heap, IndexedDB size), without the 20k part and the 100k upload and join; it writes
 * bench/results/renderer-100k.json.
 */
const only100k = process.env.RENDERER_BENCH_ONLY_100K === '1';
/**
 * RENDERER_BENCH_TRACE=1 traces every sliced open (Chromium trace with V8 samples) and prints each
 * main-thread task over 50 ms (RENDERER_BENCH_TRACE_MS to change it) with the functions that held it (bench/open-trace.ts).
 */
const traceTasks = process.env.RENDERER_BENCH_TRACE === '1';
/** With RENDERER_BENCH_TRACE_BASELINE=1 the baseline opens are traced too. */
const traceBaseline = process.env.RENDERER_BENCH_TRACE_BASELINE === '1';

/** The benchmark's switch to the previous open path (renderer/src/session/plan-session.ts). */
const openInOneTaskKey = 'throughline:bench:open-in-one-task';
/**
 * RENDERER_BENCH_BASELINE=interned-strings: the "baseline" opens are the sliced open with the interned
 * string reader switched on (shared/sync/short-strings.ts; off in the app), the others with lib0's
 * own reader, so the two are measured side by side in one build.
 */
const internedStringsKey = 'throughline:bench:interned-strings';
/**
 * RENDERER_BENCH_BASELINE=swap-measured-at-once: the "baseline" opens are the sliced open whose live
 * outline measures its list, writes its scroll position and takes the focus at once in the swap's
 * task (the behaviour before it started from the first screen's size; renderer/src/outline/outline-virtualizer.ts).
 */
const swapMeasuredAtOnceKey = 'throughline:bench:swap-measured-at-once';
/**
 * RENDERER_BENCH_BASELINE=long-strings-in-js: the "baseline" opens use the interned reader and read
 * every ASCII string up to 128 bytes in JavaScript, the others lib0's own reader (shared/sync/short-strings.ts).
 */
const longStringsInJsKey = 'throughline:bench:long-strings-in-js';
/**
 * RENDERER_BENCH_BASELINE=opening-slicer: the "baseline" opens slice the apply, the index build and the
 * live rows with the opening's slicer (renderer/src/session/slicer.ts: one clock, an adaptive budget;
 * off in the app), the others with the app's fixed 8 ms slices.
 */
const openingSlicerKey = 'throughline:bench:opening-slicer';
/**
 * RENDERER_BENCH_BASELINE=batches-in-one-task: the "baseline" opens apply the stored plan without a
 * yield between one batch of rows and the next (renderer/src/persistence/sliced-load.ts), the others
 * with it.
 */
const batchesInOneTaskKey = 'throughline:bench:batches-in-one-task';
/**
 * RENDERER_BENCH_BASELINE=unshared-check-in-strings: the "baseline" opens read the check-ins with each
 * keeping its own copies of its node's id, author and note (shared/model/doc-cache.ts, before equal
 * strings were kept once), the others as the app does.
 */
const unsharedCheckInStringsKey = 'throughline:bench:unshared-check-in-strings';
/**
 * RENDERER_BENCH_BASELINE=check-in-objects: the "baseline" opens keep one CheckIn object per check-in in
 * the index (shared/model/doc-cache.ts, before the columns of check-in-columns.ts), the others as the app does.
 */
const checkInObjectsKey = 'throughline:bench:check-in-objects';
/**
 * RENDERER_BENCH_BASELINE=check-ins-grouped-at-once: the "baseline" opens group the check-ins of the
 * index's full read by node in one step (shared/model/doc-cache.ts, before CheckInColumns.grouping), the
 * others in steps as the app does.
 */
const checkInsGroupedAtOnceKey = 'throughline:bench:check-ins-grouped-at-once';
/**
 * RENDERER_BENCH_BASELINE=first-screen-schema: the "baseline" opens check the stored first screen with
 * its zod schema (renderer/src/persistence/first-screen-store.ts), the others by hand as the app does.
 */
const firstScreenSchemaKey = 'throughline:bench:first-screen-schema';
/**
 * RENDERER_BENCH_BASELINE=outline-rows-measured: the "baseline" opens show the live outline with
 * tanstack's virtualiser (one measurement per row), the others with the fixed-height window as the
 * app does (renderer/src/outline/outline-virtualizer.ts).
 */
const outlineRowsMeasuredKey = 'throughline:bench:outline-rows-measured';
/**
 * RENDERER_BENCH_BASELINE=first-screen-read-late: the "baseline" opens read the stored first screen
 * only when the plan opens, after the app's modules evaluated; the others start that read before them
 * as the app does (renderer/src/persistence/first-screen-early-read.ts).
 */
const firstScreenReadLateKey = 'throughline:bench:first-screen-read-late';
const baselines: Record<string, { key: string; label: string; note: string }> = {
  'first-screen-read-late': { key: firstScreenReadLateKey, label: 'read late', note: 'reading the stored first screen while the modules evaluate and {n} reading it when the plan opens (baseline, RENDERER_BENCH_BASELINE=first-screen-read-late), both sliced' },
  'outline-rows-measured': { key: outlineRowsMeasuredKey, label: 'measured rows', note: 'showing the live outline in a fixed-height window and {n} with tanstack\'s measuring virtualiser (baseline, RENDERER_BENCH_BASELINE=outline-rows-measured), both sliced' },
  'first-screen-schema': { key: firstScreenSchemaKey, label: 'zod', note: 'checking the stored first screen by hand and {n} with its zod schema (baseline, RENDERER_BENCH_BASELINE=first-screen-schema), both sliced' },
  'check-ins-grouped-at-once': { key: checkInsGroupedAtOnceKey, label: 'at once', note: 'grouping the check-ins by node in steps and {n} grouping them in one step (baseline, RENDERER_BENCH_BASELINE=check-ins-grouped-at-once), both sliced' },
  'check-in-objects': { key: checkInObjectsKey, label: 'objects', note: 'with the check-ins kept as columns and {n} keeping one object per check-in (baseline, RENDERER_BENCH_BASELINE=check-in-objects), both sliced' },
  'unshared-check-in-strings': { key: unsharedCheckInStringsKey, label: 'unshared', note: 'with equal check-in strings kept once and {n} with each check-in keeping its own (baseline, RENDERER_BENCH_BASELINE=unshared-check-in-strings), both sliced' },
  'batches-in-one-task': { key: batchesInOneTaskKey, label: 'joined', note: 'yielding between the batches of stored rows and {n} running a batch\'s first slice in the task of the batch before (baseline, RENDERER_BENCH_BASELINE=batches-in-one-task), both sliced' },
  'opening-slicer': { key: openingSlicerKey, label: 'slicer', note: 'with fixed 8 ms slices and {n} sliced by the opening\'s slicer (adaptive budget, one clock; baseline, RENDERER_BENCH_BASELINE=opening-slicer)' },
  'interned-strings': { key: internedStringsKey, label: 'interned', note: "with lib0's string reader and {n} with the interned reader (baseline, RENDERER_BENCH_BASELINE=interned-strings), both sliced" },
  'long-strings-in-js': { key: longStringsInJsKey, label: 'long in JS', note: "with lib0's string reader and {n} with the interned reader reading ASCII strings up to 128 bytes in JavaScript (baseline, RENDERER_BENCH_BASELINE=long-strings-in-js), both sliced" },
  'swap-measured-at-once': { key: swapMeasuredAtOnceKey, label: 'measured', note: 'whose live outline starts from the first screen\'s size and {n} whose live outline measures itself in the swap\'s task (baseline, RENDERER_BENCH_BASELINE=swap-measured-at-once), both sliced' },
};
const chosenBaseline = baselines[process.env.RENDERER_BENCH_BASELINE ?? ''];
const baselineSwitch = chosenBaseline?.key ?? openInOneTaskKey;

/**
 * The renderer's V8 flags, as the desktop app's main process passes them (electron/renderer-v8-flags.ts),
 * so the bench's Chromium runs the page as the app's renderer does. RENDERER_BENCH_JS_FLAGS="--a=1 --b"
 * tries other flags instead ("" for none).
 */
const jsFlags = process.env.RENDERER_BENCH_JS_FLAGS === undefined ? jsFlagsValue() : jsFlagsValue(process.env.RENDERER_BENCH_JS_FLAGS.split(/\s+/).filter(Boolean));
const appChromiumArgs = jsFlags === null ? chromiumArgs : [...chromiumArgs, `--js-flags=${jsFlags}`];
/**
 * RENDERER_BENCH_BASELINE=default-v8-flags: the "baseline" opens are the sliced open in a second
 * Chromium launched without the renderer's V8 flags (flags are per browser process), interleaved with
 * the sliced opens in the one launched with them; each browser has its own copy of the stored plan.
 * With RENDERER_BENCH_COLD_WINDOWS=1 every baseline open is in a window of its own started without the
 * flags, on a profile of its own, and every other open in one started with them.
 */
const defaultV8Baseline = process.env.RENDERER_BENCH_BASELINE === 'default-v8-flags';
const defaultV8Label = 'default V8';
/** Where the default-v8-flags baseline opens: with cold windows, in windows of their own started without the flags. */
const defaultV8Where = coldWindowsOn() ? 'windows started without them' : 'a second Chromium without them';
/**
 * RENDERER_BENCH_BASELINE_WEB=<dir>: the "baseline" opens are the sliced open of another web build
 * (for instance main's: `git stash && npm run build:web && cp -r dist/web /tmp/web-main`), served by a
 * second sync server of its own (its own origin, so its own IndexedDB and service worker) and opened
 * in a second context of the same browser, interleaved with this build's sliced opens. It measures
 * what a switch inside one build cannot: a change to index.html, the entry or the bundling, from
 * navigation.
 */
const baselineWeb = process.env.RENDERER_BENCH_BASELINE_WEB;
const baselineWebLabel = 'other build';
/**
 * Where the baseline opens run when they are not the same page's switch: another browser or another
 * build's server; with cold windows, `windowArgs` are the arguments its windows start with (the
 * default-v8-flags baseline's: none of the renderer's V8 flags).
 */
interface BaselineTarget { browser: Browser; url: string; token: string; label: string; windowArgs?: string[] }
/**
 * RENDERER_BENCH_FRESH_PAGES=1: every timed open, of both paths, in a new page of the same context
 * (the old page closed first), not by reloading: a reload leaves the previous document's heap (~300 MB
 * at 100k) to the new one's first GCs, which a window opening the plan has not.
 */
const freshPagesOnly = process.env.RENDERER_BENCH_FRESH_PAGES === '1';

let tracedOpens = 0;

/** Records every long task of the page from its first script on (read by `openOnce`). */
const recordLongTasks = () => {
  const tasks: { start: number; duration: number }[] = [];
  (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration }); }).observe({ type: 'longtask' });
};

/** Reads, deletes or waits for the plan's stored first screen (y-indexeddb's `custom` store). */
async function firstScreenStored(page: Page, id: string, action: 'read' | 'delete'): Promise<boolean> {
  return page.evaluate(async ({ name, action }) => {
    const request = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
    const store = db.transaction('custom', action === 'delete' ? 'readwrite' : 'readonly').objectStore('custom');
    const req = action === 'delete' ? store.delete('first-screen') : store.count('first-screen');
    const result = await new Promise<unknown>((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
    db.close();
    return action === 'read' && result === 1;
  }, { name: `throughline-plan:${id}`, action });
}

/**
 * RENDERER_BENCH_FRESH_PAGE=0 leaves out the 20k opens in a fresh page. Those open the plan in a new
 * page of the same browser context (same IndexedDB, service worker and HTTP cache), the old page
 * closed first, as the desktop app's window opens it: a reload also makes the new page's main thread
 * sweep the old page's Blink heap (59–99 ms tasks in the traces), which a user's cold open has not.
 */
const freshPageOpens = process.env.RENDERER_BENCH_FRESH_PAGE !== '0';

/**
 * Waits until the page has made the performance mark `name`, asking through the DevTools protocol.
 * Playwright's `waitForFunction` would first evaluate its injected script in the new document (~30 ms
 * of CPU, 70–150 ms of wall time on a busy page): a long task of the bench's own, right in the open
 * it measures, next to the first paint.
 */
async function waitForMark(page: Page, name: string, timeoutMs: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: `performance.getEntriesByName(${JSON.stringify(name)}).length > 0`, returnByValue: true });
      if (result.value === true) return;
      if (Date.now() > deadline) throw new Error(`the page made no ${name} mark within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await cdp.detach();
  }
}

/**
 * One cold open with the stored first screen: the new path (stored plan applied in slices) or the
 * previous one (`inOneTask`: the whole plan applied in one task), chosen by the app's bench switch;
 * by reloading the page, or (`fresh`) in a new page that replaces it (the page to go on with is returned).
 */
async function openOnce(page: Page, url: string, id: string, inOneTask: boolean, fresh = false, baselineLabel?: string): Promise<{ sample: OpenSample; page: Page }> {
  const inBaselineBrowser = baselineLabel !== undefined;
  await page.goto(`${url}#/plan/${id}/outline`);
  const deadline = Date.now() + 600_000;
  while (!(await firstScreenStored(page, id, 'read'))) {
    if (Date.now() > deadline) throw new Error('the app never stored the first screen');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const label = inBaselineBrowser ? `${baselineLabel}${inOneTask ? ' one task' : ''}` : fresh ? 'fresh page' : !inOneTask ? 'sliced  ' : chosenBaseline?.label ?? 'one task';
  await page.evaluate(({ keys, baseline, inOneTask }) => {
    for (const key of keys) localStorage.removeItem(key);
    if (inOneTask) localStorage.setItem(baseline, '1');
  }, { keys: [openInOneTaskKey, internedStringsKey, swapMeasuredAtOnceKey, longStringsInJsKey, openingSlicerKey, batchesInOneTaskKey, unsharedCheckInStringsKey, checkInObjectsKey, checkInsGroupedAtOnceKey, firstScreenSchemaKey, outlineRowsMeasuredKey, firstScreenReadLateKey], baseline: baselineSwitch, inOneTask });
  if (coldWindows) {
    page = await relaunchWindow(page);
  } else if (fresh) {
    const next = await page.context().newPage();
    await page.close();
    page = next;
  }
  const opening = async () => {
    if (fresh || coldWindows) await page.goto(`${url}#/plan/${id}/outline`);
    else await page.reload();
    await waitForMark(page, 'throughline:open', 900_000);
    // Long tasks right after the live outline (compaction, the first-screen write) count too.
    await page.waitForTimeout(1000);
    // The next open starts from the compacted copy (the plan stored as parts), as a user's second open
    // does: a reload before compaction ends would leave the bench's one whole-document row in place
    // and make every sliced open cut it up again.
    await page.waitForFunction(() => performance.getEntriesByName('throughline:compacted').length > 0, undefined, { timeout: 900_000, polling: 500 });
  };
  const browser = page.context().browser();
  if (traceTasks && ((!inOneTask && !inBaselineBrowser) || traceBaseline) && browser) {
    // RENDERER_BENCH_TRACE_FILE=x.json keeps each traced open's trace as x-<path>-<n>.json.
    const traceFile = process.env.RENDERER_BENCH_TRACE_FILE?.replace(/(\.json)?$/, `-${label.trim().replace(/ /g, '-')}-${++tracedOpens}.json`);
    const { tasks: reports, gc } = await traceLongTasks(browser, page, opening, Number(process.env.RENDERER_BENCH_TRACE_MS ?? 50), traceFile);
    console.log(`${label} open, long tasks by function (trace):\n${formatLongTasks(reports)}\n${formatGcSummary(gc)}`);
  } else {
    await opening();
  }
  if ((await page.evaluate(() => performance.getEntriesByName('throughline:first-screen-ignored').length)) > 0) throw new Error('the stored first screen was not used');
  // No named helpers inside evaluate: tsx would wrap them in a __name() the page does not have.
  const [[start, loaded, built, live, open, firstPaint, longestTask, lastLongTaskEnd, firstPaintFromNavigation, longestFromEntry, lastEndFromNavigation], during, beforeOpen] = await page.evaluate(() => {
    const at = ['throughline:open-start', 'throughline:local-loaded', 'throughline:index-built', 'throughline:outline-interactive'].map((name) => performance.getEntriesByName(name)[0]!.startTime);
    const tasks = (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks;
    const during = tasks.filter((task) => task.start + task.duration >= at[0]! && task.start <= at[3]! + 1000);
    const entryAt = performance.getEntriesByName('throughline:entry-start')[0]?.startTime ?? 0;
    const sinceEntry = tasks.filter((task) => task.start + task.duration >= entryAt && task.start <= at[3]! + 1000);
    return [at.concat(performance.getEntriesByName('throughline:open')[0]!.duration, performance.getEntriesByName('throughline:first-paint-time')[0]!.duration,
      during.reduce((longest, task) => Math.max(longest, task.duration), 0), during.reduce((last, task) => Math.max(last, task.start + task.duration), 0),
      // The first paint from the page's navigation: open start moves when work is begun before it (the early first-screen read).
      performance.getEntriesByName('throughline:first-paint')[0]!.startTime,
      sinceEntry.reduce((longest, task) => Math.max(longest, task.duration), 0), sinceEntry.reduce((last, task) => Math.max(last, task.start + task.duration), 0)),
    during.map((task) => [Math.round(task.start - at[0]!), Math.round(task.duration)]),
    // The tasks from the entry's start to open start (the app chunk's evaluation among them), from open start.
    sinceEntry.filter((task) => task.start + task.duration < at[0]!).map((task) => [Math.round(task.start - at[0]!), Math.round(task.duration)])] as const;
  });
  if (printTasks) {
    const phases = await page.evaluate(() => [`open-start at ${Math.round(performance.getEntriesByName('throughline:open-start')[0]!.startTime)} ms after navigation, first paint at ${Math.round(performance.getEntriesByName('throughline:first-paint')[0]!.startTime)}`].concat(['first-screen-early-start', 'first-screen-early-read', 'first-screen-painted', 'first-screen-not-painted', 'first-screen-db-open', 'first-screen-read', 'first-screen-parsed', 'first-screen-set', 'first-paint', 'app-evaluated', 'rows-read', 'rows-split', 'provider-ready', 'slow-units'].map((name) => {
      const mark = performance.getEntriesByName(`throughline:${name}`)[0] as PerformanceMark | undefined;
      return mark ? `${name} ${Math.round(mark.startTime - performance.getEntriesByName('throughline:open-start')[0]!.startTime)} (${String(mark.detail)})` : '';
    })).filter((phase) => phase !== '').concat([[
      // Before the entry runs, from navigation: the shell's answer, the entry module's and the app's stylesheet's arrival, the parsed document
      // (no named functions in here: tsx would wrap them in a helper the page does not have).
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined),
      [/\/assets\/index-[^/]+\.js$/, /\/assets\/app-main-[^/]+\.css$/].map((pattern) => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((resource) => pattern.test(resource.name))?.responseEnd),
    ] as const].map(([navigation, [entry, css]]) => `from navigation: shell ${Math.round(navigation?.responseEnd ?? NaN)}, entry ${Math.round(entry ?? NaN)}, app css ${Math.round(css ?? NaN)}, dom interactive ${Math.round(navigation?.domInteractive ?? NaN)}, entry runs ${Math.round(performance.getEntriesByName('throughline:entry-start')[0]?.startTime ?? NaN)}, early start ${Math.round(performance.getEntriesByName('throughline:first-screen-early-start')[0]?.startTime ?? NaN)}, read ${Math.round(performance.getEntriesByName('throughline:first-screen-early-read')[0]?.startTime ?? NaN)}, painted ${Math.round(performance.getEntriesByName('throughline:first-screen-painted')[0]?.startTime ?? NaN)}`)).join('; '));
    // The heap after a forced GC, per open (printed only: the metric stays the one taken after the last open).
    const heap = await heapMb(page);
    console.log(`${label}: heap ${Math.round(heap)} MB; ${phases}; loaded ${Math.round(loaded! - start!)} built ${Math.round(built! - start!)} live ${Math.round(live! - start!)}; long tasks [start+duration]: ${during.map(([at, ms]) => `${at}+${ms}`).join(' ')}; before open start, from the entry's start: ${beforeOpen.map(([at, ms]) => `${at}+${ms}`).join(' ')}`);
  }
  const interactive = Math.max(firstPaint!, lastLongTaskEnd! - start!);
  const swapTask = during.filter(([at]) => at! >= built! - start! && at! <= live! - start!).reduce((longest, [, ms]) => Math.max(longest, ms!), 0);
  return { sample: { open: open!, firstPaint: firstPaint!, firstPaintFromNavigation: firstPaintFromNavigation!, interactive, longestTask: longestTask!, fromNavigation: live!, idb: loaded! - start!, index: built! - loaded!, render: live! - built!, longTasks: during.length, swapTask, longestFromEntry: longestFromEntry!, interactiveFromNavigation: Math.max(firstPaintFromNavigation!, lastEndFromNavigation!) }, page };
}

/**
 * Cold opens of a stored plan, alternating the previous open path (baseline) and the new one, and
 * with `fresh` the new one in a fresh page too; returns the page to go on with. With `baselineAt` (a
 * page of the browser without the renderer's V8 flags, or of another build's server) the baseline
 * opens are the sliced open there.
 */
async function openSideBySide(page: Page, url: string, id: string, runs: number, fresh = false, baselineAt?: { page: Page; url: string; label: string }): Promise<{ cached: OpenSample[]; baseline: OpenSample[]; freshPage: OpenSample[]; page: Page; baselinePage?: Page }> {
  const baselinePage = baselineAt?.page;
  const cached: OpenSample[] = [];
  const baseline: OpenSample[] = [];
  const freshPage: OpenSample[] = [];
  let current = page;
  const open = async (inOneTask: boolean, inFreshPage = false) => {
    const { sample, page: next } = await openOnce(current, url, id, inOneTask, inFreshPage);
    current = next;
    return sample;
  };
  let baselineCurrent = baselinePage;
  const openBaseline = async (inOneTask: boolean, inFreshPage = false) => {
    const { sample, page: next } = await openOnce(baselineCurrent!, baselineAt!.url, id, inOneTask, inFreshPage, baselineAt!.label);
    baselineCurrent = next;
    return sample;
  };
  await open(true); // the first load also installs the service worker, warms caches and stores the first screen
  await open(false); // and the first sliced open stores the plan in parts (its compaction)
  if (baselinePage) { await openBaseline(true); await openBaseline(false); } // the same in the other browser
  for (let i = 0; i < runs; i++) {
    baseline.push(await (baselinePage ? openBaseline(false, freshPagesOnly) : open(true, freshPagesOnly)));
    cached.push(await open(false, freshPagesOnly));
    if (fresh) freshPage.push(await open(false, true));
  }
  return { cached, baseline, freshPage, page: current, ...(baselineCurrent ? { baselinePage: baselineCurrent } : {}) };
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 1024 / 1024;
}

/**
 * RENDERER_BENCH_COLD_WINDOWS=1: every timed open, of both paths, in a browser started for it on the
 * profile that holds the plan (a persistent context, closed after the open): the plan opened as a
 * person opens the app, in a fresh process. A reload or a new page of the same site keeps the renderer
 * process, and its first major collection then also sweeps the previous document's heap (a 200–250 ms
 * pause at 20k, traced in the seventeenth session).
 */
const coldWindows = coldWindowsOn();
function coldWindowsOn(): boolean { return process.env.RENDERER_BENCH_COLD_WINDOWS === '1'; }
const coldNote = coldWindows ? ['every timed open in a browser started for it on the plan\'s profile (RENDERER_BENCH_COLD_WINDOWS=1): a fresh process, as the app is opened'] : [];
/** The profile folder of each cold window's context and the browser arguments it was started with, to start the next window alike. */
const windowProfiles = new Map<BrowserContext, { profile: string; args: string[] }>();

/**
 * A browser started on `profile` (its first page recording long tasks from its first script), with the
 * renderer's V8 flags unless `args` says otherwise (the default-v8-flags baseline's windows have none).
 */
async function launchWindow(profile: string, args: string[] = appChromiumArgs): Promise<Page> {
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumExecutable, args, viewport: { width: 1280, height: 800 } });
  windowProfiles.set(context, { profile, args });
  await context.addInitScript(recordLongTasks);
  return context.pages()[0] ?? await context.newPage();
}

/** Closes `page`'s window and starts a new one on its profile with the same arguments: the next open is a fresh process's. */
async function relaunchWindow(page: Page): Promise<Page> {
  const window = windowProfiles.get(page.context());
  if (window === undefined) throw new Error('the page is not in a cold window of the bench');
  windowProfiles.delete(page.context());
  await page.context().close();
  return launchWindow(window.profile, window.args);
}

/** A page of its own context in `browser` (recording long tasks from its first script) holding the stored plan. */
async function pageWithPlan(browser: Browser, update: Uint8Array, serverUrl: string, token: string, id?: string, name?: string, inWorkspace?: boolean, windowArgs?: string[]): Promise<Page> {
  let page: Page;
  if (coldWindows) {
    page = await launchWindow(mkdtempSync(path.join(tmpdir(), 'throughline-bench-window-')), windowArgs);
  } else {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(recordLongTasks);
    page = await context.newPage();
  }
  await page.goto(serverUrl);
  await storeInBrowser(page, update, serverUrl, token, id, name, inWorkspace);
  return page;
}

/**
 * The 100,000-node plan (a 10,000-person company: 2,000 teams in a hierarchy, 10,000 people, 500,000 check-ins),
 * opened in the page side by side (its join through the server is measured in its own module).
 */
async function largePlan(browser: Browser, serverUrl: string, token: string, baselineTarget?: BaselineTarget): Promise<Record<string, number>> {
  const id = 'bench100k';
  const update = largePlanUpdate();
  // First upload and fresh join through servers of their own (bench/renderer-join.ts); skipped when
  // only the opens are wanted (RENDERER_BENCH_ONLY_100K=1).
  const served = only100k ? {} : await measureLargeJoin(update, id);

  const page = await pageWithPlan(browser, update, serverUrl, token, id, 'Benchmark 100k', false);
  const baselineAt = baselineTarget ? { page: await pageWithPlan(baselineTarget.browser, update, baselineTarget.url, baselineTarget.token, id, 'Benchmark 100k', false, baselineTarget.windowArgs), url: baselineTarget.url, label: baselineTarget.label } : undefined;
  const { cached, baseline, page: lastPage, baselinePage: lastBaselinePage } = await openSideBySide(page, serverUrl, id, Number(process.env.RENDERER_BENCH_OPENS_100K ?? 2), false, baselineAt);
  const heap = await heapMb(lastPage);
  const heapBaseline: Record<string, number> = lastBaselinePage ? { heap_100k_baseline_mb: await heapMb(lastBaselinePage) } : {};
  await lastBaselinePage?.context().close();
  const stored = await lastPage.evaluate(async (name) => {
    const request = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
    const all = db.transaction('updates', 'readonly').objectStore('updates').getAll();
    const rows = await new Promise<Uint8Array[]>((resolve, reject) => { all.onsuccess = () => resolve(all.result as Uint8Array[]); all.onerror = () => reject(all.error); });
    db.close();
    return { rows: rows.length, bytes: rows.reduce((sum, row) => sum + row.byteLength, 0), usage: (await navigator.storage.estimate()).usage ?? Number.NaN };
  }, `throughline-plan:${id}`);
  await lastPage.context().close();
  const pick = (samples: OpenSample[], key: keyof OpenSample) => median(samples.map((sample) => sample[key]));
  return {
    first_paint_100k_ms: pick(cached, 'firstPaint'),
    interactive_100k_ms: pick(cached, 'interactive'),
    live_100k_ms: pick(cached, 'open'),
    longest_task_100k_ms: pick(cached, 'longestTask'),
    first_paint_100k_baseline_ms: pick(baseline, 'firstPaint'),
    first_paint_from_navigation_100k_ms: pick(cached, 'firstPaintFromNavigation'),
    first_paint_from_navigation_100k_baseline_ms: pick(baseline, 'firstPaintFromNavigation'),
    interactive_100k_baseline_ms: pick(baseline, 'interactive'),
    live_100k_baseline_ms: pick(baseline, 'open'),
    longest_task_100k_baseline_ms: pick(baseline, 'longestTask'),
    longest_task_from_entry_100k_ms: pick(cached, 'longestFromEntry'),
    longest_task_from_entry_100k_baseline_ms: pick(baseline, 'longestFromEntry'),
    interactive_from_navigation_100k_ms: pick(cached, 'interactiveFromNavigation'),
    interactive_from_navigation_100k_baseline_ms: pick(baseline, 'interactiveFromNavigation'),
    swap_longest_task_100k_ms: pick(cached, 'swapTask'),
    swap_longest_task_100k_baseline_ms: pick(baseline, 'swapTask'),
    heap_100k_mb: heap,
    ...heapBaseline,
    ...served,
    encoded_100k_bytes: update.byteLength,
    indexeddb_100k_rows: stored.rows,
    indexeddb_100k_bytes: stored.bytes,
    indexeddb_100k_usage_bytes: stored.usage,
  };
}

export async function run(): Promise<BenchResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-bench-renderer-'));
  const server = await startServer(dataDir);
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: appChromiumArgs });
  // With cold windows the default-v8-flags baseline's windows are started without the flags (windowArgs below), not in a browser of their own.
  const baselineBrowser = defaultV8Baseline && !coldWindows ? await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs }) : undefined;
  const baselineDataDir = baselineWeb ? mkdtempSync(path.join(tmpdir(), 'throughline-bench-renderer-baseline-')) : undefined;
  const baselineServer = baselineWeb && baselineDataDir ? await startServer(baselineDataDir, path.resolve(baselineWeb)) : undefined;
  const providers: WebsocketProvider[] = [];
  try {
    const tokenOf = (data: string) => execFileSync(process.execPath, ['dist/sync-server/cli.js', 'token', '--data', data, '--workspace', workspace, '--role', 'editor'], { cwd: root, encoding: 'utf8' }).trim();
    const token = tokenOf(dataDir);
    const baselineTarget: BaselineTarget | undefined = defaultV8Baseline ? { browser: baselineBrowser ?? browser, url: server.url, token, label: defaultV8Label, windowArgs: chromiumArgs }
      : baselineServer && baselineDataDir ? { browser, url: baselineServer.url, token: tokenOf(baselineDataDir), label: baselineWebLabel } : undefined;

    if (only100k) {
      return {
        area: 'renderer-100k',
        metrics: await largePlan(browser, server.url, token, baselineTarget),
        notes: [baselineWeb
          ? `the 100,000-node plan only (RENDERER_BENCH_ONLY_100K=1): sliced opens of this build against sliced opens of the web build in ${baselineWeb} (baseline, RENDERER_BENCH_BASELINE_WEB), each from its own server, interleaved; no upload or join`
          : defaultV8Baseline
          ? `the 100,000-node plan only (RENDERER_BENCH_ONLY_100K=1): sliced opens in Chromium with the renderer's V8 flags (${jsFlags ?? 'none'}) against sliced opens in ${defaultV8Where} (baseline, RENDERER_BENCH_BASELINE=default-v8-flags), interleaved; no upload or join`
          : chosenBaseline
          // A named switch: say which opens were which (the note used to name the one-task path whatever the switch).
          ? `the 100,000-node plan only (RENDERER_BENCH_ONLY_100K=1): opens ${chosenBaseline.note.replace('{n}', 'opens')}, interleaved; no upload or join`
          : 'the 100,000-node plan only (RENDERER_BENCH_ONLY_100K=1): opens applying the stored plan in slices and building the index in steps, against the previous one-task path, interleaved; no upload or join', ...coldNote],
      };
    }

    // The plan, generated as the model's benchmark does, and the remote editor holding it.
    const doc = new Y.Doc();
    const generated = generatePlan(doc, { nodes, seed: 20_000 });
    const update = Y.encodeStateAsUpdate(doc);
    let tick = 0;
    const editor = openPlan(doc, { now: () => generated.now + ++tick * 1000, newId: (() => { let n = 0; return () => `benchci${++n}`; })(), actor: 'remote-editor' });
    providers.push(await connect(server.url, token, doc));
    // A second client holding the whole plan proves the server has it before the page connects.
    const check = new Y.Doc();
    providers.push(await connect(server.url, token, check));
    await waitUntil(() => sameState(check, doc), 120_000, 'the server never handed out the whole plan');

    const firstPage = await pageWithPlan(browser, update, server.url, token);

    const baselineAt = baselineTarget ? { page: await pageWithPlan(baselineTarget.browser, update, baselineTarget.url, baselineTarget.token, undefined, undefined, undefined, baselineTarget.windowArgs), url: baselineTarget.url, label: baselineTarget.label } : undefined;
    const { cached: opens, baseline, freshPage, page, baselinePage: lastBaselinePage } = await openSideBySide(firstPage, server.url, planId, openRuns, freshPageOpens, baselineAt);
    const heapBytes = (await heapMb(page)) * 1024 * 1024;
    const heapBaseline20k: Record<string, number> = lastBaselinePage ? { heap_20k_baseline_mb: await heapMb(lastBaselinePage) } : {};
    // Closed before the remote edits: that page is a second client of the plan's room.
    await lastBaselinePage?.context().close();
    // How much of the open is IndexedDB itself: read the stored row raw, without Yjs.
    const rawReadMs = await page.evaluate(async (name) => {
      const started = performance.now();
      const request = indexedDB.open(name);
      const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
      const all = db.transaction('updates', 'readonly').objectStore('updates').getAll();
      await new Promise((resolve, reject) => { all.onsuccess = resolve; all.onerror = reject; });
      db.close();
      return performance.now() - started;
    }, `throughline-plan:${planId}`);

    // Remote edits on a key result that is on screen and selected (outline row + detail panel).
    await page.waitForFunction(() => /^Sync status: Synced/.test(document.querySelector('.sync-pill')?.getAttribute('aria-label') ?? ''), undefined, { timeout: 60_000 });
    const keyResult = page.locator('[role="treeitem"][data-kind="key_result"]').first();
    const keyResultAttribute = await keyResult.getAttribute('data-node-id');
    if (!keyResultAttribute) throw new Error('no key result is visible in the outline');
    const keyResultId = parseNodeId(keyResultAttribute);
    await keyResult.click();
    const inPage: number[] = [];
    const endToEnd: number[] = [];
    for (let i = 0; i < editRuns; i++) {
      const sentAt = Date.now();
      editor.addCheckIn(keyResultId, { value: 10 + i, confidence: 5 + (i % 5), note: `bench ${i}` });
      await page.waitForFunction((count) => performance.getEntriesByName('throughline:remote-edit').length >= count, i + 1, { timeout: 30_000 });
      const { duration, appliedAt } = await page.evaluate((index) => {
        const measure = performance.getEntriesByName('throughline:remote-edit')[index]!;
        return { duration: measure.duration, appliedAt: performance.timeOrigin + measure.startTime + measure.duration };
      }, i);
      inPage.push(duration);
      endToEnd.push(appliedAt - sentAt);
    }
    const shown = await page.getByRole('complementary', { name: 'Details' }).getByRole('list', { name: 'Check-in history' }).getByRole('listitem').first().textContent();
    if (!shown?.includes(`bench ${editRuns - 1}`)) throw new Error('the last remote check-in is not shown in the detail panel');
    await page.context().close();

    const pick = (key: keyof OpenSample) => median(opens.map((sample) => sample[key]));
    const pickBaseline = (key: keyof OpenSample) => median(baseline.map((sample) => sample[key]));
    const large = process.env.RENDERER_BENCH_100K === '0' ? {} : await largePlan(browser, server.url, token, baselineTarget);
    return {
      area: 'renderer',
      metrics: {
        first_paint_20k_ms: pick('firstPaint'),
        interactive_20k_ms: pick('interactive'),
        live_20k_ms: pick('open'),
        first_paint_20k_baseline_ms: pickBaseline('firstPaint'),
        first_paint_from_navigation_20k_ms: pick('firstPaintFromNavigation'),
        first_paint_from_navigation_20k_baseline_ms: pickBaseline('firstPaintFromNavigation'),
        interactive_20k_baseline_ms: pickBaseline('interactive'),
        live_20k_baseline_ms: pickBaseline('open'),
        // The issue's longest task while opening: from the entry's start, so that a build whose app chunk
        // evaluates before open start (longtask, twenty-second session) is not credited with a shorter one.
        longest_task_ms: pick('longestFromEntry'),
        longest_task_baseline_ms: pickBaseline('longestFromEntry'),
        longest_task_from_open_start_20k_ms: pick('longestTask'),
        longest_task_from_open_start_20k_baseline_ms: pickBaseline('longestTask'),
        interactive_from_navigation_20k_ms: pick('interactiveFromNavigation'),
        interactive_from_navigation_20k_baseline_ms: pickBaseline('interactiveFromNavigation'),
        interactive_20k_ratio: pickBaseline('interactive') / pick('interactive'),
        swap_longest_task_20k_ms: pick('swapTask'),
        swap_longest_task_20k_baseline_ms: pickBaseline('swapTask'),
        ...(freshPage.length > 0 ? {
          first_paint_20k_fresh_page_ms: median(freshPage.map((sample) => sample.firstPaint)),
          interactive_20k_fresh_page_ms: median(freshPage.map((sample) => sample.interactive)),
          live_20k_fresh_page_ms: median(freshPage.map((sample) => sample.open)),
          longest_task_20k_fresh_page_ms: median(freshPage.map((sample) => sample.longestTask)),
        } : {}),
        ...large,
        open_20k_ms: pick('open'),
        open_20k_baseline_ms: pickBaseline('open'),
        open_20k_from_navigation_ms: pick('fromNavigation'),
        open_20k_idb_ms: pick('idb'),
        idb_raw_read_ms: rawReadMs,
        open_20k_index_ms: pick('index'),
        open_20k_render_ms: pick('render'),
        remote_edit_ms: median(inPage),
        remote_edit_p95_ms: percentile(inPage, 95),
        remote_edit_end_to_end_ms: median(endToEnd),
        heap_20k_mb: heapBytes / 1024 / 1024,
        ...heapBaseline20k,
        stored_bytes: update.byteLength,
      },
      notes: [
        baselineWeb
          ? `${nodes} nodes, ${generated.checkIns} check-ins, ${(update.byteLength / 1024 / 1024).toFixed(1)} MB stored; ${openRuns} cold sliced opens of this build and ${openRuns} of the web build in ${baselineWeb} (baseline, RENDERER_BENCH_BASELINE_WEB), each from its own server, with the stored first screen, interleaved, after warm-up loads in each; ${editRuns} remote check-ins`
          : defaultV8Baseline
          ? `${nodes} nodes, ${generated.checkIns} check-ins, ${(update.byteLength / 1024 / 1024).toFixed(1)} MB stored; ${openRuns} cold sliced opens in Chromium with the renderer's V8 flags (${jsFlags ?? 'none'}) and ${openRuns} in ${defaultV8Where} (baseline, RENDERER_BENCH_BASELINE=default-v8-flags), both with the stored first screen, interleaved, after warm-up loads in each; ${editRuns} remote check-ins`
          : baselineSwitch === openInOneTaskKey
          ? `${nodes} nodes, ${generated.checkIns} check-ins, ${(update.byteLength / 1024 / 1024).toFixed(1)} MB stored; ${openRuns} cold opens applying the stored plan in slices and ${openRuns} applying it in one task (baseline, the previous path), both with the stored first screen, interleaved, after a warm-up load; ${editRuns} remote check-ins`
          : `${nodes} nodes, ${generated.checkIns} check-ins, ${(update.byteLength / 1024 / 1024).toFixed(1)} MB stored; ${openRuns} cold opens ${chosenBaseline!.note.replace('{n}', String(openRuns))} with the stored first screen, interleaved, after a warm-up load; ${editRuns} remote check-ins`,
        ...coldNote,
        'first_paint = open start → first painted rows (the stored first screen); interactive = open start → end of the last main-thread task over 50 ms (or first paint); live = open start → live outline painted',
        'longest_task_ms = longest main-thread task (PerformanceObserver longtask) from the entry module\'s start (the app chunk\'s evaluation included, whichever side of open start it ends) to 1 s after the live outline; longest_task_from_open_start and longest_task_100k from open start',
        'interactive_from_navigation = from navigation, the first painted rows or the end of the last task over 50 ms to 1 s after the live outline, whichever is later',
        'swap_longest_task = longest task starting between the index built and the live outline painted (the swap to live data and its frame; 0 when none was over 50 ms)',
        '*_fresh_page = the sliced open in a new page of the same context (the old page closed first, RENDERER_BENCH_FRESH_PAGE=0 to leave out), as a window opens it; every other 20k figure opens by reloading the page, whose new document also sweeps the old one\'s Blink heap',
        'open_20k_ms = app open measure (IndexedDB read + apply, PlanIndex build, first painted outline); _from_navigation adds page load and boot',
        'remote_edit_ms = in the page, from the remote transaction start to the painted frame; _end_to_end adds the Node client, the server and the socket',
      ],
    };
  } finally {
    // provider.destroy() leaves the Awareness's 3-second timer running (y-websocket does not own the
    // awareness it made), which kept the process alive after the table was printed: destroy it too.
    for (const provider of providers) {
      provider.destroy();
      provider.awareness.destroy();
    }
    await browser.close();
    await baselineBrowser?.close();
    for (const { process: child } of [server, ...(baselineServer ? [baselineServer] : [])]) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
    for (const [context, { profile }] of windowProfiles) {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    if (baselineDataDir) rmSync(baselineDataDir, { recursive: true, force: true });
  }
}
