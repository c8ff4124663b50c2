import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/store/app-store.js';
import { nodeId } from '../../shared/model/support.js';

describe('the app store', () => {
  it('toggles collapsed nodes without mutating the previous set', () => {
    const store = createAppStore();
    const before = store.getState().collapsed;
    store.getState().toggleCollapsed(nodeId('a'));
    expect(store.getState().collapsed.has(nodeId('a'))).toBe(true);
    expect(before.has(nodeId('a'))).toBe(false);
    store.getState().toggleCollapsed(nodeId('a'));
    expect(store.getState().collapsed.has(nodeId('a'))).toBe(false);
    store.getState().toggleCollapsed(nodeId('b'), true);
    store.getState().toggleCollapsed(nodeId('b'), true);
    expect([...store.getState().collapsed]).toEqual(['b']);
  });

  it('merges filters and keeps selection stable when unchanged', () => {
    const store = createAppStore();
    store.getState().setFilters({ owner: 'p1' });
    store.getState().setFilters({ health: 'at_risk' });
    expect(store.getState().filters).toMatchObject({ owner: 'p1', health: 'at_risk', team: '' });
    store.getState().select(nodeId('n1'));
    const state = store.getState();
    store.getState().select(nodeId('n1'));
    expect(store.getState()).toBe(state);
  });

  it('keeps at most three notices, newest last', () => {
    const store = createAppStore();
    for (const text of ['a', 'b', 'c', 'd']) store.getState().notify({ text, tone: 'info' });
    expect(store.getState().notices.map((notice) => notice.text)).toEqual(['b', 'c', 'd']);
    store.getState().dismissNotice(store.getState().notices[0]!.id);
    expect(store.getState().notices.map((notice) => notice.text)).toEqual(['c', 'd']);
  });

  it('never pushes out a persistent notice (words someone typed, kept nowhere else) for passing ones', () => {
    const store = createAppStore();
    store.getState().notify({ text: 'kept words', tone: 'error', persistent: true });
    for (const text of ['a', 'b', 'c', 'd']) store.getState().notify({ text, tone: 'info' });
    expect(store.getState().notices.map((notice) => notice.text)).toEqual(['kept words', 'b', 'c', 'd']);
    store.getState().dismissNotice(store.getState().notices[0]!.id);
    expect(store.getState().notices.map((notice) => notice.text)).toEqual(['b', 'c', 'd']);
  });

  it('bumps the plan version on every change', () => {
    const store = createAppStore();
    const version = store.getState().planVersion;
    store.getState().planChanged(new Set(['x']));
    expect(store.getState().planVersion).toBe(version + 1);
    expect([...store.getState().changedIds]).toEqual(['x']);
  });
});
