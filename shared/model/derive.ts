/**
 * Per-node derivation, shared by the full and the incremental path of the PlanIndex (so both compute
 * exactly the same thing): a top-down context (inherited period, team, alignment, archived) and a
 * bottom-up derived state (value, progress, work counts, signals, health).
 */
import { ROOT_ID, parentAllowed, type NodeKind } from './schema.js';
import { DEFAULT_TIME_ZONE, dayIn, endOfDayIn, startOfDayIn } from './zone.js';
import { crossedBounds, isAchievedKeyResult, keyResultProgress, latestValue, valueAt, weightedMean } from './rollups.js';
import {
  blockedByCheckInChangesAt, blockedByCheckInSignal, blockedByStatusChangesAt, blockedByStatusSignal, confidenceDropSignal, crossedBoundsSignal, crossedPeriodSignal, effortWithoutImpactSignal,
  forecastSignal, kpiBreachSignal, misplacedBelowSignal, misplacedSignal, overdueChangesAt, owesCheckIn, overdueSignal, paceSignal, periodEndedSignal, priorityShiftSignal, rangeBreachSignal, reportedStatusSignal, settledAtPeriodEnd, slowdownSignal, staleSignal,
  type LinkedKeyResult, type SignalClock, type TimeWindow,
} from './signals.js';
import { HEALTH_RANK, healthOf, type Health, type HealthCause, type OpenSubtasksSignal, type Signal, type UnmeasuredSignal } from './signal-types.js';
import { DAY_MS } from './dates.js';
import { periodPaceable } from './period-bounds.js';
import type { CheckInSeries } from './check-in-columns.js';
import { datedInFuture, FUTURE_SLACK_MS } from './checkins.js';
import { measuredIn, unitChangedAt, unitOfCheckIn, valuesInUnit } from './check-in-units.js';
import { isolatedText } from '../text/bidi-isolation.js';
import { UNIT_CHANGE_BOUNDS, type FieldEditRecord, type UnitChangeBefore } from './field-edits.js';
import type { NodeFields } from './fields.js';
import type { DocCache } from './doc-cache.js';
import type { NodeId } from './ids.js';
import type { NodeRecord } from './doc.js';
import type { MaterialisedTree } from './tree.js';
import type { BaselineNode, PlanBaseline, WorkCounts } from './views.js';
import { appendAll } from '../collections/long-lists.js';

/** What a node inherits from its ancestors (computed top-down). */
export interface NodeContext {
  /**
   * Archived itself, or under an archived goal (goals) or archived work (work), or under withdrawn work
   * (an initiative cancelled, a task dropped: `isWithdrawnWork`): nobody is meant to do what is below it.
   */
  inactive: boolean;
  /** Own or inherited period id (only ids of known periods). */
  periodId: string | null;
  /**
   * The teams whose work the node is, as the team filter reads it: its own team when it has one, else
   * the teams it inherits and (tasks) its assignee's team. A task under Sales' initiative is Sales'
   * work even when an engineer is assigned to it, and the engineer's team sees it as theirs too.
   * The team's slowdown counts the same tasks (teams20: a single `team` field here, read by the
   * pulse alone, left out sub-teams and inherited work).
   */
  teams: readonly string[];
  /** Nearest ancestor key result. */
  nearestKeyResult: string | null;
  /** Has a path to a live, active key result, KPI or objective. */
  aligned: boolean;
  /** Its parent's kind (or the plan root) is not one its kind may sit under (schema.ts ALLOWED_PARENTS): misplaced by a merge. */
  misplaced: boolean;
  /** Open initiative or task that is not archived. */
  activeWork: boolean;
  /** Active work that is unaligned while its parent is not: it carries the unaligned signal. */
  unalignedTop: boolean;
  /** Initiatives: key results it serves (nearest ancestor key result and contributes-to targets). */
  keyResults: readonly string[];
}

/** What a node derives from itself and its subtree (computed bottom-up). */
export interface NodeDerived {
  value: number | null;
  /** The latest check-in on the node, or for an initiative or task on it or a task below it (review45c F1). */
  lastCheckInAt: number | null;
  checkInCount: number;
  progress: number | null;
  /** Active tasks in the subtree below the node (not the node itself), those under an inactive goal included. */
  counts: WorkCounts;
  /** Active work in the subtree including the node, and how much of it is aligned. */
  work: { active: number; aligned: number };
  signals: Signal[];
  health: Health;
  cause: HealthCause | null;
  /** The clock value this was computed at. */
  computedAt: number;
  /**
   * Tasks: the first instant after `computedAt` at which the task's own signals can change with its
   * data unchanged (a clock tick before it may keep this state if the children kept theirs).
   * Other kinds: `computedAt` (never kept on a clock tick).
   */
  stableUntil: number;
}

export const ROOT_CONTEXT: NodeContext = {
  inactive: false, periodId: null, teams: [], nearestKeyResult: null, aligned: false, misplaced: false, activeWork: false, unalignedTop: false, keyResults: [],
};

const GOAL_KINDS: ReadonlySet<NodeKind> = new Set(['key_result', 'objective', 'kpi']);
const NO_IDS: readonly string[] = [];

/** Everything derivation reads. */
export interface DeriveInput {
  cache: DocCache;
  tree: MaterialisedTree;
  contexts: Map<string, NodeContext>;
  derived: Map<string, NodeDerived>;
  clock: SignalClock;
  baseline: PlanBaseline | null;
}

/**
 * True for finished work: a task done or dropped, an initiative done or cancelled. A blocker raised
 * in a check-in before it was finished no longer holds anything back (nothing is waiting on it).
 */
function isFinishedWork(record: NodeRecord): boolean {
  const status = record.fields.status;
  if (record.kind === 'task') return status === 'done' || status === 'dropped';
  if (record.kind === 'initiative') return status === 'done' || status === 'cancelled';
  return false;
}

/**
 * True for work called off: an initiative cancelled, a task dropped. Everything below it is inactive, as
 * below archived work (review33 F2: a cancelled initiative's blocked task kept the plan off track, and a
 * dropped task's subtasks counted in its initiative's progress). A done initiative or task is not
 * withdrawn: open work left below it is still shown and counted, so someone sees it was not finished.
 */
export function isWithdrawnWork(record: NodeRecord): boolean {
  const status = record.fields.status;
  return (record.kind === 'initiative' && status === 'cancelled') || (record.kind === 'task' && status === 'dropped');
}

/** True for an open initiative (no status, or active) or an open task. */
export function isOpenWork(record: NodeRecord): boolean {
  const status = record.fields.status;
  if (record.kind === 'initiative') return status === undefined || status === 'active';
  if (record.kind === 'task') return status !== 'done' && status !== 'dropped';
  return false;
}

/** True if a contributes-to target counts for alignment: live, not archived itself, a goal kind. */
/** A person's name as a signal's message names them (isolated: a right-to-left name keeps its place), else their id. */
function personName(by: string, input: DeriveInput): string {
  return isolatedText((input.cache.people.get(by) ?? input.cache.removedPeople.get(by))?.name ?? by);
}

function activeGoal(id: string, input: DeriveInput): boolean {
  const record = input.cache.records.get(id);
  return record !== undefined && GOAL_KINDS.has(record.kind) && record.fields.archived !== true && input.tree.parent.has(id);
}

function knownTeam(team: string | null, cache: DeriveInput['cache']): string | null {
  return team !== null && cache.teams.has(team) ? team : null;
}

/** A node's teams (NodeContext.teams): its own alone, else the assignee's and the inherited ones. */
function workTeams(own: string | undefined, assigneeTeam: string | null, inherited: readonly string[]): readonly string[] {
  if (own !== undefined) return [own];
  if (assigneeTeam === null || inherited.includes(assigneeTeam)) return inherited;
  return [assigneeTeam, ...inherited];
}

/** Computes the context of a live node from its parent's context. */
export function computeContext(id: string, input: DeriveInput): NodeContext {
  const { cache, tree, contexts } = input;
  const record = cache.records.get(id)!;
  const parentId = tree.parent.get(id) ?? ROOT_ID;
  const parentContext = parentId === ROOT_ID ? ROOT_CONTEXT : contexts.get(parentId) ?? ROOT_CONTEXT;
  const parent = parentId === ROOT_ID ? null : cache.records.get(parentId) ?? null;
  const fields = record.fields;
  // Goals inherit archived from their ancestors; work inherits it only from work above it, so open
  // work under a dropped goal stays active — and shows up as unaligned work. Everything under
  // withdrawn work (a cancelled initiative, a dropped task) is inactive.
  const isWork = record.kind === 'initiative' || record.kind === 'task';
  const parentIsWork = parent !== null && (parent.kind === 'initiative' || parent.kind === 'task');
  const inactive = fields.archived === true || (parentContext.inactive && (!isWork || parentIsWork)) || (parent !== null && isWithdrawnWork(parent));
  const periodId = fields.period !== undefined && cache.periods.has(fields.period) ? fields.period : parentContext.periodId;
  // Only teams the plan still has: a removed team (or one removed while a peer set it) names nobody's
  // work, and the node is the work of the team above it, as the detail panel shows no team for it.
  const team = fields.team === undefined ? undefined : cache.teamMerges.get(fields.team) ?? fields.team;
  const ownTeam = team !== undefined && cache.teams.has(team) ? team : undefined;
  const assignee = fields.assignee === undefined ? undefined : cache.personMerges.get(fields.assignee) ?? fields.assignee;
  const assigneeTeam = knownTeam(record.kind === 'task' && assignee !== undefined ? cache.people.get(assignee)?.team ?? null : null, cache);
  const teams = workTeams(ownTeam, assigneeTeam, parentContext.teams);
  const nearestKeyResult = parent?.kind === 'key_result' ? parent.id : parentContext.nearestKeyResult;
  const links = cache.linksFrom.get(id);
  let linkedGoal = false;
  if (links) for (const link of links) if (link.type === 'contributes_to' && activeGoal(link.to, input)) linkedGoal = true;
  const parentIsGoal = parent !== null && GOAL_KINDS.has(parent.kind) && !parentContext.inactive;
  const aligned = parentIsGoal || (parentIsWork && parentContext.aligned) || linkedGoal;
  const activeWork = !inactive && isOpenWork(record);
  const parentUnalignedWork = parentContext.activeWork && !parentContext.aligned;
  let keyResults: readonly string[] = NO_IDS;
  if (record.kind === 'initiative') {
    if (links) {
      const set = new Set<string>();
      if (nearestKeyResult !== null) set.add(nearestKeyResult);
      for (const link of links) {
        if (link.type === 'contributes_to' && cache.records.get(link.to)?.kind === 'key_result' && tree.parent.has(link.to)) set.add(link.to);
      }
      keyResults = [...set].sort();
    } else if (nearestKeyResult !== null) keyResults = [nearestKeyResult];
  }
  const misplaced = !parentAllowed(record.kind, parent === null ? ROOT_ID : parent.kind);
  return { inactive, periodId, teams, nearestKeyResult, aligned, misplaced, activeWork, unalignedTop: activeWork && !aligned && !parentUnalignedWork, keyResults };
}

/** The time window of a node's pace: its period, or an initiative's start and due dates. */
function paceWindow(record: NodeRecord, context: NodeContext, input: DeriveInput): TimeWindow | null {
  if (record.kind === 'initiative') {
    const { startDate, dueDate } = record.fields;
    if (startDate === undefined || dueDate === undefined) return null;
    const start = startOfDayIn(startDate, input.cache.timeZone);
    const end = endOfDayIn(dueDate, input.cache.timeZone);
    return start !== null && end !== null && end > start ? { start, end } : null;
  }
  if (context.periodId === null) return null;
  const period = input.cache.periods.get(context.periodId)!;
  // A period whose dates crossed has no time to measure pace in (crossedPeriodSignal says so).
  // Nor has one of implausible dates (0001 … 9999 read 60 % "on track" for ten thousand years, review45a F7).
  return period.crossed || !periodPaceable(period.start, period.end) ? null : { start: period.startMs, end: period.endMs };
}

/** When a done task was done: its doneAt stamp, else (older data) its last update or creation. */
export function doneTimeOf(record: NodeRecord): number | undefined {
  return record.fields.doneAt ?? record.updated?.at ?? record.created?.at;
}

/** Adds a child's task counts into `total`. */
function addCounts(total: WorkCounts, child: WorkCounts): void {
  total.tasks += child.tasks;
  total.done += child.done;
  total.blocked += child.blocked;
  total.overdue += child.overdue;
}

/** doneAt (else the last update) of the done tasks below a node. */
export function doneTimesBelow(id: string, input: DeriveInput): number[] {
  const times: number[] = [];
  const stack = [...(input.tree.children.get(id) ?? [])];
  while (stack.length > 0) {
    const childId = stack.pop()!;
    const record = input.cache.records.get(childId)!;
    if (record.fields.archived === true) continue;
    if (record.kind === 'task' && record.fields.status === 'done') {
      const at = doneTimeOf(record);
      if (at !== undefined) times.push(at);
    }
    const children = input.tree.children.get(childId);
    if (children) appendAll(stack, children);
  }
  return times;
}

/** A node's state as remembered by a review point. */
export function baselineNodeOf(record: NodeRecord, parent: string, title: string): BaselineNode {
  const f = record.fields;
  return {
    kind: record.kind, parent, title, target: f.target ?? null, weight: f.weight ?? null, priority: f.priority ?? null, owner: f.owner ?? null,
    start: f.start ?? null, rangeLow: f.rangeLow ?? null, rangeHigh: f.rangeHigh ?? null, healthyLow: f.healthyLow ?? null, healthyHigh: f.healthyHigh ?? null,
    direction: f.direction ?? null, unit: f.unit ?? null, manualProgress: f.manualProgress ?? null, period: f.period ?? null,
  };
}

/** A key result's or KPI's check-ins whose values are in its current unit, and whether its latest value is in another (check-in-units.ts). */
function measuredCheckIns(record: NodeRecord, cache: DocCache): { series: CheckInSeries; awaitingValue: boolean } {
  const checkIns = cache.checkInSeries(record.id);
  if (checkIns.length === 0) return { series: checkIns, awaitingValue: false };
  return measuredIn(checkIns, record.fields.unit, unitChangedAt(cache.fieldEdits.get(record.id)?.values()));
}

function keyResultProgressAt(id: string, at: number | null, input: DeriveInput): number | null {
  const record = input.cache.records.get(id)!;
  const { series, awaitingValue } = measuredCheckIns(record, input.cache);
  if (awaitingValue) return null;
  return keyResultProgress(record.fields, at === null ? latestValue(series) : valueAt(series, at));
}

/**
 * When a node's bounds became crossed: the latest write of the fields that cross (the two bounds, and
 * the direction that makes a start and a target cross), from their field edit records. The node's last
 * update would move with every later edit of its weight or owner. Null when they are not crossed or no
 * record names them (crossed from creation: the node's creation time stands).
 */
function crossedSince(record: NodeRecord, cache: DocCache): number | null {
  const crossed = crossedBounds(record.fields);
  const edits = cache.fieldEdits.get(record.id);
  if (crossed === null || edits === undefined) return null;
  const involved = new Set<string>([crossed.low.field, crossed.high.field]);
  if (crossed.low.field !== 'healthyLow') involved.add('direction');
  let since: number | null = null;
  for (const edit of edits.values()) if (involved.has(edit.field) && (since === null || edit.at > since)) since = edit.at;
  return since;
}

/** The fields a range key result's start value is judged by: which value, which range, and that it is a range. */
const RANGE_VALUE_FIELDS: ReadonlySet<string> = new Set(['start', 'rangeLow', 'rangeHigh', 'direction']);

/** When any of `fields` was last written, from the node's field edit records; null when none names them. */
function latestEditOf(record: NodeRecord, cache: DocCache, fields: ReadonlySet<string>): number | null {
  let at: number | null = null;
  for (const edit of cache.fieldEdits.get(record.id)?.values() ?? []) if (fields.has(edit.field) && (at === null || edit.at > at)) at = edit.at;
  return at;
}

function ownSignals(record: NodeRecord, context: NodeContext, derived: Omit<NodeDerived, 'signals' | 'health' | 'cause' | 'computedAt' | 'stableUntil'>, checkIns: CheckInSeries, measured: CheckInSeries, awaitingValue: boolean, input: DeriveInput): Signal[] {
  const signals: (Signal | null)[] = [];
  const { clock } = input;
  const { id, kind, fields } = record;
  const createdAt = record.created?.at ?? null;
  const window = paceWindow(record, context, input);
  // Stale only where a check-in is owed (owesCheckIn, the rule My work's "Check-ins due" reads): an achieved
  // key result is done, one whose period has ended owes none, a proposed initiative has not started.
  const owes = owesCheckIn(kind, fields, derived.progress, context.inactive, kind === 'key_result' ? window?.end ?? null : null, clock.now);
  // A key result's or objective's period that is over (review46b F1): its pace is the period's verdict and its
  // people's word and confidence on it are history (info), so last quarter's misses do not nag in this one.
  const periodEnded = (kind === 'key_result' || kind === 'objective') && window !== null && clock.now >= window.end;
  if (!isFinishedWork(record)) signals.push(blockedByCheckInSignal(id, checkIns, clock));
  if (kind === 'task' && isOpenWork(record)) {
    signals.push(blockedByStatusSignal(id, fields, record.updated?.at ?? createdAt ?? clock.now, clock));
    signals.push(overdueSignal(id, fields.dueDate, clock));
  }
  if (awaitingValue) signals.push(unmeasuredSignal(record, checkIns, window, input));
  if (kind === 'task' && fields.status === 'done' && derived.counts.tasks > derived.counts.done) signals.push(openSubtasksSignal(id as NodeId, derived.counts.tasks - derived.counts.done, derived.counts.tasks, doneTimeOf(record) ?? clock.now));
  if (kind === 'kpi' || kind === 'key_result') signals.push(crossedBoundsSignal(id, kind, fields, crossedSince(record, input.cache) ?? createdAt ?? clock.now));
  if (kind === 'kpi') {
    signals.push(kpiBreachSignal(id, fields, measured));
    if (owes) signals.push(staleSignal(id, derived.lastCheckInAt, createdAt, clock));
  }
  if ((kind === 'key_result' || kind === 'objective') && context.periodId !== null) {
    signals.push(crossedPeriodSignal(id, input.cache.periods.get(context.periodId)!, createdAt ?? clock.now));
  }
  // A range key result is judged by its range, never by pace: it has nothing to "get done" (review39b F1).
  // With no value checked in, its start value is judged, since the start or range was set (review40a F2).
  if (kind === 'key_result' && fields.direction === 'range') signals.push(settledAtPeriodEnd(rangeBreachSignal(id, fields, measured, awaitingValue ? null : latestEditOf(record, input.cache, RANGE_VALUE_FIELDS) ?? createdAt ?? clock.now), periodEnded));
  else if (kind === 'key_result' || kind === 'objective') {
    let progressSince: number | null = null;
    if (kind === 'key_result') for (let i = measured.length - 1; i >= 0 && progressSince === null; i--) if (measured.value(i) !== null) progressSince = measured.at(i);
    signals.push(periodEnded ? periodEndedSignal(id, derived.progress, window) : paceSignal(id, derived.progress, window, progressSince, clock));
  }
  if (kind === 'key_result') {
    signals.push(forecastSignal(id, fields, measured, window, derived.progress, clock));
    if (owes) signals.push(staleSignal(id, derived.lastCheckInAt, createdAt, clock));
  }
  if (kind === 'initiative' && context.activeWork) {
    signals.push(paceSignal(id, derived.progress, window, null, clock));
    signals.push(overdueSignal(id, fields.dueDate, clock));
    if (owes) signals.push(staleSignal(id, derived.lastCheckInAt, createdAt, clock));
    const doneTimes = doneTimesBelow(id, input);
    signals.push(slowdownSignal({ nodeId: id, teamId: null }, doneTimes, clock));
    const windowStart = clock.now - clock.settings.effortWindowDays * DAY_MS;
    const keyResults: LinkedKeyResult[] = context.keyResults.map((krId) => ({ id: krId, progressNow: keyResultProgressAt(krId, null, input), progressThen: keyResultProgressAt(krId, windowStart, input) }));
    signals.push(effortWithoutImpactSignal(id, doneTimes, keyResults, clock));
  }
  signals.push(settledAtPeriodEnd(confidenceDropSignal(id, checkIns, clock), periodEnded));
  // Its people's own word (review43c F1), as long as the item is still to be done: finished work owes nothing more,
  // archived or withdrawn work counts in no figure, and a value reaching the target after the word is newer evidence.
  if (!isFinishedWork(record) && !context.inactive) signals.push(settledAtPeriodEnd(reportedStatusSignal(id, checkIns, isAchievedKeyResult(kind, fields, derived.progress), clock.timeZone ?? DEFAULT_TIME_ZONE, (by) => personName(by, input)), periodEnded));
  if (context.misplaced) signals.push(misplacedSignal(id, kind, input.tree.parent.get(id) === ROOT_ID || !input.tree.parent.has(id) ? ROOT_ID : input.cache.records.get(input.tree.parent.get(id)!)!.kind, record.place.at || createdAt || 0));
  const misplacedBelow = misplacedChildren(id, input);
  if (misplacedBelow.length > 0) signals.push(misplacedBelowSignal(id, kind, misplacedBelow));
  if (context.unalignedTop) {
    signals.push({
      kind: 'unaligned', nodeId: id, teamId: null, severity: 'at_risk', since: record.place.at || createdAt || 0,
      message: `No path to any key result or objective (${derived.work.active} active work item${derived.work.active === 1 ? '' : 's'})`,
      evidence: { activeWorkBelow: derived.work.active },
    });
  }
  if (input.baseline) {
    const current = baselineNodeOf(record, input.tree.parent.get(id) ?? ROOT_ID, input.cache.titles.get(id) ?? '');
    const period = current.period ? input.cache.periods.get(current.period) : undefined;
    signals.push(priorityShiftSignal(id, current, input.baseline, record.updated?.at ?? createdAt ?? 0, period ? { start: period.start, end: period.end } : null, createdAt, (parentId) => input.cache.titles.get(parentId) ?? null));
  }
  return signals.filter((signal): signal is Signal => signal !== null);
}

/** The active children of a node that sit where their kind does not belong (NodeContext.misplaced). */
function misplacedChildren(id: string, input: DeriveInput): { id: NodeId; kind: NodeKind; since: number }[] {
  const found: { id: NodeId; kind: NodeKind; since: number }[] = [];
  for (const childId of input.tree.children.get(id) ?? []) {
    const context = input.contexts.get(childId);
    if (!context || !context.misplaced || context.inactive) continue;
    const child = input.cache.records.get(childId)!;
    found.push({ id: childId as NodeId, kind: child.kind, since: child.place.at || child.created?.at || 0 });
  }
  return found;
}

/**
 * A task's own signals depend on the clock only through blocked (days, severity) and overdue (days):
 * the first instant they can change (see signals.ts). Confidence drop, unaligned and priority shift
 * do not read the clock. Must follow the task branch of ownSignals.
 */
function taskStableUntil(record: NodeRecord, context: NodeContext, checkIns: CheckInSeries, clock: SignalClock): number {
  // The view's last check-in time reads the clock even when its signals do not (review35 F5).
  const lastAtUntil = futureDatedUntil(checkIns, clock.now);
  if (context.inactive) return lastAtUntil;
  let until = Math.min(lastAtUntil, isFinishedWork(record) ? Infinity : blockedByCheckInChangesAt(checkIns, clock));
  if (isOpenWork(record)) {
    const fallbackSince = record.updated?.at ?? record.created?.at ?? null;
    until = Math.min(until, blockedByStatusChangesAt(record.fields, fallbackSince, clock), overdueChangesAt(record.fields.dueDate, clock));
  }
  return until;
}

/**
 * When the item was last checked in, as the reader's clock sees it: the latest time (`at`) over the
 * series among check-ins not dated in the future (`datedInFuture`, the same test as the history's
 * "Dated in the future" mark); when every one is, the last one's time. Not the last one's own time: a
 * check-in ordered last by its order stamp may come from a clock running behind, and the item was still
 * checked in at the earlier one's time (review35 F5: Ben's clock 8 days behind made the key result
 * "stale: No check-in for 8 days" right after two check-ins). A check-in dated in the future does not
 * count while it is: it would make the item look fresh until its date (years, for a broken clock).
 *
 * It depends on the clock only where a check-in stops being dated in the future: `futureDatedUntil`
 * gives that instant, and a task's `stableUntil` includes it (the clock-tick shortcut, clock-tick.test.ts).
 */
export function lastCheckInTime(checkIns: CheckInSeries, now: number): number | null {
  let latest: number | null = null;
  for (let i = 0; i < checkIns.length; i++) {
    const at = checkIns.at(i);
    if (!datedInFuture({ at }, now) && (latest === null || at > latest)) latest = at;
  }
  return latest === null && checkIns.length > 0 ? checkIns.at(checkIns.length - 1) : latest;
}

/**
 * The first instant after `now` at which `lastCheckInTime` can change with the series unchanged: the
 * earliest at which a check-in dated in the future stops being (`at − FUTURE_SLACK_MS`); Infinity if none is.
 */
export function futureDatedUntil(checkIns: CheckInSeries, now: number): number {
  let until = Infinity;
  for (let i = 0; i < checkIns.length; i++) {
    const at = checkIns.at(i);
    if (datedInFuture({ at }, now)) until = Math.min(until, at - FUTURE_SLACK_MS);
  }
  return until;
}

/** Health: worst own signal (first wins), else a child's health if strictly worse (first child wins). */
function healthFrom(id: string, signals: readonly Signal[], childIds: readonly string[], input: DeriveInput): { health: Health; cause: HealthCause | null } {
  let health: Health = 'on_track';
  let cause: HealthCause | null = null;
  for (const signal of signals) {
    const candidate = healthOf(signal.severity);
    if (HEALTH_RANK[candidate] > HEALTH_RANK[health]) { health = candidate; cause = { signal, path: [id] }; }
  }
  for (const childId of childIds) {
    const child = input.derived.get(childId);
    if (!child || child.cause === null || HEALTH_RANK[child.health] <= HEALTH_RANK[health]) continue;
    health = child.health;
    const path = [id];
    for (const step of child.cause.path) path.push(step);
    cause = { signal: child.cause.signal, path };
  }
  return { health, cause };
}

/**
 * The key results a roll-up leaves out because their progress is not known, and since when. A set: a list
 * checked with `includes` made a derivation quadratic in them (review37b B6: +4.5 s at 20,000).
 */
interface LeftOut { ids: Set<string>; since: number }

/**
 * Adds what a rolled-up child leaves out of its parent's figure: the child itself, a key result whose progress
 * is not known and who says why (a value awaited in a new unit, bounds crossed), or the key results an
 * objective's own figure leaves out (its info signal), which its parent's mean leaves out too.
 */
function collectLeftOut(childId: string, kind: NodeKind, child: NodeDerived, leftOut: LeftOut): void {
  for (const signal of child.signals) {
    if (kind === 'key_result' && child.progress === null && signal.severity !== 'info' && (signal.kind === 'unmeasured' || signal.kind === 'crossed_bounds')) {
      leftOut.ids.add(childId);
      leftOut.since = Math.min(leftOut.since, signal.since);
    } else if (kind === 'objective' && signal.kind === 'unmeasured' && signal.severity === 'info') {
      for (const id of signal.evidence.nodeIds) leftOut.ids.add(id);
      leftOut.since = Math.min(leftOut.since, signal.since);
    }
  }
}

/** The parent's side of key results whose progress is not known: its figure leaves them out (info). */
function leftOutSignal(nodeId: NodeId, kind: NodeKind, ids: ReadonlySet<string>, since: number): UnmeasuredSignal {
  const n = ids.size;
  return {
    kind: 'unmeasured', nodeId, teamId: null, severity: 'info', since: Number.isFinite(since) ? since : 0,
    message: `Its progress leaves out ${n === 1 ? 'a key result' : `${n} key results`} below whose progress is not known: the ${kind === 'strategy' ? 'strategy' : 'objective'}'s figure is of the others`,
    evidence: { nodeIds: [...ids].sort(), fromUnit: null, toUnit: null, changedAt: null, changedBy: null, lastJudged: null },
  };
}

/** A done task's open subtasks (OpenSubtasksSignal). */
function openSubtasksSignal(nodeId: NodeId, open: number, subtasks: number, since: number): OpenSubtasksSignal {
  return {
    kind: 'open_subtasks', nodeId, teamId: null, severity: 'at_risk', since,
    message: `Marked done with ${open} of ${subtasks} subtask${subtasks === 1 ? '' : 's'} open: finish or drop ${open === 1 ? 'it' : 'them'}, or reopen the task`,
    evidence: { open, subtasks },
  };
}

/** The bounds a key result's or KPI's values are judged against. */
const BOUND_FIELDS: ReadonlySet<string> = new Set(['start', 'target', 'direction', 'rangeLow', 'rangeHigh', 'healthyLow', 'healthyHigh']);
const HEALTH_WORDS: Readonly<Record<Health, string>> = { on_track: 'on track', at_risk: 'at risk', off_track: 'off track' };

/** A node's fields with the bounds a unit change kept (UnitChangeBefore) in place of its own: null for none. */
function boundsOf(fields: NodeFields, before: UnitChangeBefore): NodeFields {
  const judged: Record<string, unknown> = { ...fields };
  for (const field of [...UNIT_CHANGE_BOUNDS, 'direction'] as const) {
    if (before[field] === null) delete judged[field];
    else judged[field] = before[field];
  }
  return judged as NodeFields;
}

/**
 * Whether unit edit `a` tells the unit's change rather than `b`: the later one; at the same moment (two people
 * setting it apart, as at an offsite), the one that wrote the shown unit, then the greater record key. The first
 * one met won the tie, and replicas meet the records in the order they arrived: two replicas named different
 * people for the same change (the offsite fuzzer's clashes, leftovers46b).
 */
function laterUnitEdit(a: FieldEditRecord, b: FieldEditRecord, shown: string | undefined): boolean {
  if (a.at !== b.at) return a.at > b.at;
  const aShown = a.value === shown, bShown = b.value === shown;
  if (aShown !== bShown) return aShown;
  return a.key > b.key;
}

/**
 * A key result or KPI whose latest value is in another unit than its current one (UnmeasuredSignal): at risk,
 * naming the change and what to do; off track when its values in the old unit were last judged off track
 * against the same bounds (none rewritten since the unit changed, so the old judgement still reads them): a
 * KPI in breach renamed from "%" to "percent" turned the plan on track.
 */
function unmeasuredSignal(record: NodeRecord, checkIns: CheckInSeries, window: TimeWindow | null, input: DeriveInput): UnmeasuredSignal {
  const { id, kind, fields } = record;
  const { clock } = input;
  let unitEdit: FieldEditRecord | null = null;
  let boundAt = -Infinity;
  for (const edit of input.cache.fieldEdits.get(id)?.values() ?? []) {
    if (edit.field === 'unit' && (unitEdit === null || laterUnitEdit(edit, unitEdit, fields.unit))) unitEdit = edit;
    if (BOUND_FIELDS.has(edit.field) && edit.at > boundAt) boundAt = edit.at;
  }
  const changedAt = unitEdit?.at ?? null;
  let latest = checkIns.length - 1;
  while (latest > 0 && checkIns.value(latest) === null) latest--;
  const fromUnit = unitOfCheckIn(checkIns.unit(latest), checkIns.at(latest), fields.unit, changedAt);
  const toUnit = fields.unit ?? '';
  let lastJudged: Health | null = null;
  // The bounds the old-unit values were judged against: kept with the unit's edit record when it was written
  // by this version (k€ 2000 → M€ 2 in one edit: blocker37), when that change left the values' unit; else the
  // node's own, when nobody rewrote them at or after the unit change (a pure relabel such as "%" → "percent").
  const kept = unitEdit?.before !== undefined && unitEdit.before.unit === fromUnit ? boundsOf(fields, unitEdit.before) : null;
  const judgedBy = kept ?? (boundAt < changedAt! ? fields : null);
  if (fromUnit !== null && changedAt !== null && judgedBy !== null) {
    // The old-unit values against the bounds they were judged against before the unit changed.
    const old = valuesInUnit(checkIns, fromUnit, changedAt);
    const judged: (Signal | null)[] = [];
    if (kind === 'kpi') judged.push(kpiBreachSignal(id as NodeId, judgedBy, old));
    else {
      const progress = keyResultProgress(judgedBy, latestValue(old));
      judged.push(judgedBy.direction === 'range' ? rangeBreachSignal(id as NodeId, judgedBy, old) : paceSignal(id as NodeId, progress, window, null, clock), forecastSignal(id as NodeId, judgedBy, old, window, progress, clock));
    }
    lastJudged = 'on_track';
    for (const signal of judged) if (signal !== null && HEALTH_RANK[healthOf(signal.severity)] > HEALTH_RANK[lastJudged]) lastJudged = healthOf(signal.severity);
  }
  const unitName = (unit: string | null) => (unit === null ? 'a unit not recorded' : unit === '' ? 'no unit' : unit);
  const changedBy = unitEdit?.by ?? null;
  const when = unitEdit === null ? '' : ` on ${dayIn(unitEdit.at, clock.timeZone ?? DEFAULT_TIME_ZONE)} by ${personName(unitEdit.by, input)}`;
  const what = kind === 'kpi' ? 'Health not judged' : 'Progress not known';
  const ask = toUnit === '' ? 'check in a value without a unit' : `check in a value in ${toUnit}`;
  const judgedWords = lastJudged !== null && lastJudged !== 'on_track' ? ` (${HEALTH_WORDS[lastJudged]} when last judged in ${unitName(fromUnit)})` : '';
  return {
    kind: 'unmeasured', nodeId: id as NodeId, teamId: null, severity: lastJudged === 'off_track' ? 'off_track' : 'at_risk', since: changedAt ?? checkIns.at(latest),
    message: `${what} since the unit changed from ${unitName(fromUnit)} to ${unitName(toUnit)}${when}: ${ask}${judgedWords}`,
    evidence: { nodeIds: [id], fromUnit, toUnit, changedAt, changedBy, lastJudged },
  };
}

/** Computes the derived state of a live node (its children must be derived already). */
export function computeDerived(id: string, input: DeriveInput): NodeDerived {
  const { cache, tree, contexts, clock } = input;
  const record = cache.records.get(id)!;
  const context = contexts.get(id)!;
  const childIds = tree.children.get(id) ?? [];
  const checkIns = cache.checkInSeries(id);
  const fields = record.fields;
  const defaultWeight = clock.settings.defaultWeight;

  // Object literals, not spreads: a spread costs microseconds per node on V8 (measured), literals nothing.
  const counts: WorkCounts = { tasks: 0, done: 0, blocked: 0, overdue: 0 };
  const work = { active: context.activeWork ? 1 : 0, aligned: context.activeWork && context.aligned ? 1 : 0 };
  const weighted: { progress: number | null; weight: number }[] = [];
  const leftOut: LeftOut = { ids: new Set(), since: Infinity };
  // The latest check-in on a task below (review45c F1): daily check-ins are made on tasks, and an initiative
  // whose team checked in on its tasks every day read "No check-in for 8 days", stale and not moving.
  let lastBelow: number | null = null;
  for (const childId of childIds) {
    const child = input.derived.get(childId)!;
    const childRecord = cache.records.get(childId)!;
    if (childRecord.kind === 'task' && (record.kind === 'initiative' || record.kind === 'task') && !contexts.get(childId)!.inactive && child.lastCheckInAt !== null && (lastBelow === null || child.lastCheckInAt > lastBelow)) lastBelow = child.lastCheckInAt;
    work.active += child.work.active;
    work.aligned += child.work.aligned;
    // An inactive child's own task counts nothing, but the counts below it are of active work only (work
    // under an archived goal stays active), as its health is: "Blocked tasks" and the health a blocked
    // task under an archived key result causes say the same (review33 F5).
    addCounts(counts, child.counts);
    if (contexts.get(childId)!.inactive) continue;
    if (childRecord.kind === 'task') {
      const status = childRecord.fields.status;
      if (status !== 'dropped') counts.tasks++;
      if (status === 'done') counts.done++;
      // Blocked by its status or by a blocker raised in its latest check-in: the tasks the pulse's
      // blocked card lists, so "N blocked" under an initiative or in the plan says the same.
      if (child.signals.some((signal) => signal.kind === 'blocked')) counts.blocked++;
      if (child.signals.some((signal) => signal.kind === 'overdue')) counts.overdue++;
    }
    const rollsUp = record.kind === 'strategy' ? childRecord.kind === 'objective' : record.kind === 'objective' && (childRecord.kind === 'objective' || childRecord.kind === 'key_result');
    if (rollsUp) {
      weighted.push({ progress: child.progress, weight: childRecord.fields.weight ?? defaultWeight });
      collectLeftOut(childId, childRecord.kind, child, leftOut);
    }
  }

  // Only values in the node's current unit are compared with its bounds (check-in-units.ts).
  const { series: measured, awaitingValue } = record.kind === 'key_result' || record.kind === 'kpi' ? measuredCheckIns(record, cache) : { series: checkIns, awaitingValue: false };
  const value = record.kind === 'key_result' || record.kind === 'kpi' ? latestValue(measured) : null;
  let progress: number | null = null;
  switch (record.kind) {
    case 'key_result': progress = awaitingValue ? null : keyResultProgress(fields, value); break;
    case 'objective':
    case 'strategy': progress = weightedMean(weighted); break;
    case 'initiative': progress = fields.manualProgress ?? (counts.tasks > 0 ? counts.done / counts.tasks : null); break;
    // The share done of the task and its subtasks, the tasks its initiative counts (review36a F7): a task done
    // with two open subtasks read 100 % where its initiative counted them open, and an unfinished task whose
    // subtasks were all done read 100 %. 100 % only when it and everything below it are done.
    case 'task': progress = fields.status === 'dropped' ? null : ((fields.status === 'done' ? 1 : 0) + counts.done) / (1 + counts.tasks); break;
    case 'kpi': progress = null; break;
  }
  const own = lastCheckInTime(checkIns, clock.now);
  // An initiative or task was last checked in when it or a task below it was (lastBelow): its tasks' check-ins
  // are its daily execution, which the stale signal and My work's "Check-ins due" read.
  const lastCheckInAt = lastBelow !== null && (own === null || lastBelow > own) ? lastBelow : own;
  const partial = { value, lastCheckInAt, checkInCount: checkIns.length, progress, counts, work };
  const signals = context.inactive ? [] : ownSignals(record, context, partial, checkIns, measured, awaitingValue, input);
  // An objective's or strategy's figure that leaves out key results whose progress is not known says so.
  if (!context.inactive && leftOut.ids.size > 0) signals.push(leftOutSignal(id as NodeId, record.kind, leftOut.ids, leftOut.since));
  const { health, cause } = healthFrom(id, signals, childIds, input);
  const stableUntil = record.kind === 'task' ? taskStableUntil(record, context, checkIns, clock) : clock.now;
  return { value, lastCheckInAt, checkInCount: checkIns.length, progress, counts, work, signals, health, cause, computedAt: clock.now, stableUntil };
}

/** The plan root's derived state: mean of the strategies, totals of the work, worst health. */
export function computeRootDerived(input: DeriveInput): NodeDerived {
  const childIds = input.tree.children.get(ROOT_ID) ?? [];
  const counts: WorkCounts = { tasks: 0, done: 0, blocked: 0, overdue: 0 };
  const work = { active: 0, aligned: 0 };
  const parts: { progress: number | null; weight: number }[] = [];
  for (const childId of childIds) {
    const child = input.derived.get(childId)!;
    work.active += child.work.active;
    work.aligned += child.work.aligned;
    addCounts(counts, child.counts);
    if (input.contexts.get(childId)!.inactive) continue;
    if (input.cache.records.get(childId)!.kind === 'strategy') parts.push({ progress: child.progress, weight: 1 });
  }
  const { health, cause } = healthFrom(ROOT_ID, [], childIds, input);
  const now = input.clock.now;
  return { value: null, lastCheckInAt: null, checkInCount: 0, progress: weightedMean(parts), counts, work, signals: [], health, cause, computedAt: now, stableUntil: now };
}

/** Team slowdown: completions per week of the done tasks given as the team's (its filter's tasks: PlanDerivation.tasksOfTeam). */
export function teamSlowdown(teamId: string, taskIds: Iterable<string>, input: DeriveInput): Signal | null {
  const times: number[] = [];
  for (const taskId of taskIds) {
    const record = input.cache.records.get(taskId);
    if (!record || record.fields.status !== 'done') continue;
    const at = doneTimeOf(record);
    if (at !== undefined) times.push(at);
  }
  return slowdownSignal({ nodeId: null, teamId }, times, input.clock);
}
