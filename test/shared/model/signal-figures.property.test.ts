// polish39: signal sentences print figures grouped, as the forecast does since fix39b (figureText): a KPI
// breach read "Value 12000000 € is outside the healthy range 0–10000000 €", crossed bounds "The target
// 10000000 € is below the start 20000000 €". Property: for values of 10,000 and more, no signal text
// holds a run of five or more digits without a group separator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossedBoundsSignal, kpiBreachSignal, rangeBreachSignal } from '../../../shared/model/signals.js';
import type { CheckIn } from '../../../shared/model/checkins.js';
import { DAY, T0, nodeId } from './support.js';

const checkIn = (value: number, when: number): CheckIn =>
  ({ id: `c${when}`, nodeId: 'kr', at: when, by: 'a', value, confidence: null, status: null, blocker: false, note: '' });
/** Figures of 10,000 and more, whole or with up to two decimals (as people type money and counts). */
const big = fc.tuple(fc.integer({ min: 10_000, max: 9_000_000_000_000 }), fc.integer({ min: 0, max: 99 }), fc.boolean())
  .map(([whole, cents, withCents]) => (withCents ? whole + cents / 100 : whole));
const unit = fc.constantFrom(undefined, '€', '%', 'users');
const ungrouped = /\d{5,}/;

describe('signal figures are grouped', () => {
  it('KPI breach, range breach and the four crossed bounds never print five digits in a row', () => {
    fc.assert(fc.property(big, big, big, unit, (a, b, c, u) => {
      const [low, mid, high] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
      const texts: (string | undefined)[] = [];
      if (low < high) {
        texts.push(kpiBreachSignal(nodeId('kpi'), { unit: u, healthyLow: mid, healthyHigh: high }, [checkIn(low < mid ? low : high + 1, T0 - DAY)])?.message);
        texts.push(kpiBreachSignal(nodeId('kpi'), { unit: u, healthyHigh: low }, [checkIn(high, T0 - DAY)])?.message);
        texts.push(rangeBreachSignal(nodeId('kr'), { unit: u, direction: 'range', rangeLow: low, rangeHigh: mid }, [checkIn(high + 1, T0 - DAY)])?.message);
        texts.push(crossedBoundsSignal(nodeId('kpi'), 'kpi', { unit: u, healthyLow: high, healthyHigh: low }, T0)?.message);
        texts.push(crossedBoundsSignal(nodeId('kr'), 'key_result', { unit: u, direction: 'range', rangeLow: high, rangeHigh: low }, T0)?.message);
        texts.push(crossedBoundsSignal(nodeId('kr'), 'key_result', { unit: u, direction: 'increase', start: high, target: low }, T0)?.message);
        texts.push(crossedBoundsSignal(nodeId('kr'), 'key_result', { unit: u, direction: 'decrease', start: low, target: high }, T0)?.message);
      }
      for (const text of texts) {
        expect(text).toBeDefined();
        expect(text).not.toMatch(ungrouped);
      }
    }), { numRuns: 300 });
  });

  it('the review\'s cases read grouped', () => {
    expect(kpiBreachSignal(nodeId('kpi'), { unit: '€', healthyLow: 0, healthyHigh: 10_000_000 }, [checkIn(12_000_000, T0 - DAY)])?.message)
      .toBe('Value 12,000,000 € is outside the healthy range 0–10,000,000 €');
    expect(crossedBoundsSignal(nodeId('kr'), 'key_result', { unit: '€', direction: 'increase', start: 20_000_000, target: 10_000_000 }, T0)?.message)
      .toBe('The target 10,000,000 € is below the start 20,000,000 € of an increasing key result, so its progress cannot be measured: set the start, target or direction again');
    expect(kpiBreachSignal(nodeId('kpi'), { unit: '%', healthyLow: 10 }, [checkIn(7, T0 - DAY)])?.message).toBe('Value 7 % is outside the healthy range 10–∞ %');
  });
});
