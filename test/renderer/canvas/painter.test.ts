// The painter's pure parts: the far-out rasteriser (pixels written for each card and link), the
// cached picture's size, and the card painter's text fitting and health bar. Real layouts of real
// plans; the only stand-in is a text measure of 7 px per character (the canvas's measureText).
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openPlan } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { defaultLayoutOptions, layoutCascade, type CascadeLayout } from '../../../renderer/src/canvas/cascade-layout.js';
import { snapshotFromIndex, type CascadeSnapshot } from '../../../renderer/src/canvas/cascade-snapshot.js';
import { CACHE_MAX_PIXELS, CACHE_MAX_SIDE, cachePlan, pixelOf, rasterizeDots, type RasterScene } from '../../../renderer/src/canvas/dot-raster.js';
import { badgesOf, cardTitleText, fitText, healthBarSegments, wrapTitle } from '../../../renderer/src/canvas/card-painter.js';
import { standardTheme } from '../../../renderer/src/canvas/palette.js';
import { fitView } from '../../../renderer/src/canvas/viewport.js';

function generated(nodes: number): { snapshot: CascadeSnapshot; layout: CascadeLayout } {
  const doc = new Y.Doc();
  const built = generatePlan(doc, { nodes, seed: 3, checkIns: 0 });
  const plan = openPlan(doc, { now: () => built.now, newId: () => 'x', actor: 't' }, { now: built.now });
  const snapshot = snapshotFromIndex(plan.index);
  return { snapshot, layout: layoutCascade(snapshot, { ...defaultLayoutOptions, collapseDepth: 99 }) };
}

const all = (layout: CascadeLayout) => Int32Array.from({ length: layout.rows.length }, (_, card) => card);

describe('far-out rasteriser', () => {
  const { snapshot, layout } = generated(400);
  const scene: RasterScene = { snapshot, layout, theme: standardTheme, x: layout.x, y: layout.y, matches: null };
  const W = 1280, H = 800;
  const view = fitView(layout.bounds, W, H, { minK: 1e-5 });

  it('writes every card, at least one pixel, in its health colour, over the background', () => {
    const pixels = new Uint32Array(W * H);
    rasterizeDots(pixels, W, H, scene, view.k, view.x, view.y, all(layout));
    const colours = standardTheme.health.map(pixelOf);
    for (let card = 0; card < layout.rows.length; card++) {
      // The card's top-left pixel (the rasteriser fills from floor(left) at least one pixel).
      const px = Math.max(0, Math.floor((layout.x[card]! - layout.cardWidth / 2) * view.k + view.x));
      const py = Math.max(0, Math.floor((layout.y[card]! - layout.cardHeight / 2) * view.k + view.y));
      // A later card may cover an earlier one's pixel: then it holds some health colour, never the background.
      expect(colours).toContain(pixels[py * W + px]);
    }
    const counts = new Map<number, number>();
    for (const pixel of pixels) counts.set(pixel, (counts.get(pixel) ?? 0) + 1);
    expect(counts.get(pixelOf(standardTheme.background))).toBeGreaterThan(0);
    expect(counts.get(pixelOf(standardTheme.link))).toBeGreaterThan(0);
  });

  it('draws a link from each parent down to its children between the two levels', () => {
    const pixels = new Uint32Array(W * H);
    const zoom = { k: 0.05, x: W / 2 - layout.x[0]! * 0.05, y: 40 - layout.y[0]! * 0.05 };
    rasterizeDots(pixels, W, H, scene, zoom.k, zoom.x, zoom.y, all(layout));
    const child = Array.from(layout.linkParent).findIndex((parent) => parent === 0);
    expect(child).toBeGreaterThan(0);
    // Halfway between the parent's bottom edge and the child's top edge, above the child's centre.
    const cx = Math.round(layout.x[child]! * zoom.k + zoom.x);
    const childTop = (layout.y[child]! - layout.cardHeight / 2) * zoom.k + zoom.y;
    const parentBottom = (layout.y[0]! + layout.cardHeight / 2) * zoom.k + zoom.y;
    expect(pixels[Math.round((childTop + parentBottom) / 2) * W + cx]).toBe(pixelOf(standardTheme.link));
    // …and under the parent's centre, the link leaving it.
    const px = Math.round(layout.x[0]! * zoom.k + zoom.x);
    expect(pixels[Math.round(parentBottom + 1) * W + px]).toBe(pixelOf(standardTheme.link));
  });

  it('greys out cards the filter does not match', () => {
    const matches = new Uint8Array(snapshot.ids.length);
    const pixels = new Uint32Array(W * H);
    const zoom = { k: 0.05, x: W / 2 - layout.x[0]! * 0.05, y: 40 - layout.y[0]! * 0.05 };
    rasterizeDots(pixels, W, H, { ...scene, matches }, zoom.k, zoom.x, zoom.y, Int32Array.of(0));
    const cx = Math.round(layout.x[0]! * zoom.k + zoom.x), cy = Math.round(layout.y[0]! * zoom.k + zoom.y);
    expect(pixels[cy * W + cx]).toBe(pixelOf(standardTheme.cardBorder));
    matches[layout.rows[0]!] = 1;
    rasterizeDots(pixels, W, H, { ...scene, matches }, zoom.k, zoom.x, zoom.y, Int32Array.of(0));
    expect(pixels[cy * W + cx]).toBe(pixelOf(standardTheme.health[snapshot.health[layout.rows[0]!]!]!));
  });

  it('never writes outside the buffer, whatever the view', () => {
    fc.assert(fc.property(fc.double({ min: 1e-4, max: 4, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e5, max: 1e5, noNaN: true }), (k, x, y) => {
      const w = 64, h = 48;
      const buffer = new Uint32Array(w * h + 16).fill(7);
      rasterizeDots(buffer.subarray(0, w * h), w, h, scene, k, x, y, all(layout));
      expect([...buffer.subarray(w * h)]).toEqual(new Array(16).fill(7));
    }), { numRuns: 100 });
  });

  it('pixelOf packs #rrggbb as little-endian RGBA', () => {
    const bytes = new Uint8Array(Uint32Array.of(pixelOf('#102030')).buffer);
    expect([...bytes]).toEqual([0x10, 0x20, 0x30, 0xff]);
  });
});

describe('cached far-out picture', () => {
  it('stays within its pixel and side budgets and keeps the layout\'s proportions', () => {
    fc.assert(fc.property(fc.double({ min: 10, max: 2e7, noNaN: true }), fc.double({ min: 10, max: 2e6, noNaN: true }), (width, height) => {
      const plan = cachePlan({ x0: -width / 2, y0: 0, x1: width / 2, y1: height });
      expect(plan.width).toBeLessThanOrEqual(CACHE_MAX_SIDE);
      expect(plan.height).toBeLessThanOrEqual(CACHE_MAX_SIDE);
      expect(plan.width * plan.height).toBeLessThanOrEqual(CACHE_MAX_PIXELS + plan.width + plan.height + 1);
      expect(Math.abs(plan.width - Math.ceil(width * plan.scale))).toBeLessThanOrEqual(1);
      expect(Math.abs(plan.height - Math.ceil(height * plan.scale))).toBeLessThanOrEqual(1);
    }));
  });

  it('at 100,000-card proportions it is sharper than the fitted view, so zoomed-out frames use it', () => {
    // A wide shallow cascade, as generated plans lay out: 13 million units wide, 2,600 deep.
    const bounds = { x0: -6.6e6, y0: 0, x1: 6.6e6, y1: 2600 };
    const fit = fitView(bounds, 1280, 800, { minK: 1e-5 });
    expect(cachePlan(bounds).scale).toBeGreaterThan(fit.k * 3);
  });
});

describe('card painter', () => {
  const measure = (text: string) => text.length * 7;

  it('wraps a title into at most the given lines, the last cut with an ellipsis, each within the width', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 3 }), (words, lines) => {
      const title = words.join(' ');
      const wrapped = wrapTitle(measure, title, 150, lines);
      expect(wrapped.length).toBeLessThanOrEqual(lines);
      for (const line of wrapped) expect(measure(line)).toBeLessThanOrEqual(150);
      // Nothing is lost unless the last line says so.
      if (!wrapped.at(-1)!.endsWith('…')) expect(wrapped.join(' ')).toBe(title);
    }));
    expect(wrapTitle(measure, 'Grow in Europe', 150, 2)).toEqual(['Grow in Europe']);
  });

  it('names a stored control character in letters, never as a sign a font may draw as a box', () => {
    expect(cardTitleText('Win\u0000 DACH')).toBe('Win NUL DACH');
    expect(cardTitleText('Grow\u0007revenue')).toBe('Grow BEL revenue');
    // A sign stored in place of its character (file open writes them) is named too.
    expect(cardTitleText('Grow\u2407 revenue')).toBe('Grow BEL revenue');
    expect(cardTitleText('')).toBe('Untitled');
    expect(cardTitleText('Grow in Europe')).toBe('Grow in Europe');
  });

  it('fits a footer with an ellipsis only when it is too long', () => {
    expect(fitText(measure, 'Ada Host', 100)).toBe('Ada Host');
    const cut = fitText(measure, 'A very long owner name that overflows', 100);
    expect(cut.endsWith('…')).toBe(true);
    expect(measure(cut)).toBeLessThanOrEqual(100);
    expect(measure(`${cut.slice(0, -1)}x…`)).toBeGreaterThan(100);
  });

  it('cuts a title between graphemes only: never half an emoji, a flag or a ZWJ family', () => {
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const pieces = ['a', 'Q', ' ', '😀', '🚀', '🇩🇪', '👨‍👩‍👧', 'é', '👍🏽'];
    const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 40 }), fc.integer({ min: 10, max: 200 }), (parts, width) => {
      const title = parts.join('');
      const cut = fitText(measure, title, width);
      if (cut === title) return;
      expect(cut.endsWith('…')).toBe(true);
      const kept = cut.slice(0, -1);
      expect(loneSurrogate.test(kept)).toBe(false);
      // What is kept is whole graphemes of the title, and one more would not have fitted.
      const ends = [0, ...[...graphemes.segment(title)].map(({ index, segment }) => index + segment.length)];
      expect(title.startsWith(kept)).toBe(true);
      expect(ends).toContain(kept.length);
      if (kept.length > 0) expect(measure(cut)).toBeLessThanOrEqual(width);
      expect(measure(`${title.slice(0, ends[ends.indexOf(kept.length) + 1])}…`)).toBeGreaterThan(width);
    }));
    // Pinned: at 7 px a unit, 87 px holds 11 units before the ellipsis, which would end in the fifth
    // emoji's first half; a family of three is one grapheme of eight units.
    expect(fitText(measure, 'ab😀😀😀😀😀😀', 87)).toBe('ab😀😀😀😀…');
    expect(fitText(measure, 'Hi 👨‍👩‍👧 team', 70)).toBe('Hi …');
  });

  it('splits the health bar of a collapsed card in proportion to its counts', () => {
    expect(healthBarSegments(10, 200, [0, 0, 0])).toEqual([]);
    const segments = healthBarSegments(10, 200, [2, 1, 1]);
    expect(segments.map((segment) => segment.width)).toEqual([100, 50, 50]);
    expect(segments.map((segment) => segment.x)).toEqual([10, 110, 160]);
  });

  it('lists a card\'s badges in drawing order', () => {
    const { snapshot } = generated(50);
    snapshot.flags[0] = 1 | 4 | 2; // blocked, overdue, stale
    expect(badgesOf(snapshot, 0)).toEqual(['Blocked', 'Overdue', 'Stale']);
  });
});
