// review43a F2: when someone else deletes the row a keyboard user has selected, the selection goes to the
// row after it (or the nearest one before it at its level or above) and the notice names who deleted it.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openPlan, type NodeId } from '../../../shared/model/index.js';
import type { OutlineRow } from '../../../renderer/src/outline/outline-rows.js';
import { rowAfterGone } from '../../../renderer/src/outline/use-kept-place.js';
import { deletedBy } from '../../../renderer/src/session/deleted-elsewhere.js';
import { DAY, T0, TestContext, newPlan, smallCascade, syncDocs } from '../../shared/model/support.js';

describe('who deleted the selected row', () => {
  it('names the person who deleted it or the ancestor it went with, on the other replica; null while it is live', () => {
    const ada = newPlan({ actor: 'ada', prefix: 'a' });
    const cascade = smallCascade(ada.plan);
    const boDoc = new Y.Doc();
    syncDocs(ada.doc, boDoc);
    const bo = openPlan(boDoc, new TestContext(T0, 'bo', 'b'));
    bo.index.refresh(T0);
    expect(deletedBy(bo.index, cascade.keyResult)).toBeNull();
    ada.ctx.time = T0 + DAY;
    ada.plan.deleteNode(cascade.objective);
    syncDocs(ada.doc, boDoc);
    bo.index.refresh(T0 + DAY);
    expect(bo.index.node(cascade.task)).toBeUndefined();
    for (const id of [cascade.objective, cascade.keyResult, cascade.task]) expect(deletedBy(bo.index, id)).toBe('ada');
    expect(deletedBy(bo.index, cascade.strategy)).toBeNull();
  });
});

/** Outline rows of valid depths (each at most one below the row above, the first at the top). */
const rowsArbitrary = fc.array(fc.nat(3), { minLength: 1, maxLength: 30 }).map((steps) => {
  const rows: OutlineRow[] = [];
  for (const [position, step] of steps.entries()) {
    const above = rows[position - 1]?.depth ?? -1;
    rows.push({ id: `n${position}` as NodeId, depth: Math.min(above + 1, step), hasChildren: false, collapsed: false, matches: true });
  }
  return rows;
});

describe('the row the keyboard goes to', () => {
  it('is the first row after the deleted subtree, else the nearest before it at its level or above; none only when nothing is left', () => {
    fc.assert(fc.property(rowsArbitrary, fc.nat(), (before, pick) => {
      const at = pick % before.length;
      const depth = before[at]!.depth;
      let end = at + 1;
      while (end < before.length && before[end]!.depth > depth) end += 1;
      const after = [...before.slice(0, at), ...before.slice(end)];
      const next = rowAfterGone(before, after, before[at]!.id);
      const expected = after.length === 0 ? null : before[end]?.id ?? [...before.slice(0, at)].reverse().find((row) => row.depth <= depth)!.id;
      expect(next).toBe(expected);
    }));
  });

  it('is none for a row that was not shown', () => {
    const rows: OutlineRow[] = [{ id: 'a' as NodeId, depth: 0, hasChildren: false, collapsed: false, matches: true }];
    expect(rowAfterGone(rows, rows, 'b' as NodeId)).toBeNull();
  });
});
