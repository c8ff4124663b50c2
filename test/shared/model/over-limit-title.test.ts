// A title stored past the limit by a writer that skips the checks (a peer's own client, an old file)
// is shown cut and ending in "…" on every replica, so no view, label or export carries 100,000
// characters; a person who edits what they see replaces it, without a false conflict.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, TEXT_LIMITS, openPlan, planTypes } from '../../../shared/model/index.js';
import { characterCount } from '../../../shared/text/cut-text.js';
import { TestContext, syncDocs } from './support.js';

function planWithTitle(stored: string) {
  const doc = new Y.Doc();
  const ctx = new TestContext();
  const plan = openPlan(doc, ctx);
  const node = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  // The peer's write: straight into the Y.Text, past the limit.
  const text = planTypes(doc).nodes.get(node)!.get('title') as Y.Text;
  doc.transact(() => { text.delete(0, text.length); text.insert(0, stored); });
  plan.index.refresh(ctx.time);
  return { doc, ctx, plan, node };
}

describe('a title stored past the limit', () => {
  it('is shown cut to the limit, ending in "…", whole graphemes only', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '🎯', '👨‍👩‍👧', 'e\u0301', ' '), minLength: 501, maxLength: 1200 }), (stored) => {
      const { plan, node } = planWithTitle(stored);
      const shown = plan.index.node(node)!.title;
      expect(characterCount(shown)).toBeLessThanOrEqual(TEXT_LIMITS.title);
      if (characterCount(stored) <= TEXT_LIMITS.title) { expect(shown).toBe(stored); return; }
      expect(shown.endsWith('…')).toBe(true);
      expect(stored.startsWith(shown.slice(0, -1))).toBe(true);
      // Cut between graphemes: what is kept ends where a grapheme of the stored text ends.
      const kept = shown.slice(0, -1);
      const segments = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(stored)].map((s) => s.index + s.segment.length);
      expect(kept.length === 0 || segments.includes(kept.length)).toBe(true);
      plan.index.destroy();
    }), { numRuns: 60 });
  });

  it('a title within the limit is shown as it is', () => {
    const { plan, node } = planWithTitle('x'.repeat(500));
    expect(plan.index.node(node)!.title).toBe('x'.repeat(500));
  });

  it('is shown the same on another replica, and an edit of the shown text replaces it with no conflict (the stale-base path: base is the cut)', () => {
    const { doc, ctx, plan, node } = planWithTitle('x'.repeat(100_000));
    const shown = plan.index.node(node)!.title;
    expect(shown).toBe(`${'x'.repeat(499)}…`);
    const other = new Y.Doc();
    syncDocs(doc, other);
    const otherPlan = openPlan(other, new TestContext(undefined, 'user1', 'r1x'));
    expect(otherPlan.index.node(node)!.title).toBe(shown);
    // The person shortens what they see and saves it, with what they saw as the base.
    plan.setTitle(node, 'Grow in Europe', shown);
    plan.index.refresh(ctx.time);
    expect(plan.index.node(node)!.title).toBe('Grow in Europe');
    expect(plan.index.node(node)!.conflicts ?? []).toEqual([]);
    expect((planTypes(doc).nodes.get(node)!.get('title') as Y.Text).toString()).toBe('Grow in Europe');
  });
});
