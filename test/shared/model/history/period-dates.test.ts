// blocker37 (figures36a leftover): a change to a period's own dates gave no review row, and a health row it
// moved read "with time, nothing edited or checked in" — false: Ben had shortened the quarter. Now each
// node set to the period has a row naming the edit and Ben, and the figure rows it moved are put down to it.
import { describe, expect, it } from 'vitest';
import { ROOT_ID } from '../../../../shared/model/index.js';
import { applyReviewChanges, baselineOfReviewPoint, describeChange, diffReview, figureCauseWords, listReviewPoints, planStateOf } from '../../../../shared/model/history/index.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth } from './history-support.js';

const plain = (text: string) => text.replace(/[\u2066-\u2069]/gu, '');

function quarterPlan() {
  const ada = historyPlan({ actor: 'ada' });
  const { plan } = ada;
  const q1 = plan.addPeriod({ name: 'Q1', start: '2027-01-01', end: '2027-06-30' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win EU', period: q1 });
  const revenue = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100, direction: 'increase' });
  plan.addCheckIn(revenue, { value: 40 });
  ada.ctx.advance(1);
  reviewPoint(ada.doc, ada.ctx, 'r1', 'March review');
  return { ...ada, q1, objective, revenue };
}

describe('a review names an edit of a period\'s own dates, and who made it', () => {
  it('lists the edit on the node set to the period and puts the health it moved down to it, not to time', () => {
    const setup = quarterPlan();
    const ben = replicaOf(setup.doc, 'ben', 'b', setup.ctx.now());
    ben.plan.updatePeriod(setup.q1, { end: '2027-03-05' });
    syncBoth(setup.doc, ben.doc);
    const now = setup.ctx.advance(1);
    setup.plan.index.refresh(now);
    const point = listReviewPoints(setup.doc).find((candidate) => candidate.id === 'r1')!;
    const diff = diffReview(setup.doc, point, { kind: 'now', index: setup.plan.index, now }, setup.plan.ctx);
    const title = (id: string) => setup.plan.index.title(id);
    const rows = diff.changes.map((change) => `${title(change.nodeId)}: ${plain(describeChange(change, title))} — ${change.by ?? plain(figureCauseWords(change, title) ?? 'author unknown')}`);
    expect(rows).toContain('Win EU: period Q1 dates 2027-01-01 – 2027-06-30 → 2027-01-01 – 2027-03-05 — ben');
    // The key result's pace is judged in its objective's period: its health row names Ben's edit.
    const health = diff.changes.filter((change) => change.kind === 'health');
    expect(health.map((change) => change.nodeId)).toContain(setup.revenue);
    const edit = 'period Q1 dates 2027-01-01 – 2027-06-30 → 2027-01-01 – 2027-03-05 by ben';
    for (const change of health) expect(plain(figureCauseWords(change, title)!)).toBe(change.nodeId === setup.objective ? `after ${edit}` : `after Win EU: ${edit}`);
    expect(rows.filter((row) => row.includes('with time'))).toEqual([]);
    // Applying the diff gives the later plan's period dates.
    const later = planStateOf(setup.plan.index, now);
    expect(applyReviewChanges({ ...later, periodDates: new Map([[setup.q1, { start: '2027-01-01', end: '2027-06-30' }]]) }, diff.changes.filter((change) => change.kind === 'period-dates'), now).periodDates)
      .toEqual(later.periodDates);
  });

  it('shows in the pulse\'s priority shifts against a baseline taken before the edit', () => {
    const setup = quarterPlan();
    const point = listReviewPoints(setup.doc).find((candidate) => candidate.id === 'r1')!;
    setup.plan.index.setBaseline(baselineOfReviewPoint(setup.doc, point, setup.plan.ctx));
    setup.plan.index.refresh(setup.ctx.now());
    const shifts = () => setup.plan.index.node(setup.objective)!.signals.filter((signal) => signal.kind === 'priority_shift');
    expect(shifts()).toEqual([]);
    const ben = replicaOf(setup.doc, 'ben', 'b', setup.ctx.now());
    ben.plan.updatePeriod(setup.q1, { end: '2027-03-05' });
    syncBoth(setup.doc, ben.doc);
    setup.plan.index.refresh(setup.ctx.advance(1));
    expect(shifts().map((signal) => plain(signal.message))).toEqual(['Changed since “March review”: period dates']);
    expect(shifts()[0]!.evidence).toMatchObject({ changes: [{ field: 'periodDates', before: '2027-01-01 – 2027-06-30', after: '2027-01-01 – 2027-03-05' }] });
    // Only the node set to the period: the key result below inherits it and reports no shift of its own.
    expect(setup.plan.index.node(setup.revenue)!.signals.filter((signal) => signal.kind === 'priority_shift')).toEqual([]);
  });
});
