// usercheck21: the progress figure on a card is the outline's figure for the same node.
//
// The canvas kept progress in a Float32Array, so a share exactly half way between two whole percents
// lost its half: a key result at 7 of 40 read 18% in the outline, the detail panel and the screen
// reader's words, and 17 on its card's ring and 17% in the SVG export (and the review pack's picture).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLayoutOptions, layoutCascade } from '../../../renderer/src/canvas/cascade-layout.js';
import { snapshotFromIndex } from '../../../renderer/src/canvas/cascade-snapshot.js';
import { cascadeSvg } from '../../../renderer/src/canvas/cascade-svg.js';
import { progressFigure } from '../../../renderer/src/canvas/card-painter.js';
import { standardTheme } from '../../../renderer/src/canvas/palette.js';
import { percent } from '../../../renderer/src/outline/labels.js';
import { ROOT_ID } from '../../../shared/model/index.js';
import { newPlan } from '../../shared/model/support.js';

/** The figure the SVG export writes on a node's card, or null when the card has none. */
function svgFigure(svg: string, id: string): string | null {
  const card = new RegExp(`data-node-id="${id}">[\\s\\S]*?</g>`).exec(svg)?.[0] ?? '';
  return /text-anchor="end"[^>]*>(\d+%)</.exec(card)?.[1] ?? null;
}

/** A key result from `start` to `target` at `current`, and what the outline and the canvas show for it. */
function figures(start: number, target: number, current: number) {
  const { plan } = newPlan();
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win EU' });
  const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start, target, direction: 'increase' });
  plan.addCheckIn(keyResult, { value: current });
  plan.index.refresh(plan.index.now);
  const node = plan.index.node(keyResult)!;
  const snapshot = snapshotFromIndex(plan.index);
  const layout = layoutCascade(snapshot, { ...defaultLayoutOptions, collapseDepth: 99 });
  const row = snapshot.rowOf.get(keyResult)!;
  return {
    outline: node.progress === null ? null : percent(node.progress),
    ring: `${progressFigure(snapshot.progress[row]!)}%`,
    svg: svgFigure(cascadeSvg(snapshot, layout, standardTheme, 'Plan'), keyResult),
  };
}

describe('the figures on the cascade canvas', () => {
  it('a key result at 7 of 40 reads 18% on its card and in the SVG, as in the outline', () => {
    expect(figures(0, 40, 7)).toEqual({ outline: '18%', ring: '18%', svg: '18%' });
    expect(figures(0, 200, 1)).toEqual({ outline: '1%', ring: '1%', svg: '1%' });
  });

  it('the card\'s ring and the SVG export show the outline\'s percent for any metric', () => {
    // Any metric, and metrics whose share falls exactly half way between two whole percents.
    const anyMetric = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 2000 }))
      .map(([start, span, step]) => ({ start, span, step: Math.min(step, span) }));
    const halfPercent = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 99 }))
      .map(([start, scale, half]) => ({ start, span: 200 * scale, step: (2 * half + 1) * scale }));
    fc.assert(fc.property(fc.oneof(anyMetric, halfPercent), ({ start, span, step }) => {
      const shown = figures(start, start + span, start + step);
      expect(shown.ring).toBe(shown.outline);
      expect(shown.svg).toBe(shown.outline);
    }), { numRuns: 150 });
  });
});
