// usercheck14: the review's Markdown export put titles and names into its lines as they were typed. A
// title holding a stray PDI and a right-to-left override ("Q1⁩‮offsite") reversed the rest of its line
// in any viewer: "**…**: target 100 → 150 — Ada" read backwards after the title. Each name and title is
// now an isolate (FSI, balanced, PDI): invisible in a renderer, and our words stay in order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balancedBidiText } from '../../../../shared/text/bidi-isolation.js';
import { diffReview, listReviewPoints, reviewMarkdown } from '../../../../shared/model/history/index.js';
import { smallCascade } from '../support.js';
import { displacedWords } from '../../text/bidi-levels.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth } from './history-support.js';
import { OLDER_OVERRIDE, storeOverridesAsOlderClient, withStandIns } from '../older-client.js';

/** A name with a stray PDI and a right-to-left override, as read (`shown`) and as written through the model (`typed`). */
const hostile = (words: string) => `${words}\u2069\u202E${words}`;
// The model refuses the override now (review40b F9): the plan's texts are written with a stand-in and the
// override stored in its place as an older client stored it (older-client.ts).
const typed = (words: string) => `${words}\u2069${OLDER_OVERRIDE}${words}`;
/** How the file names it: the override in letters, as the rename field names it (the stray PDI dropped). */
const named = (words: string) => `${words}\u2039RLO\u203a${words}`;

describe('the review section in Markdown, with names holding bidi controls', () => {
  it('keeps every word of ours at the outermost level of its line, whatever the titles and names hold', () => {
    const { doc, ctx, plan } = historyPlan({ actor: 'alice' });
    const ids = smallCascade(plan);
    const dana = plan.addPerson({ name: typed('Dana') });
    const otherObjective = plan.createNode({ kind: 'objective', parent: ids.strategy, title: typed('Win US') });
    plan.setTitle(ids.keyResult, typed('Revenue'));
    plan.setTitle(ids.strategy, typed('Grow'));
    storeOverridesAsOlderClient(doc);
    reviewPoint(doc, ctx, 'r1', typed('Q1'));
    storeOverridesAsOlderClient(doc);
    const ben = replicaOf(doc, 'ben', 'b', ctx.now());
    plan.updateNode(ids.keyResult, { target: 150 });
    plan.setTitle(ids.task, typed('Posters'));
    plan.moveNode(ids.initiative, { parent: otherObjective });
    plan.updateNode(ids.initiative, { owner: dana });
    plan.updateNode(ids.task, { status: 'blocked', blockedReason: typed('legal') });
    storeOverridesAsOlderClient(doc);
    ben.plan.setTitle(ids.task, typed('Flyers'), 'Ads');
    storeOverridesAsOlderClient(ben.doc);
    syncBoth(doc, ben.doc);
    // Stored as the older client stored them: the plan reads the overrides, and no stand-in is left.
    plan.index.refresh(ctx.now());
    expect(plan.index.title(ids.strategy)).toBe(hostile('Grow'));
    expect(JSON.stringify(doc.toJSON())).not.toContain(OLDER_OVERRIDE);
    const now = ctx.advance(1);
    plan.index.refresh(now);
    const point = listReviewPoints(doc).find((candidate) => candidate.id === 'r1')!;
    const diff = diffReview(doc, point, { kind: 'now', index: plan.index, now }, plan.ctx);
    const nameOf = (actor: string) => ({ alice: hostile('Alice'), ben: hostile('Ben') })[actor] ?? plan.index.people().find((person) => person.id === actor)?.name ?? actor;
    const markdown = reviewMarkdown(diff, {
      heading: `Changes since “\u2068${balancedBidiText(hostile('Q1'))}\u2069” until now`, nameOf,
      nodeTitle: (id) => plan.index.title(id), discussed: new Set(), nodeNow: (id) => plan.index.node(id),
    });
    const lines = markdown.split('\n');
    // Every kind of line with a name in it is there: the change lines, their author, a standing conflict.
    expect(lines.filter((line) => line.includes('target 100 → 150'))).toHaveLength(1);
    expect(lines.filter((line) => /^- \[ \] \*\*.*\*\*: moved from/u.test(line))).toHaveLength(1);
    // …and the figures the move changed say so (review36a F1), in words that stay in order too.
    expect(lines.filter((line) => line.includes(': health ') && line.includes('after ') && line.includes('moved from')).length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.includes('owner —'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('blocked:'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('renamed from “'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('also renamed to “'))).toHaveLength(1);
    for (const line of lines) expect(displacedWords(line), line).toEqual([]);
    // The names read as stored once the isolates are taken away, each override named as the app names it (‹RLO›,
    // fix41d's "not done": it stayed in the file inside its isolate, reversing its own name's letters), the stray
    // PDI dropped. No override is left in the file.
    const plain = markdown.replace(/[\u2068\u2069]/gu, '');
    expect(plain).toContain(`target 100 → 150 — ${named('Alice')}`);
    expect(plain).toContain(`owner — → ${named('Dana')}`);
    expect(plain).toContain(`## Changes since “${named('Q1')}” until now`);
    expect(plain).toContain(`blocked: ${named('legal')}`);
    expect(markdown).not.toMatch(/[\u202a-\u202e]/u);
  });
});

// fix41d's "not done": an override an older version stored in a title stayed in the Markdown inside its isolate.
// Isolated, it could not reorder our words, but it reversed its own title's letters: "Cut costs ‮%01 yb" read
// "Cut costs by 10%" in any viewer. The file names it in letters, ‹RLO›, as the app's rename field does.
describe('the review section in Markdown, with a title an older version stored with an override', () => {
  /** The review since a point of a plan whose key result is renamed to `title` (stored as an older client stored it). */
  const reviewWithTitle = (title: string) => {
    const { doc, ctx, plan } = historyPlan({ actor: 'alice' });
    const ids = smallCascade(plan);
    reviewPoint(doc, ctx, 'r1', 'Q1');
    plan.setTitle(ids.keyResult, withStandIns(title));
    plan.updateNode(ids.keyResult, { target: 150 });
    storeOverridesAsOlderClient(doc);
    const now = ctx.advance(1);
    plan.index.refresh(now);
    const point = listReviewPoints(doc).find((candidate) => candidate.id === 'r1')!;
    const diff = diffReview(doc, point, { kind: 'now', index: plan.index, now }, plan.ctx);
    return reviewMarkdown(diff, { heading: 'Changes since “\u2068Q1\u2069” until now', nameOf: (actor) => actor, nodeTitle: (id) => plan.index.title(id), discussed: new Set() });
  };

  it('names the override in the title: "Cut costs ‹RLO›%01 yb", never the override itself', () => {
    const markdown = reviewWithTitle('Cut costs \u202e%01 yb');
    expect(markdown).not.toMatch(/[\u202d\u202e]/u);
    expect(markdown).toContain('**\u2068Cut costs \u2039RLO\u203a%01 yb\u2069**: target 100 → 150');
    expect(markdown).toContain('renamed from “\u2068Revenue\u2069”');
  });

  it('property: no override reaches the file; each is named where it stood, and our words stay in order', () => {
    const piece = fc.constantFrom('Cut', 'costs', ' ', '10', '%', 'عربي', 'עברית', '\u202e', '\u202d', '\u202a', '\u202b', '\u202c', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f', '\u200e');
    // Letters at both ends: a title the model takes (not only invisible characters, no space at an end).
    const title = fc.array(piece, { minLength: 1, maxLength: 8 }).map((pieces) => `Cut${pieces.join('')}s`);
    fc.assert(fc.property(title, (stored) => {
      const markdown = reviewWithTitle(stored);
      expect(markdown).not.toMatch(/[\u202d\u202e]/u);
      for (const line of markdown.split('\n')) expect(displacedWords(line), line).toEqual([]);
      const overrides = [...stored].filter((char) => char === '\u202d' || char === '\u202e').map((char) => (char === '\u202e' ? 'RLO' : 'LRO'));
      const line = markdown.split('\n').find((candidate) => candidate.includes(': target 100 → 150'))!;
      expect([...line.matchAll(/\u2039(RLO|LRO)\u203a/gu)].map((found) => found[1])).toEqual(overrides);
    }), { numRuns: 60 });
  });
});
