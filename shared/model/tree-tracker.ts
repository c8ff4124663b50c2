/**
 * The materialised tree kept in step with the doc: pending node events are applied to the records
 * and the tree — locally for the common edits on a clean tree, by a full materialisation otherwise —
 * and every change is recorded (the tree delta and the record changes) until the derived state has
 * consumed it. Part of the PlanIndex; the derived views live in plan-derivation.ts.
 */
import { materialiseTree, materialisingTree, type MaterialisedTree } from './tree.js';
import type { Steps } from './steps.js';
import { TreeInconsistency, applyLocally, deltaIsEmpty, diffTrees, emptyDelta, resortChildren, type TreeDelta } from './tree-update.js';
import type { DocCache, RecordChange } from './doc-cache.js';
import type { NodeRecord } from './doc.js';

function samePlace(a: NodeRecord, b: NodeRecord): boolean {
  return a.place.parent === b.place.parent && a.place.order === b.place.order && a.place.at === b.place.at && a.place.from === b.place.from
    && a.placeItem?.client === b.placeItem?.client && a.placeItem?.clock === b.placeItem?.clock
    && (a.deleted === null) === (b.deleted === null) && a.deleted?.at === b.deleted?.at && a.kind === b.kind
    && JSON.stringify(a.deleted?.seen) === JSON.stringify(b.deleted?.seen);
}

export class TreeTracker {
  /** The current tree (kept in step with the doc by sync; views lag until a refresh). */
  tree: MaterialisedTree;
  /** Tree changes not yet reflected in the derived state. */
  delta: TreeDelta = emptyDelta();
  /** Record changes not yet reflected in the derived state (first `before`, latest `after`). */
  readonly pending = new Map<string, RecordChange>();
  /**
   * While true, `sync` replaces the tree instead of changing it in place: a derivation running in
   * steps over the current tree object (PlanIndex.refreshing) must not see it change under it.
   */
  keepTree = false;
  /** The records hold changes the tree does not (a `syncing` is re-reading them, or stopped part-way). */
  private recordsAhead = false;
  /** True while `syncing` re-reads records in steps. */
  private syncingInSteps = false;

  constructor(private readonly cache: DocCache) {
    this.tree = materialiseTree(cache.records, cache.purged);
  }

  /** True if tree or record changes wait for the derived state. */
  get hasChanges(): boolean { return this.pending.size > 0 || !deltaIsEmpty(this.delta); }

  /** Materialises the tree afresh from the cache (after it re-read the whole doc). */
  rebuild(): void {
    this.tree = materialiseTree(this.cache.records, this.cache.purged);
  }

  /** rebuild in steps: the records must not change until it ends (they change only in `sync`). */
  *rebuilding(): Steps<void> {
    this.tree = yield* materialisingTree(this.cache.records, this.cache.purged);
  }

  /** Forgets the recorded changes (the derived state has consumed them). */
  clearChanges(): void {
    this.pending.clear();
    this.delta = emptyDelta();
  }

  /**
   * Applies pending node events to the records and the tree: locally for the common edits on a clean
   * tree, by a full materialisation otherwise; the tree changes are recorded in `delta`.
   */
  sync(): void {
    if (this.cache.dirtyNodes.size === 0 && !this.cache.dirtyPurged && !this.recordsAhead) return;
    // New tombstones change where orphans attach: materialise afresh (purges are rare). Records a
    // `syncing` has re-read but not yet built into the tree: the same.
    let full = this.cache.dirtyPurged || this.recordsAhead;
    if (full) this.cache.reloadPurged();
    const changes = this.cache.applyPending();
    const records = this.cache.records;
    // A removed node can still sit in a child list the local path would search: go full at once.
    for (const change of changes.values()) if (change.after === null) full = true;
    if (this.keepTree) full = true;
    const touched = new Set<string>();
    let local = 0;
    for (const [id, change] of changes) {
      const earlier = this.pending.get(id);
      this.pending.set(id, { before: earlier ? earlier.before : change.before, after: change.after });
      if (full || (change.before && change.after && samePlace(change.before, change.after))) continue;
      // (records already hold the whole batch; the local path only touches this node's own entry.)
      const kindChanged = change.before !== null && change.after !== null && change.before.kind !== change.after.kind;
      if (!kindChanged && this.applyLocallySafely(id, change)) {
        local++;
        touched.add(change.after!.place.parent);
        if (change.before) touched.add(change.before.place.parent);
      } else full = true;
    }
    if (full) {
      const next = materialiseTree(records, this.cache.purged);
      diffTrees(this.tree, next, this.delta);
      this.tree = next;
      this.recordsAhead = this.syncingInSteps;
    } else if (local > 1) resortChildren(this.tree, touched, records);
  }

  /**
   * sync in steps, for a batch of thousands of nodes: the records are re-read in steps (nodes changed
   * meanwhile are marked again for the next sync), then the tree is materialised afresh in one step
   * from the records as they are then, and the difference recorded. A `sync` between two steps (an
   * operation validating against `structure()`) is safe: it brings in only the newly marked nodes.
   */
  *syncing(): Steps<void> {
    if (this.cache.dirtyNodes.size === 0 && !this.cache.dirtyPurged) return;
    if (this.cache.dirtyPurged) this.cache.reloadPurged();
    let changes: Map<string, RecordChange>;
    this.recordsAhead = true;
    this.syncingInSteps = true;
    try {
      changes = yield* this.cache.applyingPending();
    } finally {
      this.syncingInSteps = false;
    }
    const records = this.cache.records;
    for (const [id, change] of changes) {
      const earlier = this.pending.get(id);
      // The record as it is now: a sync between two steps may have read a newer one than this batch did.
      this.pending.set(id, { before: earlier ? earlier.before : change.before, after: records.get(id) ?? null });
    }
    yield;
    const next = materialiseTree(records, this.cache.purged);
    diffTrees(this.tree, next, this.delta);
    this.tree = next;
    this.recordsAhead = false;
  }

  /** The local tree update, or false (full materialisation) if it found the tree inconsistent. */
  private applyLocallySafely(id: string, change: RecordChange): boolean {
    try {
      return applyLocally(this.tree, this.cache.records, id, change.before, change.after, this.delta);
    } catch (error) {
      if (!(error instanceof TreeInconsistency)) throw error;
      return false;
    }
  }
}
