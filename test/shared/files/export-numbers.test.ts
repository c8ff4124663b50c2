// Our CSV export writes numbers our import reads back to the same number: plain decimals, never the
// `1e-7` / `1e+21` that String() writes and readNumber refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyImport, buildImportPreview, detectMapping, exportPlanCsv, plainDecimal, readCsv, readNumber } from '../../../shared/files/index.js';
import { checkInValueLimit, type Plan } from '../../../shared/model/index.js';
import { newPlan, T0 } from '../model/support.js';
import { checkInValue, finiteNumber, oneKeyResult } from './support/one-key-result.js';

function keyResultValues(plan: Plan) {
  plan.index.refresh(T0);
  const id = [...plan.index.walk()].find((node) => plan.index.node(node)!.kind === 'key_result')!;
  const node = plan.index.node(id)!;
  return { start: node.fields.start, target: node.fields.target, value: node.value };
}

describe('numbers in the CSV export', () => {
  it('a plan exported as CSV imports back with the same start, target and current, for any finite number', () => {
    fc.assert(fc.property(finiteNumber, finiteNumber, checkInValue, (start, target, current) => {
      fc.pre(start !== target && Math.abs(current) <= checkInValueLimit({ fields: { start, target } }));
      const plan = oneKeyResult(start, target, current);
      const read = readCsv(new TextEncoder().encode(exportPlanCsv(plan)));
      if (!read.ok) throw new Error(read.problem.message);
      const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused' });
      expect(preview.problems).toEqual([]);
      const { plan: copy } = newPlan({ prefix: 'c' });
      expect(applyImport(copy, preview, { now: T0 }).ok).toBe(true);
      expect(keyResultValues(copy)).toEqual(keyResultValues(plan));
    }), { numRuns: 60, examples: [[1e-7, 1e12, -1.5e-300], [0, 999_999_999_999.9999, -Number.MIN_VALUE]] });
  });

  it('writes plain decimal notation that reads back to the same number', () => {
    expect([1e-7, 1e21, -1.2345e-7, 1.5e25, 123.45, -0.5].map(plainDecimal)).toEqual(['0.0000001', '1000000000000000000000', '-0.00000012345', '15000000000000000000000000', '123.45', '-0.5']);
    fc.assert(fc.property(finiteNumber, (value) => {
      expect(readNumber(plainDecimal(value), 'dot')).toEqual({ ok: true, value: { value, unit: null, outOf: null } });
    }), { numRuns: 500 });
  });
});
