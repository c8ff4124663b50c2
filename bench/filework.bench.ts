// The page's main thread during a 10,000-row import and the Excel export of the 10,000-node plan it makes
// (review40c F4), in Chromium: a person chooses the CSV in File ▸ Import, waits for the preview, presses
// Import, waits for the "Imported …" notice; then File ▸ Export Excel workbook (.xlsx) until the "Saved to"
// notice. Every main-thread task over 50 ms is recorded (PerformanceObserver 'longtask'); each phase reports
// its longest task and its total blocking time (the sum of each long task's time over 50 ms, as Lighthouse
// counts it), from the first action to the notice and the second after it.
// FILEWORK_BENCH_BASELINE_WEB names another web build (e.g. main's) measured alternately in the same run.
// Needs `npm run build`. FILEWORK_BENCH_RUNS (default 3), FILEWORK_BENCH_ROWS (default 10000).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '../playwright.config.js';
import { projectRoot, startSyncServer } from '../test/e2e/support/server.js';
import { largeSheet, largeSheetCsv } from '../test/shared/files/support/large-sheet.js';
import { median, scratchDir, type BenchResult } from './harness.js';

const RUNS = Number(process.env.FILEWORK_BENCH_RUNS ?? 3);
const ROWS = Number(process.env.FILEWORK_BENCH_ROWS ?? 10_000);
const TIMEOUT = 600_000;

// A page script as text: tsx would wrap named functions in a __name() the page does not have.
const recordTasks = `{
  const marks = { tasks: [] };
  window.fileWorkMarks = marks;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) marks.tasks.push({ start: entry.startTime, duration: entry.duration }); }).observe({ type: 'longtask', buffered: true });
}`;

interface Task { start: number; duration: number }
interface Phase { ms: number; longest: number; blocking: number; tasks: number }
interface Sample { importPhase: Phase; exportPhase: Phase; importIntoLargePhase: Phase }

/** The long tasks that overlap [from, to]: the longest, and the time over 50 ms summed. */
function phaseOf(tasks: readonly Task[], from: number, to: number): Phase {
  const within = tasks.filter((task) => task.start + task.duration >= from && task.start <= to);
  return {
    ms: to - from,
    longest: within.reduce((most, task) => Math.max(most, task.duration), 0),
    blocking: within.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0),
    tasks: within.length,
  };
}

const now = `performance.now()`;

/** File ▸ Import of `file`: the preview waited for, Import pressed, the notice waited for. */
async function importCsv(page: Page, file: string): Promise<{ chosen: number; pressed: number; imported: number }> {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  await page.waitForTimeout(500);
  const chosen = await page.evaluate(now) as number;
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles(file);
  await dialog.getByRole('button', { name: /^Import \d/ }).waitFor({ timeout: TIMEOUT });
  await page.waitForFunction(() => !(document.querySelector('.import-summary')?.textContent ?? '').includes('updating'), undefined, { timeout: TIMEOUT });
  const pressed = await page.evaluate(now) as number;
  await dialog.getByRole('button', { name: /^Import \d/ }).click();
  // The dialog closes once the notice is shown (the first import's notice may still be on screen).
  await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT });
  const imported = await page.evaluate(now) as number;
  return { chosen, pressed, imported };
}

async function once(browser: Browser, url: string, file: string): Promise<Sample> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  try {
    await page.addInitScript({ content: recordTasks });
    await page.goto(url);
    await page.getByLabel('New plan name').fill('File work bench');
    await page.getByRole('button', { name: 'New plan' }).click();
    await page.getByRole('tree', { name: 'Plan outline' }).waitFor();
    const first = await importCsv(page, file);
    // The outline takes the import in after the notice: the export starts once that has settled.
    await page.waitForTimeout(3_000);
    const exportPressed = await page.evaluate(now) as number;
    await page.getByRole('button', { name: 'File', exact: true }).click();
    const download = page.waitForEvent('download', { timeout: TIMEOUT });
    await page.getByRole('button', { name: 'Export Excel workbook (.xlsx)' }).click();
    await download;
    await page.getByText(/^Saved to your downloads/).waitFor({ timeout: TIMEOUT });
    const exported = await page.evaluate(now) as number;
    // The same file again, into the plan of 10,000 items now open: the import works on a copy of it.
    await page.waitForTimeout(2_000);
    const second = await importCsv(page, file);
    await page.waitForTimeout(1_300);
    const tasks = await page.evaluate('window.fileWorkMarks.tasks') as Task[];
    // FILEWORK_BENCH_TASKS=1: every long task, timed from the phase's marks (where the time goes).
    if (process.env.FILEWORK_BENCH_TASKS === '1') {
      const at = (task: Task) => {
        const marks: [string, number][] = [['chosen', first.chosen], ['Import pressed', first.pressed], ['export pressed', exportPressed], ['2nd chosen', second.chosen], ['2nd Import pressed', second.pressed]];
        const [name, time] = marks.filter(([, mark]) => mark <= task.start).pop() ?? ['page start', 0];
        return `${name} +${(task.start - time).toFixed(0)}: ${task.duration.toFixed(0)} ms`;
      };
      console.log(tasks.map(at).join('\n'));
    }
    return {
      importPhase: phaseOf(tasks, first.chosen, first.imported + 1_000),
      exportPhase: phaseOf(tasks, exportPressed, exported + 1_000),
      importIntoLargePhase: phaseOf(tasks, second.chosen, second.imported + 1_000),
    };
  } finally {
    await context.close();
  }
}

export async function run(): Promise<BenchResult> {
  const notes = [`runs ${RUNS}; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`];
  const dir = scratchDir('filework-bench-');
  const file = path.join(dir, `cascade-${ROWS}.csv`);
  writeFileSync(file, largeSheetCsv(largeSheet(ROWS)));
  const builds = [{ label: '', web: path.join(projectRoot, 'dist', 'web') }];
  const baseline = process.env.FILEWORK_BENCH_BASELINE_WEB;
  if (baseline) builds.push({ label: 'baseline_', web: path.resolve(baseline) });
  const servers = await Promise.all(builds.map((build) => startSyncServer(['--web', build.web])));
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
  const metrics: Record<string, number> = {};
  try {
    const samples = builds.map(() => [] as Sample[]);
    for (let run = 0; run < RUNS; run++) {
      const order = run % 2 === 0 ? builds.map((_, i) => i) : builds.map((_, i) => i).reverse();
      for (const i of order) {
        const sample = await once(browser, servers[i]!.url, file);
        samples[i]!.push(sample);
        const line = (phase: Phase) => `${phase.ms.toFixed(0)} ms, longest ${phase.longest.toFixed(0)} ms, blocking ${phase.blocking.toFixed(0)} ms in ${phase.tasks} tasks`;
        notes.push(`run ${run + 1} ${builds[i]!.label || 'this '}: import ${line(sample.importPhase)}; export ${line(sample.exportPhase)}; import into it ${line(sample.importIntoLargePhase)}`);
      }
    }
    builds.forEach((build, i) => {
      for (const [phase, label] of [['importPhase', 'import'], ['exportPhase', 'export'], ['importIntoLargePhase', 'import_into_10k']] as const) {
        const name = `${build.label}${label}`;
        const list = samples[i]!.map((sample) => sample[phase]);
        metrics[`${name}_ms`] = median(list.map((p) => p.ms));
        metrics[`${name}_longest_task_ms`] = median(list.map((p) => p.longest));
        metrics[`${name}_blocking_ms`] = median(list.map((p) => p.blocking));
      }
    });
  } finally {
    await browser.close();
    await Promise.all(servers.map((server) => server.stop()));
  }
  notes.push(`${ROWS}-row CSV; load average at end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  return { area: 'filework', metrics, notes };
}
