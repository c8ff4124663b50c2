// Figures a leadership team's own evidence must never contradict (review39b F1, F2): a "stay within range" key
// result outside its range is a breach, whatever share of its period has elapsed, and never judged by pace; a
// forecast is drawn from the start value at the period start and check-ins spanning days, never steeper than the
// values themselves, and printed as every other figure is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, ROOT_ID, WEEK_MS, datedInFuture, type CheckIn, type Signal } from '../../../shared/model/index.js';
import { FORECAST_MIN_SPAN_DAYS, FORECAST_MIN_SPAN_SHARE, forecastPoints, forecastProjection, forecastSignal } from '../../../shared/model/signals.js';
import { DAY, newPlan, nodeId } from './support.js';

const at = (iso: string) => Date.parse(iso);
/** A check-in with a value, as the model stores it. */
const valueAt = (id: string, when: number, value: number): CheckIn => ({ id, nodeId: 'kr', at: when, by: 'ben', value, confidence: null, status: null, blocker: false, note: '' });
const kinds = (signals: readonly Signal[]) => signals.map((signal) => signal.kind);

/** The review's plan: a period, a strategy and objective, and a key result in it. */
function offsitePlan(time: number) {
  const { plan, ctx } = newPlan({ time });
  const fy = plan.addPeriod({ name: 'FY2027', start: '2026-12-01', end: '2027-11-30' });
  const q4 = plan.addPeriod({ name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow in Europe' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win the DACH market' });
  return { plan, ctx, fy, q4, strategy, objective };
}

describe('a "stay within range" key result (review39b F1)', () => {
  it('12 % against 5–10 % early in its period is an off-track breach naming the range, not "On track" by pace (repro rg2)', () => {
    const { plan, fy, objective, strategy } = offsitePlan(at('2026-12-07T10:00:00Z'));
    const kr = plan.createNode({ kind: 'key_result', parent: objective, title: 'Employee turnover', direction: 'range', unit: '%', rangeLow: 5, rangeHigh: 10, period: fy });
    plan.addCheckIn(kr, { value: 12, note: 'Turnover spiked' });
    plan.index.refresh(at('2026-12-07T10:05:00Z'));
    const view = plan.index.node(kr)!;
    expect(kinds(view.signals)).toContain('range_breach');
    expect(kinds(view.signals)).not.toContain('pace');
    const breach = view.signals.find((signal) => signal.kind === 'range_breach')!;
    expect(breach).toMatchObject({ severity: 'off_track', since: at('2026-12-07T10:00:00Z'), evidence: { value: 12, rangeLow: 5, rangeHigh: 10 } });
    expect(breach.message).toBe('Value 12 % is outside the range 5–10 %');
    expect(view.health).toBe('off_track');
    expect(plan.index.node(strategy)!.health).toBe('off_track');
    // Back inside: no breach, and no pace sentence about a metric with nothing to get done.
    plan.addCheckIn(kr, { value: 8, at: at('2026-12-07T10:06:00Z') });
    plan.index.refresh(at('2026-12-07T10:07:00Z'));
    expect(kinds(plan.index.node(kr)!.signals)).not.toContain('range_breach');
    expect(kinds(plan.index.node(kr)!.signals)).not.toContain('pace');
    expect(plan.index.node(kr)!.health).toBe('on_track');
  });

  it('late in its period, the same value is a breach too, never "60% done where 73%" (repro rg1)', () => {
    const { plan, q4, objective } = offsitePlan(at('2026-12-07T10:00:00Z'));
    const kr = plan.createNode({ kind: 'key_result', parent: objective, title: 'Employee turnover', direction: 'range', unit: '%', rangeLow: 5, rangeHigh: 10, period: q4 });
    plan.addCheckIn(kr, { value: 12 });
    plan.index.refresh(at('2026-12-07T12:00:00Z'));
    const signals = plan.index.node(kr)!.signals;
    expect(kinds(signals)).toContain('range_breach');
    expect(signals.some((signal) => / done where /.test(signal.message))).toBe(false);
  });

  it('with no check-in yet, a start value outside the range is a breach on every day of the period, never "on track" (review40a F2, repro range-start)', () => {
    for (const day of ['2026-10-02', '2026-11-20', '2026-12-25']) {
      const created = at('2026-10-01T09:00:00Z');
      const { plan, q4, objective } = offsitePlan(created);
      const kr = plan.createNode({ kind: 'key_result', parent: objective, title: 'Turnover', direction: 'range', unit: '%', start: 12, rangeLow: 5, rangeHigh: 10, period: q4 });
      plan.index.refresh(at(`${day}T12:00:00Z`));
      const view = plan.index.node(kr)!;
      expect(view.progress).toBe(0.6);
      expect(view.health).toBe('off_track');
      const breach = view.signals.find((signal) => signal.kind === 'range_breach');
      expect(breach).toMatchObject({ severity: 'off_track', since: created, evidence: { value: 12, rangeLow: 5, rangeHigh: 10 } });
      expect(breach!.message).toBe('Start value 12 % is outside the range 5–10 % (no value checked in yet)');
      expect(kinds(view.signals)).not.toContain('pace');
    }
  });

  it('the start value\'s breach dates from when the start or range was set, and goes with the first value checked in inside the range', () => {
    const { plan, ctx, q4, objective } = offsitePlan(at('2026-10-01T09:00:00Z'));
    const kr = plan.createNode({ kind: 'key_result', parent: objective, title: 'Turnover', direction: 'range', unit: '%', start: 8, rangeLow: 5, rangeHigh: 10, period: q4 });
    plan.index.refresh(ctx.time);
    expect(kinds(plan.index.node(kr)!.signals)).not.toContain('range_breach');
    ctx.time = at('2026-10-05T09:00:00Z');
    plan.updateNode(kr, { start: 3 });
    plan.index.refresh(at('2026-10-06T09:00:00Z'));
    expect(plan.index.node(kr)!.signals.find((signal) => signal.kind === 'range_breach')).toMatchObject({ since: at('2026-10-05T09:00:00Z'), evidence: { value: 3 } });
    ctx.time = at('2026-10-07T09:00:00Z');
    plan.addCheckIn(kr, { value: 7 });
    plan.index.refresh(ctx.time);
    expect(kinds(plan.index.node(kr)!.signals)).not.toContain('range_breach');
    expect(plan.index.node(kr)!.health).toBe('on_track');
  });

  it('property: a range key result\'s value (its latest checked in, else its start) outside its range always yields a breach and never "on track"; inside it, no breach and no pace sentence, whatever share of the period has elapsed', () => {
    fc.assert(fc.property(
      fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 500 }),
      fc.option(fc.integer({ min: -2000, max: 2000 }), { nil: undefined }),
      fc.array(fc.integer({ min: -2000, max: 2000 }), { minLength: 0, maxLength: 5 }),
      fc.integer({ min: 0, max: 364 }),
      (low, width, start, values, dayOfPeriod) => {
        const { plan, ctx, fy, objective } = offsitePlan(at('2026-12-01T00:00:00Z') + dayOfPeriod * DAY);
        const kr = plan.createNode({ kind: 'key_result', parent: objective, title: 'Metric', direction: 'range', rangeLow: low, rangeHigh: low + width, period: fy, ...(start === undefined ? {} : { start }) });
        for (const value of values) { plan.addCheckIn(kr, { value }); ctx.time += 60_000; }
        plan.index.refresh(ctx.time);
        const view = plan.index.node(kr)!;
        const latest = values.length > 0 ? values[values.length - 1]! : start;
        const outside = latest !== undefined && (latest < low || latest > low + width);
        expect(kinds(view.signals)).not.toContain('pace');
        // The row's figure says the same: 100% inside, less outside, none without a value.
        expect(view.progress === null ? null : view.progress === 1).toBe(latest === undefined ? null : !outside);
        if (outside) {
          expect(kinds(view.signals)).toContain('range_breach');
          expect(view.health).toBe('off_track');
        } else {
          expect(kinds(view.signals)).not.toContain('range_breach');
        }
      },
    ), { numRuns: 150 });
  });
});

describe('an honest forecast (review39b F2)', () => {
  it('a value and its correction three minutes apart project from the start at the period start, grouped, never −13,002,881,500 € (repro fc1)', () => {
    const { plan, ctx, q4, objective } = offsitePlan(at('2026-12-07T10:00:00Z'));
    const kr = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue from DACH', start: 0, target: 10_000_000, unit: '€', direction: 'increase', period: q4 });
    plan.addCheckIn(kr, { value: 6_000_000 });
    ctx.time += 3 * 60_000;
    plan.addCheckIn(kr, { value: 5_000_000, note: 'A deal was reversed' });
    plan.index.refresh(ctx.time);
    const forecast = plan.index.node(kr)!.signals.find((signal) => signal.kind === 'forecast');
    expect(forecast).toBeDefined();
    // The line from 0 on Oct 1 through about 5.5 M€ on Dec 7 reaches about 7.4 M€ by Dec 31: a miss, in figures
    // between the start and the target, grouped as the check-in history writes them.
    expect(forecast!.evidence.projected).toBeGreaterThan(5_000_000);
    expect(forecast!.evidence.projected).toBeLessThan(10_000_000);
    expect(forecast!.message).toMatch(/^Trend projects \d,\d{3},\d{3} € by 2026-12-31, missing the target 10,000,000 €$/);
  });

  it('no forecast from points spanning less than a tenth of the period or a week: a key result without a start, checked in minutes apart', () => {
    const window = { start: at('2026-10-01T00:00:00Z'), end: at('2027-01-01T00:00:00Z') };
    const now = at('2026-12-07T10:03:00Z');
    const checkIns = [
      valueAt('a', at('2026-12-07T10:00:00Z'), 6_000_000),
      valueAt('b', now, 5_000_000),
    ];
    expect(forecastSignal(nodeId('kr'), { target: 10_000_000, unit: '€', direction: 'increase' }, checkIns, window, 0.5, { now, settings: DEFAULT_SETTINGS })).toBeNull();
  });

  it('property: a forecast is drawn only over points spanning the least share and days, and never projects further from its values than their range at the steepest straight path they show', () => {
    const window = { start: at('2027-01-01T00:00:00Z'), end: at('2027-04-01T00:00:00Z') };
    const length = window.end - window.start;
    fc.assert(fc.property(
      fc.option(fc.integer({ min: -1_000_000, max: 1_000_000 }), { nil: undefined }),
      fc.array(fc.record({ at: fc.integer({ min: 0, max: length - 1 }), value: fc.integer({ min: -10_000_000, max: 10_000_000 }) }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: length - 1 }),
      (start, raw, nowOffset) => {
        const now = window.start + nowOffset;
        const checkIns = raw.map((point, i) => valueAt(`c${i}`, window.start + point.at, point.value));
        checkIns.sort((a, b) => a.at - b.at);
        const fields = { start, target: 20_000_000, direction: 'increase' as const };
        const found = forecastPoints(fields, checkIns, window, now);
        // Up to now short of being dated in the future (leftovers40: one made inside the clock's current step counts).
        const used = checkIns.filter((checkIn) => !datedInFuture(checkIn, now));
        const xs = [...(start === undefined ? [] : [window.start]), ...used.map((checkIn) => checkIn.at)];
        const span = xs.length === 0 ? 0 : Math.max(...xs) - Math.min(...xs);
        if (used.length === 0 || span < Math.max(FORECAST_MIN_SPAN_SHARE * length, FORECAST_MIN_SPAN_DAYS * DAY)) {
          expect(found).toBeNull();
          expect(forecastSignal(nodeId('kr'), fields, checkIns, window, 0, { now, settings: DEFAULT_SETTINGS })).toBeNull();
          return;
        }
        expect(found).not.toBeNull();
        const ys = found!.points.map((point) => point.y);
        const meanX = found!.points.reduce((sum, point) => sum + point.x, 0) / found!.points.length;
        const range = Math.max(...ys) - Math.min(...ys);
        const endX = length / WEEK_MS;
        const reach = range * Math.abs(endX - meanX) / (span / WEEK_MS);
        const { projected } = forecastProjection(found!.points, endX)!;
        const slack = 1e-6 * (1 + Math.abs(reach) + Math.max(...ys.map(Math.abs)));
        expect(projected).toBeGreaterThanOrEqual(Math.min(...ys) - reach - slack);
        expect(projected).toBeLessThanOrEqual(Math.max(...ys) + reach + slack);
        // review40b F6: a trend that rises never ends below the latest value (the one progress reads), nor one
        // that falls above it.
        const { slope } = forecastProjection(found!.points, endX)!;
        const latest = used.at(-1)!.value!;
        if (slope > 0) expect(projected).toBeGreaterThanOrEqual(latest - slack);
        if (slope < 0) expect(projected).toBeLessThanOrEqual(latest + slack);
      },
    ), { numRuns: 300 });
  });

  it('a rising key result that has just jumped to 9.2 M€ projects from there, never below it (review40b F6)', () => {
    // An 11-week period: 8.4 M€ at its start, five weeks of about the same, then 9.2 M€ in week 10.
    const window = { start: at('2027-01-04T00:00:00Z'), end: at('2027-03-22T00:00:00Z') };
    const week = 7 * DAY;
    const checkIns = [8.6, 8.5, 8.5, 8.6, 9.2].map((value, i) => valueAt(`c${i}`, window.start + (i + 1) * 2 * week, value));
    const now = window.start + 10 * week + DAY;
    const signal = forecastSignal(nodeId('kr'), { start: 8.4, target: 9.5, unit: 'M€', direction: 'increase' }, checkIns, window, 0.7, { now, settings: DEFAULT_SETTINGS });
    // The slope of the weeks is small and upward: 9.2 and a little more by the end, still a miss of 9.5 (the
    // line through the mean said 8.98 M€, below the value everyone sees).
    expect(signal?.evidence.slopePerWeek).toBeGreaterThan(0);
    expect(signal?.evidence.projected).toBeGreaterThan(9.2);
    expect(signal?.evidence.projected).toBeLessThan(9.5);
    expect(signal?.message).toMatch(/^Trend projects 9\.2\d* M€ by 2027-03-21, missing the target 9\.5 M€$/);
  });
});
