/**
 * What a review compares: per live node, the fields a diff covers, read from a PlanIndex — the same
 * index the live plan uses, whether it indexes the live doc or the plan as of a review point.
 */
import type { CheckIn } from '../checkins.js';
import type { PlanIndex } from '../plan-index.js';
import { ROOT_ID, type NodeKind } from '../schema.js';
import type { Health } from '../signal-types.js';
import type { BaselineNode, PlanBaseline } from '../views.js';

/**
 * The node fields a review reports changes of (besides place and title): what leaders decided
 * (priority, owner) and every field that moves a figure they read: the goalposts of a key result or
 * KPI (start, target, range, healthy range, direction, unit), an initiative's manual progress, the
 * period pace is judged in, weights, dates, status, and archiving (which takes a node out of its
 * parent's roll-up). review36a F1: a range widened or a start moved showed as progress "from
 * check-ins and status", naming no one.
 */
export const REVIEW_FIELDS = [
  'target', 'weight', 'priority', 'owner', 'startDate', 'dueDate', 'status',
  'start', 'rangeLow', 'rangeHigh', 'healthyLow', 'healthyHigh', 'direction', 'unit', 'manualProgress', 'period', 'archived',
] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];
/** The fields a device-local review point (the first milestone's) remembered. */
export const LEGACY_REVIEW_FIELDS: readonly ReviewField[] = ['target', 'weight', 'priority', 'owner'];
/** Of the review fields, those that move a node's figures (progress, health) rather than name who or how much it matters. */
export const FIGURE_FIELDS: ReadonlySet<ReviewField> = new Set<ReviewField>([
  'target', 'weight', 'startDate', 'dueDate', 'start', 'rangeLow', 'rangeHigh', 'healthyLow', 'healthyHigh', 'direction', 'unit', 'manualProgress', 'period', 'archived',
]);
export type ReviewFieldValue = string | number | boolean | null;

/** One live node as a review sees it. */
export interface NodeState {
  kind: NodeKind;
  parent: string;
  title: string;
  fields: Record<ReviewField, ReviewFieldValue>;
  /** Progress rounded to 0.001 (finer moves are noise in a review), or null. */
  progress: number | null;
  health: Health;
  /** Blocked: a blocked status or a blocker raised in the latest check-ins. */
  blocked: boolean;
  blockedReason: string | null;
}

/** The plan at one moment: every live node and every check-in of a live node. */
export interface PlanState {
  at: number;
  nodes: Map<string, NodeState>;
  checkIns: Map<string, CheckIn>;
  /** Strategy (top-level node) of every node, for grouping. */
  strategyOf: Map<string, string>;
  /** Only kind, place, title, target, weight, priority and owner are known (a device-local review point). */
  partial: boolean;
  /** Names of the plan's periods by id (a node's period field holds an id; a review names it). */
  periodNames: Map<string, string>;
  /**
   * The dates of the plan's periods by id (first and last day, as entered): a period's own dates move the
   * pace and health of what is set to it, so the review names their edit (blocker37; figures36a).
   * Empty for a device-local review point, which did not keep them.
   */
  periodDates: Map<string, PeriodDates>;
  /**
   * The check-ins the plan held on items it did not show (deleted, inside a deleted item, or gone): made
   * before this moment all the same. An item restored later brings them back; they are not new in a review
   * since this moment (review40b F5: a restored item's old check-ins were counted as check-ins of the period).
   */
  heldCheckIns: Map<string, CheckIn>;
  /**
   * Of each node blocked by a blocker raised in a check-in, the id of the check-in that raised it (the one
   * whose note is the reason): the review names its author, also when it was made before the earlier side
   * and the item is back since (a restored blocked task read "by someone").
   */
  blockerCheckIns: Map<string, string>;
}

/** A period's first and last day (YYYY-MM-DD). */
export interface PeriodDates { start: string; end: string }

const round3 = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 1000);

function emptyFields(): Record<ReviewField, ReviewFieldValue> {
  return Object.fromEntries(REVIEW_FIELDS.map((field) => [field, null])) as Record<ReviewField, ReviewFieldValue>;
}

/** A field's value as a review compares it: archived is true or absent (false and unset read the same). */
function reviewValue(field: ReviewField, value: unknown): ReviewFieldValue {
  if (field === 'archived') return value === true ? true : null;
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/** The state of the plan an index shows (call `index.refresh(at)` first). */
export function planStateOf(index: PlanIndex, at: number): PlanState {
  const nodes = new Map<string, NodeState>();
  const checkIns = new Map<string, CheckIn>();
  const strategyOf = new Map<string, string>();
  const blockerCheckIns = new Map<string, string>();
  for (const id of index.walk()) {
    const view = index.node(id);
    if (!view) continue;
    const fields = emptyFields();
    for (const field of REVIEW_FIELDS) fields[field] = reviewValue(field, view.fields[field]);
    const blocked = view.signals.find((signal) => signal.kind === 'blocked');
    nodes.set(id, {
      kind: view.kind, parent: view.parent, title: view.title, fields,
      progress: round3(view.progress), health: view.health,
      blocked: blocked !== undefined,
      blockedReason: blocked && blocked.kind === 'blocked' ? blocked.evidence.reason : null,
    });
    if (blocked?.kind === 'blocked' && blocked.evidence.source === 'check-in' && blocked.evidence.checkInId !== null) blockerCheckIns.set(id, blocked.evidence.checkInId);
    strategyOf.set(id, view.parent === ROOT_ID ? id : strategyOf.get(view.parent) ?? id);
    for (const checkIn of index.checkIns(id)) checkIns.set(checkIn.id, checkIn);
  }
  const heldCheckIns = new Map<string, CheckIn>();
  for (const id of index.checkInNodes()) {
    if (nodes.has(id)) continue;
    for (const checkIn of index.checkIns(id)) heldCheckIns.set(checkIn.id, checkIn);
  }
  const periodNames = new Map(index.periods().map((period) => [period.id, period.name]));
  const periodDates = new Map(index.periods().map((period) => [period.id, { start: period.start, end: period.end }]));
  return { at, nodes, checkIns, strategyOf, partial: false, periodNames, periodDates, heldCheckIns, blockerCheckIns };
}

/** The state a device-local review point remembered (no dates, status, progress, health, check-ins). */
export function planStateOfLegacy(legacy: PlanBaseline): PlanState {
  const nodes = new Map<string, NodeState>();
  for (const [id, node] of Object.entries(legacy.nodes)) {
    nodes.set(id, {
      kind: node.kind, parent: node.parent, title: node.title,
      fields: { ...emptyFields(), target: node.target, weight: node.weight, priority: node.priority, owner: node.owner },
      progress: null, health: 'on_track', blocked: false, blockedReason: null,
    });
  }
  const strategyOf = new Map<string, string>();
  const strategy = (id: string, depth: number): string => {
    const known = strategyOf.get(id);
    if (known) return known;
    const parent = nodes.get(id)?.parent ?? ROOT_ID;
    const result = parent === ROOT_ID || !nodes.has(parent) || depth > 1000 ? id : strategy(parent, depth + 1);
    strategyOf.set(id, result);
    return result;
  };
  for (const id of nodes.keys()) strategy(id, 0);
  return { at: legacy.at, nodes, checkIns: new Map(), strategyOf, partial: true, periodNames: new Map(), periodDates: new Map(), heldCheckIns: new Map(), blockerCheckIns: new Map() };
}

/** What priority-shift signals compare against: the baseline review point's state of each node. */
export function baselineOfState(state: PlanState, name: string): PlanBaseline {
  const nodes: Record<string, BaselineNode> = {};
  const number = (value: ReviewFieldValue) => (typeof value === 'number' ? value : null);
  const text = (value: ReviewFieldValue) => (typeof value === 'string' ? value : null);
  for (const [id, node] of state.nodes) {
    const f = node.fields;
    nodes[id] = {
      kind: node.kind, parent: node.parent, title: node.title,
      target: number(f.target), weight: number(f.weight), priority: text(f.priority), owner: text(f.owner),
      start: number(f.start), rangeLow: number(f.rangeLow), rangeHigh: number(f.rangeHigh), healthyLow: number(f.healthyLow), healthyHigh: number(f.healthyHigh),
      direction: text(f.direction), unit: text(f.unit), manualProgress: number(f.manualProgress), period: text(f.period),
    };
  }
  // A device-local review point kept no period dates: they are not compared (priorityShiftSignal).
  return state.partial ? { at: state.at, name, nodes } : { at: state.at, name, nodes, periods: Object.fromEntries([...state.periodDates].map(([id, dates]) => [id, { ...dates }])) };
}
