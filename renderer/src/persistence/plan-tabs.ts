import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type { Disposable } from '../../../shared/lifecycle/disposable.js';

/** The channel on which the tabs of one plan (one browser profile) hand each other what they stored. */
export function planTabsChannelName(planId: string): string {
  return `throughline:stored:${planId}`;
}

/**
 * Hands every change this tab stored to the other tabs of the same plan, and applies theirs.
 *
 * Each tab has its own doc and its own sync; the stock client's cross-tab channel is off (it sends the
 * whole doc on every connect) and tabs were meant to meet through the server. Offline they never met: a
 * tab closed before the network came back left its changes in IndexedDB, and the tab still open reconnected,
 * said "Synced" and never sent them, until a reload (review45b F1). Only changes already stored are handed
 * over: the receiving tab applies them as the store's own (not stored again, not counted as its edits,
 * sent to the server by its sync like any change), and a change whose write failed is not handed on.
 */
export class PlanTabs implements Disposable {
  private readonly channel: BroadcastChannel | null;
  private disposed = false;

  constructor(
    planId: string,
    private readonly persistence: IndexeddbPersistence,
    private readonly onError: (error: unknown) => void,
  ) {
    // No channel (an old browser, a test without one): each tab keeps to itself, as before.
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(planTabsChannelName(planId)) : null;
    this.channel?.addEventListener('message', this.onMessage);
  }

  /** A change this tab's store has written: the other tabs apply it. */
  stored(update: Uint8Array): void {
    // A write that completes after the session closed: the other tabs read it from IndexedDB when they open.
    if (this.disposed) return;
    try {
      this.channel?.postMessage(update);
    } catch (error) {
      this.onError(error);
    }
  }

  private readonly onMessage = (event: MessageEvent<unknown>): void => {
    const update = event.data;
    if (!(update instanceof Uint8Array) || this.persistence._destroyed) return;
    try {
      Y.applyUpdate(this.persistence.doc, update, this.persistence);
    } catch (error) {
      // Another version's or a damaged message: the change is in IndexedDB and comes with the next open.
      this.onError(error);
    }
  };

  dispose(): void {
    this.disposed = true;
    this.channel?.removeEventListener('message', this.onMessage);
    this.channel?.close();
  }
}
