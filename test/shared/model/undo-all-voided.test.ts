import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, createUndoManager, openPlan } from '../../../shared/model/index.js';
import { TestContext, syncDocs } from './support.js';
import { fieldHeadsOf, readFieldEdit } from '../../../shared/model/field-edits.js';

// review25b found it: Ada sets 12, Ben (having seen it) sets 13; Ada undoes her 12 while Ben, apart, undoes his 13.
// Nobody stands by 12 or 13: the value stood by is the one the key result was created with, 10.
describe('undo: two people each undoing their own edit of a field apart, every record voided', () => {
  for (const swap of [false, true]) it(`shows the creation value 10, nobody standing by 12 or 13 (clients swapped: ${swap})`, () => {
    const docs = [new Y.Doc(), new Y.Doc()];
    docs[0]!.clientID = swap ? 9 : 1; docs[1]!.clientID = swap ? 1 : 9;
    const ctxs = docs.map((_, i) => new TestContext(undefined, `user${i}`, `r${i}x`));
    const ada = openPlan(docs[0]!, ctxs[0]!);
    const s = ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const o = ada.createNode({ kind: 'objective', parent: s, title: 'Win' });
    const kr = ada.createNode({ kind: 'key_result', parent: o, title: 'Rev', start: 0, target: 10, unit: '€' });
    syncDocs(docs[0]!, docs[1]!);
    const ben = openPlan(docs[1]!, ctxs[1]!);
    const undoA = createUndoManager(ada); const undoB = createUndoManager(ben);
    const sync = () => { for (let r = 0; r < 2; r++) { syncDocs(docs[0]!, docs[1]!); syncDocs(docs[1]!, docs[0]!); } for (const p of [ada, ben]) p.index.refresh(p.index.now); };
    const tick = () => { for (const c of ctxs) c.advance(1); };
    tick(); ada.updateNode(kr, { target: 12 }); sync();
    tick(); ben.updateNode(kr, { target: 13 }); sync();
    tick(); undoA.undo();
    tick(); undoB.undo();
    sync();
    for (const p of [ada, ben]) {
      const node = p.index.node(kr)!;
      expect([node.fields.target, ...node.fieldConflicts.map((c) => c.value)]).toContain(10);
    }
  });
});

describe('undo marks of a hostile peer', () => {
  const keys = (records: readonly { key: string }[]) => records.map((record) => record.key).sort();
  it('records each marking all the others undone: one answer whatever order a replica holds them in', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `e${i}`);
    const records = ids.map((id, i) => readFieldEdit(`node1|target|${id}`, { value: i, after: [], by: 'x', at: i, undoes: ids.filter((other) => other !== id) })!);
    const heads = keys(fieldHeadsOf(records));
    expect(keys(fieldHeadsOf([...records].reverse()))).toEqual(heads);
    expect(keys(fieldHeadsOf([...records.slice(30), ...records.slice(0, 30)]))).toEqual(heads);
  });
});
