// Signal thresholds at their exact edges. The values below are computed in floating point, so a gap
// that is exactly a threshold in decimal can land a hair on the wrong side (0.3 − 0.4 is
// −0.10000000000000003): every comparison must treat such a value as the threshold itself.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, ROOT_ID, type Signal } from '../../../shared/model/index.js';
import { slowdownSignal } from '../../../shared/model/signals.js';
import { DAY, T0, newPlan, signalKinds, smallCascade, nodeId } from './support.js';

const at = (iso: string) => Date.parse(iso);
function find<K extends Signal['kind']>(signals: readonly Signal[], kind: K): Extract<Signal, { kind: K }> | undefined {
  return signals.find((signal): signal is Extract<Signal, { kind: K }> => signal.kind === kind);
}

describe('pace at the thresholds (SPEC: on track ≥ −0.10 > at risk ≥ −0.25 > off track)', () => {
  // Q1 2027 has 90 days; on 6 February 36 of them (0.4) have elapsed.
  const feb6 = at('2027-02-06T00:00:00Z');

  it('a gap of exactly −0.10 (0.3 done where 0.4 elapsed) is on track', () => {
    const { plan } = newPlan({ time: feb6 });
    const { keyResult, objective } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 30 });
    plan.index.refresh(feb6);
    expect(signalKinds(plan.index, keyResult)).not.toContain('pace');
    expect(signalKinds(plan.index, objective)).not.toContain('pace');
  });

  it('a gap just past −0.10 is at risk', () => {
    const { plan } = newPlan({ time: feb6 });
    const { keyResult } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 29 });
    plan.index.refresh(feb6);
    expect(find(plan.index.node(keyResult)!.signals, 'pace')).toMatchObject({ severity: 'at_risk', evidence: { gap: -0.11 } });
  });

  it('a gap of exactly −0.25 is at risk, not off track; just past it is off track', () => {
    // A 20-day period on its 12th morning: 11/20 = 0.55 elapsed; 0.3 − 0.55 is −0.25000000000000006.
    const { plan } = newPlan({ time: at('2027-01-12T00:00:00Z') });
    const period = plan.addPeriod({ name: 'Sprint', start: '2027-01-01', end: '2027-01-20' });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O', period });
    const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'KR', start: 0, target: 100 });
    plan.addCheckIn(keyResult, { value: 30 });
    plan.index.refresh(at('2027-01-12T00:00:00Z'));
    expect(find(plan.index.node(keyResult)!.signals, 'pace')).toMatchObject({ severity: 'at_risk', evidence: { gap: -0.25 } });
    plan.addCheckIn(keyResult, { value: 29 });
    plan.index.refresh(at('2027-01-12T00:00:00Z'));
    expect(find(plan.index.node(keyResult)!.signals, 'pace')).toMatchObject({ severity: 'off_track' });
  });
});

describe('other thresholds at their edges', () => {
  it('forecast: check-ins exactly on the line to the target predict no miss', () => {
    // 10 after 9 days and 20 after 18 of a 90-day period: the trend reaches exactly 100 at the end
    // (computed as 99.99999999999999).
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 10, at: at('2027-01-10T00:00:00Z') });
    plan.addCheckIn(keyResult, { value: 20, at: at('2027-01-19T00:00:00Z') });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, keyResult)).not.toContain('forecast');
    plan.addCheckIn(keyResult, { value: 19.9, at: at('2027-01-19T00:00:01Z') });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, keyResult)).toContain('forecast');
  });

  it('confidence drop: a fall of exactly 3 points (4.1 → 1.1) counts; 2.9 does not', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.addCheckIn(keyResult, { confidence: 4.1, at: T0 - 2 * DAY });
    plan.addCheckIn(keyResult, { confidence: 1.1, at: T0 - DAY });
    plan.index.refresh(T0);
    expect(find(plan.index.node(keyResult)!.signals, 'confidence_drop')).toMatchObject({ evidence: { from: 4.1, to: 1.1 } });
    plan.addCheckIn(keyResult, { confidence: 4.1, at: T0 - DAY / 2 });
    plan.addCheckIn(keyResult, { confidence: 1.2 });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, keyResult)).not.toContain('confidence_drop');
  });

  it('KPI breach: a value exactly at either bound is healthy', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    const kpi = plan.createNode({ kind: 'kpi', parent: keyResult, title: 'Churn', healthyLow: 0.1, healthyHigh: 0.3 });
    for (const [i, [value, breach]] of ([[0.3, false], [0.1, false], [0.30001, true], [0.09999, true]] as const).entries()) {
      plan.addCheckIn(kpi, { value, at: T0 - (10 - i) * DAY });
      plan.index.refresh(T0);
      expect(signalKinds(plan.index, kpi).includes('kpi_breach'), `value ${value}`).toBe(breach);
    }
  });

  it('blocked: exactly the cadence is not yet longer than it, also for a fractional cadence', () => {
    // 2.3 days is 198,720,000 ms, computed as 198,719,999.99999997.
    const cadence = 198_720_000;
    const { plan } = newPlan();
    const { task } = smallCascade(plan);
    plan.updateSettings({ cadenceDays: 2.3 });
    plan.updateNode(task, { status: 'blocked', blockedSince: T0 - cadence });
    plan.index.refresh(T0);
    expect(find(plan.index.node(task)!.signals, 'blocked')).toMatchObject({ severity: 'at_risk' });
    plan.index.refresh(T0 + 1);
    expect(find(plan.index.node(task)!.signals, 'blocked')).toMatchObject({ severity: 'off_track' });
  });

  // Stale counts the plan's calendar days, the days its words say (usercheck10): a cadence of 2.3 days
  // is passed on the third day, from that day's midnight.
  it('stale: exactly the cadence in calendar days is not yet longer than it; a fractional cadence is passed on the next whole day', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.updateSettings({ cadenceDays: 2.3 });
    plan.addCheckIn(keyResult, { value: 70, at: T0 - 2 * DAY }); // T0 is 12:00 UTC
    plan.index.refresh(T0 + 11.99 * 3_600_000);
    expect(signalKinds(plan.index, keyResult)).not.toContain('stale');
    plan.index.refresh(T0 + 12 * 3_600_000);
    expect(find(plan.index.node(keyResult)!.signals, 'stale')).toMatchObject({ since: T0 + 12 * 3_600_000, message: 'No check-in for 3 days (cadence 2.3 days)' });
  });

  it('effort without impact: key results that moved exactly the minimum (0.10 → 0.12) did move', () => {
    const { plan } = newPlan();
    const { keyResult, initiative } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 10, at: T0 - 40 * DAY });
    plan.addCheckIn(keyResult, { value: 12, at: T0 - DAY });
    for (let i = 0; i < 5; i++) plan.createNode({ kind: 'task', parent: initiative, title: `t${i}`, status: 'done', doneAt: T0 - (2 + i * 4) * DAY });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, initiative)).not.toContain('effort_without_impact');
    plan.addCheckIn(keyResult, { value: 11.9 });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, initiative)).toContain('effort_without_impact');
  });

  it('slowdown: a recent rate of exactly the ratio times the baseline is no slowdown', () => {
    // 1 done in 21 days (1/3 a week) against 10 in the 42 days before (5/3 a week) at ratio 0.2.
    const settings = { ...DEFAULT_SETTINGS, slowdownRatio: 0.2, slowdownRecentDays: 21, slowdownBaselineDays: 42 };
    const baseline = Array.from({ length: 10 }, (_, i) => T0 - (22 + i * 4) * DAY);
    const clock = { now: T0, settings };
    expect(slowdownSignal({ nodeId: nodeId('i'), teamId: null }, [T0 - DAY, ...baseline], clock)).toBeNull();
    expect(slowdownSignal({ nodeId: nodeId('i'), teamId: null }, baseline, clock)).toMatchObject({ kind: 'slowdown' });
  });

  it('slowdown: a baseline of exactly the minimum rate is enough history', () => {
    // 1 done in the 21 days before the recent week: 1/3 a week, with the minimum set to 1/3.
    const settings = { ...DEFAULT_SETTINGS, slowdownRecentDays: 7, slowdownBaselineDays: 21, slowdownMinPerWeek: 1 / 3 };
    expect(slowdownSignal({ nodeId: nodeId('i'), teamId: null }, [T0 - 10 * DAY], { now: T0, settings })).toMatchObject({ kind: 'slowdown' });
  });
});
