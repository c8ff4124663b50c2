// The canvas layout is a pure function of the plan index: built here on real plans, no DOM.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, openPlan } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { CARD, defaultLayoutOptions, layoutCascade, recountHiddenHealth, type CascadeLayout, type LayoutOptions } from '../../../renderer/src/canvas/cascade-layout.js';
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
    const options: LayoutOptions = { ...defaultLayoutOptions, expanded: new Set([initiative]), wrapAt: 8 };
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
