/**
 * The diff between two states of a plan (two review points, or one and now): what a leadership
 * review walks through. Pure and deterministic: the same two states give the same list, in the same
 * order, on every device. Applying the changes to the earlier state gives the later one, for every
 * field the diff covers (apply-changes.ts; a property test holds it to that).
 */
import type { CheckIn } from '../checkins.js';
import type { Health } from '../signal-types.js';
import type { NodeKind } from '../schema.js';
import type { ChangeAuthors } from './authors.js';
import { FIGURE_FIELDS, LEGACY_REVIEW_FIELDS, REVIEW_FIELDS, type NodeState, type PeriodDates, type PlanState, type ReviewField, type ReviewFieldValue } from './plan-state.js';
import { percentFigure } from '../percent.js';
import { appendAll } from '../../collections/long-lists.js';

const shownShare = (share: number | null) => (share === null ? null : percentFigure(share));

interface ChangeBase {
  /** Stable id of the change within its diff (discussion marks are keyed by it). */
  key: string;
  nodeId: string;
  /** The node's title (the later one; the earlier one for a removed node). */
  title: string;
  strategyId: string;
  /** Who made it (actor id or device name), or null when it is derived or unknown. */
  by: string | null;
}

export type ReviewChange =
  /** `restored`: the node was in the plan before, deleted (or inside a deleted item) at the earlier point; `by` names who restored it. */
  | (ChangeBase & { kind: 'added'; node: NodeState; restored?: true })
  | (ChangeBase & { kind: 'removed'; node: NodeState })
  /**
   * `because`: the node's own place was not written since; its parent changed as a restore or a delete
   * of the item named (its stored parent, or one above it) left it, and `by` names who did that.
   */
  | (ChangeBase & { kind: 'moved'; from: string; to: string; because?: { kind: 'restore' | 'delete'; nodeId: string; title: string | null } })
  | (ChangeBase & { kind: 'retitled'; before: string; after: string })
  | (ChangeBase & { kind: 'field'; field: ReviewField; before: ReviewFieldValue; after: ReviewFieldValue; names?: { before: string | null; after: string | null } })
  | (ChangeBase & { kind: 'range'; range: RangeKind; before: RangeBounds; after: RangeBounds; unit: string | null })
  | (ChangeBase & { kind: 'progress'; before: number | null; after: number | null; cause?: FigureCause })
  | (ChangeBase & { kind: 'health'; before: Health; after: Health; cause?: FigureCause })
  | (ChangeBase & { kind: 'blocker'; state: 'new' | 'resolved'; reason: string | null })
  /**
   * The check-ins made on the node since the earlier plan, oldest first; `authors`: everyone who made one, in
   * the order of their first (review40b F4: the row named only the latest author). `by` is the latest's.
   * `madeBefore`: how many of them were made before the earlier side's moment yet are new to it (made on a
   * device that had not synced, merged later: compared from what both had seen, fix41a); absent when none.
   */
  | (ChangeBase & { kind: 'check-ins'; checkIns: CheckIn[]; authors: string[]; madeBefore?: number })
  /**
   * The dates of the period a node is set to were edited (the node kept its period): one row on each node
   * set to it, naming who moved the dates (blocker37; figures36a: a health row it moved read "with time,
   * nothing edited or checked in").
   */
  | (ChangeBase & { kind: 'period-dates'; periodId: string; name: string; before: PeriodDates; after: PeriodDates });

export type ReviewChangeKind = ReviewChange['kind'];

/** A key result's range (rangeLow–rangeHigh) or a KPI's healthy range (healthyLow–healthyHigh): one change when either bound moves. */
export type RangeKind = 'range' | 'healthyRange';
export interface RangeBounds { low: number | null; high: number | null }
/** The two fields of each range. */
export const RANGE_FIELDS: Readonly<Record<RangeKind, readonly [ReviewField, ReviewField]>> = { range: ['rangeLow', 'rangeHigh'], healthyRange: ['healthyLow', 'healthyHigh'] };
const RANGE_BOUND_FIELDS: ReadonlySet<ReviewField> = new Set(Object.values(RANGE_FIELDS).flat());

/**
 * Why a progress or health row moved (review36a F1: every such row read "from check-ins and status",
 * also when someone had moved the goalposts, or when only time had passed). Set on every progress and
 * health change by diffPlanStates.
 * - `checkIns`: the node, or a node below it, has a check-in, a status change or a blocker in the diff;
 * - `edits`: the changes in the diff that move figures, on the node, below it (fields such as start,
 *   range, manual progress, weight, dates; items added, removed or moved) or above it (a period or an
 *   archive it inherits), in diff order;
 * - neither: it moved with time (stale, pace, overdue) — nothing was edited or checked in.
 */
export interface FigureCause {
  checkIns: boolean;
  edits: ReviewChange[];
}

/** The changes under one strategy, in outline order. */
export interface ReviewGroup {
  strategyId: string;
  title: string;
  changes: ReviewChange[];
}

export interface ReviewDiff {
  from: number;
  to: number;
  changes: ReviewChange[];
  groups: ReviewGroup[];
  /** The earlier side was a device-local review point: dates, status, progress, health, blockers and check-ins are not compared. */
  partial: boolean;
  /**
   * The earlier side held changes the later side had not received (two review points taken on devices that
   * had not synced): they were left out of the comparison, not listed as undone (review40b F8; review.ts).
   */
  unseenByLater: boolean;
}

/** Compares two plan states; `authors` names who made each change (see docAuthors). */
export function diffPlanStates(earlier: PlanState, later: PlanState, authors: ChangeAuthors): ReviewDiff {
  const partial = earlier.partial || later.partial;
  const changes: ReviewChange[] = [];
  const newCheckIns = new Map<string, CheckIn[]>();
  if (!partial) {
    for (const checkIn of later.checkIns.values()) {
      // Held by the earlier plan on an item it did not show (deleted then, restored since): made before it.
      if (earlier.checkIns.has(checkIn.id) || earlier.heldCheckIns.has(checkIn.id)) continue;
      const list = newCheckIns.get(checkIn.nodeId);
      if (list) list.push(checkIn);
      else newCheckIns.set(checkIn.nodeId, [checkIn]);
    }
  }
  for (const [id, after] of later.nodes) {
    const strategyId = later.strategyOf.get(id) ?? id;
    const base = (key: string, by: string | null) => ({ key: `${key}:${id}`, nodeId: id, title: after.title, strategyId, by });
    const before = earlier.nodes.get(id);
    const checkIns = newCheckIns.get(id);
    if (!before) {
      const restoration = authors.restoration(id);
      changes.push(restoration ? { ...base('added', restoration.by), kind: 'added', node: after, restored: true } : { ...base('added', authors.creation(id)), kind: 'added', node: after });
      // New (or restored) blocked work is a new blocker (review39b F4: only existing items had this row).
      if (!partial && after.blocked) changes.push({ ...base('blocker', blockerAuthor(id, after, later, checkIns, authors) ?? authors.creation(id)), kind: 'blocker', state: 'new', reason: after.blockedReason });
      if (checkIns) changes.push(checkInChange(base, checkIns, earlier.at));
      continue;
    }
    if (before.parent !== after.parent) {
      const cause = authors.placeCause(id, after.parent);
      changes.push(cause
        ? { ...base('moved', cause.by), kind: 'moved', from: before.parent, to: after.parent, because: { kind: cause.kind, nodeId: cause.nodeId, title: later.nodes.get(cause.nodeId)?.title ?? earlier.nodes.get(cause.nodeId)?.title ?? null } }
        : { ...base('moved', authors.field(id, 'place')), kind: 'moved', from: before.parent, to: after.parent });
    }
    if (before.title !== after.title) changes.push({ ...base('retitled', authors.title(id)), kind: 'retitled', before: before.title, after: after.title });
    for (const field of REVIEW_FIELDS) {
      // A device-local review point remembered only target, weight, priority and owner.
      if (partial && !LEGACY_REVIEW_FIELDS.includes(field)) continue;
      if (RANGE_BOUND_FIELDS.has(field)) continue;
      if (before.fields[field] !== after.fields[field]) {
        const names = field === 'period' ? { names: { before: periodName(earlier, later, before.fields[field]), after: periodName(earlier, later, after.fields[field]) } } : {};
        changes.push({ ...base(`field-${field}`, authors.field(id, field)), kind: 'field', field, before: before.fields[field], after: after.fields[field], ...names });
      }
    }
    if (!partial) for (const range of ['range', 'healthyRange'] as const) appendAll(changes, rangeChange(range, before, after, base, (field) => authors.field(id, field)));
    if (partial) continue;
    const periodDates = periodDatesChange(before, after, earlier, later, base, authors);
    if (periodDates) changes.push(periodDates);
    if (before.blocked !== after.blocked) {
      changes.push({ ...base('blocker', blockerAuthor(id, after, later, checkIns, authors)), kind: 'blocker', state: after.blocked ? 'new' : 'resolved', reason: after.blocked ? after.blockedReason : before.blockedReason });
    } else if (before.blocked && before.blockedReason !== after.blockedReason) {
      // Still blocked, for a different reason: the old blocker is resolved and a new one raised.
      changes.push({ ...base('blocker', blockerAuthor(id, after, later, checkIns, authors)), kind: 'blocker', state: 'new', reason: after.blockedReason });
    }
    // As shown (percentText): a move within one printed figure read "progress 99% → 99%" (review36a F3).
    if (shownShare(before.progress) !== shownShare(after.progress)) changes.push({ ...base('progress', null), kind: 'progress', before: before.progress, after: after.progress });
    if (before.health !== after.health) changes.push({ ...base('health', null), kind: 'health', before: before.health, after: after.health });
    if (checkIns) changes.push(checkInChange(base, checkIns, earlier.at));
  }
  for (const [id, before] of earlier.nodes) {
    if (later.nodes.has(id)) continue;
    changes.push({ key: `removed:${id}`, nodeId: id, title: before.title, strategyId: earlier.strategyOf.get(id) ?? id, by: authors.removal(id), kind: 'removed', node: before });
  }
  attachCauses(changes, earlier, later);
  return { from: earlier.at, to: later.at, changes, groups: groupByStrategy(changes, earlier, later), partial, unseenByLater: false };
}

const numberOrNull = (value: ReviewFieldValue): number | null => (typeof value === 'number' ? value : null);

/** A range's change as one row (both bounds before and after), named by whoever wrote a bound that moved. */
function rangeChange(range: RangeKind, before: NodeState, after: NodeState, base: (key: string, by: string | null) => ChangeBase, authorOf: (field: string) => string | null): ReviewChange[] {
  const [lowField, highField] = RANGE_FIELDS[range];
  const was = { low: numberOrNull(before.fields[lowField]), high: numberOrNull(before.fields[highField]) };
  const now = { low: numberOrNull(after.fields[lowField]), high: numberOrNull(after.fields[highField]) };
  if (was.low === now.low && was.high === now.high) return [];
  const by = (was.high !== now.high ? authorOf(highField) : null) ?? (was.low !== now.low ? authorOf(lowField) : null);
  const unit = typeof after.fields.unit === 'string' ? after.fields.unit : typeof before.fields.unit === 'string' ? before.fields.unit : null;
  return [{ ...base(`field-${range}`, by), kind: 'range', range, before: was, after: now, unit }];
}

/** The edit of the dates of the period a node is set to in both plans, as a row on the node; null when they did not move. */
function periodDatesChange(before: NodeState, after: NodeState, earlier: PlanState, later: PlanState, base: (key: string, by: string | null) => ChangeBase, authors: ChangeAuthors): ReviewChange | null {
  const periodId = after.fields.period;
  if (typeof periodId !== 'string' || before.fields.period !== periodId) return null;
  const was = earlier.periodDates.get(periodId);
  const now = later.periodDates.get(periodId);
  if (!was || !now || (was.start === now.start && was.end === now.end)) return null;
  // The end's writer when the end moved (what pace is judged against), else the start's.
  const by = (was.end !== now.end ? authors.period(periodId, 'end') : null) ?? (was.start !== now.start ? authors.period(periodId, 'start') : null);
  return { ...base('period-dates', by), kind: 'period-dates', periodId, name: periodName(earlier, later, periodId) ?? periodId, before: { ...was }, after: { ...now } };
}

/** A period's name (the later plan's, else the earlier's), or null for none. */
function periodName(earlier: PlanState, later: PlanState, id: ReviewFieldValue): string | null {
  if (typeof id !== 'string') return null;
  return later.periodNames.get(id) ?? earlier.periodNames.get(id) ?? id;
}

/** Changes that put a figure's move down to people reporting: a check-in, a status, a blocker. */
const isReport = (change: ReviewChange) => change.kind === 'check-ins' || change.kind === 'blocker' || (change.kind === 'field' && change.field === 'status');
/** Changes that move figures by editing the plan (the goalposts, weights, dates, what is counted). */
const isFigureEdit = (change: ReviewChange) => change.kind === 'range' || change.kind === 'added' || change.kind === 'removed' || change.kind === 'moved'
  || change.kind === 'period-dates' || (change.kind === 'field' && FIGURE_FIELDS.has(change.field));
/** Edits that move health but never progress (dates and periods are judged against; a KPI's healthy range). */
const movesHealthOnly = (change: ReviewChange) => (change.kind === 'field' && (change.field === 'period' || change.field === 'startDate' || change.field === 'dueDate'))
  || (change.kind === 'range' && change.range === 'healthyRange') || change.kind === 'period-dates';
/** Fields a node inherits from above: the period pace is judged in, and being archived. */
const isInherited = (change: ReviewChange) => (change.kind === 'field' && (change.field === 'period' || change.field === 'archived')) || change.kind === 'period-dates';

/** Whether a parent's progress is computed from a child's (derive.ts computeDerived): health rolls up from every child. */
function rollsUpProgress(parent: NodeKind, child: NodeKind): boolean {
  if (parent === 'strategy') return child === 'objective';
  if (parent === 'objective') return child === 'objective' || child === 'key_result';
  if (parent === 'initiative' || parent === 'task') return child === 'task';
  return false;
}

/** What explains the figures of one node, gathered from the changes on it and below it. */
interface Explained { reported: boolean; edits: ReviewChange[] }

/**
 * Sets `cause` on every progress and health change. A report or figure edit counts for its node and every
 * node above it, in either plan (a node moved or removed explains a figure where it was, too): for health
 * all the way up, for progress only as far as each parent computes its progress from the child. A period or
 * archive set on a node counts for the health of the nodes below it as well.
 */
function attachCauses(changes: ReviewChange[], earlier: PlanState, later: PlanState): void {
  const progress = new Map<string, Explained>();
  const health = new Map<string, Explained>();
  const note = (map: Map<string, Explained>, id: string, change: ReviewChange, report: boolean) => {
    let entry = map.get(id);
    if (!entry) map.set(id, entry = { reported: false, edits: [] });
    if (report) entry.reported = true;
    else if (!entry.edits.includes(change)) entry.edits.push(change);
  };
  /** The node and its ancestors in `state`, each with whether progress still rolls up to it from `id`. */
  const chain = (id: string, state: PlanState): { id: string; progress: boolean }[] => {
    const ids: { id: string; progress: boolean }[] = [];
    const seen = new Set<string>();
    let rolls = true;
    for (let at: string | undefined = id; at !== undefined && !seen.has(at);) {
      const node = state.nodes.get(at);
      if (!node) break;
      seen.add(at);
      ids.push({ id: at, progress: rolls });
      const parent = state.nodes.get(node.parent);
      if (parent) rolls = rolls && rollsUpProgress(parent.kind, node.kind);
      at = node.parent;
    }
    return ids;
  };
  const inherited = new Map<string, ReviewChange[]>();
  for (const change of changes) {
    const report = isReport(change);
    const edit = isFigureEdit(change);
    if (!report && !edit) continue;
    // A move changes what its old and new parents count, and the moved node's health (the period it
    // inherits), not its own progress.
    const starts = change.kind === 'moved' ? [change.nodeId, change.from, change.to] : [change.nodeId];
    for (const start of starts) {
      for (const state of [later, earlier]) {
        // From a parent a node moved out of or into, progress rolls up only if that parent counts the node's kind.
        const moved = change.kind === 'moved' ? state.nodes.get(change.nodeId) : undefined;
        const parent = state.nodes.get(start);
        const rollsFromStart = !moved || (start !== change.nodeId && parent !== undefined && rollsUpProgress(parent.kind, moved.kind));
        for (const step of chain(start, state)) {
          note(health, step.id, change, report);
          if (rollsFromStart && step.progress && !movesHealthOnly(change)) note(progress, step.id, change, report);
        }
      }
    }
    if (isInherited(change)) {
      const list = inherited.get(change.nodeId);
      if (list) list.push(change);
      else inherited.set(change.nodeId, [change]);
    }
  }
  for (const change of changes) {
    if (change.kind !== 'progress' && change.kind !== 'health') continue;
    const explained = (change.kind === 'progress' ? progress : health).get(change.nodeId);
    const found = [...(explained?.edits ?? [])];
    if (change.kind === 'health' && inherited.size > 0) {
      for (const step of chain(change.nodeId, later).slice(1)) for (const edit of inherited.get(step.id) ?? []) if (!found.includes(edit)) found.push(edit);
    }
    // The node's own edits first, then those below and above it, in diff order.
    const own = found.filter((edit) => edit.nodeId === change.nodeId);
    change.cause = { checkIns: explained?.reported ?? false, edits: [...own, ...found.filter((edit) => edit.nodeId !== change.nodeId)] };
  }
}

function checkInChange(base: (key: string, by: string | null) => ChangeBase, checkIns: CheckIn[], since: number): ReviewChange {
  const sorted = [...checkIns].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const authors = [...new Set(sorted.map((checkIn) => checkIn.by))];
  // A check-in dated before the period yet listed in it arrived late: said, or the row reads as a wrong date.
  const madeBefore = sorted.filter((checkIn) => checkIn.at < since).length;
  return { ...base('check-ins', sorted[sorted.length - 1]?.by ?? null), kind: 'check-ins', checkIns: sorted, authors, ...(madeBefore > 0 ? { madeBefore } : {}) };
}

/**
 * Who raised, or resolved, a node's blocker. A blocked status names its writer. A blocker raised in a
 * check-in names the author of the check-in that raised it, whenever it was made: a restored blocked task's
 * blocker was raised before the earlier plan (review40b F5's fix must not make it "by someone"). A resolved
 * blocker names the latest check-in since, else the status's writer.
 */
function blockerAuthor(id: string, after: NodeState, later: PlanState, checkIns: CheckIn[] | undefined, authors: ChangeAuthors): string | null {
  const latestCheckIn = checkIns?.reduce<CheckIn | null>((latest, checkIn) => (!latest || checkIn.at >= latest.at ? checkIn : latest), null);
  const statusBy = authors.field(id, 'status');
  const raisedIn = later.blockerCheckIns.get(id);
  const raiser = raisedIn === undefined ? null : later.checkIns.get(raisedIn)?.by ?? null;
  if (after.fields.status === 'blocked') return statusBy ?? raiser ?? latestCheckIn?.by ?? null;
  if (after.blocked && raiser !== null) return raiser;
  return latestCheckIn?.by ?? statusBy;
}

function groupByStrategy(changes: ReviewChange[], earlier: PlanState, later: PlanState): ReviewGroup[] {
  const groups = new Map<string, ReviewGroup>();
  for (const change of changes) {
    let group = groups.get(change.strategyId);
    if (!group) {
      const title = later.nodes.get(change.strategyId)?.title ?? earlier.nodes.get(change.strategyId)?.title ?? '';
      group = { strategyId: change.strategyId, title, changes: [] };
      groups.set(change.strategyId, group);
    }
    group.changes.push(change);
  }
  // Strategies in the later plan's order, then strategies that no longer exist.
  const order = [...later.nodes.keys(), ...earlier.nodes.keys()];
  const rank = new Map<string, number>();
  order.forEach((id, index) => { if (!rank.has(id)) rank.set(id, index); });
  return [...groups.values()].sort((a, b) => (rank.get(a.strategyId) ?? 0) - (rank.get(b.strategyId) ?? 0));
}
