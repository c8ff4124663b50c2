// leftovers39: a removed "You in this plan" could still sign check-ins (peopleui38 only told them). Ben acts
// as Carla; Ada removes Carla; his check-in went in signed by Carla (removed). The model now refuses a check-in
// signed by a removed person (PlanError 'removed-person', nothing written). What was signed before he saw the
// removal, or by an older Throughline that does not refuse, still merges: sync never drops a check-in.
// Real Y.Docs, two replicas.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, encodeCheckIn, isPlanError, openPlan, planTypes, type NodeId, type Plan } from '../../../shared/model/index.js';
import { T0, TestContext, syncDocs } from './support.js';

function adaAndCarla() {
  const docA = new Y.Doc(), docB = new Y.Doc();
  const ctxA = new TestContext(T0, 'ada', 'a');
  const ada = openPlan(docA, ctxA);
  const objective = ada.createNode({ kind: 'objective', parent: ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' }), title: 'Win DACH' });
  const initiative = ada.createNode({ kind: 'initiative', parent: objective, title: 'Open a Munich office' }) as NodeId;
  const carla = ada.addPerson({ name: 'Carla' });
  syncDocs(docA, docB);
  const ctxB = new TestContext(T0 + 60_000, carla, 'b'); // Ben's device acts as Carla
  const ben = openPlan(docB, ctxB);
  const sync = () => { syncDocs(docA, docB); syncDocs(docB, docA); for (const plan of [ada, ben]) plan.index.refresh(plan.index.now); };
  return { docA, docB, ada, ben, carla, initiative, sync, ctxB };
}

const notes = (plan: Plan, id: NodeId) => plan.index.checkIns(id).map((checkIn) => [checkIn.note, checkIn.by]);

describe('a check-in signed by a removed person (leftovers39)', () => {
  it('is refused once the removal is seen, nothing written; after a restore it is taken', () => {
    const r = adaAndCarla();
    r.ada.removePerson(r.carla);
    r.sync();
    let refused: unknown = null;
    try { r.ben.addCheckIn(r.initiative, { note: 'moving' }); } catch (error) { refused = error; }
    expect(isPlanError(refused, 'removed-person')).toBe(true);
    expect((refused as Error).message).toBe('the person "Carla", who signs this check-in, was removed from this plan: a removed person cannot sign a check-in; restore them first or choose who you are in this plan');
    r.sync();
    expect(notes(r.ada, r.initiative)).toEqual([]);
    expect(notes(r.ben, r.initiative)).toEqual([]);
    r.ada.restorePerson(r.carla);
    r.sync();
    r.ben.addCheckIn(r.initiative, { note: 'moving' });
    r.sync();
    expect(notes(r.ada, r.initiative)).toEqual([['moving', r.carla]]);
  });

  it('made offline before the removal was seen, or by an older Throughline after it, still merges on both replicas', () => {
    const r = adaAndCarla();
    r.ada.removePerson(r.carla);
    // Ben, offline, has not seen the removal: his check-in is taken.
    r.ben.addCheckIn(r.initiative, { note: 'offline, before I knew' });
    r.sync();
    // An older Throughline (no such refusal) writes one signed by Carla after seeing the removal.
    planTypes(r.docB).checkins.push([encodeCheckIn({ id: 'old1', nodeId: r.initiative, at: T0 + 120_000, by: r.carla, value: null, confidence: null, status: null, blocker: false, note: 'from an older app' })]);
    r.sync();
    for (const plan of [r.ada, r.ben]) {
      expect(notes(plan, r.initiative)).toEqual([['offline, before I knew', r.carla], ['from an older app', r.carla]]);
      expect(plan.index.person(r.carla)?.removed?.by).toBe('ada');
    }
  });
});
