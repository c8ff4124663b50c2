// "Still blocked" restates a standing blocker; it never replaces its reason or its raiser (blocker37;
// review36d B3: the form's default-ticked box turned "revenue up after the webinar" into the reason
// shown, and its author into a raiser).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCheckIn, planTypes, type NodeId, type Plan } from '../../../shared/model/index.js';
import { keyResultReplicas, snapshotEverything, syncDocs } from './support.js';
import { myWork } from '../../../renderer/src/mywork/my-work.js';

const HOUR = 3_600_000;
const blocked = (plan: Plan, k: NodeId) => plan.index.node(k)!.signals.find((signal) => signal.kind === 'blocked');

function benRaises() {
  const replicas = keyResultReplicas(['ben', 'ada', 'carl'], { title: 'Revenue', start: 0, target: 100 });
  const [ben, ada] = replicas.plans as [Plan, Plan, Plan];
  const raised = ben.addCheckIn(replicas.k, { blocker: true, note: 'waiting on legal to sign off' });
  syncDocs(replicas.docs[0]!, replicas.docs[1]!);
  syncDocs(replicas.docs[0]!, replicas.docs[2]!);
  for (const ctx of replicas.ctxs) ctx.time += HOUR;
  return { ...replicas, ben, ada, raised };
}

describe('a check-in saying "still blocked"', () => {
  it('keeps the reason and the raiser of the blocker it restates, whatever its note says', () => {
    const { ben, ada, k, docs, ctxs } = benRaises();
    // What the form sends with "Still blocked" left ticked (its default) and a routine note.
    const restated = ada.addCheckIn(k, { value: 40, blocker: true, restates: true, note: 'revenue up after the webinar' });
    syncDocs(docs[1]!, docs[0]!);
    for (const plan of [ben, ada]) {
      plan.index.refresh(ctxs[0]!.time);
      const signal = blocked(plan, k)!;
      expect(signal.message).toBe('Blocker raised in a check-in today: waiting on legal to sign off');
      expect(signal.evidence).toMatchObject({ source: 'check-in', reason: 'waiting on legal to sign off' });
      // Still standing (a later clear must name it), but no raise of Ada's: My work lists it under Ben only.
      expect(plan.index.standingBlockers(k).map((checkIn) => [checkIn.id, checkIn.restates === true])).toEqual([[restated, true], [expect.any(String), false]]);
      expect(myWork(plan.index, 'ada', ctxs[0]!.time).blockers).toEqual([]);
      expect(myWork(plan.index, 'ben', ctxs[0]!.time).blockers.map((entry) => entry.checkIn?.note)).toEqual(['waiting on legal to sign off']);
    }
    expect(ada.index.node(k)!.value).toBe(40);
  });

  it('is stored as a blocker with a mark in its extras, so an older Throughline still reads the item as blocked', () => {
    const { ada, k } = benRaises();
    const restated = ada.addCheckIn(k, { blocker: true, restates: true, note: 'still waiting' });
    const stored = planTypes(ada.doc).checkins.toArray().map((entry) => JSON.parse(entry as string) as unknown[]).find((tuple) => tuple[1] === restated)!;
    expect(stored[8]).toBe(1);
    expect(stored[11]).toEqual({ c: [], r: 1 });
    // The mark means nothing on a check-in without a blocker (a hostile or broken peer's).
    const tuple = [...stored];
    tuple[8] = 0;
    expect(decodeCheckIn(JSON.stringify(tuple))!.restates).toBeUndefined();
    expect(decodeCheckIn(JSON.stringify(stored))!.restates).toBe(true);
  });

  it('gives a new reason only when its author says so (no restates): then the note is the reason and the author a raiser', () => {
    const { ada, k, ctxs } = benRaises();
    ada.addCheckIn(k, { blocker: true, note: 'now waiting on procurement' });
    ada.index.refresh(ctxs[1]!.time);
    expect(blocked(ada, k)!.message).toBe('Blocker raised in a check-in today: now waiting on procurement');
    expect(myWork(ada.index, 'ada', ctxs[1]!.time).blockers.map((entry) => entry.checkIn?.note)).toEqual(['now waiting on procurement']);
  });

  it('refuses a new reason with no reason written (review38b F7): nothing recorded, the author no raiser, on any replica', () => {
    const { ada, ben, k, docs, ctxs } = benRaises();
    const before = ada.index.checkIns(k).length;
    for (const note of ['', '   ', '\u200b']) {
      expect(() => ada.addCheckIn(k, { blocker: true, note })).toThrow(expect.objectContaining({ name: 'PlanError', code: 'missing-reason' }));
    }
    expect(() => ada.addCheckIn(k, { confidence: 3, blocker: true })).toThrow(/a new reason for a blocker needs the reason written in the note/);
    syncDocs(docs[1]!, docs[0]!);
    for (const plan of [ada, ben]) {
      plan.index.refresh(ctxs[1]!.time);
      expect(plan.index.checkIns(k)).toHaveLength(before);
      expect(myWork(plan.index, 'ada', ctxs[1]!.time).blockers).toEqual([]);
    }
    // Still blocked (restates) with no note, and a first blocker with no note on an item nothing blocks, stay allowed.
    ada.addCheckIn(k, { blocker: true, restates: true });
    const { plans: fresh, k: other } = keyResultReplicas(['ada'], { title: 'Other', start: 0, target: 100 });
    fresh[0]!.addCheckIn(other, { blocker: true });
  });

  it('is refused with nothing standing to restate, and without a blocker', () => {
    const { plans, k } = keyResultReplicas(['ada'], { title: 'Revenue', start: 0, target: 100 });
    expect(() => plans[0]!.addCheckIn(k, { blocker: true, restates: true, note: 'x' })).toThrow(/no blocker raised in a check-in stands/);
    plans[0]!.addCheckIn(k, { blocker: true, note: 'waiting' });
    expect(() => plans[0]!.addCheckIn(k, { value: 3, restates: true })).toThrow(/only as a blocker/);
  });

  it('cleared concurrently (Carl clears what Ada restates, neither seeing the other): still blocked, with the reason Ada saw, on every replica', () => {
    const { ben, ada, k, docs, ctxs, plans, raised } = benRaises();
    const carl = plans[2]!;
    ada.addCheckIn(k, { blocker: true, restates: true, note: 'revenue up after the webinar' });
    carl.addCheckIn(k, { note: 'legal signed', clears: [raised] });
    for (const from of docs) for (const to of docs) if (from !== to) syncDocs(from, to);
    for (const plan of [ben, ada, carl]) {
      plan.index.refresh(ctxs[0]!.time);
      expect(blocked(plan, k)!.message).toBe('Blocker raised in a check-in today: waiting on legal to sign off');
      expect(myWork(plan.index, 'ada', ctxs[0]!.time).blockers).toEqual([]);
    }
  });

  it('property: replicas raising, restating, clearing and checking in concurrently agree, and the reason is always a raise\'s note', () => {
    type Op = { who: number; kind: 'raise' | 'restate' | 'clear' | 'routine' } | { kind: 'deliver'; from: number; to: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ who: fc.nat({ max: 2 }), kind: fc.constantFrom('raise' as const, 'restate' as const, 'restate' as const, 'clear' as const, 'routine' as const) }),
      fc.record({ kind: fc.constant('deliver' as const), from: fc.nat({ max: 2 }), to: fc.nat({ max: 2 }) }),
    );
    fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), (ops) => {
      const { docs, ctxs, plans, k } = keyResultReplicas(['ben', 'ada', 'carl'], { title: 'Revenue', start: 0, target: 100 });
      const raises = new Set<string>();
      let n = 0;
      for (const op of ops) {
        for (const ctx of ctxs) ctx.time += 60_000;
        if (op.kind === 'deliver') {
          if (op.from !== op.to) syncDocs(docs[op.from]!, docs[op.to]!);
          continue;
        }
        const plan = plans[op.who]!;
        plan.index.refresh(ctxs[op.who]!.time);
        const standing = plan.index.standingBlockers(k);
        const note = `${op.kind} ${++n}`;
        if (op.kind === 'raise') {
          plan.addCheckIn(k, { blocker: true, note });
          raises.add(note);
        } else if (op.kind === 'restate' && standing.length > 0) plan.addCheckIn(k, { blocker: true, restates: true, note });
        else if (op.kind === 'clear' && standing.length > 0) plan.addCheckIn(k, { note, clears: standing.map((checkIn) => checkIn.id) });
        else plan.addCheckIn(k, { value: n, note });
      }
      for (const from of docs) for (const to of docs) if (from !== to) syncDocs(from, to);
      const seen = plans.map((plan, i) => {
        plan.index.refresh(ctxs[i]!.time);
        return snapshotEverything(plan.index);
      });
      expect(seen[1]).toEqual(seen[0]);
      expect(seen[2]).toEqual(seen[0]);
      const signal = blocked(plans[0]!, k);
      const reason = signal?.evidence.source === 'check-in' ? signal.evidence.reason : null;
      if (reason !== null) expect(raises).toContain(reason);
      // Nobody is listed as having raised a blocker they only restated.
      for (const person of ['ben', 'ada', 'carl']) {
        for (const entry of myWork(plans[0]!.index, person, ctxs[0]!.time).blockers) expect(entry.checkIn?.restates).toBeUndefined();
      }
    }), { numRuns: 60 });
  });
});
