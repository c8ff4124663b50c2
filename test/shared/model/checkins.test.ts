// Check-ins: packed tuples, decoded defensively — a malformed or newer entry is skipped and counted.
import { describe, expect, it } from 'vitest';
import { CHECKIN_FORMAT, decodeCheckIn, encodeCheckIn, planTypes, type CheckIn } from '../../../shared/model/index.js';
import { T0, newPlan, smallCascade } from './support.js';

const sample: CheckIn = { id: 'c1', nodeId: 'n1', at: T0, by: 'alice', value: 12.5, confidence: 7, status: 'at_risk', blocker: true, note: 'Legal review' };

describe('check-in tuples', () => {
  it('round-trip through the stored JSON tuple', () => {
    const stored = encodeCheckIn(sample);
    expect(JSON.parse(stored)).toEqual([CHECKIN_FORMAT, 'c1', 'n1', T0, 'alice', 12.5, 7, 'at_risk', 1, 'Legal review']);
    expect(decodeCheckIn(stored)).toEqual(sample);
    expect(decodeCheckIn(JSON.parse(stored))).toEqual(sample); // a plain array from another writer
  });

  it('rejects malformed and newer entries without throwing', () => {
    const bad: unknown[] = [
      'not json', '{}', 42, null, { id: 'x' },
      JSON.stringify([2, 'c', 'n', T0, 'a', null, null, null, 0, '']), // a newer format
      JSON.stringify([1, 'c', 'n', 'yesterday', 'a', null, null, null, 0, '']),
      JSON.stringify([1, 'c', 'n', T0, 'a', 'ten', null, null, 0, '']),
      JSON.stringify([1, 'c', 'n', T0, 'a', null, 11, null, 0, '']),
      JSON.stringify([1, 'c', 'n', T0, 'a', null, null, 'great', 0, '']),
      JSON.stringify([1, 'c', 'n', T0, 'a', null, null, null, 2, '']),
      JSON.stringify([1, 'c', 'n', T0]),
    ];
    for (const entry of bad) expect(decodeCheckIn(entry)).toBeNull();
  });

  it('the index skips and counts bad entries and duplicates; the plan stays usable', () => {
    const { doc, plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 40 });
    const checkins = planTypes(doc).checkins;
    const good = checkins.get(0);
    doc.transact(() => checkins.push(['garbage', JSON.stringify([9, 'x']), good, { evil: true }]));
    plan.index.refresh(plan.index.now);
    expect(plan.index.checkIns(keyResult)).toHaveLength(1);
    expect(plan.index.node(keyResult)!.value).toBe(40);
    expect(plan.index.summary().skippedCheckIns).toBe(4);
    const fresh = newPlan().plan;
    expect(fresh.index.summary().skippedCheckIns).toBe(0);
  });

  it('history is append-only: a deletion by a buggy peer is survived by a rebuild', () => {
    const { doc, plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 40 });
    plan.addCheckIn(keyResult, { value: 50 });
    plan.index.refresh(plan.index.now);
    doc.transact(() => planTypes(doc).checkins.delete(1, 1));
    plan.index.refresh(plan.index.now);
    expect(plan.index.node(keyResult)!.value).toBe(40);
  });
});
