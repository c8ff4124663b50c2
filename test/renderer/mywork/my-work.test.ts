import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPlan, type Plan, type PlanContext } from '../../../shared/model/index.js';
import { buildSamplePlan, type SamplePlan } from '../../../shared/model/fixtures/sample-plan.js';
import { myWork } from '../../../renderer/src/mywork/my-work.js';

const today = Date.UTC(2027, 1, 15, 9);

function sample(): { plan: Plan; built: SamplePlan } {
  let id = 0;
  const ctx: PlanContext = { now: () => today, newId: () => `s${++id}`, actor: 'tester' };
  const doc = new Y.Doc();
  const built = buildSamplePlan(doc, ctx);
  const plan = openPlan(doc, ctx, { now: today, baseline: built.baseline });
  return { plan, built };
}

describe('my work', () => {
  it('lists the open tasks, blockers and due check-ins of one person', () => {
    const { plan, built } = sample();
    const blocked = plan.index.node(built.handles.blockedTask)!;
    const person = blocked.fields.assignee ?? blocked.fields.owner!;
    const work = myWork(plan.index, person, today);
    expect(work.tasks.map((task) => task.id)).toContain(built.handles.blockedTask);
    expect(work.blockers.map((blocker) => blocker.node.id)).toContain(built.handles.blockedTask);
    for (const task of work.tasks) expect(['done', 'dropped']).not.toContain(task.fields.status);
    const stale = plan.index.node(built.handles.staleKeyResult)!;
    const staleWork = myWork(plan.index, stale.fields.owner!, today);
    expect(staleWork.checkInsDue.map((due) => due.node.id)).toContain(built.handles.staleKeyResult);
  });

  it('clears a due check-in once one is recorded', () => {
    const { plan, built } = sample();
    const stale = plan.index.node(built.handles.staleKeyResult)!;
    plan.addCheckIn(stale.id, { confidence: 6 });
    plan.index.refresh(today);
    expect(myWork(plan.index, stale.fields.owner!, today).checkInsDue.map((due) => due.node.id)).not.toContain(stale.id);
  });

  // usercheck10: due counted elapsed 24-hour spans, the stale signal now the plan's calendar days; a key
  // result flagged stale must be due, and one checked in at 00:30 a week ago is due from midnight.
  it('a check-in is due on the cadence\'s last calendar day in the plan\'s zone, and whatever is stale is due', () => {
    const { plan, built } = sample();
    const keyResult = plan.index.node(built.handles.staleKeyResult)!;
    const lastAt = Date.UTC(2027, 1, 8, 0, 30);
    plan.addCheckIn(keyResult.id, { value: 1, at: lastAt });
    const due = (now: number) => { plan.index.refresh(now); return myWork(plan.index, keyResult.fields.owner!, now).checkInsDue.some((entry) => entry.node.id === keyResult.id); };
    expect(due(Date.UTC(2027, 1, 14, 23, 59))).toBe(false);
    expect(due(Date.UTC(2027, 1, 15, 0, 10))).toBe(true); // 7 calendar days, 6 days 23 h 40 min elapsed
    for (const now of [Date.UTC(2027, 1, 16, 0, 10), Date.UTC(2027, 1, 16, 1)]) {
      plan.index.refresh(now);
      const staleIds = [...plan.index.walk()].filter((id) => plan.index.node(id)!.signals.some((signal) => signal.kind === 'stale'));
      for (const id of staleIds) {
        const node = plan.index.node(id)!;
        if (node.fields.owner) expect(myWork(plan.index, node.fields.owner, now).checkInsDue.map((entry) => entry.node.id)).toContain(id);
      }
      expect(staleIds).toContain(keyResult.id);
    }
  });
});

