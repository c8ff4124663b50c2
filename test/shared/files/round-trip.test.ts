// Export then import gives the same plan: the plan file losslessly (everything, deleted nodes and
// links included), the CSV for everything its columns carry. Random plans from fast-check.
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  applyImport, buildImportPreview, detectMapping, exportPlanCsv, exportPlanFile, parsePlanFile, readCsv, safeCell, serializePlanFile, writePlanFile,
} from '../../../shared/files/index.js';
import { isPlanError, kindsAllowedAt, NODE_KINDS, openPlan, parentAllowed, ROOT_ID, type Plan } from '../../../shared/model/index.js';
import { applyFuzzOp, fuzzOpArb, newStats, seedPlan } from '../model/fuzz-ops.js';
import { DAY, newPlan, snapshotIndex, T0, TestContext } from '../model/support.js';
import { importIntoNewPlan, previewOfCsv } from './support/csv-import.js';
import { outlineLines } from './support/plan-outline.js';
import { buildPlan, comparable, concurrentEdits, expectedAfterImport, nodeArb } from './support/random-plan.js';

function reopen(text: string): Plan {
  const parsed = parsePlanFile(text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const doc = new Y.Doc();
  writePlanFile(doc, parsed.file);
  return openPlan(doc, new TestContext(T0, 'bob', 'm'));
}

describe('plan file round trip', () => {
  it('export → import → export is the same file, and the reopened plan shows exactly the same views', () => {
    fc.assert(fc.property(fc.array(fuzzOpArb, { minLength: 5, maxLength: 60 }), (ops) => {
      const { plan, ctx } = newPlan();
      seedPlan(plan);
      const stats = newStats();
      for (const op of ops) applyFuzzOp(plan, ctx, op, stats);
      plan.addPerson({ name: 'Zoë =cmd', email: 'zoe@example.com', role: 'Lead' });
      const file = exportPlanFile(plan.doc);
      const reopened = reopen(serializePlanFile(file));
      expect(exportPlanFile(reopened.doc)).toEqual(file);
      plan.index.fullRecompute(ctx.now());
      reopened.index.fullRecompute(ctx.now());
      expect(snapshotIndex(reopened.index)).toEqual(snapshotIndex(plan.index));
      expect(reopened.index.deletedNodes().map((node) => node.id)).toEqual(plan.index.deletedNodes().map((node) => node.id));
      const byKey = (links: { key: string }[]) => [...links].sort((a, b) => a.key.localeCompare(b.key));
      expect(byKey(reopened.index.links())).toEqual(byKey(plan.index.links()));
    }), { numRuns: 40 });
  });

  it('a version 1 file (outline order, no order keys or ids for check-ins) still opens', () => {
    const v1 = {
      format: 'throughline-plan', version: 1, name: 'Old plan',
      nodes: [
        { id: 's1', kind: 'strategy', parent: 'root', title: 'Grow' },
        { id: 'o1', kind: 'objective', parent: 's1', title: 'Win EU', fields: { owner: 'p1' } },
        { id: 'k2', kind: 'key_result', parent: 'o1', title: 'Second', fields: { start: 0, target: 10 } },
        { id: 'k1', kind: 'key_result', parent: 'o1', title: 'Third', fields: { start: 0, target: 5 } },
      ],
      checkIns: [{ nodeId: 'k2', at: T0 - 1000, value: 4, note: 'first' }, { nodeId: 'k2', at: T0, value: 6 }],
      people: [{ id: 'p1', name: 'Ana', email: 'ana@example.com' }],
      teams: [{ id: 't1', name: 'Growth' }],
    };
    const parsed = parsePlanFile(JSON.stringify(v1));
    expect(parsed).toMatchObject({ ok: true, migratedFrom: 1 });
    const plan = reopen(JSON.stringify(v1));
    expect(outlineLines(plan, T0)).toEqual([
      'strategy: Grow',
      '  objective: Win EU | owner Ana <ana@example.com>',
      '    key_result: Second | start 0 | target 10 | check-in value 4 | check-in value 6',
      '    key_result: Third | start 0 | target 5',
    ]);
    expect(plan.index.node('k2')!.value).toBe(6);
    expect(plan.index.teams().map((team) => team.name)).toEqual(['Growth']);
    expect(plan.types.meta.get('name')).toBe('Old plan');
  });

  const damaged: [string, string, RegExp][] = [
    ['not JSON', '{"format": "throughline-plan",\n "version": 2,\n oops}', /^This is not a Throughline plan file: line 3 is not valid JSON/],
    ['another JSON file', '{"name": "package"}', /not a Throughline plan file \(its "format" is not "throughline-plan"\)/],
    ['a newer version', '{"format": "throughline-plan", "version": 7}', /^This is a Throughline plan file from a newer version of Throughline \(file version 7; this Throughline reads plan file versions 1 to 4\)\. Update Throughline/],
    ['a node of an unknown kind', JSON.stringify({ ...exportPlanFile(newPlan().doc), nodes: [{ id: 'x1', kind: 'epic' }] }), /^The plan file is damaged: node 1 \(id x1\): kind /],
    ['a non-finite number', JSON.stringify({ ...exportPlanFile(newPlan().doc), checkIns: [{ id: 'c1', nodeId: 'x', at: 'soon' }] }).replace('"soon"', '1e999'), /check-in 1 \(id c1\): at /],
    // Node ids enter the plan here: one that is no node id (the root's name, a path, a link-key separator) is refused, naming the node.
    ['a node whose id is the plan root', JSON.stringify({ ...exportPlanFile(newPlan().doc), nodes: [{ id: 'root', kind: 'strategy', parent: 'root', order: 'a0', placedAt: 0, placedFrom: 'root', title: '', description: '', fields: {}, created: null, updated: null, deleted: null }] }), /^The plan file is damaged: node 1 \(id root\): id is not a valid id\.$/],
    ['a node whose id is a path', JSON.stringify({ ...exportPlanFile(newPlan().doc), nodes: [{ id: '../x', kind: 'strategy', parent: 'root', order: 'a0', placedAt: 0, placedFrom: 'root', title: '', description: '', fields: {}, created: null, updated: null, deleted: null }] }), /^The plan file is damaged: node 1 \(id \.\.\/x\): id is not a valid id/],
    ['a parent that is no id', JSON.stringify({ ...exportPlanFile(newPlan().doc), nodes: [{ id: 'x1', kind: 'objective', parent: 'a>b', order: 'a0', placedAt: 0, placedFrom: 'root', title: '', description: '', fields: {}, created: null, updated: null, deleted: null }] }), /^The plan file is damaged: node 1 \(id x1\): parent is not a valid id/],
    ['a parent not in the file', JSON.stringify({ ...exportPlanFile(newPlan().doc), nodes: [{ id: 'x1', kind: 'objective', parent: 'ghost', order: 'a0', placedAt: 0, placedFrom: 'root', title: '', description: '', fields: {}, created: null, updated: null, deleted: null }] }), /node 1 \(id x1\) names the parent ghost, which is not in the file/],
  ];
  for (const [name, text, message] of damaged) {
    it(`refuses ${name} with a message saying what is wrong`, () => {
      const parsed = parsePlanFile(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.problem.message).toMatch(message);
    });
  }
});

// ---- CSV ----

describe('CSV round trip', () => {
  // Also every field a kind has beyond the OKR columns: before the columns after Weight, a key result's
  // range, a KPI's healthy range, a task's assignee and blocked reason, an initiative's effort, impact
  // and manual progress and a strategy's horizon were lost without a word.
  it('a plan exported as CSV imports back into an empty plan as the same tree, fields and current values', () => {
    fc.assert(fc.property(fc.array(nodeArb('strategy', 0), { minLength: 1, maxLength: 3 }), fc.boolean(), (roots, cross) => {
      // Made days before the import, so a stamp read back as the import's time would show.
      const { plan, doc } = newPlan({ time: T0 - 12 * DAY });
      buildPlan(plan, roots);
      concurrentEdits(plan, doc, cross);
      plan.index.refresh(T0);
      const csv = exportPlanCsv(plan);
      const read = readCsv(new TextEncoder().encode(csv));
      if (!read.ok) throw new Error(read.problem.message);
      // No exported text cell starts a formula (numbers such as -5 are numbers, not text).
      for (const row of read.table.rows) for (const cell of row) if (typeof cell === 'string' && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now: T0 });
      expect(preview.problems).toEqual([]);
      // The Conflicts column is ours and read by nobody: no row warns about it.
      expect(preview.rows.flatMap((row) => row.warnings).filter((warning) => /Conflicts/.test(warning))).toEqual([]);
      const { plan: copy } = newPlan({ prefix: 'c' });
      const result = applyImport(copy, preview, { now: T0 });
      expect(result.ok).toBe(true);
      expect(comparable(copy)).toEqual(expectedAfterImport(plan));
      const values = (target: Plan) => [...target.index.walk()].map((id) => target.index.node(id)!.value);
      expect(values(copy)).toEqual(values(plan));
      const confidences = (target: Plan) => [...target.index.walk()].map((id) => target.index.checkIns(id).map((checkIn) => checkIn.confidence).filter((c) => c !== null).at(-1) ?? null);
      expect(confidences(copy)).toEqual(confidences(plan));
    }), { numRuns: 30 });
  });

  it('formula-looking text is exported with an apostrophe and read back as typed', () => {
    expect(safeCell('=HYPERLINK("http://evil.example")')).toBe('\'=HYPERLINK("http://evil.example")');
    expect(safeCell('-5 churn')).toBe("'-5 churn");
    expect(safeCell("'=already")).toBe("''=already");
    expect(safeCell('Grow EU')).toBe('Grow EU');
  });
});

describe('CSV round trip of a plan holding items out of place (review39b F6)', () => {
  /**
   * Bob adds a child to each picked item while Alice deletes it: the merge keeps his child under the
   * nearest live ancestor, out of place where its kind does not belong there (a task under a key result).
   */
  function reattachUnderDeleted(plan: Plan, doc: Y.Doc, picks: readonly number[]): void {
    plan.index.refresh(T0);
    const candidates = [...plan.index.walk()].filter((id) => plan.index.node(id)!.kind !== 'strategy');
    if (candidates.length === 0) return;
    const doc2 = new Y.Doc();
    Y.applyUpdate(doc2, Y.encodeStateAsUpdate(doc));
    const bob = openPlan(doc2, new TestContext(T0 - 5 * DAY, 'bob', 'b'));
    const deleted = new Set<string>();
    for (const pick of picks) {
      const id = candidates[pick % candidates.length]!;
      if (deleted.has(id)) continue;
      const kind = plan.index.node(id)!.kind;
      const childKind = kind === 'key_result' ? 'initiative' : kind === 'objective' ? 'key_result' : kind === 'kpi' ? 'initiative' : 'task';
      bob.createNode({ kind: childKind, parent: id, title: `kept ${pick}`, ...(childKind === 'key_result' ? { start: 0, target: 10, direction: 'increase' as const } : {}) });
      // Deleting an item inside one already deleted is refused: those stay.
      try { plan.deleteNode(id); deleted.add(id); } catch { /* inside a deleted item */ }
    }
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(doc2));
    bob.index.destroy();
  }
  const outOfPlace = (plan: Plan) => [...plan.index.walk()].filter((id) => plan.index.node(id)!.signals.some((signal) => signal.kind === 'misplaced' && signal.evidence.nodeIds.includes(id))).map((id) => plan.index.title(id));

  it('export → import gives the same tree, with the items out of place imported where the plan held them (property)', () => {
    let reached = 0;
    fc.assert(fc.property(fc.array(nodeArb('strategy', 0), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (roots, picks) => {
      const { plan, doc } = newPlan({ time: T0 - 12 * DAY });
      buildPlan(plan, roots);
      reattachUnderDeleted(plan, doc, picks);
      plan.index.refresh(T0);
      const preview = previewOfCsv(exportPlanCsv(plan));
      expect(preview.problems).toEqual([]);
      const { copy, applied } = importIntoNewPlan(preview);
      expect(applied.ok).toBe(true);
      expect(comparable(copy)).toEqual(expectedAfterImport(plan));
      const misplaced = outOfPlace(plan);
      expect(outOfPlace(copy)).toEqual(misplaced);
      // Each out-of-place row says so in the preview.
      expect([...preview.nodes.values()].filter((node) => node.outOfPlace).map((node) => node.title)).toEqual(misplaced);
      if (misplaced.length > 0) reached += 1;
    }), { numRuns: 40, seed: 3905 });
    // The run did real work: plans with items out of place were exported and imported.
    expect(reached).toBeGreaterThan(5);
  });

  /**
   * Alice changes each picked item into another kind allowed where it stands, while Bob adds below it a child
   * its old kind allows: the merge leaves his child under a kind it does not belong under (a key result under
   * a sub-objective turned into a key result).
   */
  function kindChangedUnderNewChild(plan: Plan, doc: Y.Doc, picks: readonly number[]): void {
    plan.index.refresh(T0);
    const doc2 = new Y.Doc();
    Y.applyUpdate(doc2, Y.encodeStateAsUpdate(doc));
    const bob = openPlan(doc2, new TestContext(T0 - 5 * DAY, 'cy', 'k'));
    for (const pick of picks) {
      plan.index.refresh(T0);
      const candidates = [...plan.index.walk()].filter((id) => plan.index.node(id)!.kind !== 'strategy');
      if (candidates.length === 0) break;
      const id = candidates[pick % candidates.length]!;
      const view = plan.index.node(id)!;
      const parentKind = view.parent === ROOT_ID ? ROOT_ID : plan.index.node(view.parent)!.kind;
      const others = kindsAllowedAt(parentKind, plan.index.children(id).map((child) => plan.index.node(child)!.kind)).filter((kind) => kind !== view.kind);
      const childKinds = NODE_KINDS.filter((kind) => parentAllowed(kind, view.kind));
      if (others.length === 0 || childKinds.length === 0) continue;
      const to = others[pick % others.length]!;
      const childKind = childKinds.find((kind) => !parentAllowed(kind, to)) ?? childKinds[0]!;
      try {
        bob.createNode({ kind: childKind, parent: id as never, title: `added ${pick}`, ...(childKind === 'key_result' ? { start: 0, target: 10, direction: 'increase' as const } : {}) });
        plan.changeKind(id as never, to);
      } catch (error) { if (!isPlanError(error)) throw error; }
    }
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(doc2));
    bob.index.destroy();
  }
  const tree = (plan: Plan) => [...plan.index.walk()].map((id) => `${'  '.repeat(plan.index.pathToRoot(id).length - 1)}${plan.index.node(id)!.kind}: ${plan.index.title(id)}`);

  it('property: export → import of a plan where kind changes and additions merged gives the same tree, the items out of place where the plan held them (review40a F5)', () => {
    let reached = 0;
    fc.assert(fc.property(fc.array(nodeArb('strategy', 0), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { minLength: 0, maxLength: 2 }), (roots, picks, deletes) => {
      const { plan, doc } = newPlan({ time: T0 - 12 * DAY });
      buildPlan(plan, roots);
      kindChangedUnderNewChild(plan, doc, picks);
      reattachUnderDeleted(plan, doc, deletes);
      plan.index.refresh(T0);
      const preview = previewOfCsv(exportPlanCsv(plan));
      expect(preview.problems).toEqual([]);
      const { copy, applied } = importIntoNewPlan(preview);
      expect(applied.ok).toBe(true);
      expect(tree(copy)).toEqual(tree(plan));
      const misplaced = outOfPlace(plan);
      expect(outOfPlace(copy)).toEqual(misplaced);
      expect([...preview.nodes.values()].filter((node) => node.outOfPlace).map((node) => node.title)).toEqual(misplaced);
      if (misplaced.some((title) => title.startsWith('added '))) reached += 1;
    }), { numRuns: 30, seed: 4005 });
    expect(reached).toBeGreaterThan(5);
  });

  it('the review\'s sheet: a strategy typed under a task is refused, naming the row and where it goes; rows with no parent are imported at the top level, warned (review40a F5)', () => {
    const csv = '\ufeffOutline,Type,Title\n1,Strategy,Grow\n1.1,Objective,Win\n1.1.1,Key result,Revenue\n1.1.1.1,Initiative,Campaign\n1.1.1.1.1,Task,Ads\n1.1.1.1.1.1,Strategy,Second strategy under a task\n1.1.1.1.1.1.1,Objective,Objective under strategy under task\n2,Task,Top-level task\n3,Key result,Top-level KR\n';
    const read = readCsv(new TextEncoder().encode(csv));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now: T0 });
    expect(preview.problems.map((problem) => problem.message)).toEqual(['Row 7: a strategy cannot sit under the task of row 6: move it to the top level.']);
    const warnings = new Map(preview.rows.map((row) => [row.row, row.warnings]));
    expect(warnings.get(9)).toEqual(['out of place: a task with no parent row is imported at the top level; move it under an initiative or a task']);
    expect(warnings.get(10)).toContain('out of place: a key result with no parent row is imported at the top level; move it under an objective');
    expect(preview.rows.flatMap((row) => row.warnings).filter((warning) => / move under $/.test(warning) || /under $/.test(warning))).toEqual([]);
    expect(applyImport(newPlan().plan, preview, { now: T0 }).ok).toBe(false);
  });

  it('a merge can leave an objective under a key result (its sub-objective turned into one while it was added): the export imports back, out of place (review40a F5)', () => {
    const { plan, doc } = newPlan();
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH' });
    const sub = plan.createNode({ kind: 'objective', parent: objective, title: 'Win Munich' });
    const doc2 = new Y.Doc();
    Y.applyUpdate(doc2, Y.encodeStateAsUpdate(doc));
    const bob = openPlan(doc2, new TestContext(T0, 'bob', 'b'));
    bob.createNode({ kind: 'objective', parent: sub, title: 'Win Schwabing' });
    plan.changeKind(sub, 'key_result');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(doc2));
    plan.index.refresh(T0);
    expect(outOfPlace(plan)).toEqual(['Win Schwabing']);
    const preview = previewOfCsv(exportPlanCsv(plan));
    expect(preview.problems).toEqual([]);
    const { copy, applied } = importIntoNewPlan(preview);
    expect(applied.ok).toBe(true);
    expect(tree(copy)).toEqual(['strategy: Grow', '  objective: Win DACH', '    key_result: Win Munich', '      objective: Win Schwabing']);
    expect(outOfPlace(copy)).toEqual(['Win Schwabing']);
  });

  it('the review’s file: a task kept under a key result imports back, with a row warning (review39b F6)', () => {
    const csv = '\ufeffOutline,Type,Title\n1,Strategy,Grow in Europe\n1.1,Objective,Win the DACH market\n1.1.1,Key result,Net promoter score DACH\n1.1.1.1,Task,Find an office\n';
    const read = readCsv(new TextEncoder().encode(csv));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now: T0 });
    expect(preview.problems).toEqual([]);
    expect(preview.rows.find((row) => row.row === 5)!.warnings).toContain('out of place: a task does not belong under the key result of row 4; imported there, to move under an initiative or a task');
    const { plan } = newPlan();
    expect(applyImport(plan, preview, { now: T0 }).ok).toBe(true);
    plan.index.refresh(T0);
    expect(outlineLines(plan, T0)).toEqual(['strategy: Grow in Europe', '  objective: Win the DACH market', '    key_result: Net promoter score DACH', '      task: Find an office']);
    expect(outOfPlace(plan)).toEqual(['Find an office']);
  });
});
