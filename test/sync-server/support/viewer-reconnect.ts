import type { WebsocketProvider } from 'y-websocket';
import { waitFor, type TestServer } from './test-server.js';

let markers = 0;

/**
 * Resolves once everything the server sent `viewer` before now has arrived: an edit `editor` makes now
 * is relayed after it on the viewer's connection. Refusals are counted after this, never raced.
 */
export async function viewerCaughtUp(viewer: WebsocketProvider, editor: WebsocketProvider): Promise<void> {
  const marker = `marker ${++markers}`;
  editor.doc.getMap('markers').set('last', marker);
  await waitFor(() => viewer.wsconnected && viewer.doc.getMap('markers').get('last') === marker, `the viewer received ${marker}`);
}

/**
 * Reconnects the stock client `viewer` (it answers the server's sync step 1 with its whole delete set)
 * and resolves once `server` has decided that upload and any refusal for it has reached the viewer.
 * `plansLoaded` is how many plans the server is expected to load for a moment to decide it (Redis +
 * PostgreSQL mode, when its records cannot).
 */
export async function reconnectViewer(viewer: WebsocketProvider, editor: WebsocketProvider, server: TestServer, plansLoaded: number): Promise<void> {
  const loadsBefore = server.server.rooms.inspect().transientLoads;
  viewer.disconnect();
  viewer.connect();
  // The server's sync step 1 is the first thing it sends a joiner: once a later edit reaches the
  // viewer, the viewer has sent its answer.
  await viewerCaughtUp(viewer, editor);
  // A hang limit, not a timing: loads for a moment take turns with rests in proportion to the last
  // load's length, three times it (transient-documents.ts), so on a loaded machine the decision can wait well past the
  // default 10 s (seen once in a CI rehearsal at load ~8).
  await waitFor(() => server.server.rooms.inspect().transientLoads >= loadsBefore + plansLoaded, 'the viewer\'s upload was decided', 60_000);
  await viewerCaughtUp(viewer, editor);
}
