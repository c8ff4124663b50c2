// trustA, thirty-first session: review33's findings 1 (a blocker cleared by someone who never saw it),
// 6 (a check-in from a fast clock cannot be corrected) and 7 (an achieved key result goes stale), on
// real Y.Docs that exchange updates as replicas do.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { openPlan, ROOT_ID, datedInFuture, encodeCheckIn, type NodeId, type Plan } from '../../../shared/model/index.js';
import { DAY, T0, TestContext } from './support.js';
import { exportPlanFile, parsePlanFile, serializePlanFile, writePlanFile } from '../../../shared/files/index.js';

const HOUR = 3_600_000;

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** Replicas of one plan: Ada's first, the others copies of hers made before anything else. */
function replicas(count: number): { docs: Y.Doc[]; ctxs: TestContext[]; plans: Plan[] } {
  const names = ['ada', 'ben', 'cem', 'dan'];
  const docs: Y.Doc[] = [], ctxs: TestContext[] = [], plans: Plan[] = [];
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    if (i > 0) sync(docs[0]!, doc);
    const ctx = new TestContext(T0, names[i]!, `${names[i]![0]}`);
    docs.push(doc); ctxs.push(ctx); plans.push(openPlan(doc, ctx));
  }
  return { docs, ctxs, plans };
}

function cascade(plan: Plan): { objective: NodeId; keyResult: NodeId; initiative: NodeId; task: NodeId } {
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
  const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'KR', start: 0, target: 100, direction: 'increase' });
  const initiative = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'I', status: 'active' });
  const task = plan.createNode({ kind: 'task', parent: initiative, title: 'Sign vendor contract', status: 'in_progress' });
  return { objective, keyResult, initiative, task };
}

const blocked = (plan: Plan, id: NodeId, now: number) => {
  plan.index.refresh(now);
  return plan.index.node(id)!.signals.some((signal) => signal.kind === 'blocked');
};

describe('F1: a blocker stands until someone clears it knowingly', () => {
  // review33 f6-blocker-cleared-by-concurrent.ts, as a test.
  it('an offline check-in by someone who never saw the blocker leaves it standing after the merge', () => {
    const { docs: [docA, docB], ctxs: [ctxA, ctxB], plans: [ada, ben] } = replicas(2);
    const { task } = cascade(ada!);
    sync(docA!, docB!);
    ctxB!.time += 10 * HOUR;
    const blocker = ben!.addCheckIn(task, { blocker: true, note: 'Legal has not reviewed the contract' });
    expect(blocked(ben!, task, ctxB!.time)).toBe(true);
    ctxA!.time += 10.5 * HOUR;
    ada!.addCheckIn(task, { confidence: 6, note: 'Weekly: still expecting signature this week' });
    sync(docA!, docB!); sync(docB!, docA!);
    for (const plan of [ada!, ben!]) {
      const now = ctxA!.time + HOUR;
      expect(blocked(plan, task, now)).toBe(true);
      expect(plan.index.summary().counts.blocked).toBe(1);
      const signal = plan.index.node(task)!.signals.find((s) => s.kind === 'blocked')!;
      expect(signal.message).toContain('Legal has not reviewed the contract');
      expect(plan.index.standingBlockers(task).map((checkIn) => checkIn.id)).toEqual([blocker]);
    }
    // Ada, having now seen it, clears it by name: gone on both replicas.
    ada!.addCheckIn(task, { note: 'Legal signed off', clears: [blocker] });
    sync(docA!, docB!);
    expect(blocked(ada!, task, ctxA!.time + HOUR)).toBe(false);
    expect(blocked(ben!, task, ctxA!.time + HOUR)).toBe(false);
  });

  it('a later note on the same replica that clears nothing leaves the blocker; one naming it clears it', () => {
    const { ctxs: [ctx], plans: [plan] } = replicas(1);
    const { task } = cascade(plan!);
    const blocker = plan!.addCheckIn(task, { blocker: true, note: 'vendor silent' });
    ctx!.time += HOUR;
    plan!.addCheckIn(task, { note: 'any news?' });
    expect(blocked(plan!, task, ctx!.time)).toBe(true);
    ctx!.time += HOUR;
    plan!.addCheckIn(task, { note: 'vendor answered', clears: [blocker] });
    expect(blocked(plan!, task, ctx!.time)).toBe(false);
  });

  it('"Still blocked" without a note raises it again and keeps the reason given before, since the first', () => {
    const { ctxs: [ctx], plans: [plan] } = replicas(1);
    const { task } = cascade(plan!);
    plan!.addCheckIn(task, { blocker: true, note: 'vendor silent' });
    ctx!.time += DAY;
    // What the form sends for "Still blocked" (blocker37); a blocker with no note and no `restates` on a blocked
    // item is a new reason with none written, refused since undo38 (review38b F7).
    plan!.addCheckIn(task, { blocker: true, restates: true });
    expect(() => plan!.addCheckIn(task, { blocker: true })).toThrow(expect.objectContaining({ code: 'missing-reason' }));
    plan!.index.refresh(ctx!.time);
    expect(plan!.index.node(task)!.signals.find((s) => s.kind === 'blocked')).toMatchObject({ since: T0, evidence: { reason: 'vendor silent' } });
    expect(plan!.index.standingBlockers(task)).toHaveLength(2);
  });

  it('clearing one of two blockers leaves the other standing, with its own reason and since', () => {
    const { docs: [docA, docB], ctxs: [ctxA, ctxB], plans: [ada, ben] } = replicas(2);
    const { task } = cascade(ada!);
    sync(docA!, docB!);
    const first = ada!.addCheckIn(task, { blocker: true, note: 'no budget' });
    ctxB!.time += HOUR;
    ben!.addCheckIn(task, { blocker: true, note: 'no laptop' });
    ctxA!.time += 2 * HOUR;
    ada!.addCheckIn(task, { note: 'budget approved', clears: [first] });
    sync(docA!, docB!); sync(docB!, docA!);
    for (const plan of [ada!, ben!]) {
      expect(blocked(plan, task, T0 + 3 * HOUR)).toBe(true);
      const signal = plan.index.node(task)!.signals.find((s) => s.kind === 'blocked')!;
      expect(signal).toMatchObject({ since: T0 + HOUR, evidence: { reason: 'no laptop' } });
    }
  });

  it('refuses to clear what is no blocker on the item; a check-in that only clears needs no note on a key result', () => {
    const { plans: [plan] } = replicas(1);
    const { keyResult, task } = cascade(plan!);
    const note = plan!.addCheckIn(task, { note: 'just a note' });
    expect(() => plan!.addCheckIn(task, { clears: [note] })).toThrow(/no blocker raised in a check-in on this item/);
    expect(() => plan!.addCheckIn(task, { clears: ['nope'] })).toThrow(/no blocker/);
    const onKr = plan!.addCheckIn(keyResult, { blocker: true, note: 'data missing' });
    plan!.addCheckIn(keyResult, { clears: [onKr] });
    expect(blocked(plan!, keyResult, T0)).toBe(false);
  });

  it('check-ins stored before clears were kept keep their meaning: a later one without a blocker ended the run', () => {
    const doc = new Y.Doc();
    const ctx = new TestContext();
    const plan = openPlan(doc, ctx);
    const { task, initiative } = cascade(plan);
    const old = (id: string, node: string, at: number, blocker: boolean, note: string) =>
      JSON.stringify([1, id, node, at, 'old', null, null, null, blocker ? 1 : 0, note]);
    // Cleared the old way on the task: blocker, then a plain old check-in.
    // On the initiative: an old blocker, then a check-in of this code that clears nothing: it stands.
    doc.getArray<string>('checkins').push([old('o1', task, T0 - 2 * DAY, true, 'old blocker'), old('o2', task, T0 - DAY, false, 'unblocked'), old('o3', initiative, T0 - DAY, true, 'still old')]);
    plan.addCheckIn(initiative, { note: 'a note' });
    expect(blocked(plan, task, T0)).toBe(false);
    expect(blocked(plan, initiative, T0)).toBe(true);
    // An old run of blockers still reads from its first.
    doc.getArray<string>('checkins').push([old('o4', task, T0 - HOUR, true, 'again'), old('o5', task, T0 - HOUR / 2, true, 'again, worse')]);
    plan.index.refresh(T0);
    expect(plan.index.node(task)!.signals.find((s) => s.kind === 'blocked')).toMatchObject({ since: T0 - HOUR, evidence: { reason: 'again, worse' } });
  });

  it('a hostile extras element clears nothing and orders nothing it should not', () => {
    const doc = new Y.Doc();
    const plan = openPlan(doc, new TestContext());
    const { task } = cascade(plan);
    const blocker = plan.addCheckIn(task, { blocker: true, note: 'x' });
    const hostile = [
      [1, 'h1', task, T0 + 1, 'eve', null, null, null, 0, '', null, { c: 'not a list' }],
      [1, 'h2', task, T0 + 2, 'eve', null, null, null, 0, '', null, { c: [blocker, 42] }],
      [1, 'h3', task, T0 + 3, 'eve', null, null, null, 0, '', null, { o: 1e300, c: [] }],
    ].map((tuple) => JSON.stringify(tuple));
    doc.getArray<string>('checkins').push(hostile);
    expect(blocked(plan, task, T0 + 10)).toBe(true);
    const order = plan.index.checkIns(task).map((checkIn) => checkIn.id);
    expect(order).toEqual([blocker, 'h1', 'h2', 'h3']);
  });

  it('property: on any replicas, in any delivery order, a blocker stands exactly until a check-in names it', () => {
    const step = fc.record({
      replica: fc.nat(2), node: fc.nat(1), what: fc.constantFrom('raise', 'note', 'clear-seen', 'clear-one'), pick: fc.nat(5), syncFrom: fc.nat(2), syncTo: fc.nat(2), minutes: fc.integer({ min: -600, max: 600 }),
    });
    // Runs that reached the hard case (F1): a note or a clear made on a replica that had not yet seen a
    // blocker standing on the same node, which must still stand once everything is delivered.
    let hardRuns = 0;
    fc.assert(fc.property(fc.array(step, { maxLength: 24 }), fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: 6, maxLength: 6 }), (steps, finalOrder) => {
      const { docs, ctxs, plans } = replicas(3);
      const { initiative, task } = cascade(plans[0]!);
      for (const doc of docs.slice(1)) sync(docs[0]!, doc);
      const nodes = [initiative, task];
      const raised = new Map<string, NodeId>();
      const cleared = new Set<string>();
      let hard = false;
      for (const s of steps) {
        const plan = plans[s.replica]!;
        ctxs[s.replica]!.time += s.minutes * 60_000; // clocks wander apart, backwards too
        const node = nodes[s.node]!;
        const standing = plan.index.standingBlockers(node).map((checkIn) => checkIn.id);
        if (s.what !== 'raise') {
          const here = new Set(plan.index.checkIns(node).map((checkIn) => checkIn.id));
          if ([...raised].some(([id, on]) => on === node && !cleared.has(id) && !here.has(id))) hard = true;
        }
        if (s.what === 'raise') raised.set(plan.addCheckIn(node, { blocker: true, note: 'blocked' }), node);
        else if (s.what === 'note') plan.addCheckIn(node, { note: 'weekly note' });
        else {
          const clears = s.what === 'clear-seen' ? standing : standing.slice(s.pick % Math.max(1, standing.length), (s.pick % Math.max(1, standing.length)) + 1);
          plan.addCheckIn(node, { note: 'done', clears });
          for (const id of clears) cleared.add(id);
        }
        if (s.syncFrom !== s.syncTo) sync(docs[s.syncFrom]!, docs[s.syncTo]!);
      }
      // Deliver everything, in a random order of pairs, then all to all.
      for (const [from, to] of finalOrder) if (from !== to) sync(docs[from]!, docs[to]!);
      for (const from of docs) for (const to of docs) if (from !== to) sync(from, to);
      for (const node of nodes) {
        const expected = [...raised].filter(([id, on]) => on === node && !cleared.has(id)).map(([id]) => id).sort();
        for (const plan of plans) {
          expect(plan.index.standingBlockers(node).map((checkIn) => checkIn.id).sort()).toEqual(expected);
          expect(blocked(plan, node, T0 + 30 * DAY)).toBe(expected.length > 0);
        }
      }
      if (hard) hardRuns++;
    }), { numRuns: 150 });
    // 34-48 of 150 runs reach it (six random seeds); a change of the generators that stopped reaching
    // it would leave the property proving little. 10 is far enough below never to fail by chance.
    expect(hardRuns).toBeGreaterThanOrEqual(10);
  });
});

describe('F6: a check-in made after seeing another counts as later, whatever the clocks', () => {
  // review33 f3-clock-ahead.ts, as a test.
  it('a correction made an hour after a check-in from a clock a day fast wins, and keeps its own time', () => {
    const { docs: [docA, docB], ctxs: [ctxA, ctxB], plans: [ada, ben] } = replicas(2);
    const { keyResult } = cascade(ada!);
    sync(docA!, docB!);
    ctxB!.time = ctxA!.time + DAY;
    ben!.addCheckIn(keyResult, { value: 40, note: 'typo, meant 60' });
    sync(docB!, docA!);
    ctxA!.time += HOUR;
    const correction = ada!.addCheckIn(keyResult, { value: 60, note: 'correction' });
    sync(docA!, docB!);
    for (const plan of [ada!, ben!]) {
      plan.index.refresh(ctxA!.time);
      expect(plan.index.node(keyResult)).toMatchObject({ value: 60, progress: 0.6 });
      const history = plan.index.checkIns(keyResult);
      expect(history.map((checkIn) => checkIn.value)).toEqual([40, 60]);
      // Shown at Ada's real time, ordered after Ben's.
      expect(history[1]).toMatchObject({ id: correction, at: T0 + HOUR, order: T0 + DAY + 1 });
    }
    // Ben's check-in reads as dated in the future on Ada's screen; hers does not.
    const [bens, adas] = ada!.index.checkIns(keyResult);
    expect(datedInFuture(bens!, ctxA!.time)).toBe(true);
    expect(datedInFuture(adas!, ctxA!.time)).toBe(false);
  });

  it('a check-in from a clock stamped years ahead is marked, and the next one after seeing it still wins', () => {
    const { ctxs: [ctx], plans: [plan] } = replicas(1);
    const { keyResult } = cascade(plan!);
    const broken = plan!.addCheckIn(keyResult, { value: 90, at: T0 + 40 * 365 * DAY });
    plan!.addCheckIn(keyResult, { value: 30 });
    plan!.index.refresh(ctx!.time);
    expect(plan!.index.node(keyResult)!.value).toBe(30);
    expect(plan!.index.checkIns(keyResult).filter((checkIn) => datedInFuture(checkIn, ctx!.time)).map((checkIn) => checkIn.id)).toEqual([broken]);
    // Stale counts from the correction's own time, not the broken stamp.
    plan!.index.refresh(ctx!.time + 10 * DAY);
    expect(plan!.index.node(keyResult)!.signals.map((signal) => signal.kind)).toContain('stale');
  });

  it('a check-in of this code reads back every field through the index (its extras flags beside the status bits)', () => {
    const { plans: [plan] } = replicas(1);
    const { keyResult } = cascade(plan!);
    const id = plan!.addCheckIn(keyResult, { value: 20, confidence: 4, status: 'off_track', blocker: true, note: 'n' });
    expect(plan!.index.checkIns(keyResult)).toEqual([{ id, nodeId: keyResult, at: T0, by: 'ada', value: 20, confidence: 4, status: 'off_track', blocker: true, note: 'n', unit: '', clears: [] }]);
    expect(plan!.index.checkInSeries(keyResult).status(0)).toBe('off_track');
  });

  it('the order stamp survives the stored entry and a plan of older check-ins reads as before', () => {
    const stored = encodeCheckIn({ id: 'c1', nodeId: 'n1', at: 5, by: 'ada', value: 1, confidence: null, status: null, blocker: false, note: '', unit: '', order: 9, clears: [] });
    expect(JSON.parse(stored)).toEqual([1, 'c1', 'n1', 5, 'ada', 1, null, null, 0, '', '', { o: 9, c: [] }]);
    const plain = encodeCheckIn({ id: 'c2', nodeId: 'n1', at: 5, by: 'ada', value: null, confidence: null, status: null, blocker: false, note: '', clears: [] });
    expect(JSON.parse(plain)).toEqual([1, 'c2', 'n1', 5, 'ada', null, null, null, 0, '', null, { c: [] }]);
  });

  it('property: on any replicas with any clocks and delivery order, a check-in made after seeing another is ordered after it, everywhere', () => {
    const step = fc.record({ replica: fc.nat(2), clock: fc.integer({ min: -400 * DAY, max: 400 * DAY }), value: fc.integer({ min: 0, max: 100 }), syncFrom: fc.nat(2), syncTo: fc.nat(2) });
    // Check-ins made after seeing one stamped later than their own clock: ordered by the stamp, not the clock.
    let clockBehind = 0;
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 20 }), fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: 4, maxLength: 4 }), (steps, finalOrder) => {
      const { docs, ctxs, plans } = replicas(3);
      const { keyResult } = cascade(plans[0]!);
      for (const doc of docs.slice(1)) sync(docs[0]!, doc);
      // Every check-in, with the ids its replica held when it was made.
      const seenBefore = new Map<string, string[]>();
      let last: string | null = null;
      for (const s of steps) {
        const plan = plans[s.replica]!;
        ctxs[s.replica]!.time = T0 + s.clock; // each replica's clock anywhere within a year and more
        const history = plan.index.checkIns(keyResult);
        const seen = history.map((checkIn) => checkIn.id);
        // The case F6 is about: made after seeing a check-in stamped later than its own clock.
        if (history.some((checkIn) => checkIn.at > ctxs[s.replica]!.time)) clockBehind++;
        last = plan.addCheckIn(keyResult, { value: s.value });
        seenBefore.set(last, seen);
        if (s.syncFrom !== s.syncTo) sync(docs[s.syncFrom]!, docs[s.syncTo]!);
      }
      for (const [from, to] of finalOrder) if (from !== to) sync(docs[from]!, docs[to]!);
      for (const from of docs) for (const to of docs) if (from !== to) sync(from, to);
      const orders = plans.map((plan) => plan.index.checkIns(keyResult).map((checkIn) => checkIn.id));
      for (const order of orders) expect(order).toEqual(orders[0]);
      const position = new Map(orders[0]!.map((id, i) => [id, i]));
      for (const [id, seen] of seenBefore) for (const earlier of seen) expect(position.get(earlier)!).toBeLessThan(position.get(id)!);
      // The last check-in made after seeing every other one is the value shown, on every replica.
      const everything = seenBefore.get(last!)!.length === seenBefore.size - 1;
      if (everything) {
        for (const plan of plans) {
          plan.index.refresh(T0);
          expect(plan.index.node(keyResult)!.value).toBe(steps.at(-1)!.value);
        }
      }
    }), { numRuns: 200 });
    // 469-570 in six random seeds.
    expect(clockBehind).toBeGreaterThanOrEqual(100);
  });
});

describe('the plan file keeps order stamps and clears', () => {
  it('export → import: a blocker cleared by name stays cleared, one left standing stays, a correction stays latest', () => {
    const { docs: [docA, docB], ctxs: [ctxA, ctxB], plans: [ada, ben] } = replicas(2);
    const { keyResult, task, initiative } = cascade(ada!);
    sync(docA!, docB!);
    ctxB!.time += DAY;
    ben!.addCheckIn(keyResult, { value: 40 });
    const cleared = ben!.addCheckIn(task, { blocker: true, note: 'gone' });
    ben!.addCheckIn(initiative, { blocker: true, note: 'stands' });
    sync(docB!, docA!);
    ctxA!.time += HOUR;
    ada!.addCheckIn(keyResult, { value: 60 });
    ada!.addCheckIn(task, { note: 'fixed', clears: [cleared] });
    ada!.addCheckIn(initiative, { note: 'weekly' });
    const parsed = parsePlanFile(serializePlanFile(exportPlanFile(docA!)));
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const doc = new Y.Doc();
    writePlanFile(doc, parsed.file);
    const reopened = openPlan(doc, new TestContext(ctxA!.time, 'cem', 'c'));
    reopened.index.refresh(ctxA!.time);
    expect(reopened.index.node(keyResult)!.value).toBe(60);
    expect(blocked(reopened, task, ctxA!.time)).toBe(false);
    expect(blocked(reopened, initiative, ctxA!.time)).toBe(true);
    expect(exportPlanFile(doc).checkIns).toEqual(exportPlanFile(docA!).checkIns);
  });
});

describe('F7: an achieved key result is done, not stale', () => {
  // review33 f7-achieved-kr-stale.ts, as a test.
  it('a key result at its target ten days after its last check-in is on track, and so is its objective', () => {
    const { ctxs: [ctx], plans: [plan] } = replicas(1);
    const period = plan!.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
    const strategy = plan!.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan!.createNode({ kind: 'objective', parent: strategy, title: 'O', period });
    const hire = plan!.createNode({ kind: 'key_result', parent: objective, title: 'Hire 5 engineers', start: 0, target: 5 });
    plan!.addCheckIn(hire, { value: 5, note: 'all five signed' });
    ctx!.time += 10 * DAY;
    plan!.index.refresh(ctx!.time);
    expect(plan!.index.node(hire)).toMatchObject({ progress: 1, health: 'on_track', signals: [] });
    expect(plan!.index.node(objective)).toMatchObject({ progress: 1, health: 'on_track' });
    expect(plan!.index.summary().health).toBe('on_track');
  });

  it('still stale: a key result short of its target, and a range key result inside its range (staying there is the goal)', () => {
    const { ctxs: [ctx], plans: [plan] } = replicas(1);
    const strategy = plan!.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan!.createNode({ kind: 'objective', parent: strategy, title: 'O' });
    const short = plan!.createNode({ kind: 'key_result', parent: objective, title: 'Hire', start: 0, target: 5 });
    const range = plan!.createNode({ kind: 'key_result', parent: objective, title: 'Churn', direction: 'range', rangeLow: 2, rangeHigh: 3 });
    const down = plan!.createNode({ kind: 'key_result', parent: objective, title: 'Bugs', start: 50, target: 10, direction: 'decrease' });
    plan!.addCheckIn(short, { value: 4 });
    plan!.addCheckIn(range, { value: 2.5 });
    plan!.addCheckIn(down, { value: 8 });
    ctx!.time += 10 * DAY;
    plan!.index.refresh(ctx!.time);
    const kinds = (id: NodeId) => plan!.index.node(id)!.signals.map((signal) => signal.kind);
    expect(kinds(short)).toContain('stale');
    expect(plan!.index.node(range)!.progress).toBe(1);
    expect(kinds(range)).toContain('stale');
    expect(plan!.index.node(down)!.progress).toBe(1);
    expect(kinds(down)).not.toContain('stale');
  });
});
