// usercheck13 (not done 4): Ada adds a key result; Ben, offline, renames it and changes its target; Ada
// presses Ctrl+Z (the undo of the create takes the node's Y.Map away, its title Y.Text with it). His
// rename was in no list and no restore brought it back: on every device the node and his typing were
// gone. His rename and field edit records are top-level, so they outlive the node: listed beside the
// check-ins on removed items, and the restore brings the node back as he left it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, createUndoManager, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { TestContext, syncDocs } from './support.js';

/** Ada, Ben and Cy on one plan holding a strategy and its objective; Ada adds a key result, synced to all. */
function threeWithAKeyResult() {
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()] as const;
  const a = openPlan(docs[0], new TestContext(undefined, 'ada', 'a'));
  const undo = createUndoManager(a, { captureTimeout: 0 });
  const objective = a.createNode({ kind: 'objective', parent: a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }), title: 'O' });
  undo.clear();
  const keyResult = a.createNode({ kind: 'key_result', parent: objective, title: 'Churn under 5%', description: 'Monthly', start: 0, target: 5, unit: '%' });
  syncDocs(docs[0], docs[1]);
  syncDocs(docs[0], docs[2]);
  const b = openPlan(docs[1], new TestContext(undefined, 'ben', 'b'));
  const c = openPlan(docs[2], new TestContext(undefined, 'cy', 'c'));
  return { docs, a, b, c, undo, objective, keyResult };
}

const refreshed = (plan: Plan) => { plan.index.refresh(plan.index.now); return plan; };
const listing = (plan: Plan) => refreshed(plan).index.editsOnRemovedWork().map((entry) => ({
  id: entry.nodeId, kept: entry.content.title, renamedTo: entry.renamedTo, fields: entry.fields, people: entry.people, by: entry.content.removed.by,
}));

describe('renames and field edits on a node an undo removed before they arrived', () => {
  for (const order of ['the undo reaches Ben first', 'the rename reaches Ada first'] as const) {
    it(`are listed on both replicas and restored when ${order}`, () => {
      const { docs, a, b, undo, objective, keyResult } = threeWithAKeyResult();
      // Ben, offline, renames the key result and changes its target; Ada, not having seen it, undoes the create.
      b.setTitle(keyResult, 'Churn under 4%');
      b.updateNode(keyResult, { target: 4 });
      undo.undo();
      expect(refreshed(a).index.node(keyResult)).toBeUndefined();
      if (order === 'the undo reaches Ben first') { syncDocs(docs[0], docs[1]); syncDocs(docs[1], docs[0]); }
      else { syncDocs(docs[1], docs[0]); syncDocs(docs[0], docs[1]); }
      for (const plan of [a, b]) {
        expect(refreshed(plan).index.node(keyResult)).toBeUndefined();
        expect(listing(plan)).toEqual([{ id: keyResult, kept: 'Churn under 5%', renamedTo: 'Churn under 4%', fields: ['target'], people: ['ben'], by: 'ada' }]);
      }
      a.restoreRemovedNode(keyResult);
      syncDocs(docs[0], docs[1]);
      for (const plan of [a, b]) {
        refreshed(plan);
        expect(plan.index.parentOf(keyResult)).toBe(objective);
        expect(plan.index.title(keyResult)).toBe('Churn under 4%');
        expect(plan.index.description(keyResult)).toBe('Monthly');
        expect(plan.index.node(keyResult)!.fields).toMatchObject({ target: 4, unit: '%' });
        expect(plan.index.editsOnRemovedWork()).toEqual([]);
      }
    });
  }

  it('three replicas: Ben renames, Cy clears the unit, both offline; every replica lists the same and the restore keeps both', () => {
    const { docs, a, b, c, undo, keyResult } = threeWithAKeyResult();
    b.setTitle(keyResult, 'Churn below 4%');
    c.updateNode(keyResult, { unit: null });
    undo.undo();
    // Cy hears from Ben before Ada's undo reaches anyone; Ada hears from Cy last.
    syncDocs(docs[1], docs[2]);
    syncDocs(docs[0], docs[1]);
    syncDocs(docs[2], docs[0]);
    syncDocs(docs[0], docs[2]);
    syncDocs(docs[0], docs[1]);
    const lists = [a, b, c].map(listing);
    expect(lists[0]).toEqual([{ id: keyResult, kept: 'Churn under 5%', renamedTo: 'Churn below 4%', fields: ['unit'], people: expect.arrayContaining(['ben', 'cy']) as unknown as string[], by: 'ada' }]);
    expect(lists[1]).toEqual(lists[0]);
    expect(lists[2]).toEqual(lists[0]);
    c.restoreRemovedNode(keyResult);
    for (const doc of docs) syncDocs(docs[2], doc);
    for (const plan of [a, b, c]) {
      refreshed(plan);
      expect(plan.index.title(keyResult)).toBe('Churn below 4%');
      expect(plan.index.node(keyResult)!.fields.unit).toBeUndefined();
      expect(plan.index.node(keyResult)!.fields.target).toBe(5);
    }
  });

  it('two concurrent renames: the later one is restored, the other stays on the node as a conflict to pick', () => {
    const { docs, a, b, c, undo, keyResult } = threeWithAKeyResult();
    b.setTitle(keyResult, 'Churn under 4%');
    (c.ctx as TestContext).advance(0.001);
    c.setTitle(keyResult, 'Churn under 3%');
    undo.undo();
    for (let round = 0; round < 2; round++) for (const from of docs) for (const to of docs) if (from !== to) syncDocs(from, to);
    for (const plan of [a, b, c]) expect(listing(plan).map((entry) => [entry.renamedTo, [...entry.people].sort()])).toEqual([['Churn under 3%', ['ben', 'cy']]]);
    b.restoreRemovedNode(keyResult as NodeId);
    for (const doc of docs) syncDocs(docs[1], doc);
    for (const plan of [a, b, c]) {
      refreshed(plan);
      expect(plan.index.title(keyResult)).toBe('Churn under 3%');
      expect(plan.index.node(keyResult)!.conflicts.map((conflict) => conflict.text)).toContain('Churn under 4%');
    }
  });

  it('an edit the kept node already holds is not listed (a rename Ada saw before her undo)', () => {
    const { docs, a, b, undo, keyResult } = threeWithAKeyResult();
    b.setTitle(keyResult, 'Churn under 4%');
    syncDocs(docs[1], docs[0]);
    undo.undo();
    syncDocs(docs[0], docs[1]);
    for (const plan of [a, b]) expect(listing(plan)).toEqual([]);
    b.restoreRemovedNode(keyResult);
    expect(refreshed(b).index.title(keyResult)).toBe('Churn under 4%');
  });
});

// usercheck14: Ada adds a key result, Ben (offline) renames it, Ada presses Ctrl+Z and then Ctrl+Shift+Z.
// The redo brings back a new copy of the node's record, its title Y.Text holding Ada's title; Ben's
// typing went into the old copy. Every device showed "Churn under 5%", and once the node was live again
// no list named his rename: it was lost without a word. His rename record is the field's one head and
// names the copy of the text he typed into (`RenameRecord.text`); a lone head typed into another copy is
// what the field shows (renames.ts resolveText), so both devices show his title, with nothing left
// listed as an edit on removed work. (usercheck14's first rule, "one head is the text", hid a peer's
// typing without a record: the last two cases.)
describe('a rename on a node an undo removed and a redo brought back', () => {
  for (const order of ['the rename arrives after the redo', 'the rename arrives between the undo and the redo'] as const) {
    it(`shows the rename on both replicas and lists nothing when ${order}`, () => {
      const { docs, a, b, undo, objective, keyResult } = threeWithAKeyResult();
      b.setTitle(keyResult, 'Churn under 4%');
      undo.undo();
      if (order === 'the rename arrives between the undo and the redo') {
        syncDocs(docs[1], docs[0]);
        syncDocs(docs[0], docs[1]);
        for (const plan of [a, b]) expect(listing(plan).map((entry) => entry.renamedTo)).toEqual(['Churn under 4%']);
      }
      undo.redo();
      expect(refreshed(a).index.node(keyResult)).toBeDefined();
      syncDocs(docs[1], docs[0]);
      syncDocs(docs[0], docs[1]);
      for (const plan of [a, b]) {
        refreshed(plan);
        expect(plan.index.parentOf(keyResult)).toBe(objective);
        expect(plan.index.title(keyResult)).toBe('Churn under 4%');
        expect(plan.index.node(keyResult)!.conflicts).toEqual([]);
        expect(plan.index.editsOnRemovedWork()).toEqual([]);
      }
      // Ada can rename it on from there, as anyone would: one title, no conflict.
      a.setTitle(keyResult, 'Churn under 3%', 'Churn under 4%');
      syncDocs(docs[0], docs[1]);
      for (const plan of [a, b]) expect(refreshed(plan).index.title(keyResult)).toBe('Churn under 3%');
    });
  }
});

describe('a field with one rename record and text typed without one', () => {
  it('shows the merged text when a peer (a stock Yjs client) types into the same copy without a record', () => {
    const { docs, a, b, keyResult } = threeWithAKeyResult();
    b.setTitle(keyResult, 'Churn under 4%');
    syncDocs(docs[1], docs[0]);
    const title = (docs[0].getMap('nodes').get(keyResult) as Y.Map<unknown>).get('title') as Y.Text;
    title.insert(title.length, ' (peer)');
    syncDocs(docs[0], docs[1]);
    for (const plan of [a, b]) expect(refreshed(plan).index.title(keyResult)).toBe('Churn under 4% (peer)');
  });

  it('lets Ada put back the title her redo holds, over a rename typed into the old copy', () => {
    const { docs, a, b, undo, keyResult } = threeWithAKeyResult();
    b.setTitle(keyResult, 'Churn under 4%');
    undo.undo();
    undo.redo();
    syncDocs(docs[1], docs[0]);
    syncDocs(docs[0], docs[1]);
    expect(refreshed(a).index.title(keyResult)).toBe('Churn under 4%');
    // The redo's copy already says "Churn under 5%": writing it must still replace Ben's head.
    a.setTitle(keyResult, 'Churn under 5%', 'Churn under 4%');
    syncDocs(docs[0], docs[1]);
    for (const plan of [a, b]) {
      expect(refreshed(plan).index.title(keyResult)).toBe('Churn under 5%');
      expect(plan.index.node(keyResult)!.conflicts).toEqual([]);
    }
  });
});

// usercheck14's left item (usercheck16): the same undo and redo, with Ben's offline edit a field's value
// (the target 5 → 4) instead of the title. His value went into the key of the old copy of the node's map;
// the redo's copy holds Ada's 5 in its `init`, and once the node was live again nothing listed his 4:
// both devices showed 5, with no conflict and no entry anywhere. His field edit record is the field's one
// head and names the copy of the map it was written into (`FieldEditRecord.map`); a lone head written into
// another copy is what the field shows (field-edits.ts `fieldsWrittenElsewhere`), as for renames.
describe('a field edit on a node an undo removed and a redo brought back', () => {
  for (const order of ['the edit arrives after the redo', 'the edit arrives between the undo and the redo'] as const) {
    it(`shows Ben's value on both replicas and lists nothing when ${order}`, () => {
      const { docs, a, b, undo, objective, keyResult } = threeWithAKeyResult();
      b.updateNode(keyResult, { target: 4 });
      undo.undo();
      if (order === 'the edit arrives between the undo and the redo') {
        syncDocs(docs[1], docs[0]);
        syncDocs(docs[0], docs[1]);
        for (const plan of [a, b]) expect(listing(plan).map((entry) => entry.fields)).toEqual([['target']]);
      }
      undo.redo();
      expect(refreshed(a).index.node(keyResult)).toBeDefined();
      syncDocs(docs[1], docs[0]);
      syncDocs(docs[0], docs[1]);
      for (const plan of [a, b]) {
        refreshed(plan);
        expect(plan.index.parentOf(keyResult)).toBe(objective);
        expect(plan.index.node(keyResult)!.fields).toMatchObject({ target: 4, start: 0, unit: '%' });
        expect(plan.index.node(keyResult)!.fieldConflicts).toEqual([]);
        expect(plan.index.editsOnRemovedWork()).toEqual([]);
      }
      // Ada can put her 5 back although the redo's copy already holds it: one value, no conflict.
      a.updateNode(keyResult, { target: 5 });
      syncDocs(docs[0], docs[1]);
      for (const plan of [a, b]) {
        expect(refreshed(plan).index.node(keyResult)!.fields.target).toBe(5);
        expect(plan.index.node(keyResult)!.fieldConflicts).toEqual([]);
      }
    });
  }

  it('Ada set the target herself before Ben changed it offline: after her undo and redo of both his value is kept, offered beside hers', () => {
    const { docs, a, b, undo, keyResult } = threeWithAKeyResult();
    a.updateNode(keyResult, { target: 6 });
    syncDocs(docs[0], docs[1]);
    b.updateNode(keyResult, { target: 4 });
    undo.undo();
    undo.undo();
    undo.redo();
    undo.redo();
    expect(refreshed(a).index.node(keyResult)!.fields.target).toBe(6);
    syncDocs(docs[1], docs[0]);
    syncDocs(docs[0], docs[1]);
    // Her redo wrote her 6 again while Ben, not having seen it, wrote 4: two concurrent values, neither lost
    // (undo.ts, repairField: a pop's value is a write of the undoer's).
    for (const plan of [a, b]) {
      const node = refreshed(plan).index.node(keyResult)!;
      expect(node.fields.target).toBe(6);
      expect(node.fieldConflicts.map((conflict) => [conflict.value, conflict.by])).toEqual([[4, 'ben']]);
    }
  });

  it('Ben clearing the unit offline stays cleared across the undo and redo', () => {
    const { docs, a, b, undo, keyResult } = threeWithAKeyResult();
    b.updateNode(keyResult, { unit: null });
    undo.undo();
    undo.redo();
    syncDocs(docs[1], docs[0]);
    syncDocs(docs[0], docs[1]);
    for (const plan of [a, b]) expect(refreshed(plan).index.node(keyResult)!.fields.unit).toBeUndefined();
  });

  it('a peer writing the field without a record into the same copy (a stock Yjs client) is what shows', () => {
    const { docs, a, b, keyResult } = threeWithAKeyResult();
    b.updateNode(keyResult, { target: 4 });
    syncDocs(docs[1], docs[0]);
    (docs[0].getMap('nodes').get(keyResult) as Y.Map<unknown>).set('target', 3);
    syncDocs(docs[0], docs[1]);
    for (const plan of [a, b]) expect(refreshed(plan).index.node(keyResult)!.fields.target).toBe(3);
  });
});
