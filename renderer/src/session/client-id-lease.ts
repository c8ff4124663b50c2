import type { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { PlanId } from '../../../shared/model/ids.js';
import { readClientActors } from '../../../shared/model/history/history-doc.js';
import {
  clientIdOfRecordKey, clientIdRecordKey, clientIdRecordSchema, takeClientId, type ClientIdLease, type ClientIdPorts, type ClientIdRecord,
} from '../../../shared/sync/client-id-reuse.js';

/**
 * The browser side of shared/sync/client-id-reuse.ts: Web Locks for "one live session per id" and
 * the plan's own IndexedDB database (y-indexeddb's `custom` store) for the records.
 *
 * Every record write is one transaction over BOTH the `updates` store and `custom`, with strict
 * durability. IndexedDB runs readwrite transactions with overlapping scopes in the order they were
 * created, and y-indexeddb creates each update's write synchronously in the doc's 'update' handler:
 * a record written after an edit is therefore committed after that edit's row (the `closed` record
 * never lands before the rows it vouches for), and it is flushed to disk before it counts.
 * A lock held by a page also keeps Chromium from putting it in the back/forward cache, so a page
 * that wrote its `closed` record on pagehide is never resumed writing with that id.
 */
const customStoreName = 'custom';
const updatesStoreName = 'updates';

function lockName(planId: PlanId, clientId: number): string {
  return `throughline:client-id:${planId}:${clientId}`;
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
    tryLock: (clientId) => new Promise((resolve, reject) => {
      navigator.locks.request(lockName(planId, clientId), { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        // Held until the session lets it go (or the page goes away).
        return new Promise<void>((release) => resolve(() => release()));
      }).catch(reject);
    }),
    readRecords: async () => {
      const transaction = db.transaction(customStoreName, 'readonly');
      const store = transaction.objectStore(customStoreName);
      const keysRequest = store.getAllKeys();
      const valuesRequest = store.getAll();
      await completed(transaction);
      const records = new Map<number, ClientIdRecord>();
      keysRequest.result.forEach((key, index) => {
        const clientId = clientIdOfRecordKey(key);
        if (clientId === null) return;
        const parsed = clientIdRecordSchema.safeParse(valuesRequest.result[index]);
        // An unreadable record is kept as `in-use`: that id is never reused, nor drawn again.
        records.set(clientId, parsed.success ? parsed.data : { state: 'in-use', clock: 0 });
      });
      return records;
    },
    writeRecord: (clientId, record) => {
      const transaction = db.transaction([updatesStoreName, customStoreName], 'readwrite', { durability: 'strict' });
      transaction.objectStore(customStoreName).put(clientIdRecordSchema.parse(record), clientIdRecordKey(clientId));
      return completed(transaction);
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

