// review46b F6: at the 2027-Q1 offsite the pulse had no period choice: "N of M key results" and every list mixed last
// quarter's key results, initiatives and blocked tasks with this quarter's. The pulse now answers for the period the
// outline's and canvas's filter holds, reading a node's period as that filter does (its own, else its nearest
// ancestor's), and every card names the period.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, openPlan, type NodeId, type PlanIndex } from '../../../shared/model/index.js';
import { buildSamplePlan } from '../../../shared/model/fixtures/sample-plan.js';
import { pulseQuestions } from '../../../renderer/src/pulse/pulse-figures.js';
import { TestContext } from '../../shared/model/support.js';

const at = (iso: string) => Date.parse(iso);

/** Q4's objective with two key results (one with a blocked task under its initiative), Q1's with one, as on 20 January. */
function offsite() {
  const ctx = new TestContext(at('2026-10-01T09:00:00Z'), 'ada', 'n');
  const plan = openPlan(new Y.Doc(), ctx, { name: 'Offsite' });
  const q4 = plan.addPeriod({ name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
  const q1 = plan.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow in Europe' });
  const winDach = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH', period: q4 });
  const revenue = plan.createNode({ kind: 'key_result', parent: winDach, title: 'Revenue', start: 0, target: 100, direction: 'increase' });
  const logos = plan.createNode({ kind: 'key_result', parent: winDach, title: 'Logos', start: 0, target: 10, direction: 'increase' });
  const office = plan.createNode({ kind: 'initiative', parent: revenue, title: 'Open a Munich office', status: 'active' });
  const lease = plan.createNode({ kind: 'task', parent: office, title: 'Sign the lease' });
  plan.updateNode(lease, { status: 'blocked', blockedReason: 'Landlord silent' });
  ctx.time = at('2027-01-05T09:00:00Z');
  const ownDach = plan.createNode({ kind: 'objective', parent: strategy, title: 'Own DACH', period: q1 });
  const partners = plan.createNode({ kind: 'key_result', parent: ownDach, title: 'Partners', start: 0, target: 20, direction: 'increase' });
  const program = plan.createNode({ kind: 'initiative', parent: partners, title: 'Partner programme', status: 'active' });
  const contract = plan.createNode({ kind: 'task', parent: program, title: 'Partner contract' });
  plan.updateNode(contract, { status: 'blocked', blockedReason: 'Legal' });
  plan.index.refresh(at('2027-01-20T09:00:00Z'));
  return { plan, q4, q1, keyResults: { revenue, logos, partners }, office, program, lease, contract };
}

const card = (index: PlanIndex, id: string, period: string | null = null) => pulseQuestions(index, null, period).find((question) => question.id === id)!;
const nodes = (index: PlanIndex, id: string, period: string | null = null) => card(index, id, period).evidence.map((evidence) => evidence.nodeId).sort();

/** With a period chosen, each card lists exactly the every-period card's node evidence that lies in the period. */
function expectRestriction(index: PlanIndex, period: string): void {
  const periodOf = (nodeId: NodeId | null) => (nodeId === null ? undefined : index.node(nodeId)?.periodId);
  for (const all of pulseQuestions(index)) {
    const chosen = card(index, all.id, period);
    const expected = all.evidence.filter((evidence) => periodOf(evidence.nodeId) === period).map((evidence) => evidence.nodeId).sort();
    expect(nodes(index, all.id, period), `${all.id} in ${period}`).toEqual(expected);
    expect(chosen.count, all.id).toBe(chosen.evidence.length);
    expect(chosen.period, all.id).toBe(index.periods().find((each) => each.id === period)!.name);
  }
}

describe('the pulse for a chosen period (review46b F6)', () => {
  it('in January with 2027-Q1 chosen, it counts Q1\'s key results, initiatives and blocked work, not Q4\'s, and says so', () => {
    const { plan, q1, q4, keyResults, office, program, lease, contract } = offsite();
    const index = plan.index;
    // Every period (nothing chosen): as before, both quarters.
    expect(card(index, 'key_results').figure).toMatch(/ of 3$/);
    expect(card(index, 'key_results').period).toBeNull();
    expect(nodes(index, 'blocked')).toEqual([lease, contract].sort());

    const keyResultsQ1 = card(index, 'key_results', q1);
    expect(keyResultsQ1.figure).toMatch(/ of 1$/);
    expect(keyResultsQ1.period).toBe('2027-Q1');
    for (const evidence of keyResultsQ1.evidence) expect(evidence.nodeId).toBe(keyResults.partners);
    expect(card(index, 'initiatives', q1).figure).toMatch(/ of 1$/);
    expect(nodes(index, 'initiatives', q1)).not.toContain(office);
    // The work under Q1's key result has no period of its own: it is Q1's (inherited), and Q4's is not.
    expect(nodes(index, 'blocked', q1)).toEqual([contract]);
    expect(nodes(index, 'blocked', q4)).toEqual([lease]);
    expect(nodes(index, 'risk', q1)).not.toContain(lease);
    expect(card(index, 'aligned', q1).figure).toBe(`0 of ${[program, contract].length}`);
    expect(card(index, 'key_results', q4).figure).toMatch(/ of 2$/);
    // An empty string is the filter's "Any period".
    expect(pulseQuestions(index, null, '').map((question) => question.figure)).toEqual(pulseQuestions(index).map((question) => question.figure));
    expectRestriction(index, q1);
    expectRestriction(index, q4);
  });

  it('on the sample plan, each period\'s cards list exactly the every-period evidence in that period', () => {
    const today = Date.UTC(2027, 1, 15, 9);
    let id = 0;
    const ctx = { now: () => today, newId: () => `s${++id}`, actor: 'tester' };
    const doc = new Y.Doc();
    const built = buildSamplePlan(doc, ctx);
    const plan = openPlan(doc, ctx, { now: today, baseline: built.baseline });
    expect(plan.index.periods().length).toBeGreaterThan(1);
    for (const period of plan.index.periods()) expectRestriction(plan.index, period.id);
  });
});
