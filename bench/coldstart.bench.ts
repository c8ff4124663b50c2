// Cold start: what one fresh browser context costs the machine when a person opens the app for the
// first time there (a first-time user; every Playwright test starts one per person). Chromium's CPU,
// read from /proc for every process of the browser (the browser process, its renderers, the GPU and
// utility processes; a process that exits is counted through its parent's cutime), per phase of one
// fresh context:
//   context  newContext + newPage
//   start    goto the start page until the app shell shows
//   plan     "Open sample plan" until its outline shows
//   settle   until the browser is quiet (the service worker's install, the page's idle work)
//   reopen   with COLDSTART_BENCH_REOPEN=1 and the plan: the page reloaded until its outline is live, then
//            quiet (a person coming back to the plan; the tests' reloads); not counted in `total`
//   close    the context closed
// This build (dist/web) against a baseline web build served by a second sync server
// (COLDSTART_BENCH_BASELINE_WEB, e.g. main's dist/web copied aside), contexts alternating. Both in the
// end-to-end tests' browser (playwright.config.ts e2eChromiumArgs), or, with
// COLDSTART_BENCH_BASELINE_BROWSER=shared, the baseline in a browser with the shared `chromiumArgs` (the
// address bar popup on, as a person's browser and the tests before the twenty-third session had it).
// COLDSTART_BENCH_CONTEXTS (default 8 per build), COLDSTART_BENCH_PLAN=0 (the start page only),
// COLDSTART_BENCH_PRINT=1 prints every context.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, chromiumExecutable, e2eChromiumArgs } from '../playwright.config.js';
import { startSyncServer, projectRoot } from '../test/e2e/support/server.js';
import type { BenchResult } from './harness.js';
import { median } from './harness.js';

const contextsPerBuild = Number(process.env.COLDSTART_BENCH_CONTEXTS ?? 8);
const ticksPerSecond = 100;

interface ProcessCpu { pid: number; ppid: number; kind: string; ticks: number }

function readProcesses(): Map<number, { ppid: number; comm: string; ticks: number }> {
  const all = new Map<number, { ppid: number; comm: string; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // After ")": state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
      all.set(Number(name), { ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) });
    } catch { /* exited meanwhile */ }
  }
  return all;
}

/** Every process under `root` (inclusive) with its CPU ticks and Chromium's --type. */
function chromiumCpu(root: number): ProcessCpu[] {
  const all = readProcesses();
  const result: ProcessCpu[] = [];
  const visit = (pid: number) => {
    const info = all.get(pid);
    if (!info) return;
    let kind = 'browser';
    if (pid !== root) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        kind = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'other';
        if (kind === 'utility') kind = `utility:${/--utility-sub-type=([\w.]+)/.exec(cmd)?.[1] ?? '?'}`;
      } catch { kind = 'gone'; }
    }
    result.push({ pid, ppid: info.ppid, kind, ticks: info.ticks });
    for (const [child, childInfo] of all) if (childInfo.ppid === pid) visit(child);
  };
  visit(root);
  return result;
}

function totalTicks(root: number): number {
  return chromiumCpu(root).reduce((sum, p) => sum + p.ticks, 0);
}

/** The Chromium browser process Playwright started last: a child of this process running the executable, not in `known`. */
function browserPid(known: readonly number[] = []): number {
  const all = readProcesses();
  for (const [pid, info] of all) {
    if (info.ppid !== process.pid || known.includes(pid)) continue;
    try {
      const exe = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (exe.includes('chrom')) return pid;
    } catch { /* exited */ }
  }
  throw new Error('no Chromium process under this one');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the browser used under 2 % of a core over a second (cap 30 s). */
async function quiet(root: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  let before = totalTicks(root);
  while (Date.now() < deadline) {
    await sleep(1_000);
    const now = totalTicks(root);
    if (now - before <= 2) return;
    before = now;
  }
}

interface ContextSample { context: number; start: number; plan: number; settle: number; reopen: number; close: number; total: number; byKind: Record<string, number> }

const reopenPlan = process.env.COLDSTART_BENCH_REOPEN === '1';

async function openFresh(browser: Browser, root: number, url: string, openPlan: boolean): Promise<ContextSample> {
  await quiet(root);
  const kindsBefore = new Map(chromiumCpu(root).map((p) => [p.pid, p.ticks]));
  const t0 = totalTicks(root);
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  const t1 = totalTicks(root);
  await page.goto(url);
  await page.getByTestId('app-shell').waitFor();
  const t2 = totalTicks(root);
  if (openPlan) {
    await page.getByRole('button', { name: 'Open sample plan' }).click();
    await page.getByRole('treeitem').first().waitFor({ timeout: 60_000 });
  }
  const t3 = totalTicks(root);
  await quiet(root);
  const t4 = totalTicks(root);
  // Per kind of process up to quiet; a process that exited meanwhile is counted in its parent's cutime.
  const byKind: Record<string, number> = {};
  for (const p of chromiumCpu(root)) byKind[p.kind] = (byKind[p.kind] ?? 0) + (p.ticks - (kindsBefore.get(p.pid) ?? 0));
  if (openPlan && reopenPlan) {
    await page.reload();
    // The first rows may be the stored first screen; the plan itself once the outline is live.
    await page.getByRole('tree', { name: 'Plan outline' }).and(page.locator(':not([data-first-screen])')).waitFor({ timeout: 60_000 });
    await quiet(root);
  }
  const t4b = totalTicks(root);
  await context.close();
  // The closed context's renderers exit and are reaped: counted here, not in the next context.
  await quiet(root);
  const t5 = totalTicks(root);
  const ms = (ticks: number) => (ticks * 1000) / ticksPerSecond;
  return { context: ms(t1 - t0), start: ms(t2 - t1), plan: ms(t3 - t2), settle: ms(t4 - t3), reopen: ms(t4b - t4), close: ms(t5 - t4b), total: ms(t5 - t0 - (t4b - t4)), byKind: Object.fromEntries(Object.entries(byKind).filter(([, v]) => v !== 0).map(([k, v]) => [k, ms(v)])) };
}

const phases = ['context', 'start', 'plan', 'settle', 'reopen', 'close', 'total'] as const;

export async function run(): Promise<BenchResult> {
  const baselineWeb = process.env.COLDSTART_BENCH_BASELINE_WEB ?? path.join(projectRoot, 'dist', 'web');
  if (process.env.COLDSTART_BENCH_BASELINE_WEB === undefined) console.log('[coldstart bench] no COLDSTART_BENCH_BASELINE_WEB (a baseline web build, e.g. main built into another folder): comparing the current build with itself');
  const openPlan = process.env.COLDSTART_BENCH_PLAN !== '0';
  const current = await startSyncServer(['--web', path.join(projectRoot, 'dist', 'web')]);
  const baseline = await startSyncServer(['--web', path.resolve(baselineWeb)]);
  const sharedBaselineBrowser = process.env.COLDSTART_BENCH_BASELINE_BROWSER === 'shared';
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: e2eChromiumArgs });
  const root = browserPid();
  const baselineBrowser = sharedBaselineBrowser ? await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs }) : browser;
  const baselineRoot = sharedBaselineBrowser ? browserPid([root]) : root;
  try {
    // One warm-up each: the browser's own first-use costs (its caches, the spare renderer) are not the app's.
    await openFresh(baselineBrowser, baselineRoot, baseline.url, openPlan);
    await openFresh(browser, root, current.url, openPlan);
    const ours: ContextSample[] = [];
    const theirs: ContextSample[] = [];
    for (let i = 0; i < contextsPerBuild; i++) {
      // Alternate which build goes first, so neither always follows the other's closed context.
      const order = i % 2 === 0 ? [baseline, current] : [current, baseline];
      for (const server of order) {
        const sample = server === current ? await openFresh(browser, root, server.url, openPlan) : await openFresh(baselineBrowser, baselineRoot, server.url, openPlan);
        (server === current ? ours : theirs).push(sample);
        if (process.env.COLDSTART_BENCH_PRINT === '1') console.log(`[coldstart] ${server === current ? 'this ' : 'base '} ${JSON.stringify(sample)}`);
      }
    }
    const metrics: Record<string, number> = {};
    for (const phase of phases) {
      metrics[`${phase}_cpu_ms`] = median(ours.map((s) => s[phase]));
      metrics[`${phase}_cpu_baseline_ms`] = median(theirs.map((s) => s[phase]));
    }
    const kinds = new Set([...ours, ...theirs].flatMap((s) => Object.keys(s.byKind)));
    const kindRows = [...kinds].sort().map((kind) => `${kind}: ${median(ours.map((s) => s.byKind[kind] ?? 0))} ms, baseline ${median(theirs.map((s) => s.byKind[kind] ?? 0))} ms (medians per context, up to quiet)`);
    return {
      area: 'coldstart',
      metrics,
      notes: [
        `Chromium's CPU (/proc, every browser process) per fresh context: ${openPlan ? 'the start page, then the sample plan opened' : 'the start page'}, then until quiet${openPlan && reopenPlan ? ', then reloaded until its outline is live and quiet (reopen, not in total)' : ''}, then closed; medians of ${contextsPerBuild} contexts per build, alternating; baseline ${baselineWeb}${sharedBaselineBrowser ? ' in a browser with the shared chromiumArgs (address bar popup on)' : ''}, this build in the end-to-end tests' browser`,
        ...kindRows,
      ],
    };
  } finally {
    await browser.close();
    if (sharedBaselineBrowser) await baselineBrowser.close();
    await current.stop();
    await baseline.stop();
  }
}
