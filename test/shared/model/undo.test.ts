// Per-user undo: a user undoes their own changes, never a collaborator's; check-ins are history.
import { describe, expect, it } from 'vitest';
import { ROOT_ID, createUndoManager, openPlan } from '../../../shared/model/index.js';
import * as Y from 'yjs';
import { TestContext, syncDocs } from './support.js';

describe('undo and redo', () => {
  it('undoes only the local user’s changes', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = openPlan(docA, new TestContext(undefined, 'alice', 'a'));
    const strategy = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    syncDocs(docA, docB);
    const b = openPlan(docB, new TestContext(undefined, 'bob', 'b'));
    const undo = createUndoManager(a, { captureTimeout: 0 });
    a.updateNode(strategy, { priority: 'high' });
    b.setTitle(strategy, 'S by Bob');
    syncDocs(docB, docA);
    undo.undo();
    a.index.refresh(a.index.now);
    expect(a.index.node(strategy)!.fields.priority).toBeUndefined();
    expect(a.index.title(strategy)).toBe('S by Bob');
    undo.redo();
    a.index.refresh(a.index.now);
    expect(a.index.node(strategy)!.fields.priority).toBe('high');
  });

  it('undoes create, move and delete; leaves check-ins alone', () => {
    const doc = new Y.Doc();
    const plan = openPlan(doc, new TestContext());
    const undo = createUndoManager(plan, { captureTimeout: 0 });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const other = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Other' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
    plan.addCheckIn(objective, { note: 'kept' });
    plan.moveNode(objective, { parent: other });
    plan.deleteNode(objective);
    undo.undo(); // delete
    plan.index.refresh(plan.index.now);
    expect(plan.index.parentOf(objective)).toBe(other);
    undo.undo(); // move
    plan.index.refresh(plan.index.now);
    expect(plan.index.parentOf(objective)).toBe(strategy);
    undo.undo(); // create (the check-in is not an undo step)
    plan.index.refresh(plan.index.now);
    expect(plan.index.node(objective)).toBeUndefined();
    expect(plan.index.checkIns(objective)).toHaveLength(1);
  });

  it('undoes a purge: the nodes come back (deleted, as before the purge) and their tombstones go', () => {
    const doc = new Y.Doc();
    const plan = openPlan(doc, new TestContext());
    const undo = createUndoManager(plan, { captureTimeout: 0 });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
    plan.deleteNode(strategy);
    plan.purgeNode(strategy);
    expect([...plan.types.purged.keys()].sort()).toEqual([objective, strategy].sort());
    undo.undo(); // purge
    plan.index.refresh(plan.index.now);
    expect(plan.types.purged.size).toBe(0);
    expect(plan.index.deletedNodes().map((node) => node.id)).toEqual([strategy]);
    undo.undo(); // delete
    plan.index.refresh(plan.index.now);
    expect(plan.index.pathToRoot(objective)).toEqual([objective, strategy]);
    expect(plan.index.title(objective)).toBe('O');
  });
});
