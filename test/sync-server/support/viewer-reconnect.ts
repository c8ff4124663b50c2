import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
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

/** Whether `one` and `other` hold the same updates: equal state vectors (client → next clock). */
export function holdsSameUpdates(one: Y.Doc, other: Y.Doc): boolean {
  const [mine, theirs] = [Y.decodeStateVector(Y.encodeStateVector(one)), Y.decodeStateVector(Y.encodeStateVector(other))];
  return mine.size === theirs.size && [...mine].every(([client, clock]) => theirs.get(client) === clock);
}

/**
 * Resolves once `viewer` is connected and holds exactly the updates every one of `editors` holds. After
 * concurrent sets of a key, the viewer showing the winning value does not mean it has the losing one:
 * the editors agree as soon as the loser's side has the winner, while the loser's update may still be on
 * its way to the viewer (stored, then relayed). Until it arrives the viewer's delete set lacks the
 * loser's delete, so a reconnection then sends nothing the records cannot decide (docs/testing.md,
 * "The reconnecting viewer's missing plan load").
 */
export async function viewerHoldsAllOf(viewer: WebsocketProvider, editors: readonly WebsocketProvider[]): Promise<void> {
  await waitFor(() => viewer.synced && editors.every((editor) => holdsSameUpdates(viewer.doc, editor.doc)), 'the viewer holds every update the editors hold');
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
  // load's length, three times it (transient-documents.ts). (The CI rehearsals that waited here past
  // 10 s and 60 s had no load coming at all: the viewer lacked an update, see viewerHoldsAllOf.)
  await waitFor(() => server.server.rooms.inspect().transientLoads >= loadsBefore + plansLoaded, 'the viewer\'s upload was decided', 60_000);
  await viewerCaughtUp(viewer, editor);
}
