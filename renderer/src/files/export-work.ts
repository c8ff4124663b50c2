import { z } from 'zod';
import { firstIssue } from '../../../shared/validation/first-issue.js';
import { EXPORT_COLUMNS, type ExportCell } from '../../../shared/files/export-rows.js';
import { xlsxWorkbook, type XlsxExport } from '../../../shared/files/export-xlsx.js';

/**
 * The Excel export's worker protocol (review40c F4: exporting a 10,000-node plan was one task of
 * 0.6–4.5 s). The page builds the rows from its live index in short steps and hands each step's rows
 * over as they are made (`rows`); `finish` asks for the workbook, which the worker builds — the XML of
 * 300,000 cells and its deflate, the bulk of the time — and sends back as bytes (`workbook`). Both
 * sides check every message: a worker is another thread's code, and a message that is not what the
 * protocol says is refused with a reason, never half-used.
 */

/** More rows than any plan the app opens holds (the 100,000-node plan is its largest measured). */
const maxRows = 1_000_000;

const cell = z.union([
  z.null(),
  z.object({ text: z.string() }).strict(),
  z.object({ word: z.string() }).strict(),
  z.object({ number: z.number() }).strict(),
  z.object({ date: z.string() }).strict(),
  z.object({ share: z.number() }).strict(),
  z.object({ instant: z.number() }).strict(),
]);
const row = z.array(cell).length(EXPORT_COLUMNS.length);

export const exportWorkRequestSchema = z.discriminatedUnion('kind', [
  /** The next rows of the plan, in outline order. */
  z.object({ kind: z.literal('rows'), rows: z.array(row).max(maxRows) }).strict(),
  /** Every row was sent: build the workbook of the plan named `planName`. */
  z.object({ kind: z.literal('finish'), planName: z.string().max(10_000) }).strict(),
]);
export type ExportWorkRequest = z.infer<typeof exportWorkRequestSchema>;

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'expected bytes (a Uint8Array)' });

export const exportWorkResponseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workbook'), bytes, cutCells: z.number().int().nonnegative() }).strict(),
  /** The worker could not build the workbook; `reason` says why, in words for the person. */
  z.object({ kind: z.literal('refused'), reason: z.string().min(1).max(2000) }).strict(),
]);
export type ExportWorkResponse = z.infer<typeof exportWorkResponseSchema>;

/** Validates the worker's answer; a malformed one becomes a `refused` answer naming the problem. */
export function parseExportWorkResponse(message: unknown): ExportWorkResponse {
  const parsed = exportWorkResponseSchema.safeParse(message);
  if (!parsed.success) return { kind: 'refused', reason: `The Excel export's worker sent a malformed answer (${firstIssue(parsed.error)}).` };
  return parsed.data;
}

/**
 * The worker's side: the rows received so far, and the workbook once they are all here. Also the
 * page's own fallback where no worker can be started (same code, same bytes).
 */
export class XlsxWork {
  private rows: ExportCell[][] = [];
  private refusal: string | null = null;

  /** Takes one request; answers `finish` (and only it), never throws. */
  take(message: unknown): ExportWorkResponse | null {
    const parsed = exportWorkRequestSchema.safeParse(message);
    if (!parsed.success) {
      // A malformed part of the rows spoils the whole workbook: said at `finish`, not later half-built.
      this.refusal ??= `The Excel export's worker refused a malformed request (${firstIssue(parsed.error)}).`;
      return isFinish(message) ? this.refused() : null;
    }
    const request = parsed.data;
    if (request.kind === 'rows') {
      for (const one of request.rows) this.rows.push(one);
      return null;
    }
    if (this.refusal !== null) return this.refused();
    try {
      const workbook: XlsxExport = xlsxWorkbook(this.rows, request.planName);
      return { kind: 'workbook', bytes: workbook.bytes, cutCells: workbook.cutCells };
    } catch (error) {
      return { kind: 'refused', reason: `The Excel workbook could not be built: ${error instanceof Error ? error.message : String(error)}.` };
    } finally {
      this.rows = [];
    }
  }

  private refused(): ExportWorkResponse {
    const reason = this.refusal ?? 'The Excel export failed.';
    this.rows = [];
    this.refusal = null;
    return { kind: 'refused', reason };
  }
}

function isFinish(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'finish';
}
