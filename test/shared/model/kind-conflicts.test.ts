// A change of kind is recorded like a field edit or a move (review33 F4). Two people changing a node's kind at
// once: one kind shows, the other is offered on the node with who made it, on every replica, until someone
// picks. A kind a move gave travels with that move's place: no node shows one person's kind under another's
// parent, and the lost move's "put it there" works, giving the node the kind it had after that move.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isPlanError, openPlan, parentAllowed, ROOT_ID, type NodeKind, type Plan } from '../../../shared/model/index.js';
import { snapshotIndex, syncDocs, T0, TestContext } from './support.js';

function pair(clientA = 0, clientB = 0) {
  const docA = new Y.Doc(); if (clientA) docA.clientID = clientA;
  const ctxA = new TestContext(T0, 'ada', 'a');
  const planA = openPlan(docA, ctxA);
  const docB = new Y.Doc(); if (clientB) docB.clientID = clientB;
  syncDocs(docA, docB);
  const ctxB = new TestContext(T0, 'ben', 'b');
  const planB = openPlan(docB, ctxB);
  return { docA, ctxA, planA, docB, ctxB, planB };
}
const both = (a: Y.Doc, b: Y.Doc) => { syncDocs(a, b); syncDocs(b, a); };

describe('two kind changes at once (repro f4-kind-race)', () => {
  for (const [clientA, clientB] of [[1, 2], [2, 1]] as const) {
    it(`one kind shows and the other is offered, on both replicas, with who chose it (client ids ${clientA}/${clientB})`, () => {
      const { planA, docA, ctxA, planB, docB, ctxB } = pair(clientA, clientB);
      const s = planA.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
      const o = planA.createNode({ kind: 'objective', parent: s, title: 'O' });
      const n = planA.createNode({ kind: 'key_result', parent: o, title: 'Launch', start: 0, target: 1 });
      syncDocs(docA, docB);
      ctxA.time += 1000; ctxB.time += 2000;
      planA.changeKind(n, 'kpi');
      planB.changeKind(n, 'initiative');
      both(docA, docB);
      const views = [planA, planB].map((plan) => { plan.index.refresh(T0 + 5000); return plan.index.node(n)!; });
      expect(views[0]!.kind).toBe(views[1]!.kind);
      const shown = views[0]!.kind;
      const other: NodeKind = shown === 'kpi' ? 'initiative' : 'kpi';
      for (const view of views) expect(view.kindConflicts.map(({ kind, by }) => ({ kind, by }))).toEqual([{ kind: other, by: other === 'kpi' ? 'ada' : 'ben' }]);

      // Ben picks the kind offered: both replicas show it, and nothing is offered any more.
      const picker = other === 'kpi' ? planA : planB;
      picker.changeKind(n, other);
      both(docA, docB);
      for (const plan of [planA, planB]) {
        plan.index.refresh(T0 + 5000);
        expect(plan.index.node(n)!.kind).toBe(other);
        expect(plan.index.node(n)!.kindConflicts).toEqual([]);
      }
    });
  }

  it('keeping the kind shown resolves the conflict too', () => {
    const { planA, docA, planB, docB } = pair(1, 2);
    const s = planA.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const o = planA.createNode({ kind: 'objective', parent: s, title: 'O' });
    const n = planA.createNode({ kind: 'key_result', parent: o, title: 'Launch', start: 0, target: 1 });
    syncDocs(docA, docB);
    planA.changeKind(n, 'kpi');
    planB.changeKind(n, 'initiative');
    both(docA, docB);
    planA.index.refresh(T0);
    const shown = planA.index.node(n)!.kind;
    planA.changeKind(n, shown);
    both(docA, docB);
    for (const plan of [planA, planB]) { plan.index.refresh(T0); expect(plan.index.node(n)!.kind).toBe(shown); expect(plan.index.node(n)!.kindConflicts).toEqual([]); }
  });
});

describe('a kind given by a move travels with its place (repros f5-move-kind-mix, f5c-take-lost)', () => {
  const outcomes = new Set<string>();
  afterAll(() => { expect([...outcomes].sort()).toEqual(['ada', 'ben']); });
  for (const [clientA, clientB] of [[1, 2], [2, 1], [7, 3], [3, 7]] as const) {
    it(`Ada's outdent-as-key-result and Ben's indent under a task never make a key result under a task, and the lost move can be taken (client ids ${clientA}/${clientB})`, () => {
      const { planA, docA, ctxA, planB, docB, ctxB } = pair(clientA, clientB);
      const s = planA.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
      const o = planA.createNode({ kind: 'objective', parent: s, title: 'O' });
      const k = planA.createNode({ kind: 'key_result', parent: o, title: 'K', start: 0, target: 10 });
      const i = planA.createNode({ kind: 'initiative', parent: k, title: 'I', status: 'active' });
      const t0 = planA.createNode({ kind: 'task', parent: i, title: 'T0', status: 'todo' });
      const n = planA.createNode({ kind: 'task', parent: i, title: 'New line', status: 'todo' });
      syncDocs(docA, docB);
      ctxA.time += 1000; ctxB.time += 1000;
      planA.moveNode(n, { parent: o, kind: 'key_result' });
      planB.moveNode(n, { parent: t0 });
      both(docA, docB);
      for (const plan of [planA, planB]) plan.index.refresh(T0 + 2000);
      const view = planA.index.node(n)!;
      expect(snapshotIndex(planB.index)).toEqual(snapshotIndex(planA.index));
      // Either Ada's move (a key result under O) or Ben's (a task under T0), never a mix.
      expect(view.parent === o ? view.kind === 'key_result' : view.parent === t0 && view.kind === 'task').toBe(true);
      outcomes.add(view.parent === o ? 'ada' : 'ben');
      expect(view.signals.map((signal) => signal.kind)).not.toContain('misplaced');
      expect(view.lostMoves).toHaveLength(1);
      const lost = view.lostMoves[0]!;
      expect(lost.kind).toBe(view.parent === o ? 'task' : 'key_result');
      // "Put it there" works, with that move's kind, for both.
      planB.takeLostMove(n, lost.moveId);
      both(docA, docB);
      for (const plan of [planA, planB]) {
        plan.index.refresh(T0 + 3000);
        const after = plan.index.node(n)!;
        expect(after.parent).toBe(lost.parent);
        expect(after.kind).toBe(lost.kind);
        expect(after.lostMoves).toEqual([]);
      }
    });
  }
});

type Op = { who: number; op: 'move' | 'moveKind' | 'kind' | 'create' | 'delete'; a: number; b: number; k: number };
const KINDS: NodeKind[] = ['objective', 'key_result', 'kpi', 'initiative', 'task'];
const opArb = fc.record({ who: fc.nat({ max: 2 }), op: fc.constantFrom('move', 'moveKind', 'kind', 'create', 'delete') as fc.Arbitrary<Op['op']>, a: fc.nat({ max: 50 }), b: fc.nat({ max: 50 }), k: fc.nat({ max: 4 }) });

describe('property: an offered pick works (review33 F4)', () => {
  it('after random concurrent moves, kind changes, creates and deletes on three replicas in random delivery orders, every replica shows the same kinds and conflicts, and every lost move whose kind fits where it goes can be taken', () => {
    fc.assert(fc.property(fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), (rounds, order) => {
      const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
      const ctxs = [new TestContext(T0, 'ada', 'a'), new TestContext(T0, 'ben', 'b'), new TestContext(T0, 'cy', 'c')];
      const p0 = openPlan(docs[0]!, ctxs[0]!);
      const s = p0.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
      const o = p0.createNode({ kind: 'objective', parent: s, title: 'O' });
      const k = p0.createNode({ kind: 'key_result', parent: o, title: 'K', start: 0, target: 10 });
      const i = p0.createNode({ kind: 'initiative', parent: k, title: 'I' });
      p0.createNode({ kind: 'task', parent: i, title: 'T' });
      syncDocs(docs[0]!, docs[1]!); syncDocs(docs[0]!, docs[2]!);
      const plans: Plan[] = [p0, openPlan(docs[1]!, ctxs[1]!), openPlan(docs[2]!, ctxs[2]!)];
      for (const round of rounds) {
        for (const step of round) {
          const plan = plans[step.who]!;
          ctxs[step.who]!.time += 1000;
          const ids = [...plan.index.structure().tree.parent.keys()].sort();
          const a = ids[step.a % ids.length]! as never, b = ids[step.b % ids.length]! as never;
          try {
            if (step.op === 'move') plan.moveNode(a, { parent: b });
            if (step.op === 'moveKind') plan.moveNode(a, { parent: b, kind: KINDS[step.k]! });
            if (step.op === 'kind') plan.changeKind(a, KINDS[step.k]!);
            if (step.op === 'create') plan.createNode({ kind: KINDS[step.k]!, parent: b, title: 'new' });
            if (step.op === 'delete') plan.deleteNode(a);
          } catch (error) { if (!isPlanError(error)) throw error; }
        }
        for (const x of order) for (const y of order) if (x !== y) syncDocs(docs[x]!, docs[y]!);
      }
      for (const x of [0, 1, 2]) for (const y of [0, 1, 2]) if (x !== y) syncDocs(docs[x]!, docs[y]!);
      for (const plan of plans) plan.index.refresh(T0);
      expect(snapshotIndex(plans[1]!.index)).toEqual(snapshotIndex(plans[0]!.index));
      expect(snapshotIndex(plans[2]!.index)).toEqual(snapshotIndex(plans[0]!.index));
      const plan = plans[0]!;
      const offers: { id: string; moveId: string }[] = [];
      for (const id of plan.index.walk()) {
        const view = plan.index.node(id)!;
        for (const move of view.lostMoves) {
          const parent = move.parent === ROOT_ID ? null : plan.index.node(move.parent);
          if (move.parent !== ROOT_ID && parent === undefined) continue;
          const kind = move.kind ?? view.kind;
          if (!parentAllowed(kind, parent ? parent.kind : ROOT_ID)) continue;
          if (!view.childIds.every((child) => parentAllowed(plan.index.node(child)!.kind, kind))) continue;
          let inside = false;
          for (let up: string | undefined = move.parent; up !== undefined && up !== ROOT_ID; up = plan.index.node(up)?.parent) if (up === id) inside = true;
          if (!inside) offers.push({ id, moveId: move.moveId });
        }
      }
      for (const offer of offers.slice(0, 1)) expect(() => plan.takeLostMove(offer.id as never, offer.moveId)).not.toThrow();
      for (const p of plans) p.index.destroy();
    }), { numRuns: 200, seed: 3104 });
  });
});
