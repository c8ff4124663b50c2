import type { NodeView, PlanIndex, NodeId } from '../../../shared/model/index.js';
import type { OutlineFilters } from '../store/ui-slice.js';

/** True when any filter is set. */
export function hasFilters(filters: OutlineFilters): boolean {
  return filters.owner !== '' || filters.team !== '' || filters.period !== '' || filters.health !== '' || filters.text.trim() !== '';
}

/**
 * A node matches when it passes every set filter (owner also matches a task's assignee). The period is
 * the node's own or its nearest ancestor's (`NodeView.periodId`): initiatives and tasks have no period
 * of their own, and the work under a Q1 key result was not found by the Q1 filter (usercheck18).
 */
export function nodeMatches(node: NodeView, title: string, filters: OutlineFilters): boolean {
  if (filters.owner && node.fields.owner !== filters.owner && node.fields.assignee !== filters.owner) return false;
  if (filters.team && node.fields.team !== filters.team) return false;
  if (filters.period && node.periodId !== filters.period) return false;
  if (filters.health && node.health !== filters.health) return false;
  const text = searchable(filters.text).trim();
  if (text && !searchable(title).includes(text)) return false;
  return true;
}

/** Text as Find compares it: lower case, compatibility-normalised, zero-width characters removed. */
export function searchable(text: string): string {
  return text.normalize('NFKC').replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '').toLowerCase();
}

/** The filter predicate over node ids, or undefined when no filter is set. */
export function filterPredicate(index: PlanIndex, filters: OutlineFilters): ((id: NodeId) => boolean) | undefined {
  if (!hasFilters(filters)) return undefined;
  return (id) => {
    const node = index.node(id);
    return node !== undefined && nodeMatches(node, index.title(id), filters);
  };
}
