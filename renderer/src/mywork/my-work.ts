import { DAY_MS, type CheckIn, type NodeView, type PlanIndex } from '../../../shared/model/index.js';
import { daysWithoutCheckIn } from '../../../shared/model/signals.js';

/** What "My work" lists for one person. */
export interface MyWork {
  /**
   * Key results, KPIs and active initiatives the person owns without a check-in for the cadence's days or
   * more, in the plan's calendar days as the stale signal counts them (due on the last day; stale after).
   */
  checkInsDue: { node: NodeView; lastAt: number | null }[];
  /** Open tasks assigned to (or owned by) the person. */
  tasks: NodeView[];
  /** Blocked tasks of the person, and blocker check-ins they raised in the last cadence window. */
  blockers: { node: NodeView; checkIn: CheckIn | null }[];
}

const checkedKinds = new Set(['key_result', 'kpi', 'initiative']);

/** Collects a person's work from the index at `now`. */
export function myWork(index: PlanIndex, personId: string, now: number): MyWork {
  const cadence = index.settings.cadenceDays * DAY_MS;
  const clock = { now, settings: index.settings, timeZone: index.timeZone };
  const checkInsDue: MyWork['checkInsDue'] = [];
  const tasks: NodeView[] = [];
  const blockers: MyWork['blockers'] = [];
  for (const id of index.walk()) {
    const node = index.node(id)!;
    if (node.inactive) continue;
    const mine = node.fields.owner === personId || node.fields.assignee === personId;
    if (checkedKinds.has(node.kind) && node.fields.owner === personId) {
      const closed = node.kind === 'initiative' && (node.fields.status === 'done' || node.fields.status === 'cancelled' || node.fields.status === 'paused');
      if (!closed && (node.lastCheckInAt === null || daysWithoutCheckIn(node.lastCheckInAt, clock) >= index.settings.cadenceDays)) checkInsDue.push({ node, lastAt: node.lastCheckInAt });
    }
    if (node.kind === 'task' && mine && node.fields.status !== 'done' && node.fields.status !== 'dropped') {
      tasks.push(node);
      if (node.fields.status === 'blocked') blockers.push({ node, checkIn: null });
    }
    // Read by position (the columns), decoding only a recent blocker: the whole plan's check-ins are
    // not made into objects for this list.
    const checkIns = index.checkInSeries(id);
    for (let i = 0; i < checkIns.length; i++) {
      if (checkIns.blocker(i) && now - checkIns.at(i) < cadence && checkIns.by(i) === personId) blockers.push({ node, checkIn: checkIns.checkIn(i) });
    }
  }
  checkInsDue.sort((a, b) => (a.lastAt ?? 0) - (b.lastAt ?? 0));
  tasks.sort((a, b) => (a.fields.dueDate ?? '9999').localeCompare(b.fields.dueDate ?? '9999'));
  return { checkInsDue, tasks, blockers };
}
