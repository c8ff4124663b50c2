// review46a F1: a right-to-left override an older version, a plan file or a stock y-websocket client stored in a
// unit, a title, a name or a blocker's reason went raw into the printed review pack and the plan's Markdown
// export, and reversed the figures after it to the line's end ("0 → 8 customers‮ · now 3 · 38%" printed
// "… %83 · 3 won"). Now each stored text is named (‹RLO›) and isolated, so none of our words or figures moves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportPlanMarkdown } from '../../../shared/files/export-markdown.js';
import type { Plan } from '../../../shared/model/index.js';
import { reviewPackBody } from '../../../renderer/src/files/review-pack.js';
import { newPlan, smallCascade, T0 } from '../../shared/model/support.js';
import { storeOverridesAsOlderClient, withStandIns } from '../../shared/model/older-client.js';
import { displacedWords } from '../../shared/text/bidi-levels.js';

const RLO = '\u202e';
const OVERRIDE = /[\u202d\u202e]/u;

/** Stored texts of one plan: a key result's unit, an ancestor's title, an owner's name, a blocked task's title and reason. */
interface Stored { unit: string; objective: string; owner: string; task: string; reason: string }

/** The small cascade with `stored` written as an older client stored it, a check-in of 38 on its key result. */
function planHolding(stored: Stored): Plan {
  const { plan } = newPlan();
  const ids = smallCascade(plan);
  const owner = plan.addPerson({ name: withStandIns(stored.owner) });
  plan.setTitle(ids.objective, withStandIns(stored.objective));
  plan.updateNode(ids.keyResult, { unit: withStandIns(stored.unit), owner });
  plan.addCheckIn(ids.keyResult, { value: 38 });
  plan.setTitle(ids.task, withStandIns(stored.task));
  plan.updateNode(ids.task, { status: 'blocked', blockedReason: withStandIns(stored.reason), assignee: owner });
  storeOverridesAsOlderClient(plan.doc);
  plan.index.refresh(T0);
  return plan;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The pack's paragraphs as text a reader's bidi algorithm sees: each `<bdi>` an isolate (FSI … PDI), other tags dropped. */
function packParagraphs(html: string): string[] {
  return [...html.matchAll(/<(p|h1|h3|li)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((match) => match[2]!
    .replace(/<bdi>/g, '\u2068').replace(/<\/bdi>/g, '\u2069').replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (entity) => entities[entity]!));
}

const hostile: Stored = { unit: `customers${RLO}`, objective: `Win EU${RLO}`, owner: `Dana ${RLO}sreyeR`, task: `Sign the lease${RLO}`, reason: `Legal${RLO} 2 weeks` };

describe('stored overrides in the review pack and the plan\'s Markdown (review46a F1)', () => {
  it('the pack names each override and keeps the figures after it in their order', () => {
    const plan = planHolding(hostile);
    const body = reviewPackBody(plan.index, { planName: 'Plan', now: T0 });
    expect(body).not.toMatch(OVERRIDE);
    expect(body).toContain('0 → 100 <bdi>customers‹RLO›</bdi> · now 38 · 38% · ');
    expect(body).toContain('<bdi>Dana ‹RLO›sreyeR</bdi>');
    expect(body).toContain('<strong><bdi>Sign the lease‹RLO›</bdi></strong> <span class="since">');
    expect(body).toContain('<bdi>Grow</bdi> › <bdi>Win EU‹RLO›</bdi> › <bdi>Revenue</bdi>');
    for (const paragraph of packParagraphs(body)) expect(displacedWords(paragraph), paragraph).toEqual([]);
    plan.index.destroy();
  });

  it('the Markdown outline likewise; a plain title stays as typed, with nothing round it', () => {
    const plan = planHolding(hostile);
    const markdown = exportPlanMarkdown(plan, 'Plan');
    expect(markdown).not.toMatch(OVERRIDE);
    expect(markdown).toContain('- **Key result** Revenue (0 → 100 customers‹RLO›, now 38) — 38% · Dana ‹RLO›sreyeR · off track\n');
    expect(markdown).toContain('## 1 Grow — 38% · off track\n');
    // Right-to-left text is isolated (a Hebrew unit cannot take the figures after it along).
    const hebrew = planHolding({ ...hostile, unit: 'לקוחות' });
    expect(exportPlanMarkdown(hebrew, 'Plan')).toContain('(0 → 100 \u2068לקוחות\u2069, now 38) — 38%');
    hebrew.index.destroy();
    for (const line of markdown.split('\n')) expect(displacedWords(line), line).toEqual([]);
    plan.index.destroy();
  });

  it('property: whatever bidi controls the stored texts hold, no word or figure of ours moves in the pack or the Markdown', () => {
    const LRM = '\u200e', RLM = '\u200f', LRE = '\u202a', RLE = '\u202b', PDF = '\u202c', LRO = '\u202d', LRI = '\u2066', RLI = '\u2067', FSI = '\u2068', PDI = '\u2069';
    const text = fc.array(fc.constantFrom('a', 'Q', 'ب', 'ש', ' ', '1', '%', LRM, RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI), { minLength: 1, maxLength: 12 })
      .map((chars) => `x${chars.join('')}`);
    fc.assert(fc.property(fc.record({ unit: text, objective: text, owner: text, task: text, reason: text }), (stored) => {
      const plan = planHolding(stored);
      try {
        const body = reviewPackBody(plan.index, { planName: 'Plan', now: T0 });
        for (const paragraph of packParagraphs(body)) expect(displacedWords(paragraph), paragraph).toEqual([]);
        for (const line of exportPlanMarkdown(plan, 'Plan').split('\n')) expect(displacedWords(line), line).toEqual([]);
      } finally {
        plan.index.destroy();
      }
    }), { numRuns: 60 });
  });
});
