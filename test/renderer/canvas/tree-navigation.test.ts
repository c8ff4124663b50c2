// Keyboard steps on the canvas, on a real plan's snapshot and layout (no DOM).
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, openPlan, type NodeId } from '../../../shared/model/index.js';
import { buildSamplePlan } from '../../../shared/model/fixtures/sample-plan.js';
import { CARD, defaultLayoutOptions, layoutCascade, layoutResolved, referenceScreen, type CascadeLayout } from '../../../renderer/src/canvas/cascade-layout.js';
import { snapshotFromIndex, type CascadeSnapshot } from '../../../renderer/src/canvas/cascade-snapshot.js';
import { rowShowing, stepAlongTree, stepForKey, stepInStack } from '../../../renderer/src/canvas/tree-navigation.js';
import { newPlan } from '../../shared/model/support.js';

const arrows = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'] as const;

/** The row an arrow key selects from `row`, as the canvas's commands step. */
function press(snapshot: Pick<CascadeSnapshot, 'parent' | 'depth' | 'ids'>, layout: CascadeLayout, row: number, key: (typeof arrows)[number]): number {
  return stepInStack(layout, row, key) ?? stepAlongTree(snapshot, layout, row, stepForKey(key, layout.orientation)!);
}

/** Cards in a stacked column (rule 6), their top cards included. */
function stackedCards(layout: CascadeLayout): number[] {
  const cards = new Set<number>();
  layout.blocks.forEach((block, b) => {
    if (!block.stacked) return;
    cards.add(block.parentCard);
    layout.blockOf.forEach((inBlock, card) => { if (inBlock === b) cards.add(card); });
  });
  return [...cards];
}

/** Whether the move from card `from` to card `to` goes the arrow's way on the screen (or stays). */
function goesTheArrowsWay(layout: CascadeLayout, from: number, to: number, key: (typeof arrows)[number]): boolean {
  if (from === to) return true;
  switch (key) {
    case 'ArrowDown': return layout.y[to]! > layout.y[from]!;
    case 'ArrowUp': return layout.y[to]! < layout.y[from]!;
    case 'ArrowRight': return layout.x[to]! > layout.x[from]!;
    case 'ArrowLeft': return layout.x[to]! < layout.x[from]!;
  }
}

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

describe('arrow keys in a stacked column (rule 6)', () => {
  function sampleLayout() {
    const doc = new Y.Doc({ gc: false });
    let id = 0;
    const ctx = { now: () => Date.UTC(2027, 2, 1), newId: () => `n${++id}`, actor: 'ada' };
    buildSamplePlan(doc, ctx);
    const snapshot = snapshotFromIndex(openPlan(doc, ctx).index);
    return { snapshot, layout: layoutCascade(snapshot, { ...defaultLayoutOptions, collapseDepth: 99, screen: referenceScreen }) };
  }

  it('↓ and ↑ go to the card below and above in the column, ← and → to the same line of the next column', () => {
    const { snapshot, layout } = sampleLayout();
    const cards = stackedCards(layout);
    expect(cards.length).toBeGreaterThan(10);
    const line = CARD.height + CARD.rowGap;
    let besideFound = 0;
    for (const card of cards) {
      const row = layout.rows[card]!;
      const down = layout.cardOfRow[press(snapshot, layout, row, 'ArrowDown')]!;
      // The card one line below, or this one at the column's end.
      if (down !== card) expect(layout.y[down]).toBeCloseTo(layout.y[card]! + line);
      if (down !== card) expect(layout.cardOfRow[press(snapshot, layout, layout.rows[down]!, 'ArrowUp')]).toBe(card);
      const right = layout.cardOfRow[press(snapshot, layout, row, 'ArrowRight')]!;
      if (right !== card) {
        expect(layout.x[right]).toBeGreaterThan(layout.x[card]! + CARD.width / 2);
        if (layout.y[right] === layout.y[card]) besideFound++;
      }
    }
    expect(besideFound).toBeGreaterThan(0);
  });

  it('any tree on any screen: an arrow never moves the selection against its direction in a stack', () => {
    const trees = fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 140, size: 'max' }).map((rows) => {
      const parent = new Int32Array(rows.length), depth = new Uint16Array(rows.length), open = new Uint8Array(rows.length);
      const path: number[] = [];
      rows.forEach(([pick, isOpen], row) => {
        const up = pick % (path.length + 1);
        path.length = up;
        parent[row] = up === 0 ? -1 : path[up - 1]!;
        depth[row] = up + 1;
        open[row] = isOpen ? 1 : 0;
        path.push(row);
      });
      const hasChildren = new Uint8Array(rows.length);
      for (const up of parent) if (up >= 0) hasChildren[up] = 1;
      for (let row = 0; row < rows.length; row++) if (!hasChildren[row]) open[row] = 0;
      return { parent, depth, open };
    });
    fc.assert(fc.property(trees, fc.integer({ min: 200, max: 2000 }), fc.integer({ min: 200, max: 1400 }), (tree, width, height) => {
      const layout = layoutResolved({ parent: tree.parent, depth: tree.depth, health: new Uint8Array(tree.parent.length) },
        { orientation: 'top-down', open: tree.open, focusRow: -1, wrapAt: 6, screenWidth: width, screenHeight: height });
      // The snapshot's tree as the layout saw it: what stepping reads (parent, and subtree ends by depth).
      const snapshot = { parent: tree.parent, depth: tree.depth, ids: Array.from(tree.parent, (_, row) => `r${row}` as NodeId) };
      for (const card of stackedCards(layout)) {
        for (const key of arrows) {
          const to = layout.cardOfRow[press(snapshot, layout, layout.rows[card]!, key)]!;
          expect(to).toBeGreaterThanOrEqual(0);
          expect(goesTheArrowsWay(layout, card, to, key)).toBe(true);
        }
      }
    }), { numRuns: 300, seed: 3030 });
  });
});
