// The first screen's small copy in localStorage (issue #18, paint300): what the entry paints without
// opening IndexedDB. It must read back as the same first screen (its first rows), go through the same
// check as every stored first screen (another plan's, corrupt, hostile: refused or kept as text), keep
// at most a few plans, and never throw when localStorage refuses.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanIndex } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { firstScreenOf, type FirstScreen } from '../../../shared/model/first-screen.js';
import { checkStoredFirstScreen } from '../../../shared/model/first-screen-check.js';
import {
  decodeLocalFirstScreen, encodeLocalFirstScreen, localFirstScreenKey, localFirstScreenPlans, localFirstScreenRecentKey, localFirstScreenRows,
  readLocalFirstScreen, removeLocalFirstScreen, writeLocalFirstScreen, type LocalStore,
} from '../../../renderer/src/persistence/local-first-screen.js';

/** localStorage's behaviour (strings only, a size quota that throws), in memory. */
class MemoryStore implements LocalStore {
  readonly items = new Map<string, string>();
  constructor(private readonly quota = Number.POSITIVE_INFINITY) {}
  getItem(key: string): string | null { return this.items.get(key) ?? null; }
  setItem(key: string, value: string): void {
    const used = [...this.items].reduce((sum, [k, v]) => sum + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
  removeItem(key: string): void { this.items.delete(key); }
}

function firstScreenOfPlan(planId: string, nodes = 300): FirstScreen {
  const doc = new Y.Doc();
  const plan = generatePlan(doc, { nodes, checkIns: nodes, seed: 11 });
  return firstScreenOf(new PlanIndex(doc, { now: plan.now }), planId, Y.encodeStateVector(doc), [{ id: 'blocked', question: 'Who is blocked?', figure: '3', counted: 'teams', detail: 'd', tone: 'bad' }]);
}

describe('the first screen\'s copy in localStorage', () => {
  const firstScreen = firstScreenOfPlan('plan1');

  it('reads back as the same first screen with its first rows, and passes the painter\'s check for its plan only', () => {
    const store = new MemoryStore();
    expect(writeLocalFirstScreen(store, firstScreen)).toBe(true);
    const read = readLocalFirstScreen(store, 'plan1');
    const checked = checkStoredFirstScreen(read, 'plan1');
    expect(checked).toEqual({ ok: true, firstScreen: { ...firstScreen, rows: firstScreen.rows.slice(0, localFirstScreenRows) } });
    expect(checkStoredFirstScreen(read, 'plan2')).toEqual({ ok: false, reason: 'the stored first screen belongs to another plan (plan1)' });
    expect(readLocalFirstScreen(store, 'plan2')).toBeNull();
  });

  it('keeps any valid first screen\'s fields and state vector exactly (property)', () => {
    const row = fc.record({ title: fc.string({ maxLength: 40 }), progress: fc.option(fc.double({ min: 0, max: 1, noNaN: true })), health: fc.constantFrom('on_track', 'at_risk', 'off_track') });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.string({ maxLength: 60 }), fc.array(row, { maxLength: 130 }), (stateVector, name, rows) => {
      const value: FirstScreen = {
        ...firstScreen, stateVector, name, rowCount: rows.length + 5,
        rows: rows.map((r, i) => ({ id: `n${i}`, parent: 'root', depth: 0, kind: 'objective', title: r.title, progress: r.progress, health: r.health, hasChildren: false })),
      } as FirstScreen;
      const checked = checkStoredFirstScreen(decodeLocalFirstScreen(encodeLocalFirstScreen(value)), value.planId);
      expect(checked).toEqual({ ok: true, firstScreen: { ...value, rows: value.rows.slice(0, localFirstScreenRows) } });
    }));
  });

  it('is refused by the check when corrupt: not JSON, a damaged state vector, a changed field', () => {
    const store = new MemoryStore();
    writeLocalFirstScreen(store, firstScreen);
    const text = store.getItem(localFirstScreenKey('plan1'))!;
    const refused = (stored: string) => {
      store.setItem(localFirstScreenKey('plan1'), stored);
      return checkStoredFirstScreen(readLocalFirstScreen(store, 'plan1'), 'plan1');
    };
    expect(refused(text.slice(0, text.length / 2))).toEqual({ ok: false, reason: 'no first screen is stored for this plan' });
    expect(refused(text.replace(/"stateVector":"[^"]*"/, '"stateVector":"%%%"'))).toEqual({ ok: false, reason: 'the stored first screen is not valid (stateVector: expected bytes (Uint8Array))' });
    expect(refused(text.replace(/"stateVector":"[^"]*"/, '"stateVector":[1,2]'))).toEqual({ ok: false, reason: 'the stored first screen is not valid (stateVector: expected bytes (Uint8Array))' });
    expect(refused(text.replace('"depth":0', '"depth":7'))).toMatchObject({ ok: false, reason: expect.stringMatching(/is not under an earlier row/) as unknown });
    expect(refused('"a string"')).toEqual({ ok: false, reason: 'the stored first screen is not valid (value: expected an object)' });
    expect(refused('[1,2,3]')).toEqual({ ok: false, reason: 'the stored first screen is not valid (value: expected an object)' });
  });

  it('keeps a hostile title as the text it is', () => {
    const hostile = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    const store = new MemoryStore();
    writeLocalFirstScreen(store, { ...firstScreen, name: hostile, rows: firstScreen.rows.map((row, i) => (i === 0 ? { ...row, title: hostile } : row)) });
    const checked = checkStoredFirstScreen(readLocalFirstScreen(store, 'plan1'), 'plan1');
    expect(checked.ok && [checked.firstScreen.name, checked.firstScreen.rows[0]!.title]).toEqual([hostile, hostile]);
  });

  it('keeps the most recently stored plans only, whatever the order of writes and deletions (property)', () => {
    const action = fc.tuple(fc.constantFrom('write', 'remove'), fc.integer({ min: 0, max: 8 }));
    fc.assert(fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
      const store = new MemoryStore();
      const model: string[] = [];
      for (const [kind, n] of actions) {
        const planId = `plan${n}`;
        if (kind === 'write') {
          writeLocalFirstScreen(store, { ...firstScreen, planId, rows: firstScreen.rows.slice(0, 2) });
          model.splice(0, model.length, ...[planId, ...model.filter((id) => id !== planId)].slice(0, localFirstScreenPlans));
        } else {
          removeLocalFirstScreen(store, planId);
          model.splice(0, model.length, ...model.filter((id) => id !== planId));
        }
      }
      const copies = [...store.items.keys()].filter((key) => key !== localFirstScreenRecentKey).sort();
      expect(copies).toEqual(model.map(localFirstScreenKey).sort());
      expect(JSON.parse(store.getItem(localFirstScreenRecentKey) ?? '[]')).toEqual(model);
      for (const planId of model) expect(checkStoredFirstScreen(readLocalFirstScreen(store, planId), planId).ok).toBe(true);
    }));
  });

  it('never throws when localStorage refuses, and leaves no older copy of that plan behind', () => {
    const store = new MemoryStore(4_000);
    const small = { ...firstScreen, rows: firstScreen.rows.slice(0, 2) };
    expect(writeLocalFirstScreen(store, small)).toBe(true);
    expect(writeLocalFirstScreen(store, firstScreen)).toBe(false);
    expect(readLocalFirstScreen(store, 'plan1')).toBeNull();
    const refusing: LocalStore = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => { throw new Error('denied'); } };
    expect(writeLocalFirstScreen(refusing, firstScreen)).toBe(false);
    expect(readLocalFirstScreen(refusing, 'plan1')).toBeNull();
    expect(() => removeLocalFirstScreen(refusing, 'plan1')).not.toThrow();
  });

  it('starts afresh when the recent list is damaged', () => {
    const store = new MemoryStore();
    store.setItem(localFirstScreenRecentKey, '{"not":"a list"');
    expect(writeLocalFirstScreen(store, firstScreen)).toBe(true);
    expect(JSON.parse(store.getItem(localFirstScreenRecentKey)!)).toEqual(['plan1']);
  });
});
