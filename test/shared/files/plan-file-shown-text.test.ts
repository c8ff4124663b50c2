// usercheck17: the plan file holds each title and description as the plan shows it.
//
// Ada renamed "Open a Munich office" to "Open a Berlin office" while Ben, offline, renamed it to
// "Open a Hamburg office". Both devices show "Open a Hamburg office" with Ada's rename to pick. The
// exported plan file held the merged Y.Text instead, "Open a BerlinHamburg office": opened from the
// file, the plan showed that as the title, a name neither of them wrote. And a title stored past the
// limit (a peer that skipped the checks), which every view shows cut, made the app's own export a file
// the app refused as damaged ("title is longer than 500 characters"): the whole plan could not be opened.
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { exportPlanCsv, exportPlanFile, parsePlanFile, readCsv, serializePlanFile, writePlanFile } from '../../../shared/files/index.js';
import { createUndoManager, encodeCheckIn, openPlan, planTypes, ROOT_ID, TEXT_LIMITS, type NodeId, type Plan } from '../../../shared/model/index.js';
import { syncDocs, twoReplicas, T0, TestContext } from '../model/support.js';

/** The plan a person gets by opening the exported file. */
function reopened(plan: Plan): Plan {
  const parsed = parsePlanFile(serializePlanFile(exportPlanFile(plan.doc)));
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const doc = new Y.Doc();
  writePlanFile(doc, parsed.file);
  return openPlan(doc, new TestContext(T0, 'carl', 'm'));
}

const cascade = (plan: Plan) => {
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow in Europe' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win the DACH market' });
  const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue from DACH', start: 0, target: 10 });
  const initiative = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Open a Munich office' });
  plan.setDescription(initiative, 'Lease by March', '');
  return { strategy, objective, keyResult, initiative };
};

describe('the plan file of a plan two people edited', () => {
  it('holds the title both devices show after two concurrent renames, not their merged text', () => {
    const { a, b, initiative, sync } = twoReplicas(cascade, ['Ada Host', 'Ben Guest']);
    a.setTitle(initiative, 'Open a Berlin office', 'Open a Munich office');
    b.setTitle(initiative, 'Open a Hamburg office', 'Open a Munich office');
    sync();
    const shown = a.index.title(initiative);
    expect(b.index.title(initiative)).toBe(shown);
    expect(exportPlanFile(a.doc).nodes.find((node) => node.id === initiative)?.title).toBe(shown);
    expect(reopened(a).index.title(initiative)).toBe(shown);
    expect(reopened(b).index.title(initiative)).toBe(shown);
  });

  it('holds the target both devices show when Ben set it offline across Ada\'s undo and redo of the key result', () => {
    const docA = new Y.Doc(), docB = new Y.Doc();
    const a = openPlan(docA, new TestContext(T0, 'ada', 'a'));
    const { objective } = cascade(a);
    const undo = createUndoManager(a, { captureTimeout: 0 });
    const keyResult = a.createNode({ kind: 'key_result', parent: objective, title: 'Churn under 5%', start: 0, target: 5, unit: '%' });
    syncDocs(docA, docB);
    const b = openPlan(docB, new TestContext(T0, 'ben', 'b'));
    b.updateNode(keyResult, { target: 4 });
    undo.undo();
    undo.redo();
    syncDocs(docA, docB);
    syncDocs(docB, docA);
    for (const plan of [a, b]) { plan.index.refresh(plan.index.now); expect(plan.index.node(keyResult)!.fields.target).toBe(4); }
    expect(exportPlanFile(a.doc).nodes.find((node) => node.id === keyResult)?.fields.target).toBe(4);
    expect(reopened(a).index.node(keyResult)!.fields.target).toBe(4);
  });

  it('the CSV export holds the description both devices show after two concurrent replacements of it', () => {
    const { a, b, initiative, sync } = twoReplicas(cascade, ['Ada Host', 'Ben Guest']);
    a.setDescription(initiative, 'Lease signed by Friday', 'Lease by March');
    b.setDescription(initiative, 'Lease slipping to April', 'Lease by March');
    sync();
    const shown = a.index.description(initiative);
    expect(b.index.description(initiative)).toBe(shown);
    const read = readCsv(new TextEncoder().encode(exportPlanCsv(a)));
    if (!read.ok) throw new Error(read.problem.message);
    const row = read.table.rows.find((cells) => cells.includes('Open a Munich office'))!;
    expect(row).toContain(shown);
  });

  it('opens again when a peer stored a title past the limit, showing it as the plan showed it', () => {
    const { a, strategy } = twoReplicas(cascade);
    const title = planTypes(a.doc).nodes.get(strategy)!.get('title') as Y.Text;
    title.insert(title.length, ' x'.repeat(50_000));
    a.index.refresh(a.index.now);
    expect(reopened(a).index.title(strategy)).toBe(a.index.title(strategy));
  });

  it('opens again, with a warning naming each cut, when a peer stored a description and a note past the limits', () => {
    const { a, initiative, keyResult } = twoReplicas(cascade);
    const types = planTypes(a.doc);
    const description = types.nodes.get(initiative)!.get('description') as Y.Text;
    description.insert(description.length, ' '.padEnd(TEXT_LIMITS.description, 'z'));
    types.checkins.push([encodeCheckIn({ id: 'peer-note', nodeId: keyResult, at: T0, by: 'peer', value: 3, confidence: null, status: null, blocker: false, note: 'n'.repeat(TEXT_LIMITS.note + 5) })]);
    a.index.refresh(a.index.now);
    const parsed = parsePlanFile(serializePlanFile(exportPlanFile(a.doc)));
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.warnings).toEqual([
      expect.stringMatching(/^node \d+ \(id a\d+, “Open a Munich office”\): the description is 100,014 characters, longer than the 100,000 the plan keeps; cut to the first 100,000$/),
      'check-in 1 (id peer-note): the note is 10,005 characters, longer than the 10,000 the plan keeps; cut to the first 10,000',
    ]);
    const doc = new Y.Doc();
    writePlanFile(doc, parsed.file);
    const copy = openPlan(doc, new TestContext(T0, 'carl', 'm'));
    expect(copy.index.description(initiative)).toBe(a.index.description(initiative).slice(0, TEXT_LIMITS.description));
    expect(copy.index.checkIns(keyResult).map((checkIn) => checkIn.note.length)).toEqual([TEXT_LIMITS.note]);
    expect(copy.index.node(keyResult)?.value).toBe(3);
  });

  it('for any renames and description edits of two people, one offline, every title and description reopens as shown', () => {
    const texts = fc.constantFrom('Open a Berlin office', 'Open a Hamburg office', 'Open a Munich office by Q2', 'Munich', '', 'Open a Munich office');
    const edit = fc.record({
      who: fc.constantFrom('a' as const, 'b' as const),
      node: fc.constantFrom('keyResult' as const, 'initiative' as const),
      field: fc.constantFrom('title' as const, 'description' as const),
      text: texts,
      sync: fc.boolean(),
    });
    let collided = 0;
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
      const replicas = twoReplicas(cascade, ['Ada Host', 'Ben Guest']);
      const ids: Record<'keyResult' | 'initiative', NodeId> = { keyResult: replicas.keyResult, initiative: replicas.initiative };
      for (const step of edits) {
        const plan = step.who === 'a' ? replicas.a : replicas.b;
        const id = ids[step.node];
        if (step.field === 'title') {
          if (step.text === '') continue; // a title cannot be emptied
          plan.setTitle(id, step.text, plan.index.title(id));
        } else {
          plan.setDescription(id, step.text, plan.index.description(id));
        }
        plan.index.refresh(plan.index.now);
        if (step.sync) replicas.sync();
      }
      replicas.sync();
      syncDocs(replicas.docA, replicas.docB);
      for (const plan of [replicas.a, replicas.b]) {
        const copy = reopened(plan);
        for (const id of Object.values(ids)) {
          if ((plan.index.node(id)?.conflicts.length ?? 0) > 0) collided++;
          expect(copy.index.title(id), `title of ${id}`).toBe(plan.index.title(id));
          expect(copy.index.description(id), `description of ${id}`).toBe(plan.index.description(id));
        }
      }
    }), { numRuns: 150 });
    // The runs reached the case that matters: renames that collided.
    expect(collided).toBeGreaterThan(10);
  });
});
