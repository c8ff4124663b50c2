// leftovers40: merging two people of one name (leftovers39's `mergePerson`) moved the merged one's items but
// not their check-ins: a blocker Ben raised signed as "his" Dana stayed out of the kept Dana's My work, the
// review named its author "Dana Reyes (removed)", and a device that had chosen the merged Dana could sign no
// more check-ins. The check-ins keep the id that signed them (history is not rewritten); who they are now is
// read through the merge (`PlanIndex.personNow`, `peopleMergedInto`). Real Y.Docs.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, openPlan, type NodeId } from '../../../shared/model/index.js';
import { myWork } from '../../../renderer/src/mywork/my-work.js';
import { actorName } from '../../../renderer/src/review/actor-name.js';
import { T0, TestContext, syncDocs } from '../../shared/model/support.js';
import { personActingAs } from '../../../renderer/src/session/presence-publisher.js';

describe('a person merged into another (leftovers40)', () => {
  it("her check-ins count as the kept person's in My work and read as hers, still signed with her id", () => {
    const docA = new Y.Doc();
    const ada = openPlan(docA, new TestContext(T0, 'ada', 'a'));
    const initiative = ada.createNode({ kind: 'initiative', parent: ada.createNode({ kind: 'objective', parent: ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }), title: 'O' }), title: 'Munich office', status: 'active' });
    const task = ada.createNode({ kind: 'task', parent: initiative, title: 'Sign the lease', status: 'todo' }) as NodeId;
    const kept = ada.addPerson({ name: 'Dana Reyes' });
    const merged = ada.addPerson({ name: 'Dana Reyes', email: 'dana@example.com' });
    ada.updateNode(task, { assignee: merged });
    // Ben's device chose the second Dana: it signs her check-ins with her id.
    const docB = new Y.Doc();
    syncDocs(docA, docB);
    const dana = openPlan(docB, new TestContext(T0 + 60_000, merged, 'b'));
    const blocker = dana.addCheckIn(task, { blocker: true, note: 'Waiting for the landlord' });
    syncDocs(docB, docA);
    ada.index.refresh(T0 + 120_000);
    expect(myWork(ada.index, merged, T0 + 120_000).blockers.map((entry) => entry.checkIn?.id)).toEqual([blocker]);

    ada.mergePerson(merged, kept);
    ada.index.refresh(T0 + 120_000);
    const work = myWork(ada.index, kept, T0 + 120_000);
    expect(work.blockers.map((entry) => [entry.node.id, entry.checkIn?.id])).toEqual([[task, blocker]]);
    expect(work.tasks.map((node) => node.id)).toEqual([task]);
    // Named as the kept Dana, not "Dana Reyes (removed)"; the check-in itself is unchanged.
    expect(actorName(ada.index, merged)).toBe('Dana Reyes');
    expect(ada.index.personNow(merged)).toBe(kept);
    expect(ada.index.checkIns(task).map((checkIn) => [checkIn.by, checkIn.note])).toEqual([[merged, 'Waiting for the landlord']]);
  });

  it('an item a peer gives the merged person meanwhile reads as the kept one', () => {
    const docA = new Y.Doc();
    const ada = openPlan(docA, new TestContext(T0, 'ada', 'a'));
    const task = ada.createNode({ kind: 'task', parent: ada.createNode({ kind: 'initiative', parent: ada.createNode({ kind: 'objective', parent: ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }), title: 'O' }), title: 'I' }), title: 'T' }) as NodeId;
    const kept = ada.addPerson({ name: 'Dana' });
    const merged = ada.addPerson({ name: 'Dana' });
    const docB = new Y.Doc();
    syncDocs(docA, docB);
    const ben = openPlan(docB, new TestContext(T0, 'ben', 'b'));
    ada.index.refresh(T0);
    ada.mergePerson(merged, kept);
    ben.updateNode(task, { owner: merged });
    syncDocs(docA, docB);
    syncDocs(docB, docA);
    for (const plan of [ada, ben]) {
      plan.index.refresh(T0);
      expect(plan.index.node(task)!.fields.owner).toBe(kept);
      expect(myWork(plan.index, kept, T0).tasks.map((node) => node.id)).toEqual([task]);
    }
  });
});

describe('a device that chose the merged person (leftovers40)', () => {
  it('acts as the kept person: it signs as her, and My work is hers', () => {
    const plan = openPlan(new Y.Doc(), new TestContext(T0, 'ada', 'a'));
    const kept = plan.addPerson({ name: 'Dana' });
    const merged = plan.addPerson({ name: 'Dana' });
    plan.index.refresh(T0);
    expect(personActingAs(merged, plan.index)).toBe(merged);
    plan.mergePerson(merged, kept);
    plan.index.refresh(T0);
    expect(personActingAs(merged, plan.index)).toBe(kept);
    expect(personActingAs(kept, plan.index)).toBe(kept);
  });
});
