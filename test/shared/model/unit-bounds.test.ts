// review45a: impossible and implausible metric values. An NPS key result took a target and a check-in of
// 12,000 and a % key result a target of 1e308 without a word; a forecast of a falling NPS printed a score
// below −100. What a unit makes impossible is refused, naming the bounds, and nothing saved changes; what
// it makes implausible (a share below 0 % or above 100 %) is taken and warned about (unit-bounds.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_SETTINGS, ROOT_ID, isPlanError, keyResultProgress, metricContextOf, metricValueProblem, metricValueWarning, openPlan, type CheckIn, type Plan } from '../../../shared/model/index.js';
import { forecastSignal, kpiBreachSignal } from '../../../shared/model/signals.js';
import { DAY, T0, TestContext, newPlan, nodeId } from './support.js';

function npsKeyResult(plan: Plan) {
  const period = plan.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Customers' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Loved', period });
  return plan.createNode({ kind: 'key_result', parent: objective, title: 'NPS', start: 20, target: 50, unit: 'NPS', direction: 'increase' });
}

function refusal(write: () => unknown): string {
  try { write(); } catch (error) { if (isPlanError(error)) return error.message; throw error; }
  throw new Error('not refused');
}

describe('a value its unit makes impossible is refused, and nothing saved changes', () => {
  it('an NPS target or check-in of 12,000, a % target of 1e308', () => {
    const { plan } = newPlan();
    const kr = npsKeyResult(plan);
    expect(refusal(() => plan.updateNode(kr, { target: 12_000 }))).toBe('the target value 12000 is impossible for a Net Promoter Score, which lies between −100 and 100');
    expect(refusal(() => plan.updateNode(kr, { start: -101 }))).toBe('the start value −101 is impossible for a Net Promoter Score, which lies between −100 and 100');
    expect(refusal(() => plan.addCheckIn(kr, { value: 12_000 }))).toBe("the check-in's value 12000 is impossible for a Net Promoter Score, which lies between −100 and 100");
    plan.index.refresh(plan.index.now);
    expect(plan.index.node(kr)!.fields).toMatchObject({ start: 20, target: 50, unit: 'NPS' });
    expect(plan.index.checkIns(kr)).toHaveLength(0);
    // The bounds themselves are scores.
    plan.updateNode(kr, { start: -100, target: 100 });
    plan.addCheckIn(kr, { value: 100 });

    plan.updateNode(kr, { unit: '%', start: 0, target: 10 });
    expect(refusal(() => plan.updateNode(kr, { target: 1e308 }))).toBe('the target value 1e+308 is beyond what any metric measures (at most ±1,000,000,000,000,000)');
    plan.index.refresh(plan.index.now);
    expect(plan.index.node(kr)!.fields.target).toBe(10);
  });

  it('a unit that the saved bounds cannot have is refused, naming the bound', () => {
    const { plan } = newPlan();
    const kr = npsKeyResult(plan);
    plan.updateNode(kr, { unit: 'points', target: 400 });
    expect(refusal(() => plan.updateNode(kr, { unit: 'nps' }))).toBe('the unit "nps" cannot be set: the target value 400 is impossible for a Net Promoter Score, which lies between −100 and 100');
    plan.index.refresh(plan.index.now);
    expect(plan.index.node(kr)!.fields.unit).toBe('points');
  });

  it('a share below 0 % or above 100 % is taken, with a warning; a growth rate is no share, so only warned', () => {
    const { plan } = newPlan();
    const kr = npsKeyResult(plan);
    plan.updateNode(kr, { unit: '%', start: 5, target: 2, direction: 'decrease' });
    plan.addCheckIn(kr, { value: -1 });
    expect(plan.index.checkIns(kr)).toHaveLength(1);
    expect(metricValueWarning(-1, '%')).toBe('−1 % is below 0 %: a share (churn, conversion, uptime) cannot be negative; only a change can. Check the value.');
    expect(metricValueWarning(12_000, '%')).toMatch(/^12000 % is above 100 %/);
    expect(metricValueWarning(50, '%')).toBeNull();
    expect(metricValueWarning(-3, '€')).toBeNull();
    expect(metricValueWarning(-2, '×')).toMatch(/^−2 × is below 0/);
    expect(metricValueProblem(-1, '%', 'the value')).toBeNull();
  });

  it('a percent metric whose own figures lie beyond 0…100 % is no share: none of its values is warned about; a share\'s still are', () => {
    const { plan } = newPlan();
    const kr = npsKeyResult(plan);
    plan.updateNode(kr, { unit: '%', start: 104, target: 115 });
    plan.index.refresh(Date.now());
    const fields = plan.index.node(kr)!.fields;
    expect(metricValueWarning(115, '%', undefined, metricContextOf(fields, 'target'))).toBeNull();
    expect(metricValueWarning(118, '%', undefined, metricContextOf(fields, null))).toBeNull();
    // Churn from 9 to 6 %: a check-in of −1 % is still implausible.
    expect(metricValueWarning(-1, '%', undefined, metricContextOf({ start: 9, target: 6 }, null))).toMatch(/^−1 % is below 0 %/);
    // The field's own value is not its own evidence: a lone target of 150 % beside a start of 0 is warned.
    expect(metricValueWarning(150, '%', undefined, metricContextOf({ start: 0, target: 150 }, 'target'))).toMatch(/^150 % is above 100 %/);
  });
});

describe('values arriving from another person', () => {
  it('a target of 12,000 merged into an NPS key result is shown and measured within its bounds, never breaking a view', () => {
    const a = newPlan({ actor: 'ada', prefix: 'a' });
    const kr = npsKeyResult(a.plan);
    const docB = new Y.Doc();
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.doc));
    const planB = openPlan(docB, new TestContext(T0, 'ben', 'b'));
    // Ada makes it an NPS (it already is: she re-types it) while Ben, offline, whose copy said "points", sets 12,000.
    planB.updateNode(kr, { unit: 'points' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(docB));
    const afterPoints = Y.encodeStateVector(docB);
    planB.updateNode(kr, { target: 12_000 });
    a.plan.updateNode(kr, { unit: 'NPS' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(docB, Y.encodeStateVector(a.doc)));
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.doc, afterPoints));
    for (const plan of [a.plan, planB]) {
      plan.index.refresh(plan.index.now);
      const view = plan.index.node(kr)!;
      expect(view.fields).toMatchObject({ unit: 'NPS', target: 12_000 });
      expect(view.progress).toBe(0);
      // Shown with what is wrong, in the words the detail panel puts under the field.
      expect(metricValueWarning(view.fields.target!, view.fields.unit)).toBe('12000 NPS is impossible for a Net Promoter Score, which lies between −100 and 100: set it again.');
      // Another field, or the start, can still be edited; the target can be set right.
      plan.updateNode(kr, { start: 10 });
      expect(refusal(() => plan.updateNode(kr, { target: 12_001 }))).toMatch(/^the target value 12001 is impossible/);
      plan.updateNode(kr, { target: 60 });
    }
  });
});

describe('a forecast never projects a value its unit cannot have', () => {
  const window = { start: Date.UTC(2027, 0, 1), end: Date.UTC(2027, 3, 1) };
  const checkIn = (value: number, at: number): CheckIn => ({ id: `c${at}`, nodeId: 'kr', at, by: 'a', value, confidence: null, status: null, blocker: false, note: '' });

  it('a falling NPS is projected to −100 at the lowest, not below', () => {
    const now = Date.UTC(2027, 1, 15);
    const checkIns = [checkIn(10, Date.UTC(2027, 0, 20)), checkIn(-40, Date.UTC(2027, 1, 1)), checkIn(-90, now - DAY)];
    const signal = forecastSignal(nodeId('kr'), { start: 30, target: 60, unit: 'NPS', direction: 'increase' }, checkIns, window, 0, { now, settings: DEFAULT_SETTINGS });
    expect(signal?.message).toBe('Trend projects -100 NPS by 2027-03-31, missing the target 60 NPS');
    expect(signal?.evidence.projected).toBe(-100);
  });

  // The invariant a leader relies on: whatever values arrive, no figure a key result or KPI shows is NaN,
  // Infinity or beyond what its unit can be: progress within 0–1, a forecast's projection finite and within
  // the unit's bounds (an NPS within −100…100), and no signal's words holding "NaN" or "Infinity".
  it('property: progress, forecast and breach figures stay finite and within the unit', () => {
    const unitArb = fc.constantFrom('NPS', '%', '€', '', '×');
    const anyValue = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });
    const bounded = (unit: string, value: number) => (unit === 'NPS' ? Math.max(-100, Math.min(100, value)) : value);
    fc.assert(fc.property(unitArb, anyValue, anyValue, fc.constantFrom('increase', 'decrease', undefined), fc.array(fc.tuple(anyValue, fc.integer({ min: 0, max: 89 })), { minLength: 1, maxLength: 8 }),
      (unit, start, target, direction, values) => {
        const fields = { unit, start: bounded(unit, start), target: bounded(unit, target), direction, healthyLow: bounded(unit, Math.min(start, target)), healthyHigh: bounded(unit, Math.max(start, target)) } as const;
        const checkIns = values.map(([value, day]) => checkIn(bounded(unit, value), window.start + day * DAY + 1)).sort((x, y) => x.at - y.at);
        const now = window.start + 89 * DAY + 2;
        const progress = keyResultProgress(fields, checkIns.at(-1)!.value);
        if (progress !== null) { expect(Number.isFinite(progress)).toBe(true); expect(progress).toBeGreaterThanOrEqual(0); expect(progress).toBeLessThanOrEqual(1); }
        const forecast = forecastSignal(nodeId('kr'), fields, checkIns, window, progress, { now, settings: DEFAULT_SETTINGS });
        const breach = kpiBreachSignal(nodeId('kpi'), fields, checkIns);
        for (const signal of [forecast, breach]) if (signal) expect(signal.message).not.toMatch(/NaN|Infinity/);
        if (forecast) {
          expect(Number.isFinite(forecast.evidence.projected)).toBe(true);
          if (unit === 'NPS') { expect(forecast.evidence.projected).toBeGreaterThanOrEqual(-100); expect(forecast.evidence.projected).toBeLessThanOrEqual(100); }
        }
      }), { numRuns: 400 });
  });
});

describe('what the metric\'s own record says (leftovers46a)', () => {
  it('a mistaken target of 500 % on a churn of 5 % is warned about and does not silence the check-ins\' warnings; two figures beyond 0…100 % still do', () => {
    const churn = { start: 5, target: 500 };
    expect(metricValueWarning(500, '%', undefined, metricContextOf(churn, 'target'))).toMatch(/^500 % is above 100 %/);
    // Before, the target's 500 made every check-in plausible: −1 % and 120 % passed without a word.
    expect(metricValueWarning(-1, '%', undefined, metricContextOf(churn, null))).toMatch(/^−1 % is below 0 %/);
    expect(metricValueWarning(120, '%', undefined, metricContextOf(churn, null))).toMatch(/^120 % is above 100 %/);
    // Net revenue retention from 104 to 115 %: no share, nothing warned.
    expect(metricValueWarning(121, '%', undefined, metricContextOf({ start: 104, target: 115 }, null))).toBeNull();
    expect(metricValueWarning(104, '%', undefined, metricContextOf({ start: 104, target: 115 }, 'start'))).toBeNull();
  });

  it('a negative value on a metric whose start, target and check-ins were all 0 or more is warned about, in any unit; one that went below 0 before is not', () => {
    const customers = { start: 120, target: 200 };
    expect(metricValueWarning(-3, 'customers', undefined, metricContextOf(customers, null, [130, 141]))).toBe('−3 customers is below 0, while this metric\'s start, target and every value checked in so far are 0 or more; a count cannot be negative. Check the value.');
    expect(metricValueWarning(-5, 'tickets', undefined, metricContextOf({ start: 40, target: 10 }, 'target'))).toMatch(/^−5 tickets is below 0, while this metric's start and target are 0 or more/);
    expect(metricValueWarning(3, 'customers', undefined, metricContextOf(customers, null, [130]))).toBeNull();
    // A profit that was below 0 already, or a loss planned from the start: its record says it can go below.
    expect(metricValueWarning(-20_000, '€', undefined, metricContextOf({ start: 0, target: 100_000 }, null, [5_000, -1_000]))).toBeNull();
    expect(metricValueWarning(-20_000, '€', undefined, metricContextOf({ start: -50_000, target: 0 }, null))).toBeNull();
    // Nothing to go by (a KPI with no range yet): nothing said.
    expect(metricValueWarning(-3, 'customers', undefined, metricContextOf({}, null))).toBeNull();
  });

  it('property: in a unit the rule cannot read, a negative value is warned about exactly when the metric\'s figures (two or more) and check-ins were all 0 or more', () => {
    const figure = fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: undefined });
    fc.assert(fc.property(
      fc.record({ start: figure, target: figure, rangeLow: figure, healthyHigh: figure }),
      fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 5 }),
      fc.integer({ min: -1000, max: 1000 }),
      fc.constantFrom('customers', '€', 'tickets', ''),
      (fields, checkIns, value, unit) => {
        const figures = Object.values(fields).filter((one): one is number => one !== undefined);
        const expected = value < 0 && figures.length >= 2 && figures.every((one) => one >= 0) && checkIns.every((one) => one >= 0);
        expect(metricValueWarning(value, unit, undefined, metricContextOf(fields, null, checkIns)) !== null).toBe(expected);
      },
    ), { numRuns: 300 });
  });

  it('property: a percent metric with at most one figure beyond 0…100 % warns about every check-in beyond it', () => {
    const share = fc.integer({ min: 0, max: 100 });
    fc.assert(fc.property(share, fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (start, target, value) => {
      const outside = value < 0 || value > 100;
      expect(metricValueWarning(value, '%', undefined, metricContextOf({ start, target }, null)) !== null).toBe(outside);
    }), { numRuns: 300 });
  });
});
