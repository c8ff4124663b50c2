// Hit-testing, culling and level of detail over a real layout of a real plan.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROOT_ID } from '../../../shared/model/index.js';
import { CardIndex } from '../../../renderer/src/canvas/card-index.js';
import { defaultLayoutOptions, layoutCascade } from '../../../renderer/src/canvas/cascade-layout.js';
import { snapshotFromIndex } from '../../../renderer/src/canvas/cascade-snapshot.js';
import { detailLevel, fitView, visibleWorld } from '../../../renderer/src/canvas/viewport.js';
import { newPlan } from '../../shared/model/support.js';

function plan300() {
  const { plan } = newPlan();
  for (let s = 0; s < 3; s++) {
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: `S${s}` });
    for (let o = 0; o < 4; o++) {
      const objective = plan.createNode({ kind: 'objective', parent: strategy, title: `O${s}.${o}` });
      for (let k = 0; k < 5; k++) {
        const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: `K${s}.${o}.${k}` });
        for (let i = 0; i < 4; i++) plan.createNode({ kind: 'initiative', parent: keyResult, title: `I${s}.${o}.${k}.${i}` });
      }
    }
  }
  plan.index.refresh(plan.index.now);
  const snapshot = snapshotFromIndex(plan.index);
  const layout = layoutCascade(snapshot, { ...defaultLayoutOptions, collapseDepth: 99 });
  return { snapshot, layout, index: new CardIndex(layout) };
}

describe('card index (d3-quadtree)', () => {
  const { layout, index } = plan300();

  it('finds the card under any point inside it and nothing in the gaps', () => {
    fc.assert(fc.property(fc.nat(layout.rows.length - 1), fc.double({ min: -0.49, max: 0.49, noNaN: true }), fc.double({ min: -0.49, max: 0.49, noNaN: true }), (card, dx, dy) => {
      expect(index.cardAt(layout.x[card]! + dx * layout.cardWidth, layout.y[card]! + dy * layout.cardHeight)).toBe(card);
    }));
    // Between two levels there is only the level gap: no card.
    const first = 0;
    expect(index.cardAt(layout.x[first]!, layout.y[first]! + layout.cardHeight / 2 + 5)).toBe(-1);
  });

  it('culls to exactly the cards whose rectangles meet the visible rectangle', () => {
    fc.assert(fc.property(fc.double({ min: -3000, max: 3000, noNaN: true }), fc.double({ min: -200, max: 1200, noNaN: true }), fc.double({ min: 0.05, max: 3, noNaN: true }), (x, y, k) => {
      const rect = visibleWorld({ x, y, k }, 1280, 800);
      const expected: number[] = [];
      for (let card = 0; card < layout.rows.length; card++) {
        const cx = layout.x[card]!, cy = layout.y[card]!;
        if (cx + layout.cardWidth / 2 >= rect.x0 && cx - layout.cardWidth / 2 <= rect.x1 && cy + layout.cardHeight / 2 >= rect.y0 && cy - layout.cardHeight / 2 <= rect.y1) expected.push(card);
      }
      expect([...index.cardsIn(rect)]).toEqual(expected);
    }), { numRuns: 200 });
  });

  it('a view that fits the plan culls nothing; zoomed in on one card it keeps only its neighbourhood', () => {
    const fit = fitView(layout.bounds, 1280, 800);
    expect(index.cardsIn(visibleWorld(fit, 1280, 800)).length).toBe(layout.rows.length);
    const close = { k: 2, x: 640 - layout.x[10]! * 2, y: 400 - layout.y[10]! * 2 };
    const seen = index.cardsIn(visibleWorld(close, 1280, 800));
    expect(seen).toContain(10);
    expect(seen.length).toBeLessThan(12);
  });
});

describe('level of detail', () => {
  it('full cards where text is legible, titles alone a little further, outlines in between, dots when far out', () => {
    expect(detailLevel(1, 220)).toBe('full');
    expect(detailLevel(0.7, 220)).toBe('full');
    // A young plan fitted to 1280×900: cards ~117 px wide on screen still show their titles (fix44 F6).
    expect(detailLevel(117 / 220, 220)).toBe('title');
    expect(detailLevel(0.3, 220)).toBe('outline');
    expect(detailLevel(0.17, 220)).toBe('outline');
    expect(detailLevel(0.1, 220)).toBe('dot');
    // Monotonic in the zoom.
    const rank = { dot: 0, outline: 1, title: 2, full: 3 } as const;
    let previous = 0;
    for (let k = 0.01; k < 4; k += 0.01) {
      const level = rank[detailLevel(k, 220)];
      expect(level).toBeGreaterThanOrEqual(previous);
      previous = level;
    }
  });

  it('fitting never zooms in past 1 and centres the plan', () => {
    const view = fitView({ x0: 0, y0: 0, x1: 100, y1: 50 }, 1000, 800);
    expect(view.k).toBe(1);
    expect(view.x + 50 * view.k).toBeCloseTo(500);
    const far = fitView({ x0: 0, y0: 0, x1: 100_000, y1: 1000 }, 1000, 800);
    expect(far.k).toBeCloseTo((1000 - 64) / 100_000);
  });
});
