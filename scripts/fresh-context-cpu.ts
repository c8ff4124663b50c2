// What one fresh browser context costs the machine: CPU of every Chromium process (read from /proc),
// from newContext until the app shell shows, then until the service worker controls the page and the
// page has been idle. Usage: node --import tsx scripts/fresh-context-cpu.ts [contexts=6]
// Needs a build (dist/). Not a test: a probe for docs/benchmarks.md (testtime6, testtime7).
import { readFileSync, readdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumExecutable, e2eChromiumArgs } from '../playwright.config.js';
import { startSyncServer } from '../test/e2e/support/server.js';

const ticksPerSecond = 100;

/** CPU seconds (user + system) of each process under `root` (itself included), leaving out `skip`'s tree. */
function treeCpu(root: number, skip: number): Map<number, number> {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const parent = Number(fields[1]);
      cpu.set(pid, Number(fields[11]) + Number(fields[12]));
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch { /* exited meanwhile */ }
  }
  const tree = new Map<number, number>();
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (pid === skip) continue;
    if (pid !== root) tree.set(pid, (cpu.get(pid) ?? 0) / ticksPerSecond);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** CPU spent between two snapshots by the processes alive at the second (one that exited is left out). */
function spent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 6);
  const server = await startSyncServer();
  serverPid = server.process.pid ?? -1;
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: e2eChromiumArgs, headless: true });
  // The probe's own Node is the parent of Chromium's browser process.
  const rows: { start: number; install: number; total: number; installWall: number; reload: number }[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const chromiumCpu = () => treeCpu(process.pid, server.process.pid ?? -1);
      const serverCpu = () => treeCpu(server.process.pid ?? -1, -1);
      const before = chromiumCpu();
      const serverBefore = spent(new Map(), serverCpu()) + serverSelf();
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByTestId('app-shell').waitFor();
      const started = chromiumCpu();
      const t0 = Date.now();
      await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active !== null && navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
      const installWall = (Date.now() - t0) / 1000;
      await page.waitForTimeout(3_000);
      const after = chromiumCpu();
      const serverSpent = spent(new Map(), serverCpu()) + serverSelf() - serverBefore;
      // The same person opening the app again (a reload answered by the service worker's caches).
      await page.reload();
      await page.getByTestId('app-shell').waitFor();
      const reloaded = chromiumCpu();
      await context.close();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const row = { start: spent(before, started), install: spent(started, after), total: spent(before, after), installWall, reload: spent(after, reloaded) };
      rows.push(row);
      console.log(JSON.stringify({ context: i, startCpu: +row.start.toFixed(2), afterShellCpu: +row.install.toFixed(2), totalCpu: +row.total.toFixed(2), serverCpu: +serverSpent.toFixed(2), reloadCpu: +row.reload.toFixed(2), untilControlledWall: installWall }));
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const median = (values: number[]) => { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  console.log(JSON.stringify({ medianStartCpu: median(rows.map((r) => r.start)), medianAfterShellCpu: median(rows.map((r) => r.install)), medianTotalCpu: median(rows.map((r) => r.total)), medianReloadCpu: median(rows.map((r) => r.reload)) }));
}

let serverPid = -1;
/** The sync server's own CPU (its process, not only its children). */
function serverSelf(): number {
  try {
    const stat = readFileSync(`/proc/${serverPid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch { return 0; }
}

await main();
