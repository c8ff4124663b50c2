// leftovers39: Ada and Ben, each offline, add "Dana Reyes": two live Danas after the merge, each owning what
// its adder gave her. Nothing in the model can tell they are one person (two ids, both wanted), so People &
// teams shows both with a "same name" hint and a merge; `mergePerson` folds one into the other. Real Y.Docs.
import { describe, expect, it } from 'vitest';
import { ROOT_ID, isPlanError, type NodeId, type Plan } from '../../../shared/model/index.js';
import { twoReplicas } from './support.js';

const livePeople = (plan: Plan) => plan.index.people().map((person) => [person.name, person.email, person.role]).sort();

describe('two people of the same name added at once (leftovers39)', () => {
  it('merging one into the other moves its items and details, removes it, on both replicas', () => {
    const r = twoReplicas((a) => {
      const objective = a.createNode({ kind: 'objective', parent: a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }), title: 'O' });
      const initiative = a.createNode({ kind: 'initiative', parent: objective, title: 'I' }) as NodeId;
      const task = a.createNode({ kind: 'task', parent: initiative, title: 'T' }) as NodeId;
      return { objective, initiative, task };
    }, ['ada', 'ben']);
    const adas = r.a.addPerson({ name: 'Dana Reyes' });
    r.a.updateNode(r.initiative, { owner: adas });
    const bens = r.b.addPerson({ name: 'dana reyes', email: 'dana@example.com', role: 'Ops' });
    r.b.updateNode(r.task, { owner: bens, assignee: bens });
    r.sync();
    expect(livePeople(r.a)).toEqual([['Dana Reyes', null, null], ['dana reyes', 'dana@example.com', 'Ops']]);
    // Ada merges Ben's Dana into hers.
    expect(r.a.mergePerson(bens, adas)).toBe(1);
    r.sync();
    for (const plan of [r.a, r.b]) {
      expect(livePeople(plan)).toEqual([['Dana Reyes', 'dana@example.com', 'Ops']]);
      expect(plan.index.node(r.initiative)!.fields.owner).toBe(adas);
      expect(plan.index.node(r.task)!.fields).toMatchObject({ owner: adas, assignee: adas });
      expect(plan.index.person(bens)?.removed?.by).toBe('ada');
    }
  });

  it('refuses people of other names, the same person, and a removed one, writing nothing', () => {
    const r = twoReplicas((a) => ({ dana: a.addPerson({ name: 'Dana' }), eve: a.addPerson({ name: 'Eve' }), other: a.addPerson({ name: 'Dana' }) }), ['ada', 'ben']);
    r.sync();
    const refused = (run: () => void) => { try { run(); return null; } catch (error) { return isPlanError(error) ? error.code : 'other'; } };
    expect(refused(() => r.a.mergePerson(r.dana, r.eve))).toBe('invalid-input');
    expect(refused(() => r.a.mergePerson(r.dana, r.dana))).toBe('invalid-input');
    r.a.removePerson(r.other);
    r.sync();
    expect(refused(() => r.a.mergePerson(r.other, r.dana))).toBe('removed-person');
    expect(r.a.index.people().map((person) => person.name).sort()).toEqual(['Dana', 'Eve']);
  });
});
