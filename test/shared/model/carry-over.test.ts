// review46b F3: at the end of 2026-Q4 a leadership team carries the key results it missed into 2027-Q1. Before,
// the product had no way but to retype each key result (title, unit, direction, target, owner, team) under the
// new quarter's objective and drag its open initiatives across one by one. `carryOver` does it in one step and
// keeps the old quarter's history as it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, createUndoManager, openPlan, PlanError, type NodeId, type Plan } from '../../../shared/model/index.js';
import { DAY, TestContext, nodeId, syncDocs } from './support.js';

const Q4_START = Date.UTC(2026, 9, 1, 9);

interface Quarter { doc: Y.Doc; ctx: TestContext; plan: Plan; q4Objective: NodeId; q1Objective: NodeId; revenue: NodeId; initiatives: Record<string, NodeId>; tasks: NodeId[] }

/** A 2026-Q4 objective with "Revenue" (0 → 100 k€, 60 reached) and its initiatives in every status, and a 2027-Q1 objective. */
function quarter(): Quarter {
  const doc = new Y.Doc();
  const ctx = new TestContext(Q4_START, 'ada', 'a');
  const plan = openPlan(doc, ctx, { name: 'Offsite' });
  const q4 = plan.addPeriod({ name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
  const q1 = plan.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
  const cara = plan.addPerson({ name: 'Cara' });
  const sales = plan.addTeam({ name: 'Sales' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const q4Objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH', period: q4 });
  const q1Objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Own DACH', period: q1 });
  const revenue = plan.createNode({ kind: 'key_result', parent: q4Objective, title: 'Revenue', description: 'New ARR from DACH', start: 0, target: 100, unit: 'k€', direction: 'increase', owner: cara, team: sales, priority: 'high', weight: 2 });
  const initiatives: Record<string, NodeId> = {};
  for (const status of ['active', 'done', 'proposed', 'paused', 'cancelled'] as const) initiatives[status] = plan.createNode({ kind: 'initiative', parent: revenue, title: `Campaign ${status}`, status });
  initiatives.none = plan.createNode({ kind: 'initiative', parent: revenue, title: 'Campaign without status' });
  initiatives.archived = plan.createNode({ kind: 'initiative', parent: revenue, title: 'Campaign archived', status: 'active', archived: true });
  const tasks = [plan.createNode({ kind: 'task', parent: initiatives.active!, title: 'Book the fair', status: 'done' }), plan.createNode({ kind: 'task', parent: initiatives.active!, title: 'Call leads', status: 'todo' })];
  for (const [day, value] of [[20, 25], [60, 45], [85, 60]] as const) {
    ctx.time = Q4_START + day * DAY;
    plan.addCheckIn(revenue, { value, confidence: 6 });
    plan.addCheckIn(initiatives.active!, { note: `week ${day}` });
  }
  ctx.time = Date.UTC(2027, 0, 12, 9);
  plan.index.refresh(ctx.time);
  return { doc, ctx, plan, q4Objective, q1Objective, revenue, initiatives, tasks };
}

describe('carrying a key result over to the next period (review46b F3)', () => {
  it('makes the key result under the Q1 objective from where Q4 ended, with its open initiatives, and leaves Q4 as it was', () => {
    const { ctx, plan, q4Objective, q1Objective, revenue, initiatives, tasks } = quarter();
    const q4Before = { progress: plan.index.node(q4Objective)!.progress, checkIns: plan.index.checkIns(revenue).length, revenue: plan.index.node(revenue)!.progress };
    const carried = plan.carryOver(revenue, q1Objective);
    plan.index.refresh(ctx.time);
    const view = plan.index.node(carried)!;
    expect(view.parent).toBe(q1Objective);
    expect(plan.index.title(carried)).toBe('Revenue');
    expect(plan.index.description(carried)).toBe('New ARR from DACH');
    expect(view.fields).toMatchObject({ start: 60, target: 100, unit: 'k€', direction: 'increase', priority: 'high', weight: 2 });
    expect(view.fields.owner).toBe(plan.index.node(revenue)!.fields.owner);
    expect(view.fields.team).toBe(plan.index.node(revenue)!.fields.team);
    expect(view.fields.period).toBeUndefined();
    expect(view.progress).toBe(0);
    // The open initiatives (active, no status) go along with their tasks and check-ins; the rest stay in Q4.
    expect([...view.childIds].sort()).toEqual([initiatives.active, initiatives.none].sort());
    expect(plan.index.node(initiatives.active!)!.childIds).toEqual(tasks);
    expect(plan.index.checkIns(initiatives.active!)).toHaveLength(3);
    expect([...plan.index.node(revenue)!.childIds].sort()).toEqual([initiatives.done, initiatives.proposed, initiatives.paused, initiatives.cancelled, initiatives.archived].sort());
    // Q4's history: its check-ins and figures, untouched; its period's verdict stays on it.
    expect(plan.index.checkIns(revenue)).toHaveLength(q4Before.checkIns);
    expect(plan.index.node(revenue)!.progress).toBe(q4Before.revenue);
    expect(plan.index.node(q4Objective)!.progress).toBe(q4Before.progress);
    expect(plan.index.checkIns(carried)).toHaveLength(0);
  });

  it('is one undo step', () => {
    const { ctx, plan, q1Objective, revenue, initiatives } = quarter();
    const undo = createUndoManager(plan);
    const carried = plan.carryOver(revenue, q1Objective);
    undo.undo();
    plan.index.refresh(ctx.time);
    expect(plan.index.node(carried)).toBeUndefined();
    expect(plan.index.node(initiatives.active!)!.parent).toBe(revenue);
    expect(plan.index.node(q1Objective)!.childIds).toEqual([]);
  });

  it('refuses what is not a key result, a place that is not an objective, and an archived objective, writing nothing', () => {
    const { doc, plan, q4Objective, q1Objective, revenue, initiatives } = quarter();
    const before = Y.encodeStateVector(doc);
    expect(() => plan.carryOver(initiatives.active!, q1Objective)).toThrow(/only a key result is carried over, not a initiative|only a key result/);
    expect(() => plan.carryOver(revenue, initiatives.active!)).toThrow(/to an objective, not to a initiative/);
    expect(() => plan.carryOver(revenue, nodeId('nowhere'))).toThrow(PlanError);
    plan.updateNode(q4Objective, { archived: true });
    plan.index.refresh(Date.UTC(2027, 0, 12, 10));
    const afterArchive = Y.encodeStateVector(doc);
    expect(() => plan.carryOver(revenue, q4Objective)).toThrow(/is archived/);
    expect(Y.encodeStateVector(doc)).toEqual(afterArchive);
    expect(afterArchive).not.toEqual(before);
  });

  it('property: with Ben checking in on, renaming and moving the initiatives on his laptop while Ada carries the key result over, after sync both laptops agree and nothing either did is lost', () => {
    const opArb = fc.record({ initiative: fc.constantFrom('active', 'none', 'done', 'paused'), what: fc.constantFrom('check-in', 'rename', 'status-done', 'to-q4-objective') });
    fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (ops, benFirst) => {
      const { doc, plan: ada, q4Objective, q1Objective, revenue, initiatives } = quarter();
      const benDoc = new Y.Doc();
      syncDocs(doc, benDoc);
      const benCtx = new TestContext(Date.UTC(2027, 0, 12, 9, 5), 'ben', 'b');
      const ben = openPlan(benDoc, benCtx);
      const expectedCheckIns = new Map<NodeId, number>();
      const renamed = new Map<NodeId, string>();
      const benMoved = new Set<NodeId>();
      const benOps = () => ops.forEach((op, i) => {
        const id = initiatives[op.initiative]!;
        benCtx.time += 60_000;
        if (op.what === 'check-in') ben.addCheckIn(id, { note: `Ben ${i}` });
        else if (op.what === 'rename') { ben.setTitle(id, `Renamed ${i}`); renamed.set(id, `Renamed ${i}`); }
        else if (op.what === 'status-done') ben.updateNode(id, { status: 'done' });
        else { ben.moveNode(id, { parent: q4Objective }); benMoved.add(id); }
      });
      if (benFirst) benOps();
      const carried = ada.carryOver(revenue, q1Objective);
      if (!benFirst) benOps();
      syncDocs(doc, benDoc);
      syncDocs(benDoc, doc);
      const now = Date.UTC(2027, 0, 12, 12);
      ada.index.refresh(now);
      ben.index.refresh(now);
      for (const id of Object.values(initiatives)) expectedCheckIns.set(id, ada.index.checkIns(id).length);
      for (const id of Object.values(initiatives)) {
        const a = ada.index.node(id)!, b = ben.index.node(id)!;
        // Both laptops agree on every initiative's place, title, status and check-ins; none is lost.
        expect(a.parent).toBe(b.parent);
        expect(ada.index.title(id)).toBe(ben.index.title(id));
        expect(a.fields.status).toBe(b.fields.status);
        expect(ben.index.checkIns(id)).toHaveLength(expectedCheckIns.get(id)!);
        if (renamed.has(id)) expect(ada.index.title(id)).toBe(renamed.get(id));
        // A move made at once is kept or listed as a lost move, never dropped in silence.
        if (benMoved.has(id) && (id === initiatives.active || id === initiatives.none)) {
          const lostTo = [a.parent, ...a.lostMoves.map((move) => move.parent)];
          expect(lostTo).toContain(q4Objective);
          expect(lostTo).toContain(carried);
        }
      }
      const benCheckIns = ops.filter((op) => op.what === 'check-in').length;
      const total = Object.values(initiatives).reduce((sum, id) => sum + ada.index.checkIns(id).length, 0);
      expect(total).toBe(3 + benCheckIns);
      expect(ada.index.node(carried)).toBeDefined();
      expect(ben.index.node(carried)!.parent).toBe(q1Objective);
      expect(ada.index.checkIns(revenue)).toHaveLength(3);
    }), { numRuns: 60, seed: 46 });
  });
});
