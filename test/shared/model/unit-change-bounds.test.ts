// blocker37 (figures36b's leftover): a unit renamed together with its bounds in one edit (k€ 2000 → M€ 2) lost
// the judgement of the values checked in in k€: the bounds they were judged against were not kept, and the
// key result read at risk instead of the off track it was. The unit's field-edit record now keeps them.
import { describe, expect, it } from 'vitest';
import { ROOT_ID, createUndoManager, type Plan } from '../../../shared/model/index.js';
import { TOP_LEVEL } from '../../../shared/model/schema.js';
import { readFieldEdit } from '../../../shared/model/field-edits.js';
import { historyPlan } from './history/history-support.js';

const DAY = 86_400_000;

function offTrackRevenue() {
  const { doc, ctx, plan } = historyPlan({ actor: 'ada', time: Date.UTC(2027, 0, 4, 9) });
  const q1 = plan.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
  const o = plan.createNode({ kind: 'objective', parent: plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' }), title: 'Win EU', period: q1 });
  const revenue = plan.createNode({ kind: 'key_result', parent: o, title: 'EU revenue', start: 0, target: 2000, direction: 'increase', unit: 'k€' });
  ctx.time = Date.UTC(2027, 1, 10, 9);
  plan.addCheckIn(revenue, { value: 200 });
  ctx.time += DAY;
  plan.index.refresh(ctx.time);
  expect(plan.index.node(revenue)!.health).toBe('off_track');
  return { doc, ctx, plan, revenue };
}

const unmeasured = (plan: Plan, id: string) => plan.index.node(id)!.signals.find((signal) => signal.kind === 'unmeasured');
const unitRecords = (plan: Plan, id: string) => [...plan.doc.getMap<unknown>(TOP_LEVEL.fieldEdits).entries()].filter(([key]) => key.startsWith(`${id}|unit|`));

describe('a unit changed with its bounds keeps the bounds before the change with the unit\'s edit record', () => {
  it('stores the unit and bounds before the edit, and the signal judges the old values against them', () => {
    const { ctx, plan, revenue } = offTrackRevenue();
    plan.updateNode(revenue, { unit: 'M€', target: 2 });
    plan.index.refresh(ctx.time);
    const [[key, stored]] = unitRecords(plan, revenue) as [[string, unknown]];
    expect((stored as { before: unknown }).before).toEqual({ unit: 'k€', start: 0, target: 2000, direction: 'increase', rangeLow: null, rangeHigh: null, healthyLow: null, healthyHigh: null });
    expect(readFieldEdit(key, stored)!.before!.target).toBe(2000);
    expect(unmeasured(plan, revenue)).toMatchObject({ severity: 'off_track', evidence: { lastJudged: 'off_track', fromUnit: 'k€', toUnit: 'M€' } });
  });

  it('a record without it (an older Throughline\'s) or with a malformed one is read, and the judgement is then not known (at risk), as before', () => {
    const { ctx, plan, revenue } = offTrackRevenue();
    plan.updateNode(revenue, { unit: 'M€', target: 2 });
    const [[key, stored]] = unitRecords(plan, revenue) as [[string, Record<string, unknown>]];
    const edits = plan.doc.getMap<unknown>(TOP_LEVEL.fieldEdits);
    for (const before of [undefined, { unit: 'k€', target: 'lots' }, 'k€']) {
      const { before: _kept, ...rest } = stored;
      edits.set(key, before === undefined ? rest : { ...rest, before });
      plan.index.refresh(ctx.time += 1000);
      expect(readFieldEdit(key, edits.get(key))).not.toBeNull();
      expect(unmeasured(plan, revenue)).toMatchObject({ severity: 'at_risk', evidence: { lastJudged: null } });
      expect(plan.index.node(revenue)!.fields.unit).toBe('M€');
    }
  });

  it('kept bounds of an earlier unit are not used for values in another (k€ → M€ → EUR m: the values were in k€)', () => {
    const { ctx, plan, revenue } = offTrackRevenue();
    plan.updateNode(revenue, { unit: 'M€', target: 2 });
    ctx.time += 1000;
    plan.updateNode(revenue, { unit: 'EUR m', target: 200 });
    plan.index.refresh(ctx.time);
    // The latest change kept M€'s bounds; the values are in k€, whose bounds the earlier record kept but
    // the latest change does not name: not judged (at risk), never judged against M€'s target.
    expect(unmeasured(plan, revenue)).toMatchObject({ severity: 'at_risk', evidence: { fromUnit: 'k€', lastJudged: null } });
  });

  it('an undo of the change brings the unit and target back, with no conflict', () => {
    const { ctx, plan, revenue } = offTrackRevenue();
    const undo = createUndoManager(plan);
    plan.updateNode(revenue, { unit: 'M€', target: 2 });
    undo.undo();
    plan.index.refresh(ctx.time);
    const node = plan.index.node(revenue)!;
    expect([node.fields.unit, node.fields.target, node.fieldConflicts]).toEqual(['k€', 2000, []]);
    expect(unmeasured(plan, revenue)).toBeUndefined();
    expect(node.health).toBe('off_track');
  });
});
