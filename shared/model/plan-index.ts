/**
 * PlanIndex: the derived view of a plan doc — materialised tree, roll-ups, execution signals and
 * health — kept up to date incrementally. It observes the doc and collects what changed;
 * `refresh(now)` recomputes only what depends on it (the node, its check-ins, the subtree that
 * inherits from it, its ancestors' aggregates) and returns the ids whose view changed.
 * `fullRecompute(now)` re-reads everything; a property test checks that both always agree.
 */
import type * as Y from 'yjs';
import { ROOT_ID } from './schema.js';
import { DocCache, type RecordChange } from './doc-cache.js';
import { materialiseTree, type MaterialisedTree, type Tombstones } from './tree.js';
import { TreeInconsistency, applyLocally, deltaIsEmpty, diffTrees, emptyDelta, resortChildren, type TreeDelta } from './tree-update.js';
import {
  baselineNodeOf, computeContext, computeDerived, computeRootDerived, teamSlowdown, type DeriveInput, type NodeContext, type NodeDerived,
} from './derive.js';
import { buildView, sameView } from './view-builder.js';
import { planRefresh } from './refresh-plan.js';
import type { CheckIn } from './checkins.js';
import type { NodeRecord } from './doc.js';
import type { PlanSettings } from './settings.js';
import type { Health, HealthCause, Signal } from './signal-types.js';
import type { LinkView, NodeView, PeriodView, PersonView, PlanBaseline, TeamView, WorkCounts } from './views.js';

/** The plan as a whole. */
export interface PlanSummary {
  name: string;
  schemaVersion: number | null;
  progress: number | null;
  health: Health;
  healthCause: HealthCause | null;
  counts: WorkCounts;
  /** Open initiatives and tasks (not archived). */
  activeWork: number;
  /** Of those, how many have a path to a key result or objective. */
  alignedWork: number;
  /** alignedWork / activeWork, or null when there is no active work. */
  alignedShare: number | null;
  liveNodes: number;
  deletedNodes: number;
  /** Stored check-ins skipped as malformed or of a newer format. */
  skippedCheckIns: number;
  /** Stored nodes that could not be read (unknown kind, no place). */
  unreadableNodes: number;
}

const EMPTY: ReadonlySet<string> = new Set();
const NO_CHECKINS: readonly CheckIn[] = [];

function samePlace(a: NodeRecord, b: NodeRecord): boolean {
  return a.place.parent === b.place.parent && a.place.order === b.place.order && a.place.at === b.place.at && a.place.from === b.place.from
    && a.placeItem?.client === b.placeItem?.client && a.placeItem?.clock === b.placeItem?.clock
    && (a.deleted === null) === (b.deleted === null) && a.deleted?.at === b.deleted?.at && a.kind === b.kind
    && JSON.stringify(a.deleted?.seen) === JSON.stringify(b.deleted?.seen);
}

export class PlanIndex {
  private readonly cache: DocCache;
  /** The current tree (kept in step with the doc by syncTree; views lag until refresh). */
  private tree: MaterialisedTree;
  /** Tree changes not yet reflected in the derived state. */
  private delta: TreeDelta = emptyDelta();
  /** Top-level ids as of the last refresh. */
  private rootChildIds: readonly string[] = [];
  private readonly pending = new Map<string, RecordChange>();
  private contexts = new Map<string, NodeContext>();
  private derived = new Map<string, NodeDerived>();
  private views = new Map<string, NodeView>();
  private rootDerived: NodeDerived | null = null;
  private readonly krDependents = new Map<string, Set<string>>();
  private readonly taskTeam = new Map<string, string>();
  private readonly teamTasks = new Map<string, Set<string>>();
  private teamSignalMap = new Map<string, Signal>();
  private baseline: PlanBaseline | null;
  private baselineDirty = false;
  private currentNow: number;
  private versionCounter = 0;

  /** Builds the index of `doc` at time `now` (epoch ms); `baseline` enables priority-shift signals. */
  constructor(doc: Y.Doc, options: { now: number; baseline?: PlanBaseline | null }) {
    this.cache = new DocCache(doc);
    this.baseline = options.baseline ?? null;
    this.currentNow = options.now;
    this.tree = materialiseTree(this.cache.records, this.cache.purged);
    this.recomputeAll();
  }

  /** Increments whenever a refresh changed any view. */
  get version(): number { return this.versionCounter; }
  /** The clock value the derived state was computed at. */
  get now(): number { return this.currentNow; }
  /** True if the doc changed since the last refresh. */
  get dirty(): boolean { return this.cache.dirty || this.pending.size > 0 || this.baselineDirty || !deltaIsEmpty(this.delta); }
  get settings(): Readonly<PlanSettings> { return this.cache.settings; }
  get schemaVersion(): number | null { return this.cache.schemaVersion; }

  /** Calls `listener` (synchronously, inside the Yjs event) when the doc changed; schedule a refresh from it. */
  onInvalidate(listener: () => void): () => void { return this.cache.onInvalidate(listener); }

  /** Stops observing the doc. */
  destroy(): void { this.cache.destroy(); }

  /**
   * Brings the derived state up to date at `now` and returns the ids of nodes whose view changed
   * (ROOT_ID when the plan summary or the top level changed). A different `now`, or a change of
   * settings, people, teams, periods, links or the baseline, derives everything again (from cached
   * node records).
   */
  refresh(now: number): ReadonlySet<string> {
    this.syncTree();
    const shared = this.cache.dirtyDirectory || this.cache.dirtyHistory;
    if (shared) this.cache.reloadShared();
    if (shared || now !== this.currentNow || this.baselineDirty) {
      // Time-dependent signals (pace, stale, overdue, …) all move with the clock, and settings,
      // people, teams, periods and links reach across the tree: derive everything again from the
      // cached records and tree (no re-read of the nodes).
      this.currentNow = now;
      this.baselineDirty = false;
      return this.recomputeAll();
    }
    if (this.pending.size === 0 && deltaIsEmpty(this.delta) && this.cache.dirtyCheckIns.size === 0 && this.cache.dirtyTitles.size === 0) return EMPTY;
    return this.incremental();
  }

  /** Re-reads the whole doc and recomputes everything at `now`; returns the ids whose view changed. */
  fullRecompute(now: number): ReadonlySet<string> {
    this.currentNow = now;
    this.cache.reloadAll();
    this.baselineDirty = false;
    this.tree = materialiseTree(this.cache.records, this.cache.purged);
    return this.recomputeAll();
  }

  /** Sets (or clears) the review point that priority shifts are reported against. */
  setBaseline(baseline: PlanBaseline | null): void {
    this.baseline = baseline;
    this.baselineDirty = true;
  }

  /** Snapshot of the current plan for a review point (plain JSON). */
  captureBaseline(name: string, at: number): PlanBaseline {
    this.syncTree();
    const nodes: PlanBaseline['nodes'] = {};
    for (const [id, parent] of this.tree.parent) nodes[id] = baselineNodeOf(this.cache.records.get(id)!, parent, this.cache.titles.get(id) ?? '');
    return { at, name, nodes };
  }

  // ── tree ────────────────────────────────────────────────────────────────────────────────────

  /** The view of a live node (as of the last refresh), or undefined. */
  node(id: string): NodeView | undefined { return this.views.get(id); }
  /** Ordered ids of the live children of a node (ROOT_ID for the top level), as of the last refresh. */
  children(id: string = ROOT_ID): readonly string[] { return id === ROOT_ID ? this.rootChildIds : this.views.get(id)?.childIds ?? []; }
  /** Effective parent of a live node, as of the last refresh. */
  parentOf(id: string): string | undefined { return this.views.get(id)?.parent; }
  /** Node ids from `id` up to its top-level ancestor (both included); empty if not live. */
  pathToRoot(id: string): string[] {
    const path: string[] = [];
    for (let view = this.views.get(id); view !== undefined; view = this.views.get(view.parent)) path.push(view.id);
    return path;
  }
  /** Number of live nodes. */
  get size(): number { return this.views.size; }
  /** Live node ids in depth-first (outline) order. */
  *walk(from: string = ROOT_ID): Generator<string> {
    const stack = [...this.children(from)].reverse();
    while (stack.length > 0) {
      const id = stack.pop()!;
      yield id;
      const children = this.children(id);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  /** The current title of a node (kept current from Y.Text events, even between refreshes). */
  title(id: string): string { return this.cache.titles.get(id) ?? ''; }
  /** Soft-deleted subtree roots (for a trash view), with their deletion stamp. */
  deletedNodes(): { id: string; kind: string; title: string; at: number; by: string }[] {
    this.syncTree();
    const result: { id: string; kind: string; title: string; at: number; by: string }[] = [];
    for (const record of this.cache.records.values()) {
      if (record.deleted) result.push({ id: record.id, kind: record.kind, title: this.title(record.id), at: record.deleted.at, by: record.deleted.by });
    }
    return result.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));
  }

  /**
   * The tree and records as the doc is NOW (pending events applied, derived state untouched). Used by
   * operations to validate against the latest state.
   */
  structure(): { tree: MaterialisedTree; records: ReadonlyMap<string, NodeRecord>; purged: Tombstones } {
    this.syncTree();
    return { tree: this.tree, records: this.cache.records, purged: this.cache.purged };
  }

  // ── check-ins, signals, directory ──────────────────────────────────────────────────────────

  /** Check-ins of a node, oldest first. */
  checkIns(nodeId: string): readonly CheckIn[] { return this.cache.checkIns.get(nodeId) ?? NO_CHECKINS; }
  /** Every current signal: node signals in outline order, then team signals. */
  signals(): Signal[] {
    const all: Signal[] = [];
    for (const id of this.walk()) all.push(...this.views.get(id)!.signals);
    return all.concat(this.teamSignals());
  }
  /** Team-level signals (slowdown per team), sorted by team id. */
  teamSignals(): Signal[] { return [...this.teamSignalMap.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, signal]) => signal); }
  /** The plan as a whole. */
  summary(): PlanSummary {
    const root = this.rootDerived!;
    const deleted = this.tree.hidden.size;
    return {
      name: this.cache.planName, schemaVersion: this.cache.schemaVersion, progress: root.progress, health: root.health, healthCause: root.cause,
      counts: root.counts, activeWork: root.work.active, alignedWork: root.work.aligned,
      alignedShare: root.work.active > 0 ? root.work.aligned / root.work.active : null,
      liveNodes: this.views.size, deletedNodes: deleted, skippedCheckIns: this.cache.skippedCheckIns, unreadableNodes: this.cache.unreadable.size,
    };
  }
  people(): PersonView[] { return [...this.cache.people.values()]; }
  teams(): TeamView[] { return [...this.cache.teams.values()]; }
  periods(): PeriodView[] { return [...this.cache.periods.values()].sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1)); }
  links(): LinkView[] { return [...this.cache.links.values()]; }
  linksFrom(id: string): readonly LinkView[] { return this.cache.linksFrom.get(id) ?? []; }
  linksTo(id: string): readonly LinkView[] { return this.cache.linksTo.get(id) ?? []; }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private input(): DeriveInput {
    return { cache: this.cache, tree: this.tree, contexts: this.contexts, derived: this.derived, clock: { now: this.currentNow, settings: this.cache.settings }, baseline: this.baseline };
  }

  /**
   * Applies pending node events to the records and the tree: locally for the common edits on a clean
   * tree, by a full materialisation otherwise; the tree changes are recorded in `delta`.
   */
  private syncTree(): void {
    if (this.cache.dirtyNodes.size === 0 && !this.cache.dirtyPurged) return;
    // New tombstones change where orphans attach: materialise afresh (purges are rare).
    let full = this.cache.dirtyPurged;
    if (full) this.cache.reloadPurged();
    const changes = this.cache.applyPending();
    const records = this.cache.records;
    // A removed node can still sit in a child list the local path would search: go full at once.
    for (const change of changes.values()) if (change.after === null) full = true;
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
    } else if (local > 1) resortChildren(this.tree, touched, records);
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

  /** Computes contexts, derived state and views for every node; returns the changed ids. */
  private recomputeAll(): ReadonlySet<string> {
    const input = this.input();
    this.contexts = new Map();
    this.derived = new Map();
    input.contexts = this.contexts;
    input.derived = this.derived;
    this.krDependents.clear();
    this.taskTeam.clear();
    this.teamTasks.clear();
    const order: string[] = [];
    for (let queue = [...(this.tree.children.get(ROOT_ID) ?? [])], i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      order.push(id);
      this.setContext(id, computeContext(id, input));
      const children = this.tree.children.get(id);
      if (children) queue.push(...children);
    }
    for (let i = order.length - 1; i >= 0; i--) this.derived.set(order[i]!, computeDerived(order[i]!, input));
    this.rootDerived = computeRootDerived(input);
    this.teamSignalMap = new Map();
    for (const teamId of this.teamTasks.keys()) this.updateTeamSignal(teamId, input);
    this.cache.clearDirtyMarks();
    this.pending.clear();
    this.delta = emptyDelta();
    this.rootChildIds = [...(this.tree.children.get(ROOT_ID) ?? [])];

    const changed = new Set<string>([ROOT_ID]);
    const views = new Map<string, NodeView>();
    for (const id of order) {
      const old = this.views.get(id);
      const view = buildView(id, this.cache, this.tree, this.contexts.get(id)!, this.derived.get(id)!);
      if (old && sameView(old, view)) views.set(id, old);
      else { views.set(id, view); changed.add(id); }
    }
    for (const id of this.views.keys()) if (!views.has(id)) changed.add(id);
    this.views = views;
    this.versionCounter++;
    return changed;
  }

  /** Stores a node's context and keeps the reverse maps (key result → initiatives, team → tasks) current. */
  private setContext(id: string, context: NodeContext | null): void {
    const old = this.contexts.get(id);
    for (const kr of old?.keyResults ?? []) this.krDependents.get(kr)?.delete(id);
    const oldTeam = this.taskTeam.get(id);
    if (oldTeam !== undefined) { this.teamTasks.get(oldTeam)?.delete(id); this.taskTeam.delete(id); }
    if (context === null) { this.contexts.delete(id); return; }
    this.contexts.set(id, context);
    for (const kr of context.keyResults) {
      let set = this.krDependents.get(kr);
      if (!set) { set = new Set(); this.krDependents.set(kr, set); }
      set.add(id);
    }
    const record = this.cache.records.get(id)!;
    if (record.kind === 'task' && context.team !== null && !context.inactive) {
      this.taskTeam.set(id, context.team);
      let set = this.teamTasks.get(context.team);
      if (!set) { set = new Set(); this.teamTasks.set(context.team, set); }
      set.add(id);
    }
  }

  private updateTeamSignal(teamId: string, input: DeriveInput): void {
    const signal = teamSlowdown(teamId, this.teamTasks.get(teamId) ?? [], input);
    if (signal) this.teamSignalMap.set(teamId, signal);
    else this.teamSignalMap.delete(teamId);
  }

  /** The incremental path: recomputes what depends on the pending changes only. */
  private incremental(): ReadonlySet<string> {
    const input = this.input();
    const tree = this.tree;
    const delta = this.delta;
    const { viewIds, contextRoots, seeds, removed } = planRefresh({
      tree, delta, pending: this.pending, cache: this.cache, krDependents: this.krDependents, baseline: this.baseline !== null,
    });
    const teams = new Set<string>();
    let rootChanged = false;

    // Removed nodes leave the reverse maps.
    for (const id of removed) {
      const team = this.taskTeam.get(id);
      if (team !== undefined) teams.add(team);
      this.setContext(id, null);
      this.derived.delete(id);
    }

    // Contexts, top-down over the subtrees that inherit from a changed node.
    const contextDone = new Set<string>();
    const roots = [...contextRoots].filter((id) => tree.parent.has(id)).sort((a, b) => tree.depth.get(a)! - tree.depth.get(b)!);
    for (const rootId of roots) {
      if (contextDone.has(rootId)) continue;
      for (let queue = [rootId], i = 0; i < queue.length; i++) {
        const id = queue[i]!;
        if (contextDone.has(id)) continue;
        contextDone.add(id);
        const oldTeam = this.taskTeam.get(id);
        if (oldTeam !== undefined) teams.add(oldTeam);
        this.setContext(id, computeContext(id, input));
        const newTeam = this.taskTeam.get(id);
        if (newTeam !== undefined) teams.add(newTeam);
        seeds.add(id);
        const children = tree.children.get(id);
        if (children) queue.push(...children);
      }
    }

    // Derived state, bottom-up over the seeds and all their ancestors.
    const deriveSet = new Set<string>();
    for (const id of seeds) {
      if (id === ROOT_ID) { rootChanged = true; continue; }
      for (let current: string | undefined = id; current !== undefined && current !== ROOT_ID && !deriveSet.has(current); current = tree.parent.get(current)) {
        if (!tree.parent.has(current)) break;
        deriveSet.add(current);
      }
      rootChanged = true;
      const team = this.taskTeam.get(id);
      if (team !== undefined) teams.add(team);
    }
    const ordered = [...deriveSet].sort((a, b) => tree.depth.get(b)! - tree.depth.get(a)!);
    for (const id of ordered) this.derived.set(id, computeDerived(id, input));
    if (rootChanged || removed.size > 0) this.rootDerived = computeRootDerived(input);
    for (const teamId of teams) this.updateTeamSignal(teamId, input);

    // Views.
    const changed = new Set<string>();
    for (const id of ordered) viewIds.add(id);
    for (const id of contextDone) viewIds.add(id);
    for (const id of seeds) if (id !== ROOT_ID && tree.parent.has(id)) viewIds.add(id);
    for (const id of viewIds) {
      if (!tree.parent.has(id)) continue;
      const old = this.views.get(id);
      const view = buildView(id, this.cache, tree, this.contexts.get(id)!, this.derived.get(id)!);
      if (old && sameView(old, view)) continue;
      this.views.set(id, view);
      changed.add(id);
    }
    for (const id of removed) { this.views.delete(id); changed.add(id); }
    if (rootChanged || removed.size > 0) changed.add(ROOT_ID);

    if (delta.childrenChanged.has(ROOT_ID)) this.rootChildIds = [...(tree.children.get(ROOT_ID) ?? [])];
    this.pending.clear();
    this.delta = emptyDelta();
    this.cache.clearDirtyMarks();
    if (changed.size > 0) this.versionCounter++;
    return changed;
  }
}
