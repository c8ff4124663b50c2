// peopleui38 (review38b F6): the review's rows named a removed person plainly ("owner — → Carla",
// "by Carla") while the outline said "Carla (removed)".
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPlan } from '../../../shared/model/index.js';
import { actorName } from '../../../renderer/src/review/actor-name.js';
import { TestContext } from '../../shared/model/support.js';

describe('the name the review gives a person', () => {
  it('is "Carla (removed)" once Carla is removed, "Carla" again once restored, and the name itself when no person', () => {
    const plan = openPlan(new Y.Doc(), new TestContext());
    const carla = plan.addPerson({ name: 'Carla' });
    plan.index.refresh(plan.index.now);
    expect(actorName(plan.index, carla)).toBe('Carla');
    plan.removePerson(carla);
    plan.index.refresh(plan.index.now);
    expect(actorName(plan.index, carla)).toBe('Carla (removed)');
    plan.restorePerson(carla);
    plan.index.refresh(plan.index.now);
    expect(actorName(plan.index, carla)).toBe('Carla');
    expect(actorName(plan.index, 'Ben’s laptop')).toBe('Ben’s laptop');
  });
});
