import { KIND_LABELS, ROOT_ID, type NodeId, type PlanIndex } from '../../../shared/model/index.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { renamesOnDeletedWork } from '../outline/renames-on-deleted.js';
import { actorName } from '../review/actor-name.js';
import { appStore } from '../store/app-store.js';

/**
 * What the outline and the canvas both say when someone else deletes the node a person has selected
 * (review43a F2, canvas43 F4): who deleted what, and where the keyboard is now. One text for both views.
 */

/** Who deleted `id`: the mark on it or on the deleted ancestor it went with; null when it is not deleted. */
export function deletedBy(index: Pick<PlanIndex, 'structure'>, id: NodeId): string | null {
  const { records } = index.structure();
  const seen = new Set<string>();
  for (let record = records.get(id); record && !seen.has(record.id); record = records.get(record.place.parent)) {
    if (record.deleted) return record.deleted.by;
    seen.add(record.id);
  }
  return null;
}

/** "key result “X”": the kind and the title; the record, not the node's view, since a deleted node has none. */
export function nodeWords(index: PlanIndex, id: NodeId): string {
  const kind = index.structure().records.get(id)?.kind;
  return `${kind ? `${KIND_LABELS[kind]} ` : ''}“${isolatedText(index.title(id) || 'Untitled')}”`;
}

/**
 * The person who deleted the selected `gone`, or null when it is not deleted or one deleted it oneself
 * (one's own Delete moves the selection first and has its own notice).
 */
export function deletedElsewhereBy(index: PlanIndex, gone: NodeId, actor: string): string | null {
  const by = deletedBy(index, gone);
  return by === null || by === actor ? null : by;
}

/** Whether one renamed `gone` offline: RenamesOnDeletedNotice tells of its deletion, with the title kept. */
export function toldAsRenamedOnDeleted(index: PlanIndex, gone: NodeId, actor: string): boolean {
  return renamesOnDeletedWork(index, actor).some((group) => group.renamed.some((renamed) => renamed.nodeId === gone));
}

/** "Key result “X” was deleted by Ada Host. Now on objective “Y”." */
export function deletedElsewhereText(index: PlanIndex, gone: NodeId, by: string, now: NodeId | null): string {
  const goneWords = nodeWords(index, gone);
  const where = now ? `Now on ${nodeWords(index, now)}.` : 'Nothing is selected.';
  return `${goneWords.charAt(0).toUpperCase()}${goneWords.slice(1)} was deleted by ${isolatedText(actorName(index, by))}. ${where}`;
}

/**
 * When someone else deleted the selected `gone`: selects the node `nextOf` picks and says who deleted what
 * and where the keyboard is now (unless one renamed it offline: RenamesOnDeletedNotice says that). The one
 * step the outline and the canvas share; false when `gone` was not deleted by someone else.
 */
export function moveOffDeletedElsewhere(index: PlanIndex, gone: NodeId, actor: string, nextOf: () => NodeId | null): boolean {
  const by = deletedElsewhereBy(index, gone, actor);
  if (by === null) return false;
  const next = nextOf();
  appStore.getState().select(next);
  if (!toldAsRenamedOnDeleted(index, gone, actor)) appStore.getState().notify({ tone: 'info', text: deletedElsewhereText(index, gone, by, next) });
  return true;
}

/** Where a selected node sits: for it and each node above it, its parent's live children then. */
export type Neighbourhood = readonly { id: NodeId; siblings: readonly NodeId[] }[];

/** The neighbourhood of the live node `id`, from it up to the top level; empty when it is not live. */
export function neighbourhoodOf(index: Pick<PlanIndex, 'node' | 'children'>, id: NodeId): Neighbourhood {
  const levels: { id: NodeId; siblings: readonly NodeId[] }[] = [];
  const seen = new Set<NodeId>();
  for (let node = index.node(id); node && !seen.has(node.id); node = node.parent === ROOT_ID ? undefined : index.node(node.parent)) {
    seen.add(node.id);
    levels.push({ id: node.id, siblings: [...index.children(node.parent)] });
  }
  return levels;
}

/**
 * The nearest node still there to a selected one that went, as after one's own Delete: its next
 * sibling, else its previous one, else its parent; when the parent went too, the same from the
 * parent's place, and so on up. Null when nothing of the neighbourhood is left.
 */
export function nearestRemaining(neighbourhood: Neighbourhood, live: (id: NodeId) => boolean): NodeId | null {
  for (const { id, siblings } of neighbourhood) {
    if (live(id)) return id;
    const at = siblings.indexOf(id);
    const next = siblings.slice(at + 1).find(live);
    if (next) return next;
    const previous = siblings.slice(0, Math.max(at, 0)).reverse().find(live);
    if (previous) return previous;
  }
  return null;
}
