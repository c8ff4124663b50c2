// Per-user undo: a user undoes their own changes, never a collaborator's; check-ins are history.
import { describe, expect, it } from 'vitest';
import { ROOT_ID, createUndoManager, openPlan, runToEnd } from '../../../shared/model/index.js';
import { buildImportPreview, commitImport, detectMapping, preparingImport, readSpreadsheet } from '../../../shared/files/index.js';
import * as Y from 'yjs';
import { TestContext, syncDocs, twoReplicas } from './support.js';

/** Ada (a) and Ben (b) on one plan holding a strategy and its objective, synced. */
function adaAndBenUnderAnObjective() {
  return twoReplicas((a) => {
    const strategy = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    return { strategy, objective: a.createNode({ kind: 'objective', parent: strategy, title: 'O' }) };
  }, ['ada', 'ben']);
}

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

  // Undo of a create leaves what a purge leaves: another person's child under the undone node finds
  // its nearest live ancestor, never the plan's root.
  describe('a create undone after someone else added a child under it', () => {
    /** Ada makes strategy S, then objective O under it (her last undo step); both replicas have them. */
    function objectiveJustMade() {
      const docA = new Y.Doc();
      const docB = new Y.Doc();
      const a = openPlan(docA, new TestContext(undefined, 'ada', 'a'));
      const strategy = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
      const undo = createUndoManager(a, { captureTimeout: 0 });
      const objective = a.createNode({ kind: 'objective', parent: strategy, title: 'O' });
      syncDocs(docA, docB);
      const b = openPlan(docB, new TestContext(undefined, 'ben', 'b'));
      const both = () => { syncDocs(docA, docB); syncDocs(docB, docA); };
      return { a, b, undo, strategy, objective, both };
    }

    it('puts their child under the undone node\'s parent, on both replicas, and redo puts it back', () => {
      const { a, b, undo, strategy, objective, both } = objectiveJustMade();
      const keyResult = b.createNode({ kind: 'key_result', parent: objective, title: 'K by Ben', start: 0, target: 10 });
      both();
      undo.undo();
      both();
      for (const plan of [a, b]) {
        plan.index.refresh(plan.index.now);
        expect(plan.index.node(objective)).toBeUndefined();
        expect(plan.index.pathToRoot(keyResult)).toEqual([keyResult, strategy]);
        expect(plan.index.title(keyResult)).toBe('K by Ben');
      }
      undo.redo();
      both();
      for (const plan of [a, b]) {
        plan.index.refresh(plan.index.now);
        expect(plan.index.pathToRoot(keyResult)).toEqual([keyResult, objective, strategy]);
        expect(plan.types.purged.has(objective)).toBe(false);
      }
    });

    it('a child made offline while the create is undone also finds the undone node\'s parent', () => {
      const { a, b, undo, strategy, objective, both } = objectiveJustMade();
      // Concurrently: Ben (offline) adds a key result under O; Ada undoes O's create.
      const keyResult = b.createNode({ kind: 'key_result', parent: objective, title: 'K offline', start: 0, target: 10 });
      undo.undo();
      both();
      for (const plan of [a, b]) {
        plan.index.refresh(plan.index.now);
        expect(plan.index.pathToRoot(keyResult)).toEqual([keyResult, strategy]);
      }
    });
  });

  // usercheck9: Ada adds a key result, Ben checks in on it with a blocker, Ada presses Ctrl+Z. The undo of
  // the create took the record away, and Ben's check-in and blocker with it: on every device, in no list.
  describe('the create of a node someone has checked in on since, undone', () => {
    function keyResultCheckedIn() {
      const { docA, docB, a, b, objective } = adaAndBenUnderAnObjective();
      const undo = createUndoManager(a, { captureTimeout: 0 });
      const keyResult = a.createNode({ kind: 'key_result', parent: objective, title: 'K by Ada', start: 0, target: 10 });
      syncDocs(docA, docB);
      b.addCheckIn(keyResult, { value: 4, note: 'Waiting for legal', blocker: true });
      syncDocs(docB, docA);
      const both = () => { syncDocs(docA, docB); syncDocs(docB, docA); for (const plan of [a, b]) plan.index.refresh(plan.index.now); };
      return { a, b, undo, keyResult, objective, both };
    }

    it('keeps it, soft-deleted with the check-in, on both replicas; redo and restore bring it back', () => {
      const { a, b, undo, keyResult, objective, both } = keyResultCheckedIn();
      undo.undo();
      both();
      for (const plan of [a, b]) {
        expect(plan.index.node(keyResult)).toBeUndefined();
        expect(plan.index.deletedNodes().map((node) => node.title)).toEqual(['K by Ada']);
        expect(plan.index.checkIns(keyResult).map((checkIn) => checkIn.note)).toEqual(['Waiting for legal']);
        // usercheck10: its Deleted items row can say whose check-ins it holds.
        expect(plan.index.checkInsHeldByOthers().get(keyResult)).toEqual({ count: 1, people: ['ben'] });
      }
      undo.redo();
      both();
      for (const plan of [a, b]) {
        expect(plan.index.parentOf(keyResult)).toBe(objective);
        expect(plan.index.signals().some((signal) => signal.kind === 'blocked' && signal.nodeId === keyResult)).toBe(true);
      }
      undo.undo();
      both();
      b.restoreNode(keyResult);
      both();
      for (const plan of [a, b]) {
        expect(plan.index.title(keyResult)).toBe('K by Ada');
        expect(plan.index.checkIns(keyResult)).toHaveLength(1);
      }
    });

    it('a node nobody checked in on still goes outright, as before (no entry in Deleted items)', () => {
      const { a, b, undo, keyResult, objective, both } = keyResultCheckedIn();
      const other = a.createNode({ kind: 'key_result', parent: objective, title: 'Nobody checked in', start: 0, target: 1 });
      undo.undo();
      undo.undo();
      both();
      for (const plan of [a, b]) {
        expect(plan.index.node(other)).toBeUndefined();
        expect(plan.index.deletedNodes().map((node) => node.title)).toEqual(['K by Ada']);
        expect(plan.index.checkIns(keyResult)).toHaveLength(1);
      }
    });

    it('a spreadsheet import with current values (its check-ins) goes whole when that step is undone', async () => {
      const { a } = keyResultCheckedIn();
      const undo = createUndoManager(a, { captureTimeout: 0 });
      const read = await readSpreadsheet('okrs.csv', new TextEncoder().encode('Type,Title,Start,Target,Current\nObjective,Imported objective,,,\nKey result,Imported KR,0,10,4\n'));
      if (!read.ok) throw new Error('unreadable');
      const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
      const prepared = runToEnd(preparingImport(a, preview, { now: a.index.now }));
      if (!prepared.ok) throw new Error(prepared.problems[0]!.message);
      expect(commitImport(a, prepared).ok).toBe(true);
      a.index.refresh(a.index.now);
      const imported = [...a.index.walk()].find((id) => a.index.title(id) === 'Imported KR')!;
      expect(a.index.checkIns(imported)).toHaveLength(1);
      undo.undo();
      a.index.refresh(a.index.now);
      expect(a.index.node(imported)).toBeUndefined();
      expect(a.index.deletedNodes().map((node) => node.title)).toEqual([]);
      // Its own check-ins went with the step: not listed as someone's work on a removed item.
      expect(a.index.checkInsOnRemovedWork()).toEqual([]);
    });
  });

  // usercheck10, found by removed-work.test.ts's property: Yjs pops the next step too when a step changed
  // nothing, and a step whose only change is a kept creation changed nothing, so one Ctrl+Z also took away
  // the key result made before it (and the check-ins on it, with no tombstone to list them).
  it('one undo takes back one step when that step is a create kept for a check-in', () => {
    const docA = new Y.Doc();
    const a = openPlan(docA, new TestContext(undefined, 'ada', 'a'));
    const objective = a.createNode({ kind: 'objective', parent: a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }), title: 'O' });
    const undo = createUndoManager(a, { captureTimeout: 0 });
    const first = a.createNode({ kind: 'key_result', parent: objective, title: 'First', start: 0, target: 10 });
    const second = a.createNode({ kind: 'key_result', parent: objective, title: 'Second', start: 0, target: 10 });
    a.addCheckIn(first, { value: 1 });
    a.addCheckIn(second, { value: 2 });
    undo.undo();
    a.index.refresh(a.index.now);
    expect(a.index.parentOf(first)).toBe(objective);
    expect(a.index.deletedNodes().map((node) => node.title)).toEqual(['Second']);
    undo.undo();
    a.index.refresh(a.index.now);
    expect(a.index.deletedNodes().map((node) => node.title).sort()).toEqual(['First', 'Second']);
    expect(a.index.checkIns(first)).toHaveLength(1);
  });

  // usercheck10: the same, with Ben's check-in made offline and arriving after Ada's undo took the
  // record away (her device had not seen it, so could not keep the node for it): shown nowhere before.
  describe('a check-in on a node whose create was undone before the check-in arrived', () => {
    it('is listed with the node on both replicas, whichever order the updates arrive in, and restoring brings both back everywhere', () => {
      const { docA, docB, a, b, objective } = adaAndBenUnderAnObjective();
      const undo = createUndoManager(a, { captureTimeout: 0 });
      const keyResult = a.createNode({ kind: 'key_result', parent: objective, title: 'Win 3 pilots', description: 'Signed by March', start: 0, target: 3, unit: 'pilots' });
      syncDocs(docA, docB);
      // Ben goes offline and checks in with a blocker; Ada, not having seen it, undoes the create.
      b.addCheckIn(keyResult, { value: 1, note: 'Legal review pending', blocker: true });
      undo.undo();
      a.index.refresh(a.index.now);
      expect(a.index.node(keyResult)).toBeUndefined();
      // Back online: Ada's undo reaches Ben, then Ben's check-in reaches Ada.
      syncDocs(docA, docB);
      syncDocs(docB, docA);
      for (const plan of [a, b]) {
        plan.index.refresh(plan.index.now);
        expect(plan.index.node(keyResult)).toBeUndefined();
        const listed = plan.index.checkInsOnRemovedWork();
        expect(listed.map((entry) => ({ id: entry.nodeId, title: entry.content.title, count: entry.count, blockers: entry.blockers, people: entry.people, by: entry.content.removed.by }))).toEqual([
          { id: keyResult, title: 'Win 3 pilots', count: 1, blockers: 1, people: ['ben'], by: 'ada' },
        ]);
      }
      b.restoreRemovedNode(keyResult);
      syncDocs(docB, docA);
      syncDocs(docA, docB);
      for (const plan of [a, b]) {
        plan.index.refresh(plan.index.now);
        expect(plan.index.parentOf(keyResult)).toBe(objective);
        expect(plan.index.title(keyResult)).toBe('Win 3 pilots');
        expect(plan.types.nodes.get(keyResult)!.get('description')!.toString()).toBe('Signed by March');
        expect(plan.index.node(keyResult)!.fields).toMatchObject({ target: 3, unit: 'pilots' });
        expect(plan.index.checkIns(keyResult).map((checkIn) => checkIn.note)).toEqual(['Legal review pending']);
        expect(plan.index.signals().some((signal) => signal.kind === 'blocked' && signal.nodeId === keyResult)).toBe(true);
        expect(plan.index.checkInsOnRemovedWork()).toEqual([]);
      }
    });
  });

  // usercheck12: Ada adds a key result and types its title; Ben sees it and, offline, checks in on it.
  // Ada's first Ctrl+Z undoes her typing (the title is empty again), her second its create. The node
  // was listed and restored as "Untitled", although Ben checked in on "Churn under 5%".
  it('lists and restores a removed node by the last title it was shown with, not the one an earlier undo emptied', () => {
    const { docA, docB, a, b, objective } = adaAndBenUnderAnObjective();
    const undo = createUndoManager(a, { captureTimeout: 0 });
    const keyResult = a.createNode({ kind: 'key_result', parent: objective, title: '', start: 0, target: 5, unit: '%' });
    a.setTitle(keyResult, 'Churn under 5%');
    syncDocs(docA, docB);
    b.index.refresh(b.index.now);
    expect(b.index.title(keyResult)).toBe('Churn under 5%');
    b.addCheckIn(keyResult, { value: 4.5, note: 'Two churned' });
    undo.undo(); // the typed title: empty again
    a.index.refresh(a.index.now);
    expect(a.index.title(keyResult)).toBe('');
    undo.undo(); // the create
    syncDocs(docA, docB);
    syncDocs(docB, docA);
    for (const plan of [a, b]) {
      plan.index.refresh(plan.index.now);
      expect(plan.index.checkInsOnRemovedWork().map((entry) => entry.content.title)).toEqual(['Churn under 5%']);
    }
    b.restoreRemovedNode(keyResult);
    syncDocs(docB, docA);
    for (const plan of [a, b]) {
      plan.index.refresh(plan.index.now);
      expect(plan.index.title(keyResult)).toBe('Churn under 5%');
      expect(plan.index.checkIns(keyResult).map((checkIn) => checkIn.note)).toEqual(['Two churned']);
    }
  });

  // Undo of a rename is undo of a replacement: it never leaves a text nobody wrote.
  describe('a rename someone else replaced since, undone', () => {
    /** Ada (a) and Ben (b) on one plan; Ada renames the first title, Ben renames hers; both synced. */
    function renamedTwice(options: { earlierRename: boolean; concurrent: boolean }) {
      const docA = new Y.Doc();
      const docB = new Y.Doc();
      const a = openPlan(docA, new TestContext(undefined, 'ada', 'a'));
      const node = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: options.earlierRename ? 'Open an office' : 'Open a Munich office' });
      if (options.earlierRename) a.setTitle(node, 'Open a Munich office');
      a.setDescription(node, 'Lease in Munich by March');
      syncDocs(docA, docB);
      const b = openPlan(docB, new TestContext(undefined, 'ben', 'b'));
      const undo = createUndoManager(a, { captureTimeout: 0 });
      a.setTitle(node, 'Open a Berlin office');
      a.setDescription(node, 'Lease in Berlin by March');
      if (!options.concurrent) { syncDocs(docA, docB); b.index.refresh(b.index.now); }
      b.setTitle(node, 'Open a Paris office', b.index.title(node));
      b.setDescription(node, 'Lease in Paris by March', b.index.description(node));
      syncDocs(docB, docA);
      syncDocs(docA, docB);
      const both = () => {
        syncDocs(docA, docB);
        syncDocs(docB, docA);
        a.index.refresh(a.index.now);
        b.index.refresh(b.index.now);
        const seen = (plan: typeof a) => ({ title: plan.index.title(node), conflicts: plan.index.node(node)!.conflicts.filter((conflict) => conflict.field === 'title').map((conflict) => conflict.text), description: plan.index.description(node), merged: plan.titleText(node).toString() });
        const onA = seen(a);
        expect(seen(b)).toEqual(onA);
        return onA;
      };
      return { undo, both, a, node };
    }

    it('keeps the later rename (first title, never renamed before): no "Open a MunichParis office"', () => {
      const { undo, both } = renamedTwice({ earlierRename: false, concurrent: false });
      undo.undo(); // Ada's description
      undo.undo(); // Ada's title
      expect(both()).toEqual({ title: 'Open a Paris office', conflicts: [], description: 'Lease in Paris by March', merged: 'Open a Paris office' });
      undo.redo();
      undo.redo();
      expect(both()).toEqual({ title: 'Open a Paris office', conflicts: [], description: 'Lease in Paris by March', merged: 'Open a Paris office' });
    });

    it('keeps the later rename and offers the title from before as a pick (title renamed before)', () => {
      const { undo, both } = renamedTwice({ earlierRename: true, concurrent: false });
      undo.undo();
      undo.undo();
      expect(both()).toMatchObject({ title: 'Open a Paris office', conflicts: ['Open a Munich office'], description: 'Lease in Paris by March' });
    });

    it('keeps the other rename when both renamed offline and one undoes theirs', () => {
      const { undo, both } = renamedTwice({ earlierRename: false, concurrent: true });
      expect(both()).toMatchObject({ title: 'Open a Paris office', conflicts: ['Open a Berlin office'] });
      undo.undo();
      undo.undo();
      expect(both()).toEqual({ title: 'Open a Paris office', conflicts: [], description: 'Lease in Paris by March', merged: 'Open a Paris office' });
    });

    it('still takes back a rename nobody else touched, and redoes it', () => {
      const { undo, both, a, node } = renamedTwice({ earlierRename: false, concurrent: false });
      a.setTitle(node, 'Open a Paris office and a Lisbon one');
      undo.undo();
      expect(both()).toMatchObject({ title: 'Open a Paris office', conflicts: [] });
      undo.redo();
      expect(both()).toMatchObject({ title: 'Open a Paris office and a Lisbon one', conflicts: [] });
    });
  });

  // usercheck10, hostile input: a peer can write any tombstone. Restoring one brings in only what a
  // create would accept; an over-long title is refused with the limit, and nothing is written.
  it('a restore from a tombstone a peer wrote is checked as a create is', () => {
    const doc = new Y.Doc();
    const plan = openPlan(doc, new TestContext(undefined, 'ada', 'a'));
    const objective = plan.createNode({ kind: 'objective', parent: plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }), title: 'O' });
    const removed = (title: string) => ({ parent: objective, removed: { kind: 'key_result', title, description: '', fields: { target: 10 }, created: null, place: { parent: objective, order: 'a0' }, seenCheckIns: [], removedBy: { at: 1, by: 'mallory' } } });
    doc.transact(() => { plan.types.purged.set('x1', removed('t'.repeat(100_000))); plan.types.purged.set('x2', removed('Fine')); });
    expect(() => plan.restoreRemovedNode('x1' as never)).toThrow(/title/);
    plan.index.refresh(plan.index.now);
    expect(plan.index.structure().records.has('x1')).toBe(false);
    plan.restoreRemovedNode('x2' as never);
    plan.index.refresh(plan.index.now);
    expect(plan.index.title('x2')).toBe('Fine');
  });
});

