// usercheck13 (not done 5): Ben, offline, checks in (a blocker) on a key result; meanwhile Ada deletes
// it and purges it for good. His check-in arrived on no node and was listed nowhere: a purge tombstone
// was {parent, client, clock}, with no time, no title and no word of what the purge had seen. A purge
// now stamps who, when, what and the check-ins it saw; those it had not seen are listed, without restore.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, openPlan, type Plan } from '../../../shared/model/index.js';
import { readPurgeStamp, readTombstone } from '../../../shared/model/doc.js';
import { TestContext, syncDocs } from './support.js';

function adaAndBenWithAKeyResult() {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  const a = openPlan(docA, new TestContext(undefined, 'ada', 'a'));
  const objective = a.createNode({ kind: 'objective', parent: a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }), title: 'O' });
  const keyResult = a.createNode({ kind: 'key_result', parent: objective, title: 'Churn under 5%', start: 0, target: 5 });
  a.addCheckIn(keyResult, { value: 1, note: 'seen by Ada' });
  syncDocs(docA, docB);
  const b = openPlan(docB, new TestContext(undefined, 'ben', 'b'));
  return { docA, docB, a, b, keyResult };
}

const refreshed = (plan: Plan) => { plan.index.refresh(plan.index.now); return plan; };
const listing = (plan: Plan) => refreshed(plan).index.checkInsOnPurgedWork().map((entry) => ({
  id: entry.nodeId, kind: entry.purge.kind, title: entry.purge.title, by: entry.purge.by, count: entry.count, blockers: entry.blockers, people: entry.people,
}));

describe('check-ins on a node purged before they arrived', () => {
  for (const order of ['the purge reaches Ben first', 'the check-in reaches Ada first'] as const) {
    it(`are listed on both replicas with the purged node's kind and title when ${order}`, () => {
      const { docA, docB, a, b, keyResult } = adaAndBenWithAKeyResult();
      b.addCheckIn(keyResult, { value: 2, note: 'Legal says no', blocker: true });
      a.deleteNode(keyResult);
      a.purgeNode(keyResult);
      if (order === 'the purge reaches Ben first') { syncDocs(docA, docB); syncDocs(docB, docA); }
      else { syncDocs(docB, docA); syncDocs(docA, docB); }
      for (const plan of [a, b]) {
        expect(refreshed(plan).index.node(keyResult)).toBeUndefined();
        expect(listing(plan)).toEqual([{ id: keyResult, kind: 'key_result', title: 'Churn under 5%', by: 'ada', count: 1, blockers: 1, people: ['ben'] }]);
      }
    });
  }

  it('a check-in the purge saw is not listed (it was purged knowingly)', () => {
    const { docA, docB, a, b, keyResult } = adaAndBenWithAKeyResult();
    b.addCheckIn(keyResult, { value: 2, note: 'seen too' });
    syncDocs(docB, docA);
    refreshed(a);
    a.deleteNode(keyResult);
    a.purgeNode(keyResult);
    syncDocs(docA, docB);
    for (const plan of [a, b]) expect(listing(plan)).toEqual([]);
  });

  it('an old purge tombstone without the stamp still reads (its parent), and lists nothing', () => {
    const { docA, a, keyResult } = adaAndBenWithAKeyResult();
    const parent = refreshed(a).index.parentOf(keyResult)!;
    a.deleteNode(keyResult);
    a.purgeNode(keyResult);
    // As a purge before removedwork wrote it.
    docA.getMap('purged').set(keyResult, { parent, client: 1, clock: 2 });
    expect(readTombstone(docA.getMap('purged').get(keyResult))).toEqual({ parent, placeItem: { client: 1, clock: 2 } });
    expect(readPurgeStamp(docA.getMap('purged').get(keyResult))).toBeNull();
    expect(readPurgeStamp({ parent, purgedBy: { at: 'soon', by: 'ada', kind: 'key_result' } })).toBeNull();
    expect(listing(a)).toEqual([]);
  });
});
