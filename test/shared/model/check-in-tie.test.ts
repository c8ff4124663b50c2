// trust36, thirty-second session: the stamp-at-the-cap tie (stampfix's gap). Stamps are capped at STAMP_MAX,
// so a hostile entry stamped exactly STAMP_MAX tied with every later correction (capped too), and the tie
// went to the larger id, which the hostile peer picks. Equal stamps are now ordered by place in the
// check-ins Y.Array, where an entry appended after seeing another sits after it. On real Y.Docs that
// exchange updates as replicas do; each replica's live index (incremental inserts) is compared with a
// full read of the same doc.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { orderOf, PlanIndex, planTypes, STAMP_MAX, encodeCheckIn, type CheckIn, type Plan } from '../../../shared/model/index.js';
import { T0, keyResultReplicas, snapshotEverything, type KeyResultReplicas } from './support.js';

const HOUR = 3_600_000;

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** A stored entry as any peer with write access can push it (`at`, `order` and id unchecked). */
function rawEntry(k: string, id: string, at: number, order: number | undefined, value: number): string {
  const tuple = JSON.parse(encodeCheckIn({ id, nodeId: k, at, by: 'eve', value, confidence: null, status: null, blocker: false, note: 'done!', unit: '', clears: [] } as CheckIn)) as unknown[];
  tuple[11] = order === undefined ? { c: [] } : { o: order, c: [] };
  return JSON.stringify(tuple);
}

function replicas(count: number): KeyResultReplicas {
  return keyResultReplicas(['ada', 'ben', 'eve'].slice(0, count), { title: 'K', start: 0, target: 100 }, (plan, k) => { plan.addCheckIn(k, { value: 20 }); });
}

/** Everything the live index shows equals a full read of the same doc. */
function expectFullRead(plan: Plan, now: number): void {
  plan.index.refresh(now);
  const full = new PlanIndex(plan.doc, { now });
  expect(snapshotEverything(plan.index)).toEqual(snapshotEverything(full));
  for (const id of plan.index.walk()) expect(plan.index.checkIns(id)).toEqual(full.checkIns(id));
  full.destroy();
}

describe('a hostile entry stamped STAMP_MAX', () => {
  for (const [label, at, order] of [['at = STAMP_MAX', STAMP_MAX, undefined], ['order = STAMP_MAX', T0, STAMP_MAX]] as const) {
    it(`${label}, id "~~~" (after every id): Ada's correction made after seeing it is last on every replica`, () => {
      const { docs: [docA, docE], ctxs: [ctxA], plans: [ada, eve], k } = replicas(2);
      docE!.transact(() => planTypes(docE!).checkins.push([rawEntry(k, '~~~', at, order, 100)]));
      sync(docE!, docA!);
      ctxA!.time += HOUR;
      const correction = ada!.addCheckIn(k, { value: 25, note: 'correction' });
      sync(docA!, docE!);
      for (const plan of [ada!, eve!]) {
        plan.index.refresh(ctxA!.time);
        const list = plan.index.checkIns(k);
        expect(orderOf(list[list.length - 1]!)).toBe(STAMP_MAX);
        expect(list[list.length - 1]!.id).toBe(correction);
        expect(plan.index.node(k)!.value).toBe(25);
        expectFullRead(plan, ctxA!.time);
      }
    });
  }

  it('a concurrent one placed before a local entry by Yjs is inserted before it, as the full read has it', () => {
    const { docs: [docA, docB, docE], ctxs: [ctxA, ctxB], plans: [ada, ben], k } = replicas(3);
    docE!.transact(() => planTypes(docE!).checkins.push([rawEntry(k, 'eve-1', STAMP_MAX, undefined, 100)]));
    sync(docE!, docA!); sync(docE!, docB!);
    ctxA!.time += HOUR; ctxB!.time += HOUR;
    ada!.addCheckIn(k, { value: 25 });
    ben!.addCheckIn(k, { value: 26 });
    sync(docA!, docB!); sync(docB!, docA!);
    const orders = [ada!, ben!].map((plan) => { expectFullRead(plan, ctxA!.time); return plan.index.checkIns(k).map((c) => c.value); });
    expect(orders[0]).toEqual(orders[1]);
    expect(orders[0]!.slice(0, 2)).toEqual([20, 100]);
  });
});

type Op =
  | { kind: 'honest'; who: number; skew: number; value: number }
  | { kind: 'hostile'; at: 'max' | 'now'; order: 'none' | 'max'; id: string; value: number }
  | { kind: 'again'; pick: number; value: number | null }
  | { kind: 'deliver'; from: number; to: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('honest' as const), who: fc.nat({ max: 1 }), skew: fc.integer({ min: -2 * HOUR, max: 2 * HOUR }), value: fc.integer({ min: 0, max: 99 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hostile' as const), at: fc.constantFrom('max' as const, 'now' as const), order: fc.constantFrom('none' as const, 'max' as const), id: fc.constantFrom('~~~', 'zz', '0', 'a1', 'eve'), value: fc.integer({ min: 100, max: 200 }) }) },
  // Eve pushes an entry already stored again: the same string, or its id and stamp with another value.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('again' as const), pick: fc.nat(), value: fc.option(fc.integer({ min: 300, max: 400 })) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), from: fc.nat({ max: 2 }), to: fc.nat({ max: 2 }) }) },
);

describe('property: three replicas, hostile stamps at the cap, duplicates, any delivery order', () => {
  it('every replica\'s live index equals its full read; all converge; a check-in follows every check-in its author had seen', () => {
    fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
      const { docs, ctxs, plans, k } = replicas(3);
      const seenBy = new Map<string, string[]>();
      const key = (c: CheckIn) => `${c.id}@${orderOf(c)}`;
      let clock = T0;
      for (const op of ops) {
        clock += 60_000;
        if (op.kind === 'honest') {
          ctxs[op.who]!.time = clock + op.skew;
          const plan = plans[op.who]!;
          plan.index.refresh(clock);
          const seen = plan.index.checkIns(k).map(key);
          const id = plan.addCheckIn(k, { value: op.value });
          const mine = plan.index.checkIns(k).find((c) => c.id === id)!;
          seenBy.set(key(mine), seen);
        } else if (op.kind === 'hostile') {
          const e = docs[2]!;
          e.transact(() => planTypes(e).checkins.push([rawEntry(k, op.id, op.at === 'max' ? STAMP_MAX : clock, op.order === 'max' ? STAMP_MAX : undefined, op.value)]));
        } else if (op.kind === 'again') {
          const stored = planTypes(docs[2]!).checkins.toArray() as string[];
          const raw = stored[op.pick % stored.length]!;
          let again = raw;
          if (op.value !== null) { const tuple = JSON.parse(raw) as unknown[]; tuple[5] = op.value; again = JSON.stringify(tuple); }
          docs[2]!.transact(() => planTypes(docs[2]!).checkins.push([again]));
        } else if (op.from !== op.to) {
          sync(docs[op.from]!, docs[op.to]!);
          plans[op.to]!.index.refresh(clock);
        }
      }
      for (const plan of plans) expectFullRead(plan, clock);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (i !== j) sync(docs[i]!, docs[j]!);
      const lists = plans.map((plan) => { expectFullRead(plan, clock); return plan.index.checkIns(k); });
      for (const list of lists) expect(list).toEqual(lists[0]);
      const final = lists[0]!.map(key);
      for (const [mine, seen] of seenBy) {
        const at = final.indexOf(mine);
        expect(at).toBeGreaterThanOrEqual(0);
        for (const before of seen) expect(final.indexOf(before), `${before} seen before ${mine}`).toBeLessThan(at);
      }
    }), { numRuns: 200 });
  });
});
