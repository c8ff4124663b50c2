// Check-ins that arrived on deleted work. A person offline checks in on a task (a blocker, say) while
// someone else deletes the initiative it sits in; once they merge, the task is hidden with the rest of
// the deletion and its check-in with it. The check-in is kept (restoring brings it back), but nothing
// live shows it: the pulse would say "nothing blocked" while a blocker had been reported. This lists
// such check-ins, so the pulse and Deleted items can say so and offer the restore.
//
// Edits go the same way: a rename or a field edit (status, owner, due date …) made offline on a task
// whose initiative was deleted meanwhile is kept on the hidden task (its rename / field edit record),
// but nothing live shows it. Those dated after the deletion are listed too. A child node created under
// deleted work concurrently is not hidden (its placement was not seen by the deleter): it stays live,
// re-attached under the nearest live ancestor and flagged there, so it needs no listing here.
import type { CheckInSeries } from './check-in-columns.js';
import type { DeletedMark, NodeRecord } from './doc.js';
import type { NodeId } from './ids.js';

/** One hidden node with check-ins dated after the deletion that hid it. */
export interface CheckInsOnDeletedWork {
  nodeId: NodeId;
  /** The deleted item that hid it (the node itself, or the ancestor that was deleted). */
  deletedId: NodeId;
  deletedAt: number;
  deletedBy: string;
  /** Check-ins on the node dated after the deletion, how many of them report a blocker, and the latest. */
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
}

/** One hidden node with edits (renames, field edits) dated after the deletion that hid it. */
export interface EditsOnDeletedWork {
  nodeId: NodeId;
  /** The deleted item that hid it (the node itself, or the ancestor that was deleted). */
  deletedId: NodeId;
  deletedAt: number;
  deletedBy: string;
  /** Edit records on the node dated after the deletion (one per field edited, more if edited concurrently). */
  count: number;
  /** The fields they edited, in a stable order. */
  fields: string[];
  /** Who made them, latest first. */
  people: string[];
  latestAt: number;
  latestBy: string;
}

/** What the index gives this reading: the stored records, the hidden nodes, a node's check-ins and edits. */
export interface DeletedWorkSource {
  records: ReadonlyMap<string, NodeRecord>;
  hidden: ReadonlySet<string>;
  checkIns(nodeId: string): CheckInSeries;
  /** The rename and field edit records of a node (each field's latest, and any concurrent ones). */
  edits?(nodeId: string): Iterable<StoredEdit>;
}

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

/** Hidden nodes with check-ins dated after the deletion that hid them, latest first. */
export function checkInsOnDeletedWork(source: DeletedWorkSource): CheckInsOnDeletedWork[] {
  const found: CheckInsOnDeletedWork[] = [];
  for (const nodeId of source.hidden) {
    const series = source.checkIns(nodeId);
    if (series.length === 0) continue;
    const deletion = hidingDeletion(source.records, nodeId);
    if (deletion === null || series.at(series.length - 1) <= deletion.mark.at) continue;
    let count = 0, blockers = 0, latest = -1;
    for (let i = 0; i < series.length; i++) {
      if (series.at(i) <= deletion.mark.at) continue;
      count++;
      if (series.blocker(i)) blockers++;
      latest = i;
    }
    found.push({ nodeId: nodeId as NodeId, deletedId: deletion.id, deletedAt: deletion.mark.at, deletedBy: deletion.mark.by, count, blockers, latestAt: series.at(latest), latestBy: series.by(latest) });
  }
  return found.sort((a, b) => b.latestAt - a.latestAt || (a.nodeId < b.nodeId ? -1 : 1));
}

/** Hidden nodes with renames or field edits dated after the deletion that hid them, latest first. */
export function editsOnDeletedWork(source: DeletedWorkSource): EditsOnDeletedWork[] {
  const found: EditsOnDeletedWork[] = [];
  if (!source.edits) return found;
  for (const nodeId of source.hidden) {
    let since: StoredEdit[] | null = null;
    let deletion: ReturnType<typeof hidingDeletion> | undefined;
    for (const edit of source.edits(nodeId)) {
      deletion ??= hidingDeletion(source.records, nodeId);
      if (deletion === null) break;
      if (edit.at > deletion.mark.at) (since ??= []).push(edit);
    }
    if (!since || !deletion) continue;
    // Latest first; ties by who, then field (the same order on every replica).
    since.sort((a, b) => b.at - a.at || (a.by < b.by ? -1 : a.by > b.by ? 1 : a.field < b.field ? -1 : 1));
    found.push({
      nodeId: nodeId as NodeId, deletedId: deletion.id, deletedAt: deletion.mark.at, deletedBy: deletion.mark.by, count: since.length,
      fields: [...new Set(since.map((edit) => edit.field))].sort(), people: [...new Set(since.map((edit) => edit.by))],
      latestAt: since[0]!.at, latestBy: since[0]!.by,
    });
  }
  return found.sort((a, b) => b.latestAt - a.latestAt || (a.nodeId < b.nodeId ? -1 : 1));
}
