import type { ExportCell } from '../../../shared/files/export-rows.js';
import { planExportRowsInSteps } from '../../../shared/files/export-rows.js';
import type { XlsxExport } from '../../../shared/files/export-xlsx.js';
import type { Plan } from '../../../shared/model/index.js';
import { inputPending, yieldToPage } from '../persistence/sliced-load.js';
import { runCooperatively } from '../session/cooperative-steps.js';
import { parseExportWorkResponse, XlsxWork, type ExportWorkRequest, type ExportWorkResponse } from './export-work.js';

/** The export was cancelled (the person pressed Cancel): nothing is saved. */
export class ExportStopped extends Error {
  override readonly name = 'ExportStopped';
  constructor() { super('The export was cancelled.'); }
}

/** Where the workbook is built: a worker, or (where none can be started) the page itself. */
interface Builder {
  send(request: ExportWorkRequest): void;
  answer: Promise<ExportWorkResponse>;
  stop(): void;
}

function workerBuilder(): Builder | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module', name: 'excel-export' });
  } catch {
    return null;
  }
  const answer = new Promise<ExportWorkResponse>((resolve) => {
    worker.onmessage = (event: MessageEvent<unknown>) => resolve(parseExportWorkResponse(event.data));
    // A worker that cannot start (or died) answers with a reason, as a refusal.
    worker.onerror = (event) => resolve({ kind: 'refused', reason: `The Excel export's worker stopped${event.message ? ` (${event.message})` : ''}.` });
  });
  return { send: (request) => worker.postMessage(request), answer, stop: () => worker.terminate() };
}

function pageBuilder(): Builder {
  const work = new XlsxWork();
  let resolve: (response: ExportWorkResponse) => void = () => undefined;
  const answer = new Promise<ExportWorkResponse>((done) => { resolve = done; });
  return { send: (request) => { const response = work.take(request); if (response) resolve(response); }, answer, stop: () => undefined };
}

/**
 * The Excel workbook of `plan`, built without a long task on the page (review40c F4): its rows are made
 * from the live index in steps of a few milliseconds, each step's rows handed to a worker as they are
 * made, and the worker builds the workbook (the same bytes as exportPlanXlsx). `cancel` aborted (Cancel)
 * ends it at once with ExportStopped, the worker terminated; a refusal rejects with its reason.
 */
export async function xlsxOffThread(plan: Plan, cancel: AbortSignal): Promise<XlsxExport> {
  const name = plan.index.summary().name;
  const builder = workerBuilder() ?? pageBuilder();
  // The rows made since the last step, handed on and dropped: the page keeps no second copy of the sheet.
  const rows: ExportCell[][] = [];
  const sendNew = () => {
    if (rows.length === 0) return;
    builder.send({ kind: 'rows', rows: rows.splice(0) });
  };
  try {
    await runCooperatively(planExportRowsInSteps(plan, rows), {
      yieldToPage: async () => { sendNew(); await yieldToPage(); if (cancel.aborted) throw new ExportStopped(); },
      now: () => performance.now(), inputPending,
    });
    sendNew();
    builder.send({ kind: 'finish', planName: name });
    if (cancel.aborted) throw new ExportStopped();
    let onAbort = () => undefined as void;
    const aborted = new Promise<never>((_, reject) => { onAbort = () => reject(new ExportStopped()); });
    cancel.addEventListener('abort', onAbort);
    const answer = await Promise.race([builder.answer, aborted]).finally(() => cancel.removeEventListener('abort', onAbort));
    if (answer.kind === 'refused') throw new Error(answer.reason);
    return { bytes: answer.bytes, cutCells: answer.cutCells };
  } finally {
    builder.stop();
  }
}
