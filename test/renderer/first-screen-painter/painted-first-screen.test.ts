// The first screen painted by the page's entry before the app has loaded (issue #18): it paints only
// what the app's own check accepts for the plan the address names, always marked "Updating…" and
// busy, and stored text only ever as text.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PlanIndex } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { firstScreenOf, parseFirstScreen, type FirstScreen } from '../../../shared/model/first-screen.js';
import { firstScreenToPaint, paintedOutline, paintedPage, paintedPulse, paintedRow, paintedViewOf, type PaintedElement, type PaintedNode } from '../../../renderer/src/first-screen-painter/painted-first-screen.js';
import { buildPainted } from '../../../renderer/src/first-screen-painter/first-screen-painter.js';

function stored(planId = 'plan1'): FirstScreen {
  const doc = new Y.Doc();
  const plan = generatePlan(doc, { nodes: 600, checkIns: 600, seed: 20 });
  const index = new PlanIndex(doc, { now: plan.now });
  return firstScreenOf(index, planId, Y.encodeStateVector(doc), [{ id: 'blocked', question: 'Who is blocked?', figure: '3', counted: 'teams', detail: 'since Monday', tone: 'bad' }]);
}

/** Every element of a painted description, depth first. */
function elements(node: PaintedNode): PaintedElement[] {
  if (typeof node === 'string') return [];
  return [node, ...(node.children ?? []).flatMap(elements)];
}

/** The text a painted description shows (its text nodes, joined). */
function shownText(node: PaintedNode): string {
  return typeof node === 'string' ? node : (node.children ?? []).map(shownText).join('');
}

const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>&amp;';

describe('firstScreenToPaint', () => {
  const firstScreen = stored();
  const clone = (value: unknown) => structuredClone(value);

  it('paints the stored first screen of the plan and view the address names, as the app parses it', () => {
    const toPaint = firstScreenToPaint('#/plan/plan1/outline', clone(firstScreen));
    expect(toPaint).toEqual({ ok: true, firstScreen, view: 'outline' });
    expect(firstScreenToPaint('#/plan/plan1/pulse', clone(firstScreen))).toMatchObject({ ok: true, view: 'pulse' });
    expect(parseFirstScreen(clone(firstScreen), 'plan1')).toEqual({ ok: true, firstScreen });
  });

  it('paints nothing for another plan\'s first screen, a corrupt one, or one whose rows are not an outline', () => {
    const cases: [unknown, RegExp][] = [
      [clone(stored('otherplan')), /another plan/],
      ['not a first screen', /not valid/],
      [{ ...clone(firstScreen) as object, format: 2 }, /not valid \(format/],
      [{ ...firstScreen, rows: [{ ...firstScreen.rows[0]!, progress: 1e9 }] }, /not valid \(rows\.0\.progress/],
      [{ ...firstScreen, rows: [{ ...firstScreen.rows[0]!, title: 'x'.repeat(501) }] }, /not valid \(rows\.0\.title/],
      [{ ...firstScreen, rows: [{ ...firstScreen.rows[0]!, kind: 'script' }] }, /not valid \(rows\.0\.kind/],
      [{ ...firstScreen, rows: [{ ...firstScreen.rows[0]!, id: '"><img>' }] }, /not valid \(rows\.0\.id/],
      [{ ...firstScreen, stateVector: [1, 2, 3] }, /not valid \(stateVector/],
      [{ ...firstScreen, rows: firstScreen.rows.slice(1) }, /not under an earlier row/],
      [null, /no first screen/],
    ];
    for (const [value, reason] of cases) {
      const toPaint = firstScreenToPaint('#/plan/plan1/outline', value);
      expect(toPaint.ok).toBe(false);
      if (!toPaint.ok) expect(toPaint.reason).toMatch(reason);
    }
  });

  it('paints only the outline and the pulse of a plan named with its view', () => {
    for (const hash of ['', '#/', '#/plan/plan1', '#/plan/plan1/canvas', '#/plan/plan1/review', '#/plan/plan1/outline/extra', '#/plan//outline']) {
      expect(paintedViewOf(hash), hash).toBeNull();
      expect(firstScreenToPaint(hash, clone(firstScreen)).ok, hash).toBe(false);
    }
  });
});

describe('the painted description', () => {
  const firstScreen = stored();

  it('is marked "Updating…" and busy in both views, a stale cache included (the painter never knows it current)', () => {
    const outline = paintedOutline(firstScreen, 0, 30);
    const pulse = paintedPulse(firstScreen);
    for (const view of [outline, pulse]) {
      const status = elements(view).find((element) => element.attrs?.role === 'status');
      expect(shownText(status!)).toMatch(/^Updating… /);
      expect(elements(view).some((element) => element.attrs?.['aria-busy'] === 'true' && element.attrs['data-first-screen'] === 'true')).toBe(true);
    }
    const tree = elements(outline).find((element) => element.attrs?.role === 'tree')!;
    expect(tree.attrs).toMatchObject({ 'aria-label': 'Plan outline', 'aria-busy': 'true', tabindex: '0' });
    expect(elements(tree).filter((element) => element.attrs?.role === 'treeitem')).toHaveLength(30);
    expect(shownText(pulse)).toContain('Who is blocked?');
  });

  it('names rows as the app does, with ids of its own, and places them where the app\'s list would', () => {
    const row = firstScreen.rows[5]!;
    const painted = paintedRow(row, 160, true);
    expect(painted.attrs).toMatchObject({ role: 'treeitem', 'aria-level': String(row.depth + 1), 'aria-selected': 'true', id: `painted-row-${row.id}`, 'data-node-id': row.id, class: 'outline-row selected' });
    expect(painted.attrs?.['aria-label']).toMatch(new RegExp(` ${row.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(painted.style).toEqual({ transform: 'translateY(160px)' });
  });

  it('keeps hostile and long titles as text: never markup, never an element of their own', () => {
    const long = `${'a long title '.repeat(38)}end`;
    const rows = [{ ...firstScreen.rows[0]!, title: hostile }, { ...firstScreen.rows[1]!, title: long }, ...firstScreen.rows.slice(2)];
    const hostileScreen: FirstScreen = { ...firstScreen, name: hostile, rows, pulse: [{ id: 'x', question: hostile, figure: '<b>1</b>', counted: hostile, detail: hostile, tone: 'bad' }] };
    expect(firstScreenToPaint('#/plan/plan1/outline', structuredClone(hostileScreen)).ok).toBe(true);
    for (const view of ['outline', 'pulse'] as const) {
      const page = paintedPage(hostileScreen, view, 0, 40);
      const tags = new Set(elements(page).map((element) => element.tag));
      expect([...tags].every((tag) => ['div', 'header', 'a', 'img', 'h1', 'h2', 'span', 'nav', 'main', 'section', 'p', 'ul', 'li'].includes(tag)), [...tags].join()).toBe(true);
      // The only image is the product's icon; titles appear whole, as text.
      expect(elements(page).filter((element) => element.tag === 'img').map((element) => element.attrs?.src)).toEqual(['./icon.svg']);
      expect(shownText(page)).toContain(hostile);
    }
    expect(shownText(paintedRow(rows[1]!, 32, false))).toContain(long);
    expect(paintedRow(rows[0]!, 0, false).attrs?.['aria-label']).toBe(`STR ${hostile}`);
  });

  it('is built with elements, attributes and text nodes only: stored text is never parsed as HTML', () => {
    // A minimal document that records what is built and refuses any HTML parsing.
    interface Built { tag?: string; text?: string; attrs: Record<string, string>; children: Built[] }
    const refuse = () => { throw new Error('HTML was parsed'); };
    const built = (tag?: string, text?: string): Built & Record<string, unknown> => {
      const node: Built & Record<string, unknown> = {
        ...(tag === undefined ? {} : { tag }), ...(text === undefined ? {} : { text }), attrs: {}, children: [],
        setAttribute(name: string, value: string) { node.attrs[name] = value; },
        append(child: Built) { node.children.push(child); },
        style: { setProperty(name: string, value: string) { node.attrs[`style:${name}`] = value; } },
      };
      for (const html of ['innerHTML', 'outerHTML']) Object.defineProperty(node, html, { set: refuse });
      node.insertAdjacentHTML = refuse;
      return node;
    };
    const doc = { createElement: (tag: string) => built(tag), createTextNode: (text: string) => built(undefined, text) } as unknown as Document;
    const row = buildPainted(doc, paintedRow({ ...firstScreen.rows[0]!, title: hostile }, 0, false)) as unknown as Built;
    const texts = (node: Built): string[] => (node.text !== undefined ? [node.text] : node.children.flatMap(texts));
    expect(texts(row)).toContain(hostile);
    const tags = (node: Built): string[] => (node.tag === undefined ? [] : [node.tag, ...node.children.flatMap(tags)]);
    expect(tags(row).every((tag) => tag === 'div' || tag === 'span')).toBe(true);
    expect(row.attrs['aria-label']).toBe(`STR ${hostile}`);
  });
});
