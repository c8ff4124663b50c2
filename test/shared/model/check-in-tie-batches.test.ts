// ties37, thirty-third session (review37b B1): check-ins that share one order stamp, many to a transaction.
// trust36's tie rule orders equal stamps by place in the check-ins Y.Array; the live index placed each
// tied entry on its own (a walk of the Y.Array and a JSON.parse of every entry of the run, per entry), so
// 8,000 entries pushed by one peer in one update with one stamp took 110 s on every replica. A transaction's
// tied entries are now put in place together. On real Y.Docs exchanging updates as replicas do:
// - the work of the live path is counted, not timed: the entries JSON-parsed (a counting wrapper of the real
//   JSON.parse) and the Y.Array entries walked (a counting wrapper of Yjs's real ContentAny.getContent)
//   while the update is applied must grow linearly with the entries it holds;
// - a property: any mix of tied and untied entries, duplicates and entries placed anywhere in the Y.Array,
//   many to a transaction, on two nodes and three replicas: every replica's live index equals its full read.
// ties38 (ties37's leftover): distinct stamps newest first or in a random order in one update were inserted
// one at a time, each shifting the node's whole range (quadratic); a transaction's entries are now merged
// into each node at once. The columns' element moves are counted (a counting wrapper of the real typed-array
// copyWithin and set), and the property's transactions include runs of distinct stamps newest first and shuffled.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { orderOf, PlanIndex, planTypes, STAMP_MAX, encodeCheckIn, type CheckIn, type NodeId, type Plan } from '../../../shared/model/index.js';
import { T0, keyResultReplicas, snapshotEverything } from './support.js';

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** A stored entry as any peer with write access can push it (`at`, `order` and id unchecked). */
function rawEntry(k: string, id: string, at: number, order: number | undefined, value: number): string {
  const tuple = JSON.parse(encodeCheckIn({ id, nodeId: k, at, by: 'eve', value, confidence: null, status: null, blocker: false, note: 'n', unit: '', clears: [] } as CheckIn)) as unknown[];
  tuple[11] = order === undefined ? { c: [] } : { o: order, c: [] };
  return JSON.stringify(tuple);
}

/** Everything the live index shows equals a full read of the same doc. */
function expectFullRead(plan: Plan, nodes: readonly string[], now: number): void {
  plan.index.refresh(now);
  const full = new PlanIndex(plan.doc, { now });
  expect(snapshotEverything(plan.index)).toEqual(snapshotEverything(full));
  for (const id of nodes) expect(plan.index.checkIns(id)).toEqual(full.checkIns(id));
  expect(plan.index.summary().skippedCheckIns).toBe(full.summary().skippedCheckIns);
  full.destroy();
}

afterEach(() => { vi.restoreAllMocks(); });

/**
 * Ada's replica receives one update from Eve holding `count` check-ins on one key result, each stamped
 * `stampOf(i)`; returns the entries JSON-parsed and the Y.Array entries walked while it is applied.
 */
function workOfOneUpdate(count: number, stampOf: (i: number) => number): { parsed: number; walked: number; plan: Plan; k: NodeId } {
  const { docs: [docA, docE], plans: [ada], k } = keyResultReplicas(['ada', 'eve'], { title: 'K', start: 0, target: 100 }, (plan, k) => { plan.addCheckIn(k, { value: 20 }); });
  const before = Y.encodeStateVector(docE!);
  docE!.transact(() => planTypes(docE!).checkins.push(Array.from({ length: count }, (_, i) => rawEntry(k, `e${i}`, stampOf(i), undefined, i % 100))));
  const update = Y.encodeStateAsUpdate(docE!, before);
  ada!.index.refresh(T0);
  const parse = vi.spyOn(JSON, 'parse');
  const getContent = vi.spyOn(Y.ContentAny.prototype, 'getContent');
  Y.applyUpdate(docA!, update);
  const parsed = parse.mock.calls.length;
  const walked = getContent.mock.results.reduce((sum, result) => sum + (result.value as unknown[]).length, 0);
  vi.restoreAllMocks();
  return { parsed, walked, plan: ada!, k };
}

describe('check-ins sharing one order stamp, many in one update (review37b B1)', () => {
  it('the live index parses each entry once and walks the Y.Array a bounded number of times: linear in the update, as with distinct stamps', () => {
    const count = 4_000;
    for (const [label, stampOf] of [['one stamp (STAMP_MAX)', () => STAMP_MAX], ['distinct stamps', (i: number) => T0 + 1_000 + i], ['stamps in pairs', (i: number) => T0 + 1_000 + (i >> 1)]] as const) {
      const { parsed, walked, plan, k } = workOfOneUpdate(count, stampOf);
      // Each entry decoded once as it is inserted; placing tied ones reads their ids from the prefix.
      expect(parsed, `${label}: JSON.parse calls`).toBeLessThanOrEqual(count + 10);
      // The update's new entries listed once (insertedInto), and at most one walk of the history to place ties.
      expect(walked, `${label}: Y.Array entries walked`).toBeLessThanOrEqual(3 * (count + 10));
      expectFullRead(plan, [k], T0 + 60_000);
      expect(plan.index.checkIns(k)).toHaveLength(count + 1);
    }
  });

  it('an entry pushed again as the same string, placed before the entries its stamp ties with, moves them as the full read does', () => {
    const { docs: [docA, docE], plans: [ada], k } = keyResultReplicas(['ada', 'eve'], { title: 'K', start: 0, target: 100 });
    const x = rawEntry(k, 'x', STAMP_MAX, undefined, 10), e = rawEntry(k, 'e', STAMP_MAX, undefined, 90);
    docE!.transact(() => planTypes(docE!).checkins.push([x, e]));
    sync(docE!, docA!);
    ada!.index.refresh(T0);
    expect(ada!.index.checkIns(k).map((checkIn) => checkIn.id)).toEqual(['x', 'e']);
    // The same string as `e`, first in the Y.Array: the full read meets it first (historyOrder keeps it).
    docE!.transact(() => planTypes(docE!).checkins.insert(0, [e]));
    sync(docE!, docA!);
    expectFullRead(ada!, [k], T0);
    expect(ada!.index.checkIns(k).map((checkIn) => checkIn.id)).toEqual(['e', 'x']);
  });
});

/** Element moves of the index's Float64 columns (copyWithin and set: the arena's times, orders, values, confidences). */
function countColumnMoves(): () => number {
  const typed = Object.getPrototypeOf(Float64Array.prototype) as Float64Array;
  const copyWithin = vi.spyOn(typed, 'copyWithin');
  const set = vi.spyOn(typed, 'set');
  return () => {
    let moved = 0;
    copyWithin.mock.calls.forEach(([, start, end], n) => {
      const self = copyWithin.mock.contexts[n] as unknown;
      if (self instanceof Float64Array) moved += Math.max(0, Math.min(end ?? self.length, self.length) - start);
    });
    set.mock.calls.forEach(([source], n) => {
      if (set.mock.contexts[n] instanceof Float64Array) moved += (source as ArrayLike<number>).length;
    });
    return moved;
  };
}

describe('check-ins with distinct stamps out of order, many in one update (ties37\'s leftover)', () => {
  it('newest first or in any order, each stored check-in is moved a bounded number of times: linear in the update and the node\'s check-ins', () => {
    const stored = 2_000, count = 4_000;
    // The node holds `stored` check-ins whose stamps fall between the update's (odd against even).
    const storedStamp = (i: number) => T0 + 1_000 + 2 * i * (count / stored) + 1;
    const shuffled = Array.from({ length: count }, (_, i) => i);
    // A fixed shuffle (a linear congruential generator, seed 38).
    let seed = 38;
    for (let i = count - 1; i > 0; i--) { seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; const j = seed % (i + 1); [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]; }
    for (const [label, stampOf] of [
      ['newest first', (i: number) => T0 + 1_000 + 2 * (count - 1 - i)],
      ['in a random order', (i: number) => T0 + 1_000 + 2 * shuffled[i]!],
      ['in order (control)', (i: number) => T0 + 1_000 + 2 * i],
    ] as const) {
      const { docs: [docA, docE], plans: [ada], k } = keyResultReplicas(['ada', 'eve'], { title: 'K', start: 0, target: 100 });
      docE!.transact(() => planTypes(docE!).checkins.push(Array.from({ length: stored }, (_, i) => rawEntry(k, `s${i}`, storedStamp(i), undefined, i % 100))));
      sync(docE!, docA!);
      ada!.index.refresh(T0);
      expect(ada!.index.checkIns(k)).toHaveLength(stored);
      const before = Y.encodeStateVector(docE!);
      docE!.transact(() => planTypes(docE!).checkins.push(Array.from({ length: count }, (_, i) => rawEntry(k, `e${i}`, stampOf(i), undefined, i % 100))));
      const update = Y.encodeStateAsUpdate(docE!, before);
      const moves = countColumnMoves();
      Y.applyUpdate(docA!, update);
      const moved = moves();
      vi.restoreAllMocks();
      // Four Float64 columns: each stored check-in moved once by the merge, every check-in copied once
      // or twice more as the node's range grows to the arena's end. Inserted one at a time, newest first
      // shifted the node's whole range per entry: about 4 × count × (stored + count / 2) moves.
      expect.soft(moved, `${label}: column elements moved`).toBeLessThanOrEqual(4 * 3 * (stored + count));
      expectFullRead(ada!, [k], T0 + 60_000);
      expect(ada!.index.checkIns(k)).toHaveLength(stored + count);
      const stamps = ada!.index.checkIns(k).map(orderOf);
      expect(stamps.every((stamp, i) => i === 0 || stamp > stamps[i - 1]!), `${label}: in stamp order`).toBe(true);
    }
  });
});

type Op =
  | { kind: 'batch'; who: number; entries: { node: number; id: number; stamp: number; order: boolean; place: number | null; value: number }[] }
  | { kind: 'again'; who: number; picks: number[]; place: number | null }
  | { kind: 'run'; who: number; node: number; count: number; first: number; step: number; keys: number[] | null; order: boolean; place: number | null }
  | { kind: 'honest'; who: number; node: number; value: number }
  | { kind: 'deliver'; from: number; to: number };

const entryArb = fc.record({
  node: fc.nat({ max: 1 }),
  // Few ids and stamps: ties and same id-and-stamp pairs come often.
  id: fc.nat({ max: 6 }),
  stamp: fc.nat({ max: 4 }),
  order: fc.boolean(),
  place: fc.option(fc.nat()),
  value: fc.integer({ min: 0, max: 99 }),
});

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('batch' as const), who: fc.nat({ max: 2 }), entries: fc.array(entryArb, { minLength: 1, maxLength: 8 }) }) },
  // Entries stored already pushed again as the same strings, anywhere.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('again' as const), who: fc.nat({ max: 2 }), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), place: fc.option(fc.nat()) }) },
  // Distinct stamps newest first (keys null) or in a random order (the entries sorted by keys), pushed in
  // one block: a minute apart (meeting honest check-ins' and the batches' stamps) or 1 ms apart (ties38).
  { weight: 2, arbitrary: fc.record({
    kind: fc.constant('run' as const), who: fc.nat({ max: 2 }), node: fc.nat({ max: 1 }), count: fc.integer({ min: 2, max: 12 }),
    first: fc.nat({ max: 20 }), step: fc.constantFrom(1, 60_000), keys: fc.option(fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), { freq: 2 }),
    order: fc.boolean(), place: fc.option(fc.nat()),
  }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('honest' as const), who: fc.nat({ max: 2 }), node: fc.nat({ max: 1 }), value: fc.integer({ min: 0, max: 99 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), from: fc.nat({ max: 2 }), to: fc.nat({ max: 2 }) }) },
);

const STAMPS = [T0 + 60_000, T0 + 120_000, T0 + 180_000, STAMP_MAX, STAMP_MAX - 1];

describe('property: tied and untied check-ins, many to a transaction, placed anywhere, three replicas', () => {
  it('every replica\'s live index equals its full read after every delivery, and all converge', () => {
    let tiedBatches = 0, newestFirst = 0, shuffled = 0;
    fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 20 }), (ops) => {
      let second = '' as NodeId;
      const { docs, ctxs, plans, k } = keyResultReplicas(['ada', 'ben', 'eve'], { title: 'K', start: 0, target: 100 }, (plan, k) => {
        plan.index.refresh(T0);
        second = plan.createNode({ kind: 'key_result', parent: plan.index.node(k)!.parent as NodeId, title: 'K2', start: 0, target: 100 });
        plan.addCheckIn(k, { value: 20 });
      });
      const nodes = [k, second];
      for (const plan of plans) plan.index.refresh(T0);
      let clock = T0;
      for (const op of ops) {
        clock += 60_000;
        if (op.kind === 'batch' || op.kind === 'again') {
          const doc = docs[op.who]!;
          const checkins = planTypes(doc).checkins;
          doc.transact(() => {
            if (op.kind === 'again') {
              const stored = checkins.toArray();
              const again = op.picks.map((pick) => stored[pick % stored.length]);
              checkins.insert(op.place === null ? checkins.length : op.place % (checkins.length + 1), again);
              return;
            }
            for (const entry of op.entries) {
              const stamp = STAMPS[entry.stamp]!;
              const raw = rawEntry(nodes[entry.node]!, `c${entry.id}`, entry.order ? T0 : stamp, entry.order ? stamp : undefined, entry.value);
              checkins.insert(entry.place === null ? checkins.length : entry.place % (checkins.length + 1), [raw]);
            }
          });
          if (op.kind === 'batch' && op.entries.some((a, i) => op.entries.some((b, j) => i !== j && a.node === b.node && a.stamp === b.stamp))) tiedBatches++;
        } else if (op.kind === 'run') {
          const doc = docs[op.who]!;
          const checkins = planTypes(doc).checkins;
          // Entry i is stamped (count − 1 − i) steps after the first: newest first, then put in the keys' order.
          const byKey = Array.from({ length: op.count }, (_, i) => i);
          if (op.keys !== null) byKey.sort((a, b) => op.keys![a]! - op.keys![b]! || a - b);
          const entries = byKey.map((i) => {
            const stamp = T0 + op.first * 60_000 + (op.count - 1 - i) * op.step;
            return rawEntry(nodes[op.node]!, `c${(op.first + i) % 7}`, op.order ? T0 : stamp, op.order ? stamp : undefined, i);
          });
          doc.transact(() => { checkins.insert(op.place === null ? checkins.length : op.place % (checkins.length + 1), entries); });
          if (op.keys === null) newestFirst++;
          else if (byKey.some((i, n) => n > 0 && i < byKey[n - 1]!) && byKey.some((i, n) => n > 0 && i > byKey[n - 1]!)) shuffled++;
        } else if (op.kind === 'honest') {
          ctxs[op.who]!.time = clock;
          plans[op.who]!.addCheckIn(nodes[op.node]!, { value: op.value });
        } else if (op.from !== op.to) {
          sync(docs[op.from]!, docs[op.to]!);
          expectFullRead(plans[op.to]!, nodes, clock);
        }
      }
      for (const plan of plans) expectFullRead(plan, nodes, clock);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (i !== j) sync(docs[i]!, docs[j]!);
      const lists = plans.map((plan) => { expectFullRead(plan, nodes, clock); return nodes.map((id) => plan.index.checkIns(id).map((c) => `${c.id}@${orderOf(c)}:${c.value}`)); });
      for (const list of lists) expect(list).toEqual(lists[0]);
    }), { numRuns: 120 });
    // Transactions that tied entries with each other on one node (besides ties with what was stored).
    expect(tiedBatches).toBeGreaterThan(50);
    // Transactions of distinct stamps newest first, and in an order neither newest nor oldest first.
    // (About 60 and 50 of each in 120 runs.)
    expect(newestFirst).toBeGreaterThan(25);
    expect(shuffled).toBeGreaterThan(20);
  });
});
