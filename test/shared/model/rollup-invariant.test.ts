// The figure a leader reads on an objective or strategy is what its parts show, weighed: after any
// sequence of edits a leadership team makes — key results with targets below their start, ranges,
// weights of 0, check-ins after the period, moves, archiving, deleting and restoring — every
// objective's and strategy's progress equals the weighted mean of the progress its live children
// show (SPEC §2 roll-ups), on the index updated edit by edit and on one rebuilt from the document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isPlanError, openPlan, ROOT_ID, type NodeId, type Plan, type PlanIndex } from '../../../shared/model/index.js';
import { DAY, newPlan, TestContext } from './support.js';

type Op =
  | { op: 'keyResult'; parent: number; start: number; target: number; direction: 'increase' | 'decrease' | 'range' | null; weight: number | null }
  | { op: 'objective'; parent: number; weight: number | null }
  | { op: 'checkIn'; node: number; value: number; days: number }
  | { op: 'weight'; node: number; weight: number }
  | { op: 'move'; node: number; parent: number }
  | { op: 'archive'; node: number; archived: boolean }
  | { op: 'delete'; node: number }
  | { op: 'restore'; node: number };

const small = fc.integer({ min: -50, max: 150 });
const weight = fc.constantFrom(0, 0, 0.5, 1, 2, 3);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('keyResult' as const), parent: fc.nat(), start: small, target: small, direction: fc.constantFrom('increase' as const, 'decrease' as const, 'range' as const, null), weight: fc.option(weight, { nil: null }) }),
  fc.record({ op: fc.constant('objective' as const), parent: fc.nat(), weight: fc.option(weight, { nil: null }) }),
  fc.record({ op: fc.constant('checkIn' as const), node: fc.nat(), value: small, days: fc.integer({ min: 0, max: 120 }) }),
  fc.record({ op: fc.constant('weight' as const), node: fc.nat(), weight }),
  fc.record({ op: fc.constant('move' as const), node: fc.nat(), parent: fc.nat() }),
  fc.record({ op: fc.constant('archive' as const), node: fc.nat(), archived: fc.boolean() }),
  fc.record({ op: fc.constant('delete' as const), node: fc.nat() }),
  fc.record({ op: fc.constant('restore' as const), node: fc.nat() }),
);

/** The roll-up rule restated from what the views show: children that roll up, live and active, weighed by their own weight (default 1). */
function expectedProgress(index: PlanIndex, id: NodeId): number | null {
  const view = index.node(id)!;
  let sum = 0, weights = 0;
  for (const childId of view.childIds) {
    const child = index.node(childId)!;
    const rollsUp = view.kind === 'strategy' ? child.kind === 'objective' : child.kind === 'objective' || child.kind === 'key_result';
    const childWeight = child.fields.weight ?? 1;
    if (!rollsUp || child.inactive || child.progress === null || !(childWeight > 0)) continue;
    sum += child.progress * childWeight;
    weights += childWeight;
  }
  return weights > 0 ? sum / weights : null;
}

function checkRollUps(index: PlanIndex, reached: { measured: number; zeroWeightSkipped: number }): void {
  for (const id of index.walk()) {
    const view = index.node(id)!;
    if (view.kind !== 'objective' && view.kind !== 'strategy') continue;
    const expected = expectedProgress(index, id);
    if (expected === null) expect(view.progress, `${view.kind} ${view.title}`).toBeNull();
    else { expect(view.progress, `${view.kind} ${view.title}`).toBeCloseTo(expected, 12); reached.measured += 1; }
    if (view.childIds.some((child) => index.node(child)!.fields.weight === 0)) reached.zeroWeightSkipped += 1;
    // A key result's own figure is its metric's: (value − start) / (target − start), clamped, from the latest value it lists.
  }
  for (const id of index.walk()) {
    const view = index.node(id)!;
    if (view.kind !== 'key_result' || view.fields.direction === 'range') continue;
    const { start, target } = view.fields;
    if (start === undefined || target === undefined || start === target) continue;
    const listed = index.checkIns(id).filter((checkIn) => checkIn.value !== null && checkIn.value !== undefined);
    const latest = listed.length > 0 ? listed.reduce((a, b) => (b.at > a.at || (b.at === a.at && b.id > a.id) ? b : a)).value! : start;
    expect(view.progress, `key result ${view.title}`).toBeCloseTo(Math.min(1, Math.max(0, (latest - start) / (target - start))), 12);
  }
}

function apply(plan: Plan, ctx: TestContext, ids: NodeId[], op: Op, strategy: NodeId, period: string): void {
  const pick = (n: number) => ids[n % ids.length]!;
  const kindOf = (id: NodeId) => plan.index.node(id)?.kind;
  const objectives = () => ids.filter((id) => kindOf(id) === 'objective');
  try {
    switch (op.op) {
      case 'keyResult': {
        const parents = objectives();
        if (parents.length === 0) return;
        const range = op.direction === 'range' ? { rangeLow: Math.min(op.start, op.target), rangeHigh: Math.max(op.start, op.target) } : {};
        ids.push(plan.createNode({ kind: 'key_result', parent: parents[op.parent % parents.length]!, title: `KR ${ids.length}`, start: op.start, target: op.target === op.start ? op.target + 1 : op.target,
          ...(op.direction ? { direction: op.direction } : {}), ...range, ...(op.weight !== null ? { weight: op.weight } : {}) }));
        return;
      }
      case 'objective': {
        const parents = [strategy, ...objectives()];
        ids.push(plan.createNode({ kind: 'objective', parent: parents[op.parent % parents.length]!, title: `Objective ${ids.length}`, period, ...(op.weight !== null ? { weight: op.weight } : {}) }));
        return;
      }
      case 'checkIn': {
        const id = pick(op.node);
        if (kindOf(id) !== 'key_result') return;
        plan.addCheckIn(id, { value: op.value, at: ctx.time - 60 * DAY + op.days * DAY });
        return;
      }
      case 'weight': plan.updateNode(pick(op.node), { weight: op.weight }); return;
      case 'move': {
        const id = pick(op.node);
        const parents = kindOf(id) === 'key_result' ? objectives() : [strategy, ...objectives()];
        if (parents.length > 0) plan.moveNode(id, { parent: parents[op.parent % parents.length]! });
        return;
      }
      case 'archive': plan.updateNode(pick(op.node), { archived: op.archived }); return;
      case 'delete': plan.deleteNode(pick(op.node)); return;
      case 'restore': plan.restoreNode(pick(op.node)); return;
    }
  } catch (error) {
    // A refused edit (a move into its own subtree, a deleted node edited, a restore of a live node) changes nothing: that is checked too.
    if (!isPlanError(error)) throw error;
  }
}

describe('roll-ups equal what their parts show', () => {
  it('after any edits, on the live index and on one rebuilt from the document', () => {
    const reached = { measured: 0, zeroWeightSkipped: 0, restores: 0 };
    fc.assert(fc.property(fc.array(opArb, { minLength: 5, maxLength: 40 }), (ops) => {
      const { doc, ctx, plan } = newPlan();
      const period = plan.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
      const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
      const ids: NodeId[] = [plan.createNode({ kind: 'objective', parent: strategy, title: 'Win EU', period })];
      for (const op of ops) {
        apply(plan, ctx, ids, op, strategy, period);
        if (op.op === 'restore') reached.restores += 1;
        ctx.advance(0.25);
        plan.index.refresh(ctx.time);
        checkRollUps(plan.index, reached);
      }
      const rebuilt = openPlan(new Y.Doc(), new TestContext(ctx.time));
      Y.applyUpdate(rebuilt.doc, Y.encodeStateAsUpdate(doc));
      rebuilt.index.refresh(ctx.time);
      checkRollUps(rebuilt.index, reached);
      expect([...rebuilt.index.walk()].map((id) => rebuilt.index.node(id)!.progress)).toEqual([...plan.index.walk()].map((id) => plan.index.node(id)!.progress));
      rebuilt.index.destroy();
    }), { seed: 20261204, numRuns: 150 });
    // The run reached the cases it is about.
    expect(reached.measured).toBeGreaterThan(500);
    expect(reached.zeroWeightSkipped).toBeGreaterThan(50);
    expect(reached.restores).toBeGreaterThan(50);
  });
});
