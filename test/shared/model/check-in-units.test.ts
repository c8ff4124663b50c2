// A key result's unit changed after check-ins (usercheck15's left item). Check-ins stored no unit, so
// every earlier value was re-read in the new unit: 500 typed as k€ showed as "500 M€" and counted against
// a target of 1 M€ as 100 %. Now each check-in keeps the unit it was made in, values are compared only in
// the node's current unit (progress, pace, forecast, breach), and check-ins stored before units were kept
// are read in the current unit unless made before the unit's last change (then their unit is not known).
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, decodeCheckIn, encodeCheckIn, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { checkInUnit, valuesInOtherUnits } from '../../../shared/model/check-in-units.js';
import { DAY, T0, TestContext, syncDocs } from './support.js';

interface TwoPeople { ada: Plan; ben: Plan; docs: readonly [Y.Doc, Y.Doc]; adaClock: TestContext; benClock: TestContext; kr: NodeId; kpi: NodeId; sync(): void }

/** Ada's plan with a key result in k€ (0 → 1000 k€, a period around now) and a KPI in ms, and Ben's replica. */
function twoPeople(): TwoPeople {
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  const adaClock = new TestContext(T0, 'ada', 'a'), benClock = new TestContext(T0, 'ben', 'b');
  const ada = openPlan(docs[0], adaClock);
  const period = ada.addPeriod({ name: '2027', start: '2027-01-01', end: '2027-12-31' });
  const strategy = ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = ada.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH', period });
  const kr = ada.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 1000, unit: 'k€', period });
  const kpi = ada.createNode({ kind: 'kpi', parent: objective, title: 'Latency', unit: 'ms', healthyHigh: 300 });
  syncDocs(docs[0], docs[1]);
  const ben = openPlan(docs[1], benClock);
  const sync = () => {
    syncDocs(docs[0], docs[1]);
    syncDocs(docs[1], docs[0]);
    ada.index.refresh(adaClock.time);
    ben.index.refresh(benClock.time);
  };
  return { ada, ben, docs, adaClock, benClock, kr, kpi, sync };
}

const units = (plan: Plan, id: string) => plan.index.checkIns(id).map((checkIn) => checkIn.unit);

describe('a check-in keeps the unit it was made in', () => {
  it('a unit changed after a check-in: the earlier value is not read in the new unit (not 100 %), and a value in it counts again', () => {
    const { ada, adaClock, kr, sync } = twoPeople();
    ada.addCheckIn(kr, { value: 500 });
    sync();
    expect(ada.index.node(kr)!.progress).toBeCloseTo(0.5);
    adaClock.advance(1);
    ada.updateNode(kr, { unit: 'M€', target: 1 });
    sync();
    const view = ada.index.node(kr)!;
    expect(view.value).toBeNull();
    expect(view.progress).toBeNull();
    expect(units(ada, kr)).toEqual(['k€']);
    expect(view.signals.map((signal) => signal.kind)).not.toContain('forecast');
    adaClock.advance(1);
    ada.addCheckIn(kr, { value: 0.6 });
    sync();
    expect(ada.index.node(kr)!.value).toBe(0.6);
    expect(ada.index.node(kr)!.progress).toBeCloseTo(0.6);
    expect(units(ada, kr)).toEqual(['k€', 'M€']);
    // Back to k€: the latest value (0.6 M€) is in another unit, and the older 500 k€ would be out of date.
    adaClock.advance(1);
    ada.updateNode(kr, { unit: 'k€', target: 1000 });
    sync();
    expect(ada.index.node(kr)!.value).toBeNull();
    expect(ada.index.node(kr)!.progress).toBeNull();
  });

  it('Ben checks in 500 k€ offline while Ada changes the unit to M€: both replicas keep his value in k€ and judge no progress from it', () => {
    const { ada, ben, adaClock, benClock, kr, sync } = twoPeople();
    benClock.advance(1);
    ben.addCheckIn(kr, { value: 500 });
    adaClock.advance(1);
    ada.updateNode(kr, { unit: 'M€', target: 1 });
    sync();
    for (const plan of [ada, ben]) {
      expect(units(plan, kr)).toEqual(['k€']);
      expect(plan.index.node(kr)!.progress).toBeNull();
      expect(plan.index.node(kr)!.fields.unit).toBe('M€');
    }
  });

  it('a KPI whose unit changed is not judged in breach by a value in the old unit', () => {
    const { ada, adaClock, kpi, sync } = twoPeople();
    ada.addCheckIn(kpi, { value: 450 });
    sync();
    expect(ada.index.node(kpi)!.signals.map((signal) => signal.kind)).toContain('kpi_breach');
    adaClock.advance(1);
    ada.updateNode(kpi, { unit: 's', healthyHigh: 0.3 });
    sync();
    expect(ada.index.node(kpi)!.signals.map((signal) => signal.kind)).not.toContain('kpi_breach');
    ada.addCheckIn(kpi, { value: 0.45 });
    sync();
    expect(ada.index.node(kpi)!.signals.map((signal) => signal.kind)).toContain('kpi_breach');
  });

  it('check-ins stored before units were kept: read in the current unit, unless made before the unit last changed', () => {
    const { ada, docs, adaClock, kr, sync } = twoPeople();
    // Two entries as an older version wrote them (ten elements, no unit), one before and one after the change.
    const old = (id: string, at: number, value: number) => JSON.stringify([1, id, kr, at, 'cy', value, null, null, 0, '']);
    docs[0].getArray('checkins').push([old('old1', T0, 400)]);
    sync();
    expect(ada.index.node(kr)!.value).toBe(400);
    expect(ada.index.node(kr)!.progress).toBeCloseTo(0.4);
    adaClock.advance(2);
    ada.updateNode(kr, { unit: 'M€', target: 1 });
    docs[0].getArray('checkins').push([old('old2', T0 + 3 * DAY, 0.7)]);
    sync();
    const list = ada.index.checkIns(kr);
    const changedAt = ada.index.unitChangedAt(kr);
    expect(list.map((checkIn) => checkInUnit(checkIn, 'M€', changedAt))).toEqual([null, 'M€']);
    expect(valuesInOtherUnits(list, 'M€', changedAt)).toBe(1);
    expect(ada.index.node(kr)!.value).toBe(0.7);
  });

  it('reads a unit that is no unit (a hostile peer) as not known and keeps the check-in; a newer reader keeps the unit through encode and decode', () => {
    const { ada, docs, kr, sync } = twoPeople();
    docs[0].getArray('checkins').push([JSON.stringify([1, 'h1', kr, T0, 'x', 5, null, null, 0, '', 42]), JSON.stringify([1, 'h2', kr, T0 + 1, 'x', 6, null, null, 0, '', 'u'.repeat(41)])]);
    sync();
    expect(units(ada, kr)).toEqual([undefined, undefined]);
    expect(ada.index.summary().skippedCheckIns).toBe(0);
    const checkIn = { id: 'c', nodeId: kr, at: T0, by: 'ada', value: 5, confidence: null, status: null, blocker: false, note: '', unit: 'k€' };
    expect(decodeCheckIn(encodeCheckIn(checkIn))).toEqual(checkIn);
    const { unit: _unit, ...withoutUnit } = checkIn;
    expect(JSON.parse(encodeCheckIn(withoutUnit))).toHaveLength(10);
  });

  it('the index read afresh shows the same units as the one that received them one by one', () => {
    const { ada, ben, docs, adaClock, kr, sync } = twoPeople();
    ben.addCheckIn(kr, { value: 100 });
    adaClock.advance(1);
    ada.updateNode(kr, { unit: 'M€', target: 1 });
    ada.addCheckIn(kr, { value: 0.2 });
    sync();
    const fresh = openPlan(docs[1], new TestContext(T0, 'cy', 'c'));
    expect(units(fresh, kr)).toEqual(units(ben, kr));
    expect(fresh.index.node(kr)!.value).toBe(ben.index.node(kr)!.value);
  });
});

describe('property: progress never mixes units', () => {
  it('after any check-ins and unit changes by two people, the value shown is the latest one made in the current unit', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('checkIn' as const), who: fc.integer({ min: 0, max: 1 }), value: fc.integer({ min: 0, max: 900 }) }),
      fc.record({ kind: fc.constant('unit' as const), who: fc.integer({ min: 0, max: 1 }), unit: fc.constantFrom('k€', 'M€', '€') }),
      fc.record({ kind: fc.constant('sync' as const) }),
    );
    fc.assert(fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
      const { ada, ben, adaClock, benClock, kr, sync } = twoPeople();
      const plans = [ada, ben], clocks = [adaClock, benClock];
      for (const s of steps) {
        if (s.kind === 'sync') { sync(); continue; }
        clocks[s.who]!.advance(0.01);
        const plan = plans[s.who]!;
        plan.index.refresh(clocks[s.who]!.time);
        if (s.kind === 'checkIn') plan.addCheckIn(kr, { value: s.value });
        else plan.updateNode(kr, { unit: s.unit });
      }
      sync();
      for (const plan of plans) {
        const view = plan.index.node(kr)!;
        const latest = plan.index.checkIns(kr).at(-1);
        const inUnit = latest !== undefined && latest.unit === (view.fields.unit ?? '');
        // The latest value, if it was given in the unit shown; none (and no progress) if in another.
        expect(view.value).toBe(inUnit ? latest.value : null);
        expect(view.progress).toBe(latest === undefined ? 0 : inUnit ? Math.min(1, latest.value! / 1000) : null);
        // Every check-in made is still listed, with the unit it was made in.
        expect(plan.index.checkIns(kr).every((checkIn) => checkIn.unit !== undefined)).toBe(true);
      }
      expect(units(ada, kr)).toEqual(units(ben, kr));
    }), { seed: 16, numRuns: 150 });
  });
});
