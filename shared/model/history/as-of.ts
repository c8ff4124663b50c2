/**
 * The plan as it was: a new, read-only Y.Doc holding exactly the items a snapshot had seen, minus the
 * ones it knew deleted. Item ids are kept, so authors can be traced from it like from the live doc.
 */
import * as Y from 'yjs';
import { HistoryError } from './history-doc.js';

/** Decodes an encoded snapshot, or throws a HistoryError naming the problem. */
export function decodeReviewSnapshot(encoded: Uint8Array): Y.Snapshot {
  try {
    return Y.decodeSnapshot(encoded);
  } catch (error) {
    throw new HistoryError('unreadable-snapshot', `the review point's snapshot is unreadable (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Limits a snapshot to what `doc` holds. A review point can arrive before some of the changes its
 * taker had seen (they travel separately); the past is then shown with what this device has.
 */
function clampToDoc(doc: Y.Doc, snapshot: Y.Snapshot): Y.Snapshot {
  const sv = new Map<number, number>();
  for (const [client, clock] of snapshot.sv) {
    const held = Math.min(clock, Y.getState(doc.store, client));
    if (held > 0) sv.set(client, held);
  }
  return Y.createSnapshot(snapshot.ds, sv);
}

/**
 * Which of a snapshot's clients `doc` does not hold whole, as a key: the ids of the clients of which the
 * snapshot had seen more than `doc` holds, "" when `doc` holds all of it. Anything read from the snapshot
 * (a review side, a baseline, a past plan) is read again when this key changes: the review point arrived
 * before a change its taker had seen (clampToDoc), and that change arriving must rebuild what was read
 * without it (review36a F6). A client still short is named without how much of it is held: a snapshot that
 * claims far more of a client than exists (any editor writes review points) kept the key changing with
 * every change that client made, and each of its keystrokes rebuilt the baseline on every device (review37b
 * B2). What was read is read again once each client it lacked is whole.
 */
export function heldOfSnapshot(doc: Y.Doc, sv: ReadonlyMap<number, number>): string {
  const cut: number[] = [];
  for (const [client, clock] of sv) if (Y.getState(doc.store, client) < clock) cut.push(client);
  return cut.join(',');
}

/** A new doc holding the plan of `doc` as of an encoded snapshot (a review point or day mark). */
export function planDocAsOf(doc: Y.Doc, encoded: Uint8Array): Y.Doc {
  if (doc.gc) throw new HistoryError('history-off', 'this plan keeps no history (its document garbage-collects deleted content)');
  const snapshot = clampToDoc(doc, decodeReviewSnapshot(encoded));
  // The past doc never collects either: it can itself be the "later" side of a diff.
  return Y.createDocFromSnapshot(doc, snapshot, new Y.Doc({ gc: false }));
}

/** The state vector of an encoded snapshot: which changes of each client it had seen. */
export function snapshotStateVector(encoded: Uint8Array): Map<number, number> {
  return decodeReviewSnapshot(encoded).sv;
}
