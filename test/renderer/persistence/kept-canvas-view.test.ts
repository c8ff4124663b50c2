import { describe, expect, it } from 'vitest';
import type { NodeId, PlanId } from '../../../shared/model/ids.js';
import { keepCanvasView, readKeptCanvasView, restoreKeptCanvasView, takeViewportToRestore } from '../../../renderer/src/persistence/kept-canvas-view.js';
import type { CanvasPrefs } from '../../../renderer/src/store/app-state.js';

/** A tab's session storage, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() { return items.size; },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => { items.delete(key); },
    setItem: (key, value) => { items.set(key, value); },
  };
}

const plan = 'PlanKept01' as PlanId;
const prefs: CanvasPrefs = {
  orientation: 'left-right', collapseDepth: 99, expanded: new Set(['n1' as NodeId]), collapsed: new Set(['n2' as NodeId]),
  focusId: 'n3' as NodeId, riskMode: 'blocked', showLinks: true,
};

describe('the canvas view a reload keeps (canvas43 F5)', () => {
  it('keeps the layout choices, the opened and closed cards, the view and the selected card, per plan, not the focus', () => {
    const storage = memoryStorage();
    keepCanvasView(plan, prefs, { cx: 120, cy: -40, k: 0.5 }, 'n4' as NodeId, storage);
    const kept = readKeptCanvasView(plan, storage)!;
    expect(kept).toEqual({ orientation: 'left-right', collapseDepth: 99, expanded: new Set(['n1']), collapsed: new Set(['n2']), riskMode: 'blocked', showLinks: true, viewport: { cx: 120, cy: -40, k: 0.5 }, selectedId: 'n4' });
    expect(readKeptCanvasView('OtherPlan01' as PlanId, storage)).toBeNull();
  });

  it('gives the choices back as the plan opens and the view once, to the first showing of the canvas', () => {
    const storage = memoryStorage();
    keepCanvasView(plan, prefs, { cx: 1, cy: 2, k: 3 }, null, storage);
    const set: Partial<CanvasPrefs>[] = [];
    restoreKeptCanvasView(plan, { setCanvas: (patch) => set.push(patch), select: () => { throw new Error('nothing was selected'); }, holds: () => true }, true, storage);
    expect(set).toHaveLength(1);
    expect(set[0]).toMatchObject({ collapseDepth: 99, orientation: 'left-right', focusId: null });
    expect(takeViewportToRestore(plan)).toEqual({ cx: 1, cy: 2, k: 3 });
    expect(takeViewportToRestore(plan)).toBeNull();
  });

  it('selects the kept card again when the plan opens on the cascade and still holds it, and only then', () => {
    const storage = memoryStorage();
    keepCanvasView(plan, prefs, null, 'n4' as NodeId, storage);
    const restore = (holds: boolean, onCanvas: boolean) => {
      const selected: NodeId[] = [];
      restoreKeptCanvasView(plan, { setCanvas: () => undefined, select: (id) => selected.push(id), holds: (id) => holds && id === 'n4' }, onCanvas, storage);
      return selected;
    };
    expect(restore(true, true)).toEqual(['n4']);
    // Deleted by someone else meanwhile: nothing selected, not a card that is not there.
    expect(restore(false, true)).toEqual([]);
    // A reload of another view keeps its own (no) selection.
    expect(restore(true, false)).toEqual([]);
  });

  it('reads what an earlier build kept (no selected card) as nothing selected', () => {
    const storage = memoryStorage();
    storage.setItem(`throughline:canvas-view:${plan}`, JSON.stringify({ orientation: 'top-down', collapseDepth: 4, expanded: [], collapsed: [], riskMode: 'off', showLinks: false, viewport: null }));
    expect(readKeptCanvasView(plan, storage)?.selectedId).toBeNull();
  });

  it.each([
    ['not JSON', '{'],
    ['a zoom of 0', JSON.stringify({ orientation: 'top-down', collapseDepth: 4, expanded: [], collapsed: [], riskMode: 'off', showLinks: false, viewport: { cx: 0, cy: 0, k: 0 } })],
    ['an unknown direction', JSON.stringify({ orientation: 'sideways', collapseDepth: 4, expanded: [], collapsed: [], riskMode: 'off', showLinks: false, viewport: null })],
  ])('drops what is stored when it is not a kept view (%s)', (_what, text) => {
    const storage = memoryStorage();
    storage.setItem(`throughline:canvas-view:${plan}`, text);
    expect(readKeptCanvasView(plan, storage)).toBeNull();
    expect(storage.length).toBe(0);
  });
});
