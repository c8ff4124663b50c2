// usercheck16's left fault: Ada sets a key result's target to 30 while Ben sets it to 40; both see 40 with
// "also set to 30 by Ada"; Ben presses Ctrl+Z. Yjs's undo takes Ben's key item away and brings back the
// value before his edit (10): Ada's 30 had been deleted by the merge, so both screens showed 10 and nothing
// offered her 30, though nobody had taken it back. An undo takes back the undoer's own edit only.
// undo2, twenty-fourth session: the same with any number of undos and redos each, interleaved with syncs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { ROOT_ID, createUndoManager, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { MAX_VIA } from '../../../shared/model/undo.js';
import { TestContext, syncDocs } from './support.js';

/** Both orders of the two replicas' Yjs client ids: Yjs keeps the greater one's item of concurrent map writes. */
const CLIENT_ORDERS = [{ adaClient: 1, benClient: 2 }, { adaClient: 2, benClient: 1 }] as const;

/** Whose map write Yjs keeps when both write a key concurrently (the greater client id's). */
function keptByYjs(clients: { adaClient: number; benClient: number }): 'Ada' | 'Ben' {
  return clients.adaClient < clients.benClient ? 'Ben' : 'Ada';
}

function adaAndBenOnAKeyResult(options: { adaClient: number; benClient: number }) {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  docA.clientID = options.adaClient;
  docB.clientID = options.benClient;
  const a = openPlan(docA, new TestContext(undefined, 'ada', 'a'));
  const strategy = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const objective = a.createNode({ kind: 'objective', parent: strategy, title: 'O' });
  const keyResult = a.createNode({ kind: 'key_result', parent: objective, title: 'Churn', start: 0, target: 10, unit: '%' });
  syncDocs(docA, docB);
  const b = openPlan(docB, new TestContext(undefined, 'ben', 'b'));
  const undoA = createUndoManager(a, { captureTimeout: 0 });
  const undoB = createUndoManager(b, { captureTimeout: 0 });
  const sync = () => { syncDocs(docA, docB); syncDocs(docB, docA); };
  const seen = (plan: Plan, id: NodeId) => {
    plan.index.refresh(plan.index.now);
    const node = plan.index.node(id)!;
    return { target: node.fields.target, offered: node.fieldConflicts.filter((conflict) => conflict.field === 'target').map((conflict) => conflict.value) };
  };
  const both = () => {
    sync();
    const onA = seen(a, keyResult);
    expect(seen(b, keyResult)).toEqual(onA);
    return onA;
  };
  return { a, b, undoA, undoB, keyResult, both, sync };
}

describe('an undo of one\'s own field edit made concurrently with another person\'s', () => {
  for (const clients of CLIENT_ORDERS) {
    it(`keeps the other person's value (${keptByYjs(clients)}'s write kept by Yjs)`, () => {
      const { a, b, undoB, keyResult, both } = adaAndBenOnAKeyResult(clients);
      a.updateNode(keyResult, { target: 30 });
      b.updateNode(keyResult, { target: 40 });
      const merged = both();
      expect([30, 40]).toContain(merged.target);
      expect(merged.offered).toEqual([merged.target === 30 ? 40 : 30]);
      undoB.undo();
      expect(both()).toEqual({ target: 30, offered: [] });
      // Redo brings Ben's 40 back beside Ada's 30, as it was.
      undoB.redo();
      const redone = both();
      expect([30, 40]).toContain(redone.target);
      expect(redone.offered).toEqual([redone.target === 30 ? 40 : 30]);
    });
  }

  it('an undo of an edit nobody else touched still brings back the value before it', () => {
    const { b, undoB, keyResult, both } = adaAndBenOnAKeyResult({ adaClient: 1, benClient: 2 });
    b.updateNode(keyResult, { target: 40 });
    expect(both()).toEqual({ target: 40, offered: [] });
    undoB.undo();
    expect(both()).toEqual({ target: 10, offered: [] });
    b.updateNode(keyResult, { target: 20 });
    b.updateNode(keyResult, { target: 25 });
    undoB.undo();
    expect(both()).toEqual({ target: 20, offered: [] });
  });

  // undo2, twenty-fourth session: the second rehearsal's seed (-2003744155), reduced. Ada's Ctrl+Z of her 13
  // brought back her 12 beside Ben's 12; Ben's Ctrl+Z, not yet knowing of hers, brought back her 11 (a copy
  // of the record her own 12 had replaced, that record gone) as a head beside her 13, and the merge left
  // her 12 as the one head while the field's key held nothing: both screens showed 10, offering nothing.
  /** The seed's edits before the undos: Ada 11, sync, Ada 12 while Ben 12, Ada 13, sync. */
  function theSeedsOpening(clients: { adaClient: number; benClient: number }) {
    const setup = adaAndBenOnAKeyResult(clients);
    const { a, b, keyResult, sync } = setup;
    a.updateNode(keyResult, { target: 11 });
    sync();
    a.updateNode(keyResult, { target: 12 });
    b.updateNode(keyResult, { target: 12 });
    a.updateNode(keyResult, { target: 13 });
    sync();
    return setup;
  }
  for (const clients of CLIENT_ORDERS) {
    it(`two undos each before the other's arrives keep Ada's 12, which she stands by (${keptByYjs(clients)}'s write kept by Yjs)`, () => {
      const { undoA, undoB, both } = theSeedsOpening(clients);
      undoA.undo();
      undoB.undo();
      const shown = both();
      // Ben's undo restated the 13 he saw (he had not seen Ada take it back); her 12 is offered beside it.
      expect([shown.target, ...shown.offered]).toContain(12);
      expect([shown.target, ...shown.offered]).not.toContain(10);
      expect([shown.target, ...shown.offered]).not.toContain(11);
    });
  }

  // undo3, twenty-fifth session: the shape undo2 left open (the review's regression from 81de291). Ada sets 11
  // and they sync; both set 12; each undoes their own 12 before the other's undo arrives. Each undo restated
  // the other's 12, and Ben's delete of his (stale) copy of Ada's 11 hid the copy her undo restored: both
  // showed 12, which nobody stands by, and her 11 was neither shown nor offered (or offered beside the 12).
  for (const clients of CLIENT_ORDERS) {
    it(`two undos of the same value, each before the other's arrives, show Ada's 11, the one value stood by (${keptByYjs(clients)}'s write kept by Yjs)`, () => {
      const { a, b, undoA, undoB, keyResult, both, sync } = adaAndBenOnAKeyResult(clients);
      a.updateNode(keyResult, { target: 11 });
      sync();
      a.updateNode(keyResult, { target: 12 });
      b.updateNode(keyResult, { target: 12 });
      expect(both()).toEqual({ target: 12, offered: [] });
      undoA.undo();
      undoB.undo();
      expect(both()).toEqual({ target: 11, offered: [] });
      // Ada's redo brings her 12 back over her 11; Ben's his too.
      undoA.redo();
      expect(both()).toEqual({ target: 12, offered: [] });
      undoB.redo();
      expect(both()).toEqual({ target: 12, offered: [] });
      // And an edit after it all replaces whatever the undos left behind.
      b.updateNode(keyResult, { target: 14 });
      expect(both()).toEqual({ target: 14, offered: [] });
    });
  }

  it('an undo that arrives before the other\'s brings back no value its author had replaced', () => {
    const { undoA, undoB, both, sync } = theSeedsOpening({ adaClient: 1, benClient: 2 });
    undoA.undo();
    sync();
    undoB.undo();
    // Ada stands by her 12; her 11, which her own 12 replaced, is offered by nobody.
    expect(both()).toEqual({ target: 12, offered: [] });
  });

  it('two undos of one\'s own edits bring back the value before both; two redos the last, alone', () => {
    const { b, undoB, keyResult, both } = adaAndBenOnAKeyResult({ adaClient: 1, benClient: 2 });
    b.updateNode(keyResult, { target: 20 });
    b.updateNode(keyResult, { target: 25 });
    undoB.undo();
    expect(both()).toEqual({ target: 20, offered: [] });
    // The first undo recorded the 20 it brought back; the second takes that record back with the 20.
    undoB.undo();
    expect(both()).toEqual({ target: 10, offered: [] });
    undoB.redo();
    expect(both()).toEqual({ target: 20, offered: [] });
    undoB.redo();
    expect(both()).toEqual({ target: 25, offered: [] });
  });

  // The property's seed 4 (coordinator, twenty-fifth session): Ada sets 11 and undoes it; they sync; Ben sets 11 and
  // undoes it (his set deleted her undo's record, his undo brought a copy of it back); they sync; Ada's redo
  // takes her undo back, but the copy's mark on her 11 still counted and hid the 11 her redo restored: 10 shown.
  for (const clients of CLIENT_ORDERS) {
    it(`a redo of an undo whose record another person's undo brought back a copy of shows the redone value (${keptByYjs(clients) === 'Ben' ? 'Ada' : 'Ben'} first)`, () => {
      const { a, b, undoA, undoB, keyResult, both, sync } = adaAndBenOnAKeyResult(clients);
      a.updateNode(keyResult, { target: 11 });
      undoA.undo();
      sync();
      b.updateNode(keyResult, { target: 11 });
      undoB.undo();
      expect(both()).toEqual({ target: 10, offered: [] });
      undoA.redo();
      expect(both()).toEqual({ target: 11, offered: [] });
    });
  }

  // The property's seed 20 (coordinator, twenty-fifth session): Ada sets 11 while Ben sets 13; he sets 12 over both.
  // Ben undoes twice and redoes his 13 while Ada, apart, undoes and redoes her 11. Ben's redo record passed
  // through (`via`) his undo of the 12 and replaced it, which took that undo's mark away: a copy of his 12
  // that Ada's redo brought back stood again, over his 13. Shown 11 with 12 offered; his 13 neither.
  for (const clients of CLIENT_ORDERS) {
    it(`a redo passing through an undo keeps that undo's mark (${keptByYjs(clients) === 'Ben' ? 'Ada' : 'Ben'} first)`, () => {
      const { a, b, undoA, undoB, keyResult, both, sync } = adaAndBenOnAKeyResult(clients);
      a.updateNode(keyResult, { target: 11 });
      b.updateNode(keyResult, { target: 13 });
      sync();
      b.updateNode(keyResult, { target: 12 });
      sync();
      undoB.undo();
      undoA.undo();
      undoB.undo();
      undoB.redo();
      undoA.redo();
      const shown = both();
      const values = [shown.target, ...shown.offered];
      expect(values).toContain(13);
      expect(values).not.toContain(12);
    });
  }

  // review26 F1 (the property's seed 31), undo4, twenty-seventh session: Ben sets 11 then 12; Ada and Ben each set 11
  // at once; Ada takes her 11 back. Her undo had emptied Ben's "set 11" step, so his first Ctrl+Z popped it and his
  // "set 12" together, but only the first step's edits were marked taken back: a copy of his 12 her undo had brought
  // back stood, and both screens showed his 12 after he had taken back everything he did (10 expected).
  for (const clients of CLIENT_ORDERS) {
    it(`a press that pops two steps takes back the edits of both (${keptByYjs(clients)}'s write kept by Yjs)`, () => {
      const { a, b, undoA, undoB, keyResult, both, sync } = adaAndBenOnAKeyResult(clients);
      b.updateNode(keyResult, { target: 11 });
      b.updateNode(keyResult, { target: 12 });
      sync();
      a.updateNode(keyResult, { target: 11 });
      b.updateNode(keyResult, { target: 11 });
      sync();
      undoA.undo();
      expect(both()).toEqual({ target: 11, offered: [] });
      while (undoB.undoStack.length > 0) undoB.undo();
      expect(both()).toEqual({ target: 10, offered: [] });
    });
  }

  // review26 F2, undo4: Ben sets 11 while Ada sets 12; Ada picks 11; Ben, not yet seeing it, sets 12; Ada takes her pick
  // back. Ben takes back his 12 (standing by his 11) while Ada takes back her 12. Ada's undo deleted Ben's 11 as
  // replaced by his 12, and the copy under its key was one her own undo had restored, so his concurrent undo could
  // not bring it back: both showed 10, his 11 gone without a word.
  for (const clients of CLIENT_ORDERS) {
    it(`an undo keeps another person's newest edit its head replaced, for their concurrent undo (${keptByYjs(clients)}'s write kept by Yjs)`, () => {
      const { a, b, undoA, undoB, keyResult, both, sync } = adaAndBenOnAKeyResult(clients);
      b.updateNode(keyResult, { target: 11 });
      a.updateNode(keyResult, { target: 12 });
      sync();
      a.updateNode(keyResult, { target: 11 });
      b.updateNode(keyResult, { target: 12 });
      undoA.undo();
      sync();
      undoB.undo();
      undoA.undo();
      expect(both()).toEqual({ target: 11, offered: [] });
    });
  }

  // undo4, the property's seed 10 once F1 was fixed: Ada and Ben each set a value and sync; Ben undoes and redoes; Ada
  // undoes; they sync; Ben undoes (nothing of his left: 10 on his screen) while Ada, apart, redoes. Her redo found her
  // edit held by Ben's records (a restatement of his, or a copy his redo had restored), and his undo took those away:
  // both showed 10, though Ada stood by her value. Her redo now states her edit as her own.
  for (const clients of CLIENT_ORDERS) {
    for (const adaValue of [11, 12]) {
      it(`a redo of one's edit held by another person's records keeps it when they undo those (Ada ${adaValue}, ${keptByYjs(clients)}'s write kept by Yjs)`, () => {
        const { a, b, undoA, undoB, keyResult, both, sync } = adaAndBenOnAKeyResult(clients);
        a.updateNode(keyResult, { target: adaValue });
        b.updateNode(keyResult, { target: 11 });
        sync();
        undoB.undo();
        undoB.redo();
        undoA.undo();
        sync();
        undoB.undo();
        undoA.redo();
        // Ben's undo (to 10) and Ada's redo were concurrent: her value is shown or offered.
        const shown = both();
        expect([shown.target, ...shown.offered]).toContain(adaValue);
      });
    }
  }

  // undo3, twenty-fifth session: an undo's record named every earlier cycle's record in `via` (k ids in the k-th).
  it('records stay bounded over many undo/redo cycles of one field: few records, short lists, the right value', () => {
    const { b, undoB, keyResult, both } = adaAndBenOnAKeyResult({ adaClient: 1, benClient: 2 });
    b.updateNode(keyResult, { target: 20 });
    b.updateNode(keyResult, { target: 25 });
    const sizes: number[] = [];
    for (let cycle = 0; cycle < 60; cycle++) {
      undoB.undo();
      expect(both()).toEqual({ target: 20, offered: [] });
      undoB.redo();
      expect(both()).toEqual({ target: 25, offered: [] });
      const records = [...b.doc.getMap('fieldEdits').values()] as { after: string[]; via?: string[]; undoes?: string[] }[];
      sizes.push(records.length);
      for (const record of records) {
        expect(record.via?.length ?? 0).toBeLessThanOrEqual(MAX_VIA);
        expect(record.after.length + (record.undoes?.length ?? 0)).toBeLessThanOrEqual(16);
      }
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });

  // undo4, twenty-seventh session (review26b F2): two people pressing undo and redo for a long session. 589cd98's fix of
  // F1 and F2 grew one key result's records to 282 holding 146,821 ids (a 100 MB plan) in 2,000 presses; main reached
  // 137 records, 117,054 ids and 24 MB in 3,000 on one sample. review26b's generator: 40-80 random set/undo/redo/sync
  // steps, then undo/redo/sync only. Its two samples run here (BOUND_RUNS=12 BOUND_STEPS=3000 for the whole sweep).
  it('property: two people\'s long undo/redo sessions keep a field\'s records few, their lists short and the doc growing linearly', () => {
    const edit = fc.record({ who: fc.constantFrom('a' as const, 'b' as const), act: fc.constantFrom('set' as const, 'undo' as const, 'redo' as const, 'sync' as const), value: fc.integer({ min: 11, max: 13 }) });
    const press = fc.record({ who: fc.constantFrom('a' as const, 'b' as const), act: fc.constantFrom('undo' as const, 'redo' as const, 'sync' as const) });
    const session = fc.tuple(fc.array(edit, { minLength: 40, maxLength: 80 }), fc.array(press, { minLength: 3000, maxLength: 3000 }), fc.boolean());
    const runs = Number(process.env.BOUND_RUNS ?? 0);
    const samples = runs > 0
      ? [...fc.sample(session, { numRuns: runs, seed: 11 }), ...fc.sample(session, { numRuns: runs, seed: 23 })]
      : [fc.sample(session, { numRuns: 5, seed: 11 })[4]!, fc.sample(session, { numRuns: 1, seed: 23 })[0]!];
    const presses = Number(process.env.BOUND_STEPS ?? 1500);
    for (const [edits, stretch, adaFirst] of samples) {
      const { a, b, undoA, undoB, keyResult, sync } = adaAndBenOnAKeyResult(adaFirst ? { adaClient: 1, benClient: 2 } : { adaClient: 2, benClient: 1 });
      const act = (who: 'a' | 'b', what: string, value = 0) => {
        const plan = who === 'a' ? a : b;
        const manager = who === 'a' ? undoA : undoB;
        if (what === 'sync') sync();
        else if (what === 'undo') manager.undo();
        else if (what === 'redo') manager.redo();
        else {
          plan.index.refresh(plan.index.now);
          if (plan.index.node(keyResult)!.fields.target !== value) plan.updateNode(keyResult, { target: value });
        }
      };
      for (const { who, act: what, value } of edits) act(who, what, value);
      sync();
      const start = Y.encodeStateAsUpdate(a.doc).length;
      for (let done = 0; done < presses; done++) {
        act(stretch[done]!.who, stretch[done]!.act);
        if (done % 50 !== 49) continue;
        sync();
        const records = [...a.doc.getMap('fieldEdits').values()] as { after: string[]; via?: string[]; undoes?: string[]; restates?: string[] }[];
        expect(records.length).toBeLessThanOrEqual(40);
        for (const record of records) {
          expect(record.via?.length ?? 0).toBeLessThanOrEqual(MAX_VIA);
          expect(Math.max(record.after.length, record.undoes?.length ?? 0, record.restates?.length ?? 0)).toBeLessThanOrEqual(48);
        }
        // Yjs keeps a deleted key's small item per write, and the undo stacks keep what they may restore: linear, at
        // most 1 KB a press (400 B a press on these samples; 589cd98 reached 12 MB in 1,250).
        expect(Y.encodeStateAsUpdate(a.doc).length).toBeLessThanOrEqual(start + 1000 * (done + 1));
      }
    }
  });

  const step = fc.record({
    who: fc.constantFrom('a' as const, 'b' as const),
    act: fc.oneof(
      { arbitrary: fc.constant('set' as const), weight: 3 }, { arbitrary: fc.constant('undo' as const), weight: 3 },
      { arbitrary: fc.constant('redo' as const), weight: 1 }, { arbitrary: fc.constant('sync' as const), weight: 2 },
      { arbitrary: fc.constant('send' as const), weight: 1 },
    ),
    // Few values: the faults need two people to set the same one.
    value: fc.integer({ min: 11, max: 13 }),
  });
  type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

  /**
   * Plays `steps` on Ada's and Ben's replicas ('send': the one named sends to the other; 'sync': both ways)
   * and keeps, for each person, the values they stand by (set and not undone, or redone) in order, and
   * those they undid that redo would bring back. A press that pops several steps (Yjs moves past steps
   * others' edits emptied) takes all of them back; only the last, which changed something, can be redone.
   */
  function play(steps: readonly Step[], adaFirst: boolean) {
    const setup = adaAndBenOnAKeyResult(adaFirst ? { adaClient: 1, benClient: 2 } : { adaClient: 2, benClient: 1 });
    const { a, b, undoA, undoB, keyResult, sync } = setup;
    const docs = { a: a.doc, b: b.doc };
    const standing = { a: [] as number[], b: [] as number[] };
    const redoable = { a: [] as number[], b: [] as number[] };
    const everSet = new Set<number>([10]);
    for (const { who, act, value } of steps) {
      if (act === 'sync') sync();
      else if (act === 'send') syncDocs(docs[who], docs[who === 'a' ? 'b' : 'a']);
      else if (act === 'set') {
        const plan = who === 'a' ? a : b;
        plan.index.refresh(plan.index.now);
        if (plan.index.node(keyResult)!.fields.target === value) continue;
        plan.updateNode(keyResult, { target: value });
        standing[who].push(value);
        redoable[who] = [];
        everSet.add(value);
      } else {
        const manager = who === 'a' ? undoA : undoB;
        const [from, to, stack] = act === 'undo' ? [standing, redoable, manager.undoStack] as const : [redoable, standing, manager.redoStack] as const;
        const before = stack.length;
        const popped = act === 'undo' ? manager.undo() : manager.redo();
        const taken = from[who].splice(from[who].length - (before - (act === 'undo' ? manager.undoStack : manager.redoStack).length));
        if (popped !== null && taken.length > 0) to[who].push(taken.at(-1)!);
      }
    }
    return { ...setup, standing, everSet };
  }

  // Seed 31 (review26 F1, F2) and seed 10 (what fixing F1 alone uncovered) beside the first.
  const SEEDS = process.env.FC_SEED ? [Number(process.env.FC_SEED)] : [1, 10, 31];
  it.each(SEEDS)('property (seed %i): after any mix of edits, undos, redos and syncs, nothing shown is invented and no standing edit is lost without a word', (seed) => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 16 }), fc.boolean(), (steps, adaFirst) => {
      const { both, standing, everSet } = play(steps, adaFirst);
      // Both replicas converge (both() compares them).
      const shown = both();
      const values = [shown.target, ...shown.offered];
      // Nothing invented: the value shown and the ones offered were each set by someone at some point (an
      // undo brings back the value its author saw before the edit, which may be one the other took back).
      for (const value of values) expect(everSet.has(value as number)).toBe(true);
      // Nothing lost without a word: while anyone still stands by an edit, one such value is shown or offered.
      const last = [standing.a.at(-1), standing.b.at(-1)].filter((value): value is number => value !== undefined);
      if (last.length > 0) expect(values.some((value) => last.includes(value as number))).toBe(true);
      // Fixed seeds still, the suite's runs being few: 3,000 runs pass at seeds 1-30 (seeds 4 and 20 fixed by the
      // coordinator, twenty-fifth session); seed 31 failed after 952 runs until review26's F1 and F2 were fixed, and
      // seed 10 after 124 with F1's fix alone (undo4, twenty-seventh session). FC_SEED=N RUNS=3000 tries another.
    }), { numRuns: Number(process.env.RUNS ?? 150), seed });
  });

  it('property: one person\'s edits, undos and redos show exactly the value they stand by, nothing offered', () => {
    fc.assert(fc.property(fc.array(step.map((one) => ({ ...one, who: 'b' as const })), { minLength: 1, maxLength: 16 }), (steps) => {
      const { both, standing } = play(steps, true);
      expect(both()).toEqual({ target: standing.b.at(-1) ?? 10, offered: [] });
    }), { numRuns: Number(process.env.RUNS ?? 150), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });
  });
});
