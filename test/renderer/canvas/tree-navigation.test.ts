// Keyboard steps on the canvas, on a real plan's snapshot and layout (no DOM).
import { describe, expect, it } from 'vitest';
import { ROOT_ID } from '../../../shared/model/index.js';
import { defaultLayoutOptions, layoutCascade } from '../../../renderer/src/canvas/cascade-layout.js';
import { snapshotFromIndex } from '../../../renderer/src/canvas/cascade-snapshot.js';
import { rowShowing } from '../../../renderer/src/canvas/tree-navigation.js';
import { newPlan } from '../../shared/model/support.js';

describe('the card that shows a node', () => {
  it('is its own card, else the closed card of its nearest ancestor on the canvas (a node moved under a card kept closed)', () => {
    const { plan } = newPlan();
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const dach = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH' });
    const nordics = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win the Nordics' });
    plan.createNode({ kind: 'key_result', parent: nordics, title: 'Churn', start: 8, target: 5, direction: 'decrease' });
    const revenue = plan.createNode({ kind: 'key_result', parent: dach, title: 'Revenue', start: 0, target: 100, direction: 'increase' });
    const options = { ...defaultLayoutOptions, collapsed: new Set([nordics]) };
    plan.index.refresh(plan.index.now);

    let snapshot = snapshotFromIndex(plan.index);
    let layout = layoutCascade(snapshot, options);
    const row = (id: string) => snapshot.rowOf.get(id)!;
    expect(rowShowing(snapshot, layout, row(revenue))).toBe(row(revenue));

    // Someone else moves the key result under the objective this person keeps closed.
    plan.moveNode(revenue, { parent: nordics });
    plan.index.refresh(plan.index.now);
    snapshot = snapshotFromIndex(plan.index);
    layout = layoutCascade(snapshot, options);
    expect(layout.cardOfRow[row(revenue)]).toBe(-1);
    expect(rowShowing(snapshot, layout, row(revenue))).toBe(row(nordics));

    // Focused on the other objective, no card holds it.
    const focused = layoutCascade(snapshot, { ...options, focus: dach });
    expect(rowShowing(snapshot, focused, row(revenue))).toBe(-1);
  });
});
