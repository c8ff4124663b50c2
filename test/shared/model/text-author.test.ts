// leftovers45a: who changed what a title shows (PlanIndex.textAuthor), which the outline's notice names. After Ada's
// own Ctrl+Z of a rename the node's `updated` stamp was the one before her rename (the undo brings it back), so her
// screen told her "<the plan's creator> renamed …"; and when her undo and Ben's offline rename met, Yjs kept one of
// the two `updated` writes by client id, so Ben's rename could be told as hers (or as "someone", the creator).
// Real Y.Docs, the real undo manager.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, createUndoManager, type Plan } from '../../../shared/model/index.js';
import { twoReplicas } from './support.js';

function strategyByCarla() {
  // Made by a third person (the plan's creator, "someone" on a device with no name yet), then both sync.
  const r = twoReplicas((a) => ({ node: a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Win EU' }) }), ['ada', 'ben']);
  return r;
}

describe('the author of a shown title (leftovers45a)', () => {
  it('Ada\'s Ctrl+Z of her rename is hers, whether the undo types the old title again or only takes characters away', () => {
    const r = strategyByCarla();
    r.b.setTitle(r.node, 'Win the EU');
    r.sync();
    const undo = createUndoManager(r.a, { captureTimeout: 0 });
    r.ctxA.advance(1);
    r.a.setTitle(r.node, 'Alpha plan');
    r.ctxA.advance(1);
    undo.undo();
    r.sync();
    expect(r.a.index.title(r.node)).toBe('Win the EU');
    expect(r.a.index.textAuthor(r.node, 'title')?.by).toBe('ada');
    expect(r.b.index.textAuthor(r.node, 'title')?.by).toBe('ada');
    // An undo that only takes characters away writes no rename record: the node's stamp says who.
    r.ctxA.advance(1);
    r.a.setTitle(r.node, 'Win the EU now');
    r.ctxA.advance(1);
    undo.undo();
    r.sync();
    expect(r.a.index.title(r.node)).toBe('Win the EU');
    expect(r.a.index.textAuthor(r.node, 'title')?.by).toBe('ada');
  });

  it('Ada\'s undo and Ben\'s later offline rename: Ben\'s shows, and it is named his on both devices', () => {
    const r = strategyByCarla();
    const undo = createUndoManager(r.a, { captureTimeout: 0 });
    r.a.setTitle(r.node, 'Revenue from the Nordics');
    r.ctxA.advance(0.01);
    undo.undo();
    r.ctxB.advance(0.02);
    r.b.setTitle(r.node, 'Partner revenue');
    r.sync();
    for (const plan of [r.a, r.b]) {
      expect(plan.index.title(r.node)).toBe('Partner revenue');
      expect(plan.index.textAuthor(r.node, 'title')?.by).toBe('ben');
    }
  });

  it('after any sequence of renames and undos (each seen by both), a change of the shown title is named as its maker\'s on both devices (property)', () => {
    type Step = { who: 'ada' | 'ben'; act: 'rename' | 'undo'; text: string };
    const step = fc.record({ who: fc.constantFrom('ada' as const, 'ben' as const), act: fc.constantFrom('rename' as const, 'undo' as const), text: fc.constantFrom('Win EU', 'Win EU now', 'Alpha', 'Alpha plan', 'EU', 'Beta') });
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps: Step[]) => {
      const r = strategyByCarla();
      const undos = { ada: createUndoManager(r.a, { captureTimeout: 0 }), ben: createUndoManager(r.b, { captureTimeout: 0 }) };
      const plans: Record<'ada' | 'ben', Plan> = { ada: r.a, ben: r.b };
      r.sync();
      for (const { who, act, text } of steps) {
        r.ctxA.advance(1);
        r.ctxB.advance(1);
        const before = r.a.index.title(r.node);
        if (act === 'rename') plans[who].setTitle(r.node, text);
        else undos[who].undo();
        r.sync();
        // What the outline tells (use-kept-place.ts): a title that changed under the person, and by whom.
        if (r.a.index.title(r.node) === before) continue;
        expect(r.a.index.textAuthor(r.node, 'title')?.by, JSON.stringify(steps)).toBe(who);
        expect(r.b.index.textAuthor(r.node, 'title')?.by, JSON.stringify(steps)).toBe(who);
      }
    }), { numRuns: 200 });
  });
});
