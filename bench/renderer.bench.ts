// Renderer benchmark: real Chromium against the built app served by the built sync server.
//   open_20k_ms    a stored 20,000-node plan (a year of check-ins) opened from IndexedDB to an
//                  interactive outline (the app's own performance measure: open start → outline
//                  painted), median of several cold page loads;
//   remote_edit_ms a check-in made by another client (a Node y-websocket client) applied to the
//                  visible outline and detail panel: from the update's transaction start in the page
//                  to the painted frame, median of several edits.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { chromiumArgs, chromiumExecutable } from '../playwright.config.js';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { openPlan } from '../shared/model/index.js';
import { ensureBuilt, median, percentile, type BenchResult } from './harness.js';

const root = path.resolve(import.meta.dirname, '..');
const nodes = Number(process.env.RENDERER_BENCH_NODES ?? 20_000);
const openRuns = Number(process.env.RENDERER_BENCH_OPENS ?? 5);
const editRuns = Number(process.env.RENDERER_BENCH_EDITS ?? 20);
const workspace = 'bench';
const planId = 'bench20k';

async function startServer(dataDir: string): Promise<{ url: string; process: ChildProcessWithoutNullStreams }> {
  // The generated plan encodes to ~16 MB: raise the message limit so one client can upload it whole.
  const child = spawn(process.execPath, ['dist/sync-server/cli.js', 'serve', '--port', '0', '--data', dataDir, '--max-message-bytes', String(256 * 1024 * 1024)], { cwd: root });
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

function connect(serverUrl: string, token: string, doc: Y.Doc): Promise<WebsocketProvider> {
  const provider = new WebsocketProvider(`${serverUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/${workspace}`, planId, doc, {
    params: { token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true,
  });
  return new Promise((resolve) => provider.once('sync', () => resolve(provider)));
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const left = Y.decodeStateVector(Y.encodeStateVector(a));
  const right = Y.decodeStateVector(Y.encodeStateVector(b));
  return left.size === right.size && [...left].every(([client, clock]) => right.get(client) === clock);
}

async function waitUntil(condition: () => boolean, timeoutMs: number, failure: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stores the plan in the page's IndexedDB exactly as y-indexeddb lays it out, and lists it in the library. */
async function storeInBrowser(page: Page, update: Uint8Array, serverUrl: string, token: string): Promise<void> {
  const base64 = Buffer.from(update).toString('base64');
  await page.evaluate(async ({ base64, planId, workspace, server, token }) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
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
    localStorage.setItem('throughline:library:v1', JSON.stringify([{ id: planId, name: 'Benchmark 20k', createdAt: now, openedAt: now, workspace }]));
    localStorage.setItem('throughline:connections:v1', JSON.stringify([{ server, workspace, token, savedAt: now }]));
    localStorage.setItem('throughline:identity:v1', JSON.stringify({ name: 'Bench', colour: '#3b6fd8', personByPlan: {} }));
  }, { base64, planId, workspace, server: serverUrl.replace(/^http/, 'ws').replace(/\/$/, ''), token });
}

interface OpenSample { open: number; fromNavigation: number; idb: number; index: number; render: number }

async function openOnce(page: Page, url: string): Promise<OpenSample> {
  await page.goto(`${url}#/plan/${planId}/outline`);
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('throughline:open').length > 0, undefined, { timeout: 60_000 });
  // No named helpers inside evaluate: tsx would wrap them in a __name() the page does not have.
  const [start, loaded, built, interactive, open] = await page.evaluate(() => [
    'throughline:open-start', 'throughline:local-loaded', 'throughline:index-built', 'throughline:outline-interactive',
  ].map((name) => performance.getEntriesByName(name)[0]!.startTime).concat(performance.getEntriesByName('throughline:open')[0]!.duration));
  return { open: open!, fromNavigation: interactive!, idb: loaded! - start!, index: built! - loaded!, render: interactive! - built! };
}

export async function run(): Promise<BenchResult> {
  ensureBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-bench-renderer-'));
  const server = await startServer(dataDir);
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
  const providers: WebsocketProvider[] = [];
  try {
    const token = execFileSync(process.execPath, ['dist/sync-server/cli.js', 'token', '--data', dataDir, '--workspace', workspace, '--role', 'editor'], { cwd: root, encoding: 'utf8' }).trim();

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

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await storeInBrowser(page, update, server.url, token);

    const opens: OpenSample[] = [];
    for (let i = 0; i < openRuns + 1; i++) {
      const sample = await openOnce(page, server.url);
      if (i > 0) opens.push(sample); // the first load also installs the service worker and warms caches
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heapBytes = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
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
    const keyResultId = await keyResult.getAttribute('data-node-id');
    if (!keyResultId) throw new Error('no key result is visible in the outline');
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
    await context.close();

    const pick = (key: keyof OpenSample) => median(opens.map((sample) => sample[key]));
    return {
      area: 'renderer',
      metrics: {
        open_20k_ms: pick('open'),
        open_20k_from_navigation_ms: pick('fromNavigation'),
        open_20k_idb_ms: pick('idb'),
        idb_raw_read_ms: rawReadMs,
        open_20k_index_ms: pick('index'),
        open_20k_render_ms: pick('render'),
        remote_edit_ms: median(inPage),
        remote_edit_p95_ms: percentile(inPage, 95),
        remote_edit_end_to_end_ms: median(endToEnd),
        heap_20k_mb: heapBytes / 1024 / 1024,
        stored_bytes: update.byteLength,
      },
      notes: [
        `${nodes} nodes, ${generated.checkIns} check-ins, ${(update.byteLength / 1024 / 1024).toFixed(1)} MB stored; ${openRuns} cold opens after a warm-up load, ${editRuns} remote check-ins`,
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
    server.process.kill('SIGTERM');
    await new Promise((resolve) => server.process.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
