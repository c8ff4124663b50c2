import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { partBytesFor } from './update-work.js';
import type { UpdateWorkerClient } from './update-worker-client.js';
import { openPlanDatabase, planDatabaseName, requested } from './plan-storage.js';

/** How long one slice of applying may run before the page gets the thread back (input, paint). */
export const defaultSliceBudgetMs = 12;

export interface SliceOptions {
  /** Gives the main thread back to the page (input, rendering) until the next slice may run. */
  yieldToPage: () => Promise<void>;
  now: () => number;
  sliceBudgetMs?: number;
  /** Called after each slice with the bytes applied so far and in all. */
  onProgress?: (applied: number, total: number) => void;
  /** True once nobody wants the result (the plan was closed while loading): stop between slices. */
  cancelled?: () => boolean;
}

/**
 * Applies `parts` to `doc` in order, as many per task as fit in the slice budget, yielding to the
 * page between slices: the page answers input while a large plan loads. Each part is a Yjs update
 * applied as its own transaction with `origin`; applying them in order equals applying their merge.
 * Resolves with the number of slices it took (false when cancelled).
 */
export async function applyInSlices(doc: Y.Doc, parts: readonly Uint8Array[], origin: unknown, options: SliceOptions): Promise<number | false> {
  const budget = options.sliceBudgetMs ?? defaultSliceBudgetMs;
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  let applied = 0;
  let slices = 0;
  for (let next = 0; next < parts.length;) {
    if (options.cancelled?.()) return false;
    const started = options.now();
    do {
      const part = parts[next++]!;
      Y.applyUpdate(doc, part, origin);
      applied += part.byteLength;
    } while (next < parts.length && options.now() - started < budget);
    slices++;
    options.onProgress?.(applied, total);
    if (next < parts.length) await options.yieldToPage();
  }
  return slices;
}

/**
 * Rows read per IndexedDB request. The browser turns a request's stored bytes back into values in
 * one task: one `getAll` of a 16 MB plan held the page for 300–700 ms before anything was applied.
 * Eight parts of at most 64 KB are read in a few milliseconds each.
 */
export const rowsPerRead = 8;

/** Every stored row of a plan's document, in key order, with the last key (-1 when there is none). */
export async function readStoredRows(planId: string): Promise<{ rows: Uint8Array[]; lastKey: number }> {
  const db = await openPlanDatabase(planId);
  try {
    const store = db.transaction('updates', 'readonly').objectStore('updates');
    const keys = (await requested(store.getAllKeys())).filter((key): key is number => typeof key === 'number').sort((a, b) => a - b);
    // All requests at once (no round trip each), answered one per task; a readonly transaction
    // reads one snapshot, so a row written meanwhile is never half-seen.
    const batches: Promise<unknown[]>[] = [];
    for (let first = 0; first < keys.length; first += rowsPerRead) {
      const last = Math.min(first + rowsPerRead, keys.length) - 1;
      batches.push(requested(store.getAll(IDBKeyRange.bound(keys[first], keys[last]))));
    }
    const rows = (await Promise.all(batches)).flat().filter((value): value is Uint8Array => value instanceof Uint8Array);
    return { rows, lastKey: keys.length > 0 ? keys[keys.length - 1]! : -1 };
  } finally {
    db.close();
  }
}

/** The phases of a sliced open before the slices, reported for the benchmark's marks. */
export type SlicedLoadPhase = 'rows-read' | 'rows-split' | 'provider-ready';

export interface SlicedLoadOptions extends SliceOptions {
  workers: UpdateWorkerClient;
  partBytes?: number;
  /** Called as each phase before the slices ends. */
  onPhase?: (phase: SlicedLoadPhase, detail: string) => void;
}

/**
 * Opens the local copy of a plan into `doc` without one long task: the stored rows are read, rows
 * larger than two parts (a whole document stored by an older version, or by another path) are cut
 * into parts in the update worker, and the parts are applied to `doc` in
 * slices. The ONE y-indexeddb provider for the doc (y-indexeddb#25/#27) is created on the still-empty
 * doc and told that the rows read here are already handled (`_dbref`): it applies only rows written
 * since (another tab's), and never stores the parts again (they are applied with its origin). The
 * empty state it writes on every open is a 2-byte row that compaction deletes.
 */
export async function openLocalCopyInSlices(planId: string, doc: Y.Doc, options: SlicedLoadOptions): Promise<IndexeddbPersistence | null> {
  const { rows, lastKey } = await readStoredRows(planId);
  const partBytes = options.partBytes ?? partBytesFor(rows.reduce((sum, row) => sum + row.byteLength, 0));
  const largest = rows.reduce((most, row) => Math.max(most, row.byteLength), 0);
  options.onPhase?.('rows-read', `${rows.length} rows, largest ${largest} bytes`);
  const parts = largest > 2 * partBytes ? await options.workers.run({ kind: 'split', rows, maxPartBytes: partBytes }) : rows;
  options.onPhase?.('rows-split', `${parts.length} parts`);
  if (options.cancelled?.()) return null;
  const persistence = new IndexeddbPersistence(planDatabaseName(planId), doc);
  // Set before the provider's database opens (that is asynchronous): it reads from this key on.
  persistence._dbref = lastKey + 1;
  await persistence.whenSynced;
  options.onPhase?.('provider-ready', '');
  const done = await applyInSlices(doc, parts, persistence, options);
  if (done === false) {
    await persistence.destroy();
    return null;
  }
  return persistence;
}

/** Yields to the page: `scheduler.yield()` where Chromium has it (input first), else a message task. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** True when the user has input waiting (Chromium's `navigator.scheduling.isInputPending`); else false. */
export function inputPending(): boolean {
  const scheduling = (globalThis as { navigator?: { scheduling?: { isInputPending?: () => boolean } } }).navigator?.scheduling;
  return scheduling?.isInputPending?.() ?? false;
}
