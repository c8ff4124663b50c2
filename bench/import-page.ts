// The import bench's Chromium part: a person chooses the spreadsheet in File ▸ Import, waits for the
// preview's count, presses Import and waits for the notice that the plan holds it. Times are taken in
// the page (performance.now() at the file input's change event, a MutationObserver for the count and
// the notice), with every main-thread task over 50 ms recorded meanwhile (PerformanceObserver).
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '../playwright.config.js';
import { projectRoot, startSyncServer } from '../test/e2e/support/server.js';
import { median } from './harness.js';

// Page scripts as text: tsx would wrap named functions in a __name() the page does not have.
const recordImportTimes = `{
  const marks = { tasks: [] };
  window.importMarks = marks;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) marks.tasks.push({ start: entry.startTime, duration: entry.duration }); }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('change', (event) => { if (event.target && event.target.id === 'import-file') { marks.chosen = performance.now(); marks.previewShown = undefined; } }, true);
  document.addEventListener('click', (event) => { const button = event.target && event.target.closest && event.target.closest('button'); if (button && /^Import \\d/.test(button.textContent || '')) marks.importPressed = performance.now(); }, true);
  new MutationObserver(() => {
    if (marks.chosen !== undefined && marks.previewShown === undefined && /items from/.test(document.querySelector('.import-summary')?.textContent || '')) marks.previewShown = performance.now();
    if (marks.importPressed !== undefined && marks.imported === undefined && /Imported \\d/.test(document.body.textContent || '')) marks.imported = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
}`;

interface Marks { chosen: number; previewShown: number; importPressed: number; imported: number; tasks: { start: number; duration: number }[] }

interface PageSample { preview: number; apply: number; longestPreviewTask: number; longestApplyTask: number }

async function importOnce(browser: Browser, url: string, file: string): Promise<PageSample> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  try {
    await page.addInitScript({ content: recordImportTimes });
    await page.goto(url);
    await page.getByLabel('New plan name').fill('Import bench');
    await page.getByRole('button', { name: 'New plan' }).click();
    await page.getByRole('tree', { name: 'Plan outline' }).waitFor();
    await page.getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
    await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles(file);
    await page.waitForFunction(() => (window as unknown as { importMarks: Partial<Marks> }).importMarks.previewShown !== undefined, undefined, { timeout: Number(process.env.IMPORT_BENCH_PAGE_TIMEOUT ?? 600_000), polling: 100 });
    await dialog.getByRole('button', { name: /^Import \d/ }).click();
    await page.waitForFunction(() => (window as unknown as { importMarks: Partial<Marks> }).importMarks.imported !== undefined, undefined, { timeout: Number(process.env.IMPORT_BENCH_PAGE_TIMEOUT ?? 600_000), polling: 100 });
    // A long task ends before the observer reports it, and the outline may render the import in the
    // tasks after the notice: give it a moment, and count the tasks of the second after the notice too.
    await page.waitForTimeout(1_300);
    const marks = await page.evaluate(() => (window as unknown as { importMarks: Marks }).importMarks);
    const longest = (from: number, to: number) => marks.tasks.filter((task) => task.start + task.duration >= from && task.start <= to).reduce((most, task) => Math.max(most, task.duration), 0);
    return {
      preview: marks.previewShown - marks.chosen, apply: marks.imported - marks.importPressed,
      longestPreviewTask: longest(marks.chosen, marks.previewShown), longestApplyTask: longest(marks.importPressed, marks.imported + 1_000),
    };
  } finally {
    await context.close();
  }
}

export async function measureImportInPage(options: { files: string[]; expectedItems: number; baselineWeb: string | null; runs: number }): Promise<{ metrics: Record<string, number>; notes: string[] }> {
  const builds = [{ label: '', web: path.join(projectRoot, 'dist', 'web') }];
  if (options.baselineWeb) builds.push({ label: 'baseline_', web: path.resolve(options.baselineWeb) });
  const servers = await Promise.all(builds.map((build) => startSyncServer(['--web', build.web])));
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
  const metrics: Record<string, number> = {};
  const notes: string[] = [];
  try {
    for (const file of options.files) {
      const format = path.extname(file).slice(1);
      const samples = builds.map(() => [] as PageSample[]);
      for (let run = 0; run < options.runs; run++) {
        const order = run % 2 === 0 ? builds.map((_, i) => i) : builds.map((_, i) => i).reverse();
        for (const i of order) samples[i]!.push(await importOnce(browser, servers[i]!.url, file));
      }
      builds.forEach((build, i) => {
        const list = samples[i]!;
        const prefix = `${build.label}page_${format}`;
        metrics[`${prefix}_preview_ms`] = median(list.map((sample) => sample.preview));
        metrics[`${prefix}_apply_ms`] = median(list.map((sample) => sample.apply));
        metrics[`${prefix}_longest_task_preview_ms`] = median(list.map((sample) => sample.longestPreviewTask));
        metrics[`${prefix}_longest_task_apply_ms`] = median(list.map((sample) => sample.longestApplyTask));
      });
      if (builds.length === 2) {
        metrics[`ratio_page_${format}_preview`] = metrics[`page_${format}_preview_ms`]! / metrics[`baseline_page_${format}_preview_ms`]!;
        metrics[`ratio_page_${format}_apply`] = metrics[`page_${format}_apply_ms`]! / metrics[`baseline_page_${format}_apply_ms`]!;
      }
      notes.push(`page: ${path.basename(file)}, ${options.runs} runs per build, ${options.expectedItems} items`);
    }
  } finally {
    await browser.close();
    await Promise.all(servers.map((server) => server.stop()));
  }
  return { metrics, notes };
}
