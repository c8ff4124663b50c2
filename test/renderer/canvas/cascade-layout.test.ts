// The canvas layout is a pure function of the plan index: built here on real plans, no DOM.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROOT_ID, openPlan } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { CARD, READABLE_CARD_PX, STACK_MAX_CARDS, defaultLayoutOptions, layoutCascade, layoutResolved, recountHiddenHealth, type CascadeLayout, type LayoutOptions, type LayoutStructure } from '../../../renderer/src/canvas/cascade-layout.js';
import { buildSamplePlan } from '../../../shared/model/fixtures/sample-plan.js';
import { fitView } from '../../../renderer/src/canvas/viewport.js';
import { patchSnapshot, snapshotFromIndex, type CascadeSnapshot } from '../../../renderer/src/canvas/cascade-snapshot.js';
import { newPlan } from '../../shared/model/support.js';

function cardOf(layout: CascadeLayout, snapshot: CascadeSnapshot, id: string): number {
  return layout.cardOfRow[snapshot.rowOf.get(id)!]!;
}

/** No two cards overlap (checked pairwise within a sweep over x). */
function overlaps(layout: CascadeLayout): number {
  const order = Array.from(layout.rows.keys()).sort((a, b) => layout.x[a]! - layout.x[b]!);
  let found = 0;
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length && layout.x[order[j]!]! - layout.x[order[i]!]! < layout.cardWidth; j++) {
      if (Math.abs(layout.y[order[j]!]! - layout.y[order[i]!]!) < layout.cardHeight) found++;
    }
  }
  return found;
}

/** One initiative with `tasks` tasks under strategy > objective > key result. */
function wideInitiative(tasks: number) {
  const { plan } = newPlan();
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win EU' });
  const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100, direction: 'increase' });
  const initiative = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Campaign', status: 'active' });
  const taskIds = Array.from({ length: tasks }, (_, i) => plan.createNode({ kind: 'task', parent: initiative, title: `Task ${i}`, status: i === 3 ? 'blocked' : 'todo' }));
  plan.index.refresh(plan.index.now);
  return { plan, strategy, objective, keyResult, initiative, taskIds, snapshot: snapshotFromIndex(plan.index) };
}

describe('cascade layout', () => {
  it('collapses below the chosen level: a closed card carries the count and health of what it hides', () => {
    const { snapshot, initiative, taskIds } = wideInitiative(10);
    const layout = layoutCascade(snapshot, defaultLayoutOptions);
    expect(layout.rows.length).toBe(4); // strategy, objective, key result, initiative; tasks hidden
    const card = cardOf(layout, snapshot, initiative);
    expect(layout.open[card]).toBe(0);
    expect(layout.hidden[card]).toBe(10);
    // One task blocked just now (at risk), nine on track.
    expect([...layout.hiddenHealth.subarray(card * 3, card * 3 + 3)]).toEqual([9, 1, 0]);
    expect(layout.cardOfRow[snapshot.rowOf.get(taskIds[0]!)!]).toBe(-1);
  });

  it('expanding a node shows its children; collapsing an upper node hides its whole subtree', () => {
    const { snapshot, initiative, objective } = wideInitiative(3);
    const expanded = layoutCascade(snapshot, { ...defaultLayoutOptions, expanded: new Set([initiative]) });
    expect(expanded.rows.length).toBe(7);
    const collapsed = layoutCascade(snapshot, { ...defaultLayoutOptions, collapsed: new Set([objective]) });
    expect(collapsed.rows.length).toBe(2);
    expect(collapsed.hidden[cardOf(collapsed, snapshot, objective)]).toBe(5);
  });

  it('wraps a long row of childless siblings into rows wrapAt wide, below their parent, without overlap', () => {
    const { snapshot, initiative, taskIds } = wideInitiative(40);
    // A screen on which even the unwrapped row is readable: the plain tree, never stacked (rule 6).
    const options: LayoutOptions = { ...defaultLayoutOptions, expanded: new Set([initiative]), wrapAt: 8, screen: { width: 100_000, height: 100_000 } };
    const layout = layoutCascade(snapshot, options);
    expect(layout.blocks).toHaveLength(1);
    const xs = new Set(taskIds.map((id) => layout.x[cardOf(layout, snapshot, id)]));
    const ys = new Set(taskIds.map((id) => layout.y[cardOf(layout, snapshot, id)]));
    expect(xs.size).toBe(8);
    expect(ys.size).toBe(5);
    const parentY = layout.y[cardOf(layout, snapshot, initiative)]!;
    for (const id of taskIds) expect(layout.y[cardOf(layout, snapshot, id)]!).toBeGreaterThan(parentY + CARD.height);
    expect(overlaps(layout)).toBe(0);
    // The block spans 8 cards and 7 gaps.
    expect(layout.blocks[0]!.width).toBe(8 * CARD.width + 7 * CARD.breadthGap);
    // Without wrapping, the row is 40 cards wide.
    const unwrapped = layoutCascade(snapshot, { ...options, wrapAt: 1000 });
    expect(unwrapped.bounds.x1 - unwrapped.bounds.x0).toBeGreaterThan(4 * (layout.bounds.x1 - layout.bounds.x0));
  });

  it('lays out left to right by swapping the axes: depth grows along x', () => {
    const { snapshot, strategy, objective } = wideInitiative(3);
    const layout = layoutCascade(snapshot, { ...defaultLayoutOptions, orientation: 'left-right' });
    const s = cardOf(layout, snapshot, strategy), o = cardOf(layout, snapshot, objective);
    expect(layout.x[o]! - layout.x[s]!).toBe(CARD.width + CARD.levelGap);
    expect(layout.y[o]).toBe(layout.y[s]);
  });

  it('focus lays out only the subtree of one node, open', () => {
    const { snapshot, initiative } = wideInitiative(5);
    const layout = layoutCascade(snapshot, { ...defaultLayoutOptions, focus: initiative });
    expect(layout.rows.length).toBe(6);
    expect(layout.rows[0]).toBe(snapshot.rowOf.get(initiative));
  });

  it('a generated 5,000-node plan fully expanded has every node placed once and no overlaps', () => {
    const doc = new Y.Doc();
    generatePlan(doc, { nodes: 5000, seed: 7, checkIns: 0 });
    const plan = openPlan(doc, { now: () => Date.UTC(2027, 11, 15), newId: () => 'x', actor: 't' });
    const snapshot = snapshotFromIndex(plan.index);
    const layout = layoutCascade(snapshot, { ...defaultLayoutOptions, collapseDepth: 99 });
    expect(layout.rows.length).toBe(snapshot.ids.length);
    expect(new Set(layout.rows).size).toBe(snapshot.ids.length);
    expect(overlaps(layout)).toBe(0);
    // Every linked child sits one level deeper than its parent.
    for (let card = 0; card < layout.rows.length; card++) {
      const parent = layout.linkParent[card]!;
      if (parent >= 0) expect(layout.y[card]!).toBeGreaterThan(layout.y[parent]!);
    }
  });
});

/** How wide a card shows when the layout is fitted to the screen (the canvas's Fit). */
function cardPixelsAtFit(layout: CascadeLayout, screen: { width: number; height: number }): number {
  return fitView(layout.bounds, screen.width, screen.height, { maxK: Infinity }).k * layout.cardWidth;
}

/** The sample company plan ("Sample: Northwind 2027"), as a snapshot. */
function samplePlan() {
  const doc = new Y.Doc({ gc: false });
  let id = 0;
  const ctx = { now: () => Date.UTC(2027, 2, 1), newId: () => `n${++id}`, actor: 'ada' };
  buildSamplePlan(doc, ctx);
  const plan = openPlan(doc, ctx);
  return snapshotFromIndex(plan.index);
}

/** A random forest in outline order (a row's subtree follows it), with random open rows. */
const forests = fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 160, size: 'max' }).map((rows) => {
  const parent = new Int32Array(rows.length);
  const depth = new Uint16Array(rows.length);
  const health = new Uint8Array(rows.length);
  const open = new Uint8Array(rows.length);
  const path: number[] = []; // the previous row and its ancestors
  rows.forEach(([pick, isOpen, healthRank], row) => {
    const up = pick % (path.length + 1); // 0: a top-level row, else one of the path's rows
    path.length = up;
    parent[row] = up === 0 ? -1 : path[up - 1]!;
    depth[row] = up + 1;
    health[row] = healthRank;
    open[row] = isOpen ? 1 : 0;
    path.push(row);
  });
  // Only rows with children can be open; a closed row hides its subtree.
  const hasChildren = new Uint8Array(rows.length);
  for (const up of parent) if (up >= 0) hasChildren[up] = 1;
  for (let row = 0; row < rows.length; row++) if (!hasChildren[row]) open[row] = 0;
  return { parent, depth, health, open };
});

/** Rows shown: every ancestor open. */
function shownRows(structure: { parent: Int32Array; open: Uint8Array }): number[] {
  const shown: number[] = [];
  for (let row = 0; row < structure.parent.length; row++) {
    let up = structure.parent[row]!;
    while (up >= 0 && structure.open[up] === 1) up = structure.parent[up]!;
    if (up < 0) shown.push(row);
  }
  return shown;
}

describe('cascade layout: wide subtrees stacked to fit the screen (rule 6)', () => {
  const screen = { width: 860, height: 546 };

  it("the sample plan's whole cascade, fitted to the canvas, shows readable columns instead of a strip of specks", () => {
    const snapshot = samplePlan();
    for (const collapseDepth of [3, 4, 99]) {
      const options: LayoutOptions = { ...defaultLayoutOptions, collapseDepth, screen };
      const stacked = layoutCascade(snapshot, options);
      const plain = layoutCascade(snapshot, { ...options, screen: { width: 100_000, height: 100_000 } });
      expect(stacked.rows.length).toBe(plain.rows.length);
      expect(cardPixelsAtFit(plain, screen)).toBeLessThan(20);
      expect(cardPixelsAtFit(stacked, screen)).toBeGreaterThan((collapseDepth === 99 ? 5 : 2.5) * cardPixelsAtFit(plain, screen));
      expect(overlaps(stacked)).toBe(0);
      expect(stacked.blocks.length).toBeGreaterThan(0);
    }
  });

  it('a stack lists its subtree in outline order below its top card, each card indented by its depth below the top', () => {
    const snapshot = samplePlan();
    const layout = layoutCascade(snapshot, { ...defaultLayoutOptions, collapseDepth: 99, screen });
    expect(layout.blocks.length).toBeGreaterThan(0);
    for (let b = 0; b < layout.blocks.length; b++) {
      const top = layout.blocks[b]!.parentCard;
      const topRow = layout.rows[top]!;
      const members = Array.from(layout.blockOf.keys()).filter((card) => layout.blockOf[card] === b);
      // Outline order: the rows of the top card's subtree, in order, each one line further down.
      expect(members.map((card) => layout.rows[card])).toEqual(members.map((card) => layout.rows[card]).sort((p, q) => p! - q!));
      members.forEach((card, line) => {
        const row = layout.rows[card]!;
        expect(layout.y[card]).toBeCloseTo(layout.y[top]! + (line + 1) * (CARD.height + CARD.rowGap));
        expect(layout.x[card]).toBeCloseTo(layout.x[top]! + (snapshot.depth[row]! - snapshot.depth[topRow]!) * CARD.indent);
        expect(layout.linkParent[card]).toBe(-1); // the block is linked, not each card
      });
    }
  });

  it('a plan readable as it is, the left-to-right picture and very large pictures keep the plain tree', () => {
    const { snapshot, initiative } = wideInitiative(5);
    const small = layoutCascade(snapshot, { ...defaultLayoutOptions, expanded: new Set([initiative]), screen });
    expect(small.blocks).toHaveLength(0);
    expect(cardPixelsAtFit(small, screen)).toBeGreaterThanOrEqual(READABLE_CARD_PX);
    const sample = samplePlan();
    const across: LayoutOptions = { ...defaultLayoutOptions, collapseDepth: 99, orientation: 'left-right', screen };
    const leftRight = layoutCascade(sample, across);
    const leftRightPlain = layoutCascade(sample, { ...across, screen: { width: 100_000, height: 100_000 } });
    expect(Array.from(leftRight.x)).toEqual(Array.from(leftRightPlain.x));
    expect(Array.from(leftRight.y)).toEqual(Array.from(leftRightPlain.y));
    // 1,400 open items of three tasks each, side by side: 5,600 cards, past the stacking's limit.
    const rows = 1400 * 4;
    const parent = new Int32Array(rows), depth = new Uint16Array(rows), open = new Uint8Array(rows);
    for (let row = 0; row < rows; row++) {
      const top = row % 4 === 0;
      parent[row] = top ? -1 : row - (row % 4);
      depth[row] = top ? 1 : 2;
      open[row] = top ? 1 : 0;
    }
    expect(rows).toBeGreaterThan(STACK_MAX_CARDS);
    const wide = { orientation: 'top-down' as const, open, focusRow: -1, wrapAt: 6, screenWidth: screen.width, screenHeight: screen.height };
    const large = layoutResolved({ parent, depth, health: new Uint8Array(rows) }, wide);
    expect(large.blocks).toHaveLength(0);
    expect(cardPixelsAtFit(large, screen)).toBeLessThan(1);
  });

  it('any tree on any screen: every shown row placed once, no two cards overlap, never a smaller fit than the plain tree', () => {
    fc.assert(fc.property(forests, fc.integer({ min: 200, max: 2000 }), fc.integer({ min: 200, max: 1400 }), (forest, width, height) => {
      const structure: LayoutStructure = { parent: forest.parent, depth: forest.depth, health: forest.health };
      const resolved = { orientation: 'top-down' as const, open: forest.open, focusRow: -1, wrapAt: 6, screenWidth: width, screenHeight: height };
      const layout = layoutResolved(structure, resolved);
      const plain = layoutResolved(structure, { ...resolved, screenWidth: 1e7, screenHeight: 1e7 });
      const shown = shownRows(forest);
      expect(Array.from(layout.rows).sort((a, b) => a - b)).toEqual(shown);
      for (const row of shown) expect(layout.rows[layout.cardOfRow[row]!]).toBe(row);
      expect(overlaps(layout)).toBe(0);
      expect(cardPixelsAtFit(layout, { width, height })).toBeGreaterThanOrEqual(cardPixelsAtFit(plain, { width, height }) - 1e-9);
      // The same input lays out the same picture.
      const again = layoutResolved(structure, resolved);
      expect(Array.from(again.x)).toEqual(Array.from(layout.x));
      expect(Array.from(again.y)).toEqual(Array.from(layout.y));
    }), { numRuns: 300, seed: 2027 });
  });
});

describe('cascade snapshot', () => {
  it('patches a retitled node in place and reports a structural change', () => {
    const { plan, initiative, taskIds, snapshot } = wideInitiative(3);
    plan.setTitle(initiative, 'Spring campaign');
    expect(patchSnapshot(snapshot, plan.index, plan.index.refresh(plan.index.now))).toBe(true);
    expect(snapshot.titles[snapshot.rowOf.get(initiative)!]).toBe('Spring campaign');
    plan.moveNode(taskIds[2]!, { parent: initiative, index: 0 });
    expect(patchSnapshot(snapshot, plan.index, plan.index.refresh(plan.index.now))).toBe(false);
  });

  it('a remote edit to a hidden node recounts the health bar of the closed card that hides it', () => {
    const { plan, initiative, taskIds, snapshot } = wideInitiative(4);
    const layout = layoutCascade(snapshot, defaultLayoutOptions);
    const card = cardOf(layout, snapshot, initiative);
    const bar = () => [...layout.hiddenHealth.subarray(card * 3, card * 3 + 3)];
    expect(bar()).toEqual([3, 1, 0]);
    plan.updateNode(taskIds[0]!, { status: 'blocked' });
    plan.updateNode(taskIds[1]!, { status: 'blocked' });
    expect(patchSnapshot(snapshot, plan.index, plan.index.refresh(plan.index.now))).toBe(true);
    recountHiddenHealth(layout, snapshot);
    // The same counts a fresh layout of the patched snapshot gives.
    const fresh = layoutCascade(snapshot, defaultLayoutOptions);
    expect(bar()).toEqual([...fresh.hiddenHealth.subarray(card * 3, card * 3 + 3)]);
    expect(bar()).not.toEqual([3, 1, 0]);
    expect(bar()).toEqual([3, 1, 0].map((_, rank) => taskIds.filter((id) => snapshot.health[snapshot.rowOf.get(id)!] === rank).length));
  });
});
