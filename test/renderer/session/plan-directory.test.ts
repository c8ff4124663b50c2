// The directory the pickers read (plan-directory.ts) on issue #18's company: people and teams found
// by id as the doc holds them, the sorted lists unchanged, and a person renamed by someone else read
// anew from the next version of the index.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PlanIndex, planTypes } from '../../../shared/model/index.js';
import { COMPANY_DIRECTORY, generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { planDirectory } from '../../../renderer/src/session/plan-directory.js';

describe('planDirectory at company size', () => {
  it('finds each of 10,000 people and 2,000 teams by id, and lists them sorted and in their hierarchy', () => {
    const doc = new Y.Doc();
    const generated = generatePlan(doc, { nodes: 300, checkIns: 0, ...COMPANY_DIRECTORY, seed: 3 });
    const index = new PlanIndex(doc, { now: generated.now });
    const directory = planDirectory(index);
    const types = planTypes(doc);
    for (const id of generated.people) expect(directory.person(id)?.name).toBe(types.people.get(id)!.get('name'));
    for (const id of generated.teams) expect(directory.team(id)?.name).toBe(types.teams.get(id)!.get('name'));
    expect(directory.person('nobody')).toBeUndefined();
    expect(directory.people.slice(0, 3).map((person) => person.name)).toEqual(['Person 1', 'Person 2', 'Person 3']);
    expect(directory.people).toHaveLength(10_000);
    // Team 1, then its first sub-team (Team 9), then that one's first (Team 73), depth first.
    expect(directory.teams.slice(0, 3).map((team) => [team.name, team.depth])).toEqual([['Team 1', 0], ['Team 9', 1], ['Team 73', 2]]);

    doc.transact(() => types.people.get(generated.people[4_320]!)!.set('name', 'Lucía Fernández'));
    index.refresh(generated.now);
    expect(planDirectory(index).person(generated.people[4_320]!)?.name).toBe('Lucía Fernández');
  });
});
