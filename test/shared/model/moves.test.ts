// Moves made by two people while apart: the node shows one deterministic place on every replica
// (Yjs's winner) and the other move stays on the node as a lost move, with where, who and when,
// until someone puts it there or moves the node again having seen both. Nobody's move is undone
// on their screen without a word.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, createUndoManager, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { MOVE_KEY_PREFIX } from '../../../shared/model/moves.js';
import { TestContext, syncDocs } from './support.js';

interface Replicas {
  docs: Y.Doc[]; plans: Plan[]; ctxs: TestContext[];
  strategies: NodeId[]; objectives: NodeId[];
  syncAll(): void; refresh(): void;
}

/** Three strategies, four objectives (o1, o2 under s1; o3 under s2; o4 under s3), on `count` replicas. */
function replicas(count = 2): Replicas {
  const docs = Array.from({ length: count }, () => new Y.Doc());
  const ctxs = docs.map((_, i) => new TestContext(undefined, `user${i}`, `r${i}x`));
  const first = openPlan(docs[0]!, ctxs[0]!);
  const strategies = ['Grow', 'Retain', 'Expand'].map((title) => first.createNode({ kind: 'strategy', parent: ROOT_ID, title }));
  const objectives = [0, 0, 1, 2].map((s, i) => first.createNode({ kind: 'objective', parent: strategies[s]!, title: `Objective ${i + 1}` }));
  const plans = [first];
  for (let i = 1; i < count; i++) { syncDocs(docs[0]!, docs[i]!); plans.push(openPlan(docs[i]!, ctxs[i]!)); }
  const refresh = () => { for (const plan of plans) plan.index.refresh(plan.index.now); };
  const syncAll = () => {
    for (let round = 0; round < 2; round++) for (const a of docs) for (const b of docs) if (a !== b) syncDocs(a, b);
    refresh();
  };
  return { docs, plans, ctxs, strategies, objectives, syncAll, refresh };
}

describe('lost moves', () => {
  it('one objective moved under two strategies while apart: one place shown everywhere, the other kept on the node with where, who and when', () => {
    const { plans: [a, b], ctxs, strategies: [, retain, expand], objectives: [o1], syncAll } = replicas();
    ctxs[0]!.advance(1);
    a!.moveNode(o1!, { parent: retain! });
    ctxs[1]!.advance(2);
    b!.moveNode(o1!, { parent: expand! });
    syncAll();
    const shown = a!.index.node(o1!)!.parent;
    expect([retain, expand]).toContain(shown);
    expect(b!.index.node(o1!)!.parent).toBe(shown);
    const lost = shown === retain ? { parent: expand, by: 'user1', at: ctxs[1]!.time } : { parent: retain, by: 'user0', at: ctxs[0]!.time };
    for (const plan of [a!, b!]) {
      expect(plan.index.node(o1!)!.lostMoves).toHaveLength(1);
      expect(plan.index.node(o1!)!.lostMoves[0]).toMatchObject(lost);
    }
    expect(b!.index.node(o1!)!.lostMoves).toEqual(a!.index.node(o1!)!.lostMoves);
  });

  it('a move received before the move it followed is not taken as seen: three people, updates out of order (fast-check counterexample, seed 485169217)', () => {
    const { docs, plans, ctxs, strategies: [grow, retain], objectives: [o1], syncAll } = replicas(3);
    const updateOf = (i: number, write: () => void): Uint8Array => {
      const before = Y.encodeStateVector(docs[i]!);
      write();
      return Y.encodeStateAsUpdate(docs[i]!, before);
    };
    // Hana (2) moves the objective; Ada (0) receives it and moves it again; Ben (1) receives only Ada's
    // move, which Yjs holds back until Hana's arrives, and moves the objective elsewhere.
    ctxs[2]!.advance(1);
    const hanas = updateOf(2, () => plans[2]!.moveNode(o1!, { parent: grow!, index: 0 }));
    Y.applyUpdate(docs[0]!, hanas);
    plans[0]!.index.refresh(plans[0]!.index.now);
    ctxs[0]!.advance(2);
    const adas = updateOf(0, () => plans[0]!.moveNode(o1!, { parent: grow!, index: 0 }));
    Y.applyUpdate(docs[1]!, adas);
    plans[1]!.index.refresh(plans[1]!.index.now);
    expect(plans[1]!.index.node(o1!)!.parent).toBe(grow); // Ben still sees where it was before any move
    ctxs[1]!.advance(3);
    plans[1]!.moveNode(o1!, { parent: retain!, index: 0 });
    syncAll();
    // Ben never saw Ada's move: whichever move is shown, the other stays on the node as a lost move.
    for (const plan of plans) {
      const view = plan.index.node(o1!)!;
      expect(new Set([view.parent, ...view.lostMoves.map((move) => move.parent)])).toEqual(new Set([grow, retain]));
      expect(view.lostMoves).toEqual(plans[0]!.index.node(o1!)!.lostMoves);
    }
  });

  it('survives a reload: a plan opened from the stored state shows the same lost move', () => {
    const { docs, plans: [a, b], strategies: [, retain, expand], objectives: [o1], syncAll } = replicas();
    a!.moveNode(o1!, { parent: retain! });
    b!.moveNode(o1!, { parent: expand! });
    syncAll();
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(docs[0]!));
    const plan = openPlan(reloaded, new TestContext(undefined, 'user2', 'r2x'));
    expect(plan.index.node(o1!)!.lostMoves).toEqual(a!.index.node(o1!)!.lostMoves);
    expect(plan.index.node(o1!)!.lostMoves).toHaveLength(1);
  });

  it('moves made one after another (each having seen the last) report nothing; nor does a node never moved', () => {
    const { plans: [a, b], strategies: [, retain, expand], objectives: [o1, o2], syncAll } = replicas();
    a!.moveNode(o1!, { parent: retain! });
    syncAll();
    b!.moveNode(o1!, { parent: expand! });
    syncAll();
    a!.moveNode(o1!, { parent: retain!, index: 0 });
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.index.node(o1!)!.parent).toBe(retain);
      expect(plan.index.node(o1!)!.lostMoves).toEqual([]);
      expect(plan.index.node(o2!)!.lostMoves).toEqual([]);
    }
    // One record per moved node, not one per move.
    const records = [...a!.types.nodes.get(o1!)!.keys()].filter((key) => key.startsWith(MOVE_KEY_PREFIX));
    expect(records).toHaveLength(1);
  });

  it('the same move made on both sides is no conflict; a reorder among the same siblings is one', () => {
    const { plans: [a, b], strategies: [grow, retain], objectives: [o1, o2], syncAll } = replicas();
    a!.moveNode(o1!, { parent: retain! });
    b!.moveNode(o1!, { parent: retain! });
    syncAll();
    for (const plan of [a!, b!]) expect(plan.index.node(o1!)!.lostMoves).toEqual([]);
    // o1 is now after o3 under "Retain"; o2 stays under "Grow": move o2 before and after nothing, apart.
    a!.moveNode(o2!, { parent: grow!, index: 0 });
    b!.moveNode(o2!, { parent: retain!, index: 0 });
    syncAll();
    expect(a!.index.node(o2!)!.lostMoves).toHaveLength(1);
    a!.moveNode(o1!, { parent: retain!, index: 0 });
    b!.moveNode(o1!, { parent: retain!, index: 2 });
    syncAll();
    const lost = a!.index.node(o1!)!.lostMoves;
    expect(lost).toHaveLength(1);
    expect(lost[0]!.parent).toBe(retain);
    expect(b!.index.node(o1!)!.lostMoves).toEqual(lost);
  });

  it('putting it where the lost move would have resolves the conflict for everyone, in one undo step', () => {
    const { plans: [a, b], strategies: [, retain, expand], objectives: [o1], syncAll } = replicas();
    a!.moveNode(o1!, { parent: retain! });
    b!.moveNode(o1!, { parent: expand! });
    syncAll();
    const shown = a!.index.node(o1!)!.parent;
    const [lost] = a!.index.node(o1!)!.lostMoves;
    const undo = createUndoManager(a!);
    a!.takeLostMove(o1!, lost!.moveId);
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.index.node(o1!)!.parent).toBe(lost!.parent);
      expect(plan.index.node(o1!)!.lostMoves).toEqual([]);
    }
    undo.undo();
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.index.node(o1!)!.parent).toBe(shown);
      expect(plan.index.node(o1!)!.lostMoves.map((move) => move.parent)).toEqual([lost!.parent]);
    }
    expect(() => a!.takeLostMove(o1!, 'nope')).toThrow(/no lost move/);
  });

  it('a lost move under an item deleted since is still said, and cannot be taken', () => {
    const { plans: [a, b], strategies: [, retain, expand], objectives: [o1], syncAll } = replicas();
    a!.moveNode(o1!, { parent: retain! });
    b!.moveNode(o1!, { parent: expand! });
    syncAll();
    const [lost] = a!.index.node(o1!)!.lostMoves;
    a!.deleteNode(lost!.parent as NodeId);
    syncAll();
    expect(a!.index.node(o1!)!.lostMoves).toEqual([lost]);
    expect(() => a!.takeLostMove(o1!, lost!.moveId)).toThrow(/no longer in the plan/);
  });

  it('hostile move records never break the index: malformed ones are skipped', () => {
    const { plans: [a, b], strategies: [, retain, expand], objectives: [o1], docs, syncAll } = replicas();
    a!.moveNode(o1!, { parent: retain! });
    b!.moveNode(o1!, { parent: expand! });
    syncAll();
    const node = a!.types.nodes.get(o1!)!;
    docs[0]!.transact(() => {
      node.set(`${MOVE_KEY_PREFIX}bad1`, 'not a record');
      node.set(`${MOVE_KEY_PREFIX}bad2`, { parent: 7, order: 'a0', after: [], by: 'x', at: 1 });
      node.set(`${MOVE_KEY_PREFIX}`, { parent: retain, order: 'a0', after: [], by: 'x', at: 1 });
    });
    syncAll();
    expect(a!.index.node(o1!)!.lostMoves).toHaveLength(1);
    expect(b!.index.node(o1!)!.lostMoves).toEqual(a!.index.node(o1!)!.lostMoves);
  });
});

// ---- convergence property -------------------------------------------------------------------

type Step =
  | { kind: 'move'; replica: number; node: number; parent: number; index: number }
  | { kind: 'edit'; replica: number; node: number; pick: number }
  | { kind: 'deliver'; to: number; pick: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('move' as const), replica: fc.nat({ max: 2 }), node: fc.nat({ max: 3 }), parent: fc.nat({ max: 6 }), index: fc.nat({ max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), replica: fc.nat({ max: 2 }), node: fc.nat({ max: 3 }), pick: fc.nat({ max: 3 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('deliver' as const), to: fc.nat({ max: 2 }), pick: fc.nat() }) },
);

/**
 * One recorded move: the moves of the same node its replica had received, and the Yjs item of its record.
 * The record's item, not the transaction's last: delivered out of order, a move's place and record can be
 * integrated while a later write of the same transaction (the node's `updated` stamp, whose origin is a
 * third replica's stamp the receiver lacks) is held back. The receiver then shows the move and replaces
 * its record as seen, rightly; judged by the last item, the oracle called that move unseen and lost
 * (CI seed 970297870).
 */
interface Move { id: string; node: NodeId; parent: string; order: string; seen: Set<string>; client: number; clock: number }

describe('lost moves converge (property)', () => {
  it('3 replicas, random moves and edits, updates delivered one by one in random order: same tree and lost moves everywhere; every move concurrent with the shown one and putting the node elsewhere is reported, no other', () => {
    let concurrentRuns = 0;
    fc.assert(fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), fc.nat({ max: 1000 }), (steps, clockSeed) => {
      const r = replicas(3);
      const inbox: Uint8Array[][] = [[], [], []];
      r.docs.forEach((doc, from) => doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'delivery') return;
        for (let to = 0; to < 3; to++) if (to !== from) inbox[to]!.push(update);
      }));
      const parents = [...r.strategies, ...r.objectives];
      const moves: Move[] = [];
      const received = (replica: number, move: Move) => Y.getState(r.docs[replica]!.store, move.client) > move.clock;
      let stepIndex = 0;
      for (const step of steps) {
        stepIndex++;
        if (step.kind === 'deliver') {
          const queue = inbox[step.to]!;
          if (queue.length === 0) continue;
          const [update] = queue.splice(step.pick % queue.length, 1);
          Y.applyUpdate(r.docs[step.to]!, update!, 'delivery');
          continue;
        }
        const plan = r.plans[step.replica]!;
        const doc = r.docs[step.replica]!;
        const node = r.objectives[step.node]!;
        plan.index.refresh(plan.index.now);
        r.ctxs[step.replica]!.advance(((clockSeed + stepIndex * 7) % 5) / 1000);
        if (step.kind === 'edit') {
          if (step.pick % 2 === 0) plan.setTitle(node, `Objective ${step.pick}-${stepIndex}`);
          else plan.updateNode(node, { weight: step.pick + stepIndex });
          continue;
        }
        const seen = new Set(moves.filter((move) => move.node === node && received(step.replica, move)).map((move) => move.id));
        try {
          plan.moveNode(node, { parent: parents[step.parent]!, index: step.index });
        } catch {
          continue; // a cycle, or under itself: refused, nothing written
        }
        const nodeMap = plan.types.nodes.get(node)!;
        const place = nodeMap.get('place') as { parent: string; order: string; move: string };
        const record = nodeMap._map.get(`${MOVE_KEY_PREFIX}${place.move}`)!;
        moves.push({ id: place.move, node, parent: place.parent, order: place.order, seen, client: doc.clientID, clock: record.id.clock });
      }
      r.syncAll();
      const views = r.plans.map((plan) => r.objectives.map((id) => plan.index.node(id)!));
      for (let i = 1; i < 3; i++) {
        expect(views[i]!.map((view) => view.parent)).toEqual(views[0]!.map((view) => view.parent));
        expect(views[i]!.map((view) => view.lostMoves)).toEqual(views[0]!.map((view) => view.lostMoves));
      }
      for (const [n, id] of r.objectives.entries()) {
        const mine = moves.filter((move) => move.node === id);
        // The moves no later move of the node had seen: the one shown and the ones made concurrently with it.
        const heads = mine.filter((move) => !mine.some((later) => later.seen.has(move.id)));
        const stored = r.plans[0]!.types.nodes.get(id)!.get('place') as { parent: string; order: string; move?: string };
        const winner = heads.find((move) => move.id === stored.move);
        if (mine.length > 0) expect(winner).toBeDefined();
        const expected = heads.filter((move) => move !== winner && (move.parent !== winner!.parent || move.order !== winner!.order));
        if (expected.length > 0) concurrentRuns++;
        const reported = views[0]![n]!.lostMoves;
        // Each place once, latest move first: compare the places and that every reported move is an expected one.
        expect(new Set(reported.map((move) => `${move.parent}|${move.order}`))).toEqual(new Set(expected.map((move) => `${move.parent}|${move.order}`)));
        for (const move of reported) expect(expected.map((e) => e.id)).toContain(move.moveId);
      }
      // Taking every lost move (one replica, each node) ends them everywhere.
      for (const [n, id] of r.objectives.entries()) {
        const lost = views[0]![n]!.lostMoves[0];
        if (!lost) continue;
        try { r.plans[0]!.takeLostMove(id, lost.moveId); } catch { /* a cycle since: nothing written */ }
      }
      r.syncAll();
      for (const plan of r.plans) for (const id of r.objectives) {
        const view = plan.index.node(id)!;
        if (view.lostMoves.length > 0) {
          // Only a take refused (it would cycle) leaves a conflict; then it is the same everywhere.
          expect(view.lostMoves).toEqual(r.plans[0]!.index.node(id)!.lostMoves);
        }
      }
    }), {
      numRuns: 120,
      // CI's counterexample (seed 970297870): Ben's move is made after Ada's place and record reached him, her
      // `updated` stamp still held back behind Cem's. Ada's move is seen, not lost.
      examples: [[[{ kind: 'edit', replica: 2, node: 3, pick: 0 }, { kind: 'deliver', to: 0, pick: 0 }, { kind: 'move', replica: 0, node: 3, parent: 0, index: 0 },
        { kind: 'deliver', to: 1, pick: 362388385 }, { kind: 'move', replica: 1, node: 3, parent: 0, index: 1 }], 0]],
    });
    // The property reached the hard case often, not by luck. Of 120 runs, 16–31 reached it in 26 runs
    // measured (median ~23) and once 11, which failed a rehearsal against the old bound of 12: the
    // bound guards the generator (a change that made the case rare), not the luck of one seed.
    expect(concurrentRuns).toBeGreaterThan(6);
  });
});
