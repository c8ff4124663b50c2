import * as Y from 'yjs';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';

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
 * Opens the local copy of a plan into `doc`: the ONE y-indexeddb provider for this doc in this window
 * (several providers on one doc duplicate writes, y-indexeddb#25/#27). Resolves once every stored
 * update is applied.
 */
export async function openLocalCopy(planId: string, doc: Y.Doc): Promise<IndexeddbPersistence> {
  const persistence = new IndexeddbPersistence(planDatabaseName(planId), doc);
  await persistence.whenSynced;
  return persistence;
}

/**
 * Rewrites a plan's stored updates as one row holding the whole document.
 *
 * y-indexeddb appends a copy of the in-memory state on every open and trims only after 500 rows AND a
 * new edit (y-indexeddb#31), so a plan opened often but rarely edited would grow without bound. We
 * compact right after opening instead, in ONE readwrite transaction (IndexedDB serialises those, so
 * no other tab of the same plan can write in between): first the rows written since this window
 * loaded (another tab's edits) are applied to the doc, then the whole state is written as a new row
 * and every older row deleted. A later local edit is stored by the provider in a later transaction,
 * with a higher key, and survives.
 */
export async function compactLocalCopy(persistence: IndexeddbPersistence): Promise<{ rowsBefore: number; bytes: number }> {
  const db = persistence.db;
  if (!db || persistence._destroyed) return { rowsBefore: 0, bytes: 0 };
  const updates = db.transaction(updatesStoreName, 'readwrite').objectStore(updatesStoreName);
  const newer = ((await requested(updates.getAll(IDBKeyRange.lowerBound(persistence._dbref)))) as unknown[]).filter((row): row is Uint8Array => row instanceof Uint8Array);
  if (newer.length > 0) Y.transact(persistence.doc, () => { for (const row of newer) Y.applyUpdate(persistence.doc, row); }, persistence, false);
  const rowsBefore = await requested(updates.count());
  const state = Y.encodeStateAsUpdate(persistence.doc);
  if (rowsBefore <= 1) return { rowsBefore, bytes: state.byteLength };
  const key = await requested(updates.add(state));
  if (typeof key !== 'number') throw new Error('IndexedDB returned a non-numeric key for the compacted plan.');
  await requested(updates.delete(IDBKeyRange.upperBound(key, true)));
  persistence._dbref = key + 1;
  persistence._dbsize = 1;
  return { rowsBefore, bytes: state.byteLength };
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
