// leftovers40: the app's index clock moves in 10-minute steps (renderer/src/session/plan-session.ts
// `indexClock`), so a check-in made at 10:04 is later than the index's `now` (10:00) until 10:10. The
// forecast drew only check-ins up to `now`: the value just checked in counted only when the clock moved on,
// while the row already showed it. It now counts at once, as the history and "last check-in" read it: a
// check-in counts unless it is dated in the future (`datedInFuture`, more than an hour past the clock).
import { describe, expect, it } from 'vitest';
import { ROOT_ID, type Signal } from '../../../shared/model/index.js';
import { newPlan } from './support.js';

const at = (iso: string) => Date.parse(iso);
const forecastOf = (signals: readonly Signal[]) => signals.find((signal) => signal.kind === 'forecast');

describe('a check-in inside the current clock step (leftovers40)', () => {
  it('counts toward the forecast at once, not when the clock next moves on', () => {
    const { plan, ctx } = newPlan({ time: at('2026-10-15T09:00:00Z') });
    const q4 = plan.addPeriod({ name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    const objective = plan.createNode({ kind: 'objective', parent: plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' }), title: 'Win DACH', period: q4 });
    const kr = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100, unit: 'k€', period: q4 });
    plan.addCheckIn(kr, { value: 10 });
    // Seven weeks on, at 10:00 on the clock (a step boundary): two points, a predicted miss.
    const step = at('2026-12-07T10:00:00Z');
    plan.index.refresh(step);
    expect(forecastOf(plan.index.node(kr)!.signals)?.evidence).toMatchObject({ points: 2 });
    // Ben checks in 30 k€ at 10:04; the index's clock still reads 10:00 (the next step is 10:10).
    ctx.time = at('2026-12-07T10:04:00Z');
    plan.addCheckIn(kr, { value: 30 });
    plan.index.refresh(step);
    const forecast = forecastOf(plan.index.node(kr)!.signals);
    expect(forecast?.evidence).toMatchObject({ points: 3 });
    expect(forecast?.since).toBe(at('2026-12-07T10:04:00Z'));
    // The same figures once the clock moves on: nothing changes at 10:10 but the clock.
    plan.index.refresh(at('2026-12-07T10:10:00Z'));
    expect(forecastOf(plan.index.node(kr)!.signals)?.message).toBe(forecast?.message);
  });

  it('a check-in dated more than an hour ahead (a clock running fast) still waits for its time', () => {
    const { plan, ctx } = newPlan({ time: at('2026-10-15T09:00:00Z') });
    const q4 = plan.addPeriod({ name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    const objective = plan.createNode({ kind: 'objective', parent: plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' }), title: 'Win DACH', period: q4 });
    const kr = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100, unit: 'k€', period: q4 });
    plan.addCheckIn(kr, { value: 10 });
    ctx.time = at('2026-12-07T12:00:00Z');
    plan.addCheckIn(kr, { value: 30 });
    plan.index.refresh(at('2026-12-07T10:00:00Z'));
    expect(forecastOf(plan.index.node(kr)!.signals)?.evidence).toMatchObject({ points: 2 });
  });
});
