import type * as Y from 'yjs';

/**
 * What y-protocols' Awareness needs of "its" document: a client id (the server has no presence of its
 * own, so any) and a 'destroy' event to follow. A stateless room has no document, and an empty Y.Doc
 * per room would be exactly the per-room document that mode avoids; sharing one real Y.Doc would
 * collect a destroy listener per room ever opened. The room destroys its Awareness itself.
 */
export function presenceAnchor(): Y.Doc {
  const anchor = { clientID: 0, on: () => undefined };
  return anchor as unknown as Y.Doc;
}
