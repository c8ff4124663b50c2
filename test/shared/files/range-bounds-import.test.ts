// review40a F6: a "stay within range" key result row with one bound imported with no warning, and was judged by
// nothing (no progress, no breach, on track). Its progress and breach need both bounds; the row says which is missing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyImport, buildImportPreview, detectMapping, readCsv } from '../../../shared/files/index.js';
import { newPlan, T0 } from '../model/support.js';

const HEADER = 'Outline,Type,Title,Direction,Start,Target,Range low,Range high,Current,Unit';

function importRow(cells: string) {
  const csv = `\ufeff${HEADER}\n1,Strategy,S\n1.1,Objective,O\n1.1.1,Key result,Turnover,${cells}\n`;
  const read = readCsv(new TextEncoder().encode(csv));
  if (!read.ok) throw new Error(read.problem.message);
  const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now: T0 });
  const { plan } = newPlan();
  const applied = preview.problems.length === 0 && applyImport(plan, preview, { now: T0 }).ok;
  plan.index.refresh(T0);
  const kr = [...plan.index.walk()].find((id) => plan.index.node(id)!.kind === 'key_result');
  return { preview, warnings: preview.rows.find((row) => row.row === 4)!.warnings, applied, view: kr === undefined ? null : plan.index.node(kr)! };
}

describe('a range key result with one bound (review40a F6)', () => {
  it('warns naming the missing bound: its progress cannot be measured (repro range-one-bound)', () => {
    const { warnings, view } = importRow('range,,,5,,40,%');
    expect(warnings).toEqual(['a stay-within-range key result needs both Range low and Range high: column H "Range high" is empty, so progress cannot be measured']);
    expect(view!.progress).toBeNull();
    expect(importRow('range,,,,10,40,%').warnings).toEqual(['a stay-within-range key result needs both Range low and Range high: column G "Range low" is empty, so progress cannot be measured']);
    expect(importRow('range,,,,,40,%').warnings).toEqual(['a stay-within-range key result needs both Range low and Range high: column G "Range low" is empty and column H "Range high" is empty, so progress cannot be measured']);
  });

  it('with both bounds, no warning, and a value outside is judged a breach', () => {
    const { warnings, view } = importRow('range,,,5,10,40,%');
    expect(warnings).toEqual([]);
    expect(view!.signals.map((signal) => signal.kind)).toContain('range_breach');
  });

  it('property: a range key result row with a value (current or start) says on its row when its progress cannot be measured, and is off track when the value is outside its range', () => {
    const cell = fc.option(fc.integer({ min: -50, max: 150 }), { nil: undefined }).map((value) => (value === undefined ? '' : String(value)));
    fc.assert(fc.property(cell, cell, cell, cell, cell, (start, target, low, high, current) => {
      const { preview, warnings, applied, view } = importRow(`range,${start},${target},${low},${high},${current},%`);
      if (!applied || view === null) { expect(preview.problems.length).toBeGreaterThan(0); return; }
      // With a value known (a current value or a start), no progress means the bounds could not measure it.
      if (view.progress === null && (current !== '' || start !== '')) expect(warnings.some((warning) => /progress cannot be measured|not imported/.test(warning))).toBe(true);
      const value = current !== '' ? Number(current) : start !== '' ? Number(start) : null;
      if (view.progress !== null && value !== null && (value < Number(low) || value > Number(high))) expect(view.health).toBe('off_track');
    }), { numRuns: 150 });
  });
});
