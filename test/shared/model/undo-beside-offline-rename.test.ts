// review44b: an undo of a rename made while someone else, offline, renamed the same field (F1), and the
// order of one node's links on two replicas (F2). Real Y.Docs, real createUndoManager.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, createUndoManager, type NodeId, type Plan } from '../../../shared/model/index.js';
import { twoReplicas } from './support.js';

const words = (text: string) => text.split(/\s+/u).filter((word) => word !== '');

/**
 * Ada renames "Win EU" to `ada` and takes it back with Ctrl+Z while Ben, offline, renames it to `ben`
 * (`benFirst`: before Ada's two steps, else after); `prior` renames it once before they part (a record
 * the undo brings back). Then both sync.
 */
function undoBesideOfflineRename(field: 'title' | 'description', ada: string, ben: string, benFirst: boolean, prior: string | null) {
  const r = twoReplicas((a) => {
    const node = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Win EU', description: 'Win EU' });
    return { node };
  }, ['ada', 'ben']);
  const set = (plan: Plan, text: string) => (field === 'title' ? plan.setTitle(r.node, text) : plan.setDescription(r.node, text));
  if (prior !== null) { set(r.a, prior); r.sync(); }
  const undo = createUndoManager(r.a, { captureTimeout: 0 });
  const adaSteps = () => { set(r.a, ada); r.ctxA.advance(0.01); undo.undo(); };
  if (benFirst) { r.ctxB.advance(0.005); set(r.b, ben); adaSteps(); } else { adaSteps(); r.ctxB.advance(0.02); set(r.b, ben); }
  r.sync();
  const shown = (plan: Plan) => ({
    text: field === 'title' ? plan.index.title(r.node) : plan.index.description(r.node),
    offered: plan.index.node(r.node)!.conflicts.filter((conflict) => conflict.field === field).map((conflict) => conflict.text),
  });
  return { a: shown(r.a), b: shown(r.b), before: prior ?? 'Win EU' };
}

describe('undo of a rename beside an offline rename of the same field (review44b F1)', () => {
  it('Ada\'s Ctrl+Z and Ben\'s offline rename: one text shows, the other is offered, never "Win EUBeta launch"', () => {
    const { a, b } = undoBesideOfflineRename('title', 'Alpha plan', 'Beta launch', false, null);
    expect(a).toEqual(b);
    // Ben's rename is the later one: it shows, and the title Ada went back to is offered.
    expect(a).toEqual({ text: 'Beta launch', offered: ['Win EU'] });
  });

  it('the same for a description, and when a rename before them is what the undo brings back', () => {
    const { a, b } = undoBesideOfflineRename('description', 'Cut churn by half', 'Hire two engineers', false, 'Grow revenue in Europe');
    expect(a).toEqual(b);
    expect(a).toEqual({ text: 'Hire two engineers', offered: ['Grow revenue in Europe'] });
  });

  it('whatever the texts and order, both show the same, every word shown is someone\'s, and Ben\'s text is shown or offered (property)', () => {
    const texts = fc.constantFrom('Win EU', 'Alpha plan', 'Beta launch', 'Win US', 'Win EU now', 'EU');
    fc.assert(fc.property(fc.constantFrom('title' as const, 'description' as const), texts, texts, fc.boolean(), fc.option(texts, { nil: null }), (field, ada, ben, benFirst, prior) => {
      const { a, b, before } = undoBesideOfflineRename(field, ada, ben, benFirst, prior);
      expect(a).toEqual(b);
      const written = new Set([...words(before), ...words(ada), ...words(ben), 'Win', 'EU']);
      for (const word of words(a.text)) expect(written.has(word), `"${a.text}" shows "${word}"`).toBe(true);
      // Ben renamed from what Ada had undone back to: his text shows, merges in, or is offered.
      if (ben !== before) expect(a.text === ben || a.offered.includes(ben) || words(ben).every((word) => words(a.text).includes(word)), `${JSON.stringify(a)}`).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('links on two replicas (review44b F2)', () => {
  it('list a key result\'s contributing work in the same order on every replica', () => {
    const r = twoReplicas((a) => {
      const s = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
      const o = a.createNode({ kind: 'objective', parent: s, title: 'O' });
      const kr = a.createNode({ kind: 'key_result', parent: o, title: 'K', start: 0, target: 10 });
      const i1 = a.createNode({ kind: 'initiative', parent: o, title: 'I1' });
      const i2 = a.createNode({ kind: 'initiative', parent: o, title: 'I2' });
      return { kr, i1, i2 };
    });
    // Each links a different initiative to the key result while apart: each replica got its own key first.
    r.a.link(r.i2, 'contributes_to', r.kr);
    r.b.link(r.i1, 'contributes_to', r.kr);
    r.sync();
    const order = (plan: Plan) => ({ all: plan.index.links().map((link) => link.from), to: plan.index.linksTo(r.kr as NodeId).map((link) => link.from) });
    expect(order(r.a)).toEqual(order(r.b));
  });
});

describe('undo of a move beside an offline move of the same item (review44b F3)', () => {
  /**
   * Ada moves the key result under O2 and presses Ctrl+Z while Ben, offline, moves it under O3 (`benFirst`:
   * before Ada's two steps); `movedBefore`: someone had moved it once before (its place names a move).
   */
  function undoBesideOfflineMove(benFirst: boolean, movedBefore: boolean, clients: readonly [number, number]) {
    const r = twoReplicas((a) => {
      const s = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
      const [o1, o2, o3] = ['O1', 'O2', 'O3'].map((title) => a.createNode({ kind: 'objective', parent: s, title }));
      const kr = a.createNode({ kind: 'key_result', parent: movedBefore ? o2! : o1!, title: 'K', start: 0, target: 10 });
      if (movedBefore) a.moveNode(kr, { parent: o1! });
      return { o1: o1!, o2: o2!, o3: o3!, kr };
    }, ['ada', 'ben']);
    // Which of two concurrent writes of one key Yjs keeps depends on the client ids: both ways are tried.
    r.docA.clientID = clients[0];
    r.docB.clientID = clients[1];
    const undo = createUndoManager(r.a, { captureTimeout: 0 });
    const ada = () => { r.a.moveNode(r.kr, { parent: r.o2 }); r.ctxA.advance(0.01); undo.undo(); };
    const ben = () => { r.ctxB.advance(0.005); r.b.moveNode(r.kr, { parent: r.o3 }); };
    if (benFirst) { ben(); ada(); } else { ada(); ben(); }
    r.sync();
    const seen = (plan: Plan) => {
      const view = plan.index.node(r.kr)!;
      return { parent: plan.index.title(view.parent as NodeId), offered: view.lostMoves.map((move) => `${plan.index.title(move.parent as NodeId)} by ${move.by}`) };
    };
    return { a: seen(r.a), b: seen(r.b) };
  }

  it('Ben\'s move is never undone without a word: it shows, or is offered on both devices (either client order)', () => {
    for (const clients of [[1_000_001, 2_000_002], [2_000_002, 1_000_001]] as const) {
      for (const benFirst of [false, true]) {
        for (const movedBefore of [false, true]) {
          const { a, b } = undoBesideOfflineMove(benFirst, movedBefore, clients);
          const where = `clients ${clients.join('/')}, Ben first: ${benFirst}, moved before: ${movedBefore}`;
          expect(a, where).toEqual(b);
          if (a.parent === 'O3') expect(a.offered, where).toEqual(['O1 by ada']);
          else expect(a, where).toEqual({ parent: 'O1', offered: ['O3 by ben'] });
        }
      }
    }
  });
});
