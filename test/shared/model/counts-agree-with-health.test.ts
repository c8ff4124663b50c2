// The counts agree with health (review33 F5): a blocked task that makes a node red counts in that node's
// "Blocked tasks" (the detail panel's summary, the canvas card's "N blocked"). Active work under an archived
// goal stays active by design (it shows as unaligned work), so it counts for both; work under archived or
// withdrawn work counts for neither.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, type NodeId, type Plan } from '../../../shared/model/index.js';
import { newPlan } from './support.js';

function chain(plan: Plan) {
  const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const o = plan.createNode({ kind: 'objective', parent: s, title: 'O' });
  const kr = plan.createNode({ kind: 'key_result', parent: o, title: 'KR', start: 0, target: 100, direction: 'increase' });
  return { s, o, kr };
}

describe('counts agree with health (review33 F5)', () => {
  it('a blocked task under an archived key result counts in "Blocked tasks" on every ancestor whose health it makes red (repro f1-archived-goal)', () => {
    const { plan, ctx } = newPlan();
    const { s, o, kr } = chain(plan);
    const i = plan.createNode({ kind: 'initiative', parent: kr, title: 'I', status: 'active' });
    const t = plan.createNode({ kind: 'task', parent: i, title: 'T', status: 'todo' });
    plan.updateNode(t, { status: 'blocked', blockedReason: 'vendor' });
    plan.updateNode(kr, { archived: true });
    ctx.advance(9);
    plan.index.refresh(ctx.time);
    for (const id of [s, o, kr, i]) {
      const view = plan.index.node(id)!;
      expect(view.health).toBe('off_track');
      expect(view.counts.blocked).toBe(1);
    }
    const summary = plan.index.summary();
    expect(summary.health).toBe('off_track');
    expect(summary.counts.blocked).toBe(1);
  });

  it('property: on any cascade, a node whose health comes from a blocked task below it counts that task as blocked, and no task under withdrawn or archived work has a signal', () => {
    type Op = { op: 'task' | 'initiative'; parent: number; status: number } | { op: 'status'; node: number; status: number } | { op: 'archive'; node: number; archived: boolean };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constantFrom('task' as const, 'initiative' as const), parent: fc.nat(), status: fc.nat() }),
      fc.record({ op: fc.constant('status' as const), node: fc.nat(), status: fc.nat() }),
      fc.record({ op: fc.constant('archive' as const), node: fc.nat(), archived: fc.boolean() }),
    );
    const TASK = ['todo', 'in_progress', 'blocked', 'done', 'dropped'] as const;
    const INITIATIVE = ['active', 'done', 'cancelled', 'proposed'] as const;
    fc.assert(fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
      const { plan, ctx } = newPlan();
      const { o, kr } = chain(plan);
      const nodes: NodeId[] = [o, kr];
      for (const op of ops) {
        try {
          if (op.op === 'task' || op.op === 'initiative') {
            const parent = nodes[op.parent % nodes.length]!;
            if (op.op === 'task') nodes.push(plan.createNode({ kind: 'task', parent, title: 't', status: TASK[op.status % TASK.length]!, dueDate: '2027-03-02' }));
            else nodes.push(plan.createNode({ kind: 'initiative', parent, title: 'i', status: INITIATIVE[op.status % INITIATIVE.length]! }));
          } else if (op.op === 'status') {
            const id = nodes[op.node % nodes.length]!;
            const kind = plan.index.node(id)!.kind;
            if (kind === 'task') plan.updateNode(id, { status: TASK[op.status % TASK.length]! });
            if (kind === 'initiative') plan.updateNode(id, { status: INITIATIVE[op.status % INITIATIVE.length]! });
          } else if (op.op === 'archive') plan.updateNode(nodes[op.node % nodes.length]!, { archived: op.archived });
        } catch { /* refused (kind not allowed): nothing written */ }
      }
      ctx.advance(5);
      plan.index.refresh(ctx.time);
      const withdrawn = (id: string) => { const v = plan.index.node(id)!; return (v.kind === 'initiative' && v.fields.status === 'cancelled') || (v.kind === 'task' && v.fields.status === 'dropped'); };
      for (const id of plan.index.walk()) {
        const view = plan.index.node(id)!;
        if (view.health === 'off_track' && view.healthCause?.signal.kind === 'blocked' && view.healthCause.path.length > 1) expect(view.counts.blocked).toBeGreaterThan(0);
        for (let up = view.parent; up !== ROOT_ID; up = plan.index.node(up)!.parent) {
          if (withdrawn(up)) { expect(view.signals).toEqual([]); expect(view.inactive).toBe(true); }
        }
      }
      const summary = plan.index.summary();
      if (summary.healthCause?.signal.kind === 'blocked') expect(summary.counts.blocked).toBeGreaterThan(0);
    }), { numRuns: 300, seed: 3102 });
  });
});
