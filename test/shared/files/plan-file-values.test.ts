// A plan file whose values the plan cannot keep as written (hand-edited, or from another tool) is not
// opened as if nothing happened: each value is named (node, field, value) and the person decides.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { exportPlanFile, parsePlanFile, serializePlanFile, writePlanFile } from '../../../shared/files/index.js';
import { openPlan } from '../../../shared/model/index.js';
import { newPlan, smallCascade, T0, TestContext } from '../model/support.js';

function cascadeFile() {
  const { plan } = newPlan();
  const ids = smallCascade(plan);
  plan.addCheckIn(ids.keyResult, { value: 5, note: 'fine' });
  plan.addPerson({ name: 'Ada' });
  return { file: exportPlanFile(plan.doc), ids };
}

describe('plan file values the plan cannot keep as written', () => {
  it('an exported file opens with no warnings', () => {
    const parsed = parsePlanFile(serializePlanFile(cascadeFile().file));
    expect(parsed).toMatchObject({ ok: true, warnings: [] });
  });

  it('names each wrongly typed field, field of another kind, and control character; the file opens without them only as parsed', () => {
    const { file, ids } = cascadeFile();
    const raw = JSON.parse(serializePlanFile(file)) as ReturnType<typeof exportPlanFile>;
    const keyResult = raw.nodes.findIndex((node) => node.id === ids.keyResult);
    const objective = raw.nodes.findIndex((node) => node.id === ids.objective);
    raw.nodes[keyResult]!.fields.target = 'NaN';
    raw.nodes[keyResult]!.fields.weight = -3;
    raw.nodes[objective]!.fields.unit = 'kg';
    raw.nodes[objective]!.title = 'Win\u0007 EU';
    raw.checkIns[0]!.note = 'ok\u0000';
    const person = Object.keys(raw.people)[0]!;
    raw.people[person]!.name = 'Ada\u001b';
    const parsed = parsePlanFile(JSON.stringify(raw));
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.warnings).toEqual(expect.arrayContaining([
      `node ${objective + 1} (id ${ids.objective}, “Win␇ EU”): "unit" is not a field of an objective; its value "kg" is left out`,
      `node ${objective + 1} (id ${ids.objective}, “Win␇ EU”): the title holds a control character (U+0007); shown as a space or a sign`,
      `node ${keyResult + 1} (id ${ids.keyResult}, “Revenue”): the target value must be a number, got "NaN"; left out`,
      `node ${keyResult + 1} (id ${ids.keyResult}, “Revenue”): the weight must be at least 0, got -3; left out`,
      `check-in 1 (id ${raw.checkIns[0]!.id}): the note holds a control character (U+0000); shown as a sign`,
      `person ${person}: the name holds a control character (U+001B); shown as a space or a sign`,
    ]));
    expect(parsed.warnings).toHaveLength(6);
    // What opens, when the person chooses to: the values left out, the signs shown.
    const doc = new Y.Doc();
    writePlanFile(doc, parsed.file);
    const plan = openPlan(doc, new TestContext(T0, 'bob', 'm'));
    plan.index.refresh(T0);
    expect(plan.index.node(ids.objective)!.title).toBe('Win␇ EU');
    expect(plan.index.node(ids.keyResult)!.fields.target).toBeUndefined();
    expect(plan.index.node(ids.keyResult)!.fields.start).toBe(0);
    expect(plan.index.checkIns(ids.keyResult)[0]!.note).toBe('ok␀');
    expect(exportPlanFile(doc).nodes.find((node) => node.id === ids.objective)!.fields).not.toHaveProperty('unit');
  });

  it('a title of only spaces or zero-width characters is named and kept empty, so it reads "Untitled" instead of showing nothing', () => {
    const { file, ids } = cascadeFile();
    const raw = JSON.parse(serializePlanFile(file)) as ReturnType<typeof exportPlanFile>;
    const objective = raw.nodes.findIndex((node) => node.id === ids.objective);
    raw.nodes[objective]!.title = '\u200B\u2060';
    const parsed = parsePlanFile(JSON.stringify(raw));
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.warnings).toContain(`node ${objective + 1} (id ${ids.objective}): the title is only invisible characters (U+200B, U+2060), which show nothing; left empty (shown as Untitled)`);
    expect(parsed.file.nodes[objective]!.title).toBe('');
  });
});
