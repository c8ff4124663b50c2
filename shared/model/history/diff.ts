/**
 * The diff between two states of a plan (two review points, or one and now): what a leadership
 * review walks through. Pure and deterministic: the same two states give the same list, in the same
 * order, on every device. Applying the changes to the earlier state gives the later one, for every
 * field the diff covers (apply-changes.ts; a property test holds it to that).
 */
import type { CheckIn } from '../checkins.js';
import type { Health } from '../signal-types.js';
import type { ChangeAuthors } from './authors.js';
import { REVIEW_FIELDS, type NodeState, type PlanState, type ReviewField, type ReviewFieldValue } from './plan-state.js';
import { percentFigure } from '../percent.js';

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
  | (ChangeBase & { kind: 'added'; node: NodeState })
  | (ChangeBase & { kind: 'removed'; node: NodeState })
  | (ChangeBase & { kind: 'moved'; from: string; to: string })
  | (ChangeBase & { kind: 'retitled'; before: string; after: string })
  | (ChangeBase & { kind: 'field'; field: ReviewField; before: ReviewFieldValue; after: ReviewFieldValue })
  | (ChangeBase & { kind: 'progress'; before: number | null; after: number | null })
  | (ChangeBase & { kind: 'health'; before: Health; after: Health })
  | (ChangeBase & { kind: 'blocker'; state: 'new' | 'resolved'; reason: string | null })
  | (ChangeBase & { kind: 'check-ins'; checkIns: CheckIn[] });

export type ReviewChangeKind = ReviewChange['kind'];

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
}

/** Compares two plan states; `authors` names who made each change (see docAuthors). */
export function diffPlanStates(earlier: PlanState, later: PlanState, authors: ChangeAuthors): ReviewDiff {
  const partial = earlier.partial || later.partial;
  const changes: ReviewChange[] = [];
  const newCheckIns = new Map<string, CheckIn[]>();
  if (!partial) {
    for (const checkIn of later.checkIns.values()) {
      if (earlier.checkIns.has(checkIn.id)) continue;
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
      changes.push({ ...base('added', authors.creation(id)), kind: 'added', node: after });
      if (checkIns) changes.push(checkInChange(base, checkIns));
      continue;
    }
    if (before.parent !== after.parent) changes.push({ ...base('moved', authors.field(id, 'place')), kind: 'moved', from: before.parent, to: after.parent });
    if (before.title !== after.title) changes.push({ ...base('retitled', authors.title(id)), kind: 'retitled', before: before.title, after: after.title });
    for (const field of REVIEW_FIELDS) {
      if (partial && (field === 'startDate' || field === 'dueDate' || field === 'status')) continue;
      if (before.fields[field] !== after.fields[field]) {
        changes.push({ ...base(`field-${field}`, authors.field(id, field)), kind: 'field', field, before: before.fields[field], after: after.fields[field] });
      }
    }
    if (partial) continue;
    if (before.blocked !== after.blocked) {
      changes.push({ ...base('blocker', blockerAuthor(id, after, checkIns, authors)), kind: 'blocker', state: after.blocked ? 'new' : 'resolved', reason: after.blocked ? after.blockedReason : before.blockedReason });
    } else if (before.blocked && before.blockedReason !== after.blockedReason) {
      // Still blocked, for a different reason: the old blocker is resolved and a new one raised.
      changes.push({ ...base('blocker', blockerAuthor(id, after, checkIns, authors)), kind: 'blocker', state: 'new', reason: after.blockedReason });
    }
    // As shown (percentText): a move within one printed figure read "progress 99% → 99%" (review36a F3).
    if (shownShare(before.progress) !== shownShare(after.progress)) changes.push({ ...base('progress', null), kind: 'progress', before: before.progress, after: after.progress });
    if (before.health !== after.health) changes.push({ ...base('health', null), kind: 'health', before: before.health, after: after.health });
    if (checkIns) changes.push(checkInChange(base, checkIns));
  }
  for (const [id, before] of earlier.nodes) {
    if (later.nodes.has(id)) continue;
    changes.push({ key: `removed:${id}`, nodeId: id, title: before.title, strategyId: earlier.strategyOf.get(id) ?? id, by: authors.removal(id), kind: 'removed', node: before });
  }
  return { from: earlier.at, to: later.at, changes, groups: groupByStrategy(changes, earlier, later), partial };
}

function checkInChange(base: (key: string, by: string | null) => ChangeBase, checkIns: CheckIn[]): ReviewChange {
  const sorted = [...checkIns].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...base('check-ins', sorted[sorted.length - 1]?.by ?? null), kind: 'check-ins', checkIns: sorted };
}

function blockerAuthor(id: string, after: NodeState, checkIns: CheckIn[] | undefined, authors: ChangeAuthors): string | null {
  const latestCheckIn = checkIns?.reduce<CheckIn | null>((latest, checkIn) => (!latest || checkIn.at >= latest.at ? checkIn : latest), null);
  const statusBy = authors.field(id, 'status');
  // A blocked (or unblocked) status names its writer; a blocker raised in a check-in names its author.
  if (after.fields.status === 'blocked' || !latestCheckIn) return statusBy ?? latestCheckIn?.by ?? null;
  return latestCheckIn.by;
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
