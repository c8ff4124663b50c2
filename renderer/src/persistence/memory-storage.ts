/**
 * When the browser refuses IndexedDB (a private window that allows none, storage blocked for the
 * site, a profile whose database is broken), every plan opens and syncs on an in-memory IndexedDB
 * (fake-indexeddb) instead of failing with the browser's words ("The user denied permission to
 * access the database."): the app works as usual, edits reach the server while connected, and the
 * person is told that this window's edits are kept only until it closes (review45b F3).
 *
 * Checked once, before the app's modules load (main.tsx), so every reader of the global — y-indexeddb
 * through lib0, plan-storage.ts, the client-id lease, the first-screen store — gets the same
 * database; the in-memory one is loaded only when it is needed.
 */

/** Why this window keeps its plans in memory only, or null when the browser stores them. */
export interface MemoryStorage {
  /** The browser's own words, for the log and the notice's last sentence. */
  readonly reason: string;
}

let memoryStorage: MemoryStorage | null = null;

/** Set once the check has run: null when IndexedDB works. */
export function memoryStorageReason(): MemoryStorage | null {
  return memoryStorage;
}

/** The probe's database: opened, closed and deleted again at once. */
export const storageProbeName = 'throughline-storage-check';

/** A browser that answers nothing for this long is not going to store anything either. */
const probeAnswerMs = 10_000;

/** Resolves to null when `factory` opens a database, else to the browser's reason. Never rejects. */
export function probeIndexedDb(factory: IDBFactory | undefined, answerWithinMs = probeAnswerMs): Promise<string | null> {
  if (!factory) return Promise.resolve('this browser has no IndexedDB');
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`IndexedDB did not answer within ${answerWithinMs / 1000} seconds`), answerWithinMs);
    const settle = (reason: string | null) => { clearTimeout(timer); resolve(reason); };
    try {
      const request = factory.open(storageProbeName);
      request.onsuccess = () => {
        request.result.close();
        factory.deleteDatabase(storageProbeName);
        settle(null);
      };
      request.onerror = (event) => {
        // Handled here: an unhandled open error would also surface as an uncaught event in some browsers.
        event.preventDefault();
        settle(reasonOf(request.error));
      };
      request.onblocked = () => settle(null);
    } catch (error) {
      settle(reasonOf(error));
    }
  });
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (error instanceof Error) return error.name;
  return error === null || error === undefined ? 'IndexedDB refused to open a database' : String(error);
}

/**
 * Checks that IndexedDB opens a database; when it does not, puts the in-memory one in its place on
 * the page's globals (`indexedDB`, `IDBKeyRange`: lib0 builds key ranges with the global) and notes
 * why. Never rejects: a failure to load the in-memory database is left to the plans' own errors.
 */
export async function keepPlansInMemoryIfNoStorage(): Promise<MemoryStorage | null> {
  const reason = await probeIndexedDb(typeof indexedDB === 'undefined' ? undefined : indexedDB);
  if (reason === null) return null;
  console.warn(`IndexedDB is not available (${reason}); plans are kept in this window's memory only.`);
  const memory = await import('fake-indexeddb');
  Object.defineProperty(globalThis, 'indexedDB', { value: new memory.IDBFactory(), configurable: true, writable: true });
  Object.defineProperty(globalThis, 'IDBKeyRange', { value: memory.IDBKeyRange, configurable: true, writable: true });
  memoryStorage = { reason };
  return memoryStorage;
}

/** The notice shown while plans are kept in memory: what happened, what it means, what to do. */
export function memoryStorageNotice(storage: MemoryStorage): string {
  return 'This browser is not letting Throughline store anything on this device (a private window, or storage blocked for this site), '
    + 'so your plans and edits in this window are kept only until you close it or reload it. Plans in a workspace still sync with '
    + 'its server while you are connected. To keep your work on this device, open Throughline in a normal window or allow this site '
    + `to store data, then reload. (The browser said: ${storage.reason})`;
}
