// A check-in being written (a value, a long note, a blocker) was lost to a reload: drafts lived in the
// store only. They are kept in the device's storage and come back when the app starts again.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { createAppStore } from '../../../renderer/src/store/app-store.js';
import { CHECK_IN_DRAFTS_KEY, keepCheckInDrafts, MAX_KEPT_DRAFTS } from '../../../renderer/src/detail/check-in-drafts-kept.js';
import { EMPTY_CHECK_IN_DRAFT, type CheckInDraft } from '../../../renderer/src/detail/check-in-draft.js';
import type { NodeId } from '../../../shared/model/index.js';

const id = (n: number) => `node${n}` as NodeId;
const draft = (note: string, extra: Partial<CheckInDraft> = {}): CheckInDraft => ({ ...EMPTY_CHECK_IN_DRAFT, note, ...extra });

/** An app started on `storage`: a fresh store, as after a reload. */
function started(storage: ReturnType<typeof memoryStore>) {
  const store = createAppStore();
  keepCheckInDrafts(storage, store);
  return store;
}

describe('check-in drafts across a reload', () => {
  it('come back as they were typed, each on its node; an added (cleared) draft does not', () => {
    const storage = memoryStore();
    const first = started(storage);
    first.getState().setCheckInDraft(id(1), draft('Lease slipping to April ‮ok', { value: '70', blocker: true, confidence: '4' }));
    first.getState().setCheckInDraft(id(2), draft('Hiring done'));
    first.getState().setCheckInDraft(id(2), null);
    const second = started(storage);
    expect([...second.getState().checkInDrafts]).toEqual([[id(1), draft('Lease slipping to April ‮ok', { value: '70', blocker: true, confidence: '4' })]]);
    second.getState().setCheckInDraft(id(1), null);
    expect(storage.getItem(CHECK_IN_DRAFTS_KEY)).toBeNull();
    expect(started(storage).getState().checkInDrafts.size).toBe(0);
  });

  it('a damaged or foreign stored list is ignored, and the app starts with no drafts', () => {
    for (const stored of ['{not json', JSON.stringify({ node1: {} }), JSON.stringify([['node1', { note: 5 }]]), JSON.stringify([['root', draft('x')]]), JSON.stringify([['node1', { ...draft('x'), extra: 1 }]])]) {
      const storage = memoryStore();
      storage.setItem(CHECK_IN_DRAFTS_KEY, stored);
      expect(started(storage).getState().checkInDrafts.size).toBe(0);
    }
  });

  it('property: after any drafts written and cleared, a restart holds the last of each, at most the cap', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.option(fc.string({ maxLength: 30 }), { nil: null }))), (steps) => {
      const storage = memoryStore();
      const store = started(storage);
      const expected = new Map<NodeId, CheckInDraft>();
      for (const [n, note] of steps) {
        const value = note === null ? null : draft(note);
        store.getState().setCheckInDraft(id(n), value);
        if (value === null) expected.delete(id(n)); else expected.set(id(n), value);
      }
      expect(new Map(started(storage).getState().checkInDrafts)).toEqual(expected);
    }));
  });

  it('keeps the latest drafts past the cap', () => {
    const storage = memoryStore();
    const store = started(storage);
    for (let n = 0; n < MAX_KEPT_DRAFTS + 5; n++) store.getState().setCheckInDraft(id(n), draft(`note ${n}`));
    const kept = started(storage).getState().checkInDrafts;
    expect(kept.size).toBe(MAX_KEPT_DRAFTS);
    expect(kept.has(id(MAX_KEPT_DRAFTS + 4))).toBe(true);
    expect(kept.has(id(0))).toBe(false);
  });
});
