// Our own CSV export imports back (csv3, twenty-fifth session; review25a U1–U6): a crossed range that
// two people's merged edits left, periods of any name and same-named periods of other dates, a task's
// blocked-since and done-at stamps, sheets from other tools whose generic headers are not our columns,
// and numbers too large to hold, refused already in the preview.
import { strToU8 } from 'fflate';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyImport, buildImportPreview, detectMapping, exportPlanCsv, readCsv, readSpreadsheet, type ImportPreview } from '../../../shared/files/index.js';
import { openPlan, ROOT_ID, type Plan } from '../../../shared/model/index.js';
import { DAY, newPlan, syncDocs, T0, TestContext } from '../model/support.js';
import { outlineLines } from './support/plan-outline.js';

function previewOfCsv(csv: string): ImportPreview {
  const read = readCsv(new TextEncoder().encode(csv));
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
}

async function previewOf(text: string): Promise<ImportPreview> {
  const read = await readSpreadsheet('plan.csv', strToU8(text));
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
}

function roundTrip(plan: Plan, into?: Plan) {
  plan.index.refresh(T0);
  const preview = previewOfCsv(exportPlanCsv(plan));
  const target = into ?? newPlan({ prefix: 'c' }).plan;
  const result = applyImport(target, preview, { now: T0 });
  target.index.refresh(T0);
  return { preview, result, target };
}

const warningsOf = (preview: ImportPreview) => preview.rows.flatMap((row) => row.warnings.map((warning) => `row ${row.row}: ${warning}`));

describe('a crossed range (two valid edits merged)', () => {
  it('does not refuse the plan\'s own CSV: the rest imports, the range is left out and the row says so', () => {
    const { plan, doc } = newPlan();
    const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const o = plan.createNode({ kind: 'objective', parent: s, title: 'O' });
    const kr = plan.createNode({ kind: 'key_result', parent: o, title: 'KR', start: 0, target: 10, direction: 'range', rangeLow: 0, rangeHigh: 20, unit: 'ms' });
    const kpi = plan.createNode({ kind: 'kpi', parent: kr, title: 'Latency', healthyLow: 0, healthyHigh: 20 });
    const doc2 = new Y.Doc();
    syncDocs(doc, doc2);
    const bob = openPlan(doc2, new TestContext(T0, 'bob', 'b'));
    plan.updateNode(kr, { rangeLow: 15 });
    bob.updateNode(kr, { rangeHigh: 5 });
    plan.updateNode(kpi, { healthyLow: 12 });
    bob.updateNode(kpi, { healthyHigh: 10 });
    syncDocs(doc2, doc); syncDocs(doc, doc2);
    const { preview, result, target } = roundTrip(plan);
    expect(preview.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(warningsOf(preview)).toEqual([
      'row 4: column R "Range low" and column S "Range high": the range\'s low 15 is above its high 5 (two edits crossed); the range is not imported, set it again after importing',
      'row 5: column R "Range low" and column S "Range high": the range\'s low 12 is above its high 10 (two edits crossed); the range is not imported, set it again after importing',
    ]);
    expect(outlineLines(target, T0)).toEqual([
      'strategy: S',
      '  objective: O',
      '    key_result: KR | direction range | start 0 | target 10 | unit ms',
      '      kpi: Latency',
    ]);
  });
});
