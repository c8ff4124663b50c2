// review46a F3: a plan file holding a key "__proto__" (a valid id by its pattern) lost that entry without a word:
// a person, team or period under it was gone from the opened plan, the owners naming it pointing at nothing,
// because every object the file is read into takes the key as its prototype. It is now refused, saying where.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportPlanFile, parsePlanFile, serializePlanFile } from '../../../shared/files/index.js';
import { prototypeKeyPath } from '../../../shared/files/plan-file-keys.js';
import { newPlan, smallCascade } from '../model/support.js';

/** A real exported plan file (Ada owns the key result, on a team) as JSON to edit. */
function exported(): { raw: Record<string, Record<string, unknown>> & { nodes: { id: string; fields: Record<string, unknown> }[] }; ada: string; team: string } {
  const { plan } = newPlan();
  const ids = smallCascade(plan);
  const team = plan.addTeam({ name: 'Platform' });
  const ada = plan.addPerson({ name: 'Ada', team });
  plan.updateNode(ids.keyResult, { owner: ada });
  return { raw: JSON.parse(serializePlanFile(exportPlanFile(plan.doc))) as ReturnType<typeof exported>['raw'], ada, team };
}

/** `raw` as JSON with the key `from` (in any object) spelled `to`. */
const renamedKey = (raw: unknown, from: string, to: string) => JSON.stringify(raw).split(`"${from}":`).join(`"${to}":`);

describe('a "__proto__" key in a plan file (review46a F3)', () => {
  it('as a person\'s, a team\'s or a period\'s id, or a field\'s name: refused, naming where, not opened without it', () => {
    const { raw, ada, team } = exported();
    const period = Object.keys(raw.periods!)[0]!;
    const cases: [string, string, string][] = [
      [ada, '__proto__', 'people'], [team, '__proto__', 'teams'], [period, '__proto__', 'periods'],
      // Escaped: the same key to JSON.parse.
      [ada, '\\u005f_proto__', 'people'],
    ];
    for (const [from, to, where] of cases) {
      const parsed = parsePlanFile(renamedKey(raw, from, to));
      expect(parsed.ok, `${where} ${to}`).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.problem.message).toBe(`The plan file is damaged: ${where} holds an entry named "__proto__", a name no Throughline writes and no plan can keep (it is not an id); nothing was opened.`);
    }
    const keyResult = raw.nodes.findIndex((node) => node.fields.owner === ada);
    const withField = JSON.parse(JSON.stringify(raw)) as typeof raw;
    withField.nodes[keyResult]!.fields.PROTO = 'x';
    const parsed = parsePlanFile(renamedKey(withField, 'PROTO', '__proto__'));
    expect(parsed.ok ? null : parsed.problem.message).toContain(`nodes[${keyResult}].fields holds an entry named "__proto__"`);
  });

  it('the same file without it opens whole; "constructor" is an id like any other', () => {
    const { raw, ada } = exported();
    const parsed = parsePlanFile(renamedKey(raw, ada, 'constructor'));
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(Object.keys(parsed.file.people)).toEqual(['constructor']);
    expect(parsePlanFile(JSON.stringify(raw))).toMatchObject({ ok: true, warnings: [] });
  });

  it('property: the walk finds a "__proto__" key wherever JSON puts one, and nothing in JSON without one', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    fc.assert(fc.property(json, fc.boolean(), (value, plant) => {
      const text = plant ? `{"a":[${JSON.stringify(value)},{"__proto__":1}]}` : JSON.stringify({ a: value });
      const found = prototypeKeyPath(JSON.parse(text));
      if (plant) expect(found).not.toBeNull();
      // Without the word anywhere in the text there is no such key (a string may hold the word: not a key).
      else if (!text.includes('__proto__')) expect(found).toBeNull();
    }), { numRuns: 300 });
  });
});
