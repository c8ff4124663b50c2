// Check-ins that arrived on deleted work. A person offline checks in on a task (a blocker, say) while
// someone else deletes the initiative it sits in; once they merge, the task is hidden with the rest of
// the deletion and its check-in with it. The check-in is kept (restoring brings it back), but nothing
// live shows it: the pulse would say "nothing blocked" while a blocker had been reported. This lists
// such check-ins, so the pulse and Deleted items can say so and offer the restore.
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

/** What the index gives this reading: the stored records, the hidden nodes and a node's check-ins. */
export interface DeletedWorkSource {
  records: ReadonlyMap<string, NodeRecord>;
  hidden: ReadonlySet<string>;
  checkIns(nodeId: string): CheckInSeries;
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
