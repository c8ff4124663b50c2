// The benchmark generator: the requested size, a valid cascade, a year of check-ins, reproducible.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ALLOWED_PARENTS, PlanIndex, ROOT_ID, type PersonView, type TeamView } from '../../../shared/model/index.js';
import { COMPANY_DIRECTORY, generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { snapshotIndex } from './support.js';

function generate(seed: number) {
  const doc = new Y.Doc();
  const generated = generatePlan(doc, { nodes: 800, checkIns: 4000, seed });
  return { doc, generated, index: new PlanIndex(doc, { now: generated.now }) };
}

describe('generatePlan', () => {
  it('writes the requested number of nodes, every one placed as the cascade allows', () => {
    const { index, generated } = generate(3);
    expect(index.size).toBe(800);
    for (const id of index.walk()) {
      const view = index.node(id)!;
      const parentKind = view.parent === ROOT_ID ? ROOT_ID : index.node(view.parent)!.kind;
      expect(ALLOWED_PARENTS[view.kind]).toContain(parentKind);
    }
    expect(generated.checkIns).toBeGreaterThan(3900);
    expect(index.summary()).toMatchObject({ skippedCheckIns: 0, unreadableNodes: 0 });
    const all = [...index.walk()].reduce((sum, id) => sum + index.checkIns(id).length, 0);
    expect(all).toBe(generated.checkIns);
  });

  it('is reproducible from its seed', () => {
    expect(snapshotIndex(generate(5).index)).toEqual(snapshotIndex(generate(5).index));
  });

  it('fills the directory of a large company when asked (the teams and people of the storage benchmark)', () => {
    const doc = new Y.Doc();
    const generated = generatePlan(doc, { nodes: 200, checkIns: 300, teams: 40, people: 150, seed: 7 });
    const index = new PlanIndex(doc, { now: generated.now });
    expect(generated.teams).toHaveLength(40);
    expect(generated.people).toHaveLength(150);
    expect(doc.getMap('teams').size).toBe(40);
    expect(doc.getMap('people').size).toBe(150);
    const owners = new Set([...index.walk()].map((id) => index.node(id)!.fields.owner).filter((owner) => owner !== undefined));
    for (const owner of owners) expect(generated.people).toContain(owner);
  });

  it('writes issue #18\'s company: 2,000 teams in a hierarchy, 10,000 people, work owned and assigned within its teams', () => {
    const doc = new Y.Doc();
    const generated = generatePlan(doc, { nodes: 3_000, checkIns: 0, ...COMPANY_DIRECTORY, seed: 7 });
    const index = new PlanIndex(doc, { now: generated.now });
    const teams = new Map<string, TeamView>(index.teams().map((team) => [team.id, team]));
    const people = new Map<string, PersonView>(index.people().map((person) => [person.id, person]));
    expect([teams.size, people.size]).toEqual([2_000, 10_000]);
    const depth = (id: string): number => { const parent = teams.get(id)!.parent; return parent === null ? 0 : 1 + depth(parent); };
    const byDepth = [0, 0, 0, 0, 0];
    for (const id of teams.keys()) byDepth[depth(id)]!++;
    // 8 divisions, 64 departments, 512 groups, 1,416 teams; every team has people.
    expect(byDepth).toEqual([8, 64, 512, 1_416, 0]);
    expect(new Set([...people.values()].map((person) => person.team)).size).toBe(2_000);
    const kinds = { strategy: 0, objective: 1, key_result: 2, kpi: 2 } as Record<string, number>;
    for (const id of index.walk()) {
      const node = index.node(id)!;
      if (node.kind === 'task') {
        // A task's assignee is in its initiative's team.
        let initiative = index.node(node.parent)!;
        while (initiative.kind === 'task') initiative = index.node(initiative.parent)!;
        expect(people.get(node.fields.assignee!)!.team).toBe(initiative.fields.team);
        continue;
      }
      expect(people.get(node.fields.owner!)!.team).toBe(node.fields.team);
      if (node.kind in kinds) expect(depth(node.fields.team!)).toBeLessThanOrEqual(kinds[node.kind]!);
    }
  });
});
