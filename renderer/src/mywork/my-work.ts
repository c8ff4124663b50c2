import { type CheckIn, type NodeView, type PlanIndex } from '../../../shared/model/index.js';
import { daysWithoutCheckIn, owesCheckIn, standingBlockers } from '../../../shared/model/signals.js';

/** What "My work" lists for one person. */
export interface MyWork {
  /**
   * Key results, KPIs and active initiatives the person owns that owe check-ins (owesCheckIn, the stale
   * signal's rule) without one for the cadence's days or more, in the plan's calendar days as the stale
   * signal counts them (due on the last day; stale after).
   */
  checkInsDue: { node: NodeView; lastAt: number | null }[];
  /** Open tasks assigned to (or owned by) the person. */
  tasks: NodeView[];
  /**
   * Blocked tasks of the person, and blockers they raised in check-ins that still stand: the node's
   * latest check-ins are blockers (its blocked signal, as the pulse shows it) and one of that run is
   * theirs; one entry per node, with their latest of the run.
   */
  blockers: { node: NodeView; checkIn: CheckIn | null }[];
  /** With a period chosen: the person's entries (in the three lists) left out for lying in other periods or none. */
  outsidePeriod: number;
}

const checkedKinds = new Set(['key_result', 'kpi', 'initiative']);

/**
 * Collects a person's work from the index at `now`. `signedAs`: names check-ins signed before the device
 * was linked to the person carry (a check-in is signed with the person's id once the device says who it
 * is, and with the device's typed name before: review39b F5, a blocker Cara raised as "Cara Cruz" before
 * she chose "You in this plan" was not hers in My work). The person's own name always counts.
 * `periodId`: the period chosen (the outline's period filter), '' for every period. A node's period is the one the
 * filter reads (`NodeView.periodId`: its own, else its nearest ancestor's), as on the pulse (review46b F6).
 */
export function myWork(index: PlanIndex, personId: string, now: number, signedAs: readonly string[] = [], periodId = ''): MyWork {
  const person = index.person(personId);
  // Check-ins signed by someone merged into the person (two "Dana"s folded into one) are hers too (leftovers40).
  const signers = new Set([personId, ...index.peopleMergedInto(personId), ...signedAs, ...(person ? [person.name] : [])].filter((name) => name.trim() !== ''));
  const clock = { now, settings: index.settings, timeZone: index.timeZone };
  const checkInsDue: MyWork['checkInsDue'] = [];
  const tasks: NodeView[] = [];
  const blockers: MyWork['blockers'] = [];
  // Each period's end, as the stale signal reads it (none for a period whose dates crossed).
  const periodEnds = new Map(index.periods().map((period) => [period.id, period.crossed ? null : period.endMs]));
  for (const id of index.walk()) {
    const node = index.node(id)!;
    if (node.inactive) continue;
    const mine = node.fields.owner === personId || node.fields.assignee === personId;
    if (checkedKinds.has(node.kind) && node.fields.owner === personId) {
      const owes = owesCheckIn(node.kind, node.fields, node.progress, node.inactive, node.periodId === null ? null : periodEnds.get(node.periodId) ?? null, now);
      if (owes && (node.lastCheckInAt === null || daysWithoutCheckIn(node.lastCheckInAt, clock) >= index.settings.cadenceDays)) checkInsDue.push({ node, lastAt: node.lastCheckInAt });
    }
    const openTask = node.kind === 'task' && mine && node.fields.status !== 'done' && node.fields.status !== 'dropped';
    if (openTask) tasks.push(node);
    // One entry a node: the person's own blocker check-in says more than the task's status (review24: a
    // blocked task of hers with her blocker on it was listed twice).
    const raised = standingBlockerBy(index, node, signers);
    if (raised) blockers.push({ node, checkIn: raised });
    else if (openTask && node.fields.status === 'blocked') blockers.push({ node, checkIn: null });
  }
  checkInsDue.sort((a, b) => (a.lastAt ?? 0) - (b.lastAt ?? 0));
  tasks.sort((a, b) => (a.fields.dueDate ?? '9999').localeCompare(b.fields.dueDate ?? '9999'));
  if (periodId === '') return { checkInsDue, tasks, blockers, outsidePeriod: 0 };
  const inPeriod = (node: NodeView) => node.periodId === periodId;
  const shown = { checkInsDue: checkInsDue.filter((due) => inPeriod(due.node)), tasks: tasks.filter(inPeriod), blockers: blockers.filter((blocker) => inPeriod(blocker.node)) };
  const outsidePeriod = checkInsDue.length + tasks.length + blockers.length - shown.checkInsDue.length - shown.tasks.length - shown.blockers.length;
  return { ...shown, outsidePeriod };
}

/**
 * The person's latest blocker check-in among the node's standing blockers (`standingBlockers`: not
 * cleared knowingly by anyone), when the node carries the blocked signal they raise; else null. The list read "blocker check-ins of the
 * last cadence window": a blocker nobody cleared dropped off after a week while the pulse still said
 * blocked, one cleared by a later check-in stayed, and each "still blocked" made an entry (usercheck18).
 * Read by position (the columns): only the one check-in listed is made into an object.
 */
function standingBlockerBy(index: PlanIndex, node: NodeView, signers: ReadonlySet<string>): CheckIn | null {
  if (!node.signals.some((signal) => signal.kind === 'blocked' && signal.evidence.source === 'check-in')) return null;
  const checkIns = index.checkInSeries(node.id);
  // One who only said "still blocked" (restates) raised nothing: it is the raiser's entry (blocker37).
  for (const i of standingBlockers(checkIns)) if (signers.has(checkIns.by(i)) && !checkIns.restates(i)) return checkIns.checkIn(i);
  return null;
}
