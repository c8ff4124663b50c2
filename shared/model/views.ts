/** Read-only views the PlanIndex hands to the UI. A view object is replaced, never mutated, when it changes. */
import type { NodeId, ParentId, PersonId, TeamId } from './ids.js';
import type { NodeKind } from './schema.js';
import type { NodeFields } from './fields.js';
import type { Stamp } from './doc.js';
import type { TextConflict } from './renames.js';
import type { FieldConflict } from './field-edits.js';
import type { LostMove } from './moves.js';
import type { KindConflict } from './kind-changes.js';
import type { EditLostToKind } from './edits-lost-to-kind.js';
import type { Health, HealthCause, Signal } from './signal-types.js';

/** Work counted in a node's subtree (tasks not dropped and not archived). */
export interface WorkCounts {
  tasks: number;
  done: number;
  blocked: number;
  overdue: number;
}

/** Everything the UI shows about one live node. */
export interface NodeView {
  /** Checked as a NodeId when its record was read from the doc. */
  id: NodeId;
  kind: NodeKind;
  title: string;
  /** Effective parent (ROOT_ID for top-level nodes). */
  parent: ParentId;
  depth: number;
  /** Ordered ids of the live children. */
  childIds: readonly NodeId[];
  fields: Readonly<NodeFields>;
  created: Stamp | null;
  updated: Stamp | null;
  /** Archived itself, or below archived goals (goals) / archived work (work): shown, but out of roll-ups and signals. */
  inactive: boolean;
  /**
   * The period the node is in: its own (a known period), else its nearest ancestor's. An initiative or
   * task has no period field, and one under a Q1 key result is Q1 work: the period filter reads this.
   */
  periodId: string | null;
  /**
   * The teams the node's work belongs to: its own team, else the teams of the work above it and (tasks)
   * the assignee's team. The team filter reads this (an initiative's tasks are the initiative's team's).
   */
  teamIds: readonly string[];
  /** 0–1, or null when the node has nothing to measure. */
  progress: number | null;
  /** Latest metric value from check-ins (key results and KPIs), else null. */
  value: number | null;
  /** When it was last checked in: for an initiative or task, on it or on a task below it (review45c F1). */
  lastCheckInAt: number | null;
  checkInCount: number;
  counts: WorkCounts;
  /** Has a path to a live key result, KPI or objective (through the tree or contributes-to links). */
  aligned: boolean;
  /** The node's own signals. */
  signals: readonly Signal[];
  /** Worst of own signals and children's health. */
  health: Health;
  healthCause: HealthCause | null;
  /** Parent chain ended at an unknown node: shown at the root. */
  orphaned: boolean;
  /** Stored parent was deleted concurrently: shown under the nearest live ancestor. */
  reattached: boolean;
  /** Lost a concurrent-move cycle: shown under its previous parent (or the root). */
  displaced: boolean;
  /**
   * When displaced: the move that was undone (who made it, and the parent it named), so each person
   * is told whose move went back; null when not displaced or when no move made the loop (a peer
   * wrote the parents without a move record): then nobody's move was undone, a loop was broken.
   */
  undoneMove: { by: string; parent: string } | null;
  /** Concurrent renames of the title or description that lost to the one shown: pick one to resolve. */
  conflicts: readonly TextConflict[];
  /** Values of scalar fields written concurrently with the one shown (field-edits.ts): pick one to resolve. */
  fieldConflicts: readonly FieldConflict[];
  /** Moves of this node made concurrently with the one it shows, that lost (moves.ts): pick one to put it there. */
  lostMoves: readonly LostMove[];
  /** Kinds given to this node concurrently with the one it shows (kind-changes.ts): pick one (or keep the shown kind) to resolve. */
  kindConflicts: readonly KindConflict[];
  /**
   * Field edits made at the same time as the change that gave it the kind it shows, of fields that kind does
   * not have (edits-lost-to-kind.ts): hidden, not gone; put one back (its kind again) or keep the kind to resolve.
   */
  editsLostToKind: readonly EditLostToKind[];
}

/** A person of the plan. */
export interface PersonView {
  id: PersonId;
  name: string;
  email: string | null;
  team: TeamId | null;
  role: string | null;
  /** Set when the person was removed (a tombstone: the entry stays, so names still show and edits made meanwhile land). */
  removed?: RemovedStamp;
  /** A removed person merged into another (Plan.mergePerson): the person their check-ins and work read as now. */
  mergedInto?: PersonId;
}

/** Who removed a person or team, and when (`removedAt`, `removedBy` in the entry). */
export interface RemovedStamp {
  at: number;
  by: string;
}

/** A team; teams form a hierarchy through `parent`. */
export interface TeamView {
  id: TeamId;
  name: string;
  /**
   * The team it sits under: its stored parent, or, when that team was removed, the nearest live team
   * above it (through the removed teams' own parents), or none (top level).
   */
  parent: TeamId | null;
  /** Set when the team was removed (a tombstone); `parent` is then its stored parent. */
  removed?: RemovedStamp;
  /** A removed team merged into another (Plan.mergeTeam): the team its work, members and sub-teams read as now. */
  mergedInto?: TeamId;
}

/** A named date range (e.g. 2027-Q1). */
export interface PeriodView {
  id: string;
  name: string;
  start: string;
  end: string;
  startMs: number;
  /** End of the end day (exclusive), epoch ms. */
  endMs: number;
  /**
   * True when its end day is before its start day: two people moved its start and its end past each other
   * (each edit valid alone). Listed all the same, flagged; no pace is judged in it (derive.ts).
   */
  crossed: boolean;
}

/** A link the tree cannot express. */
export interface LinkView {
  key: string;
  from: NodeId;
  type: 'contributes_to' | 'depends_on';
  to: NodeId;
  at: number;
  by: string;
}

/**
 * What a review point remembers of each node, to report priority shifts against. The goalposts
 * (start, ranges, direction, unit, manual progress, period) are absent from a device-local review
 * point of the first milestone, which did not remember them: absent is "not known", never compared.
 */
export interface BaselineNode {
  kind: NodeKind;
  parent: string;
  title: string;
  target: number | null;
  weight: number | null;
  priority: string | null;
  owner: string | null;
  start?: number | null;
  rangeLow?: number | null;
  rangeHigh?: number | null;
  healthyLow?: number | null;
  healthyHigh?: number | null;
  direction?: string | null;
  unit?: string | null;
  manualProgress?: number | null;
  period?: string | null;
}

/** A snapshot of the plan at a review point. Plain JSON: store it wherever review points live. */
export interface PlanBaseline {
  at: number;
  name: string;
  nodes: Record<string, BaselineNode>;
  /** The periods' dates then, by id (absent from a baseline made before they were kept: not compared). */
  periods?: Record<string, { start: string; end: string }>;
}
