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
});
