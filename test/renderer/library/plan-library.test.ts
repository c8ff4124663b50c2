import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { LibraryError, PlanLibrary, checkName, keptName, pooledRandomBytes, randomId, roomIdPattern } from '../../../renderer/src/library/plan-library.js';

describe('the plan library', () => {
  it('lists plans most recently opened first and moves a plan up when opened', () => {
    const library = new PlanLibrary(memoryStore());
    library.put({ id: 'a', name: 'Alpha', createdAt: 1, openedAt: 1 });
    library.put({ id: 'b', name: 'Beta', createdAt: 2, openedAt: 2 });
    expect(library.list().map((p) => p.id)).toEqual(['b', 'a']);
    library.touch('a', 3);
    expect(library.list().map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('keeps a plan never opened here (fetched to be renamed) below every opened one, until it is opened', () => {
    const library = new PlanLibrary(memoryStore());
    library.put({ id: 'a', name: 'Alpha', createdAt: 1, openedAt: 1 });
    library.put({ id: 'k', name: 'Kept', createdAt: 5 });
    expect(library.list().map((p) => [p.id, p.openedAt])).toEqual([['a', 1], ['k', undefined]]);
    library.touch('k', 6);
    expect(library.list().map((p) => [p.id, p.openedAt])).toEqual([['k', 6], ['a', 1]]);
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
  it('hands out the random bytes of its source once each, in order, whatever the sizes asked (pooled random bytes)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 40 }), (sizes) => {
      // A source whose every byte is distinct in sequence (a counter over 32 bits, written 4 bytes a step).
      let counter = 0;
      const given: number[] = [];
      let calls = 0;
      const fill = (buffer: Uint8Array) => {
        calls++;
        for (let i = 0; i < buffer.length; i++) { buffer[i] = (counter >>> ((i % 4) * 8)) & 0xff; if (i % 4 === 3) counter++; }
        given.push(...buffer);
        return buffer;
      };
      const take = pooledRandomBytes(fill);
      const handed: number[] = [];
      for (const size of sizes) {
        const out = take(new Uint8Array(size));
        expect(out).toHaveLength(size);
        handed.push(...out);
      }
      // Never a byte twice, never one skipped: what was handed out is the source's bytes in order, asked
      // for a pool (4,096 bytes) at a time.
      expect(handed).toEqual(given.slice(0, handed.length));
      expect(calls).toBe(Math.ceil(handed.length / 4096));
    }), { numRuns: 200 });
  });

  it('takes a pool of random bytes for many ids, and the ids differ', () => {
    let calls = 0;
    const next = pooledRandomBytes((buffer) => { calls++; return crypto.getRandomValues(buffer); });
    const ids = Array.from({ length: 1000 }, () => randomId(next));
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(roomIdPattern);
    // 16 bytes an id, 4,096 a pool: four calls for 16,000 bytes, not a thousand.
    expect(calls).toBe(4);
  });

  it('refuses a typed name with a control character or of only spaces or zero-width characters, naming the problem', () => {
    const library = new PlanLibrary(memoryStore());
    library.put({ id: 'a', name: 'Budget', createdAt: 1, openedAt: 1 });
    expect(() => checkName('Q1\u0007')).toThrow('The plan name contains a control character (U+0007), which does not show; delete it.');
    expect(() => library.rename('a', '\u200B\u200B')).toThrow('The plan name is only invisible characters (U+200B), which show nothing: type a name that shows.');
    expect(() => library.rename('a', '\u2060')).toThrow(LibraryError);
    expect(() => library.rename('a', ' \uFEFF ')).toThrow(LibraryError);
    expect(library.get('a')?.name).toBe('Budget');
    expect(checkName(' Plan 2027 ')).toBe('Plan 2027');
  });

  it('keeps a name from elsewhere (a file, another device) listed: control characters as signs, one that shows nothing replaced', () => {
    const library = new PlanLibrary(memoryStore());
    expect(library.put({ id: 'b', name: 'Bell\u0007', createdAt: 1, openedAt: 1 }).name).toBe('Bell␇');
    expect(library.put({ id: 'c', name: '\u200B', createdAt: 1, openedAt: 1 }).name).toBe('Untitled plan');
    expect(keptName('\u2060 ', 'report')).toBe('report');
    expect(keptName('x'.repeat(300))).toHaveLength(200);
  });
});
