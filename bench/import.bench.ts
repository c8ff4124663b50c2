// Import of a real-world-sized spreadsheet: a cascade of strategies, objectives, key results,
// initiatives and tasks with owners, teams, quarters, dates and check-ins (test/shared/files/support/
// large-sheet.ts), as CSV and as XLSX, at 1,000 and 10,000 rows. In Node, with the real shared/ code:
// parse (bytes → table), mapping detection, preview, and apply into an empty plan (the time until the
// plan's doc holds the import). Side by side in one process when IMPORT_BENCH_BASELINE names another
// checkout's root (e.g. main's shared/ exported into .tmp/import-baseline): runs alternate between the
// two, so load on the machine hits both alike.
// In Chromium (IMPORT_BENCH_BROWSER=1, needs `npm run build`): from choosing the 10,000-row file to the
// preview's count shown, and from pressing Import to the outline showing the import, plus the longest
// main-thread task meanwhile; against IMPORT_BENCH_BASELINE_WEB (a baseline web build) when given.
// IMPORT_BENCH_XLSX_READ=1: only `readXlsx` of a 19,999-row workbook, plain and with a percent number
// format on its Start, Target and Current columns (the sheet's read is where percent formats cost).
import { writeFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import type * as Files from '../shared/files/index.js';
import type * as Model from '../shared/model/index.js';
import { largeSheet, largeSheetCsv, largeSheetXlsx, type LargeSheet } from '../test/shared/files/support/large-sheet.js';
import { median, scratchDir, type BenchResult } from './harness.js';
import { measureImportInPage } from './import-page.js';

const RUNS = Number(process.env.IMPORT_BENCH_RUNS ?? 5);
const SIZES = (process.env.IMPORT_BENCH_ROWS ?? '1000,10000').split(',').map(Number);
const NOW = Date.UTC(2026, 5, 1, 9);

interface Code { files: typeof Files; model: typeof Model; label: string }

async function loadCode(root: string, label: string): Promise<Code> {
  const files = (await import(pathToFileURL(path.join(root, 'shared/files/index.ts')).href)) as typeof Files;
  const model = (await import(pathToFileURL(path.join(root, 'shared/model/index.ts')).href)) as typeof Model;
  return { files, model, label };
}

interface Sample { parse: number; mapping: number; preview: number; apply: number; nodes: number }

/** One import of `bytes` into a fresh empty plan, each phase timed. */
async function importOnce(code: Code, fileName: string, bytes: Uint8Array): Promise<Sample> {
  const { files, model } = code;
  let t = performance.now();
  const read = await files.readSpreadsheet(fileName, bytes);
  if (!read.ok) throw new Error(read.problem.message);
  const parse = performance.now() - t;
  t = performance.now();
  const mapping = files.detectMapping(read.table);
  const mappingMs = performance.now() - t;
  t = performance.now();
  const preview = files.buildImportPreview(read.table, mapping, { strategyTitle: 'Imported' });
  const previewMs = performance.now() - t;
  if (preview.problems.length > 0) throw new Error(`preview problems: ${preview.problems.slice(0, 3).map((p) => p.message).join('; ')}`);
  let id = 0;
  const doc = new Y.Doc();
  const plan = model.openPlan(doc, { now: () => NOW, newId: () => `i${(++id).toString(36).padStart(8, '0')}`, actor: 'bench' }, { now: NOW });
  t = performance.now();
  const result = await applyWith(code, plan, preview);
  const apply = performance.now() - t;
  if (!result.ok) throw new Error(`apply refused: ${result.problems[0]?.message}`);
  const nodes = result.created.nodes;
  plan.index.destroy();
  doc.destroy();
  return { parse, mapping: mappingMs, preview: previewMs, apply, nodes };
}

/** The apply as the app runs it: prepared in steps and committed when the code has that, else in one call. */
async function applyWith(code: Code, plan: Model.Plan, preview: Files.ImportPreview): Promise<Files.ApplyImportResult> {
  const files = code.files as Partial<Pick<typeof Files, 'preparingImport' | 'commitImport'>> & typeof Files;
  if (!files.preparingImport || !files.commitImport) return files.applyImport(plan, preview, { now: NOW });
  const prepared = code.model.runToEnd(files.preparingImport(plan, preview, { now: NOW }));
  return prepared.ok ? files.commitImport(plan, prepared) : prepared;
}

/** `workbook` with cellXfs 2 a percent format (`0%`) on every number cell of columns G–I (Start, Target, Current). */
function withPercentColumns(workbook: Uint8Array): Uint8Array {
  const parts = unzipSync(workbook);
  const styles = strFromU8(parts['xl/styles.xml']!);
  parts['xl/styles.xml'] = strToU8(styles.replace('<cellXfs count="2">', '<cellXfs count="3">').replace('</cellXfs>', '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'));
  const sheet = 'xl/worksheets/sheet1.xml';
  parts[sheet] = strToU8(strFromU8(parts[sheet]!).replace(/<c r="([GHI]\d+)"><v>/g, '<c r="$1" s="2"><v>'));
  return zipSync(parts);
}

/** `readXlsx` alone, plain and percent-styled workbooks, each code alternately. */
async function xlsxReadOnly(codes: Code[], metrics: Record<string, number>, notes: string[]): Promise<void> {
  const rows = 19_999;
  const plain = largeSheetXlsx(largeSheet(rows));
  const workbooks = { plain, percent: withPercentColumns(plain) };
  for (const [name, bytes] of Object.entries(workbooks)) {
    const samples = new Map<string, number[]>(codes.map((code) => [code.label, []]));
    const once = async (code: Code) => {
      const t = performance.now();
      const read = await code.files.readXlsx(bytes);
      if (!read.ok || read.table.rows.length !== rows + 1) throw new Error(`${code.label}: ${read.ok ? `${read.table.rows.length} rows` : read.problem.message}`);
      return performance.now() - t;
    };
    for (const code of codes) await once(code); // warm-up
    for (let run = 0; run < RUNS; run++) {
      for (const code of run % 2 === 0 ? codes : [...codes].reverse()) samples.get(code.label)!.push(await once(code));
    }
    for (const code of codes) {
      const list = samples.get(code.label)!;
      metrics[`${code.label === 'this' ? '' : 'baseline_'}xlsx_read_${name}_ms`] = median(list);
      notes.push(`${code.label} ${name}: ${list.map((ms) => ms.toFixed(0)).join(' ')} ms`);
    }
    notes.push(`${name} workbook: ${(bytes.byteLength / 1024).toFixed(0)} KB, ${rows} rows`);
  }
  if (metrics.baseline_xlsx_read_percent_ms !== undefined) metrics.ratio_xlsx_read_percent = metrics.xlsx_read_percent_ms! / metrics.baseline_xlsx_read_percent_ms;
  if (metrics.baseline_xlsx_read_plain_ms !== undefined) metrics.ratio_xlsx_read_plain = metrics.xlsx_read_plain_ms! / metrics.baseline_xlsx_read_plain_ms;
}

export async function run(): Promise<BenchResult> {
  const current = await loadCode(path.resolve(import.meta.dirname, '..'), 'this');
  const baselineRoot = process.env.IMPORT_BENCH_BASELINE;
  const baseline = baselineRoot ? await loadCode(path.resolve(baselineRoot), 'baseline') : null;
  if (process.env.IMPORT_BENCH_XLSX_READ === '1') {
    const metrics: Record<string, number> = {};
    const notes = [`runs ${RUNS}; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`];
    await xlsxReadOnly(baseline ? [current, baseline] : [current], metrics, notes);
    notes.push(`load average at end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    return { area: 'import', metrics, notes };
  }
  const metrics: Record<string, number> = {};
  const notes: string[] = [`runs ${RUNS} per size and format; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`];
  const sheets = new Map<number, LargeSheet>(SIZES.map((rows) => [rows, largeSheet(rows)]));
  // IMPORT_BENCH_PAGE_ONLY=1: the Chromium part alone (the Node phases take minutes on a loaded machine).
  for (const [rows, sheet] of process.env.IMPORT_BENCH_PAGE_ONLY === '1' ? [] : sheets) {
    for (const format of ['csv', 'xlsx'] as const) {
      const bytes = format === 'csv' ? largeSheetCsv(sheet) : largeSheetXlsx(sheet);
      const fileName = `cascade-${rows}.${format}`;
      const codes = baseline ? [current, baseline] : [current];
      const samples = new Map<string, Sample[]>(codes.map((code) => [code.label, []]));
      for (const code of codes) await importOnce(code, fileName, bytes); // warm-up
      for (let run = 0; run < RUNS; run++) {
        for (const code of run % 2 === 0 ? codes : [...codes].reverse()) samples.get(code.label)!.push(await importOnce(code, fileName, bytes));
      }
      for (const code of codes) {
        const list = samples.get(code.label)!;
        if (list.some((sample) => sample.nodes !== sheet.expected.nodes)) throw new Error(`${code.label}: ${list[0]!.nodes} nodes, expected ${sheet.expected.nodes}`);
        const prefix = `${code.label === 'this' ? '' : 'baseline_'}${format}_${rows}`;
        for (const phase of ['parse', 'mapping', 'preview', 'apply'] as const) metrics[`${prefix}_${phase}_ms`] = median(list.map((sample) => sample[phase]));
        metrics[`${prefix}_total_ms`] = median(list.map((sample) => sample.parse + sample.mapping + sample.preview + sample.apply));
      }
      if (baseline) {
        for (const phase of ['parse', 'preview', 'apply', 'total'] as const) {
          metrics[`ratio_${format}_${rows}_${phase}`] = metrics[`${format}_${rows}_${phase}_ms`]! / metrics[`baseline_${format}_${rows}_${phase}_ms`]!;
        }
      }
      notes.push(`${fileName}: ${(bytes.byteLength / 1024).toFixed(0)} KB, ${sheet.expected.nodes} nodes, ${sheet.expected.checkIns} check-ins`);
    }
  }
  if (process.env.IMPORT_BENCH_BROWSER === '1') {
    const rows = Math.max(...SIZES);
    const sheet = sheets.get(rows)!;
    const dir = scratchDir('import-bench-');
    const csv = path.join(dir, `cascade-${rows}.csv`);
    const xlsx = path.join(dir, `cascade-${rows}.xlsx`);
    writeFileSync(csv, largeSheetCsv(sheet));
    writeFileSync(xlsx, largeSheetXlsx(sheet));
    // IMPORT_BENCH_PAGE_FORMATS=csv (or xlsx) measures one format only.
    const formats = (process.env.IMPORT_BENCH_PAGE_FORMATS ?? 'csv,xlsx').split(',');
    const page = await measureImportInPage({ files: [csv, xlsx].filter((file) => formats.includes(path.extname(file).slice(1))), expectedItems: sheet.expected.nodes + 0, baselineWeb: process.env.IMPORT_BENCH_BASELINE_WEB ?? null, runs: Number(process.env.IMPORT_BENCH_PAGE_RUNS ?? 3) });
    Object.assign(metrics, page.metrics);
    notes.push(...page.notes);
  }
  notes.push(`load average at end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  return { area: 'import', metrics, notes };
}
