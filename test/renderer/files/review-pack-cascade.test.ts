// The review pack carries the canvas's cascade picture: the real sample plan, the real SVG export,
// inside the script-free document Electron prints to PDF (scripts/render-review-pack.ts renders it
// through Chromium and pdftoppm for a person to look at: docs/screenshots/review-pack-2.png).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildSamplePlan } from '../../../shared/model/fixtures/sample-plan.js';
import { openPlan, ROOT_ID } from '../../../shared/model/index.js';
import { reviewPackDocument } from '../../../renderer/src/files/review-pack.js';
import { reviewPackCascadeImage } from '../../../renderer/src/files/review-pack-cascade.js';

const now = Date.UTC(2027, 2, 1, 12);

function samplePlan() {
  let counter = 0;
  const ctx = { now: () => now, newId: () => `id${++counter}`, actor: 'review' };
  const doc = new Y.Doc();
  buildSamplePlan(doc, ctx, { name: 'Northwind' });
  const plan = openPlan(doc, ctx, { now });
  plan.index.refresh(now);
  return plan;
}

describe('the review pack’s cascade picture', () => {
  it('is the canvas’s SVG of every strategy and objective, in the printed document as a data: image', () => {
    const plan = samplePlan();
    const image = reviewPackCascadeImage(plan.index, 'Northwind & co');
    expect(image.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    const svg = decodeURIComponent(image.slice(image.indexOf(',') + 1));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
    expect(svg).toContain('<title>Northwind &#38; co — cascade</title>');
    const strategies = plan.index.children(ROOT_ID);
    expect(strategies.length).toBeGreaterThan(1);
    for (const strategy of strategies) {
      expect(svg).toContain(`<title>${plan.index.title(strategy)}</title>`);
      for (const objective of plan.index.children(strategy)) expect(svg).toContain(`data-node-id="${objective}"`);
    }
    // Deeper levels are counted on their objective's card, not drawn.
    expect(svg).toMatch(/\+\d+ below/);
    expect(svg).not.toContain('<script');

    const html = reviewPackDocument(plan.index, { planName: 'Northwind', now, cascadeImage: image });
    expect(html).toContain(`<section class="cascade"><h2>The cascade</h2><img alt="The plan's cascade" src="data:image/svg+xml;charset=utf-8,`);
    // The printed document lets images come from data: only, and runs nothing.
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    // The cascade sits between the pulse and the key results.
    expect(html.indexOf('Execution pulse')).toBeLessThan(html.indexOf('The cascade'));
    expect(html.indexOf('The cascade')).toBeLessThan(html.indexOf('Key results ('));
  });

  it('a title that could close the attribute or the SVG stays text', () => {
    const plan = samplePlan();
    const strategy = plan.index.children(ROOT_ID)[0]!;
    plan.setTitle(strategy, '"><script>alert(1)</script>');
    plan.index.refresh(now);
    const image = reviewPackCascadeImage(plan.index, 'Northwind');
    const svg = decodeURIComponent(image.slice(image.indexOf(',') + 1));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;');
    expect(image).not.toContain('"');
  });
});
