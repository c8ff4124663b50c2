// A plan file holds the plan as it is now; its review points and day marks (Yjs snapshots of the original
// doc) are not written. Exporting says so, naming them (files20, twenty-sixth session): before, a team that
// saved its plan and opened it elsewhere found its review points and baseline gone without a word.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { exportPlanFile, parsePlanFile, planFileLeftOut, serializePlanFile, writePlanFile } from '../../../shared/files/index.js';
import { listReviewPoints, recordDayMark } from '../../../shared/model/history/index.js';
import { historyPlan, reviewPoint } from '../model/history/history-support.js';

describe('what a plan file leaves out', () => {
  it('names the review points and the history it does not hold; a plan opened from it has none', () => {
    const { doc, ctx, plan } = historyPlan({ actor: 'ada' });
    plan.createNode({ kind: 'strategy', parent: 'root', title: 'Grow' });
    expect(planFileLeftOut(doc)).toBeNull();
    reviewPoint(doc, ctx, 'q1', 'Q1 offsite');
    expect(planFileLeftOut(doc)).toBe('The file holds the plan as it is now, not the review point “Q1 offsite”: a plan opened from it has none of them. This plan keeps them.');
    ctx.advance(1);
    reviewPoint(doc, ctx, 'w07', 'Weekly 2027-W07');
    recordDayMark(doc, '2027-02-15', { now: ctx.now(), actor: ctx.actor });
    expect(planFileLeftOut(doc)).toBe('The file holds the plan as it is now, not the 2 review points “Q1 offsite” and “Weekly 2027-W07” and the plan\'s history (the past by date): a plan opened from it has none of them. This plan keeps them.');
    for (const name of ['W08', 'W09']) { ctx.advance(1); reviewPoint(doc, ctx, name.toLowerCase(), name); }
    expect(planFileLeftOut(doc)).toContain('the 4 review points “Q1 offsite”, “Weekly 2027-W07”, “W08” and 1 more and the plan\'s history');

    // What the notice says is so: the plan opened from the file has no review point.
    const parsed = parsePlanFile(serializePlanFile(exportPlanFile(doc)));
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const opened = new Y.Doc({ gc: false });
    writePlanFile(opened, parsed.file);
    expect(listReviewPoints(opened)).toEqual([]);
  });

  it('a plan with only day marks: the history is named', () => {
    const { doc, ctx } = historyPlan({ actor: 'ada' });
    recordDayMark(doc, '2027-02-15', { now: ctx.now(), actor: ctx.actor });
    expect(planFileLeftOut(doc)).toBe('The file holds the plan as it is now, not the plan\'s history (the past by date): a plan opened from it has none of them. This plan keeps them.');
  });
});
