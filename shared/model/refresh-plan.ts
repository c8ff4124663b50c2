/**
 * What an incremental refresh must recompute, from the tree delta and the changed records: which
 * nodes re-inherit (contexts, with their subtrees), which re-derive (with their ancestors), which
 * left, and which only need a new view.
 */
import type { DocCache, RecordChange } from './doc-cache.js';
import type { MaterialisedTree } from './tree.js';
import type { TreeDelta } from './tree-update.js';

/** Fields whose change alters what the node's subtree inherits (period, team, archived, status). */
const INHERITED_FIELDS = ['archived', 'period', 'team', 'assignee', 'status'] as const;

export interface RefreshPlan {
  /** Live nodes whose context (and their subtree's) must be recomputed. */
  contextRoots: Set<string>;
  /** Nodes (or ROOT_ID) whose derived state must be recomputed, with all their ancestors. */
  seeds: Set<string>;
  /** Nodes that are no longer live. */
  removed: Set<string>;
  /** Live nodes whose view must be rebuilt even if nothing above applies (title, depth, flags). */
  viewIds: Set<string>;
}

export interface RefreshInput {
  tree: MaterialisedTree;
  delta: TreeDelta;
  pending: ReadonlyMap<string, RecordChange>;
  cache: DocCache;
  /** Key result → initiatives that count it for effort without impact. */
  krDependents: ReadonlyMap<string, ReadonlySet<string>>;
  /** True when a baseline is set (titles then feed priority-shift signals). */
  baseline: boolean;
}

/** Plans an incremental refresh. */
export function planRefresh({ tree, delta, pending, cache, krDependents, baseline }: RefreshInput): RefreshPlan {
  const viewIds = new Set<string>();
  const contextRoots = new Set<string>();
  const seeds = new Set<string>();
  const removed = new Set<string>();
  const live = (id: string) => tree.parent.has(id);
  // Nodes that link to a node whose liveness or archived flag changed re-check their alignment.
  const linkSources = (id: string) => { for (const link of cache.linksTo.get(id) ?? []) contextRoots.add(link.from); };

  // Tree changes: new and moved nodes re-inherit; old and new parents re-aggregate.
  for (const id of delta.entered) {
    if (!live(id)) continue;
    contextRoots.add(id);
    seeds.add(tree.parent.get(id)!);
    linkSources(id);
  }
  for (const [id, oldParent] of delta.moved) {
    seeds.add(oldParent);
    if (!live(id)) continue;
    contextRoots.add(id);
    seeds.add(tree.parent.get(id)!);
  }
  for (const [id, oldParent] of delta.left) {
    seeds.add(oldParent);
    if (live(id)) continue;
    removed.add(id);
    linkSources(id);
  }
  for (const id of delta.childrenChanged) seeds.add(id);
  for (const id of delta.depthChanged) viewIds.add(id);
  for (const id of delta.flagsChanged) viewIds.add(id);

  // Field changes: the node re-derives; inherited fields re-inherit; key results reach their initiatives.
  for (const [id, { before, after }] of pending) {
    if (!after || !live(id)) continue;
    seeds.add(id);
    if (before) {
      // A kind never changes through the operations, but a peer can write one: re-inherit then.
      if (before.kind !== after.kind) contextRoots.add(id);
      for (const field of INHERITED_FIELDS) {
        if (before.fields[field] !== after.fields[field]) { contextRoots.add(id); break; }
      }
      if (before.fields.archived !== after.fields.archived) linkSources(id);
    } else contextRoots.add(id);
    if (after.kind === 'key_result') for (const dependent of krDependents.get(id) ?? []) seeds.add(dependent);
  }
  for (const id of cache.dirtyCheckIns) {
    if (!live(id)) continue;
    seeds.add(id);
    for (const dependent of krDependents.get(id) ?? []) seeds.add(dependent);
  }
  for (const id of cache.dirtyTitles) {
    if (!live(id)) continue;
    viewIds.add(id);
    if (baseline) seeds.add(id);
  }
  return { contextRoots, seeds, removed, viewIds };
}
