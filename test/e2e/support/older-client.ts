// A client of an older version of the app in a shared plan: it runs the model as it was before the
// bidirectional overrides were refused (review40b F9), so its titles and names may hold them. It is the
// plan model on a stock y-websocket client in the test's process, connected with the plan's editor link;
// what it writes with a stand-in for an override is stored with the override itself, straight into the
// Y.Doc (test/shared/model/older-client.ts), as that version stored it.
import { expect } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { openPlan, type Plan } from '../../../shared/model/index.js';
import { randomId } from '../../../renderer/src/library/plan-library.js';
import { parseJoinHash } from '../../../renderer/src/sync/join-link.js';
import { storeOverridesAsOlderClient } from '../../shared/model/older-client.js';

export { withStandIns } from '../../shared/model/older-client.js';

/** An older client connected to the plan of `link`: `write` runs its model (overrides as stand-ins); `close` leaves. */
export interface OlderClient {
  write(change: (plan: Plan, doc: Y.Doc) => void): void;
  close(): void;
}

/** Connects an older client to the plan `link` joins, once it holds the plan's nodes. */
export async function olderClient(link: string, actor = 'older-client'): Promise<OlderClient> {
  const join = parseJoinHash(new URL(link).hash);
  if (join.kind !== 'join' || !join.request.plan) throw new Error(`not a plan link: ${link}`);
  // History kept, as the app keeps it (review points need it).
  const doc = new Y.Doc({ gc: false });
  const provider = new WebsocketProvider(`${join.request.server}/${join.request.workspace}`, join.request.plan, doc, {
    params: { token: join.request.token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true,
  });
  await expect.poll(() => provider.synced && doc.getMap('nodes').size > 0, { timeout: 30_000 }).toBe(true);
  const plan = openPlan(doc, { now: () => Date.now(), newId: () => randomId((bytes) => crypto.getRandomValues(bytes)), actor });
  return {
    write(change) {
      change(plan, doc);
      storeOverridesAsOlderClient(doc);
    },
    close() { provider.destroy(); doc.destroy(); },
  };
}
