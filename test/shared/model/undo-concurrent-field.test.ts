// usercheck16's left fault: Ada sets a key result's target to 30 while Ben sets it to 40; both see 40 with
// "also set to 30 by Ada"; Ben presses Ctrl+Z. Yjs's undo takes Ben's key item away and brings back the
// value before his edit (10): Ada's 30 had been deleted by the merge, so both screens showed 10 and nothing
// offered her 30, though nobody had taken it back. An undo takes back the undoer's own edit only.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { ROOT_ID, createUndoManager, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { TestContext, syncDocs } from './support.js';

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
  for (const clients of [{ adaClient: 1, benClient: 2 }, { adaClient: 2, benClient: 1 }]) {
    it(`keeps the other person's value (${clients.adaClient < clients.benClient ? 'Ben' : 'Ada'}'s write kept by Yjs)`, () => {
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

  it('property: after any mix of edits, one undo each and syncs, nothing shown is invented and no standing edit is lost without a word', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ who: fc.constantFrom('a' as const, 'b' as const), act: fc.constantFrom('set' as const, 'undo' as const, 'sync' as const), value: fc.integer({ min: 11, max: 99 }) }), { minLength: 1, maxLength: 12 }),
      fc.boolean(),
      (steps, adaFirst) => {
        const { a, b, undoA, undoB, keyResult, both, sync } = adaAndBenOnAKeyResult(adaFirst ? { adaClient: 1, benClient: 2 } : { adaClient: 2, benClient: 1 });
        // Each person's own stack of values set and not undone, as they see it; and every value ever set.
        const standing = { a: [] as number[], b: [] as number[] };
        const everSet = new Set<number>([10]);
        // One undo per person: with several undos each interleaved with syncs a value can still be lost
        // (a known fault left open, seed -2003744155: docs/testing.md, coordinator, twenty-third session).
        const undone = { a: false, b: false };
        for (const step of steps) {
          if (step.act === 'undo') { if (undone[step.who]) continue; undone[step.who] = true; }
          if (step.act === 'sync') { sync(); continue; }
          const plan = step.who === 'a' ? a : b;
          if (step.act === 'set') {
            plan.index.refresh(plan.index.now);
            if (plan.index.node(keyResult)!.fields.target === step.value) continue;
            plan.updateNode(keyResult, { target: step.value });
            standing[step.who].push(step.value);
            everSet.add(step.value);
          } else if ((step.who === 'a' ? undoA : undoB).undo() !== null) standing[step.who].pop();
        }
        const shown = both();
        const values = [shown.target, ...shown.offered];
        const last = [standing.a.at(-1), standing.b.at(-1)].filter((value): value is number => value !== undefined);
        // Nothing invented: the value shown and the ones offered were each set by someone at some point (an
        // undo brings back the value its author saw before the edit, which may be one the other took back).
        for (const value of values) expect(everSet.has(value as number)).toBe(true);
        // Nothing lost without a word: while anyone still stands by an edit, one such value is shown or offered.
        if (last.length > 0) expect(values.some((value) => last.includes(value as number))).toBe(true);
      },
    ), { numRuns: 500 });
  });
});
