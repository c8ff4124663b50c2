import * as Y from 'yjs';
import { liveDisposables } from '../../../shared/lifecycle/disposable.js';
import type { KeyValueStore } from '../library/key-value-store.js';
import type { AppController } from './app-controller.js';
import { parseNodeId } from '../../../shared/model/index.js';

/** Set this key to "1" in local storage to expose the automation hook (tests and benchmarks). */
export const automationFlag = 'throughline:automation';

/**
 * What tests and benchmarks may reach in a page where the automation flag is set: the open plan's
 * doc-level operations, bypassing the UI (to prove a viewer's forced edit never reaches others).
 * Never exposed otherwise.
 */
export interface AutomationHook {
  planId(): string | null;
  /** Renames a node straight in the doc, without the read-only checks of the UI. The id comes from a test script: checked here. */
  forceRename(nodeId: string, title: string): void;
  /** Current title of a node in this window's doc. */
  title(nodeId: string): string;
  /** The id of the first node with this title, or null. */
  findNode(title: string): string | null;
  /** Disposables registered and not yet released in this window (a leak check). */
  liveDisposables(): number;
  /**
   * The Yjs client id the open plan's doc writes with, and the next clock of every client id the doc
   * holds (client-id-lease.ts: how many ids a plan gathers, and that no clock is written twice).
   */
  clientIds(): { writer: number; clocks: Record<string, number> } | null;
  /**
   * Each other person's canvas zoom as this window last received it in their presence, by name (null
   * when they are not on the canvas): a test knows a presenter's move has arrived, instead of waiting.
   */
  peerZooms(): Record<string, number | null>;
}

export function exposeAutomation(app: AppController, storage: KeyValueStore): void {
  if (storage.getItem(automationFlag) !== '1') return;
  const hook: AutomationHook = {
    planId: () => app.planId,
    forceRename: (nodeId, title) => { app.plan?.setTitle(parseNodeId(nodeId), title); },
    title: (nodeId) => app.plan?.index.title(nodeId) ?? '',
    findNode: (title) => {
      const index = app.plan?.index;
      if (!index) return null;
      for (const id of index.walk()) if (index.title(id) === title) return id;
      return null;
    },
    liveDisposables,
    clientIds: () => {
      const doc = app.plan?.doc;
      if (!doc) return null;
      const clocks: Record<string, number> = {};
      for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) clocks[String(clientId)] = clock;
      return { writer: doc.clientID, clocks };
    },
    peerZooms: () => Object.fromEntries(app.store.getState().peers.map((peer) => [peer.user.name, peer.viewport?.k ?? null])),
  };
  (window as unknown as { __throughline: AutomationHook }).__throughline = hook;
}
