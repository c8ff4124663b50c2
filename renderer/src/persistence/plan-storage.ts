import * as Y from 'yjs';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import { maxStoredParts } from './update-work.js';

/** The IndexedDB database holding one plan's document (y-indexeddb's layout: an `updates` store). */
export function planDatabaseName(planId: string): string {
  return `throughline-plan:${planId}`;
}

const updatesStoreName = 'updates';

/** Resolves an IndexedDB request. */
export function requested<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed.'));
  });
}

/** Opens a plan's database directly, creating y-indexeddb's stores if it is new. */
export function openPlanDatabase(planId: string): Promise<IDBDatabase> {
  const request = indexedDB.open(planDatabaseName(planId));
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(updatesStoreName)) db.createObjectStore(updatesStoreName, { autoIncrement: true });
    if (!db.objectStoreNames.contains('custom')) db.createObjectStore('custom');
  };
  return requested(request);
}

/**
 * Rows read per IndexedDB request. The browser turns a request's stored bytes back into values in
 * one task: one `getAll` of a 16 MB plan held the page for 300–700 ms, and eight 64 KB rows still
 * took 50 ms under load. Four rows of at most 64 KB (of the 100,000-node plan, ~210 KB) are read in
 * a few milliseconds each on a quiet machine.
 */
export const rowsPerRead = 4;

/**
 * Every row of a plan's `updates` store with its key, in key order, read `rowsPerRead` per request
 * (all requests issued at once, no round trip each) in one readonly transaction, which reads one
 * snapshot: a row written meanwhile is never half-seen. Rows from key `smallFrom` on are known to be
 * small (edits stored since the plan was opened or last compacted) and are read in one request: one
 * task per four edits made compaction slow enough, under load, to lose the race with y-indexeddb's
 * 500-row trim.
 */
export async function readRowsInBatches(db: IDBDatabase, smallFrom = Number.POSITIVE_INFINITY): Promise<{ key: number; row: Uint8Array }[]> {
  const store = db.transaction(updatesStoreName, 'readonly').objectStore(updatesStoreName);
  const keys = (await requested(store.getAllKeys())).filter((key): key is number => typeof key === 'number').sort((a, b) => a - b);
  const batches: Promise<unknown[]>[] = [];
  const small = keys.findIndex((key) => key >= smallFrom);
  const batched = small < 0 ? keys.length : small;
  for (let first = 0; first < batched; first += rowsPerRead) {
    const last = Math.min(first + rowsPerRead, batched) - 1;
    batches.push(requested(store.getAll(IDBKeyRange.bound(keys[first], keys[last]))));
  }
  if (batched < keys.length) batches.push(requested(store.getAll(IDBKeyRange.lowerBound(keys[batched]))));
  const values = (await Promise.all(batches)).flat();
  const rows: { key: number; row: Uint8Array }[] = [];
  values.forEach((value, i) => { const key = keys[i]; if (value instanceof Uint8Array && key !== undefined) rows.push({ key, row: value }); });
  return rows;
}

/**
 * Opens the local copy of a plan into `doc`: the ONE y-indexeddb provider for this doc in this window
 * (several providers on one doc duplicate writes, y-indexeddb#25/#27). Resolves once every stored
 * update is applied.
 */
export async function openLocalCopy(planId: string, doc: Y.Doc): Promise<IndexeddbPersistence> {
  const persistence = new IndexeddbPersistence(planDatabaseName(planId), doc);
  await persistence.whenSynced;
  return persistence;
}

/** The update y-indexeddb stores for an empty doc on every open (`Y.encodeStateAsUpdate(new Y.Doc())`). */
function isEmptyUpdate(row: Uint8Array): boolean {
  return row.byteLength === 2 && row[0] === 0 && row[1] === 0;
}

/**
 * Keeps a plan's stored rows few, without holding the page for long.
 *
 * y-indexeddb appends a row on every open and one per edit, and trims only after 500 rows AND a new
 * edit (y-indexeddb#31), so a plan opened often would grow without bound. After opening: the empty
 * rows the provider wrote are deleted; the small rows (edits) are merged into one, in the page (they
 * are small); and when a row is larger than two parts (a whole document stored by an older version),
 * every row is merged and stored as parts by `mergeParts` (the update worker), so the next open
 * applies it in slices without cutting it first. Rows are read in one transaction and replaced in
 * another: the rows read are deleted by key only after their merge is added, so a row written
 * meanwhile (a later edit, another tab) survives. Rows written since this window loaded are applied
 * to its doc first (another tab's edits).
 */
export async function compactLocalCopy(
  persistence: IndexeddbPersistence,
  partBytesFor: (totalBytes: number) => number,
  mergeParts: (rows: Uint8Array[], partBytes: number) => Promise<Uint8Array[]>,
): Promise<{ rowsBefore: number; bytes: number }> {
  const db = persistence.db;
  if (!db || persistence._destroyed) return { rowsBefore: 0, bytes: 0 };
  // In batches: one getAll of a large plan was a 300–600 ms task right after the live outline.
  const rows = await readRowsInBatches(db, persistence._dbref);
  const newer = rows.filter(({ key, row }) => key >= persistence._dbref && !isEmptyUpdate(row));
  if (newer.length > 0) Y.transact(persistence.doc, () => { for (const { row } of newer) Y.applyUpdate(persistence.doc, row); }, persistence, false);
  const kept = rows.filter(({ row }) => !isEmptyUpdate(row));
  const bytesBefore = kept.reduce((sum, { row }) => sum + row.byteLength, 0);
  const partBytes = partBytesFor(bytesBefore);
  const small = kept.filter(({ row }) => row.byteLength < partBytes / 4);
  // A row larger than two parts (a whole document), or more part-sized rows than y-indexeddb keeps
  // before it stores the plan as one row again (a plan stored by another layout): all of it is re-cut.
  const repart = kept.some(({ row }) => row.byteLength > 2 * partBytes) || kept.length - small.length > maxStoredParts;
  const merged = repart ? kept : small.length > 1 ? small : [];
  const mergedBytes = merged.reduce((sum, { row }) => sum + row.byteLength, 0);
  // Many edits of one session can add up to more than a part: they are merged and cut in the worker.
  const parts = merged.length === 0 ? []
    : repart || mergedBytes > 2 * partBytes ? await mergeParts(merged.map(({ row }) => row), partBytes)
    : [Y.mergeUpdates(merged.map(({ row }) => row))];
  const replaced = [...merged.map(({ key }) => key), ...rows.filter(({ row }) => isEmptyUpdate(row)).map(({ key }) => key)];
  if (replaced.length === 0 || persistence._destroyed) return { rowsBefore: rows.length, bytes: bytesBefore };
  const writing = db.transaction(updatesStoreName, 'readwrite').objectStore(updatesStoreName);
  let lastKey = -1;
  // One part per request callback: copying 80 MB into the store in one task would hold the page.
  for (const part of parts) {
    const key = await requested(writing.add(part));
    if (typeof key !== 'number') throw new Error('IndexedDB returned a non-numeric key for the compacted plan.');
    lastKey = key;
  }
  await Promise.all(replaced.map((key) => requested(writing.delete(key))));
  persistence._dbref = Math.max(persistence._dbref, lastKey + 1);
  persistence._dbsize = rows.length - replaced.length + parts.length;
  const bytes = bytesBefore - mergedBytes + parts.reduce((sum, part) => sum + part.byteLength, 0);
  return { rowsBefore: rows.length, bytes };
}

/**
 * Resolves once every write the provider has started is on disk. y-indexeddb stores each update in
 * its own readwrite transaction, created synchronously in the doc's update handler, and returns
 * nothing to wait on (PITFALLS.md: its writes are async). IndexedDB runs readwrite transactions whose
 * scopes overlap in the order they were created, so one created now completes only after all of them:
 * a quit or reload after this loses nothing already in the doc.
 */
export async function flushLocalCopy(persistence: IndexeddbPersistence): Promise<void> {
  const db = persistence.db;
  if (!db || persistence._destroyed) return;
  const transaction = db.transaction(updatesStoreName, 'readwrite');
  await new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB could not finish writing the plan.'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB stopped writing the plan (aborted).'));
  });
}

/** Reads a plan's stored document without opening a provider on it (duplicate, export). */
export async function readStoredPlan(planId: string): Promise<Uint8Array | null> {
  const db = await openPlanDatabase(planId);
  try {
    const updates = db.transaction(updatesStoreName, 'readonly').objectStore(updatesStoreName);
    const rows = ((await requested(updates.getAll())) as unknown[]).filter((row): row is Uint8Array => row instanceof Uint8Array);
    return rows.length === 0 ? null : Y.mergeUpdates(rows);
  } finally {
    db.close();
  }
}

/** Appends `update` to a plan's local copy (creating it if new); y-indexeddb applies every row on open. */
export async function appendStoredUpdate(planId: string, update: Uint8Array): Promise<void> {
  const db = await openPlanDatabase(planId);
  try {
    const updates = db.transaction(updatesStoreName, 'readwrite').objectStore(updatesStoreName);
    await requested(updates.add(update));
  } finally {
    db.close();
  }
}

/** Deletes a plan's local copy. */
export async function deleteLocalCopy(planId: string): Promise<void> {
  await clearDocument(planDatabaseName(planId));
}
