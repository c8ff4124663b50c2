import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { ServerConnection } from './server-connections.js';
import { PartedUpload } from './parted-upload.js';
import { whenDrained } from './socket-drain.js';

/**
 * How long an upload may go without progress (connecting, or one part of a large plan going out)
 * before it is left to the next time the plan is opened.
 */
const uploadTimeoutMs = 15_000;

/**
 * Sends a plan's stored document to its workspace's server without opening it (a plan just moved
 * into a workspace, or renamed from the list): one exchange with the stock client, then closed.
 * Resolves to what the server had that this device did not (to store locally), or null when the
 * server could not be reached in time (the plan then syncs the next time it is opened).
 */
export function uploadPlan(planId: string, stored: Uint8Array, connection: ServerConnection, options: { maxPartBytes?: number } = {}): Promise<Uint8Array | null> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored);
  const before = Y.encodeStateVector(doc);
  const provider = new WebsocketProvider(`${connection.server}/${connection.workspace}`, planId, doc, {
    params: { token: connection.token }, connect: navigator.onLine, disableBc: true,
  });
  let restartTimer = (): void => undefined;
  // A plan too large for one message goes in parts; each part sent restarts the timeout.
  const parted = new PartedUpload(provider, { ...options, onPart: () => restartTimer() });
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
    let timer = window.setTimeout(() => finish(null), uploadTimeoutMs);
    restartTimer = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => finish(null), uploadTimeoutMs);
    };
    provider.on('sync', (synced) => {
      if (!synced) return;
      // Our answer (one sync step 2, or parts) may still be going out; let the socket drain before closing.
      const drained = () => {
        if (parted.busy) void parted.whenIdle().then(drained);
        // The connection dropped before our answer was out: the next connection's sync comes back here.
        else if (!parted.answered) return;
        else {
          const socket = provider.ws;
          if (!socket) {
            finish(Y.encodeStateAsUpdate(doc, before));
            return;
          }
          // Interrupted (parts again, a new connection): looked at afresh.
          const unchanged = () => !settled && !parted.busy && parted.answered && provider.ws === socket;
          void whenDrained(socket, { stillWanted: unchanged }).then((done) => {
            if (done) finish(Y.encodeStateAsUpdate(doc, before));
            else if (!settled) drained();
          });
        }
      };
      drained();
    });
  });
}
