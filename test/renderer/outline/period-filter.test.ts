// usercheck18: the period filter (outline and canvas share it) matched a node's own period only.
// Initiatives and tasks have no period field, so a leader filtering "2027-Q1" saw the Q1 key results
// and none of the work under them. A node's period is now its own, else its nearest ancestor's
// (docs/data-model.md, "own or inherited period"), and it stays so through moves and period edits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { filterPredicate } from '../../../renderer/src/outline/outline-filter.js';
import { noFilters } from '../../../renderer/src/store/ui-slice.js';

function freshPlan(): Plan {
  let id = 0;
  let clock = Date.UTC(2027, 0, 10);
  return openPlan(new Y.Doc(), { now: () => (clock += 1000), newId: () => `id${++id}`, actor: 'tester' }, { name: 'Test' });
}

/** The period a leader means: the node's own known period, else the nearest ancestor's. */
function expectedPeriod(plan: Plan, id: NodeId): string | null {
  const known = new Set(plan.index.periods().map((period) => period.id));
  for (let current: string | undefined = id; current !== undefined && current !== ROOT_ID; current = plan.index.parentOf(current)) {
    const own = plan.index.node(current)?.fields.period;
    if (own !== undefined && known.has(own)) return own;
  }
  return null;
}

function live(plan: Plan): NodeId[] {
  const ids: NodeId[] = [];
  for (let queue = [...plan.index.children()], i = 0; i < queue.length; i++) {
    ids.push(queue[i]!);
    queue.push(...plan.index.children(queue[i]!));
  }
  return ids;
}

describe('the period filter', () => {
  it('finds the initiatives and tasks under a Q1 key result, and not those under a Q2 one', () => {
    const plan = freshPlan();
    const q1 = plan.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
    const q2 = plan.addPeriod({ name: '2027-Q2', start: '2027-04-01', end: '2027-06-30' });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH', period: q1 });
    const early = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100 });
    const late = plan.createNode({ kind: 'key_result', parent: objective, title: 'Partners', start: 0, target: 5, period: q2 });
    const office = plan.createNode({ kind: 'initiative', parent: early, title: 'Open Munich' });
    const lease = plan.createNode({ kind: 'task', parent: office, title: 'Sign the lease' });
    const fair = plan.createNode({ kind: 'initiative', parent: late, title: 'Trade fair' });
    plan.index.refresh(plan.index.now);
    const inQ1 = filterPredicate(plan.index, { ...noFilters, period: q1 })!;
    expect([objective, early, office, lease, late, fair, strategy].map(inQ1)).toEqual([true, true, true, true, false, false, false]);
    const inQ2 = filterPredicate(plan.index, { ...noFilters, period: q2 })!;
    expect([late, fair, office].map(inQ2)).toEqual([true, true, false]);
  });

  it('matches exactly the nodes whose own or nearest ancestor period is the one chosen, through moves and period edits', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(3)), { minLength: 1, maxLength: 25 }),
      (steps) => {
        const plan = freshPlan();
        const periods = [
          plan.addPeriod({ name: 'Q1', start: '2027-01-01', end: '2027-03-31' }),
          plan.addPeriod({ name: 'Q2', start: '2027-04-01', end: '2027-06-30' }),
        ];
        const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
        const objectives = [plan.createNode({ kind: 'objective', parent: strategy, title: 'O1', period: periods[0]! }), plan.createNode({ kind: 'objective', parent: strategy, title: 'O2' })];
        const keyResults = objectives.flatMap((objective, i) => [
          plan.createNode({ kind: 'key_result', parent: objective, title: `K${i}a`, start: 0, target: 1 }),
          plan.createNode({ kind: 'key_result', parent: objective, title: `K${i}b`, start: 0, target: 1, period: periods[1]! }),
        ]);
        const initiatives = keyResults.map((keyResult, i) => plan.createNode({ kind: 'initiative', parent: keyResult, title: `I${i}` }));
        initiatives.forEach((initiative, i) => plan.createNode({ kind: 'task', parent: initiative, title: `T${i}` }));
        plan.index.refresh(plan.index.now);
        for (const [a, b, what] of steps) {
          // Each step as the app makes it: one operation, then a refresh (the incremental path).
          if (what === 0) plan.moveNode(initiatives[a % initiatives.length]!, { parent: keyResults[b % keyResults.length]! });
          else if (what === 1) plan.updateNode(keyResults[a % keyResults.length]!, { period: b % 3 === 2 ? null : periods[b % 2]! });
          else if (what === 2) plan.updateNode(objectives[a % objectives.length]!, { period: b % 3 === 2 ? null : periods[b % 2]! });
          else plan.moveNode(keyResults[a % keyResults.length]!, { parent: objectives[b % objectives.length]! });
          plan.index.refresh(plan.index.now);
        }
        for (const period of periods) {
          const matches = filterPredicate(plan.index, { ...noFilters, period })!;
          for (const id of live(plan)) expect(matches(id), `${plan.index.title(id)} in ${period}`).toBe(expectedPeriod(plan, id) === period);
        }
      },
    ), { numRuns: 150 });
  });
});
