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

describe('review27 R1: an undo\'s sweep deletes an edit a standing head replaced, and its author\'s concurrent undo cannot bring it back', () => {
  // Ben sets 11 while Ada sets 12 and Cy, apart, 13. Ada gets Ben's 11 and picks 11; Ben, not seeing it, sets 12;
  // Ada takes her pick back; everyone syncs (13 shown, 12 offered, or the other way). Then, at the same time, Ben
  // takes back his 12 (he stands by his 11) and Ada takes back her 12. Ben's 11 should be offered beside Cy's 13.
  // a320e66: 13 shown, 11 offered in all six client orders; undo4's first version (d61f262) lost the 11 in three of them.
  for (const clients of [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]) {
    it(`three people, clients Ada ${clients[0]} Ben ${clients[1]} Cy ${clients[2]}`, () => {
      const { plans: [ada, ben, cy], undos: [undoAda, undoBen], send, syncAll, all, kr } = replicas(['ada', 'ben', 'cy'], clients);
      ben!.updateNode(kr, { target: 11 });
      ada!.updateNode(kr, { target: 12 });
      send(1, 0);
      cy!.updateNode(kr, { target: 13 });
      ada!.index.refresh(ada!.index.now);
      if (ada!.index.node(kr)!.fields.target !== 11) ada!.updateNode(kr, { target: 11 });
      ben!.updateNode(kr, { target: 12 });
      undoAda!.undo();
      syncAll();
      undoBen!.undo();
      undoAda!.undo();
      const shown = all();
      expect([shown.target, ...shown.offered].sort()).toEqual([11, 13]);
    });
  }

  // The same with Cy's 13 set on Ada's other device (one person, two Yjs clients): undo4 loses Ben's 11 with Ada's
  // devices on clients 2 and 3 and Ben on 1 (main loses it with Ben on 1 and Ada's first device on 3: review26 F2).
  it('one person on two devices: Ada 2 (laptop) and 3 (phone), Ben 1', () => {
    const { plans: [ada, phone, ben], undos: [undoAda, , undoBen], send, syncAll, all, kr } = replicas(['ada', 'ada', 'ben'], [2, 3, 1]);
    ben!.updateNode(kr, { target: 11 });
    ada!.updateNode(kr, { target: 12 });
    send(2, 0);
    phone!.updateNode(kr, { target: 13 });
    ada!.index.refresh(ada!.index.now);
    if (ada!.index.node(kr)!.fields.target !== 11) ada!.updateNode(kr, { target: 11 });
    ben!.updateNode(kr, { target: 12 });
    undoAda!.undo();
    syncAll();
    undoBen!.undo();
    undoAda!.undo();
    const shown = all();
    expect([shown.target, ...shown.offered].sort()).toEqual([11, 13]);
  });
});
