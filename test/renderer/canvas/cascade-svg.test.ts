// The SVG export of the whole cascade: a pure string from a real plan's snapshot and layout.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, openPlan } from '../../../shared/model/index.js';
import { buildSamplePlan } from '../../../shared/model/fixtures/sample-plan.js';
import { defaultLayoutOptions, layoutCascade } from '../../../renderer/src/canvas/cascade-layout.js';
import { CardFlag, snapshotFromIndex } from '../../../renderer/src/canvas/cascade-snapshot.js';
import { cascadeSvg } from '../../../renderer/src/canvas/cascade-svg.js';
import { presentationTheme, standardTheme } from '../../../renderer/src/canvas/palette.js';
import { TestContext, newPlan } from '../../shared/model/support.js';

function sample() {
  const doc = new Y.Doc();
  const ctx = new TestContext();
  const built = buildSamplePlan(doc, ctx);
  const plan = openPlan(doc, ctx, { now: built.now });
  const snapshot = snapshotFromIndex(plan.index);
  return { snapshot, layout: layoutCascade(snapshot, { ...defaultLayoutOptions, collapseDepth: 99 }) };
}

/** The text of each element `<tag …>` opened and closed in order: a well-formedness check. */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    const [, closing, tag, selfClosing] = match;
    if (selfClosing) continue;
    if (!closing) stack.push(tag!);
    else if (stack.pop() !== tag) return false;
  }
  return stack.length === 0;
}

describe('cascade SVG export', () => {
  const { snapshot, layout } = sample();

  it('holds every laid-out card once, with its id, title, kind and health stripe, sized to the whole layout', () => {
    const svg = cascadeSvg(snapshot, layout, standardTheme, 'Sample plan');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(balanced(svg)).toBe(true);
    const ids = [...svg.matchAll(/data-node-id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toHaveLength(layout.rows.length);
    expect(new Set(ids)).toEqual(new Set(Array.from(layout.rows, (row) => snapshot.ids[row])));
    const width = Math.ceil(layout.bounds.x1 - layout.bounds.x0 + 48);
    expect(svg).toContain(`width="${width}"`);
    // Each card's stripe is its health colour: count the stripes of each colour.
    for (let rank = 0; rank < 3; rank++) {
      const cards = Array.from(layout.rows).filter((row) => snapshot.health[row] === rank).length;
      const stripes = svg.split(`<rect width="6" height="${layout.cardHeight}" fill="${standardTheme.health[rank]}"/>`).length - 1;
      expect(stripes).toBe(cards);
    }
    expect(svg).toContain('<title>Sample plan</title>');
  });

  it('draws one link per linked card and one per wrapped block, and names blocked work in its badge line', () => {
    const svg = cascadeSvg(snapshot, layout, standardTheme, 'Sample plan');
    const linked = Array.from(layout.linkParent).filter((parent) => parent >= 0).length;
    const blockLinks = layout.blocks.filter((block) => block.parentCard >= 0).length;
    expect(svg.match(/<path d=/g)).toHaveLength(linked + blockLinks);
    const blockedRow = Array.from(layout.rows).find((row) => (snapshot.flags[row]! & CardFlag.blocked) !== 0)!;
    const card = svg.slice(svg.indexOf(`data-node-id="${snapshot.ids[blockedRow]}"`));
    expect(card.slice(0, card.indexOf('</g>'))).toMatch(/· Blocked/);
  });

  it('escapes hostile titles and owners: markup in a title stays text', () => {
    const { plan } = newPlan();
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: '<script>alert("x")</script> & "Grow"' });
    plan.createNode({ kind: 'objective', parent: strategy, title: "Win 'EU' <b>now</b>" });
    plan.index.refresh(plan.index.now);
    const hostile = snapshotFromIndex(plan.index);
    const svg = cascadeSvg(hostile, layoutCascade(hostile, defaultLayoutOptions), presentationTheme, 'Plan <with> "quotes"');
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#34;Grow&#34;');
    expect(svg).toContain('<title>Plan &#60;with&#62; &#34;quotes&#34;</title>');
    expect(balanced(svg)).toBe(true);
    // The presentation theme's black ground.
    expect(svg).toContain(`fill="${presentationTheme.background}"`);
  });

  it('stays well-formed XML with titles no XML may hold: control characters, a cut emoji, lone surrogates', () => {
    const { plan } = newPlan();
    // A vertical tab is PowerPoint's line break, pasted with the text; a NUL or a lone surrogate can come from any peer.
    // Typed ones are refused (shared/text/control-characters.ts), so they are written as such a peer writes them: into the Y.Text.
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: '' });
    plan.titleText(strategy).insert(0, 'Grow\u000bEurope\u0000 \u0008now');
    // Characters 22 and 23 are one skin-toned emoji: the cut at 23 leaves it out whole, not half of it.
    plan.createNode({ kind: 'objective', parent: strategy, title: `${'a'.repeat(21)}👍🏽🚀 and more` });
    const lone = plan.createNode({ kind: 'objective', parent: strategy, title: '' });
    plan.titleText(lone).insert(0, 'Lone \ud800 surrogate \udfff\uffff');
    plan.index.refresh(plan.index.now);
    const hostile = snapshotFromIndex(plan.index);
    const svg = cascadeSvg(hostile, layoutCascade(hostile, defaultLayoutOptions), standardTheme, 'Plan\u0001');
    // XML 1.0's Char production: anything else makes the file unreadable to every SVG viewer.
    expect(svg.match(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu)).toBeNull();
    // Named as the canvas card (and so the PNG export) names them (review40b F9 made the SVG draw the card's text).
    expect(svg).toContain('<title>Grow VT Europe NUL BS now</title>');
    expect(svg).toContain(`>${'a'.repeat(21)}…</text>`);
    expect(balanced(svg)).toBe(true);
  });

  it('a collapsed card says how much it hides; an empty plan is an empty picture, not an error', () => {
    const collapsed = layoutCascade(snapshot, { ...defaultLayoutOptions, collapseDepth: 2 });
    const svg = cascadeSvg(snapshot, collapsed, standardTheme, 'Collapsed');
    const hidden = Array.from(collapsed.hidden).filter((count) => count > 0);
    expect(hidden.length).toBeGreaterThan(0);
    for (const count of hidden) expect(svg).toContain(`+${count} below`);
    const { plan } = newPlan();
    const empty = snapshotFromIndex(plan.index);
    const nothing = cascadeSvg(empty, layoutCascade(empty, defaultLayoutOptions), standardTheme, 'Empty');
    expect(nothing).not.toContain('data-node-id');
    expect(balanced(nothing)).toBe(true);
  });
});
