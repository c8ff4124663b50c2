// canvas43 F4: what the canvas and the outline both say and do when someone else deletes the selected node:
// the nearest node left (next sibling, else previous, else parent) and who deleted what, on a real second replica.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openPlan, type NodeId } from '../../../shared/model/index.js';
import { deletedElsewhereBy, deletedElsewhereText, nearestRemaining, neighbourhoodOf, type Neighbourhood } from '../../../renderer/src/session/deleted-elsewhere.js';
import { DAY, T0, TestContext, newPlan, smallCascade, syncDocs } from '../../shared/model/support.js';

/** The words without their bidi isolation marks (each title and name is isolated). */
const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

function twoReplicas() {
  const ada = newPlan({ actor: 'ada', prefix: 'a' });
  const cascade = smallCascade(ada.plan);
  const second = ada.plan.createNode({ kind: 'initiative', parent: cascade.keyResult, title: 'Partners', status: 'active' });
  const third = ada.plan.createNode({ kind: 'initiative', parent: cascade.keyResult, title: 'Events', status: 'active' });
  const boDoc = new Y.Doc();
  syncDocs(ada.doc, boDoc);
  const bo = openPlan(boDoc, new TestContext(T0, 'bo', 'b'));
  bo.index.refresh(T0);
  let time = T0;
  const adaDeletes = (id: NodeId) => {
    time += DAY;
    ada.ctx.time = time;
    ada.plan.deleteNode(id);
    syncDocs(ada.doc, boDoc);
    bo.index.refresh(time);
  };
  return { bo, cascade, initiatives: [cascade.initiative, second, third] as const, adaDeletes };
}

describe('the card the selection goes to when someone else deletes it', () => {
  it('is the next sibling, else the previous one, else the parent; a deleted parent is stepped over from its own place', () => {
    const { bo, cascade, initiatives: [first, second, third], adaDeletes } = twoReplicas();
    const live = (id: NodeId) => bo.index.node(id) !== undefined;
    let place = neighbourhoodOf(bo.index, second);
    adaDeletes(second);
    expect(nearestRemaining(place, live)).toBe(third);
    expect(deletedElsewhereBy(bo.index, second, 'bo')).toBe('ada');
    expect(deletedElsewhereBy(bo.index, second, 'ada')).toBeNull();
    expect(plain(deletedElsewhereText(bo.index, second, 'ada', third))).toBe('Initiative “Partners” was deleted by ada. Now on initiative “Events”.');
    place = neighbourhoodOf(bo.index, third);
    adaDeletes(third);
    expect(nearestRemaining(place, live)).toBe(first);
    place = neighbourhoodOf(bo.index, cascade.task);
    adaDeletes(first);
    // The task went with its initiative, which had no sibling left: the key result above.
    expect(deletedElsewhereBy(bo.index, cascade.task, 'bo')).toBe('ada');
    expect(nearestRemaining(place, live)).toBe(cascade.keyResult);
    place = neighbourhoodOf(bo.index, cascade.keyResult);
    adaDeletes(cascade.strategy);
    expect(nearestRemaining(place, live)).toBeNull();
    expect(plain(deletedElsewhereText(bo.index, cascade.keyResult, 'ada', null))).toBe('Key result “Revenue” was deleted by ada. Nothing is selected.');
  });
});

/** A node's place: per level, its siblings (the node among them) and which of them are still there. */
const placeArbitrary = fc.array(fc.record({ before: fc.array(fc.boolean(), { maxLength: 4 }), after: fc.array(fc.boolean(), { maxLength: 4 }), self: fc.boolean() }), { minLength: 1, maxLength: 4 });

describe('nearestRemaining', () => {
  it('is the first live node in the order next siblings, previous siblings (nearest first), the parent, then the same one level up', () => {
    fc.assert(fc.property(placeArbitrary, (levels) => {
      const liveIds = new Set<NodeId>();
      const expected: NodeId[] = [];
      const neighbourhood: Neighbourhood = levels.map((level, depth) => {
        const name = (side: string, at: number) => `${depth}${side}${at}` as NodeId;
        const before = level.before.map((on, at) => { const id = name('b', at); if (on) liveIds.add(id); return id; });
        const after = level.after.map((on, at) => { const id = name('a', at); if (on) liveIds.add(id); return id; });
        const id = name('self', 0);
        // The selected node itself went; above it, a node is live or went with it.
        if (depth > 0 && level.self) liveIds.add(id);
        if (depth > 0) expected.push(id);
        expected.push(...after, ...[...before].reverse());
        return { id, siblings: [...before, id, ...after] };
      });
      const live = (id: NodeId) => liveIds.has(id);
      expect(nearestRemaining(neighbourhood, live)).toBe(expected.find(live) ?? null);
    }));
  });
});
