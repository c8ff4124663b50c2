// Check-ins that arrived on deleted work. A person offline checks in on a task (a blocker, say) while
// someone else deletes the initiative it sits in; once they merge, the task is hidden with the rest of
// the deletion and its check-in with it. The check-in is kept (restoring brings it back), but nothing
// live shows it: the pulse would say "nothing blocked" while a blocker had been reported. This lists
// such check-ins, so the pulse and Deleted items can say so and offer the restore.
//
// Edits go the same way: a rename or a field edit (status, owner, due date …) made offline on a task
// whose initiative was deleted meanwhile is kept on the hidden task (its rename / field edit record),
// but nothing live shows it. Those are listed too. A child node created under
// deleted work concurrently is not hidden (its placement was not seen by the deleter): it stays live,
// re-attached under the nearest live ancestor and flagged there, so it needs no listing here.
//
// Which records the deleter had not seen is read by causality, not by the clocks (review36c F2): the
// deletion keeps its author's state vector over the clients with records on the subtree
// (`DeletedMark.seenRecords`), and a check-in or edit record whose Yjs item id (client, clock) it does
// not cover is listed. Ben, offline, renames a task at 10:00 and Ada, who never saw it, deletes its
// initiative at 11:00: the rename is listed, as it is when Ben's clock runs behind. What she had seen
// is not listed, whatever its time. A mark written before `seenRecords` was kept falls back to the
// clock: a record dated after the deletion is listed, as is a record whose item is not known.
import type { CheckInSeries } from './check-in-columns.js';
import type { DeletedMark, ItemId, NodeRecord, PurgeStamp, RemovedContent } from './doc.js';
import type { NodeId } from './ids.js';
import { fieldValueReadable } from './fields.js';
import { fieldHeadsOf, type FieldEditRecord } from './field-edits.js';
import { headsOf, TEXT_FIELDS, type RenameRecord } from './renames.js';
import { fieldAllowed } from './schema.js';
import { appendAll } from '../collections/long-lists.js';

/** One hidden node with check-ins the deletion that hid it had not seen. */
export interface CheckInsOnDeletedWork {
  nodeId: NodeId;
  /** The deleted item that hid it (the node itself, or the ancestor that was deleted). */
  deletedId: NodeId;
  deletedAt: number;
  deletedBy: string;
  /** Check-ins on the node the deleter had not seen, how many of them report a blocker, and the latest. */
  count: number;
  blockers: number;
  latestAt: number;
  latestBy: string;
}

/** One edit as the records keep it: which field (title, description or a scalar field), who and when. */
export interface StoredEdit {
  field: string;
  by: string;
  at: number;
  /** The Yjs item id of the record (its key's item in the records map); null or absent when not known. */
  item?: ItemId | null;
}

/** One hidden node with edits (renames, field edits) the deletion that hid it had not seen. */
export interface EditsOnDeletedWork {
  nodeId: NodeId;
  /** The deleted item that hid it (the node itself, or the ancestor that was deleted). */
  deletedId: NodeId;
  deletedAt: number;
  deletedBy: string;
  /** Edit records on the node the deleter had not seen (one per field edited, more if edited concurrently). */
  count: number;
  /** The fields they edited, in a stable order. */
  fields: string[];
  /** Who made them, latest first. */
  people: string[];
  latestAt: number;
  latestBy: string;
  /** Who renamed it where the deleter had not seen (their title is the one a restore brings back), latest first. */
  renamedBy: string[];
}

/** What the index gives this reading: the stored records, the hidden nodes, a node's check-ins and edits. */
export interface DeletedWorkSource {
  records: ReadonlyMap<string, NodeRecord>;
  hidden: ReadonlySet<string>;
  checkIns(nodeId: string): CheckInSeries;
  /** The rename and field edit records of a node (each field's latest, and any concurrent ones). */
  edits?(nodeId: string): Iterable<StoredEdit>;
  /** The Yjs item ids of the stored entries of check-in `id` (record-items.ts); none when not known. */
  checkInItems?(id: string): readonly ItemId[];
}

/** True if a state vector covers a Yjs item: its author had seen it. */
export function covers(stateVector: Readonly<Record<string, number>>, item: ItemId): boolean {
  const clock = stateVector[String(item.client)];
  return clock !== undefined && item.clock < clock;
}

/**
 * True if the deletion's author had not seen a record: its item is not covered by the mark's
 * `seenRecords`. For a mark without it (written before it was kept), or a record whose item is not
 * known, the clock decides: a record dated after the deletion was not seen.
 */
function unseenBy(mark: DeletedMark, items: readonly ItemId[], at: number): boolean {
  if (mark.seenRecords === undefined || items.length === 0) return at > mark.at;
  const seen = mark.seenRecords;
  return !items.some((item) => covers(seen, item));
}

const NO_ITEMS: readonly ItemId[] = [];

/** The deletion that hides `id`: its own mark, or the nearest deleted ancestor's along the stored parents. */
function hidingDeletion(records: ReadonlyMap<string, NodeRecord>, id: string): { id: NodeId; mark: DeletedMark } | null {
  const visited = new Set<string>();
  for (let at: string | undefined = id; at !== undefined && !visited.has(at); at = records.get(at)?.place.parent) {
    visited.add(at);
    const record = records.get(at);
    if (record?.deleted) return { id: record.id, mark: record.deleted };
  }
  return null;
}

/** Hidden nodes with check-ins the deletion that hid them had not seen, latest first. */
export function checkInsOnDeletedWork(source: DeletedWorkSource): CheckInsOnDeletedWork[] {
  const found: CheckInsOnDeletedWork[] = [];
  const itemsOf = source.checkInItems ?? (() => NO_ITEMS);
  for (const nodeId of source.hidden) {
    const series = source.checkIns(nodeId);
    if (series.length === 0) continue;
    const deletion = hidingDeletion(source.records, nodeId);
    if (deletion === null) continue;
    const mark = deletion.mark;
    // An old mark (no state vector) lists only what is dated after it: skip the node at once when none is.
    if (mark.seenRecords === undefined && series.at(series.length - 1) <= mark.at) continue;
    let count = 0, blockers = 0, latest = -1;
    for (let i = 0; i < series.length; i++) {
      if (!unseenBy(mark, mark.seenRecords === undefined ? NO_ITEMS : itemsOf(series.id(i)), series.at(i))) continue;
      count++;
      if (series.blocker(i)) blockers++;
      latest = i;
    }
    if (count === 0) continue;
    found.push({ nodeId: nodeId as NodeId, deletedId: deletion.id, deletedAt: mark.at, deletedBy: mark.by, count, blockers, latestAt: series.at(latest), latestBy: series.by(latest) });
  }
  return found.sort((a, b) => b.latestAt - a.latestAt || (a.nodeId < b.nodeId ? -1 : 1));
}

/** Hidden nodes with renames or field edits the deletion that hid them had not seen, latest first. */
export function editsOnDeletedWork(source: DeletedWorkSource): EditsOnDeletedWork[] {
  const found: EditsOnDeletedWork[] = [];
  if (!source.edits) return found;
  for (const nodeId of source.hidden) {
    let since: StoredEdit[] | null = null;
    let deletion: ReturnType<typeof hidingDeletion> | undefined;
    for (const edit of source.edits(nodeId)) {
      deletion ??= hidingDeletion(source.records, nodeId);
      if (deletion === null) break;
      if (unseenBy(deletion.mark, edit.item ? [edit.item] : NO_ITEMS, edit.at)) (since ??= []).push(edit);
    }
    if (!since || !deletion) continue;
    // Latest first; ties by who, then field (the same order on every replica).
    since.sort((a, b) => b.at - a.at || (a.by < b.by ? -1 : a.by > b.by ? 1 : a.field < b.field ? -1 : 1));
    found.push({
      nodeId: nodeId as NodeId, deletedId: deletion.id, deletedAt: deletion.mark.at, deletedBy: deletion.mark.by, count: since.length,
      fields: [...new Set(since.map((edit) => edit.field))].sort(), people: [...new Set(since.map((edit) => edit.by))],
      latestAt: since[0]!.at, latestBy: since[0]!.by,
      renamedBy: [...new Set(since.filter((edit) => edit.field === 'title').map((edit) => edit.by))],
    });
  }
  return found.sort((a, b) => b.latestAt - a.latestAt || (a.nodeId < b.nodeId ? -1 : 1));
}

/**
 * One node an undo took away (the undo of its create) that holds check-ins the undo had not seen: Ben,
 * offline, checked in on the key result Ada had just added; Ada pressed Ctrl+Z before his check-in
 * arrived, so her undo could not keep the node for it (undo.ts keeps one it sees checked in on). Nothing
 * else shows those check-ins: this lists them with the node as the undo kept it, to restore.
 */
export interface CheckInsOnRemovedWork {
  nodeId: NodeId;
  content: RemovedContent;
  count: number;
  blockers: number;
  /** Who made them, latest first. */
  people: string[];
  latestAt: number;
  latestBy: string;
}

/** What the check-ins of a series that `seen` does not name add up to, or null when there are none. */
function unseenCheckIns(series: CheckInSeries, seen: readonly string[]): Pick<CheckInsOnRemovedWork, 'count' | 'blockers' | 'people' | 'latestAt' | 'latestBy'> | null {
  const seenIds = new Set(seen);
  let count = 0, blockers = 0, latest = -1;
  const people: string[] = [];
  for (let i = series.length - 1; i >= 0; i--) {
    if (seenIds.has(series.id(i))) continue;
    count++;
    if (series.blocker(i)) blockers++;
    if (latest < 0) latest = i;
    if (!people.includes(series.by(i))) people.push(series.by(i));
  }
  return count === 0 ? null : { count, blockers, people, latestAt: series.at(latest), latestBy: series.by(latest) };
}

/** Check-ins on node ids with no record whose tombstone keeps the node (an undone create), latest first. */
export function checkInsOnRemovedWork(source: {
  records: ReadonlyMap<string, NodeRecord>;
  checkInNodes: Iterable<string>;
  checkIns(nodeId: string): CheckInSeries;
  removed(nodeId: string): RemovedContent | null;
}): CheckInsOnRemovedWork[] {
  const found: CheckInsOnRemovedWork[] = [];
  for (const nodeId of source.checkInNodes) {
    if (source.records.has(nodeId)) continue;
    const content = source.removed(nodeId);
    if (content === null) continue;
    const unseen = unseenCheckIns(source.checkIns(nodeId), content.seenCheckIns);
    if (unseen !== null) found.push({ nodeId: nodeId as NodeId, content, ...unseen });
  }
  return found.sort((a, b) => b.latestAt - a.latestAt || (a.nodeId < b.nodeId ? -1 : 1));
}

/** Check-ins a deleted item holds (on it and the nodes hidden with it) by people other than who deleted it. */
export interface CheckInsHeld {
  count: number;
  /** Who made them, most check-ins first. */
  people: string[];
}

/**
 * Per deleted item, the check-ins it holds by others than its deleter: an undo keeps a node someone
 * checked in on (soft-deleted, undo.ts), and its Deleted items row says whose work is in it.
 */
export function checkInsHeldByOthers(source: DeletedWorkSource): Map<NodeId, CheckInsHeld> {
  const byPerson = new Map<NodeId, Map<string, number>>();
  for (const nodeId of source.hidden) {
    const series = source.checkIns(nodeId);
    if (series.length === 0) continue;
    const deletion = hidingDeletion(source.records, nodeId);
    if (deletion === null) continue;
    for (let i = 0; i < series.length; i++) {
      const by = series.by(i);
      if (by === deletion.mark.by) continue;
      const counts = byPerson.get(deletion.id) ?? new Map<string, number>();
      counts.set(by, (counts.get(by) ?? 0) + 1);
      byPerson.set(deletion.id, counts);
    }
  }
  const held = new Map<NodeId, CheckInsHeld>();
  for (const [id, counts] of byPerson) {
    const people = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([by]) => by);
    held.set(id, { count: [...counts.values()].reduce((sum, n) => sum + n, 0), people });
  }
  return held;
}

/**
 * A node an undo took away (the undo of its create) that someone renamed or edited where the undo did
 * not see it: Ben, offline, renamed the key result Ada had just added; Ada pressed Ctrl+Z before his
 * rename arrived. The title is a Y.Text inside the node's Y.Map, so the removal took his typing with it
 * on every device but his, and then on his too. His rename record (renames.ts) and field edit records
 * (field-edits.ts) are top-level, outside the node, so they stay: they hold the text and values he
 * wrote, by whom and when. Those that what the tombstone keeps does not hold are listed here, and the
 * restore brings the node back as they leave it (removedWithLaterEdits).
 *
 * Read from the stored records only, never from when an update arrived: the same listing on every
 * replica, whichever of the rename and the removal reached it first.
 */
export interface EditsOnRemovedWork {
  nodeId: NodeId;
  /** The node as the undo kept it. */
  content: RemovedContent;
  /** The node as the later edits leave it: what the restore brings back. */
  restored: RemovedContent;
  /** The title it was renamed to (the latest rename the kept title does not hold), or null when not renamed. */
  renamedTo: string | null;
  /** The other fields edited (description and scalar fields), in a stable order. */
  fields: string[];
  /** Edit records listed (one per field, more where edited concurrently). */
  count: number;
  /** Who made them, latest first. */
  people: string[];
  latestAt: number;
  latestBy: string;
}

/** Latest `at` wins, ties by the greater key: the order renames.ts and field-edits.ts pick a winner by. */
function later(a: { at: number; key: string }, b: { at: number; key: string }): boolean {
  return a.at > b.at || (a.at === b.at && a.key > b.key);
}

/**
 * The node a tombstone keeps, with the heads of its rename and field edit records applied (each
 * field's latest head wins, as a live field's collision does), and the heads the kept node does not hold.
 */
export function removedWithLaterEdits(content: RemovedContent, renames: Iterable<RenameRecord>, fieldEdits: Iterable<FieldEditRecord>): { restored: RemovedContent; later: (RenameRecord | FieldEditRecord)[] } {
  const restored: RemovedContent = { ...content, fields: { ...content.fields } };
  const found: (RenameRecord | FieldEditRecord)[] = [];
  const renameList = [...renames];
  for (const field of TEXT_FIELDS) {
    const heads = headsOf(renameList.filter((record) => record.field === field)).filter((head) => head.next !== content[field]);
    if (heads.length === 0) continue;
    let winner = heads[0]!;
    for (const head of heads) if (later(head, winner)) winner = head;
    restored[field] = winner.next;
    appendAll(found, heads);
  }
  const byField = new Map<string, FieldEditRecord[]>();
  for (const record of fieldEdits) {
    if (!fieldAllowed(content.kind, record.field)) continue;
    const list = byField.get(record.field) ?? [];
    list.push(record);
    byField.set(record.field, list);
  }
  const fields = restored.fields as Record<string, unknown>;
  for (const [field, records] of byField) {
    const kept = (content.fields as Record<string, unknown>)[field] ?? null;
    const heads = fieldHeadsOf(records).filter((head) => head.value !== kept && (head.value === null || fieldValueReadable(content.kind, head.field, head.value)));
    if (heads.length === 0) continue;
    let winner = heads[0]!;
    for (const head of heads) if (later(head, winner)) winner = head;
    if (winner.value === null) delete fields[field];
    else fields[field] = winner.value;
    appendAll(found, heads);
  }
  return { restored, later: found };
}

/** Nodes an undo took away with renames or field edits its tombstone does not hold, latest first. */
export function editsOnRemovedWork(source: {
  records: ReadonlyMap<string, NodeRecord>;
  /** Node ids that have rename or field edit records. */
  editedNodes: Iterable<string>;
  renames(nodeId: string): Iterable<RenameRecord>;
  fieldEdits(nodeId: string): Iterable<FieldEditRecord>;
  removed(nodeId: string): RemovedContent | null;
}): EditsOnRemovedWork[] {
  const found: EditsOnRemovedWork[] = [];
  for (const nodeId of new Set(source.editedNodes)) {
    if (source.records.has(nodeId)) continue;
    const content = source.removed(nodeId);
    if (content === null) continue;
    const { restored, later: edits } = removedWithLaterEdits(content, source.renames(nodeId), source.fieldEdits(nodeId));
    if (edits.length === 0) continue;
    edits.sort((a, b) => b.at - a.at || (a.by < b.by ? -1 : a.by > b.by ? 1 : a.key < b.key ? -1 : 1));
    const renamed = edits.some((edit) => edit.field === 'title');
    found.push({
      nodeId: nodeId as NodeId, content, restored, renamedTo: renamed ? restored.title : null,
      fields: [...new Set(edits.map((edit) => edit.field as string).filter((field) => field !== 'title'))].sort(),
      count: edits.length, people: [...new Set(edits.map((edit) => edit.by))], latestAt: edits[0]!.at, latestBy: edits[0]!.by,
    });
  }
  return found.sort((a, b) => b.latestAt - a.latestAt || (a.nodeId < b.nodeId ? -1 : 1));
}

/**
 * Check-ins on a node someone purged (deleted for good) that the purge had not seen: Ben, offline,
 * checked in on a key result while Ada purged it. They arrive on no node, so nothing showed them. Listed
 * with what the purge stamped (kind, title, who, when). No restore: the purge took the node's fields,
 * place and texts away, and rebuilding it from a kind and a title would invent a key result without its
 * start and target, on which the check-ins could not be read.
 */
export interface CheckInsOnPurgedWork {
  nodeId: NodeId;
  purge: PurgeStamp;
  count: number;
  blockers: number;
  /** Who made them, latest first. */
  people: string[];
  latestAt: number;
  latestBy: string;
}

/** Check-ins on node ids with no record whose tombstone is a stamped purge that had not seen them, latest first. */
export function checkInsOnPurgedWork(source: {
  records: ReadonlyMap<string, NodeRecord>;
  checkInNodes: Iterable<string>;
  checkIns(nodeId: string): CheckInSeries;
  purge(nodeId: string): PurgeStamp | null;
}): CheckInsOnPurgedWork[] {
  const found: CheckInsOnPurgedWork[] = [];
  for (const nodeId of source.checkInNodes) {
    if (source.records.has(nodeId)) continue;
    const purge = source.purge(nodeId);
    if (purge === null) continue;
    const unseen = unseenCheckIns(source.checkIns(nodeId), purge.seenCheckIns);
    if (unseen !== null) found.push({ nodeId: nodeId as NodeId, purge, ...unseen });
  }
  return found.sort((a, b) => b.latestAt - a.latestAt || (a.nodeId < b.nodeId ? -1 : 1));
}
