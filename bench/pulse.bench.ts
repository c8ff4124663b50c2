// Pulse benchmark (fix41b, F7): real Chromium against the built app served by the built sync server, on a
// generated 10,000-node plan of a company (issue #18's directory). The risk card ("Where do risks begin?")
// lists ~4,240 origins there.
//   show_all_ms              a click on the card's "Show all" → every origin in the list, painted
//   show_all_longest_task_ms the longest main-thread task (PerformanceObserver 'longtask') from the click
//                            to the last origin painted: how long the page does not answer input
//   show_more_longest_task_ms the same for one "Show 200 more" from the first page
// Median of PULSE_BENCH_RUNS runs (default 3), each in a fresh page.
import { chromium, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { chromiumArgs, chromiumExecutable } from '../playwright.config.js';
import { COMPANY_DIRECTORY, generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { startSyncServer } from '../test/e2e/support/server.js';
import { storePlanInBrowser } from '../test/e2e/support/stored-plan.js';
import { median, type BenchResult } from './harness.js';

const nodes = Number(process.env.PULSE_BENCH_NODES ?? 10_000);
const runs = Number(process.env.PULSE_BENCH_RUNS ?? 3);
const riskQuestion = 'Where do risks begin?';
const progress = (text: string) => process.stderr.write(`[pulse] ${text}\n`);

/** Long tasks seen since `arm()`, kept on the window. */
async function arm(page: Page): Promise<void> {
  await page.evaluate(() => {
    const target = window as unknown as { __longTasks: number[]; __observer?: PerformanceObserver };
    target.__observer?.disconnect();
    target.__longTasks = [];
    target.__observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) target.__longTasks.push(entry.duration); });
    target.__observer.observe({ type: 'longtask' });
  });
}

async function longestTask(page: Page): Promise<number> {
  // A long task is reported after it ends: give the observer a frame and a moment.
  await page.waitForTimeout(300);
  return page.evaluate(() => Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks));
}

/** Evidence items listed under the open card. */
function listed(page: Page): Promise<number> {
  return page.evaluate((question) => document.querySelector(`[aria-label="Evidence: ${question}"]`)?.querySelectorAll('li.evidence').length ?? 0, riskQuestion);
}

/** Clicks the button named `name` and returns ms until `count` items are listed and a frame painted. */
async function clickUntilListed(page: Page, name: string, count: number): Promise<number> {
  const evidence = page.getByRole('region', { name: `Evidence: ${riskQuestion}` });
  const button = evidence.getByRole('button', { name, exact: true });
  await button.waitFor();
  const started = await page.evaluate(() => performance.now());
  await button.click();
  await page.waitForFunction(({ question, count }) => (document.querySelector(`[aria-label="Evidence: ${question}"]`)?.querySelectorAll('li.evidence').length ?? 0) >= count, { question: riskQuestion, count }, { timeout: 120_000, polling: 'raf' });
  const ended = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
  return ended - started;
}

export async function run(): Promise<BenchResult> {
  const doc = new Y.Doc();
  const generated = generatePlan(doc, { nodes, seed: nodes, ...COMPANY_DIRECTORY });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  // With an environment of its own the helper starts no spare server for a next call (which kept this process alive).
  const server = await startSyncServer([], { THROUGHLINE_PULSE_BENCH: '1' });
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
  const samples = { showAll: [] as number[], showAllTask: [] as number[], showMoreTask: [] as number[] };
  let total = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      // The plan's today, as its generator wrote it: its signals (and so the card's count) depend on the day.
      await context.clock.install({ time: generated.now });
      const page = await context.newPage();
      await page.goto(server.url);
      const planId = `PulseBench${i}x${nodes}`;
      await storePlanInBrowser(page, { id: planId, name: 'Company pulse', update });
      progress(`run ${i + 1}: plan stored`);
      await page.goto(`${server.url}#/plan/${planId}/pulse`);
      await page.getByRole('heading', { name: 'Execution pulse' }).waitFor({ timeout: 120_000 });
      await page.getByRole('list', { name: 'Pulse questions' }).getByRole('listitem').filter({ hasText: riskQuestion }).getByRole('button').click();
      const evidence = page.getByRole('region', { name: `Evidence: ${riskQuestion}` });
      await evidence.waitFor();
      total = Number(/— ([\d,]+) items/.exec((await evidence.getByRole('heading', { level: 3 }).textContent()) ?? '')?.[1]?.replace(/,/g, ''));
      if (!(total > 400)) throw new Error(`the risk card lists ${total} origins; the benchmark needs a plan with hundreds`);
      await page.waitForTimeout(1000);
      progress(`run ${i + 1}: the risk card lists ${total} origins`);

      await arm(page);
      const first = await listed(page);
      await clickUntilListed(page, 'Show 200 more', first + 200);
      samples.showMoreTask.push(await longestTask(page));

      await arm(page);
      samples.showAll.push(await clickUntilListed(page, 'Show all', total));
      samples.showAllTask.push(await longestTask(page));

      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return {
    area: 'pulse',
    metrics: {
      risk_origins: total,
      show_all_ms: median(samples.showAll),
      show_all_longest_task_ms: median(samples.showAllTask),
      show_more_longest_task_ms: median(samples.showMoreTask),
    },
    notes: [`${nodes.toLocaleString()}-node plan (company directory), ${runs} runs; samples: show all ${samples.showAll.map((v) => v.toFixed(0)).join(', ')} ms, its longest task ${samples.showAllTask.map((v) => v.toFixed(0)).join(', ')} ms, show more's ${samples.showMoreTask.map((v) => v.toFixed(0)).join(', ')} ms`],
  };
}
