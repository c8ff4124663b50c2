import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { UpdateWorkerClient } from './update-worker-client.js';
import { countOnlyEditRows, openPlanDatabase, planDatabaseName, readRowBatches } from './plan-storage.js';
import { isOneStructUpdate } from '../../../shared/sync/update-parts.js';
import { cutRowsAbove, storedPartBytes } from './update-work.js';
import type { Slicer } from '../session/slicer.js';

/** How long one slice of applying may run before the page gets the thread back (input, paint). */
export const defaultSliceBudgetMs = 12;

export interface SliceOptions {
  /** Gives the main thread back to the page (input, rendering) until the next slice may run. */
  yieldToPage: () => Promise<void>;
  now: () => number;
  sliceBudgetMs?: number;
  /** Called after each slice with the bytes applied so far and in all. */
  onProgress?: (applied: number, total: number) => void;
  /** When given, called after each unit with its size and how long `Y.applyUpdate` took (slowUnitsOf). */
  onUnit?: (bytes: number, tookMs: number) => void;
  /** True once nobody wants the result (the plan was closed while loading): stop between slices. */
  cancelled?: () => boolean;
  /**
   * The opening's slicer (slicer.ts): when given, it decides the slices instead of the fixed budget,
   * and its clock runs on across calls, so the last slice of one batch and the first of the next are
   * never one task. Without it (the app's path) each call starts a fresh clock and the fixed budget.
   */
  slicer?: Slicer;
  /**
   * The bench's baseline only (RENDERER_BENCH_BASELINE=batches-in-one-task): no yield between one
   * batch's last slice and the next batch's first, as before (applyBatchesInSlices).
   */
  batchesInOneTask?: boolean;
}

/**
 * Applies `parts` to `doc` in order, as many per task as fit in the slice budget, yielding to the
 * page between slices: the page answers input while a large plan loads. Each part is a Yjs update
 * applied as its own transaction with `origin`; applying them in order equals applying their merge.
 * Resolves with the number of slices it took (false when cancelled).
 */
export async function applyInSlices(doc: Y.Doc, parts: readonly Uint8Array[], origin: unknown, options: SliceOptions): Promise<number | false> {
  if (options.slicer) return applyWithSlicer(doc, parts, origin, options, options.slicer);
  const budget = options.sliceBudgetMs ?? defaultSliceBudgetMs;
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  let applied = 0;
  let slices = 0;
  for (let next = 0; next < parts.length;) {
    if (options.cancelled?.()) return false;
    const started = options.now();
    do {
      const part = parts[next++]!;
      const unitStarted = options.onUnit ? options.now() : 0;
      Y.applyUpdate(doc, part, origin);
      options.onUnit?.(part.byteLength, options.now() - unitStarted);
      applied += part.byteLength;
    } while (next < parts.length && options.now() - started < budget);
    slices++;
    options.onProgress?.(applied, total);
    if (next < parts.length) await options.yieldToPage();
  }
  return slices;
}

async function applyWithSlicer(doc: Y.Doc, parts: readonly Uint8Array[], origin: unknown, options: SliceOptions, slicer: Slicer): Promise<number | false> {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const before = slicer.slices;
  let applied = 0;
  for (const part of parts) {
    if (options.cancelled?.()) return false;
    if (slicer.due()) {
      options.onProgress?.(applied, total);
      await slicer.pause();
      if (options.cancelled?.()) return false;
    }
    Y.applyUpdate(doc, part, origin);
    slicer.unitDone();
    applied += part.byteLength;
  }
  options.onProgress?.(applied, total);
  return slicer.slices - before + 1;
}

/** The phases of a sliced open, reported for the benchmark's marks ('slow-units' once every unit is applied). */
export type SlicedLoadPhase = 'rows-read' | 'rows-split' | 'provider-ready' | 'slow-units';

/** Units that took longer than this are named in the 'slow-units' phase. */
export const slowUnitMs = 20;

/**
 * Records the open's units that took over `slowUnitMs` (their place in the apply, size and time) for
 * the 'slow-units' phase: the benchmark's way to name which stored rows make the apply's long tasks
 * without a trace (docs/benchmarks.md, "Opening, units, twenty-first session"). Two clock reads per unit.
 */
export function slowUnitsOf(now: () => number): { onUnit: (bytes: number, tookMs: number) => void; detail: () => string } {
  const slow: string[] = [];
  let unit = 0;
  return {
    onUnit: (bytes, tookMs) => {
      unit++;
      if (tookMs > slowUnitMs) slow.push(`#${unit} ${bytes} B ${Math.round(tookMs)} ms at ${Math.round(now())}`);
    },
    detail: () => `${unit} units; over ${slowUnitMs} ms: ${slow.length === 0 ? 'none' : slow.join(', ')}`,
  };
}

/**
 * The most one `Y.applyUpdate` on the page is handed, whatever size the stored rows are: the apply
 * unit is not the storage row. Compaction stores the plan in parts of this size, so normally nothing
 * is cut; rows larger than `cutRowsAbove` (an older layout's 210 KB rows, one large edit) are cut in
 * the update worker into units of this size, in causal order, so no unit waits as a pending struct
 * for a later one.
 */
export const applyUnitBytes = storedPartBytes;
/** Rows per request to the worker: the first units arrive (and are applied) while it cuts the next. */
const rowsPerCut = 4;

/**
 * The apply units of `rows`, in order, as a list of batches: rows small enough pass through, larger
 * ones are cut in the worker, except a row that is one struct (a check-in block larger than a part,
 * which compaction stores alone): it cannot be cut, so it is applied as it is, not sent to the worker
 * and back. Every request is made at once, and the worker answers them in order
 * while the page applies the earlier ones.
 */
export function applyUnitsOf(rows: readonly Uint8Array[], workers: UpdateWorkerClient, unitBytes = applyUnitBytes): { rows: number; bytes: number; units: Promise<Uint8Array[]> }[] {
  const batches: { rows: number; bytes: number; units: Promise<Uint8Array[]> }[] = [];
  let batch: Uint8Array[] = [];
  let cut = false;
  const flush = () => {
    if (batch.length === 0) return;
    const taken = batch;
    batch = [];
    const bytes = taken.reduce((sum, row) => sum + row.byteLength, 0);
    const units = cut ? workers.run({ kind: 'split', rows: taken, maxPartBytes: unitBytes }) : Promise.resolve(taken);
    // A batch left unawaited (the open was cancelled or an earlier batch failed) must not surface as
    // an unhandled rejection; the open awaits each batch itself and sees its error there.
    units.catch(() => undefined);
    batches.push({ rows: taken.length, bytes, units });
  };
  const limit = unitBytes === applyUnitBytes ? cutRowsAbove : unitBytes * 1.5;
  for (const row of rows) {
    const big = row.byteLength > limit && !isOneStructUpdate(row);
    if (big !== cut || (big && batch.length >= rowsPerCut)) flush();
    cut = big;
    batch.push(row);
  }
  flush();
  return batches;
}

/**
 * The apply units of each read request's rows (see applyUnitsOf), one promise per request, in order;
 * `onRowsRead` gets the number of rows and the largest row's size once every request is answered.
 * The sizes are taken as each request's rows arrive, before the cut transfers (and so empties) the
 * buffers it sends to the worker: promise reactions run in the order they were added.
 */
export function unitsOfReads(reads: readonly Promise<readonly { row: Uint8Array }[]>[], workers: UpdateWorkerClient, unitBytes: number | undefined, onRowsRead: (rows: number, largest: number) => void): Promise<{ rows: Uint8Array[]; units: Uint8Array[] }>[] {
  const rowSizes = reads.map((read) => read.then((stored) => stored.map(({ row }) => row.byteLength)));
  const batches = reads.map((read) => {
    const units = read.then(async (stored) => {
      const rows = stored.map(({ row }) => row);
      const cut = await Promise.all(applyUnitsOf(rows, workers, unitBytes).map((batch) => batch.units));
      return { rows, units: cut.flat() };
    });
    units.catch(() => undefined);
    return units;
  });
  void Promise.all(rowSizes).then((all) => {
    const sizes = all.flat();
    onRowsRead(sizes.length, sizes.reduce((most, size) => Math.max(most, size), 0));
  }, () => undefined);
  return batches;
}

export interface SlicedLoadOptions extends SliceOptions {
  workers: UpdateWorkerClient;
  /** The apply unit (applyUnitBytes unless a test says otherwise). */
  unitBytes?: number;
  /** Called as each phase before the slices ends. */
  onPhase?: (phase: SlicedLoadPhase, detail: string) => void;
}

/**
 * Opens the local copy of a plan into `doc` without one long task: the stored rows are read a few
 * per request, and each request's rows are applied to `doc` in slices as soon as they are read (the
 * browser reads the later ones meanwhile); rows larger than `cutRowsAbove` (an older layout's, one
 * large edit) are first cut into units in the update worker. The ONE y-indexeddb provider for the
 * doc (y-indexeddb#25/#27) is created first, on the still-empty doc, reading nothing; then it is
 * told that the rows read here are handled (`_dbref`), so compaction takes only rows written since
 * (another tab's), and it never stores the units again (they are applied with its origin). The
 * empty state it writes on every open is a 2-byte row that compaction deletes.
 *
 * While the units apply, the provider's 'update' listener is off: Yjs encodes every transaction as
 * an update for as long as anyone listens, and that encoding (which the provider then ignores, the
 * origin being its own) was half of each unit's time and most of its garbage. Nothing else holds the
 * doc until it is loaded, so no other change can happen meanwhile.
 */
export async function openLocalCopyInSlices(planId: string, doc: Y.Doc, options: SlicedLoadOptions): Promise<IndexeddbPersistence | null> {
  const opening = openPlanDatabase(planId);
  // The provider first, on the still-empty doc, told to read nothing (it then sets `_dbref` past the
  // last row itself): its readwrite transaction, created after the rows' readonly one, would wait
  // for every row to be read, and the applies wait for the provider.
  const persistence = new IndexeddbPersistence(planDatabaseName(planId), doc);
  persistence._dbref = Number.MAX_SAFE_INTEGER;
  const db = await opening;
  let reading: Awaited<ReturnType<typeof readRowBatches>>;
  try {
    await persistence.whenSynced;
    // The provider counted every row, the plan's parts too: at 500 it would store the plan as one
    // row. Counted before the reads are requested: a transaction after them waits for all of them.
    await countOnlyEditRows(persistence);
    reading = await readRowBatches(db);
  } catch (error) {
    await persistence.destroy();
    throw error;
  } finally {
    // The reads already requested complete first (IndexedDB closes after its transactions).
    db.close();
  }
  // The rows read here are handled: the provider and compaction take only rows written after them.
  persistence._dbref = Math.max(persistence._dbref, reading.lastKey + 1);
  const batches = unitsOfReads(reading.batches, options.workers, options.unitBytes, (rows, largest) => options.onPhase?.('rows-read', `${rows} rows, largest ${largest} bytes`));
  options.onPhase?.('rows-split', `${batches.length} batches`);
  if (options.cancelled?.()) {
    await persistence.destroy();
    return null;
  }
  options.onPhase?.('provider-ready', '');
  doc.off('update', persistence._storeUpdate);
  const slow = options.onPhase && !options.slicer ? slowUnitsOf(options.now) : null;
  try {
    if (!(await applyBatchesInSlices(doc, batches, persistence, slow ? { ...options, onUnit: slow.onUnit } : options))) {
      await persistence.destroy();
      return null;
    }
    if (slow) options.onPhase?.('slow-units', slow.detail());
  } finally {
    if (!persistence._destroyed) doc.on('update', persistence._storeUpdate);
  }
  return persistence;
}

/**
 * Applies each batch's units as soon as it is read, in order, in slices (applyInSlices); false when
 * cancelled. Progress is counted in batches (each a few rows of about a part's size; the byte total
 * is known only once every row is read).
 */
export async function applyBatchesInSlices(doc: Y.Doc, batches: readonly Promise<{ units: Uint8Array[] }>[], origin: unknown, options: SliceOptions): Promise<boolean> {
  const total = batches.length;
  let before = 0;
  for (const batch of batches) {
    // A batch's last slice does not yield (applyInSlices yields only between its own slices), and a
    // batch already read resolves in a microtask: without a yield here the next batch's first slice
    // ran in the same task, two slices' work in one (the slicer carries its clock across instead).
    if (before > 0 && !options.slicer && options.batchesInOneTask !== true) await options.yieldToPage();
    const { units } = await batch;
    const done = await applyInSlices(doc, units, origin, {
      ...options,
      onProgress: (applied, of) => options.onProgress?.(before + applied / Math.max(1, of), total),
    });
    if (done === false) return false;
    before += 1;
    if (options.cancelled?.()) return false;
  }
  return true;
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
