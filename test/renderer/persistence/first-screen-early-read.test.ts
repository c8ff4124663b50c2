// The stored first screen read before the app's modules evaluate (renderer/src/persistence/
// first-screen-early-read.ts): it is handed only to the open of the plan the URL named, only once, and
// what it read is checked like any other stored first screen (another plan's or a corrupt one refused).
// Node has no IndexedDB: the read here hands over a value as IndexedDB would (a structured clone of a
// real first screen of a real generated plan); test/e2e/first-screen.spec.ts drives the real one.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanIndex } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { firstScreenOf, type FirstScreen } from '../../../shared/model/first-screen.js';
import { planIdInHash, startEarlyFirstScreenRead, takeEarlyFirstScreenRead, type EarlyFirstScreen } from '../../../renderer/src/persistence/first-screen-early-read.js';
import { readFirstScreen } from '../../../renderer/src/persistence/first-screen-store.js';
import { planDatabaseName } from '../../../renderer/src/persistence/plan-database-name.js';

function storedFirstScreen(planId: string): FirstScreen {
  const doc = new Y.Doc();
  const plan = generatePlan(doc, { nodes: 600, checkIns: 600, seed: 11 });
  return firstScreenOf(new PlanIndex(doc, { now: plan.now }), planId, Y.encodeStateVector(doc), null);
}

/** Starts an early read for `hash` that answers `value` (recording which database it was asked for). */
function startReading(hash: string, value: unknown): string[] {
  const asked: string[] = [];
  startEarlyFirstScreenRead(hash, planDatabaseName, (name) => {
    asked.push(name);
    return Promise.resolve<EarlyFirstScreen>({ found: true, value: structuredClone(value) });
  });
  return asked;
}

const planIds = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/);

describe('the plan an early read is for', () => {
  it('is the plan of a #/plan/<id>[/<view>] hash, and no other hash names one', () => {
    expect(planIdInHash('#/plan/bench20k/outline')).toBe('bench20k');
    expect(planIdInHash('#/plan/bench20k')).toBe('bench20k');
    expect(planIdInHash('#/plan/bench20k/pulse')).toBe('bench20k');
    expect(planIdInHash('#/')).toBeNull();
    expect(planIdInHash('')).toBeNull();
    expect(planIdInHash('#/join/abc')).toBeNull();
    expect(planIdInHash('#/plan//outline')).toBeNull();
    expect(planIdInHash('#/plan/a/b/c')).toBeNull();
  });

  it('is handed only to an open of that plan, at most once, and dropped by any open (property)', () => {
    fc.assert(fc.property(planIds, planIds, fc.constantFrom('', '/outline', '/pulse'), (urlPlan, openedPlan, view) => {
      const asked = startReading(`#/plan/${urlPlan}${view}`, 'stored');
      expect(asked).toEqual([planDatabaseName(urlPlan)]);
      const first = takeEarlyFirstScreenRead(openedPlan);
      expect(first !== null).toBe(urlPlan === openedPlan);
      // Whatever the first open took, the read is gone: a later open (of any plan) reads for itself.
      expect(takeEarlyFirstScreenRead(urlPlan)).toBeNull();
      expect(takeEarlyFirstScreenRead(openedPlan)).toBeNull();
    }));
  });

  it('is not started for the library or any other page', () => {
    const asked = startReading('#/', 'stored');
    expect(asked).toEqual([]);
    expect(takeEarlyFirstScreenRead('anything')).toBeNull();
  });
});

describe('a first screen read early', () => {
  const planId = 'early1';
  const firstScreen = storedFirstScreen(planId);

  it('is shown for its plan, equal to what was stored', async () => {
    startReading(`#/plan/${planId}/outline`, firstScreen);
    const read = await readFirstScreen(planId);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.firstScreen).toEqual(firstScreen);
  });

  it('is refused when it belongs to another plan, even under this plan\'s name', async () => {
    startReading(`#/plan/${planId}/outline`, storedFirstScreen('another'));
    const read = await readFirstScreen(planId);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toContain('belongs to another plan');
  });

  it('is refused when it is corrupt', async () => {
    startReading(`#/plan/${planId}/outline`, { ...firstScreen, rows: [{ ...firstScreen.rows[0], depth: -3 }] });
    const read = await readFirstScreen(planId);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toContain('not valid');
  });

  it('is not used by a second open of the same plan (which reads the database itself)', async () => {
    startReading(`#/plan/${planId}/outline`, firstScreen);
    expect((await readFirstScreen(planId)).ok).toBe(true);
    // Node has no IndexedDB: reading for itself fails, so a value handed over again would show here.
    const again = await readFirstScreen(planId);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.reason).toContain('could not be read');
  });

  it('that found nothing usable leaves the open to read the database itself', async () => {
    startEarlyFirstScreenRead(`#/plan/${planId}/outline`, planDatabaseName, () => Promise.resolve({ found: false, reason: 'no database' }));
    const read = await readFirstScreen(planId);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toContain('could not be read');
  });
});
