// The find on the canvas (fix41b, F3): a match under a closed card (a task under a collapsed initiative) was
// not marked at all, and a person searching saw no match on screen. Every match is now counted once: on its own
// card, inside the one closed card that shows it (its nearest ancestor with a card, which then says how many it
// holds), or outside a focused subtree. On real layouts of the sample plan (no DOM).
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openPlan } from '../../../shared/model/index.js';
import { buildSamplePlan } from '../../../shared/model/fixtures/sample-plan.js';
import { defaultLayoutOptions, layoutCascade } from '../../../renderer/src/canvas/cascade-layout.js';
import { pathUp, snapshotFromIndex } from '../../../renderer/src/canvas/cascade-snapshot.js';
import { matchesOnCanvas, nextMatchRow } from '../../../renderer/src/canvas/find-matches.js';

function samplePlan() {
  const doc = new Y.Doc();
  let id = 0;
  const ctx = { now: () => Date.UTC(2027, 2, 1), newId: () => `n${++id}`, actor: 'ada' };
  buildSamplePlan(doc, ctx);
  const plan = openPlan(doc, ctx);
  return snapshotFromIndex(plan.index);
}

describe('matches of the find on the canvas (fix41b, F3)', () => {
  const snapshot = samplePlan();
  const count = snapshot.ids.length;

  it('a task matching under a collapsed initiative is counted inside the initiative\'s card, which is lit', () => {
    const layout = layoutCascade(snapshot, { ...defaultLayoutOptions, collapseDepth: 4 });
    const task = snapshot.kind.findIndex((_, row) => layout.cardOfRow[row]! < 0);
    expect(task).toBeGreaterThan(0);
    const matches = new Uint8Array(count);
    matches[task] = 1;
    const found = matchesOnCanvas(snapshot, layout.cardOfRow, matches);
    const holder = pathUp(snapshot, task).find((row) => layout.cardOfRow[row]! >= 0)!;
    expect(found).toMatchObject({ total: 1, onCards: 0, hidden: 1, closedCards: 1, outside: 0 });
    expect(found.inside[holder]).toBe(1);
    expect(found.lit[holder]).toBe(1);
    expect(layout.open[layout.cardOfRow[holder]!]).toBe(0);
  });

  it('property: every match is a lit card of its own, or inside exactly one closed card that reports it (its nearest card above), or outside the focus; the counts add up', () => {
    fc.assert(fc.property(
      fc.uint8Array({ minLength: count, maxLength: count, min: 0, max: 1 }),
      fc.integer({ min: 1, max: 5 }),
      fc.array(fc.nat({ max: count - 1 }), { maxLength: 8 }),
      fc.option(fc.nat({ max: count - 1 }), { nil: null }),
      (matches, collapseDepth, opened, focus) => {
        const layout = layoutCascade(snapshot, { ...defaultLayoutOptions, collapseDepth, expanded: new Set(opened.map((row) => snapshot.ids[row]!)), focus: focus === null ? null : snapshot.ids[focus]! });
        const found = matchesOnCanvas(snapshot, layout.cardOfRow, matches);
        const reported = new Int32Array(count);
        let outside = 0, onCards = 0;
        for (let row = 0; row < count; row++) {
          if (!matches[row]) continue;
          if (layout.cardOfRow[row]! >= 0) { onCards++; expect(found.lit[row]).toBe(1); continue; }
          const holders = pathUp(snapshot, row).filter((above) => layout.cardOfRow[above]! >= 0);
          if (holders.length === 0) { outside++; continue; }
          // The nearest card above is closed (its children are not on the canvas) and holds the match.
          const holder = holders[0]!;
          expect(layout.open[layout.cardOfRow[holder]!]).toBe(0);
          reported[holder]!++;
        }
        expect(Array.from(found.inside)).toEqual(Array.from(reported));
        for (let row = 0; row < count; row++) if (found.inside[row]! > 0) { expect(layout.cardOfRow[row]).toBeGreaterThanOrEqual(0); expect(found.lit[row]).toBe(1); }
        for (let row = 0; row < count; row++) if (found.lit[row]) expect(matches[row] === 1 || found.inside[row]! > 0).toBe(true);
        const hidden = reported.reduce((sum, n) => sum + n, 0);
        expect(found).toMatchObject({ total: onCards + hidden + outside, onCards, hidden, outside, closedCards: reported.filter((n) => n > 0).length });
      }), { numRuns: 60 });
  });

  it('next and previous match go round the matches in outline order', () => {
    const matches = Uint8Array.from([0, 1, 0, 0, 1, 1, 0]);
    expect(nextMatchRow(matches, -1, 1)).toBe(1);
    expect(nextMatchRow(matches, 1, 1)).toBe(4);
    expect(nextMatchRow(matches, 5, 1)).toBe(1);
    expect(nextMatchRow(matches, -1, -1)).toBe(5);
    expect(nextMatchRow(matches, 1, -1)).toBe(5);
    expect(nextMatchRow(new Uint8Array(3), 0, 1)).toBe(-1);
  });
});
