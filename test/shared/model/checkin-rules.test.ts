// Check-ins that must be refused, never stored: a value no metric can mean (1e308 breaks the chart's
// axis) and a check-in on a key result that carries nothing at all.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { newPlan, smallCascade } from './support.js';

describe('check-in values', () => {
  it('refuses a value outside a sane magnitude for the key result, naming the limit; nothing is written', () => {
    const { plan, doc } = newPlan();
    const { keyResult, task } = smallCascade(plan); // key result 0 → 100
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => plan.addCheckIn(keyResult, { value: 1e308 })).toThrow(/1e\+308 is outside what this key result can take \(at most ±100,000,000\)/);
    expect(() => plan.addCheckIn(task, { value: 1e16 })).toThrow(expect.objectContaining({ code: 'out-of-range' }));
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    plan.addCheckIn(keyResult, { value: -5e7 });
  });

  it('refuses an empty check-in on a key result; a note, blocker, confidence or status alone is a check-in', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    expect(() => plan.addCheckIn(keyResult, {})).toThrow(/needs a value, or else a note, a blocker, a confidence or a status/);
    expect(() => plan.addCheckIn(keyResult, { note: '   ' })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    plan.addCheckIn(keyResult, { note: 'Waiting for finance' });
    plan.addCheckIn(keyResult, { blocker: true });
    plan.addCheckIn(keyResult, { confidence: 4 });
    plan.index.refresh(plan.index.now);
    expect(plan.index.checkIns(keyResult)).toHaveLength(3);
  });
});
