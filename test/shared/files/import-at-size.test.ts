// A real-world-sized import: 10,000 rows of a cascade (strategies to tasks, owners, teams, quarters,
// dates, check-ins) become exactly the plan the rows describe — every row one node under the node of
// its parent row, in file order, with its check-in, nothing lost and nothing twice — as CSV and as
// XLSX; and importing a sheet in parts equals importing it at once.
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  applyImport, buildImportPreview, buildingImportPreview, commitImport, detectMapping, preparingImport, readSpreadsheet, type SheetTable,
} from '../../../shared/files/index.js';
import { ROOT_ID, runToEnd, type Plan } from '../../../shared/model/index.js';
import { newPlan, T0 } from '../model/support.js';
import { outlineLines } from './support/plan-outline.js';
import { xlsxBytes } from './support/xlsx-writer.js';
import { largeSheet, largeSheetCells, largeSheetCsv, largeSheetXlsx, type LargeSheet } from './support/large-sheet.js';

async function table(name: string, bytes: Uint8Array): Promise<SheetTable> {
  const read = await readSpreadsheet(name, bytes);
  if (!read.ok) throw new Error(read.problem.message);
  return read.table;
}

/** Every live node in outline order as `depth kind title`, and the check-ins of each. */
function planRows(plan: Plan): { line: string; checkIns: { value: number | null; confidence: number | null }[] }[] {
  plan.index.refresh(T0);
  const rows: { line: string; checkIns: { value: number | null; confidence: number | null }[] }[] = [];
  const walk = (parent: string, depth: number) => {
    for (const id of plan.index.children(parent)) {
      const node = plan.index.node(id)!;
      rows.push({ line: `${depth} ${node.kind} ${node.title}`, checkIns: plan.index.checkIns(id).map((checkIn) => ({ value: checkIn.value, confidence: checkIn.confidence })) });
      walk(id, depth + 1);
    }
  };
  walk(ROOT_ID, 0);
  return rows;
}

/** What the sheet says, row by row: depth from the outline number, kind, title, and the check-in a measured row carries. */
function sheetRows(sheet: LargeSheet): { line: string; checkIns: { value: number | null; confidence: number | null }[] }[] {
  return sheet.rows.map((row) => {
    const current = row.cells[5] ?? null;
    const confidence = row.cells[7] ?? null;
    const confidenceValue = typeof confidence === 'string' ? Number(confidence.split('/')[0]) : typeof confidence === 'number' ? confidence : null;
    return {
      line: `${row.number.split('.').length - 1} ${row.kind} ${row.title}`,
      checkIns: row.checkIn ? [{ value: typeof current === 'number' ? current : null, confidence: confidenceValue }] : [],
    };
  });
}

describe('a 10,000-row import', () => {
  const sheet = largeSheet(10_000);

  for (const format of ['csv', 'xlsx'] as const) {
    it(`as ${format.toUpperCase()} creates exactly the plan its rows describe`, async () => {
      const read = await table(`cascade.${format}`, format === 'csv' ? largeSheetCsv(sheet) : largeSheetXlsx(sheet));
      expect(read.rows).toHaveLength(10_001);
      const mapping = detectMapping(read);
      expect(mapping.layout).toBe('outline');
      const preview = buildImportPreview(read, mapping, { strategyTitle: 'unused' });
      expect(preview.problems).toEqual([]);
      // A well-kept cascade is not doubtful anywhere: no row carries a warning.
      expect(preview.rows.filter((row) => row.warnings.length > 0)).toEqual([]);
      expect(preview.nodes.size).toBe(10_000);
      const { plan, doc } = newPlan();
      const updates: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => updates.push(update));
      const result = applyImport(plan, preview, { now: T0 });
      if (!result.ok) throw new Error(result.problems[0]!.message);
      // The open plan receives the whole import as one change.
      expect(updates).toHaveLength(1);
      expect(result.created).toMatchObject({ nodes: 10_000, checkIns: sheet.expected.checkIns });
      expect(sheet.expected.byKind.task).toBeGreaterThan(3_000);
      expect(sheet.expected.checkIns).toBeGreaterThan(1_000);
      // Every row once, under its parent row, in file order, with its check-in: nothing lost or doubled.
      expect(planRows(plan)).toEqual(sheetRows(sheet));
      plan.index.refresh(T0);
      const kinds = new Map<string, number>();
      for (const id of plan.index.walk()) kinds.set(plan.index.node(id)!.kind, (kinds.get(plan.index.node(id)!.kind) ?? 0) + 1);
      expect(Object.fromEntries(kinds)).toEqual(sheet.expected.byKind);
      // An owner written as a name in one row and as `Name <email>` in another is one person.
      expect(plan.index.people()).toHaveLength(sheet.expected.owners);
      expect(result.created.people).toBe(sheet.expected.owners);
      expect(new Set(plan.index.teams().map((team) => team.name)).size).toBe(plan.index.teams().length);
    }, 120_000);
  }

  it('the preview built in steps and the import prepared in steps equal the one-shot ones', async () => {
    const read = await table('cascade.csv', largeSheetCsv(largeSheet(2_000)));
    const mapping = detectMapping(read);
    const steps = buildingImportPreview(read, mapping, { strategyTitle: 'unused' });
    let pauses = 0;
    let next = steps.next();
    while (!next.done) { pauses += 1; next = steps.next(); }
    expect(pauses).toBeGreaterThan(10);
    const stepped = next.value;
    const oneShot = buildImportPreview(read, mapping, { strategyTitle: 'unused' });
    expect({ ...stepped, nodes: [...stepped.nodes] }).toEqual({ ...oneShot, nodes: [...oneShot.nodes] });

    const a = newPlan(), b = newPlan();
    const prepared = runToEnd(preparingImport(a.plan, stepped, { now: T0 }));
    if (!prepared.ok) throw new Error(prepared.problems[0]!.message);
    expect(commitImport(a.plan, prepared).ok).toBe(true);
    expect(applyImport(b.plan, oneShot, { now: T0 }).ok).toBe(true);
    expect(outlineLines(a.plan, T0)).toEqual(outlineLines(b.plan, T0));
  });

  it('stopping a prepared import half-way leaves the plan exactly as it was', async () => {
    const read = await table('cascade.csv', largeSheetCsv(largeSheet(2_000)));
    const preview = buildImportPreview(read, detectMapping(read), { strategyTitle: 'unused' });
    const { plan, doc } = newPlan();
    const before = Y.encodeStateAsUpdate(doc);
    const steps = preparingImport(plan, preview, { now: T0 });
    for (let i = 0; i < 4; i++) steps.next();
    steps.return(undefined as never);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(planRows(plan)).toEqual([]);
  });
});

describe('importing in parts', () => {
  it('a sheet imported strategy by strategy, in several files, makes the same plan as the whole sheet at once', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 20, max: 160 }), fc.integer({ min: 1, max: 1_000 }), fc.array(fc.nat(), { maxLength: 4 }),
      async (count, seed, cutPicks) => {
        const sheet = largeSheet(count, seed, 2);
        const [header, ...rows] = largeSheetCells(sheet);
        const strategyRows = sheet.rows.flatMap((row, index) => (row.kind === 'strategy' && index > 0 ? [index] : []));
        const cuts = [...new Set(cutPicks.map((pick) => strategyRows[pick % Math.max(1, strategyRows.length)]).filter((cut): cut is number => cut !== undefined))].sort((x, y) => x - y);
        const parts = [0, ...cuts].map((start, index, starts) => rows.slice(start, starts[index + 1] ?? rows.length));
        const whole = newPlan(), inParts = newPlan();
        const importCells = async (plan: Plan, cells: typeof rows) => {
          const read = await table('part.xlsx', xlsxBytes([header!, ...cells]));
          const result = applyImport(plan, buildImportPreview(read, detectMapping(read), { strategyTitle: 'unused' }), { now: T0 });
          if (!result.ok) throw new Error(result.problems[0]!.message);
          return result.created;
        };
        const all = await importCells(whole.plan, rows);
        let nodes = 0, checkIns = 0, people = 0;
        for (const part of parts) {
          const created = await importCells(inParts.plan, part);
          nodes += created.nodes; checkIns += created.checkIns; people += created.people;
        }
        expect({ nodes, checkIns, people }).toEqual({ nodes: all.nodes, checkIns: all.checkIns, people: all.people });
        expect(outlineLines(inParts.plan, T0)).toEqual(outlineLines(whole.plan, T0));
      },
    ), { numRuns: 25 });
  }, 120_000);
});
