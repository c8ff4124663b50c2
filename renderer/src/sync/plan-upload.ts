import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { ServerConnection } from './server-connections.js';

/** How long an upload may take before it is left to the next time the plan is opened. */
const uploadTimeoutMs = 15_000;

/**
 * Sends a plan's stored document to its workspace's server without opening it (a plan just moved
 * into a workspace, or renamed from the list): one exchange with the stock client, then closed.
 * Resolves to what the server had that this device did not (to store locally), or null when the
 * server could not be reached in time (the plan then syncs the next time it is opened).
 */
export function uploadPlan(planId: string, stored: Uint8Array, connection: ServerConnection): Promise<Uint8Array | null> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored);
  const before = Y.encodeStateVector(doc);
  const provider = new WebsocketProvider(`${connection.server}/${connection.workspace}`, planId, doc, {
    params: { token: connection.token }, connect: navigator.onLine, disableBc: true,
  });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (received: Uint8Array | null) => {
      if (settled) return;
      settled = true;
      window.clearTimeout(timer);
      provider.destroy();
      doc.destroy();
      resolve(received);
    };
    const timer = window.setTimeout(() => finish(null), uploadTimeoutMs);
    provider.on('sync', (synced) => {
      if (!synced) return;
      // Our sync step 2 went out before the server's arrived; let the socket drain before closing.
      const drained = () => {
        if ((provider.ws?.bufferedAmount ?? 0) > 0) window.setTimeout(drained, 50);
        else finish(Y.encodeStateAsUpdate(doc, before));
      };
      drained();
    });
  });
}
