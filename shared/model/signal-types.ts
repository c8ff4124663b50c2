import type { NodeId } from './ids.js';
/**
 * Execution signals (SPEC §2): each names its node (or team), its evidence and since when. Health
 * of a node is the worst severity among its own signals and its children's health.
 */

export const SIGNAL_KINDS = [
  'blocked', 'kpi_breach', 'pace', 'overdue', 'forecast', 'confidence_drop', 'stale', 'slowdown',
  'effort_without_impact', 'unaligned', 'priority_shift', 'crossed_bounds', 'misplaced', 'unmeasured', 'open_subtasks', 'range_breach',
  'reported_status',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** info signals do not change health. */
export type Severity = 'info' | 'at_risk' | 'off_track';
export type Health = 'on_track' | 'at_risk' | 'off_track';

export const HEALTH_RANK: Readonly<Record<Health, number>> = { on_track: 0, at_risk: 1, off_track: 2 };

interface SignalBase<K extends SignalKind, E> {
  kind: K;
  /** The node the signal is about; null for team signals. */
  nodeId: NodeId | null;
  /** The team a team-level signal (slowdown) is about; null otherwise. */
  teamId: string | null;
  severity: Severity;
  /** Epoch ms since when the condition holds (as far as the doc can tell). */
  since: number;
  /** One sentence naming the evidence, for lists and tooltips. */
  message: string;
  evidence: E;
}

/**
 * Pace. `ended`: the key result's or objective's period is over (review46b F1): the signal is then the period's
 * verdict, info, "The period ended at 60% done, 40 points short", not a risk to act on.
 */
export type PaceSignal = SignalBase<'pace', { progress: number; expected: number; gap: number; periodStart: number; periodEnd: number; ended?: true }>;
export type ForecastSignal = SignalBase<'forecast', { projected: number; target: number; periodEnd: number; slopePerWeek: number; points: number }>;
export type StaleSignal = SignalBase<'stale', { lastCheckInAt: number | null; cadenceDays: number; daysSince: number }>;
export type BlockedSignal = SignalBase<'blocked', { source: 'status' | 'check-in'; reason: string | null; days: number; checkInId: string | null }>;
export type OverdueSignal = SignalBase<'overdue', { dueDate: string; daysOverdue: number }>;
export type ConfidenceDropSignal = SignalBase<'confidence_drop', { from: number; to: number; checkInId: string }>;
export type KpiBreachSignal = SignalBase<'kpi_breach', { value: number; healthyLow: number | null; healthyHigh: number | null }>;
/**
 * A "stay within range" key result whose latest value is outside its range (review39b F1): off track, as a KPI's
 * breach is, whatever share of its period has elapsed. Such a key result has nothing to "get done", so it is never
 * judged by pace.
 */
export type RangeBreachSignal = SignalBase<'range_breach', { value: number; rangeLow: number; rangeHigh: number }>;
export type UnalignedSignal = SignalBase<'unaligned', { activeWorkBelow: number }>;
export type SlowdownSignal = SignalBase<'slowdown', { recentPerWeek: number; baselinePerWeek: number; recentDays: number; baselineDays: number }>;
export type EffortWithoutImpactSignal = SignalBase<'effort_without_impact', { doneTasks: number; keyResults: string[]; windowDays: number; maxProgressMove: number }>;
export type PriorityShiftSignal = SignalBase<'priority_shift', { changes: FieldChange[]; baselineAt: number }>;
/** A metric whose bounds contradict each other (rollups.ts crossedBounds): no progress or breach is measured against them. */
export type CrossedBoundsSignal = SignalBase<'crossed_bounds', { lowField: string; low: number; highField: string; high: number }>;

/**
 * A node whose parent's kind is not one its kind may sit under (SPEC §2 cascade; schema.ts ALLOWED_PARENTS), reached
 * through a merge (a kind changed while someone added below it, a move into a node someone deleted): on the node
 * (at risk, with where it belongs), and on the parent (info, naming how many of its children are left out).
 * `nodeIds`: the misplaced node itself, or the parent's misplaced children. `leftOut`: they are counted in no
 * progress roll-up (a strategy, objective or key result whose parent does not roll it up).
 */
export type MisplacedSignal = SignalBase<'misplaced', { parentKind: string; belongsUnder: string[]; nodeIds: string[]; leftOut: boolean }>;

/**
 * A figure not known (review36a F2). On a key result or KPI whose latest value is in another unit than its
 * current one (check-in-units.ts: k€ renamed to M€): at risk, or off track when its values in the old unit
 * were last judged off track against the same bounds, naming the change (`fromUnit` → `toUnit`, when, who;
 * `nodeIds` the node itself). Its health stays visible up the path: before, the key result dropped out of its
 * objective's mean in silence and the objective, strategy and plan turned on track. On an objective or
 * strategy (info): the key results its progress leaves out (`nodeIds`), because their progress is not known
 * (a value awaited in a new unit, bounds crossed), below it at any depth, as the misplaced parent signal names
 * its children. `lastJudged`: the health its old-unit values had against the same bounds, null when not
 * known (no values, the unit's change not recorded, or a bound rewritten with the unit: k€ 2000 → M€ 2).
 */
export type UnmeasuredSignal = SignalBase<'unmeasured', { nodeIds: string[]; fromUnit: string | null; toUnit: string | null; changedAt: number | null; changedBy: string | null; lastJudged: Health | null }>;

/**
 * A task marked done with open subtasks below it (review36a F7): its figure counts them (a task's progress is
 * the share done of itself and its subtasks, as its initiative counts them), and this says why it is not
 * 100 %. At risk: someone has to finish them, drop them, or reopen the task.
 */
export type OpenSubtasksSignal = SignalBase<'open_subtasks', { open: number; subtasks: number }>;

/**
 * The status a person gave in the item's latest check-in that gave one, when it is at risk or off track
 * (review43c F1): their own word on it, which no figure of the metric can overrule. `checkInId`: that check-in;
 * `by`: its author; `status`: what it said.
 */
/** A check-in's status against another person's the same day (review45c F2): whose, what, why. */
export interface StatusDisagreement { status: 'on_track' | 'at_risk' | 'off_track'; checkInId: string; by: string; note: string }

/** `status`: the latest check-in's (on track only with a disagreement the same day, which then reads at risk). */
export type ReportedStatusSignal = SignalBase<'reported_status', { status: 'on_track' | 'at_risk' | 'off_track'; checkInId: string; by: string; disagreement: StatusDisagreement | null }>;

/** One difference from the baseline (review point). */
export interface FieldChange {
  field: 'added' | 'parent' | 'target' | 'weight' | 'priority' | 'owner'
    | 'start' | 'rangeLow' | 'rangeHigh' | 'healthyLow' | 'healthyHigh' | 'direction' | 'unit' | 'manualProgress' | 'period'
    /** The dates of the node's own period (unchanged) were edited: "first – last day" before and after. */
    | 'periodDates';
  before: string | number | null;
  after: string | number | null;
}

export type Signal =
  | PaceSignal | ForecastSignal | StaleSignal | BlockedSignal | OverdueSignal | ConfidenceDropSignal
  | KpiBreachSignal | RangeBreachSignal | UnalignedSignal | SlowdownSignal | EffortWithoutImpactSignal | PriorityShiftSignal | CrossedBoundsSignal | MisplacedSignal | UnmeasuredSignal | OpenSubtasksSignal
  | ReportedStatusSignal;

/** Why a node has its health: the signal and the path from the node down to the signal's node. */
export interface HealthCause {
  signal: Signal;
  /** Node ids from the node itself down to the node carrying the signal (both included). */
  path: readonly string[];
}

/** Health implied by one signal's severity. */
export function healthOf(severity: Severity): Health {
  return severity === 'info' ? 'on_track' : severity;
}
