import * as Y from 'yjs';
import { z } from 'zod';
import { firstIssue } from '../../../shared/validation/first-issue.js';
import { splitUpdate } from '../../../shared/sync/update-parts.js';

/**
 * The update worker's protocol. Opening a large plan means decoding megabytes of Yjs updates; the
 * decoding that does not have to touch the page's Y.Doc (cutting a stored row into parts, merging
 * the stored rows for compaction) runs in a worker, and the page then applies the parts one small
 * task at a time. Both sides check every message: a worker is another thread's code, and a message
 * that is not what the protocol says must be refused with a reason, never half-used.
 */

/**
 * The size of the parts a plan is stored in, and the most one `Y.applyUpdate` on the page is handed
 * (the apply unit): applying a 256 KB part took 50–160 ms on a loaded machine, a 48 KB one a fifth of
 * that. The plan is stored in parts of this size at compaction, so an open applies the stored rows as
 * they are and cuts nothing (cutting the 100,000-node plan's 210–276 KB rows on every open made its
 * live outline 1.6× later than applying them whole: docs/benchmarks.md, "Stored in apply units").
 */
export const storedPartBytes = 48 * 1024;

/**
 * Rows smaller than this are edits (merged by the next compaction); larger ones are parts, kept as
 * they are. Parts are cut at whole structs, so all but a plan's last part are well above it.
 */
export const editRowBelowBytes = storedPartBytes / 4;

/** Rows up to this size are applied as they are on open; larger ones (rows of an older layout, one
 *  large edit) are cut into parts first, and re-stored as parts by the next compaction. */
export const cutRowsAbove = storedPartBytes * 1.5;
const minPartBytes = 1024;
const maxPartBytes = 64 * 1024 * 1024;
/** Far more rows than y-indexeddb keeps (it trims at 500), far fewer than would exhaust memory. */
const maxRows = 100_000;

const bytes = z.lazy(() => z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'expected bytes (a Uint8Array)' }));
const ticket = z.lazy(() => z.number().int().nonnegative());

export const updateWorkRequestSchema = z.lazy(() => z.object({
  /** split: cut each row larger than maxPartBytes into parts (smaller rows pass through unchanged);
   *  compact: merge every row into one state, then cut it into parts. */
  kind: z.enum(['split', 'compact']),
  ticket,
  rows: z.array(bytes).min(1).max(maxRows),
  maxPartBytes: z.number().int().min(minPartBytes).max(maxPartBytes),
}).strict());
export type UpdateWorkRequest = z.infer<typeof updateWorkRequestSchema>;

export const updateWorkResponseSchema = z.lazy(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('parts'), ticket, parts: z.array(bytes).max(10 * maxRows), workerMs: z.number().nonnegative() }).strict(),
  /** The request could not be carried out (malformed, or its bytes are not Yjs updates). */
  z.object({ kind: z.literal('refused'), ticket: ticket.nullable(), reason: z.string().min(1).max(2000) }).strict(),
]));
export type UpdateWorkResponse = z.infer<typeof updateWorkResponseSchema>;

/** A message that broke the protocol, or work the worker refused; the message says which. */
export class UpdateWorkError extends Error {
  override readonly name = 'UpdateWorkError';
}

/** Validates a worker's answer; throws an UpdateWorkError naming the problem. */
export function parseUpdateWorkResponse(message: unknown): UpdateWorkResponse {
  const parsed = updateWorkResponseSchema.safeParse(message);
  if (!parsed.success) throw new UpdateWorkError(`The update worker sent a malformed answer (${firstIssue(parsed.error)}).`);
  return parsed.data;
}

/**
 * Carries out one request (the worker's whole job, and the page's fallback when no worker can be
 * started). Never throws: anything wrong becomes a `refused` answer that says what.
 */
export function answerUpdateWork(message: unknown, now: () => number): UpdateWorkResponse {
  const parsed = updateWorkRequestSchema.safeParse(message);
  if (!parsed.success) {
    const raw = message as { ticket?: unknown } | null;
    const known = raw !== null && typeof raw === 'object' && ticket.safeParse(raw.ticket).success ? raw.ticket as number : null;
    return { kind: 'refused', ticket: known, reason: `The update worker refused a malformed request (${firstIssue(parsed.error)}).` };
  }
  const request = parsed.data;
  const started = now();
  try {
    const parts = request.kind === 'split'
      ? request.rows.flatMap((row) => (row.byteLength <= request.maxPartBytes ? [row] : splitUpdate(row, request.maxPartBytes)))
      : splitUpdate(request.rows.length === 1 ? request.rows[0]! : Y.mergeUpdates(request.rows), request.maxPartBytes);
    return { kind: 'parts', ticket: request.ticket, parts, workerMs: Math.max(0, now() - started) };
  } catch (error) {
    return { kind: 'refused', ticket: request.ticket, reason: `The stored plan could not be decoded: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The buffers of an answer's parts, to transfer rather than copy (each part's own buffer once). */
export function transferables(response: UpdateWorkResponse): ArrayBuffer[] {
  if (response.kind !== 'parts') return [];
  const buffers = new Set<ArrayBuffer>();
  for (const part of response.parts) if (part.buffer instanceof ArrayBuffer) buffers.add(part.buffer);
  return [...buffers];
}
