// review40a F7: a breach sentence printed its value with at most 12 decimals, so a value a hair outside read as
// the bound itself: "Value 0.1 % is outside the healthy range 0–0.1 %". Float noise past a bound (a spreadsheet's
// =0.1+0.2 is 0.30000000000000004) is now no breach at all, as a person expects of a value equal to its bound in
// decimal; a value outside by more prints with enough decimals to tell it from the bound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID } from '../../../shared/model/index.js';
import { figureText, kpiBreachSignal, rangeBreachSignal } from '../../../shared/model/signals.js';
import { keyResultProgress } from '../../../shared/model/rollups.js';
import type { CheckIn } from '../../../shared/model/checkins.js';
import { DAY, T0, newPlan, nodeId } from './support.js';

const checkIn = (value: number, when: number): CheckIn =>
  ({ id: `c${when}`, nodeId: 'kr', at: when, by: 'a', value, confidence: null, status: null, blocker: false, note: '' });

describe('breach figures (review40a F7)', () => {
  it('float noise past a bound is no breach, on the KPI and the range key result, and the row reads 100% (repro figure-digits)', () => {
    const { plan, ctx } = newPlan();
    const q = plan.addPeriod({ name: 'Q', start: '2027-01-01', end: '2027-06-30' });
    const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const o = plan.createNode({ kind: 'objective', parent: s, title: 'O', period: q });
    const kpi = plan.createNode({ kind: 'kpi', parent: o, title: 'Defect rate', unit: '%', healthyLow: 0, healthyHigh: 0.1 });
    const kr = plan.createNode({ kind: 'key_result', parent: o, title: 'Tolerance', direction: 'range', rangeLow: 0.5, rangeHigh: 0.6, unit: 'mm' });
    plan.addCheckIn(kpi, { value: 0.1000000000001 });
    plan.addCheckIn(kr, { value: 1e-13 + 0.6 });
    ctx.time += 60_000;
    plan.index.refresh(ctx.time);
    for (const id of [kpi, kr]) {
      expect(plan.index.node(id)!.signals.filter((signal) => signal.kind.endsWith('breach'))).toEqual([]);
      expect(plan.index.node(id)!.health).toBe('on_track');
    }
    expect(plan.index.node(kr)!.progress).toBe(1);
    // A spreadsheet's =0.1+0.2 against a healthy high of 0.3.
    expect(kpiBreachSignal(nodeId('kpi'), { healthyHigh: 0.3 }, [checkIn(0.1 + 0.2, T0)])).toBeNull();
  });

  it('a value outside by more than noise is a breach whose figure is not the bound\'s', () => {
    expect(kpiBreachSignal(nodeId('kpi'), { unit: '%', healthyLow: 0, healthyHigh: 0.1 }, [checkIn(0.1000001, T0)])?.message)
      .toBe('Value 0.1000001 % is outside the healthy range 0–0.1 %');
    expect(kpiBreachSignal(nodeId('kpi'), { unit: '%', healthyLow: 0, healthyHigh: 0.1 }, [checkIn(0.1000000000003, T0)])?.message)
      .toBe('Value 0.1000000000003 % is outside the healthy range 0–0.1 %');
    expect(rangeBreachSignal(nodeId('kr'), { unit: 'mm', direction: 'range', rangeLow: 0.5, rangeHigh: 0.6 }, [checkIn(0.4999999999997, T0)])?.message)
      .toBe('Value 0.4999999999997 mm is outside the range 0.5–0.6 mm');
    // Ten billion and one is not ten billion.
    expect(kpiBreachSignal(nodeId('kpi'), { unit: '€', healthyHigh: 10_000_000_000 }, [checkIn(10_000_000_001, T0)])?.message)
      .toBe('Value 10,000,000,001 € is outside the healthy range −∞–10,000,000,000 €');
  });

  it('property: a breach never prints its value as the figure of the bound it crossed, and a value within noise of a bound is never a breach', () => {
    const bound = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 1000), fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.constantFrom(0, 0.1, 0.3, 0.6, 1e-9));
    const offset = fc.oneof(fc.double({ min: -1e-6, max: 1e-6, noNaN: true }), fc.integer({ min: -20, max: 20 }).map((n) => n * 1e-13), fc.integer({ min: -20, max: 20 }).map((n) => n * 1e-16));
    fc.assert(fc.property(bound, offset, fc.boolean(), fc.constantFrom(undefined, '%', '€'), (b, d, above, unit) => {
      const value = b + d * Math.max(1, Math.abs(b));
      const signals = [
        kpiBreachSignal(nodeId('kpi'), above ? { unit, healthyHigh: b } : { unit, healthyLow: b }, [checkIn(value, T0 - DAY)]),
        rangeBreachSignal(nodeId('kr'), above ? { unit, direction: 'range', rangeLow: b - 1, rangeHigh: b } : { unit, direction: 'range', rangeLow: b, rangeHigh: b + 1 }, [checkIn(value, T0 - DAY)]),
      ];
      for (const signal of signals) {
        if (signal === null) continue;
        const shown = signal.message.match(/^Value (.*?) is outside/)![1]!;
        expect(shown).not.toBe(figureText(b, unit, 12));
        expect(Math.abs(value - b)).toBeGreaterThan(1e-14 * Math.max(1, Math.abs(b)));
      }
      // Noise of a few parts in 10^16 is never a breach, and a range key result there is 100% on its row.
      if (Math.abs(d) <= 1e-15) {
        expect(signals).toEqual([null, null]);
        expect(keyResultProgress({ direction: 'range', rangeLow: above ? b - 1 : b, rangeHigh: above ? b : b + 1 }, value)).toBe(1);
      }
    }), { numRuns: 1000 });
  });
});
