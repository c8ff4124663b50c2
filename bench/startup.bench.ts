// Start-up of the page (issue #18): from navigation to the stored first screen painted, the work
// before the plan's rows are read (module evaluation, the shell's first render, reading the stored
// first screen). Side by side in one run: this build (dist/web) against a baseline build served by
// a second server (STARTUP_BENCH_BASELINE_WEB, e.g. main's `vite build` into another folder).
// Each reload keeps the plan's document load held back (as the first-screen e2e tests do), so only
// the start-up is measured. Figures: first paint from navigation, the longest main-thread task before
// it (PerformanceObserver longtask, from the page's first script), the tasks over 50 ms, and the JS
// the first screen loads (the entry chunk and its static imports).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { chromiumArgs, chromiumExecutable } from '../playwright.config.js';
import { startSyncServer, projectRoot } from '../test/e2e/support/server.js';
import { storePlanInBrowser } from '../test/e2e/support/stored-plan.js';
import type { BenchResult } from './harness.js';
import { median } from './harness.js';

const reloads = Number(process.env.STARTUP_BENCH_RELOADS ?? 7);
const planId = 'startup5k';

/** The entry chunk of a web build and every chunk it imports statically: what the first screen evaluates. */
function firstScreenJs(webRoot: string): { bytes: number; gzip: number } {
  const assets = path.join(webRoot, 'assets');
  const entry = /src="\.\/assets\/([^"]+\.js)"/.exec(readFileSync(path.join(webRoot, 'index.html'), 'utf8'))?.[1];
  if (entry === undefined) throw new Error(`${webRoot}/index.html names no entry script`);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(path.join(assets, file), 'utf8');
    for (const match of source.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^"()]*?from\s*)?"\.\/([^"]+\.js)"/g)) visit(match[1]!);
  };
  visit(entry);
  let bytes = 0;
  let gzip = 0;
  for (const file of seen) {
    bytes += statSync(path.join(assets, file)).size;
    gzip += gzipSync(readFileSync(path.join(assets, file))).byteLength;
  }
  if (!readdirSync(assets).includes(entry)) throw new Error('entry chunk missing');
  return { bytes, gzip };
}

interface StartSample { readonly firstPaint: number; readonly longestTask: number; readonly tasksOver50: number; readonly taskMsBeforePaint: number }

// Page scripts as text: tsx would wrap named functions in a __name() the page does not have.
const recordLongTasks = `{
  const tasks = [];
  window.longTasks = tasks;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration }); }).observe({ type: 'longtask', buffered: true });
}`;

/** Holds back the plan document's load (the page's second open of its database), as test/e2e/support/stored-plan.ts does. */
const holdPlanLoad = (dbName: string) => `{
  const open = IDBFactory.prototype.open;
  let opened = 0;
  IDBFactory.prototype.open = function (name, version) {
    const request = version === undefined ? open.call(this, name) : open.call(this, name, version);
    if (name === ${JSON.stringify(dbName)} && ++opened === 2) {
      Object.defineProperty(request, 'onsuccess', { configurable: true, set() { /* never: the document stays unread */ } });
    }
    return request;
  };
}`;

async function firstScreenStored(page: Page, id: string): Promise<boolean> {
  return page.evaluate(async (name) => {
    const request = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
    const req = db.transaction('custom', 'readonly').objectStore('custom').count('first-screen');
    const count = await new Promise<number>((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
    db.close();
    return count === 1;
  }, `throughline-plan:${id}`);
}

async function prepared(page: Page, url: string, update: Uint8Array): Promise<void> {
  await page.goto(url);
  await page.getByRole('main').waitFor();
  await storePlanInBrowser(page, { id: planId, name: 'Start-up', update });
  await page.goto(`${url}#/plan/${planId}/outline`);
  const deadline = Date.now() + 300_000;
  while (!(await firstScreenStored(page, planId))) {
    if (Date.now() > deadline) throw new Error('the app never stored the first screen');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await page.addInitScript({ content: holdPlanLoad(`throughline-plan:${planId}`) });
  await page.addInitScript({ content: recordLongTasks });
}

async function startOnce(page: Page): Promise<StartSample> {
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('throughline:first-paint').length > 0, undefined, { timeout: 120_000, polling: 50 });
  // A long task ends before the observer reports it: give it a moment.
  await page.waitForTimeout(300);
  const [firstPaint, longest, over, total] = await page.evaluate(() => {
    const paint = performance.getEntriesByName('throughline:first-paint')[0]!.startTime;
    const tasks = (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter((task) => task.start <= paint);
    return [paint, tasks.reduce((most, task) => Math.max(most, task.duration), 0), tasks.filter((task) => task.duration > 50).length, tasks.reduce((sum, task) => sum + task.duration, 0)];
  });
  return { firstPaint: firstPaint!, longestTask: longest!, tasksOver50: over!, taskMsBeforePaint: total! };
}

export async function run(): Promise<BenchResult> {
  // A fresh clone has no older build to compare with: the bench then runs the current build on both
  // sides (ratios ~1, a check of the bench's own noise) and says so, rather than refusing to run.
  const baselineWeb = process.env.STARTUP_BENCH_BASELINE_WEB ?? path.join(projectRoot, 'dist', 'web');
  if (process.env.STARTUP_BENCH_BASELINE_WEB === undefined) console.log('[startup bench] no STARTUP_BENCH_BASELINE_WEB (a baseline web build, e.g. main built with `vite build` into another folder): comparing the current build with itself');
  const doc = new Y.Doc();
  generatePlan(doc, { nodes: 5_000, seed: 18 });
  const update = Y.encodeStateAsUpdate(doc);
  const current = await startSyncServer(['--web', path.join(projectRoot, 'dist', 'web')]);
  const baseline = await startSyncServer(['--web', path.resolve(baselineWeb)]);
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
  try {
    const currentPage = await (await browser.newContext()).newPage();
    const baselinePage = await (await browser.newContext()).newPage();
    await prepared(currentPage, current.url, update);
    await prepared(baselinePage, baseline.url, update);
    // One warm-up each (caches, the service worker), then alternating reloads.
    await startOnce(currentPage);
    await startOnce(baselinePage);
    const ours: StartSample[] = [];
    const theirs: StartSample[] = [];
    for (let i = 0; i < reloads; i++) {
      theirs.push(await startOnce(baselinePage));
      ours.push(await startOnce(currentPage));
    }
    const pick = (samples: StartSample[], key: keyof StartSample) => median(samples.map((sample) => sample[key]));
    const js = firstScreenJs(path.join(projectRoot, 'dist', 'web'));
    const baseJs = firstScreenJs(path.resolve(baselineWeb));
    if (process.env.STARTUP_BENCH_PRINT === '1') console.log(JSON.stringify({ ours, theirs }));
    return {
      area: 'startup',
      metrics: {
        first_paint_ms: pick(ours, 'firstPaint'),
        first_paint_baseline_ms: pick(theirs, 'firstPaint'),
        longest_task_before_paint_ms: pick(ours, 'longestTask'),
        longest_task_before_paint_baseline_ms: pick(theirs, 'longestTask'),
        tasks_over_50ms_before_paint: pick(ours, 'tasksOver50'),
        tasks_over_50ms_before_paint_baseline: pick(theirs, 'tasksOver50'),
        long_task_ms_before_paint: pick(ours, 'taskMsBeforePaint'),
        long_task_ms_before_paint_baseline: pick(theirs, 'taskMsBeforePaint'),
        first_screen_js_kb: js.bytes / 1024,
        first_screen_js_baseline_kb: baseJs.bytes / 1024,
        first_screen_js_gzip_kb: js.gzip / 1024,
        first_screen_js_gzip_baseline_kb: baseJs.gzip / 1024,
      },
      notes: [`a 5,000-node plan's stored first screen, its document load held back; medians of ${reloads} reloads per build, alternating; first paint from navigation start`],
    };
  } finally {
    await browser.close();
    await current.stop();
    await baseline.stop();
  }
}
