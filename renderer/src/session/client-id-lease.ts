import type { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { PlanId } from '../../../shared/model/ids.js';
import { readClientActors } from '../../../shared/model/history/history-doc.js';
import {
  clientIdOfRecordKey, clientIdRecordKey, clientIdRecordSchema, recordKeyPrefix, takeClientId, withClosingMarkers, type ClientIdLease, type ClientIdPorts, type ClientIdRecord,
} from '../../../shared/sync/client-id-reuse.js';

/**
 * The browser side of shared/sync/client-id-reuse.ts: Web Locks for "one live session per id" and
 * the plan's own IndexedDB database (y-indexeddb's `custom` store) for the records, so deleting a
 * plan's local copy deletes its records with it.
 *
 * The `in-use` record is written with strict durability and awaited before the first write: it is
 * what retires an id after a crash, so it must survive one. The `closed` record needs no ordering
 * against the plan's rows: if rows it counts were lost, the loaded doc holds fewer clocks than it says
 * and the id is not reused; if the record itself is lost, `in-use` stays. So it is written relaxed and
 * committed at once, which lets it land even when written on pagehide.
 * A lock held by a page also keeps Chromium from putting it in the back/forward cache, and an ended
 * lease moves the doc to a throwaway id, so a page is never resumed writing with a closed id.
 *
 * Written on pagehide (a reload, a closed tab), the IndexedDB write of the `closed` record often did
 * not land: the page's database connection goes with the page, and a transaction not yet committed
 * then is aborted (about a third of reloads in the e2e runs retired their id so). So the closing
 * record is ALSO written synchronously to localStorage, as a marker naming the session that took the
 * id, and the lock is let go at once; the next session reads the markers with the records
 * (`withClosingMarkers`). A marker is trusted only for the session it names, so one left over from an
 * earlier session of the id (its removal lost in an OS crash) never reopens an id a later session
 * held. A crash writes no marker: the id stays `in-use`, retired, as before.
 */
const customStoreName = 'custom';

function lockName(planId: PlanId, clientId: number): string {
  return `throughline:client-id:${planId}:${clientId}`;
}

/** The localStorage key of the closing marker of (plan, id). */
export function closingMarkerKey(planId: PlanId, clientId: number): string {
  return `${closingMarkersOf(planId)}${clientId}`;
}

/** The prefix of every closing marker of a plan. */
function closingMarkersOf(planId: string): string {
  return `throughline:client-id-closed:${planId}:`;
}

/**
 * Removes every closing marker of `planId`, for when its local copy is deleted: the records they
 * complete go with the plan's database, so the markers would otherwise stay in localStorage for good.
 */
export function forgetClosingMarkers(planId: string): void {
  try {
    const prefix = closingMarkersOf(planId);
    const keys: string[] = [];
    for (let index = 0; index < localStorage.length; index++) {
      const key = localStorage.key(index);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // No storage: there are no markers either.
  }
}

function readMarker(planId: PlanId, clientId: number): ClientIdRecord | null {
  try {
    const text = localStorage.getItem(closingMarkerKey(planId, clientId));
    if (text === null) return null;
    const parsed = clientIdRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    // Unreadable or no storage: no marker (the id's record decides alone).
    return null;
  }
}

function completed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB could not store the client id record.'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB stopped storing the client id record (aborted).'));
  });
}

function browserPorts(planId: PlanId, db: IDBDatabase): ClientIdPorts {
  return {
    tryLock: (clientId, waitMs = 0) => new Promise((resolve, reject) => {
      // Waiting (for the page a reload replaced, still letting its locks go) ends with an AbortError.
      const options: LockOptions = waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true };
      navigator.locks.request(lockName(planId, clientId), options, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        // Held until the session lets it go (or the page goes away).
        return new Promise<void>((release) => resolve(() => release()));
      }).catch((error: unknown) => {
        if (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError')) resolve(null);
        else reject(error);
      });
    }),
    readRecords: async () => {
      const transaction = db.transaction(customStoreName, 'readonly');
      const store = transaction.objectStore(customStoreName);
      // Only the records' keys: the store also holds the first screen, which is not read here.
      const range = IDBKeyRange.bound(recordKeyPrefix, `${recordKeyPrefix}\uffff`);
      const keysRequest = store.getAllKeys(range);
      const valuesRequest = store.getAll(range);
      await completed(transaction);
      const records = new Map<number, ClientIdRecord>();
      keysRequest.result.forEach((key, index) => {
        const clientId = clientIdOfRecordKey(key);
        if (clientId === null) return;
        const parsed = clientIdRecordSchema.safeParse(valuesRequest.result[index]);
        // An unreadable record is kept as `in-use`: that id is never reused, nor drawn again.
        records.set(clientId, parsed.success ? parsed.data : { state: 'in-use', clock: 0 });
      });
      const markers = new Map<number, ClientIdRecord>();
      for (const clientId of records.keys()) {
        const marker = readMarker(planId, clientId);
        if (marker) markers.set(clientId, marker);
      }
      return withClosingMarkers(records, markers);
    },
    writeRecord: (clientId, record) => {
      const transaction = db.transaction(customStoreName, 'readwrite', { durability: record.state === 'in-use' ? 'strict' : 'relaxed' });
      transaction.objectStore(customStoreName).put(clientIdRecordSchema.parse(record), clientIdRecordKey(clientId));
      const done = completed(transaction);
      // Commit now rather than when the task ends: written on pagehide, it may still reach the database.
      transaction.commit();
      // A session that took the id: the marker of an earlier one is done with (it names another session).
      if (record.state === 'in-use') return done.then(() => { try { localStorage.removeItem(closingMarkerKey(planId, clientId)); } catch { /* no storage: the marker is ignored anyway */ } });
      return done;
    },
    markClosed: (clientId, record) => {
      try {
        localStorage.setItem(closingMarkerKey(planId, clientId), JSON.stringify(clientIdRecordSchema.parse(record)));
      } catch {
        // Full or unavailable: the IndexedDB write alone decides (the id may be retired).
      }
    },
  };
}

/**
 * Takes the client id this session writes with (call after the local copy is loaded, before any
 * write). Null where the platform cannot make reuse safe (no Web Locks, no open database): the doc
 * then keeps the random id Yjs gave it, which is never reused.
 */
export async function takeSessionClientId(planId: PlanId, doc: Y.Doc, persistence: IndexeddbPersistence, actor: string): Promise<ClientIdLease | null> {
  const db = persistence.db;
  if (!db || typeof navigator === 'undefined' || !('locks' in navigator) || !db.objectStoreNames.contains(customStoreName)) return null;
  const actors = readClientActors(doc);
  // An id whose changes the plan attributes to someone else stays theirs (authors in reviews).
  const suits = (clientId: number) => (actors.get(clientId) ?? actor) === actor;
  return takeClientId(doc, browserPorts(planId, db), Math.random, suits);
}

