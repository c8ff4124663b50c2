/**
 * PlanIndex: the derived view of a plan doc — materialised tree, roll-ups, execution signals and
 * health — kept up to date incrementally. It observes the doc and collects what changed;
 * `refresh(now)` recomputes only what depends on it (the node, its check-ins, the subtree that
 * inherits from it, its ancestors' aggregates) and returns the ids whose view changed.
 * `fullRecompute(now)` re-reads everything; a property test checks that both always agree.
 *
 * This class is the public face: it reads the doc through a DocCache (doc-cache.ts), keeps the tree
 * in step through a TreeTracker (tree-tracker.ts) and the views through a PlanDerivation
 * (plan-derivation.ts), and decides which refresh path to take.
 */
import type * as Y from 'yjs';
import { ROOT_ID } from './schema.js';
import { DocCache } from './doc-cache.js';
import { TreeTracker } from './tree-tracker.js';
import { PlanDerivation, type DerivationFrame } from './plan-derivation.js';
import { baselineNodeOf } from './derive.js';
import type { MaterialisedTree, Tombstones } from './tree.js';
import type { CheckIn } from './checkins.js';
import type { CheckInSeries } from './check-in-columns.js';
import { unitChangedAt } from './check-in-units.js';
import { standingBlockers } from './signals.js';
import { checkInsHeldByOthers, checkInsOnDeletedWork, checkInsOnPurgedWork, checkInsOnRemovedWork, editsOnDeletedWork, editsOnRemovedWork, removedWithLaterEdits, type CheckInsHeld, type CheckInsOnDeletedWork, type CheckInsOnPurgedWork, type CheckInsOnRemovedWork, type EditsOnDeletedWork, type EditsOnRemovedWork, type StoredEdit } from './deleted-work.js';
import { itemIdOf, readPurgeStamp, readRemovedContent, type NodeRecord, type RemovedContent, type Stamp } from './doc.js';
import { shownTextAuthor, type TextField } from './renames.js';
import { CheckInItems } from './record-items.js';
import type { PlanSettings } from './settings.js';
import type { Health, HealthCause, Signal } from './signal-types.js';
import type { NodeId, ParentId } from './ids.js';
import { runToEnd, type Steps } from './steps.js';
import type { LinkView, NodeView, PeriodView, PersonView, PlanBaseline, TeamView, WorkCounts } from './views.js';
import { appendAll } from '../collections/long-lists.js';

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
/** Only `PlanIndex.build` has it: an index constructed with it is built by whoever holds the steps. */
const buildInSteps = Symbol('build in steps');

export class PlanIndex {
  private readonly cache: DocCache;
  /** The materialised tree, kept in step with the doc, and the changes the views have not seen. */
  private readonly tracker: TreeTracker;
  /** Contexts, roll-ups, signals, health and the views, as of the last refresh. */
  private readonly derivation: PlanDerivation;
  private baseline: PlanBaseline | null;
  private baselineDirty = false;
  /** A refresh in steps stopped part-way: the next refresh derives everything again. */
  private derivationStale = false;
  private currentNow: number;
  /** The Yjs item ids of the check-ins, built when a deletion first needs them (record-items.ts). */
  private checkInItemIds: CheckInItems | null = null;

  /** Builds the index of `doc` at time `now` (epoch ms); `baseline` enables priority-shift signals. */
  constructor(doc: Y.Doc, options: { now: number; baseline?: PlanBaseline | null }, build: 'now' | typeof buildInSteps = 'now') {
    this.cache = new DocCache(doc, 'in-steps');
    this.baseline = options.baseline ?? null;
    this.currentNow = options.now;
    this.tracker = new TreeTracker(this.cache);
    this.derivation = new PlanDerivation(this.cache);
    if (build === 'now') runToEnd(this.building());
  }

  /**
   * The same index as the constructor builds, in steps (see steps.ts): the caller may pause between
   * any two and let the doc change meanwhile. Changes made during the build are observed and stay
   * marked: `dirty` is then true and the next `refresh` brings them in, so the result equals a
   * one-shot build of the doc as it is then (a property test checks it).
   */
  static *build(doc: Y.Doc, options: { now: number; baseline?: PlanBaseline | null }): Steps<PlanIndex> {
    const index = new PlanIndex(doc, options, buildInSteps);
    yield* index.building();
    return index;
  }

  private *building(): Steps<void> {
    yield* this.cache.reading();
    yield* this.tracker.rebuilding();
    yield* this.derivation.recomputingAll(this.frame());
    this.tracker.clearChanges();
  }

  /** Increments whenever a refresh changed any view. */
  get version(): number { return this.derivation.version; }
  /** The clock value the derived state was computed at. */
  get now(): number { return this.currentNow; }
  /** True if the doc changed since the last refresh. */
  get dirty(): boolean { return this.cache.dirty || this.tracker.hasChanges || this.baselineDirty || this.derivationStale; }
  get settings(): Readonly<PlanSettings> { return this.cache.settings; }
  /** The plan's time zone (zone.ts): the days its figures count and its check-ins are listed under. */
  get timeZone(): string { return this.cache.timeZone; }
  get schemaVersion(): number | null { return this.cache.schemaVersion; }

  /** Calls `listener` (synchronously, inside the Yjs event) when the doc changed; schedule a refresh from it. */
  onInvalidate(listener: () => void): () => void { return this.cache.onInvalidate(listener); }

  /** Stops observing the doc. */
  destroy(): void {
    this.cache.destroy();
    this.checkInItemIds?.destroy();
    this.checkInItemIds = null;
  }

  private checkInItems(): CheckInItems {
    return this.checkInItemIds ??= new CheckInItems(this.cache.types.checkins);
  }

  /**
   * The Yjs clients that wrote records (check-ins, renames, field edits) on the given nodes: a deletion
   * keeps its state vector over them (node-ops.ts, `DeletedMark.seenRecords`).
   */
  recordClientsOn(nodeIds: Iterable<string>): Set<number> {
    this.tracker.sync();
    const cache = this.cache;
    const clients = new Set<number>();
    const items = this.checkInItems();
    for (const id of nodeIds) {
      const series = cache.checkInSeries(id);
      for (let i = 0; i < series.length; i++) for (const item of items.itemsOf(series.id(i))) clients.add(item.client);
      for (const key of cache.renames.get(id)?.keys() ?? []) { const item = itemIdOf(cache.types.renames, key); if (item) clients.add(item.client); }
      for (const key of cache.fieldEdits.get(id)?.keys() ?? []) { const item = itemIdOf(cache.types.fieldEdits, key); if (item) clients.add(item.client); }
    }
    return clients;
  }

  /**
   * Brings the derived state up to date at `now` and returns the ids of nodes whose view changed
   * (ROOT_ID when the plan summary or the top level changed). A change of settings, people, teams,
   * periods, links or the baseline derives everything again (from cached node records); a different
   * `now` re-derives what reads the clock (all but the tasks whose signals cannot have changed).
   */
  refresh(now: number): ReadonlySet<string> {
    // A refresh in steps is running: it brings in what it can, and what it cannot stays marked.
    if (this.refreshingInSteps) return EMPTY;
    this.tracker.sync();
    const shared = this.cache.dirtyDirectory || this.cache.dirtyHistory;
    if (shared) this.cache.reloadShared();
    if (shared || this.baselineDirty || this.derivationStale) {
      // Settings, people, teams, periods, links and the baseline reach across the tree: derive
      // everything again from the cached records and tree (no re-read of the nodes).
      this.currentNow = now;
      this.baselineDirty = false;
      this.derivationStale = false;
      return this.recomputeAll();
    }
    const edited = this.tracker.hasChanges || this.cache.dirtyCheckIns.size > 0 || this.cache.dirtyTitles.size > 0;
    let changed = EMPTY;
    if (edited) {
      // The edits first, at the clock they were made against.
      changed = this.derivation.incremental(this.frame(), this.tracker.delta, this.tracker.pending);
      this.tracker.clearChanges();
    }
    if (now === this.currentNow) return changed;
    // Time-dependent signals (pace, stale, overdue, …) move with the clock: a clock tick.
    this.currentNow = now;
    const ticked = this.derivation.tick(this.frame());
    if (changed.size === 0) return ticked;
    const both = new Set(changed);
    for (const id of ticked) both.add(id);
    return both;
  }

  /**
   * How many node records wait for the next refresh. A refresh of thousands (an import of a
   * spreadsheet, its undo, a collaborator's import) takes a second or more in one piece: run it as
   * `refreshing` instead, between pauses.
   */
  get pendingNodes(): number { return this.cache.pendingNodes; }

  /** True while `refreshing` runs; `refresh` then does nothing (the changes stay marked). */
  get refreshingInSteps(): boolean { return this.refreshingNow; }
  private refreshingNow = false;

  /**
   * A refresh in steps for a large batch: the records are re-read and the tree materialised
   * (TreeTracker.syncing), then everything is derived again (as `refresh` does when the directory
   * changed), with pauses between. The views change only at the end, in one piece. The doc may
   * change between steps, and operations may read `structure()` meanwhile (the tree is then
   * replaced, never changed in place under the derivation): such changes stay recorded for the next
   * refresh, which brings the index to exactly what `refresh` would have made (a property test checks it).
   * Returns the changed ids, as `refresh` does.
   */
  *refreshing(now: number): Steps<ReadonlySet<string>> {
    if (this.refreshingNow) throw new Error('A refresh in steps is already running.');
    this.refreshingNow = true;
    this.tracker.keepTree = true;
    let finished = false;
    try {
      yield* this.tracker.syncing();
      if (this.cache.dirtyDirectory || this.cache.dirtyHistory) this.cache.reloadShared();
      this.currentNow = now;
      this.baselineDirty = false;
      // Everything recorded so far is in the tree the derivation reads; what arrives during it stays.
      this.tracker.clearChanges();
      const frame = this.frame();
      this.derivationStale = false;
      yield;
      const changed = yield* this.derivation.recomputingAll(frame);
      finished = true;
      return changed;
    } finally {
      // Stopped part-way (the session closed): whatever it had read is brought in by deriving it all.
      if (!finished) this.derivationStale = true;
      this.tracker.keepTree = false;
      this.refreshingNow = false;
    }
  }

  /** Re-reads the whole doc and recomputes everything at `now`; returns the ids whose view changed. */
  fullRecompute(now: number): ReadonlySet<string> {
    this.currentNow = now;
    this.cache.reloadAll();
    this.baselineDirty = false;
    this.tracker.rebuild();
    return this.recomputeAll();
  }

  /** Sets (or clears) the review point that priority shifts are reported against. */
  setBaseline(baseline: PlanBaseline | null): void {
    this.baseline = baseline;
    this.baselineDirty = true;
  }

  /** The name of the review point priority shifts are reported against, or null when there is none. */
  get baselineName(): string | null {
    return this.baseline?.name ?? null;
  }

  /** Snapshot of the current plan for a review point (plain JSON). */
  captureBaseline(name: string, at: number): PlanBaseline {
    this.tracker.sync();
    const nodes: PlanBaseline['nodes'] = {};
    for (const [id, parent] of this.tracker.tree.parent) nodes[id] = baselineNodeOf(this.cache.records.get(id)!, parent, this.cache.titles.get(id) ?? '');
    return { at, name, nodes };
  }

  // ── tree ────────────────────────────────────────────────────────────────────────────────────

  /** The view of a live node (as of the last refresh), or undefined. */
  node(id: string): NodeView | undefined { return this.derivation.views.get(id); }
  /** Ordered ids of the live children of a node (ROOT_ID for the top level), as of the last refresh. */
  children(id: string = ROOT_ID): readonly NodeId[] { return id === ROOT_ID ? this.derivation.rootChildIds : this.derivation.views.get(id)?.childIds ?? []; }
  /** Effective parent of a live node, as of the last refresh. */
  parentOf(id: string): ParentId | undefined { return this.derivation.views.get(id)?.parent; }
  /** Node ids from `id` up to its top-level ancestor (both included); empty if not live. */
  pathToRoot(id: string): NodeId[] {
    const path: NodeId[] = [];
    const views = this.derivation.views;
    for (let view = views.get(id); view !== undefined; view = views.get(view.parent)) path.push(view.id);
    return path;
  }
  /** Number of live nodes. */
  get size(): number { return this.derivation.views.size; }
  /** Live node ids in depth-first (outline) order. */
  *walk(from: string = ROOT_ID): Generator<NodeId> {
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
  /**
   * Who last changed what a node's title or description shows, and when: the author of its rename (shownTextAuthor)
   * or the node's `updated` stamp (else `created`), whichever is later (an undo that only took characters away writes
   * no rename record, but stamps the node); null when none is known.
   */
  textAuthor(id: string, field: TextField): Stamp | null {
    this.tracker.sync();
    const cache = this.cache;
    const byRename = shownTextAuthor(cache.renamesOf(id, field), cache.resolved(id, field).text);
    const record = cache.records.get(id);
    const updated = record?.updated ?? record?.created ?? null;
    if (!byRename) return updated;
    return updated && updated.at > byRename.at ? updated : byRename;
  }
  /** The description a node shows: its text, or the winner of colliding replacements (see conflicts). */
  description(id: string): string { return this.cache.resolved(id, 'description').text; }
  /** Soft-deleted subtree roots (for a trash view), with their deletion stamp. */
  deletedNodes(): { id: NodeId; kind: string; title: string; at: number; by: string }[] {
    this.tracker.sync();
    const result: { id: NodeId; kind: string; title: string; at: number; by: string }[] = [];
    for (const record of this.cache.records.values()) {
      if (record.deleted) result.push({ id: record.id, kind: record.kind, title: this.title(record.id), at: record.deleted.at, by: record.deleted.by });
    }
    return result.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));
  }

  /** Hidden nodes with check-ins the deletion that hid them had not seen, latest first (deleted-work.ts). */
  checkInsOnDeletedWork(): CheckInsOnDeletedWork[] {
    this.tracker.sync();
    return checkInsOnDeletedWork({ records: this.cache.records, hidden: this.tracker.tree.hidden, checkIns: (id) => this.cache.checkInSeries(id), checkInItems: (id) => this.checkInItems().itemsOf(id) });
  }

  /** Nodes an undo took away that hold check-ins it had not seen, latest first (deleted-work.ts). */
  checkInsOnRemovedWork(): CheckInsOnRemovedWork[] {
    this.tracker.sync();
    const cache = this.cache;
    return checkInsOnRemovedWork({ records: cache.records, checkInNodes: cache.checkInNodes(), checkIns: (id) => cache.checkInSeries(id), removed: (id) => readRemovedContent(cache.types.purged.get(id)) });
  }

  /** Nodes purged (deleted for good) that hold check-ins the purge had not seen, latest first (deleted-work.ts). */
  checkInsOnPurgedWork(): CheckInsOnPurgedWork[] {
    this.tracker.sync();
    const cache = this.cache;
    return checkInsOnPurgedWork({ records: cache.records, checkInNodes: cache.checkInNodes(), checkIns: (id) => cache.checkInSeries(id), purge: (id) => readPurgeStamp(cache.types.purged.get(id)) });
  }

  /** Nodes an undo took away with renames or field edits it had not seen, latest first (deleted-work.ts). */
  editsOnRemovedWork(): EditsOnRemovedWork[] {
    this.tracker.sync();
    const cache = this.cache;
    return editsOnRemovedWork({
      records: cache.records, editedNodes: [...cache.renames.keys(), ...cache.fieldEdits.keys()],
      renames: (id) => cache.renames.get(id)?.values() ?? [], fieldEdits: (id) => cache.fieldEdits.get(id)?.values() ?? [],
      removed: (id) => readRemovedContent(cache.types.purged.get(id)),
    });
  }

  /** A node an undo took away as its restore brings it back: what the tombstone keeps, with the edits made on it since (deleted-work.ts); null if none is kept. */
  removedNode(id: string): RemovedContent | null {
    this.tracker.sync();
    const content = readRemovedContent(this.cache.types.purged.get(id));
    if (content === null) return null;
    return removedWithLaterEdits(content, this.cache.renames.get(id)?.values() ?? [], this.cache.fieldEdits.get(id)?.values() ?? []).restored;
  }

  /** Per deleted item, the check-ins it holds by others than its deleter (deleted-work.ts). */
  checkInsHeldByOthers(): Map<NodeId, CheckInsHeld> {
    this.tracker.sync();
    return checkInsHeldByOthers({ records: this.cache.records, hidden: this.tracker.tree.hidden, checkIns: (id) => this.cache.checkInSeries(id) });
  }

  /** Hidden nodes with renames or field edits the deletion that hid them had not seen, latest first (deleted-work.ts). */
  editsOnDeletedWork(): EditsOnDeletedWork[] {
    this.tracker.sync();
    const cache = this.cache;
    function* edits(id: string): Iterable<StoredEdit> {
      for (const record of cache.renames.get(id)?.values() ?? []) yield { field: record.field, by: record.by, at: record.at, item: itemIdOf(cache.types.renames, record.key) };
      for (const record of cache.fieldEdits.get(id)?.values() ?? []) yield { field: record.field, by: record.by, at: record.at, item: itemIdOf(cache.types.fieldEdits, record.key) };
    }
    return editsOnDeletedWork({ records: cache.records, hidden: this.tracker.tree.hidden, checkIns: (id) => cache.checkInSeries(id), edits });
  }

  /**
   * The tree and records as the doc is NOW (pending events applied, derived state untouched). Used by
   * operations to validate against the latest state.
   */
  structure(): { tree: MaterialisedTree; records: ReadonlyMap<string, NodeRecord>; purged: Tombstones } {
    this.tracker.sync();
    return { tree: this.tracker.tree, records: this.cache.records, purged: this.cache.purged };
  }

  // ── check-ins, signals, directory ──────────────────────────────────────────────────────────

  /** Check-ins of a node, oldest first (objects decoded on each call: for a node or a few, not a whole plan). */
  checkIns(nodeId: string): readonly CheckIn[] { return this.cache.checkInList(nodeId); }
  /** The ids of the nodes that hold check-ins: live, deleted, or no longer in the plan (a review counts what each side held). */
  checkInNodes(): IterableIterator<string> { return this.cache.checkInNodes(); }
  /** Check-ins of a node, oldest first, read by position without decoding them (valid until the next refresh). */
  checkInSeries(nodeId: string): CheckInSeries { return this.cache.checkInSeries(nodeId); }
  /**
   * The blocker check-ins of a node that still stand (nobody cleared them knowingly: signals.ts
   * standingBlockers), latest first. The check-in form shows them and names them in `clears` when its
   * author unticks "Still blocked".
   */
  standingBlockers(nodeId: string): CheckIn[] {
    const series = this.cache.checkInSeries(nodeId);
    return standingBlockers(series).map((i) => series.checkIn(i));
  }
  /** When a node's unit was last changed (its `unit` field edit records), or null: check-ins stored without a unit before it have none known (check-in-units.ts). */
  unitChangedAt(nodeId: string): number | null { return unitChangedAt(this.cache.fieldEdits.get(nodeId)?.values()); }
  /** Every current signal: node signals in outline order, then team signals. */
  signals(): Signal[] {
    const all: Signal[] = [];
    for (const id of this.walk()) appendAll(all, this.derivation.views.get(id)!.signals);
    return all.concat(this.teamSignals());
  }
  /** Team-level signals (slowdown per team), sorted by team id. */
  teamSignals(): Signal[] { return [...this.derivation.teamSignalMap.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, signal]) => signal); }
  /** The plan as a whole. */
  summary(): PlanSummary {
    const root = this.derivation.rootDerived!;
    const deleted = this.tracker.tree.hidden.size;
    return {
      name: this.cache.planName, schemaVersion: this.cache.schemaVersion, progress: root.progress, health: root.health, healthCause: root.cause,
      counts: root.counts, activeWork: root.work.active, alignedWork: root.work.aligned,
      alignedShare: root.work.active > 0 ? root.work.aligned / root.work.active : null,
      liveNodes: this.derivation.views.size, deletedNodes: deleted, skippedCheckIns: this.cache.skippedCheckIns, unreadableNodes: this.cache.unreadable.size,
    };
  }
  /** The plan's people, removed ones left out: whom a picker offers. */
  people(): PersonView[] { return [...this.cache.people.values()]; }
  /** The plan's teams, removed ones left out; a team under a removed one shows under the nearest live team above. */
  teams(): TeamView[] { return [...this.cache.teams.values()]; }
  /** Removed people (`removed` set): still named where an item or a history names them, and restorable. */
  removedPeople(): PersonView[] { return [...this.cache.removedPeople.values()]; }
  /** Removed teams (`removed` set). */
  removedTeams(): TeamView[] { return [...this.cache.removedTeams.values()]; }
  /**
   * Who `id` is now: the person a merge folded them into (following merges made in turn), else `id`
   * itself. A check-in keeps the id that signed it; lists of who did what read it through this.
   */
  personNow(id: string): string { return this.cache.personMerges.get(id) ?? id; }
  /** The people merged into `id` (Plan.mergePerson): their check-ins count as `id`'s. */
  peopleMergedInto(id: string): string[] {
    const merged: string[] = [];
    for (const [from, into] of this.cache.personMerges) if (into === id) merged.push(from);
    return merged;
  }
  /**
   * A person by id, without copying the directory (10,000 people in a company's plan); a removed person
   * too (`removed` set), so a name still shows where something names them.
   */
  person(id: string): PersonView | undefined { return this.cache.people.get(id) ?? this.cache.removedPeople.get(id); }
  /** A team by id, without copying the directory; a removed team too (`removed` set). */
  team(id: string): TeamView | undefined { return this.cache.teams.get(id) ?? this.cache.removedTeams.get(id); }
  periods(): PeriodView[] { return [...this.cache.periods.values()].sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1)); }
  links(): LinkView[] { return [...this.cache.links.values()]; }
  linksFrom(id: string): readonly LinkView[] { return this.cache.linksFrom.get(id) ?? []; }
  linksTo(id: string): readonly LinkView[] { return this.cache.linksTo.get(id) ?? []; }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private frame(): DerivationFrame {
    return { tree: this.tracker.tree, clock: { now: this.currentNow, settings: this.cache.settings, timeZone: this.cache.timeZone }, baseline: this.baseline };
  }

  /** Derives everything again from the cached records and the current tree; returns the changed ids. */
  private recomputeAll(): ReadonlySet<string> {
    const changed = this.derivation.recomputeAll(this.frame());
    this.tracker.clearChanges();
    return changed;
  }
}
