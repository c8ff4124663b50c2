// review46b F6: My work had no period choice: in January Ben's list mixed Q4's leftovers with Q1's work. With the
// outline's period filter set it lists the chosen period's (a node's period read as the filter reads it: its own,
// else its nearest ancestor's) and counts what it left out, so nothing of his vanishes unsaid.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, openPlan } from '../../../shared/model/index.js';
import { myWork } from '../../../renderer/src/mywork/my-work.js';
import { TestContext } from '../../shared/model/support.js';

const at = (iso: string) => Date.parse(iso);

describe('my work for a chosen period (review46b F6)', () => {
  it('lists the chosen period\'s tasks, blockers and due check-ins, and counts the rest', () => {
    const ctx = new TestContext(at('2026-10-01T09:00:00Z'), 'ada', 'n');
    const plan = openPlan(new Y.Doc(), ctx, { name: 'Offsite' });
    const ben = plan.addPerson({ name: 'Ben' });
    const q4 = plan.addPeriod({ name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    const q1 = plan.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const winDach = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH', period: q4 });
    const revenue = plan.createNode({ kind: 'key_result', parent: winDach, title: 'Revenue', start: 0, target: 100, direction: 'increase' });
    const office = plan.createNode({ kind: 'initiative', parent: revenue, title: 'Open a Munich office', status: 'active', owner: ben });
    const lease = plan.createNode({ kind: 'task', parent: office, title: 'Sign the lease', assignee: ben });
    plan.updateNode(lease, { status: 'blocked', blockedReason: 'Landlord silent' });
    ctx.time = at('2027-01-05T09:00:00Z');
    const ownDach = plan.createNode({ kind: 'objective', parent: strategy, title: 'Own DACH', period: q1 });
    const partners = plan.createNode({ kind: 'key_result', parent: ownDach, title: 'Partners', start: 0, target: 20, direction: 'increase', owner: ben });
    const programme = plan.createNode({ kind: 'initiative', parent: partners, title: 'Partner programme', status: 'active' });
    const contract = plan.createNode({ kind: 'task', parent: programme, title: 'Partner contract', assignee: ben });
    const now = at('2027-01-20T09:00:00Z');
    plan.index.refresh(now);

    const ids = (work: ReturnType<typeof myWork>) => ({
      due: work.checkInsDue.map((due) => due.node.id).sort(), tasks: work.tasks.map((task) => task.id).sort(), blockers: work.blockers.map((blocker) => blocker.node.id).sort(),
    });
    const all = myWork(plan.index, ben, now);
    expect(ids(all)).toEqual({ due: [office, partners].sort(), tasks: [contract, lease].sort(), blockers: [lease] });
    expect(all.outsidePeriod).toBe(0);
    expect(myWork(plan.index, ben, now, [], '')).toEqual(all);

    const inQ1 = myWork(plan.index, ben, now, [], q1);
    expect(ids(inQ1)).toEqual({ due: [partners], tasks: [contract], blockers: [] });
    expect(inQ1.outsidePeriod).toBe(3);
    const inQ4 = myWork(plan.index, ben, now, [], q4);
    expect(ids(inQ4)).toEqual({ due: [office], tasks: [lease], blockers: [lease] });
    expect(inQ4.outsidePeriod).toBe(2);
  });
});
