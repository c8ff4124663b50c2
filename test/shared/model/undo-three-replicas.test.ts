// Undo across three replicas (review27, twenty-seventh session): real Y.Docs, real createUndoManager.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, createUndoManager, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { TestContext, syncDocs } from './support.js';

/** Replicas of one key result (target 10), people[i] on Yjs client clients[i]. */
function replicas(people: readonly string[], clients: readonly number[]) {
  const docs = clients.map((client) => { const doc = new Y.Doc(); doc.clientID = client; return doc; });
  const first = openPlan(docs[0]!, new TestContext(undefined, people[0]!, 'c'));
  const strategy = first.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const objective = first.createNode({ kind: 'objective', parent: strategy, title: 'O' });
  const kr = first.createNode({ kind: 'key_result', parent: objective, title: 'Churn', start: 0, target: 10, unit: '%' });
  for (const doc of docs.slice(1)) syncDocs(docs[0]!, doc);
  const plans = people.map((person, i) => openPlan(docs[i]!, new TestContext(undefined, person, ['p', 'q', 'r'][i]!)));
  const undos = plans.map((plan) => createUndoManager(plan, { captureTimeout: 0 }));
  const send = (from: number, to: number) => syncDocs(docs[from]!, docs[to]!);
  const syncAll = () => { for (let round = 0; round < 2; round++) for (let i = 0; i < docs.length; i++) for (let j = 0; j < docs.length; j++) if (i !== j) send(i, j); };
  const seen = (plan: Plan) => {
    plan.index.refresh(plan.index.now);
    const node = plan.index.node(kr as NodeId)!;
    return { target: node.fields.target, offered: node.fieldConflicts.filter((conflict) => conflict.field === 'target').map((conflict) => conflict.value) };
  };
  const all = () => { syncAll(); const views = plans.map(seen); for (const view of views) expect(view).toEqual(views[0]); return views[0]!; };
  return { plans, undos, send, syncAll, all, kr: kr as NodeId };
}

type Replicas = ReturnType<typeof replicas>;

/**
 * Ben sets 11 while Ada sets 12 and a third replica (Cy, or Ada's other device), apart, 13. Ada gets Ben's 11 and
 * picks 11; Ben, not seeing it, sets 12; Ada takes her pick back; everyone syncs. Then, at the same time, Ben takes
 * back his 12 (he stands by his 11) and Ada takes back her 12. What every screen shows and offers, sorted.
 */
function benUndoesBesideAThirdValue({ plans, undos, send, syncAll, all, kr }: Replicas, at: { ada: number; ben: number; third: number }): unknown[] {
  const [ada, ben, third] = [plans[at.ada]!, plans[at.ben]!, plans[at.third]!];
  ben.updateNode(kr, { target: 11 });
  ada.updateNode(kr, { target: 12 });
  send(at.ben, at.ada);
  third.updateNode(kr, { target: 13 });
  ada.index.refresh(ada.index.now);
  if (ada.index.node(kr)!.fields.target !== 11) ada.updateNode(kr, { target: 11 });
  ben.updateNode(kr, { target: 12 });
  undos[at.ada]!.undo();
  syncAll();
  undos[at.ben]!.undo();
  undos[at.ada]!.undo();
  const shown = all();
  return [shown.target, ...shown.offered].sort();
}

describe('review27 R1: an undo\'s sweep deletes an edit a standing head replaced, and its author\'s concurrent undo cannot bring it back', () => {
  // Ben's 11 should be offered beside the 13. a320e66: 13 shown, 11 offered in all six client orders; undo4's first
  // version (d61f262) lost the 11 in three of them.
  for (const clients of [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]) {
    it(`three people, clients Ada ${clients[0]} Ben ${clients[1]} Cy ${clients[2]}`, () => {
      expect(benUndoesBesideAThirdValue(replicas(['ada', 'ben', 'cy'], clients), { ada: 0, ben: 1, third: 2 })).toEqual([11, 13]);
    });
  }

  // The 13 set on Ada's other device (one person, two Yjs clients): d61f262 lost Ben's 11 with Ada's devices on
  // clients 2 and 3 and Ben on 1 (a320e66 lost it with Ben on 1 and Ada's first device on 3: review26 F2).
  it('one person on two devices: Ada 2 (laptop) and 3 (phone), Ben 1', () => {
    expect(benUndoesBesideAThirdValue(replicas(['ada', 'ada', 'ben'], [2, 3, 1]), { ada: 0, ben: 2, third: 1 })).toEqual([11, 13]);
  });
});
