/**
 * The derived side of the PlanIndex: per-node contexts (inherited), derived state (roll-ups, signals,
 * health), the immutable views handed to the UI, team signals and the reverse maps an incremental
 * refresh needs (key result → initiatives, team → tasks). Computed in full or incrementally from the
 * tree and the changes the TreeTracker recorded; both paths use the same per-node functions of
 * derive.ts, so they always agree.
 */
import { ROOT_ID } from './schema.js';
import { computeContext, computeDerived, computeRootDerived, teamSlowdown, type DeriveInput, type NodeContext, type NodeDerived } from './derive.js';
import { buildView, sameView } from './view-builder.js';
import { teamWithParents } from './team-scope.js';
import { planRefresh } from './refresh-plan.js';
import type { DocCache, RecordChange } from './doc-cache.js';
import type { MaterialisedTree } from './tree.js';
import type { TreeDelta } from './tree-update.js';
import type { SignalClock } from './signals.js';
import type { Signal } from './signal-types.js';
import type { NodeView, PlanBaseline } from './views.js';
import type { NodeId } from './ids.js';
import { itemsPerStep, runToEnd, type Steps } from './steps.js';
import { appendAll } from '../collections/long-lists.js';

/** What one derivation runs against: the tree, the clock with the settings, the review point. */
export interface DerivationFrame {
  tree: MaterialisedTree;
  clock: SignalClock;
  baseline: PlanBaseline | null;
}

const NO_TASKS: ReadonlySet<string> = new Set();

export class PlanDerivation {
  /** Views of the live nodes, as of the last derivation. */
  views = new Map<string, NodeView>();
  /** Top-level ids as of the last derivation. */
  rootChildIds: readonly NodeId[] = [];
  /** The plan root's derived state (summary). */
  rootDerived: NodeDerived | null = null;
  /** Slowdown signals by team id. */
  teamSignalMap = new Map<string, Signal>();
  /** Increments whenever a derivation changed any view. */
  version = 0;
  private contexts = new Map<string, NodeContext>();
  private derived = new Map<string, NodeDerived>();
  private readonly krDependents = new Map<string, Set<string>>();
  /**
   * Each live task's counting teams (its NodeContext.teams and every team above them), and each team's
   * tasks so counted: the tasks its filter shows, sub-teams' included, each once (team-scope.ts).
   */
  private readonly taskTeams = new Map<string, readonly string[]>();
  private readonly teamTasks = new Map<string, Set<string>>();

  constructor(private readonly cache: DocCache) {}

  /** The top-level ids: the tree's ids are records' keys, checked as NodeIds when read (readNodeRecord). */
  private topLevel(tree: MaterialisedTree): NodeId[] {
    return [...(tree.children.get(ROOT_ID) ?? [])] as NodeId[];
  }

  private input(frame: DerivationFrame): DeriveInput {
    return { cache: this.cache, tree: frame.tree, contexts: this.contexts, derived: this.derived, clock: frame.clock, baseline: frame.baseline };
  }

  /** Computes contexts, derived state and views for every node; returns the changed ids. */
  recomputeAll(frame: DerivationFrame): ReadonlySet<string> {
    return runToEnd(this.recomputingAll(frame));
  }

  /**
   * recomputeAll in steps. The frame's tree must not change until it ends (the index syncs the tree
   * only in a refresh). Title and check-in marks are cleared first, so a change that arrives between
   * two steps stays marked for the next refresh. The views are swapped in at the end, in one piece.
   */
  *recomputingAll(frame: DerivationFrame): Steps<ReadonlySet<string>> {
    const tree = frame.tree;
    const input = this.input(frame);
    this.cache.clearDirtyMarks();
    this.contexts = new Map();
    this.derived = new Map();
    input.contexts = this.contexts;
    input.derived = this.derived;
    this.krDependents.clear();
    this.taskTeams.clear();
    this.teamTasks.clear();
    const order: string[] = [];
    for (let queue = [...(tree.children.get(ROOT_ID) ?? [])], i = 0; i < queue.length; i++) {
      if (i % itemsPerStep === itemsPerStep - 1) yield;
      const id = queue[i]!;
      order.push(id);
      this.setContext(id, computeContext(id, input));
      const children = tree.children.get(id);
      if (children) appendAll(queue, children);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      if (i % itemsPerStep === 0) yield;
      this.derived.set(order[i]!, computeDerived(order[i]!, input));
    }
    this.rootDerived = computeRootDerived(input);
    yield;
    const teamSignals = new Map<string, Signal>();
    // Cut by tasks, not teams: a team's signal reads every one of its tasks, and 256 of the 100,000-
    // node plan's ~30-task teams made one step of 50–170 ms.
    let tasksInStep = 0;
    for (const teamId of this.cache.teams.keys()) {
      if (tasksInStep >= itemsPerStep) {
        tasksInStep = 0;
        yield;
      }
      const tasks = this.teamTasks.get(teamId) ?? NO_TASKS;
      tasksInStep += Math.max(1, tasks.size);
      const signal = teamSlowdown(teamId, tasks, input);
      if (signal) teamSignals.set(teamId, signal);
    }
    this.teamSignalMap = teamSignals;

    const changed = new Set<string>([ROOT_ID]);
    const views = new Map<string, NodeView>();
    for (let i = 0; i < order.length; i++) {
      if (i % itemsPerStep === itemsPerStep - 1) yield;
      const id = order[i]!;
      const old = this.views.get(id);
      const view = buildView(id, this.cache, tree, this.contexts.get(id)!, this.derived.get(id)!);
      if (old && sameView(old, view)) views.set(id, old);
      else { views.set(id, view); changed.add(id); }
    }
    for (const id of this.views.keys()) if (!views.has(id)) changed.add(id);
    this.rootChildIds = this.topLevel(tree);
    this.views = views;
    this.version++;
    return changed;
  }

  /**
   * A clock tick: only `now` moved (nothing in the doc changed since the last derivation). Contexts
   * do not read the clock and stay. Derived state is recomputed bottom-up, except for a task whose
   * own signals cannot have changed by now (`stableUntil`) and whose children kept theirs: its state,
   * and so its view, stay as they are. Every other kind reads the clock in many ways (pace moves
   * continuously) and is always recomputed. Returns the changed ids.
   */
  tick(frame: DerivationFrame): ReadonlySet<string> {
    const tree = frame.tree;
    const now = frame.clock.now;
    const input = this.input(frame);
    const order: string[] = [];
    for (let queue = [...(tree.children.get(ROOT_ID) ?? [])], i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      order.push(id);
      const children = tree.children.get(id);
      if (children) appendAll(queue, children);
    }
    // The stable bounds are exact for whole milliseconds only.
    const reusable = Number.isInteger(now);
    const kept = new Set<string>();
    const recomputed: string[] = [];
    for (let i = order.length - 1; i >= 0; i--) {
      const id = order[i]!;
      const old = this.derived.get(id)!;
      if (reusable && now >= old.computedAt && now < old.stableUntil && (tree.children.get(id) ?? []).every((child) => kept.has(child))) {
        kept.add(id);
        continue;
      }
      this.derived.set(id, computeDerived(id, input));
      recomputed.push(id);
    }
    this.rootDerived = computeRootDerived(input);
    this.teamSignalMap = new Map();
    for (const teamId of this.cache.teams.keys()) this.updateTeamSignal(teamId, input);

    const changed = new Set<string>([ROOT_ID]);
    for (const id of recomputed) {
      const old = this.views.get(id)!;
      const view = buildView(id, this.cache, tree, this.contexts.get(id)!, this.derived.get(id)!);
      if (sameView(old, view)) continue;
      this.views.set(id, view);
      changed.add(id);
    }
    this.version++;
    return changed;
  }

  /** Stores a node's context and keeps the reverse maps (key result → initiatives, team → tasks) current. */
  private setContext(id: string, context: NodeContext | null): void {
    const old = this.contexts.get(id);
    for (const kr of old?.keyResults ?? []) this.krDependents.get(kr)?.delete(id);
    for (const team of this.taskTeams.get(id) ?? []) this.teamTasks.get(team)?.delete(id);
    this.taskTeams.delete(id);
    if (context === null) { this.contexts.delete(id); return; }
    this.contexts.set(id, context);
    for (const kr of context.keyResults) {
      let set = this.krDependents.get(kr);
      if (!set) { set = new Set(); this.krDependents.set(kr, set); }
      set.add(id);
    }
    const record = this.cache.records.get(id)!;
    // The teams the team filter finds the task under (NodeContext.teams), archived work left out as
    // from every rate; the teams above them count the task too (their filters take in sub-teams).
    // Walked up once per task when its context is set (O(depth)), so a team's signal reads its own
    // set: summing sub-teams' sets per signal cost O(teams²) on a 4,000-team chain (1.1 s an edit).
    if (record.kind === 'task' && context.teams.length > 0 && !context.inactive) {
      const counting = this.teamsAbove(context.teams);
      this.taskTeams.set(id, counting);
      for (const team of counting) {
        let set = this.teamTasks.get(team);
        if (!set) { set = new Set(); this.teamTasks.set(team, set); }
        set.add(id);
      }
    }
  }

  private updateTeamSignal(teamId: string, input: DeriveInput): void {
    const signal = this.cache.teams.has(teamId) ? teamSlowdown(teamId, this.teamTasks.get(teamId) ?? NO_TASKS, input) : null;
    if (signal) this.teamSignalMap.set(teamId, signal);
    else this.teamSignalMap.delete(teamId);
  }

  /** These teams and every team above them: the teams whose filter shows their work (a parent loop ends the walk). */
  private teamsAbove(teams: readonly string[]): readonly string[] {
    if (teams.length === 1) return teamWithParents(this.cache.teams, teams[0]!);
    const above = new Set<string>();
    for (const team of teams) for (const at of teamWithParents(this.cache.teams, team)) above.add(at);
    return [...above];
  }

  /**
   * The incremental path: recomputes what depends on the tree delta, the changed records and the
   * cache's dirty check-ins and titles only; returns the changed ids.
   */
  incremental(frame: DerivationFrame, delta: TreeDelta, pending: ReadonlyMap<string, RecordChange>): ReadonlySet<string> {
    const input = this.input(frame);
    const tree = frame.tree;
    const { viewIds, contextRoots, seeds, removed } = planRefresh({
      tree, delta, pending, cache: this.cache, krDependents: this.krDependents, baseline: frame.baseline !== null,
    });
    const teams = new Set<string>();
    let rootChanged = false;

    // Removed nodes leave the reverse maps.
    for (const id of removed) {
      for (const team of this.taskTeams.get(id) ?? []) teams.add(team);
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
        for (const team of this.taskTeams.get(id) ?? []) teams.add(team);
        this.setContext(id, computeContext(id, input));
        for (const team of this.taskTeams.get(id) ?? []) teams.add(team);
        seeds.add(id);
        const children = tree.children.get(id);
        if (children) appendAll(queue, children);
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
      for (const team of this.taskTeams.get(id) ?? []) teams.add(team);
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

    if (delta.childrenChanged.has(ROOT_ID)) this.rootChildIds = this.topLevel(tree);
    this.cache.clearDirtyMarks();
    if (changed.size > 0) this.version++;
    return changed;
  }
}
