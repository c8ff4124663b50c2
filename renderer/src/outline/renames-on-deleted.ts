import type { NodeId, PlanIndex } from '../../../shared/model/index.js';

/**
 * Items this person renamed where the deletion that hid them had not seen it (review39b F10): Ben,
 * offline, renamed "Hire country manager"; Cara deleted its initiative meanwhile. Online, the rename
 * editor tells him at once ("… was deleted by someone else while you renamed it"); offline, his rename
 * is stored on the hidden item and only the pulse and Deleted items listed it. Grouped by the deleted
 * item a restore brings back, with the renamed items' titles as they now read (his, unless someone
 * renamed after him).
 */
export interface RenamesOnDeleted {
  /** The deletion: the deleted item and when, so a second deletion of it after a restore is told again. */
  key: string;
  deletedId: NodeId;
  deletedBy: string;
  deletedTitle: string;
  renamed: { nodeId: NodeId; title: string }[];
}

export function renamesOnDeletedWork(index: Pick<PlanIndex, 'editsOnDeletedWork' | 'title'>, actor: string): RenamesOnDeleted[] {
  const byDeletion = new Map<string, RenamesOnDeleted>();
  for (const entry of index.editsOnDeletedWork()) {
    if (!entry.renamedBy.includes(actor)) continue;
    const key = `${entry.deletedId}@${entry.deletedAt}`;
    let group = byDeletion.get(key);
    if (!group) {
      group = { key, deletedId: entry.deletedId, deletedBy: entry.deletedBy, deletedTitle: index.title(entry.deletedId), renamed: [] };
      byDeletion.set(key, group);
    }
    group.renamed.push({ nodeId: entry.nodeId, title: index.title(entry.nodeId) });
  }
  return [...byDeletion.values()];
}
