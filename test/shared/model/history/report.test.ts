// usercheck14: the review's Markdown export put titles and names into its lines as they were typed. A
// title holding a stray PDI and a right-to-left override ("Q1⁩‮offsite") reversed the rest of its line
// in any viewer: "**…**: target 100 → 150 — Ada" read backwards after the title. Each name and title is
// now an isolate (FSI, balanced, PDI): invisible in a renderer, and our words stay in order.
import { describe, expect, it } from 'vitest';
import { balancedBidiText } from '../../../../shared/text/bidi-isolation.js';
import { diffReview, listReviewPoints, reviewMarkdown } from '../../../../shared/model/history/index.js';
import { smallCascade } from '../support.js';
import { displacedWords } from '../../text/bidi-levels.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth } from './history-support.js';
import { OLDER_OVERRIDE, storeOverridesAsOlderClient } from '../older-client.js';

/** A name with a stray PDI and a right-to-left override, as read (`shown`) and as written through the model (`typed`). */
const hostile = (words: string) => `${words}\u2069\u202E${words}`;
// The model refuses the override now (review40b F9): the plan's texts are written with a stand-in and the
// override stored in its place as an older client stored it (older-client.ts).
const typed = (words: string) => `${words}\u2069${OLDER_OVERRIDE}${words}`;

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
    // The names read as typed once the isolates are taken away (balanced: the stray PDI dropped, the override closed).
    const plain = markdown.replace(/[\u2068\u2069]/gu, '');
    expect(plain).toContain(`target 100 → 150 — ${balancedBidiText(hostile('Alice')).replace(/\u2069/gu, '')}`);
    expect(plain).toContain(`owner — → ${balancedBidiText(hostile('Dana')).replace(/\u2069/gu, '')}`);
  });
});
