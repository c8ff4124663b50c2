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

type DeleteRange = { clock: number; len: number };

const byClock = (ranges: readonly DeleteRange[]): DeleteRange[] => [...ranges].sort((a, b) => a.clock - b.clock);

/** The clocks two sorted lists of deleted ranges of one client share. */
function commonRanges(a: readonly DeleteRange[], b: readonly DeleteRange[]): DeleteRange[] {
  const common: DeleteRange[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const start = Math.max(a[i]!.clock, b[j]!.clock);
    const endA = a[i]!.clock + a[i]!.len;
    const endB = b[j]!.clock + b[j]!.len;
    const end = Math.min(endA, endB);
    if (start < end) common.push({ clock: start, len: end - start });
    if (endA < endB) i++;
    else j++;
  }
  return common;
}

/** How many clocks of `ranges` lie below `limit`. */
const lengthBelow = (ranges: readonly DeleteRange[], limit: number) => ranges.reduce((sum, range) => sum + Math.max(0, Math.min(range.clock + range.len, limit) - range.clock), 0);

/**
 * What an earlier snapshot and a later one had both seen: of each client the changes both held, and the
 * deletes both knew of. Two review points taken on devices that had not synced each lack the other's
 * changes; comparing the earlier with the later whole listed every change the later had never received as
 * undone (review40b F8: Ben's offline target edit read "target 150 → 100", his new task "removed"). Compared
 * from what both had seen, a change is undone only when the later side had seen it and took it back.
 * `earlier` is first limited to what `doc` holds (clampToDoc). `unseenByLater`: the earlier side held
 * something the later had not seen, and it was left out.
 */
export function seenByBoth(doc: Y.Doc, earlier: Y.Snapshot, later: Y.Snapshot): { snapshot: Y.Snapshot; unseenByLater: boolean } {
  const held = clampToDoc(doc, earlier);
  const sv = new Map<number, number>();
  let unseenByLater = false;
  for (const [client, clock] of held.sv) {
    const both = Math.min(clock, later.sv.get(client) ?? 0);
    if (both < clock) unseenByLater = true;
    if (both > 0) sv.set(client, both);
  }
  const ds = Y.createDeleteSet();
  for (const [client, ranges] of held.ds.clients) {
    const limit = sv.get(client) ?? 0;
    if (limit === 0) continue;
    const mine = byClock(ranges);
    const common = commonRanges(mine, byClock(later.ds.clients.get(client) ?? []));
    // A delete of a change both held that the later side did not know of: left out, so the change stands.
    if (lengthBelow(common, limit) < lengthBelow(mine, limit)) unseenByLater = true;
    const kept = withoutOverwrittenApart(doc, client, common, sv, held.sv, later.sv);
    if (kept.length > 0) ds.clients.set(client, kept);
  }
  return { snapshot: Y.createSnapshot(ds, sv), unseenByLater };
}

/**
 * `ranges` without the map values both sides overwrote, each with a value the other had not seen (Ben and Ada
 * both set the target while apart): both deleted the value they had shared, so it is in both delete sets,
 * yet neither overwrite is in what both had seen; deleted there, the field read empty ("target — → 150").
 * The shared value stands in what both had seen. A value overwritten within what both had seen stays deleted.
 */
function withoutOverwrittenApart(doc: Y.Doc, client: number, ranges: DeleteRange[], both: ReadonlyMap<number, number>, earlier: ReadonlyMap<number, number>, later: ReadonlyMap<number, number>): DeleteRange[] {
  const structs = doc.store.clients.get(client);
  if (!structs || ranges.length === 0) return ranges;
  const seen = (sv: ReadonlyMap<number, number>, id: Y.ID) => id.clock < (sv.get(id.client) ?? 0);
  const apart: number[] = [];
  for (const range of ranges) {
    const end = Math.min(range.clock + range.len, Y.getState(doc.store, client));
    for (let i = range.clock < end ? Y.findIndexSS(structs, range.clock) : structs.length; i < structs.length && structs[i]!.id.clock < end; i++) {
      const item = structs[i];
      if (!(item instanceof Y.Item) || item.parentSub === null) continue;
      let byEarlier = false;
      let byLater = false;
      let inBoth = false;
      for (let right = item.right; right !== null; right = right.right) {
        if (seen(both, right.id)) inBoth = true;
        else if (seen(earlier, right.id)) byEarlier = true;
        else if (seen(later, right.id)) byLater = true;
      }
      if (byEarlier && byLater && !inBoth) apart.push(item.id.clock);
    }
  }
  if (apart.length === 0) return ranges;
  const out: DeleteRange[] = [];
  for (const range of ranges) {
    let start = range.clock;
    for (const clock of apart) {
      if (clock < start || clock >= range.clock + range.len) continue;
      if (clock > start) out.push({ clock: start, len: clock - start });
      start = clock + 1;
    }
    if (start < range.clock + range.len) out.push({ clock: start, len: range.clock + range.len - start });
  }
  return out;
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
