// trust3 (twenty-fifth session): an unresolved conflict survives the plan file.
//
// Ada renamed "Open a Munich office" to "…Berlin…" while Ben, offline, renamed it to "…Hamburg…"; she set
// the key result's target to 12 while he set 15. Both devices show one value and offer the other ("Also
// renamed to … by …", "Also set to … by …") until someone picks. The plan file (version 2) wrote the shown
// values only: exported and opened again, the plan offered nothing, the other value gone without a word.
// Version 3 keeps every offered value (field, value, who, when) and writes them back as edit records.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { exportPlanCsv, exportPlanFile, exportPlanMarkdown, parsePlanFile, serializePlanFile, writePlanFile, MAX_CONFLICTS_PER_NODE, type PlanFile } from '../../../shared/files/index.js';
import { openPlan, ROOT_ID, type NodeId, type Plan } from '../../../shared/model/index.js';
import { applyFuzzOp, fuzzOpArb, newStats, seedPlan, type FuzzOp } from '../model/fuzz-ops.js';
import { syncDocs, T0, TestContext, twoReplicas } from '../model/support.js';

/** Parses a file's text, failing the test with the file's problem. */
function parsed(text: string): { file: PlanFile; warnings: string[]; migratedFrom: number | null } {
  const result = parsePlanFile(text);
  if (!result.ok) throw new Error(result.problem.message);
  return result;
}

/** The plan a person gets by opening a file's text into a new plan. */
function opened(text: string, actor = 'carl'): Plan {
  const doc = new Y.Doc({ gc: false });
  writePlanFile(doc, parsed(text).file);
  return openPlan(doc, new TestContext(T0, actor, 'm'));
}

const reopened = (plan: Plan) => opened(serializePlanFile(exportPlanFile(plan.doc)));

/** What a person sees of every live node: title, description, fields and the values offered beside them. */
function shown(plan: Plan): unknown[] {
  plan.index.refresh(plan.index.now);
  return [...plan.index.walk()].map((id) => {
    const view = plan.index.node(id)!;
    return { id, title: plan.index.title(id), description: plan.index.description(id), fields: view.fields, conflicts: view.conflicts, fieldConflicts: view.fieldConflicts };
  });
}

function cascade(plan: Plan) {
  const ada = plan.addPerson({ name: 'Ada Lovelace' });
  const ben = plan.addPerson({ name: 'Ben Okafor' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow in Europe' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win the DACH market', owner: ada });
  const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue from DACH', start: 0, target: 10, unit: 'M€' });
  const initiative = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Open a Munich office', status: 'active' });
  return { ada, ben, strategy, objective, keyResult, initiative };
}

/** Ada (a person of the plan) and "Ben's laptop" (a device name, no person) make four conflicts at once. */
function conflicted() {
  const replicas = twoReplicas(cascade, ['a2', "Ben's laptop"]);
  const { a, b, sync, initiative, keyResult, objective, ben } = replicas;
  a.setTitle(initiative, 'Open a Berlin office', 'Open a Munich office');
  b.setTitle(initiative, 'Open a Hamburg office', 'Open a Munich office');
  a.updateNode(keyResult, { target: 12 });
  replicas.ctxB.advance(1);
  b.updateNode(keyResult, { target: 15 });
  b.updateNode(objective, { owner: ben });
  a.updateNode(objective, { owner: null });
  sync();
  return replicas;
}

describe('a plan file of a plan with unresolved conflicts (version 3)', () => {
  it('opens showing the same values and offering the same alternatives, with who and when', () => {
    const { a, b, initiative, keyResult, objective } = conflicted();
    expect(shown(b)).toEqual(shown(a));
    const file = exportPlanFile(a.doc);
    expect(file.version).toBe(3);
    // Who wrote an offered value without being a person of the plan ("Ben's laptop", a device name) is listed.
    const authors = file.nodes.flatMap((node) => node.conflicts ?? []).map((conflict) => conflict.by);
    expect(file.actors).toEqual([...new Set(authors.filter((by) => !(by in file.people)))].sort());
    const copy = reopened(a);
    expect(shown(copy)).toEqual(shown(a));
    // The case is the one that matters: each of the three nodes offers something.
    expect(a.index.node(initiative)!.conflicts.map((conflict) => conflict.text)).toHaveLength(1);
    expect(copy.index.node(keyResult)!.fieldConflicts).toEqual(a.index.node(keyResult)!.fieldConflicts);
    expect(copy.index.node(keyResult)!.fieldConflicts).toHaveLength(1);
    expect(copy.index.node(objective)!.fieldConflicts).toHaveLength(1);
    // Export → import → export: the same file.
    expect(exportPlanFile(copy.doc)).toEqual(file);
  });

  it('picking an offered value in the opened plan resolves the conflict, as it does in the original', () => {
    const { a, initiative, keyResult, objective } = conflicted();
    const copy = reopened(a);
    copy.index.refresh(T0);
    const title = copy.index.node(initiative)!.conflicts[0]!.text;
    const target = copy.index.node(keyResult)!.fieldConflicts[0]!.value;
    const owner = copy.index.node(objective)!.fieldConflicts[0]!.value;
    copy.pickText(initiative, 'title', title);
    copy.updateNode(keyResult, { target: target as number });
    copy.updateNode(objective, { owner: owner as string | null });
    copy.index.refresh(T0);
    for (const id of [initiative, keyResult, objective]) {
      expect(copy.index.node(id)!.conflicts).toEqual([]);
      expect(copy.index.node(id)!.fieldConflicts).toEqual([]);
    }
    expect(copy.index.title(initiative)).toBe(title);
    expect(copy.index.node(keyResult)!.fields.target).toBe(target);
    expect(exportPlanFile(copy.doc).nodes.every((node) => node.conflicts === undefined)).toBe(true);
  });

  it('re-setting the shown value in the opened plan is a pick too (it resolves)', () => {
    const { a, keyResult } = conflicted();
    const copy = reopened(a);
    copy.index.refresh(T0);
    copy.updateNode(keyResult, { target: copy.index.node(keyResult)!.fields.target! });
    copy.index.refresh(T0);
    expect(copy.index.node(keyResult)!.fieldConflicts).toEqual([]);
  });

  it('a version 2 file written by the code before still opens (fixture), as the plan it showed', () => {
    const text = readFileSync(new URL('./fixtures/plan-v2-with-conflicts.throughline', import.meta.url), 'utf8');
    const { file, migratedFrom, warnings } = parsed(text);
    expect({ migratedFrom, warnings, version: file.version, actors: file.actors }).toEqual({ migratedFrom: 2, warnings: [], version: 3, actors: [] });
    const plan = opened(text);
    plan.index.refresh(T0);
    const byTitle = new Map([...plan.index.walk()].map((id) => [plan.index.title(id), plan.index.node(id)!]));
    expect([...byTitle.keys()]).toEqual(['Grow in Europe', 'Win the DACH market', 'Revenue from DACH', 'Open a Hamburg office', 'Sign the lease']);
    // The target the fixture's plan showed (of Ada's 12 and Ben's 15, Yjs kept 12 there).
    expect(byTitle.get('Revenue from DACH')!.fields).toMatchObject({ start: 0, target: 12, unit: 'M€' });
    expect(byTitle.get('Revenue from DACH')!.value).toBe(3);
    expect(plan.index.deletedNodes().map((node) => node.title)).toEqual(['Old idea']);
    // Version 2 kept no conflicts: none is made up.
    expect([...byTitle.values()].every((view) => view.conflicts.length === 0 && view.fieldConflicts.length === 0)).toBe(true);
    // Written again, it is a version 3 file of the same plan.
    const again = exportPlanFile(plan.doc);
    expect(again.version).toBe(3);
    expect(again.nodes).toEqual((JSON.parse(text) as PlanFile).nodes);
  });
});

describe('a plan file of work placed under deleted work at the same time (found by the property below)', () => {
  it('a task Ben added offline under an initiative Ada deleted meanwhile stays shown (re-attached), as in the plan', () => {
    const { a, b, sync, initiative } = twoReplicas(cascade, ['a2', 'a3']);
    a.deleteNode(initiative);
    const task = b.createNode({ kind: 'task', parent: initiative, title: 'Call the landlord', status: 'todo' });
    sync();
    expect(a.index.node(task)?.reattached).toBe(true);
    const file = exportPlanFile(a.doc);
    expect(file.nodes.find((node) => node.id === task)?.placedAfterDelete).toBe(true);
    const copy = reopened(a);
    expect(shown(copy)).toEqual(shown(a));
    expect(copy.index.deletedNodes().map((node) => node.id)).toEqual([initiative]);
    expect(exportPlanFile(copy.doc)).toEqual(file);
  });

  it('a task Ben added offline under an initiative Ada purged meanwhile: the file opens (it was refused as damaged), the task where the plan shows it', () => {
    const { a, b, sync, initiative, keyResult } = twoReplicas(cascade, ['a2', 'a3']);
    a.deleteNode(initiative);
    a.purgeNode(initiative);
    const task = b.createNode({ kind: 'task', parent: initiative, title: 'Call the landlord', status: 'todo' });
    sync();
    expect(a.index.parentOf(task)).toBe(keyResult);
    const file = exportPlanFile(a.doc);
    expect(file.nodes.find((node) => node.id === task)?.parent).toBe(keyResult);
    const copy = reopened(a);
    expect(copy.index.parentOf(task)).toBe(keyResult);
    expect(shown(copy)).toEqual(shown(a));
  });
});

describe('hostile conflicts in a plan file', () => {
  const base = () => {
    const { a, keyResult, initiative } = conflicted();
    const file = JSON.parse(serializePlanFile(exportPlanFile(a.doc))) as PlanFile;
    const node = (id: string) => file.nodes.find((entry) => entry.id === id)!;
    const position = (id: string) => file.nodes.findIndex((entry) => entry.id === id) + 1;
    return { file, node, keyResult, initiative, position };
  };

  it('each offered value the node cannot hold is named and left out; the rest opens', () => {
    const { file, node, keyResult, initiative, position } = base();
    const kr = node(keyResult);
    const before = kr.conflicts!;
    kr.conflicts = [
      ...before,
      { field: 'velocity', value: 3, by: 'a2', at: T0 },
      { field: 'target', value: 'lots', by: 'a2', at: T0 },
      { field: 'status', value: 'done', by: 'a2', at: T0 },
      { field: 'doneAt', value: T0, by: 'a2', at: T0 },
      { field: 'owner', value: 'ghost', by: 'a2', at: T0 },
      { field: 'weight', value: 2, by: 'mallory', at: T0 },
      { field: 'title', value: 42, by: 'a2', at: T0 },
      { field: 'target', value: kr.fields.target!, by: 'a2', at: T0 },
      { field: 'target', value: before[0]!.value, by: 'a2', at: T0 - 5 },
    ];
    const { file: kept, warnings } = parsed(JSON.stringify(file));
    const what = `node ${position(keyResult)} (id ${keyResult}, “Revenue from DACH”)`;
    expect(warnings).toEqual([
      `${what}: the "velocity" conflict (set to 3 by "a2") names no field of the plan; left out`,
      `${what}: the "target" conflict (set to "lots" by "a2") is no value the field can hold (the target value must be a number, got "lots"); left out`,
      `${what}: the "status" conflict (set to "done" by "a2") names a field a key result does not have; left out`,
      `${what}: the "doneAt" conflict (set to ${T0} by "a2") names a field a key result does not have; left out`,
      `${what}: the "owner" conflict (set to "ghost" by "a2") names the person "ghost", who is not in the plan; left out`,
      `${what}: the "weight" conflict (set to 2 by "mallory") names "mallory", who is not a person of the plan nor among its actors; left out`,
      `${what}: the "title" conflict (set to 42 by "a2") is 42, but a title is text; left out`,
      `${what}: the "target" conflict (set to ${kr.fields.target} by "a2") is the value the field shows; left out`,
      `${what}: the "target" conflict (set to ${before[0]!.value} by "a2") is offered twice; left out`,
    ]);
    expect(kept.nodes.find((entry) => entry.id === keyResult)!.conflicts).toEqual(before);
    expect(kept.nodes.find((entry) => entry.id === initiative)!.conflicts).toEqual(node(initiative).conflicts);
  });

  it('a stamp the app sets itself is named, not offered, on a task', () => {
    const { a, keyResult } = conflicted();
    const task = a.createNode({ kind: 'task', parent: a.index.children(keyResult)[0]!, title: 'Sign', status: 'done' });
    const file = JSON.parse(serializePlanFile(exportPlanFile(a.doc))) as PlanFile;
    const entry = file.nodes.find((node) => node.id === task)!;
    entry.conflicts = [{ field: 'doneAt', value: T0 - 1, by: 'a2', at: T0 }];
    const { file: kept, warnings } = parsed(JSON.stringify(file));
    expect(warnings).toEqual([expect.stringMatching(/\(id a\d+, “Sign”\): the "doneAt" conflict \(set to \d+ by "a2"\) names a stamp the app sets itself, which has no conflicts; left out$/)]);
    expect(kept.nodes.find((node) => node.id === task)!.conflicts).toBeUndefined();
  });

  it('a million offered values are refused, naming the node, before anything is read', () => {
    const { file, node, keyResult, position } = base();
    node(keyResult).conflicts = Array.from({ length: 1_000_000 }, (_, n) => ({ field: 'weight', value: n, by: 'a2', at: T0 }));
    const result = parsePlanFile(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toBe(`The plan file is damaged: node ${position(keyResult)} (id ${keyResult}) offers 1,000,000 conflicting values; a node holds at most ${MAX_CONFLICTS_PER_NODE.toLocaleString('en')}.`);
  });

  it('offered values spread over many nodes past the plan\'s limit are refused too', () => {
    const { file } = base();
    for (const entry of file.nodes) entry.conflicts = Array.from({ length: MAX_CONFLICTS_PER_NODE }, (_, n) => ({ field: 'weight', value: n, by: 'a2', at: T0 }));
    // Written as a hand-edited file would be: plain JSON, its ids unchecked until parsed.
    const copies = Array.from({ length: 30 }, (_, n) => file.nodes.map((entry) => ({ ...entry, id: `${entry.id}x${n}`, parent: entry.parent === ROOT_ID ? ROOT_ID : `${entry.parent}x${n}` })));
    const result = parsePlanFile(JSON.stringify({ ...file, nodes: copies.flat() }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toMatch(/^The plan file is damaged: it offers [\d,]+ conflicting values; a plan holds at most 100,000\.$/);
  });

  it('a conflict that is not an object of field, value, by and at is refused, naming the node', () => {
    const { file, node, keyResult, position } = base();
    (node(keyResult).conflicts as unknown[]) = [{ field: 'target', value: { $gt: 1 }, by: 'a2', at: T0 }];
    const result = parsePlanFile(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toMatch(new RegExp(`^The plan file is damaged: node ${position(keyResult)} \\(id ${keyResult}\\): conflicts\\.0\\.value `));
  });

  it('a version 2 file with conflicts (a version it never had) is refused, naming the node', () => {
    const { file, keyResult } = base();
    const result = parsePlanFile(JSON.stringify({ ...file, version: 2, actors: undefined }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toMatch(new RegExp(`\\(id (a\\d+)\\): conflicts? |Unrecognized key.*conflicts`));
    void keyResult;
  });

  it('a refused file changes nothing already saved: the open plan\'s document is byte for byte the same', () => {
    const { a } = conflicted();
    const saved = Y.encodeStateAsUpdate(a.doc);
    const { file, node, keyResult } = base();
    node(keyResult).conflicts = Array.from({ length: 2_000 }, (_, n) => ({ field: 'weight', value: n, by: 'a2', at: T0 }));
    expect(parsePlanFile(JSON.stringify(file)).ok).toBe(false);
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(saved);
  });
});

describe('CSV and Markdown exports of a field in conflict', () => {
  it('show the shown value and say that another value is offered, naming it', () => {
    const { a, keyResult, initiative } = conflicted();
    a.index.refresh(T0);
    const offeredTarget = a.index.node(keyResult)!.fieldConflicts[0]!.value;
    const offeredTitle = a.index.node(initiative)!.conflicts[0]!.text;
    const csv = exportPlanCsv(a);
    const markdown = exportPlanMarkdown(a, 'Acme');
    for (const text of [csv, markdown]) {
      expect(text).toContain(a.index.title(initiative));
      expect(text).toContain(`also renamed to “${offeredTitle}”`);
      expect(text).toContain(`target also set to ${String(offeredTarget)}`);
    }
  });
});

// ---- Property: any plan two replicas build, with random syncs ----

type Step = { who: 'a' | 'b'; op: FuzzOp } | { who: 'a' | 'b'; rename: number; node: number } | { sync: true }
  /** Both people change the same node at once: the same field (a conflict), or its title. */
  | { clash: true; node: number; variant: number; values: [number, number]; renames: [number, number] | null };
const TITLES = ['Grow', 'Win EU', 'Revenue', 'Campaign', 'Launch in Berlin', 'Launch in Hamburg', 'Hire'];
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ who: fc.constantFrom('a' as const, 'b' as const), op: fuzzOpArb }) },
  { weight: 3, arbitrary: fc.record({ who: fc.constantFrom('a' as const, 'b' as const), rename: fc.nat({ max: TITLES.length - 1 }), node: fc.nat({ max: 40 }) }) },
  { weight: 2, arbitrary: fc.constant({ sync: true as const }) },
  { weight: 3, arbitrary: fc.record({ clash: fc.constant(true as const), node: fc.nat({ max: 40 }), variant: fc.nat({ max: 11 }), values: fc.tuple(fc.integer({ min: -3, max: 120 }), fc.integer({ min: -3, max: 120 })), renames: fc.option(fc.tuple(fc.nat({ max: TITLES.length - 1 }), fc.nat({ max: TITLES.length - 1 })), { nil: null }) }) },
);

describe('plan file round trip of two replicas\' plan (property)', () => {
  it('export → import → export is the same file, and the opened plan shows and offers what the original does', () => {
    let offered = 0;
    fc.assert(fc.property(fc.array(stepArb, { minLength: 4, maxLength: 40 }), fc.boolean(), (steps, syncAtEnd) => {
      const replicas = twoReplicas(seedPlan, ['ana', 'bo']);
      const stats = { a: newStats(), b: newStats() };
      for (const step of steps) {
        if ('sync' in step) { replicas.sync(); continue; }
        if ('clash' in step) {
          for (const [n, who] of (['a', 'b'] as const).entries()) {
            const plan = replicas[who];
            if (step.renames) {
              const live = [...plan.index.structure().tree.parent.keys()].sort();
              const id = live[step.node % Math.max(1, live.length)] as NodeId | undefined;
              if (id !== undefined) plan.setTitle(id, TITLES[step.renames[n]!]!, plan.index.title(id));
            } else {
              applyFuzzOp(plan, who === 'a' ? replicas.ctxA : replicas.ctxB, { op: 'update', node: step.node, variant: step.variant, value: step.values[n]! }, stats[who]);
            }
          }
          continue;
        }
        const plan = replicas[step.who];
        const ctx = step.who === 'a' ? replicas.ctxA : replicas.ctxB;
        if ('op' in step) { applyFuzzOp(plan, ctx, step.op, stats[step.who]); continue; }
        const live = [...plan.index.structure().tree.parent.keys()].sort();
        const id = live[step.node % Math.max(1, live.length)] as NodeId | undefined;
        if (id === undefined) continue;
        plan.setTitle(id, TITLES[step.rename]!, plan.index.title(id));
      }
      if (syncAtEnd) { replicas.sync(); syncDocs(replicas.docA, replicas.docB); }
      for (const plan of [replicas.a, replicas.b]) {
        plan.index.fullRecompute(plan.index.now);
        const file = exportPlanFile(plan.doc);
        const copy = opened(serializePlanFile(file));
        expect(exportPlanFile(copy.doc)).toEqual(file);
        copy.index.fullRecompute(plan.index.now);
        expect(shown(copy)).toEqual(shown(plan));
        offered += file.nodes.filter((node) => node.conflicts !== undefined).length;
      }
    }), { numRuns: 100 });
    // The runs reached the case that matters.
    expect(offered).toBeGreaterThan(30);
  });
});
