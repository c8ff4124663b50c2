// Free text that shows nothing (only spaces or zero-width characters) in the fields besides titles
// and names: descriptions, check-in notes, units, horizons and blocked reasons are kept as none;
// review point names are refused like every other name. One rule at the model layer, so the UI,
// import and file open all get it; on real Y.Doc plans.
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { freeTextAsKept, showsNothing } from '../../../shared/text/invisible-text.js';
import { isPlanError, type NodeId, type Plan } from '../../../shared/model/index.js';
import { createReviewPoint, getReviewPoint, HistoryError, renameReviewPoint } from '../../../shared/model/history/index.js';
import { applyImport, buildImportPreview, detectMapping, exportPlanFile, parsePlanFile, readCsv, serializePlanFile } from '../../../shared/files/index.js';
import { newPlan, smallCascade, T0 } from '../model/support.js';
import { historyPlan } from '../model/history/history-support.js';

const invisible = fc.constantFrom(' ', '\u00a0', '\u3000', '\u200b', '\u2060', '\ufeff', '\u3164', '\u2800', '\u200d', '\u180e');
const blankText = fc.array(invisible, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
const visibleText = fc.string({ minLength: 1, maxLength: 6 }).filter((text) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(text) && !/[\p{Cc}]/u.test(text));

function fieldsOf(plan: Plan, id: NodeId) {
  plan.index.refresh(T0);
  return plan.index.node(id)!.fields;
}

function checkInsOf(plan: Plan, id: NodeId) {
  plan.index.refresh(T0);
  return plan.index.checkIns(id);
}

function thrown(run: () => void): Error {
  try { run(); } catch (error) { if (error instanceof Error) return error; throw error; }
  throw new Error('not refused');
}

describe('free text that shows nothing is kept as none', () => {
  it('descriptions, units, horizons, blocked reasons and check-in notes of only spaces or zero-width characters are stored as none; with anything visible, as typed (property)', () => {
    fc.assert(fc.property(blankText, visibleText, fc.nat(8), (blank, seen, at) => {
      const { plan } = newPlan();
      const { strategy, objective, keyResult, task } = smallCascade(plan);
      plan.setDescription(objective, 'Why we do this');
      plan.updateNode(keyResult, { unit: 'k€' });
      plan.updateNode(task, { status: 'blocked', blockedReason: 'Waiting for legal' });

      plan.setDescription(objective, blank);
      expect(plan.index.description(objective)).toBe('');
      const created = plan.createNode({ kind: 'objective', parent: strategy, title: 'Second', description: blank });
      expect(plan.index.description(created)).toBe('');
      plan.updateNode(keyResult, { unit: blank });
      expect(fieldsOf(plan, keyResult).unit).toBeUndefined();
      plan.updateNode(task, { blockedReason: blank });
      expect(fieldsOf(plan, task).blockedReason).toBeUndefined();
      expect(fieldsOf(plan, task).status).toBe('blocked');
      plan.updateNode(strategy, { horizon: blank });
      expect(fieldsOf(plan, strategy).horizon).toBeUndefined();
      plan.addCheckIn(task, { note: blank });
      expect(checkInsOf(plan, task).at(-1)!.note).toBe('');

      // Anything visible in it: kept exactly as typed, invisible characters and all.
      const mixed = blank.slice(0, at) + seen + blank.slice(at);
      expect(showsNothing(mixed)).toBe(false);
      expect(freeTextAsKept(mixed)).toBe(mixed);
      plan.setDescription(objective, mixed);
      expect(plan.index.description(objective)).toBe(mixed);
      plan.updateNode(task, { blockedReason: mixed });
      expect(fieldsOf(plan, task).blockedReason).toBe(mixed);
      plan.addCheckIn(task, { note: mixed });
      expect(checkInsOf(plan, task).at(-1)!.note).toBe(mixed);
    }), { numRuns: 40 });
  });

  it('a check-in on a key result whose only content is an invisible note is refused, naming the note, and adds nothing', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    const before = checkInsOf(plan, keyResult).length;
    const error = thrown(() => plan.addCheckIn(keyResult, { note: '\u200b\u200b' }));
    expect(isPlanError(error)).toBe(true);
    expect(error.message).toBe('the note is only invisible characters (U+200B), which show nothing, so it is no note; a check-in on a key result or KPI needs a value, or else a note, a blocker, a confidence or a status');
    expect(thrown(() => plan.addCheckIn(keyResult, { note: '   ' })).message).toContain('the note is only spaces, which show nothing, so it is no note');
    expect(checkInsOf(plan, keyResult)).toHaveLength(before);
  });

  it('a plan file holding such text opens with it left empty and a warning for each', () => {
    const { plan } = newPlan();
    const { objective, keyResult, task } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 5, note: 'fine' });
    const raw = JSON.parse(serializePlanFile(exportPlanFile(plan.doc))) as ReturnType<typeof exportPlanFile>;
    const at = (id: string) => raw.nodes.findIndex((node) => node.id === id);
    raw.nodes[at(objective)]!.description = '\u200b \u200b';
    raw.nodes[at(keyResult)]!.fields.unit = '\u2060';
    raw.nodes[at(task)]!.fields.status = 'blocked';
    raw.nodes[at(task)]!.fields.blockedReason = '\ufeff\ufeff';
    raw.checkIns[0]!.note = '\u3164';
    const parsed = parsePlanFile(JSON.stringify(raw));
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.warnings).toEqual(expect.arrayContaining([
      `node ${at(objective) + 1} (id ${objective}, “Win EU”): the description is only spaces and invisible characters (U+200B), which show nothing; left empty`,
      `node ${at(keyResult) + 1} (id ${keyResult}, “Revenue”): unit is only invisible characters (U+2060), which show nothing; left empty`,
      `node ${at(task) + 1} (id ${task}, “Ads”): blockedReason is only invisible characters (U+FEFF), which show nothing; left empty`,
      `check-in 1 (id ${raw.checkIns[0]!.id}): the note is only invisible characters (U+3164), which show nothing; left empty`,
    ]));
    const node = (id: string) => parsed.file.nodes.find((candidate) => candidate.id === id)!;
    expect(node(objective).description).toBe('');
    expect(node(keyResult).fields.unit).toBeUndefined();
    expect(node(task).fields.blockedReason).toBeUndefined();
    expect(node(task).fields.status).toBe('blocked');
    expect(parsed.file.checkIns[0]!.note).toBe('');
  });

  it('an imported description or unit of only zero-width characters arrives empty', () => {
    const { plan } = newPlan();
    const read = readCsv(new TextEncoder().encode('Objective,Key result,Description,Unit,Target\nGrow,Revenue,\u200b\u200b,\u2060,10\n'));
    if (!read.ok) throw new Error(read.problem.message);
    const result = applyImport(plan, buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' }), { now: T0 });
    expect(result.ok).toBe(true);
    plan.index.refresh(T0);
    const ids = [...plan.index.structure().records.keys()];
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) {
      expect(plan.index.description(id)).toBe('');
      expect(plan.index.node(id)?.fields.unit).toBeUndefined();
    }
  });
});

describe('a review point name that shows nothing', () => {
  it('is refused when taken or renamed, naming the characters, and the saved name stays (property)', () => {
    fc.assert(fc.property(blankText, (blank) => {
      const { doc, ctx } = historyPlan();
      const history = { now: ctx.now(), actor: ctx.actor };
      createReviewPoint(doc, { id: 'q1', name: 'Q1 offsite' }, history);
      const before = Y.encodeStateAsUpdate(doc);
      const taken = thrown(() => createReviewPoint(doc, { id: 'q2', name: blank }, history));
      expect(taken).toBeInstanceOf(HistoryError);
      // A name zod's trim() empties is "needs a name"; one it leaves (zero-width) is named.
      expect(taken.message).toMatch(/^(a review point needs a name|the review point name is only .*which show nothing)$/);
      const renamed = thrown(() => renameReviewPoint(doc, 'q1', blank, history));
      expect(renamed.message).toMatch(/^(a review point needs a name|the review point name is only .*which show nothing)$/);
      expect(getReviewPoint(doc, 'q1')!.name).toBe('Q1 offsite');
      expect(getReviewPoint(doc, 'q2')).toBeNull();
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    }), { numRuns: 40 });
    const { doc, ctx } = historyPlan();
    expect(thrown(() => createReviewPoint(doc, { id: 'z', name: '\u200b\u2060' }, { now: ctx.now(), actor: ctx.actor })).message)
      .toBe('the review point name is only invisible characters (U+200B, U+2060), which show nothing');
  });
});
