// review40b F9 ("Trojan Source"): a title holding a right-to-left override (U+202E) showed as text it does not
// say, "Cut costs ‮%01 yb" as "Cut costs by 10%", wherever the title itself was shown. The two overrides
// (U+202D, U+202E) are now control characters: refused when typed, naming the character, the stored value
// unchanged; shown by name (a chip, "RLO") when stored by an older client, an import or a peer; replaced with
// a warning when a spreadsheet holds one. What right-to-left writers use is kept as typed: the marks LRM, RLM
// and ALM, the isolates and the embeddings (control-characters.ts says why).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readCsv } from '../../../shared/files/index.js';
import { editableText, fromEditableText, namedControlText, shownTextRuns, visibleText } from '../../../shared/text/control-characters.js';
import { isInvisibleOnly } from '../../../shared/text/invisible-text.js';
import { isPlanError, type NodeId, type Plan } from '../../../shared/model/index.js';
import { newPlan, smallCascade, T0 } from '../model/support.js';
import { storeOverridesAsOlderClient, withStandIns } from '../model/older-client.js';

const OVERRIDE = /[\u202d\u202e]/u;
const LRM = '\u200e', RLM = '\u200f', ALM = '\u061c', LRE = '\u202a', RLE = '\u202b', PDF = '\u202c', LRO = '\u202d', RLO = '\u202e';
const LRI = '\u2066', RLI = '\u2067', FSI = '\u2068', PDI = '\u2069';

/** Text as people type it in either direction, with every bidi control among it. */
const bidiText = fc.array(fc.constantFrom('a', 'Q', 'ب', 'ש', ' ', '1', '%', '.', LRM, RLM, ALM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI), { minLength: 1, maxLength: 24 })
  .map((chars) => chars.join(''));

function titleOf(plan: Plan, id: NodeId): string {
  plan.index.refresh(T0);
  return plan.index.title(id);
}

/** The refusal `run` throws, or null when it wrote. */
function refusalOf(run: () => void): string | null {
  try { run(); return null; } catch (error) { if (isPlanError(error)) return error.message; throw error; }
}

describe('bidirectional overrides (review40b F9)', () => {
  it('typed: refused naming the character, the stored title unchanged; marks, isolates and embeddings kept as typed', () => {
    const { plan } = newPlan();
    const { objective } = smallCascade(plan);
    plan.setTitle(objective, 'Cut costs by 10%');
    expect(refusalOf(() => plan.setTitle(objective, 'Cut costs \u202e%01 yb'))).toBe('the title contains a right-to-left override (U+202E), which shows the text after it in another order.');
    expect(titleOf(plan, objective)).toBe('Cut costs by 10%');
    for (const rtl of [`שלום ${LRI}Throughline 2${PDI}`, `${RLE}מחיר: 10%${PDF}`, `a${RLM}%${LRM}1${ALM}`, `${FSI}عربي${PDI} Q1`]) {
      plan.setTitle(objective, rtl);
      expect(titleOf(plan, objective)).toBe(rtl);
    }
  });

  it('property: whatever is typed into a title, a name or a description, what is stored holds no override; text without one is stored as typed', () => {
    const { plan } = newPlan();
    const { objective } = smallCascade(plan);
    fc.assert(fc.property(bidiText, (typed) => {
      const before = titleOf(plan, objective);
      const refused = refusalOf(() => plan.setTitle(objective, typed));
      const stored = titleOf(plan, objective);
      expect(stored).not.toMatch(OVERRIDE);
      if (OVERRIDE.test(typed)) {
        expect(refused).toMatch(/^the title contains a (right-to-left|left-to-right) override \(U\+202[DE]\)/);
        expect(stored).toBe(before);
      } else if (!isInvisibleOnly(typed)) {
        expect(refused).toBeNull();
        expect(stored).toBe(typed);
      }
      const person = refusalOf(() => plan.addPerson({ name: typed }));
      if (OVERRIDE.test(typed)) expect(person).toMatch(/override \(U\+202[DE]\)/);
      const description = refusalOf(() => plan.setDescription(objective, `${typed}\n${typed}`));
      if (OVERRIDE.test(typed)) expect(description).toMatch(/override \(U\+202[DE]\)/);
    }), { numRuns: 300 });
    plan.index.refresh(T0);
    for (const person of plan.index.people()) expect(person.name).not.toMatch(OVERRIDE);
    expect(plan.index.description(objective)).not.toMatch(OVERRIDE);
  });

  it('property: an override an older client stored is always shown as a named chip, in the row, the editor and the card alike', () => {
    fc.assert(fc.property(bidiText, (text) => {
      // A title that shows something (one of only marks is refused as showing nothing, whoever writes it).
      const stored = `Q${text}`;
      const { doc, plan } = newPlan();
      const { objective } = smallCascade(plan);
      plan.setTitle(objective, withStandIns(stored));
      storeOverridesAsOlderClient(doc);
      const title = titleOf(plan, objective);
      expect(title).toBe(stored);
      const overrides = [...stored].filter((char) => OVERRIDE.test(char));
      const runs = shownTextRuns(title);
      // Each override is a chip of its own, named; no run of plain text holds one.
      expect(runs.filter((run) => 'control' in run).map((run) => ('control' in run ? run.abbreviation : ''))).toEqual(overrides.map((char) => (char === RLO ? 'RLO' : 'LRO')));
      for (const run of runs) if ('text' in run) expect(run.text).not.toMatch(OVERRIDE);
      // The accessible name and the canvas card (namedControlText), the editor (editableText) and the plain form show none.
      expect(namedControlText(title)).not.toMatch(OVERRIDE);
      expect(editableText(title)).not.toMatch(OVERRIDE);
      expect(visibleText(title)).not.toMatch(OVERRIDE);
      // An edit of the title as its editor shows it saves no override: each ‹RLO› goes back as a visible sign.
      expect(fromEditableText(`${editableText(title)}!`, title)).not.toMatch(OVERRIDE);
    }), { numRuns: 200 });
  });

  it('read from a spreadsheet: replaced by a visible sign with a warning naming it; embeddings and isolates kept', () => {
    const csv = `\ufeffOutline,Type,Title,Owner\n1,Strategy,Grow\n1.1,Objective,Cut costs ${RLO}%01 yb,Eve${LRO}x\n1.2,Objective,${RLE}מחיר${PDF} ${LRI}Q1${PDI},Dana\n`;
    const read = readCsv(new TextEncoder().encode(csv));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now: T0 });
    const nodes = [...preview.nodes.values()];
    const cut = nodes.find((node) => node.row === 3)!;
    expect(cut.title).toBe('Cut costs \ufffd%01 yb');
    expect(cut.fields.owner?.name).toBe('Eve\ufffdx');
    expect(cut.warnings).toEqual([
      'column D "Owner": a left-to-right override (U+202D) replaced by a space or a visible sign',
      'title: a right-to-left override (U+202E) replaced by a space or a visible sign',
    ]);
    const rtl = nodes.find((node) => node.row === 4)!;
    expect(rtl.title).toBe(`${RLE}מחיר${PDF} ${LRI}Q1${PDI}`);
    expect(rtl.warnings).toEqual([]);
  });
});
