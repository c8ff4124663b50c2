import * as Y from 'yjs';
import { decodeBase64Url, encodeBase64Url } from '../../../shared/sync/base64url.js';
import type { Disposable } from '../../../shared/lifecycle/disposable.js';
import type { KeyValueStore } from '../library/key-value-store.js';

/**
 * A synchronous safety copy of the changes y-indexeddb has not stored yet.
 *
 * y-indexeddb writes each update in its own IndexedDB transaction, asynchronously, and a browser
 * gives a page no way to wait for them on reload or tab close (the desktop app waits on quit): an
 * edit made a moment before a reload could be lost, and IndexedDB may abort transactions still
 * running when the page unloads. `localStorage` is written synchronously, so every change not yet
 * known to be stored is also kept there, as one merged Yjs update, until a flush confirms it is on
 * disk. The next open of the plan applies what it finds (Yjs updates are idempotent: applying a
 * change the store already has changes nothing) and removes it once that is stored.
 *
 * One key per window (the doc's client id), so two tabs on one plan never overwrite each other's copy.
 */

const keyPrefix = 'throughline:unstored:';

/** Above this (merged update bytes) no copy is kept: a large remote batch (a first sync) can be fetched again. */
export const maxUnstoredCopyBytes = 768 * 1024;
/**
 * Up to this much pending, the copy is rewritten on every change (it survives even a crash); above
 * it, a burst of edits (a script, a slow disk) would re-merge a growing copy per change, so it is
 * written when the page is hidden or goes away (`pagehide` runs on reload and tab close).
 */
export const eagerCopyBytes = 64 * 1024;

function planPrefix(planId: string): string {
  return `${keyPrefix}${planId}:`;
}

export function unstoredEditsKey(planId: string, clientId: number): string {
  return `${planPrefix(planId)}${clientId}`;
}

/** Every key in `store` starting with `prefix`. */
function keysStartingWith(store: KeyValueStore, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i += 1) {
    const key = store.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

/** A copy found on open: applied to the doc, removed once stored (unless rewritten meanwhile). */
export interface RecoveredCopy {
  key: string;
  value: string;
}

/**
 * Applies every safety copy left for `planId` (by this window's previous life or another tab) to
 * `doc`, as one transaction with `origin`. A copy that is not a readable Yjs update (damaged by hand,
 * written by another version) is removed and nothing of it is applied. Returns the copies applied.
 */
export function applyUnstoredCopies(store: KeyValueStore, planId: string, doc: Y.Doc, origin: unknown): RecoveredCopy[] {
  const found: { key: string; value: string; update: Uint8Array }[] = [];
  for (const key of keysStartingWith(store, planPrefix(planId))) {
    const value = store.getItem(key);
    const update = value === null ? null : decodeBase64Url(value);
    if (value === null || update === null || !isReadableUpdate(update)) {
      store.removeItem(key);
      continue;
    }
    found.push({ key, value, update });
  }
  if (found.length > 0) Y.transact(doc, () => { for (const { update } of found) Y.applyUpdate(doc, update); }, origin);
  return found.map(({ key, value }) => ({ key, value }));
}

function isReadableUpdate(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps this window's safety copy of `doc`'s unstored changes: every update not from the store itself
 * is added, written to `store` at once, and dropped once a `flush` started after it resolves.
 */
export class UnstoredEdits implements Disposable {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private disposed = false;
  private readonly key: string;

  constructor(
    planId: string,
    private readonly doc: Y.Doc,
    private readonly store: KeyValueStore,
    /** Resolves once every write the store has started is on disk. */
    private readonly flush: () => Promise<void>,
    /** The store's own origin: what it applied is already stored. */
    private readonly storeOrigin: unknown,
    private readonly onError: (error: unknown) => void,
  ) {
    this.key = unstoredEditsKey(planId, doc.clientID);
    doc.on('update', this.onUpdate);
  }

  /** True while some change is not yet known to be stored (tests, and the page-hide flush). */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Removes the copies found on open once what they held is stored (a copy rewritten since is kept). */
  forgetOnceStored(copies: readonly RecoveredCopy[]): void {
    if (copies.length === 0) return;
    void this.flush().then(() => {
      for (const { key, value } of copies) if (this.store.getItem(key) === value) this.store.removeItem(key);
    }, this.onError);
  }

  /**
   * The page is being hidden or unloaded: writes the copy now (synchronously, whatever its size up
   * to the bound) and starts a flush, which an unload may abort.
   */
  pageHiding(): void {
    this.writeCopy(maxUnstoredCopyBytes);
    void this.flushNow();
  }

  /** Starts a flush now unless one is running. */
  flushNow(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    const count = this.pending.length;
    this.flushing = this.flush().then(() => {
      this.pending.splice(0, count);
      this.pendingBytes = this.pending.reduce((sum, update) => sum + update.byteLength, 0);
      this.writeCopy(eagerCopyBytes);
    }, this.onError).finally(() => {
      this.flushing = null;
      if (this.flushAgain && !this.disposed) {
        this.flushAgain = false;
        void this.flushNow();
      }
    });
    return this.flushing;
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.storeOrigin || this.disposed) return;
    this.pending.push(update);
    this.pendingBytes += update.byteLength;
    this.writeCopy(eagerCopyBytes);
    if (this.flushing) this.flushAgain = true;
    else void this.flushNow();
  };

  /** Writes the merged pending changes (when no more than `upTo` bytes), or removes the copy when nothing is pending. */
  private writeCopy(upTo: number): void {
    // Also after dispose: a flush started before the session closed still confirms its changes.
    try {
      if (this.pending.length === 0) this.store.removeItem(this.key);
      else if (this.pendingBytes <= upTo) this.store.setItem(this.key, encodeBase64Url(Y.mergeUpdates(this.pending)));
      // Over the bound the older, smaller copy stays: applying it again is harmless.
    } catch (error) {
      // localStorage full or refused: the IndexedDB write still goes ahead; only the safety net is missing.
      this.onError(error);
    }
  }

  /**
   * Stops listening. A copy still pending stays in the store for the next open (the session closes
   * on page hide only when the page goes away); an empty one was removed by the last flush.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.doc.off('update', this.onUpdate);
  }
}
