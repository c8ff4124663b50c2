// The benchmark generator: the requested size, a valid cascade, a year of check-ins, reproducible.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ALLOWED_PARENTS, PlanIndex, ROOT_ID } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
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
});
