// people38: a team's Remove went at once although the team had members, sub-teams and items; Remove now
// asks first for a team as for a person, naming what it holds. The counts it names, on real Y.Docs.
import { describe, expect, it } from 'vitest';
import { ROOT_ID, holdsAnything, removalHoldings, type Plan } from '../../../shared/model/index.js';
import { twoReplicas } from './support.js';

function company(a: Plan) {
  const strategy = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const objective = a.createNode({ kind: 'objective', parent: strategy, title: 'O' });
  const initiative = a.createNode({ kind: 'initiative', parent: objective, title: 'I' });
  const task = a.createNode({ kind: 'task', parent: initiative, title: 'T' });
  const companyTeam = a.addTeam({ name: 'Company' });
  const sales = a.addTeam({ name: 'Sales', parent: companyTeam });
  const emea = a.addTeam({ name: 'Sales EMEA', parent: sales });
  const dach = a.addTeam({ name: 'DACH', parent: emea });
  const carla = a.addPerson({ name: 'Carla', team: sales });
  const dan = a.addPerson({ name: 'Dan' });
  a.updateNode(objective, { team: sales, owner: carla });
  a.updateNode(task, { assignee: carla, owner: carla });
  return { strategy, objective, initiative, task, companyTeam, sales, emea, dach, carla, dan };
}

describe('what removing a person or a team takes (people38)', () => {
  it('names a team’s live members, direct sub-teams and items; a person’s owned or assigned items, each once', () => {
    const r = twoReplicas(company, ['ada', 'ben']);
    r.sync();
    expect(removalHoldings(r.a.index, 'team', r.sales)).toEqual({ members: 1, subteams: 1, items: 1 });
    expect(removalHoldings(r.a.index, 'person', r.carla)).toEqual({ members: 0, subteams: 0, items: 2 });
    expect(holdsAnything(removalHoldings(r.a.index, 'person', r.dan))).toBe(false);
    expect(holdsAnything(removalHoldings(r.a.index, 'team', r.dach))).toBe(false);
    expect(holdsAnything(removalHoldings(r.a.index, 'team', r.sales))).toBe(true);
  });

  it('counts what a collaborator added meanwhile, and leaves out removed members, removed sub-teams and deleted items', () => {
    const r = twoReplicas(company, ['ada', 'ben']);
    r.sync();
    // Ben, offline: Dan joins Sales, the initiative is Sales's work, a second sub-team.
    r.b.updatePerson(r.dan, { team: r.sales });
    r.b.updateNode(r.initiative, { team: r.sales });
    const apac = r.b.addTeam({ name: 'Sales APAC', parent: r.sales });
    expect(removalHoldings(r.a.index, 'team', r.sales)).toEqual({ members: 1, subteams: 1, items: 1 });
    r.sync();
    for (const plan of [r.a, r.b]) expect(removalHoldings(plan.index, 'team', r.sales)).toEqual({ members: 2, subteams: 2, items: 2 });
    // Removed or deleted things are no longer held.
    r.a.removePerson(r.dan);
    r.a.removeTeam(apac);
    r.a.deleteNode(r.initiative);
    r.a.index.refresh(r.a.index.now);
    expect(removalHoldings(r.a.index, 'team', r.sales)).toEqual({ members: 1, subteams: 1, items: 1 });
    // A sub-team of a removed sub-team sits under Sales now (nearest live team): held by Sales.
    r.a.removeTeam(r.emea);
    r.a.index.refresh(r.a.index.now);
    expect(removalHoldings(r.a.index, 'team', r.sales)).toEqual({ members: 1, subteams: 1, items: 1 });
    expect(r.a.index.team(r.dach)!.parent).toBe(r.sales);
  });
});
