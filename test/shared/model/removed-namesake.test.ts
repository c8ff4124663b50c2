// leftovers39: adding "Carla Diaz" by hand while "Carla Diaz (removed)" was listed made a second Carla
// without a word (only an import asked, people38). People & teams now asks first; `removedNamesake` is
// what it asks about, on real Y.Docs: the removed one of the typed name, none when a live one has it.
import { describe, expect, it } from 'vitest';
import { T0, twoReplicas } from './support.js';
import { removedNamesake, type Plan } from '../../../shared/model/index.js';

const people = (plan: Plan, name: string) => removedNamesake(plan.index.people(), plan.index.removedPeople(), name);
const teams = (plan: Plan, name: string) => removedNamesake(plan.index.teams(), plan.index.removedTeams(), name);

describe('the removed person or team a new one would stand beside (leftovers39)', () => {
  it('finds removed Carla Diaz and Sales by the name typed, on both replicas, and none once restored', () => {
    const r = twoReplicas((a) => ({ carla: a.addPerson({ name: 'Carla Diaz' }), sales: a.addTeam({ name: 'Sales' }), dan: a.addPerson({ name: 'Dan' }) }), ['ada', 'ben']);
    r.ctxA.time = T0 + 3_600_000;
    r.a.removePerson(r.carla);
    r.a.removeTeam(r.sales);
    r.sync();
    for (const plan of [r.a, r.b]) {
      expect(people(plan, '  carla   DIAZ ')).toMatchObject({ id: r.carla, name: 'Carla Diaz', removed: { by: 'ada' } });
      expect(teams(plan, 'sales')).toMatchObject({ id: r.sales, removed: { by: 'ada' } });
      expect(people(plan, 'Dan')).toBeNull(); // live: not a removed one's name
      expect(people(plan, 'Carla')).toBeNull(); // another name
      expect(people(plan, '   ')).toBeNull();
    }
    r.b.restorePerson(r.carla);
    r.sync();
    expect(people(r.a, 'Carla Diaz')).toBeNull();
    expect(teams(r.a, 'Sales')).not.toBeNull();
  });

  it('is none when a live one of the name stands beside the removed one, and the latest removed of two', () => {
    const r = twoReplicas((a) => ({ first: a.addPerson({ name: 'Carla' }), second: a.addPerson({ name: 'carla' }) }), ['ada', 'ben']);
    r.ctxA.time = T0 + 60_000;
    r.a.removePerson(r.first);
    r.sync();
    expect(people(r.a, 'Carla')).toBeNull();
    r.ctxA.time = T0 + 120_000;
    r.a.removePerson(r.second);
    r.sync();
    expect(people(r.a, 'Carla')?.id).toBe(r.second);
  });
});
