// review40c F4: the Excel export's workbook and the import's read, preview and preparation moved into Web
// Workers. The workers' whole job is the protocol classes (export-work.ts XlsxWork, import-work.ts
// ImportWork); here they are driven as the workers run them, every message passed through structuredClone
// (what postMessage does) and every answer through the page's runtime validation, and compared with the
// page's own path (exportPlanXlsx; readSpreadsheet → buildImportPreview → preparingImport → commitImport):
// the bytes and the imported plan must be identical. Real Y.Docs, random plans from fast-check.
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  buildImportPreview, commitImport, detectMapping, exportPlanCsv, exportPlanFile, exportPlanXlsx, planExportRowsInSteps, preparingImport, readSpreadsheet,
  type ApplyImportResult, type ExportCell, type ImportPreview, type PreparedImport,
} from '../../../shared/files/index.js';
import { runToEnd, type Plan } from '../../../shared/model/index.js';
import { XlsxWork, parseExportWorkResponse, type ExportWorkResponse } from '../../../renderer/src/files/export-work.js';
import { ImportWork, parseImportWorkResponse, PreviewParts, type ImportWorkRequest, type ImportWorkResponse } from '../../../renderer/src/files/import-work.js';
import { ImportWorkerClient } from '../../../renderer/src/files/import-worker-client.js';
import { ExportStopped, xlsxOffThread } from '../../../renderer/src/files/xlsx-export-runner.js';
import { DAY, newPlan, T0 } from '../../shared/model/support.js';
import { buildPlan, concurrentEdits, nodeArb } from '../../shared/files/support/random-plan.js';
import { largeSheet, largeSheetCsv } from '../../shared/files/support/large-sheet.js';

/** A random plan as the round-trip properties make it: every kind and field, people, teams, periods, conflicts. */
function randomPlan(roots: Parameters<typeof buildPlan>[1], cross: boolean): Plan {
  const { plan, doc } = newPlan({ time: T0 - 12 * DAY });
  buildPlan(plan, roots);
  concurrentEdits(plan, doc, cross);
  plan.index.refresh(T0);
  return plan;
}

/** A plan of `rows` rows imported from the large generated sheet (more rows than one step makes). */
async function largePlan(rows: number): Promise<Plan> {
  const read = await readSpreadsheet('large.csv', largeSheetCsv(largeSheet(rows)));
  if (!read.ok) throw new Error(read.problem.message);
  const { plan } = newPlan({ prefix: 'l' });
  const prepared = runToEnd(preparingImport(plan, buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Large', now: T0 }), { now: T0 }));
  if (!prepared.ok) throw new Error(prepared.problems[0]!.message);
  commitImport(plan, prepared);
  plan.index.refresh(T0);
  return plan;
}

/** The workbook as the page and its worker make it: the rows in steps, each step's rows cloned over, the answer validated. */
function workbookThroughWorker(plan: Plan): ExportWorkResponse {
  const work = new XlsxWork();
  const rows: ExportCell[][] = [];
  const steps = planExportRowsInSteps(plan, rows);
  let sent = 0;
  const send = () => { expect(work.take(structuredClone({ kind: 'rows', rows: rows.slice(sent) }))).toBeNull(); sent = rows.length; };
  for (let next = steps.next(); !next.done; next = steps.next()) send();
  send();
  return parseExportWorkResponse(structuredClone(work.take(structuredClone({ kind: 'finish', planName: plan.index.summary().name }))));
}

describe('the Excel export built in its worker (review40c F4)', () => {
  it('property: the worker\'s workbook is byte for byte the one exportPlanXlsx makes in the page', () => {
    fc.assert(fc.property(fc.array(nodeArb('strategy', 0), { minLength: 1, maxLength: 3 }), fc.boolean(), (roots, cross) => {
      const plan = randomPlan(roots, cross);
      const expected = exportPlanXlsx(plan);
      const answer = workbookThroughWorker(plan);
      expect(answer.kind).toBe('workbook');
      if (answer.kind !== 'workbook') return;
      expect(Buffer.from(answer.bytes).equals(Buffer.from(expected.bytes))).toBe(true);
      expect(answer.cutCells).toBe(expected.cutCells);
      plan.index.destroy();
    }), { numRuns: 30 });
  });

  it('a plan of 1,200 rows (rows sent in several steps) gives the same bytes, also through the page\'s runner', async () => {
    const plan = await largePlan(1_200);
    const expected = exportPlanXlsx(plan);
    const answer = workbookThroughWorker(plan);
    expect(answer.kind === 'workbook' && Buffer.from(answer.bytes).equals(Buffer.from(expected.bytes))).toBe(true);
    // The runner the File menu calls (no Worker in Node: the same XlsxWork in the page).
    const viaRunner = await xlsxOffThread(plan, new AbortController().signal);
    expect(Buffer.from(viaRunner.bytes).equals(Buffer.from(expected.bytes))).toBe(true);
  });

  it('Cancel (the signal aborted) stops the export with ExportStopped, and nothing is returned', async () => {
    const plan = await largePlan(600);
    const cancel = new AbortController();
    cancel.abort();
    await expect(xlsxOffThread(plan, cancel.signal)).rejects.toBeInstanceOf(ExportStopped);
  });

  it('a malformed row, or a malformed answer, is refused with a message naming where', () => {
    const work = new XlsxWork();
    expect(work.take({ kind: 'rows', rows: [[{ text: 5 }]] })).toBeNull();
    const refused = work.take({ kind: 'finish', planName: 'P' });
    expect(refused).toMatchObject({ kind: 'refused' });
    expect(refused?.kind === 'refused' && refused.reason).toMatch(/^The Excel export's worker refused a malformed request \(rows\.0\.0: /);
    expect(parseExportWorkResponse({ kind: 'workbook', bytes: 'PK', cutCells: 0 })).toEqual({ kind: 'refused', reason: 'The Excel export\'s worker sent a malformed answer (bytes: expected bytes (a Uint8Array)).' });
  });
});

/** Runs ImportWork as its worker does: each request cloned in, each answer cloned out and validated by the page's parser. */
class ClonedWorker {
  readonly answers: ImportWorkResponse[] = [];
  private readonly work: ImportWork;
  constructor(ids: () => string) {
    this.work = new ImportWork((response) => this.answers.push(parseImportWorkResponse(structuredClone(response))), () => 0, { now: () => T0, newId: ids });
  }

  async ask(request: ImportWorkRequest): Promise<ImportWorkResponse[]> {
    this.answers.length = 0;
    await this.work.take(structuredClone(request));
    return [...this.answers];
  }
}

const sequence = (prefix: string) => { let next = 0; return () => `${prefix}${++next}`; };

/** The page's path before the worker: read, preview, prepare and commit, all in the page. */
async function importInPage(fileName: string, bytes: Uint8Array, target: Plan): Promise<{ preview: ImportPreview; result: ApplyImportResult }> {
  const read = await readSpreadsheet(fileName, bytes);
  if (!read.ok) throw new Error(read.problem.message);
  const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: `Imported from ${fileName}`, now: T0 });
  const prepared = runToEnd(preparingImport(target, preview, { now: T0 }));
  return { preview, result: prepared.ok ? commitImport(target, prepared) : prepared };
}

/** The worker's path: the same file read, previewed and prepared by ImportWork; the page assembles the preview and commits. */
async function importThroughWorker(fileName: string, bytes: Uint8Array, target: Plan): Promise<{ preview: ImportPreview; result: ApplyImportResult; progress: number }> {
  // The ids the page's PlanContext gives (random in the app; here its test sequence, as the page's path uses).
  const worker = new ClonedWorker(target.ctx.newId);
  const [read] = await worker.ask({ kind: 'read', ticket: 1, fileName, bytes: bytes.slice().buffer });
  if (read?.kind !== 'read') throw new Error(`read answered ${JSON.stringify(read)}`);
  const parts = new PreviewParts();
  const previewAnswers = await worker.ask({ kind: 'preview', ticket: 2, mapping: read.mapping, options: { strategyTitle: `Imported from ${fileName}`, now: T0 } });
  for (const answer of previewAnswers) if (answer.kind === 'preview-part') parts.add(answer);
  const last = previewAnswers.at(-1);
  if (last?.kind !== 'preview') throw new Error(`preview answered ${JSON.stringify(last)}`);
  const preview = parts.finish(last);
  const answers = await worker.ask({ kind: 'prepare', ticket: 3, state: Y.encodeStateAsUpdate(target.doc), actor: target.ctx.actor, options: { now: T0, intoStrategy: null, removed: [] } });
  const prepared = answers.at(-1)!;
  const progress = answers.filter((answer) => answer.kind === 'progress').length;
  if (prepared.kind === 'problems') return { preview, result: { ok: false, problems: prepared.problems }, progress };
  if (prepared.kind !== 'prepared') throw new Error(`prepare answered ${JSON.stringify(prepared)}`);
  const { update, created, restored, rootIds, named } = prepared;
  const ready: PreparedImport = { ok: true, update, created, restored, rootIds, named };
  return { preview, result: commitImport(target, ready), progress };
}

/** Two identical target plans whose ids the import continues alike. */
function twinTargets(): [Plan, Plan] {
  return [newPlan({ prefix: 'i' }).plan, newPlan({ prefix: 'i' }).plan];
}

describe('the import read, previewed and worked out in its worker (review40c F4)', () => {
  it('property: a random plan\'s CSV imports through the worker into exactly the plan the page\'s path makes', async () => {
    await fc.assert(fc.asyncProperty(fc.array(nodeArb('strategy', 0), { minLength: 1, maxLength: 3 }), fc.boolean(), async (roots, cross) => {
      const source = randomPlan(roots, cross);
      const bytes = new TextEncoder().encode(exportPlanCsv(source));
      const [inPage, inWorker] = twinTargets();
      const page = await importInPage('plan.csv', bytes, inPage);
      const worker = await importThroughWorker('plan.csv', bytes, inWorker);
      expect(worker.preview).toEqual(page.preview);
      expect(worker.result).toEqual(page.result);
      // The whole plan, ids, stamps and check-ins included.
      expect(exportPlanFile(inWorker.doc)).toEqual(exportPlanFile(inPage.doc));
      for (const plan of [source, inPage, inWorker]) plan.index.destroy();
    }), { numRuns: 25 });
  });

  it('a 2,000-row sheet (its preview sent in several parts) imports identically', async () => {
    const bytes = largeSheetCsv(largeSheet(2_000));
    const [inPage, inWorker] = twinTargets();
    const page = await importInPage('large.csv', bytes, inPage);
    const worker = await importThroughWorker('large.csv', bytes, inWorker);
    expect(worker.preview.nodes.size).toBeGreaterThan(1_000);
    expect(worker.preview).toEqual(page.preview);
    expect(worker.result).toEqual(page.result);
    expect(worker.result.ok).toBe(true);
    expect(exportPlanFile(inWorker.doc)).toEqual(exportPlanFile(inPage.doc));
  });

  it('a malformed file gives the page\'s own message through the worker, and the plan is not touched', async () => {
    const { plan } = newPlan();
    const before = Y.encodeStateAsUpdate(plan.doc);
    // Not a workbook (a zip with no sheet), and a CSV holding binary.
    for (const [fileName, bytes] of [['broken.xlsx', new TextEncoder().encode('PK\u0003\u0004 not really a zip')], ['binary.csv', new Uint8Array([0, 1, 2, 0, 255, 0, 7, 0])]] as const) {
      const inPage = await readSpreadsheet(fileName, bytes);
      expect(inPage.ok).toBe(false);
      const worker = new ClonedWorker(sequence('i'));
      const [answer] = await worker.ask({ kind: 'read', ticket: 1, fileName, bytes: bytes.slice().buffer });
      expect(answer).toEqual({ kind: 'failed', ticket: 1, message: !inPage.ok && inPage.problem.message });
      // Through the client the dialog uses (no Worker in Node: the same work in the page).
      const client = new ImportWorkerClient(null);
      expect(await client.read(fileName, bytes.slice().buffer)).toEqual({ ok: false, message: !inPage.ok && inPage.problem.message });
      // A preview asked for after the refusal has no table to build on: said, not built from an old file.
      await expect(client.preview(detectMapping({ format: 'csv', rows: [['Objective']], delimiter: ',' }), { strategyTitle: 'x' })).rejects.toThrow('No file has been read yet; choose the file again.');
    }
    expect(Buffer.from(Y.encodeStateAsUpdate(plan.doc)).equals(Buffer.from(before))).toBe(true);
  });

  it('an answer that breaks the protocol is refused with a message naming the field, and fails the request', async () => {
    const answer = parseImportWorkResponse({ kind: 'preview-part', ticket: 4, nodes: [['n1', { key: 'n1', kind: 'objective', title: 'Grow' }]], rows: [] });
    expect(answer.kind).toBe('failed');
    expect(answer.kind === 'failed' && answer.ticket).toBe(4);
    expect(answer.kind === 'failed' && answer.message).toMatch(/^The import's worker sent a malformed answer \(nodes\.0\.1\.row: /);
    // A worker that answers a read with nonsense: the read fails with that message, never half-used.
    const fake = { onmessage: null as ((event: MessageEvent<unknown>) => void) | null, onerror: null, terminate: () => undefined,
      postMessage(request: { ticket: number }) { queueMicrotask(() => this.onmessage?.({ data: { kind: 'read', ticket: request.ticket, head: { rows: 'x' } } } as MessageEvent<unknown>)); } };
    const client = new ImportWorkerClient(() => fake as unknown as Worker);
    const read = await client.read('a.csv', new ArrayBuffer(4));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(/^The import's worker sent a malformed answer \(head\./);
  });

  it('a request that breaks the protocol is refused by the worker with a message naming the field', async () => {
    const worker = new ClonedWorker(sequence('i'));
    const answers = await worker.ask({ kind: 'prepare', ticket: 9, state: new Uint8Array(), actor: 'a', options: { now: 'soon' } } as unknown as ImportWorkRequest);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ kind: 'failed', ticket: 9 });
    expect(answers[0]!.kind === 'failed' && answers[0]!.message).toMatch(/^The import's worker refused a malformed request \(options\.now: /);
  });
});
