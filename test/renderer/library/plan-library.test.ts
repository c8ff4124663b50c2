import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { LibraryError, PlanLibrary, randomId, roomIdPattern } from '../../../renderer/src/library/plan-library.js';

describe('the plan library', () => {
  it('lists plans most recently opened first and moves a plan up when opened', () => {
    const library = new PlanLibrary(memoryStore());
    library.put({ id: 'a', name: 'Alpha', createdAt: 1, openedAt: 1 });
    library.put({ id: 'b', name: 'Beta', createdAt: 2, openedAt: 2 });
    expect(library.list().map((p) => p.id)).toEqual(['b', 'a']);
    library.touch('a', 3);
    expect(library.list().map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('renames with a trimmed name and refuses an empty one', () => {
    const library = new PlanLibrary(memoryStore());
    library.put({ id: 'a', name: 'Alpha', createdAt: 1, openedAt: 1 });
    expect(library.rename('a', '  FY27 plan ').name).toBe('FY27 plan');
    expect(() => library.rename('a', '   ')).toThrow(LibraryError);
    expect(() => library.rename('missing', 'x')).toThrow(/No plan with id "missing"/);
  });

  it('removes plans and suggests unique names', () => {
    const library = new PlanLibrary(memoryStore());
    library.put({ id: 'a', name: 'Plan', createdAt: 1, openedAt: 1 });
    library.put({ id: 'b', name: 'Plan (2)', createdAt: 1, openedAt: 1 });
    expect(library.uniqueName('Plan')).toBe('Plan (3)');
    expect(library.uniqueName('Other')).toBe('Other');
    library.remove('a');
    expect(library.list().map((p) => p.id)).toEqual(['b']);
  });

  it('survives damaged storage by starting empty', () => {
    const store = memoryStore();
    store.setItem('throughline:library:v1', '{not json');
    expect(new PlanLibrary(store).list()).toEqual([]);
    store.setItem('throughline:library:v1', JSON.stringify([{ id: 'bad id!', name: 1 }]));
    expect(new PlanLibrary(store).list()).toEqual([]);
  });

  it('makes random ids that fit a room URL', () => {
    let seed = 7;
    const bytes = (buffer: Uint8Array) => buffer.map(() => (seed = (seed * 1103515245 + 12345) % 256));
    const id = randomId(bytes);
    expect(id).toHaveLength(16);
    expect(id).toMatch(roomIdPattern);
  });
});
