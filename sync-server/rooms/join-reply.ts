import { setImmediate as nextTurn } from 'node:timers/promises';
import * as Y from 'yjs';
import { splitDocumentDifferenceInSteps, splitUpdateInSteps } from '../../shared/sync/update-parts.js';
import { syncStep2Frame, updateFrame } from '../protocol/frames.js';

/**
 * The answer to one sync step 1, as Yjs updates: one update (sent as a single sync step 2, the
 * ordinary case), or — when what the client lacks is larger than a reply part — causally ordered
 * parts that each fit in a part (shared/sync/update-parts.ts).
 *
 * A fresh join of the 100,000-node plan used to be one ~83 MB sync step 2, built in one piece and
 * queued whole on the socket. In parts, each goes out as an ordinary update message (the stock
 * y-websocket client applies it just like step 2) only when the previous ones have drained, and an
 * empty sync step 2 closes the answer, so the stock client's `synced` fires only once it has it all.
 */
export type JoinReply = readonly Uint8Array[];

/** Default bound of one reply part (ServerOptions.maxReplyPartBytes). */
export const defaultReplyPartBytes = 1024 * 1024;

/** An update that changes nothing (no structs, empty delete set): the closing sync step 2 of a parted answer. */
const emptyUpdate = new Uint8Array([0, 0]);

/**
 * Below this many missing clocks per byte of a part, the answer is encoded whole first (the old,
 * byte-for-byte unchanged path; most answers are a few edits): a struct takes at least about one
 * byte per clock, so this only rarely encodes whole something that then needs splitting.
 */
const wholeEncodeClocksPerPartByte = 1 / 16;

/**
 * Times a large answer is started over because the document changed while it was being split; after
 * that it is split in one go (a room edited faster than it can be split must still answer).
 */
const maxSplitRestarts = 3;

/**
 * The reply to a client holding `stateVector`, from a room's document (SQLite mode). A large answer
 * is split one part per turn of the event loop, so the room's other clients are served meanwhile
 * (splitting the 100,000-node plan takes seconds); the parts are a snapshot of the document as it was
 * when the split last (re)started.
 */
export async function documentReply(doc: Y.Doc, stateVector: Uint8Array, maxPartBytes: number): Promise<JoinReply> {
  if (missingClocks(doc, stateVector) <= maxPartBytes * wholeEncodeClocksPerPartByte) {
    return updateReply(Y.encodeStateAsUpdate(doc, stateVector), maxPartBytes);
  }
  // Read straight from the document's store: the whole answer is never encoded in one piece.
  let changes = 0;
  const changed = () => { changes += 1; };
  doc.on('afterTransaction', changed);
  try {
    for (let restarts = 0; ; restarts++) {
      const seen = changes;
      const steps = splitDocumentDifferenceInSteps(doc, stateVector, maxPartBytes);
      const parts = restarts < maxSplitRestarts ? await partsInTurns(steps, () => changes !== seen) : [...steps];
      if (parts === null) continue;
      return parts.length === 0 ? [emptyUpdate] : parts;
    }
  } finally {
    doc.off('afterTransaction', changed);
  }
}

/**
 * The reply carrying `update` (already exactly what the client lacks): itself, or its parts when
 * larger than a part, split one part per turn of the event loop.
 */
export async function updateReply(update: Uint8Array, maxPartBytes: number): Promise<JoinReply> {
  if (update.byteLength <= maxPartBytes) return [update];
  const parts = await partsInTurns(splitUpdateInSteps(update, maxPartBytes), () => false);
  return parts ?? [];
}

/** Takes `steps`' parts in order, one per turn of the event loop; null if `stale` says to start over. */
async function partsInTurns(steps: Iterator<Uint8Array>, stale: () => boolean): Promise<Uint8Array[] | null> {
  const parts: Uint8Array[] = [];
  for (let next = steps.next(); next.done !== true; next = steps.next()) {
    parts.push(next.value);
    await nextTurn();
    if (stale()) return null;
  }
  return parts;
}

/** Bytes a reply holds (for the room's reply cache). */
export function replyBytes(reply: JoinReply): number {
  let bytes = 0;
  for (const update of reply) bytes += update.byteLength;
  return bytes;
}

/**
 * The frames of `reply`, made one at a time as the socket takes them (each part is copied into its
 * frame only when it is about to be sent): one sync step 2, or each part as an update message and then
 * an empty sync step 2.
 */
export function* replyFrames(reply: JoinReply): Generator<Uint8Array, void, undefined> {
  if (reply.length === 1) {
    yield syncStep2Frame(reply[0]!);
    return;
  }
  for (const part of reply) yield updateFrame(part);
  yield syncStep2Frame(emptyUpdate);
}

/** Clocks of the document past `stateVector` (an upper bound of the structs the answer carries). */
function missingClocks(doc: Y.Doc, stateVector: Uint8Array): number {
  const known = Y.decodeStateVector(stateVector);
  let missing = 0;
  for (const client of doc.store.clients.keys()) {
    missing += Math.max(0, Y.getState(doc.store, client) - (known.get(client) ?? 0));
  }
  return missing;
}
