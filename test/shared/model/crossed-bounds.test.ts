// Bounds of a metric that two people's edits crossed. Each edit is checked alone (a range's low ≤ its
// high, an increasing key result's target ≥ its start, a healthy range's low ≤ its high), but Ada
// raising a range's low while Ben lowers its high are two valid writes to two fields, and Yjs keeps
// both. Before: a key result at 10 with the range crossed to 50–40 showed 100 % and on track, up to its
// strategy; a KPI breached whatever its value; and every later edit of the node (its weight, owner,
// unit) was refused over bounds the edit did not touch.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { T0, TestContext, syncDocs } from './support.js';

interface TwoPeople { ada: Plan; ben: Plan; objective: NodeId; strategy: NodeId; sync(): void }

/** Ada's plan with a strategy and an objective in a period, and Ben's replica of it (real Y.Docs). */
function twoPeople(): TwoPeople {
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  const ada = openPlan(docs[0], new TestContext(T0, 'ada', 'a'));
  const period = ada.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
  const strategy = ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = ada.createNode({ kind: 'objective', parent: strategy, title: 'Happy customers', period });
  syncDocs(docs[0], docs[1]);
  const ben = openPlan(docs[1], new TestContext(T0, 'ben', 'b'));
  const sync = () => {
    syncDocs(docs[0], docs[1]);
    syncDocs(docs[1], docs[0]);
    ada.index.refresh(T0);
    ben.index.refresh(T0);
  };
  return { ada, ben, objective, strategy, sync };
}

describe('bounds two people crossed', () => {
  it('a range crossed by two edits: no progress (not 100 %), a signal naming both bounds, on both replicas', () => {
    const { ada, ben, objective, strategy, sync } = twoPeople();
    const kr = ada.createNode({ kind: 'key_result', parent: objective, title: 'NPS', direction: 'range', rangeLow: 30, rangeHigh: 60, start: 10 });
    ada.addCheckIn(kr, { value: 10 });
    sync();
    expect(ada.index.node(kr)!.progress).toBeCloseTo(1 / 3);
    ada.updateNode(kr, { rangeLow: 50 });
    ben.updateNode(kr, { rangeHigh: 40 });
    sync();
    for (const plan of [ada, ben]) {
      const view = plan.index.node(kr)!;
      expect(view.fields).toMatchObject({ rangeLow: 50, rangeHigh: 40 });
      expect(view.progress).toBeNull();
      expect(plan.index.node(objective)!.progress).toBeNull();
      expect(plan.index.node(strategy)!.progress).toBeNull();
      expect(view.health).toBe('at_risk');
      const crossed = view.signals.filter((signal) => signal.kind === 'crossed_bounds');
      expect(crossed.map((signal) => signal.message)).toEqual(['The range 50 to 40 runs backwards (its low is above its high), so its progress cannot be measured: set the range again']);
      expect(plan.index.node(strategy)!.healthCause?.signal.kind).toBe('crossed_bounds');
    }
  });

  it('an edit of another field still works, an edit of the bounds must make them agree, and then the figure is back', () => {
    const { ada, ben, objective, sync } = twoPeople();
    const kr = ada.createNode({ kind: 'key_result', parent: objective, title: 'NPS', direction: 'range', rangeLow: 30, rangeHigh: 60 });
    const kpi = ada.createNode({ kind: 'kpi', parent: objective, title: 'Churn', healthyLow: 2, healthyHigh: 5 });
    sync();
    ada.updateNode(kr, { rangeLow: 50 });
    ben.updateNode(kr, { rangeHigh: 40 });
    ada.updateNode(kpi, { healthyLow: 4 });
    ben.updateNode(kpi, { healthyHigh: 3.5 });
    sync();
    const person = ada.addPerson({ name: 'Hana' });
    expect(() => ada.updateNode(kr, { weight: 2, owner: person })).not.toThrow();
    expect(() => ada.updateNode(kpi, { unit: '%', priority: 'high' })).not.toThrow();
    expect(() => ada.updateNode(kr, { rangeHigh: 45 })).toThrow("the range's low 50 is above its high 45");
    expect(() => ada.updateNode(kpi, { healthyLow: 3.6 })).toThrow("the healthy range's low 3.6 is above its high 3.5");
    ada.updateNode(kr, { rangeLow: 30 });
    ada.addCheckIn(kr, { value: 35 });
    ada.index.refresh(T0);
    expect(ada.index.node(kr)!.progress).toBe(1);
    expect(ada.index.node(kr)!.signals.some((signal) => signal.kind === 'crossed_bounds')).toBe(false);
  });

  it('an initiative whose dates two people crossed can still be marked done (it was refused over its dates)', () => {
    const { ada, ben, objective, sync } = twoPeople();
    const initiative = ada.createNode({ kind: 'initiative', parent: objective, title: 'Launch', status: 'active', startDate: '2027-01-10', dueDate: '2027-02-10' });
    sync();
    ada.updateNode(initiative, { startDate: '2027-02-01' });
    ben.updateNode(initiative, { dueDate: '2027-01-20' });
    sync();
    expect(() => ben.updateNode(initiative, { status: 'done' })).not.toThrow();
    expect(() => ada.updateNode(initiative, { dueDate: '2027-01-25' })).toThrow('the start date 2027-02-01 is after the due date 2027-01-25');
    sync();
    expect(ada.index.node(initiative)!.fields.status).toBe('done');
  });

  it('a healthy range crossed by two edits judges no value, and says so instead of a breach', () => {
    const { ada, ben, objective, sync } = twoPeople();
    const kpi = ada.createNode({ kind: 'kpi', parent: objective, title: 'Churn', unit: '%', healthyLow: 2, healthyHigh: 5 });
    ada.addCheckIn(kpi, { value: 3 });
    sync();
    ada.updateNode(kpi, { healthyLow: 4 });
    ben.updateNode(kpi, { healthyHigh: 3.5 });
    sync();
    for (const plan of [ada, ben]) {
      const signals = plan.index.node(kpi)!.signals;
      expect(signals.map((signal) => signal.kind)).toEqual(['crossed_bounds']);
      expect(signals[0]!.message).toBe('The healthy range 4 % to 3.5 % runs backwards (its low is above its high), so no value can be judged healthy or not: set the healthy range again');
    }
  });

  it('a direction and a target set apart: a decreasing key result whose target is above its start has no progress and no forecast', () => {
    const { ada, ben, objective, sync } = twoPeople();
    const kr = ada.createNode({ kind: 'key_result', parent: objective, title: 'Cost per lead', unit: '€', direction: 'increase', start: 100, target: 200 });
    ada.addCheckIn(kr, { value: 150, at: T0 - 20 * 86_400_000 });
    ada.addCheckIn(kr, { value: 160, at: T0 - 10 * 86_400_000 });
    sync();
    ada.updateNode(kr, { start: 300, direction: 'decrease' });
    ben.updateNode(kr, { target: 400 });
    sync();
    for (const plan of [ada, ben]) {
      const view = plan.index.node(kr)!;
      expect(view.fields).toMatchObject({ direction: 'decrease', start: 300, target: 400 });
      expect(view.progress).toBeNull();
      // Its last check-in was 10 days ago (stale, rightly); no pace or forecast is judged against the bounds.
      expect(view.signals.map((signal) => signal.kind).sort()).toEqual(['crossed_bounds', 'stale']);
      expect(view.signals.find((signal) => signal.kind === 'crossed_bounds')!.message).toBe('The target 400 € is above the start 300 € of a decreasing key result, so its progress cannot be measured: set the start, target or direction again');
    }
  });

  it('property: whatever two people set apart, the progress shown agrees with the value and the bounds shown, and any other edit works', () => {
    const bound = fc.integer({ min: -20, max: 20 });
    let crossedSeen = 0;
    // One bound, the other or both: moving one bound toward the other is what crosses two people's edits.
    const edit = fc.oneof(
      bound.map((rangeLow) => ({ rangeLow })),
      bound.map((rangeHigh) => ({ rangeHigh })),
      fc.record({ rangeLow: bound, rangeHigh: bound }),
    );
    fc.assert(fc.property(bound, bound, bound, edit, edit, (a, b, value, adaEdit, benEdit) => {
      const { ada, ben, objective, sync } = twoPeople();
      const kr = ada.createNode({ kind: 'key_result', parent: objective, title: 'NPS', direction: 'range', rangeLow: Math.min(a, b), rangeHigh: Math.max(a, b) });
      const kpi = ada.createNode({ kind: 'kpi', parent: objective, title: 'Churn', healthyLow: Math.min(a, b), healthyHigh: Math.max(a, b) });
      ada.addCheckIn(kr, { value });
      ada.addCheckIn(kpi, { value });
      sync();
      // Each person's edit is one they could make: it is refused if it crosses the bounds they see.
      const tryEdit = (plan: Plan, patch: { rangeLow?: number; rangeHigh?: number }) => {
        try { plan.updateNode(kr, patch); } catch { /* refused, nothing written */ }
        try { plan.updateNode(kpi, { healthyLow: patch.rangeLow, healthyHigh: patch.rangeHigh }); } catch { /* refused */ }
      };
      tryEdit(ada, adaEdit);
      tryEdit(ben, benEdit);
      sync();
      for (const plan of [ada, ben]) {
        const view = plan.index.node(kr)!;
        const { rangeLow, rangeHigh } = view.fields;
        const crossed = rangeLow! > rangeHigh!;
        if (crossed) crossedSeen++;
        if (crossed) expect(view.progress).toBeNull();
        else expect(view.progress === 1).toBe(value >= rangeLow! && value <= rangeHigh!);
        expect(view.signals.some((signal) => signal.kind === 'crossed_bounds')).toBe(crossed);
        const kpiView = plan.index.node(kpi)!;
        const { healthyLow, healthyHigh } = kpiView.fields;
        const kpiCrossed = healthyLow! > healthyHigh!;
        const breach = kpiView.signals.some((signal) => signal.kind === 'kpi_breach');
        expect(breach).toBe(!kpiCrossed && (value < healthyLow! || value > healthyHigh!));
        expect(kpiView.signals.some((signal) => signal.kind === 'crossed_bounds')).toBe(kpiCrossed);
      }
      expect(() => ada.updateNode(kr, { weight: 3 })).not.toThrow();
      expect(() => ben.updateNode(kpi, { unit: 'pts' })).not.toThrow();
    }), { numRuns: 60, seed: 15 });
    // The run reached the case it is about: two valid edits that crossed.
    expect(crossedSeen).toBeGreaterThan(5);
  });
});

// usercheck16: the signal's "since" was the node's last update, so Ada's edit of the weight two days
// after the bounds crossed made them "crossed since" that edit. It is when the second bound was written.
describe('when bounds became crossed', () => {
  it('is the time of the later of the two crossing writes, on both replicas, whatever is edited after', () => {
    const DAY = 86_400_000;
    const docs = [new Y.Doc(), new Y.Doc()] as const;
    const adaClock = new TestContext(T0, 'ada', 'a'), benClock = new TestContext(T0, 'ben', 'b');
    const ada = openPlan(docs[0], adaClock);
    const objective = ada.createNode({ kind: 'objective', parent: ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' }), title: 'Happy customers' });
    const kr = ada.createNode({ kind: 'key_result', parent: objective, title: 'NPS', direction: 'range', rangeLow: 30, rangeHigh: 60 });
    const kpi = ada.createNode({ kind: 'kpi', parent: objective, title: 'Churn', healthyLow: 2, healthyHigh: 5 });
    syncDocs(docs[0], docs[1]);
    const ben = openPlan(docs[1], benClock);
    adaClock.advance(1);
    ada.updateNode(kr, { rangeLow: 50 });
    ada.updateNode(kpi, { healthyHigh: 3 });
    benClock.advance(2);
    ben.updateNode(kr, { rangeHigh: 40 });
    ben.updateNode(kpi, { healthyLow: 4 });
    const sync = () => { syncDocs(docs[0], docs[1]); syncDocs(docs[1], docs[0]); };
    sync();
    adaClock.advance(4);
    const person = ada.addPerson({ name: 'Hana' });
    ada.updateNode(kr, { weight: 2, owner: person });
    ada.updateNode(kpi, { priority: 'high' });
    sync();
    for (const plan of [ada, ben]) {
      plan.index.refresh(T0 + 6 * DAY);
      for (const id of [kr, kpi]) {
        const signal = plan.index.node(id)!.signals.find((found) => found.kind === 'crossed_bounds');
        expect(signal?.since).toBe(T0 + 2 * DAY);
      }
    }
  });
});

// usercheck15's left item (usercheck16): a period whose start and end two people moved past each other
// (Ada a later start, Ben offline an earlier end, each valid alone) vanished from the plan's periods and
// the filter, and its key results lost their pace without a word. Now it is listed, flagged, and every
// key result and objective in it says why no pace is judged.
describe('a period whose dates two people crossed', () => {
  it('is listed and flagged on both replicas; its key results and objective judge no pace and say why', () => {
    const docs = [new Y.Doc(), new Y.Doc()] as const;
    const adaClock = new TestContext(T0, 'ada', 'a'), benClock = new TestContext(T0, 'ben', 'b');
    const ada = openPlan(docs[0], adaClock);
    const period = ada.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
    const objective = ada.createNode({ kind: 'objective', parent: ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' }), title: 'Win DACH', period });
    const kr = ada.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100 });
    syncDocs(docs[0], docs[1]);
    const ben = openPlan(docs[1], benClock);
    ada.index.refresh(T0);
    // Two months in, at 0 %: behind pace.
    expect(ada.index.node(kr)!.signals.map((signal) => signal.kind)).toContain('pace');
    ada.updatePeriod(period, { start: '2027-03-01' });
    ben.updatePeriod(period, { end: '2027-02-01' });
    syncDocs(docs[0], docs[1]);
    syncDocs(docs[1], docs[0]);
    for (const plan of [ada, ben]) {
      plan.index.refresh(T0);
      expect(plan.index.periods().map((listed) => [listed.name, listed.start, listed.end, listed.crossed])).toEqual([['2027-Q1', '2027-03-01', '2027-02-01', true]]);
      for (const id of [kr, objective]) {
        const kinds = plan.index.node(id)!.signals.map((signal) => signal.kind);
        expect(kinds).not.toContain('pace');
        expect(kinds).not.toContain('forecast');
        expect(plan.index.node(id)!.signals.find((signal) => signal.kind === 'crossed_bounds')?.message)
          .toBe("The period “\u20682027-Q1\u2069” runs backwards (it starts 2027-03-01, after its end 2027-02-01), so no pace can be judged: set the period's dates again");
      }
    }
    // Setting the dates again brings the pace back.
    ada.updatePeriod(period, { start: '2027-01-01', end: '2027-03-31' });
    ada.index.refresh(T0);
    expect(ada.index.periods()[0]!.crossed).toBe(false);
    expect(ada.index.node(kr)!.signals.map((signal) => signal.kind)).toContain('pace');
  });
});
