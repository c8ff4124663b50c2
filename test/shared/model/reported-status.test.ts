// review43c F1: the status a person gives in a check-in (on track, at risk, off track) is their word on the item.
// It was stored and shown in the history and read by no figure: a key result on pace whose owner had just checked in
// "Off track: big deal slipped" read On track in the outline, on the canvas and on the pulse. Real Y.Docs, three
// replicas in three time zones (Ada UTC-8, Ben UTC+5:30, Cara UTC+13: the check-ins' instants are what differ).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HEALTH_RANK, ROOT_ID, dayIn, isRiskOriginSignal, openPlan, type CheckInStatus, type Plan } from '../../../shared/model/index.js';
import { TestContext, signalKinds, syncDocs } from './support.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

/** Ada's plan (zone America/Los_Angeles, Q4 2026) with ARR on pace, and Ben's and Cara's replicas of it. */
function quarter() {
  const ctxA = new TestContext(at('2026-09-28T17:00:00Z'), 'ada', 'a');
  const docA = new Y.Doc();
  const ada = openPlan(docA, ctxA);
  ada.setTimeZone('America/Los_Angeles');
  const q4 = ada.addPeriod({ name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
  const strategy = ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = ada.createNode({ kind: 'objective', parent: strategy, title: 'Win the mid-market', period: q4 });
  const arr = ada.createNode({ kind: 'key_result', parent: objective, title: 'ARR', start: 1_000_000, target: 1_500_000, direction: 'increase', unit: '€' });
  const replica = (actor: string, prefix: string) => {
    const doc = new Y.Doc();
    syncDocs(docA, doc);
    const ctx = new TestContext(ctxA.time, actor, prefix);
    return { doc, ctx, plan: openPlan(doc, ctx) };
  };
  const ben = replica('ben', 'b');
  const cara = replica('cara', 'c');
  const docs = [docA, ben.doc, cara.doc];
  const syncAll = () => { for (const from of docs) for (const to of docs) if (from !== to) syncDocs(from, to); };
  return { ada, ctxA, ben, cara, docs, syncAll, strategy, objective, arr };
}

const refreshAll = (plans: Plan[], now: number) => { for (const plan of plans) plan.index.refresh(now); };

describe('a status given in a check-in reaches the figures (review43c F1)', () => {
  it('a key result on pace whose owner checks in "off track" is off track up to the plan, until someone says otherwise', () => {
    const { ada, ctxA, ben, cara, syncAll, strategy, objective, arr } = quarter();
    // Daily values on pace through November (Ada, 09:00 in Los Angeles).
    for (let day = 0; day < 67; day++) {
      ctxA.time = at('2026-10-01T17:00:00Z') + day * 24 * HOUR;
      ada.addCheckIn(arr, { value: 1_000_000 + day * 6000, confidence: 7 });
    }
    syncAll();
    const now = at('2026-12-07T18:00:00Z');
    refreshAll([ada, ben.plan, cara.plan], now);
    expect(ada.index.node(arr)!.health).toBe('on_track');
    // Ben, in Bengaluru (UTC+5:30), checks in: the big deal slipped.
    ben.ctx.time = at('2026-12-07T04:30:00Z');
    ben.plan.addCheckIn(arr, { value: 1_400_000, status: 'off_track', note: 'Big deal slipped to Q1' });
    syncAll();
    refreshAll([ada, ben.plan, cara.plan], now);
    for (const plan of [ada, ben.plan, cara.plan]) {
      const view = plan.index.node(arr)!;
      expect(view.progress).toBe(0.8);
      expect(signalKinds(plan.index, arr)).not.toContain('pace');
      const reported = view.signals.find((signal) => signal.kind === 'reported_status');
      expect(reported).toMatchObject({ severity: 'off_track', since: at('2026-12-07T04:30:00Z'), message: 'Latest check-in says off track: Big deal slipped to Q1', evidence: { status: 'off_track', by: 'ben' } });
      expect(isRiskOriginSignal(reported!)).toBe(true);
      expect(view.health).toBe('off_track');
      expect(plan.index.node(objective)!.health).toBe('off_track');
      expect(plan.index.node(strategy)!.health).toBe('off_track');
      expect(plan.index.summary().health).toBe('off_track');
    }
    // Ada's daily value with no status does not take Ben's word back.
    ctxA.time = at('2026-12-07T17:00:00Z');
    ada.addCheckIn(arr, { value: 1_410_000 });
    syncAll();
    refreshAll([ada, ben.plan, cara.plan], now + HOUR);
    expect(ada.index.node(arr)!.health).toBe('off_track');
    // Cara, in Auckland (UTC+13), says at risk: at risk now, and at risk or worse since Ben's check-in.
    cara.ctx.time = at('2026-12-07T19:00:00Z');
    cara.plan.addCheckIn(arr, { status: 'at_risk', note: 'Two smaller deals may cover it' });
    syncAll();
    refreshAll([ada, ben.plan, cara.plan], now + 2 * HOUR);
    for (const plan of [ada, ben.plan, cara.plan]) {
      expect(plan.index.node(arr)!.signals.find((signal) => signal.kind === 'reported_status')).toMatchObject({ severity: 'at_risk', since: at('2026-12-07T04:30:00Z'), evidence: { by: 'cara' } });
      expect(plan.index.node(arr)!.health).toBe('at_risk');
    }
    // Ada says on track an hour after Cara's at risk, the same day in the plan's zone: Ada's word is the latest,
    // but Cara's is not overruled in silence (review45c F2): at risk, naming both.
    ctxA.time = at('2026-12-07T20:00:00Z');
    ada.addCheckIn(arr, { status: 'on_track' });
    syncAll();
    refreshAll([ada, ben.plan, cara.plan], now + 3 * HOUR);
    for (const plan of [ada, ben.plan, cara.plan]) {
      expect(plan.index.node(arr)!.signals.find((signal) => signal.kind === 'reported_status')).toMatchObject({ severity: 'at_risk', evidence: { status: 'on_track', by: 'ada', disagreement: { by: 'cara', status: 'at_risk' } } });
    }
    // Cara agrees later that day: on track, no signal, on track everywhere.
    cara.ctx.time = at('2026-12-07T21:00:00Z');
    cara.plan.addCheckIn(arr, { status: 'on_track' });
    syncAll();
    refreshAll([ada, ben.plan, cara.plan], now + 4 * HOUR);
    for (const plan of [ada, ben.plan, cara.plan]) {
      expect(signalKinds(plan.index, arr)).not.toContain('reported_status');
      expect(plan.index.summary().health).toBe('on_track');
    }
  });

  it('two people check in different statuses on one task the same day: the later stands, the earlier is named, an "on track" over an "off track" reads at risk (review45c F2)', () => {
    const { ada, ctxA, ben, syncAll, arr } = quarter();
    const initiative = ada.createNode({ kind: 'initiative', parent: arr, title: 'Campaign', status: 'active' });
    const task = ada.createNode({ kind: 'task', parent: initiative, title: 'Ads', status: 'in_progress' });
    syncAll();
    // Ben at 09:00 in Los Angeles: off track. Ada at 10:00: on track. Before, Ada's word overruled Ben's in silence.
    ben.ctx.time = at('2026-10-06T16:00:00Z');
    ben.plan.addCheckIn(task, { status: 'off_track', note: 'vendor gone' });
    ctxA.time = at('2026-10-06T17:00:00Z');
    ada.addCheckIn(task, { status: 'on_track', note: 'my part fine' });
    syncAll();
    refreshAll([ada, ben.plan], at('2026-10-06T20:00:00Z'));
    for (const plan of [ada, ben.plan]) {
      const reported = plan.index.node(task)!.signals.find((signal) => signal.kind === 'reported_status');
      expect(reported).toMatchObject({
        severity: 'at_risk', since: at('2026-10-06T16:00:00Z'),
        message: `${isolatedText('ada')}'s latest check-in says on track: my part fine; ${isolatedText('ben')} said off track the same day: vendor gone`,
        evidence: { status: 'on_track', by: 'ada', disagreement: { status: 'off_track', by: 'ben', note: 'vendor gone' } },
      });
      expect(plan.index.node(task)!.health).toBe('at_risk');
    }
    // The reverse order: off track stands (the later word), and Ada's on track that day is named.
    ctxA.time = at('2026-10-07T16:00:00Z');
    ada.addCheckIn(task, { status: 'on_track' });
    ben.ctx.time = at('2026-10-07T17:00:00Z');
    ben.plan.addCheckIn(task, { status: 'off_track', note: 'still no vendor' });
    syncAll();
    refreshAll([ada, ben.plan], at('2026-10-07T20:00:00Z'));
    expect(ada.index.node(task)!.signals.find((signal) => signal.kind === 'reported_status')).toMatchObject({ severity: 'off_track', evidence: { by: 'ben', disagreement: { by: 'ada', status: 'on_track' } } });
    // Ben's own change of mind the same day is no disagreement; a status the next day (LA) stands alone.
    ben.ctx.time = at('2026-10-08T16:00:00Z');
    ben.plan.addCheckIn(task, { status: 'at_risk' });
    ben.ctx.time = at('2026-10-08T17:00:00Z');
    ben.plan.addCheckIn(task, { status: 'on_track', note: 'new vendor signed' });
    syncAll();
    refreshAll([ada, ben.plan], at('2026-10-08T20:00:00Z'));
    expect(signalKinds(ada.index, task)).not.toContain('reported_status');
    expect(ada.index.node(task)!.health).toBe('on_track');
  });

  it('a run of at risk then off track is off track since the off track; at risk since the first of the run', () => {
    const { ada, ctxA, arr } = quarter();
    const statuses: [string, CheckInStatus][] = [['2026-10-05', 'on_track'], ['2026-10-12', 'at_risk'], ['2026-10-19', 'off_track'], ['2026-10-26', 'off_track']];
    for (const [day, status] of statuses) { ctxA.time = at(`${day}T17:00:00Z`); ada.addCheckIn(arr, { status }); }
    ada.index.refresh(at('2026-10-27T00:00:00Z'));
    expect(ada.index.node(arr)!.signals.find((signal) => signal.kind === 'reported_status')).toMatchObject({ severity: 'off_track', since: at('2026-10-19T17:00:00Z') });
    ctxA.time = at('2026-11-02T17:00:00Z');
    ada.addCheckIn(arr, { status: 'at_risk' });
    ada.index.refresh(at('2026-11-03T00:00:00Z'));
    expect(ada.index.node(arr)!.signals.find((signal) => signal.kind === 'reported_status')).toMatchObject({ severity: 'at_risk', since: at('2026-10-12T17:00:00Z') });
  });

  it('finished work owes nothing; an achieved key result keeps the word given with its last value, not one a later value answered', () => {
    const { ada, ctxA, objective, arr } = quarter();
    const initiative = ada.createNode({ kind: 'initiative', parent: arr, title: 'Partner channel', status: 'active' });
    const task = ada.createNode({ kind: 'task', parent: initiative, title: 'Sign reseller', status: 'in_progress' });
    ctxA.time = at('2026-10-10T17:00:00Z');
    ada.addCheckIn(task, { status: 'at_risk', note: 'Legal is slow' });
    ada.index.refresh(ctxA.time + HOUR);
    expect(ada.index.node(task)!.health).toBe('at_risk');
    ada.updateNode(task, { status: 'done' });
    ada.index.refresh(ctxA.time + 2 * HOUR);
    expect(signalKinds(ada.index, task)).not.toContain('reported_status');
    // Said off track, then a value reaching the target came in: done, as the value says.
    ada.addCheckIn(arr, { value: 1_200_000, status: 'off_track' });
    ctxA.time = at('2026-10-12T17:00:00Z');
    ada.addCheckIn(arr, { value: 1_500_000 });
    ada.index.refresh(ctxA.time + HOUR);
    expect(ada.index.node(arr)!.progress).toBe(1);
    expect(signalKinds(ada.index, arr)).not.toContain('reported_status');
    // "Off track" given with the very value that reached it: the owner's word on that value stands.
    ctxA.time = at('2026-10-13T17:00:00Z');
    ada.addCheckIn(arr, { value: 1_500_000, status: 'off_track', note: 'Counted a deal twice' });
    ada.index.refresh(ctxA.time + HOUR);
    expect(ada.index.node(arr)!.health).toBe('off_track');
    expect(ada.index.node(objective)!.health).toBe('off_track');
  });

  it('a status checked in offline and merged late is ordered by when it was said, the same on every replica', () => {
    const { ada, ctxA, ben, cara, syncAll, arr } = quarter();
    // Cara, offline on a flight, says off track on Dec 3 (her morning); Ada, online, says on track on Dec 5.
    cara.ctx.time = at('2026-12-02T19:00:00Z');
    cara.plan.addCheckIn(arr, { status: 'off_track', note: 'Churned logo' });
    ctxA.time = at('2026-12-05T17:00:00Z');
    ada.addCheckIn(arr, { status: 'on_track', note: 'Replaced by two upsells' });
    syncAll();
    refreshAll([ada, ben.plan, cara.plan], at('2026-12-07T18:00:00Z'));
    for (const plan of [ada, ben.plan, cara.plan]) expect(signalKinds(plan.index, arr)).not.toContain('reported_status');
  });

  it('property: after any check-ins on three replicas delivered in any order, every replica agrees, a key result is never healthier than the latest status given on it, and another person\'s different status that day is named', () => {
    const statusArb = fc.constantFrom<CheckInStatus | null>(null, null, 'on_track', 'at_risk', 'off_track');
    const opArb = fc.record({
      replica: fc.nat(2), hours: fc.integer({ min: 1, max: 72 }), status: statusArb,
      value: fc.option(fc.integer({ min: 900_000, max: 1_600_000 }), { nil: undefined }), sync: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
      const { ada, ctxA, ben, cara, docs, syncAll, strategy, arr } = quarter();
      const replicas = [{ plan: ada, ctx: ctxA }, ben, cara];
      let time = at('2026-10-02T00:00:00Z');
      for (const op of ops) {
        time += op.hours * HOUR;
        const { plan, ctx } = replicas[op.replica]!;
        ctx.time = time;
        plan.addCheckIn(arr, { ...(op.value === undefined ? {} : { value: op.value }), ...(op.status === null ? {} : { status: op.status }), ...(op.value === undefined && op.status === null ? { note: 'x' } : {}) });
        if (op.sync) syncDocs(docs[op.replica]!, docs[(op.replica + 1) % 3]!);
      }
      syncAll();
      const now = time + HOUR;
      refreshAll(replicas.map((replica) => replica.plan), now);
      const shown = replicas.map(({ plan }) => JSON.stringify(plan.index.node(arr)!.signals));
      expect(new Set(shown).size).toBe(1);
      const history = ada.index.checkIns(arr);
      const lastStatus = [...history].reverse().find((checkIn) => checkIn.status !== null);
      const lastValueAfter = lastStatus ? history.slice(history.indexOf(lastStatus) + 1).some((checkIn) => checkIn.value !== null) : false;
      const achieved = ada.index.node(arr)!.progress === 1;
      const reported = ada.index.node(arr)!.signals.find((signal) => signal.kind === 'reported_status');
      // Each other person's latest status on the latest one's day (the plan's zone) that differs (review45c F2).
      const day = lastStatus ? dayIn(lastStatus.at, 'America/Los_Angeles') : null;
      const sameDay = lastStatus ? history.slice(0, history.indexOf(lastStatus)).filter((checkIn) => checkIn.status !== null && checkIn.by !== lastStatus.by && dayIn(checkIn.at, 'America/Los_Angeles') === day) : [];
      const latestOf = new Map(sameDay.map((checkIn) => [checkIn.by, checkIn.status]));
      const disagreed = [...latestOf.values()].some((status) => status !== lastStatus?.status);
      if (!lastStatus || (lastStatus.status === 'on_track' && !disagreed) || (achieved && lastValueAfter)) {
        expect(reported).toBeUndefined();
      } else if (lastStatus.status === 'on_track') {
        expect(reported).toMatchObject({ severity: 'at_risk', evidence: { status: 'on_track' } });
        expect(reported?.evidence.disagreement?.status).not.toBe('on_track');
      } else {
        expect(reported?.severity).toBe(lastStatus.status);
        expect(reported?.evidence.disagreement !== null).toBe(disagreed);
        expect(HEALTH_RANK[ada.index.node(arr)!.health]).toBeGreaterThanOrEqual(HEALTH_RANK[lastStatus.status!]);
        expect(HEALTH_RANK[ada.index.node(strategy)!.health]).toBeGreaterThanOrEqual(HEALTH_RANK[lastStatus.status!]);
      }
    }), { numRuns: 60, seed: 43 });
  });
});

