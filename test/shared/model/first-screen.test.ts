// The stored first screen (issue #18): built from the real index, tagged with the doc's state
// vector, and refused whenever it is corrupt, hostile, another plan's, or of another state.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openPlan, PlanIndex, ROOT_ID } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { FIRST_SCREEN_ROWS, cacheMatches, firstScreenOf, parseFirstScreen, type FirstScreen } from '../../../shared/model/first-screen.js';
import { outlineRows } from '../../../renderer/src/outline/outline-rows.js';

function generated(nodes = 1200) {
  const doc = new Y.Doc();
  const plan = generatePlan(doc, { nodes, checkIns: nodes * 2, seed: 7 });
  const index = new PlanIndex(doc, { now: plan.now });
  return { doc, plan, index };
}

/** A structured clone, as IndexedDB stores and returns it. */
function stored(value: unknown): unknown {
  return structuredClone(value);
}

describe('firstScreenOf', () => {
  it('holds the first rows of the fully expanded outline, in outline order, with their live values', () => {
    const { doc, index } = generated();
    const firstScreen = firstScreenOf(index, 'plan1', Y.encodeStateVector(doc), null);
    const live = outlineRows({ rootId: ROOT_ID, children: (id) => index.children(id) }, new Set());
    expect(firstScreen.rowCount).toBe(live.length);
    expect(firstScreen.rows).toHaveLength(FIRST_SCREEN_ROWS);
    firstScreen.rows.forEach((row, i) => {
      const node = index.node(row.id)!;
      expect(row).toEqual({ id: live[i]!.id, parent: node.parent, depth: live[i]!.depth, kind: node.kind, title: node.title, progress: node.progress, health: node.health, hasChildren: live[i]!.hasChildren });
    });
    expect(firstScreen.summary).toEqual({ progress: index.summary().progress, health: index.summary().health });
  });

  it('survives IndexedDB (a structured clone) and parses back to the same first screen', () => {
    const { doc, index } = generated(300);
    const firstScreen = firstScreenOf(index, 'plan1', Y.encodeStateVector(doc), [{ id: 'blocked', question: 'Who is blocked?', figure: '3', counted: 'teams', detail: 'd', tone: 'bad' }]);
    const parsed = parseFirstScreen(stored(firstScreen), 'plan1');
    expect(parsed).toEqual({ ok: true, firstScreen });
  });
});

describe('cacheMatches', () => {
  it('matches only the exact state it was read from: any later edit, local or remote, makes it stale', () => {
    const { doc, index, plan } = generated(300);
    const firstScreen = firstScreenOf(index, 'plan1', Y.encodeStateVector(doc), null);
    expect(cacheMatches(firstScreen, Y.encodeStateVector(doc))).toBe(true);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(cacheMatches(firstScreen, Y.encodeStateVector(other))).toBe(true);
    // A remote client's edit: a new client id in the state vector.
    const edits = openPlan(other, { now: () => plan.now, newId: () => 'renamed1', actor: 'someone' });
    edits.setTitle(plan.ids.strategy[0]!, 'Renamed elsewhere');
    expect(cacheMatches(firstScreen, Y.encodeStateVector(other))).toBe(false);
    // Another plan entirely.
    expect(cacheMatches(firstScreen, Y.encodeStateVector(generated(50).doc))).toBe(false);
    expect(cacheMatches(firstScreen, Y.encodeStateVector(new Y.Doc()))).toBe(false);
  });

  it('treats an undecodable stored state vector as not matching instead of throwing', () => {
    const { doc, index } = generated(50);
    const firstScreen: FirstScreen = { ...firstScreenOf(index, 'plan1', Y.encodeStateVector(doc), null), stateVector: new Uint8Array([0xff, 0xff, 0xff]) };
    expect(cacheMatches(firstScreen, Y.encodeStateVector(doc))).toBe(false);
  });
});

describe('parseFirstScreen refuses what must not be painted', () => {
  const { doc, index } = generated(300);
  const good = firstScreenOf(index, 'plan1', Y.encodeStateVector(doc), null);

  const refusals: [string, unknown, RegExp][] = [
    ['nothing stored', undefined, /no first screen/],
    ['a string', 'garbage', /not valid/],
    ['another plan', { ...good, planId: 'plan2' }, /another plan \(plan2\)/],
    ['another format', { ...good, format: 2 }, /format/],
    ['state vector not bytes', { ...good, stateVector: [1, 2, 3] }, /stateVector/],
    ['too many rows', { ...good, rows: Array.from({ length: FIRST_SCREEN_ROWS + 1 }, (_, i) => ({ ...good.rows[0]!, id: `n${i}` })) }, /rows/],
    ['progress above 1', { ...good, rows: [{ ...good.rows[0]!, progress: 7 }] }, /progress/],
    ['progress NaN', { ...good, rows: [{ ...good.rows[0]!, progress: Number.NaN }] }, /progress/],
    ['an unknown kind', { ...good, rows: [{ ...good.rows[0]!, kind: 'script' }] }, /kind/],
    ['an unknown health', { ...good, rows: [{ ...good.rows[0]!, health: 'great' }] }, /health/],
    ['a hostile id', { ...good, rows: [{ ...good.rows[0]!, id: '"><img src=x onerror=alert(1)>' }] }, /id/],
    ['a row named as the plan root', { ...good, rows: [{ ...good.rows[0]!, id: 'root' }] }, /rows\.0\.id: "root" is the plan root/],
    ['a parent that is no id', { ...good, rows: [{ ...good.rows[0]!, parent: '../x' }] }, /rows\.0\.parent/],
    ['an endless title', { ...good, rows: [{ ...good.rows[0]!, title: 'x'.repeat(100_000) }] }, /title/],
    ['a row under a row that is not there', { ...good, rows: [{ ...good.rows[0]!, parent: 'nowhere' }] }, /not under an earlier row/],
    ['a lying depth', { ...good, rows: [{ ...good.rows[0]!, depth: 40 }] }, /not under an earlier row/],
    ['a repeated row', { ...good, rows: [good.rows[0]!, good.rows[0]!] }, /not under an earlier row/],
    ['a row count below the rows held', { ...good, rowCount: 1 }, /fewer rows/],
    ['a huge state vector', { ...good, stateVector: new Uint8Array(2 << 20) }, /too large/],
  ];
  it.each(refusals)('%s', (_name, value, reason) => {
    const parsed = parseFirstScreen(stored(value), 'plan1');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('never throws and never accepts random values (property)', () => {
    fc.assert(fc.property(fc.anything({ withTypedArray: true, withMap: true, withSet: true }), (value) => {
      expect(parseFirstScreen(value, 'plan1').ok).toBe(false);
    }), { numRuns: 500 });
  });

  it('never accepts a valid first screen with one field mangled to another type (property)', () => {
    const keys = Object.keys(good) as (keyof FirstScreen)[];
    fc.assert(fc.property(fc.constantFrom(...keys), fc.oneof(fc.string(), fc.integer({ min: -5, max: -1 }), fc.constant(null), fc.object()), (key, value) => {
      fc.pre(!(key === 'pulse' && value === null) && !(key === 'name' && typeof value === 'string'));
      expect(parseFirstScreen({ ...good, [key]: value }, 'plan1').ok).toBe(false);
    }), { numRuns: 300 });
  });
});

describe('the first screen checked by hand answers as the zod schema does', () => {
  const { doc, index } = generated(300);
  const good = firstScreenOf(index, 'plan1', Y.encodeStateVector(doc), [
    { id: 'on-track', question: 'Are we on track?', figure: '62%', counted: '120 key results', detail: 'weighted by progress', tone: 'good' },
  ]);
  /** Every path to a leaf of the first screen: `rows.3.title`, `pulse.0.tone`, `summary.health`… */
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) walk(inner, [...path, Array.isArray(value) ? Number(key) : key]);
  };
  walk(good, []);
  const replaced = (value: unknown, path: readonly (string | number)[], by: unknown): unknown => {
    if (path.length === 0) return by;
    const [head, ...rest] = path;
    const copy: Record<string | number, unknown> = Array.isArray(value) ? [...value] as unknown as Record<number, unknown> : { ...(value as Record<string, unknown>) };
    copy[head!] = replaced(copy[head!], rest, by);
    return copy;
  };
  const anyValue = fc.oneof(
    fc.string(), fc.string({ minLength: 480, maxLength: 1100, unit: 'grapheme' }), fc.constantFrom('root', 'n1', 'on_track', 'strategy', 'good', '', 'x'.repeat(65), '"><b>'),
    fc.double(), fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, 1, 0.5, 1.0000001, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, 100_001, 10_000_001),
    fc.boolean(), fc.constant(null), fc.constant(undefined), fc.object(), fc.array(fc.integer(), { maxLength: 3 }), fc.uint8Array({ maxLength: 4 }),
  );

  it('accepts and refuses the same first screens, with one value anywhere replaced (property)', () => {
    fc.assert(fc.property(fc.constantFrom(...paths), anyValue, (path, value) => {
      const mangled = stored(replaced(good, path, value));
      const byHand = parseFirstScreen(mangled, 'plan1');
      const bySchema = parseFirstScreen(mangled, 'plan1', true);
      expect(byHand.ok).toBe(bySchema.ok);
      if (byHand.ok && bySchema.ok) expect(byHand.firstScreen).toEqual(bySchema.firstScreen);
      // Both name the same field (the messages themselves differ).
      if (!byHand.ok && !bySchema.ok) expect(byHand.reason.replace(/: .*$/, '')).toBe(bySchema.reason.replace(/: .*$/, ''));
    }), { numRuns: 2000 });
  });

  it('keeps only the fields it knows, as the schema does', () => {
    const parsed = parseFirstScreen(stored({ ...good, extra: 'x', rows: [{ ...good.rows[0]!, onclick: 'alert(1)' }] }), 'plan1');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.firstScreen).not.toHaveProperty('extra');
      expect(parsed.firstScreen.rows[0]).not.toHaveProperty('onclick');
      expect(parsed.firstScreen).toEqual(parseFirstScreen(stored({ ...good, rows: [good.rows[0]!] }), 'plan1', true).ok ? { ...good, rows: [good.rows[0]!] } : null);
    }
  });
});
