import * as Y from 'yjs';
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, clearDocument, storeState } from 'y-indexeddb';
import { z } from 'zod';
import { planDatabaseName } from './plan-database-name.js';
import { cutRowsAbove, editRowBelowBytes, storedPartBytes } from './update-work.js';
import { isOneStructUpdate } from '../../../shared/sync/update-parts.js';

export { planDatabaseName } from './plan-database-name.js';

const updatesStoreName = 'updates';
const customStoreName = 'custom';

/**
 * The key of the last row the latest compaction stored (y-indexeddb's `custom` store): every row up
 * to it is a part of the plan or an edit already merged, every row after it an edit stored since.
 * Written in the same transaction as the rows, so it never names rows that were not stored.
 */
const storedPartsEndKey = 'stored-parts-end';
const storedPartsEndSchema = z.lazy(() => z.number().int().nonnegative());

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
  const { batches } = await readRowBatches(db, smallFrom);
  return (await Promise.all(batches)).flat();
}

/**
 * readRowsInBatches, each request's rows handed over as soon as it is answered (in key order), with
 * the last key (-1 when there are none): an open applies the first rows while the later ones are
 * still being read.
 */
export async function readRowBatches(db: IDBDatabase, smallFrom = Number.POSITIVE_INFINITY): Promise<{ lastKey: number; batches: Promise<{ key: number; row: Uint8Array }[]>[] }> {
  const store = db.transaction(updatesStoreName, 'readonly').objectStore(updatesStoreName);
  const keys = (await requested(store.getAllKeys())).filter((key): key is number => typeof key === 'number').sort((a, b) => a - b);
  const batches: Promise<{ key: number; row: Uint8Array }[]>[] = [];
  const small = keys.findIndex((key) => key >= smallFrom);
  const batched = small < 0 ? keys.length : small;
  const read = (first: number, last: number, toEnd: boolean) => {
    const range = toEnd ? IDBKeyRange.lowerBound(keys[first]) : IDBKeyRange.bound(keys[first], keys[last]);
    const rows = requested(store.getAll(range)).then((values: unknown[]) => {
      const found: { key: number; row: Uint8Array }[] = [];
      // One snapshot: the range holds exactly the keys listed for it, in order.
      values.forEach((value, i) => { const key = keys[first + i]; if (value instanceof Uint8Array && key !== undefined) found.push({ key, row: value }); });
      return found;
    });
    // Awaited by whoever reads the batch; one left unawaited (an open cancelled) must not surface as unhandled.
    rows.catch(() => undefined);
    batches.push(rows);
  };
  for (let first = 0; first < batched; first += rowsPerRead) read(first, Math.min(first + rowsPerRead, batched) - 1, false);
  if (batched < keys.length) read(batched, keys.length - 1, true);
  return { lastKey: keys.length > 0 ? keys[keys.length - 1]! : -1, batches };
}

/**
 * Opens the local copy of a plan into `doc`: the ONE y-indexeddb provider for this doc in this window
 * (several providers on one doc duplicate writes, y-indexeddb#25/#27). Resolves once every stored
 * update is applied.
 */
export async function openLocalCopy(planId: string, doc: Y.Doc): Promise<IndexeddbPersistence> {
  const persistence = new IndexeddbPersistence(planDatabaseName(planId), doc);
  await persistence.whenSynced;
  await countOnlyEditRows(persistence);
  return persistence;
}

/** The update y-indexeddb stores for an empty doc on every open (`Y.encodeStateAsUpdate(new Y.Doc())`). */
function isEmptyUpdate(row: Uint8Array): boolean {
  return row.byteLength === 2 && row[0] === 0 && row[1] === 0;
}

/**
 * How many of a plan's stored rows are edits stored since its last compaction (all of them for a
 * plan no compaction of this version has stored). y-indexeddb counts every row in `_dbsize` and at
 * 500 writes the whole plan as ONE row (y-indexeddb#31): for a large plan one long task, and a row
 * the next open must cut again. The plan's parts (2,000 of the 100,000-node plan's) are not edits
 * piling up, so only the edits since count toward that trim and toward the next compaction.
 */
export async function countEditRows(db: IDBDatabase): Promise<number> {
  const transaction = db.transaction([updatesStoreName, customStoreName], 'readonly');
  const marker = storedPartsEndSchema.safeParse(await requested(transaction.objectStore(customStoreName).get(storedPartsEndKey)));
  const updates = transaction.objectStore(updatesStoreName);
  return requested(marker.success ? updates.count(IDBKeyRange.lowerBound(marker.data, true)) : updates.count());
}

/** Sets the provider's row count to the edits since the last compaction (see countEditRows). */
export async function countOnlyEditRows(persistence: IndexeddbPersistence): Promise<void> {
  const db = persistence.db;
  if (!db || persistence._destroyed || !db.objectStoreNames.contains(customStoreName)) return;
  const edits = await countEditRows(db);
  // Rows y-indexeddb stored meanwhile were counted by it and are edits: they stay counted.
  if (!persistence._destroyed) persistence._dbsize = edits;
}

/**
 * Keeps a plan's stored rows few and the size an open applies without cutting, without holding the
 * page for long.
 *
 * y-indexeddb appends a row on every open and one per edit, and trims only after 500 rows AND a new
 * edit (y-indexeddb#31), so a plan opened often would grow without bound. After opening: the empty
 * rows the provider wrote are deleted; the small rows (edits) are merged into one, in the page (they
 * are small); and from the first row an open would have to cut (an older version's 210 KB rows, a
 * whole document, one large edit) on, every row is merged and stored as parts of `partBytes` by
 * `mergeParts` (the update worker), so the next open applies the rows as they are. Rows are read in
 * one transaction and replaced in another: the rows read are deleted by key only after their merge
 * is added, in the same transaction (a page that dies meanwhile leaves the old rows), so a row
 * written meanwhile (a later edit, another tab) survives. Rows written since this window loaded are
 * applied to its doc first (another tab's edits).
 */
export async function compactLocalCopy(
  persistence: IndexeddbPersistence,
  mergeParts: (rows: Uint8Array[], partBytes: number) => Promise<Uint8Array[]>,
  partBytes = storedPartBytes,
): Promise<{ rowsBefore: number; bytes: number }> {
  const db = persistence.db;
  if (!db || persistence._destroyed) return { rowsBefore: 0, bytes: 0 };
  // In batches: one getAll of a large plan was a 300–600 ms task right after the live outline.
  const rows = await readRowsInBatches(db, persistence._dbref);
  const newer = rows.filter(({ key, row }) => key >= persistence._dbref && !isEmptyUpdate(row));
  if (newer.length > 0) Y.transact(persistence.doc, () => { for (const { row } of newer) Y.applyUpdate(persistence.doc, row); }, persistence, false);
  const kept = rows.filter(({ row }) => !isEmptyUpdate(row));
  const bytesBefore = kept.reduce((sum, { row }) => sum + row.byteLength, 0);
  const cutLimit = partBytes === storedPartBytes ? cutRowsAbove : partBytes * 1.5;
  const editBelow = partBytes === storedPartBytes ? editRowBelowBytes : partBytes / 4;
  // A row that is one struct (a check-in block or the sample's review point larger than a part, which
  // the cut stores alone) cannot be cut: like the open (sliced-load.ts applyUnitsOf), compaction keeps it
  // as it is. Counted as a row to cut, it sent itself and every row after it through the update worker
  // on every open, to be stored again as the same row (docs/testing.md, boot42).
  const firstCut = kept.findIndex(({ row }) => row.byteLength > cutLimit && !isOneStructUpdate(row));
  const before = firstCut < 0 ? kept : kept.slice(0, firstCut);
  const small = before.filter(({ row }) => row.byteLength < editBelow);
  const restored = firstCut < 0 ? [] : kept.slice(firstCut);
  const merged = restored.length > 0 || small.length > 1 ? [...small, ...restored] : [];
  const mergedBytes = merged.reduce((sum, { row }) => sum + row.byteLength, 0);
  // Many edits of one session can add up to more than a part: they are merged and cut in the worker.
  const parts = merged.length === 0 ? []
    : restored.length > 0 || mergedBytes > 2 * partBytes ? await mergeParts(merged.map(({ row }) => row), partBytes)
    : [Y.mergeUpdates(merged.map(({ row }) => row))];
  const replaced = [...merged.map(({ key }) => key), ...rows.filter(({ row }) => isEmptyUpdate(row)).map(({ key }) => key)];
  if (replaced.length === 0 || persistence._destroyed) return { rowsBefore: rows.length, bytes: bytesBefore };
  const { transaction, done } = partsTransaction(db, 'the compacted plan');
  const writing = transaction.objectStore(updatesStoreName);
  const lastKey = await addParts(writing, parts, 'the compacted plan');
  await Promise.all(replaced.map((key) => requested(writing.delete(key))));
  // Every row up to here is now a part or an edit merged into one (the rows read, and what they were merged into).
  const partsEnd = Math.max(lastKey, rows.length > 0 ? rows[rows.length - 1]!.key : -1);
  if (partsEnd >= 0) transaction.objectStore(customStoreName).put(partsEnd, storedPartsEndKey);
  await done;
  persistence._dbref = Math.max(persistence._dbref, lastKey + 1);
  await countOnlyEditRows(persistence);
  const bytes = bytesBefore - mergedBytes + parts.reduce((sum, part) => sum + part.byteLength, 0);
  return { rowsBefore: rows.length, bytes };
}

/**
 * A readwrite transaction over a plan's rows and its markers, with the promise of its end; a failure names
 * `what` was being stored. The promise is awaited by the caller after its writes; one that throws first must
 * not leave the rejection unhandled, hence the catch attached here.
 */
function partsTransaction(db: IDBDatabase, what: string): { transaction: IDBTransaction; done: Promise<void> } {
  const transaction = db.transaction([updatesStoreName, customStoreName], 'readwrite');
  const done = new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error(`IndexedDB could not store ${what}.`));
    transaction.onabort = () => reject(transaction.error ?? new Error(`IndexedDB stopped storing ${what} (aborted).`));
  });
  done.catch(() => undefined);
  return { transaction, done };
}

/**
 * Adds `parts` to `store` in order, one per request callback (copying 80 MB into the store in one task would
 * hold the page), and resolves with the last one's key.
 */
async function addParts(store: IDBObjectStore, parts: readonly Uint8Array[], what: string): Promise<number> {
  let lastKey = -1;
  for (const part of parts) {
    const key = await requested(store.add(part));
    if (typeof key !== 'number') throw new Error(`IndexedDB returned a non-numeric key for a part of ${what}.`);
    lastKey = key;
  }
  return lastKey;
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

/**
 * Stores a plan's updates in place of y-indexeddb's own handler, so that a write the browser refuses is
 * known. y-indexeddb adds each update in a transaction whose promise it drops: a refused write (storage
 * full or over quota, a disk error) was an unhandled rejection and nothing else, and the empty
 * transaction of `flushLocalCopy` completed all the same, so the safety copy of unstored changes was
 * removed as if they were stored, no word was said, and a reload lost them (review45b F2).
 *
 * Every update whose write failed is kept; `flush` waits for the writes, then stores the kept ones again
 * as one row, and rejects (naming the failure) while that fails too: the caller keeps its own copy until
 * a flush succeeds. Otherwise the same as y-indexeddb's handler: one row per update, counted in
 * `_dbsize`, the plan stored as one row after PREFERRED_TRIM_SIZE of them.
 */
export class StoredWrites {
  private failed: Uint8Array[] = [];
  private failing = false;

  constructor(
    private readonly persistence: IndexeddbPersistence,
    /** The first write that failed since the writes last succeeded (said once per outage). */
    private readonly onFailure: (error: unknown) => void,
    /** Every change that failed is stored now. */
    private readonly onRecovered: () => void,
    /** A change is on disk (its row's transaction completed): another tab of the plan may apply it. */
    private readonly onStored: (update: Uint8Array) => void = () => undefined,
  ) {
    persistence.doc.off('update', persistence._storeUpdate);
    persistence._storeUpdate = this.store;
    persistence.doc.on('update', this.store);
  }

  /** True while some change this window made is in no stored row (its writes failed). */
  get hasFailed(): boolean {
    return this.failed.length > 0;
  }

  /** Resolves once every write started so far is on disk; rejects while a change could not be stored. */
  async flush(): Promise<void> {
    await flushLocalCopy(this.persistence);
    const retried = this.failed.length;
    if (retried === 0) return;
    const db = this.persistence.db;
    if (!db || this.persistence._destroyed) throw new Error('The plan was closed before your latest changes could be saved on this device.');
    // All the failed changes as one row: the first write that succeeds brings every one of them back.
    const { transaction, done } = partsTransaction(db, 'your latest changes');
    const merged = Y.mergeUpdates(this.failed.slice(0, retried));
    transaction.objectStore(updatesStoreName).add(merged);
    await done;
    this.onStored(merged);
    this.persistence._dbsize++;
    this.failed.splice(0, retried);
    if (this.failed.length === 0 && this.failing) {
      this.failing = false;
      this.onRecovered();
    }
  }

  private readonly store = (update: Uint8Array, origin: unknown): void => {
    const persistence = this.persistence;
    const db = persistence.db;
    if (!db || origin === persistence || persistence._destroyed) return;
    try {
      const transaction = db.transaction(updatesStoreName, 'readwrite');
      // A refused request aborts its transaction; a commit over the quota aborts it too.
      transaction.onabort = () => this.fail(update, transaction.error ?? new Error('IndexedDB stopped storing a change (aborted).'));
      transaction.oncomplete = () => this.onStored(update);
      transaction.objectStore(updatesStoreName).add(update);
    } catch (error) {
      this.fail(update, error);
      return;
    }
    if (++persistence._dbsize >= PREFERRED_TRIM_SIZE) {
      if (persistence._storeTimeoutId !== null) clearTimeout(persistence._storeTimeoutId);
      persistence._storeTimeoutId = setTimeout(() => {
        persistence._storeTimeoutId = null;
        storeState(persistence, false).catch((error: unknown) => this.onFailure(error));
      }, persistence._storeTimeout);
    }
  };

  private fail(update: Uint8Array, error: unknown): void {
    this.failed.push(update);
    if (this.failing) return;
    this.failing = true;
    this.onFailure(error);
  }
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

/**
 * Stores a new plan's first state as the parts compaction would store it (`parts`, in order, each at
 * most `storedPartBytes`), with the marker that says every row so far is a part, in one transaction:
 * the plan is stored whole or not at all. Stored as one whole-document row instead, a plan larger than
 * `cutRowsAbove` (the sample plan, ~340 KB) was cut into parts by the update worker when it opened and
 * cut again when its first compaction re-stored it: the worker started (its isolate, its module
 * compiled and evaluated) and the same document cut twice, for every new sample plan (docs/testing.md, boot42).
 */
export async function storeNewLocalCopy(planId: string, parts: readonly Uint8Array[]): Promise<void> {
  if (parts.length === 0) throw new Error('A new plan has at least one stored part.');
  const db = await openPlanDatabase(planId);
  try {
    const { transaction, done } = partsTransaction(db, 'the new plan');
    const lastKey = await addParts(transaction.objectStore(updatesStoreName), parts, 'the new plan');
    transaction.objectStore(customStoreName).put(lastKey, storedPartsEndKey);
    await done;
  } finally {
    db.close();
  }
}

/** Deletes a plan's local copy. */
export async function deleteLocalCopy(planId: string): Promise<void> {
  await clearDocument(planDatabaseName(planId));
}
