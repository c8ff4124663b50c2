// review36a F1: Ada takes a review point; Ben then moves the goalposts (a key result's start, a range's
// high bound, an initiative's manual progress, the objective's period, a KPI's healthy range). The review
// listed only the figures that moved, each "from check-ins and status", naming no one, and the pulse's
// priority shifts did not see any of it. Now each field change is a row naming Ben, each figure row says
// which edits explain it, and the baseline compares the goalposts too.
import { describe, expect, it } from 'vitest';
import { ROOT_ID } from '../../../../shared/model/index.js';
import {
  baselineOfReviewPoint, describeChange, diffReview, figureCauseWords, listReviewPoints, type ReviewChange,
} from '../../../../shared/model/history/index.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth } from './history-support.js';

const plain = (text: string) => text.replace(/[\u2066-\u2069]/gu, '');

function goalpostPlan() {
  const ada = historyPlan({ actor: 'ada' });
  const { plan } = ada;
  const q1 = plan.addPeriod({ name: 'Q1', start: '2027-01-01', end: '2027-03-31' });
  const h1 = plan.addPeriod({ name: 'Q1–Q2', start: '2027-01-01', end: '2027-06-30' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win EU', period: q1 });
  const revenue = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100, direction: 'increase', unit: 'k€' });
  const churn = plan.createNode({ kind: 'key_result', parent: objective, title: 'Churn kept in range', direction: 'range', rangeLow: 2, rangeHigh: 3, start: 5, unit: '%' });
  const kpi = plan.createNode({ kind: 'kpi', parent: objective, title: 'Support backlog', unit: '%', healthyLow: 0, healthyHigh: 3 });
  const campaign = plan.createNode({ kind: 'initiative', parent: revenue, title: 'Campaign', status: 'active' });
  plan.createNode({ kind: 'task', parent: campaign, title: 'Ads', status: 'todo' });
  plan.addCheckIn(revenue, { value: 40 });
  plan.addCheckIn(churn, { value: 6 });
  plan.addCheckIn(kpi, { value: 5 });
  ada.ctx.advance(1);
  reviewPoint(ada.doc, ada.ctx, 'r1', 'March review');
  return { ...ada, q1, h1, strategy, objective, revenue, churn, kpi, campaign };
}

function review(setup: ReturnType<typeof goalpostPlan>) {
  const { doc, ctx, plan } = setup;
  const now = ctx.advance(1);
  plan.index.refresh(now);
  const point = listReviewPoints(doc).find((candidate) => candidate.id === 'r1')!;
  const diff = diffReview(doc, point, { kind: 'now', index: plan.index, now }, plan.ctx);
  const title = (id: string) => plan.index.title(id);
  const rows = diff.changes.map((change) => `${title(change.nodeId)}: ${plain(describeChange(change, title))} — ${change.by ?? plain(figureCauseWords(change, title) ?? 'author unknown')}`);
  return { diff, rows, of: (id: string, kind: ReviewChange['kind']) => diff.changes.filter((change) => change.nodeId === id && change.kind === kind) };
}

describe('a review names the goalposts moved since the review point, and who moved them', () => {
  it('lists Ben\'s start, range, healthy range, manual progress and period changes, and puts the figures down to them, not to check-ins', () => {
    const setup = goalpostPlan();
    const ben = replicaOf(setup.doc, 'ben', 'b', setup.ctx.now());
    ben.plan.updateNode(setup.revenue, { start: 30 });
    ben.plan.updateNode(setup.churn, { rangeHigh: 7 });
    ben.plan.updateNode(setup.kpi, { healthyHigh: 7 });
    ben.plan.updateNode(setup.campaign, { manualProgress: 0.9 });
    ben.plan.updateNode(setup.objective, { period: setup.h1 });
    syncBoth(setup.doc, ben.doc);
    const { rows, of } = review(setup);
    expect(rows).toContain('Revenue: start 0 → 30 — ben');
    expect(rows).toContain('Churn kept in range: range 2–3 % → 2–7 % — ben');
    expect(rows).toContain('Support backlog: healthy range 0–3 % → 0–7 % — ben');
    expect(rows).toContain('Campaign: manual progress set to 90 % — ben');
    expect(rows).toContain('Win EU: period Q1 → Q1–Q2 — ben');
    // The figures that moved are put down to those edits, by name; none "from check-ins and status".
    expect(rows.filter((row) => row.includes('from check-ins'))).toEqual([]);
    expect(rows).toContain('Revenue: progress 40% → 14% — after start 0 → 30 by ben');
    expect(rows).toContain('Campaign: progress 0% → 90% — after manual progress set to 90 % by ben');
    expect(rows).toContain('Churn kept in range: progress 0% → 100% — after range 2–3 % → 2–7 % by ben');
    // The objective's progress is its key results'; a period edit is in its health's reasons, not its progress'.
    const objectiveProgress = of(setup.objective, 'progress')[0]!;
    expect(objectiveProgress.kind === 'progress' && objectiveProgress.cause!.edits.map((edit) => edit.key)).toEqual([`field-start:${setup.revenue}`, `field-range:${setup.churn}`]);
    const kpiHealth = of(setup.kpi, 'health')[0]!;
    expect(plain(figureCauseWords(kpiHealth, (id) => setup.plan.index.title(id))!)).toMatch(/^after healthy range 0–3 % → 0–7 % by ben/u);
  });

  it('names a manual progress as it was saved, as the detail panel shows it (review37b B4: 99.96 % read "100 %", 12.345 → 12.349 read "12.3 % → 12.3 %")', () => {
    const change = (before: number | null, after: number | null): ReviewChange => ({ key: 'field-manualProgress:n', nodeId: 'n', title: 'Launch', strategyId: null, by: 'ben', kind: 'field', field: 'manualProgress', before, after }) as unknown as ReviewChange;
    expect(describeChange(change(null, 0.9996), () => '')).toBe('manual progress set to 99.96 %');
    expect(describeChange(change(0.12345, 0.12349), () => '')).toBe('manual progress 12.345 % → 12.349 %');
    expect(describeChange(change(0.0004, 0.0003), () => '')).toBe('manual progress 0.04 % → 0.03 %');
    expect(describeChange(change(0.07, null), () => '')).toBe('manual progress cleared (was 7 %): progress counts tasks again');
  });

  it('says "from check-ins and status" only where a check-in or status explains the figure, and "with time" where nothing was done', () => {
    const setup = goalpostPlan();
    const ben = replicaOf(setup.doc, 'ben', 'b', setup.ctx.now());
    ben.plan.addCheckIn(setup.revenue, { value: 60 });
    syncBoth(setup.doc, ben.doc);
    // Forty days on, nobody has checked in the KPI again: whatever its health does, it does with time.
    setup.ctx.advance(40);
    const { rows, of } = review(setup);
    expect(rows).toContain('Revenue: progress 40% → 60% — from check-ins and status');
    for (const change of of(setup.kpi, 'health')) expect(plain(figureCauseWords(change, (id) => setup.plan.index.title(id))!)).toBe('with time, nothing edited or checked in');
    // The campaign's health (stale, nothing done) moved with time; the check-in is on the key result above it.
    const campaignHealth = of(setup.campaign, 'health');
    expect(campaignHealth).toHaveLength(1);
    expect(figureCauseWords(campaignHealth[0]!, (id) => setup.plan.index.title(id))).toBe('with time, nothing edited or checked in');
  });

  it('the baseline compares the goalposts: the pulse\'s priority shifts name each moved one', () => {
    const setup = goalpostPlan();
    const { doc, plan } = setup;
    plan.index.setBaseline(baselineOfReviewPoint(doc, listReviewPoints(doc).find((point) => point.id === 'r1')!, plan.ctx));
    plan.index.refresh(setup.ctx.now());
    expect(plan.index.signals().filter((signal) => signal.kind === 'priority_shift')).toEqual([]);
    const ben = replicaOf(doc, 'ben', 'b', setup.ctx.now());
    ben.plan.updateNode(setup.revenue, { start: 30, unit: 'M€' });
    ben.plan.updateNode(setup.churn, { rangeHigh: 7, direction: 'decrease' });
    ben.plan.updateNode(setup.kpi, { healthyLow: 1 });
    ben.plan.updateNode(setup.campaign, { manualProgress: 0.9 });
    ben.plan.updateNode(setup.objective, { period: setup.h1 });
    syncBoth(doc, ben.doc);
    plan.index.refresh(setup.ctx.advance(1));
    const shifts = (id: string) => plain(plan.index.node(id)!.signals.find((signal) => signal.kind === 'priority_shift')?.message ?? '');
    expect(shifts(setup.revenue)).toBe('Changed since “March review”: start, unit');
    expect(shifts(setup.churn)).toBe('Changed since “March review”: range, direction');
    expect(shifts(setup.kpi)).toBe('Changed since “March review”: healthy range');
    expect(shifts(setup.campaign)).toBe('Changed since “March review”: manual progress');
    expect(shifts(setup.objective)).toBe('Changed since “March review”: period');
    const evidence = plan.index.node(setup.churn)!.signals.find((signal) => signal.kind === 'priority_shift');
    expect(evidence?.kind === 'priority_shift' && evidence.evidence.changes).toEqual([
      { field: 'rangeHigh', before: 3, after: 7 }, { field: 'direction', before: 'range', after: 'decrease' },
    ]);
  });

  it('a device-local review point (no goalposts remembered) reports no goalpost as changed', () => {
    const setup = goalpostPlan();
    const { plan } = setup;
    const legacy = plan.index.captureBaseline('Old offsite', setup.ctx.now());
    for (const node of Object.values(legacy.nodes)) {
      for (const field of ['start', 'rangeLow', 'rangeHigh', 'healthyLow', 'healthyHigh', 'direction', 'unit', 'manualProgress', 'period'] as const) delete node[field];
    }
    plan.index.setBaseline(legacy);
    plan.index.refresh(setup.ctx.advance(1));
    expect(plan.index.signals().filter((signal) => signal.kind === 'priority_shift')).toEqual([]);
  });

  it('a move explains the figures of the parents it left and joined, and the moved item\'s health, not its progress', () => {
    const setup = goalpostPlan();
    const { plan } = setup;
    const other = plan.createNode({ kind: 'objective', parent: setup.strategy, title: 'Win US' });
    plan.createNode({ kind: 'key_result', parent: other, title: 'US revenue', start: 0, target: 10, direction: 'increase' });
    setup.ctx.advance(1);
    reviewPoint(setup.doc, setup.ctx, 'r2', 'April review');
    const ben = replicaOf(setup.doc, 'ben', 'b', setup.ctx.now());
    ben.plan.moveNode(setup.revenue, { parent: other });
    syncBoth(setup.doc, ben.doc);
    const now = setup.ctx.advance(1);
    plan.index.refresh(now);
    const point = listReviewPoints(setup.doc).find((candidate) => candidate.id === 'r2')!;
    const diff = diffReview(setup.doc, point, { kind: 'now', index: plan.index, now }, plan.ctx);
    const words = (id: string, kind: 'progress' | 'health') => diff.changes.filter((change) => change.nodeId === id && change.kind === kind).map((change) => plain(figureCauseWords(change, (node) => plan.index.title(node))!));
    // Both objectives' progress moved, each put down to Ben's move of the key result.
    expect(words(setup.objective, 'progress')).toEqual(['after Revenue: moved from Win EU to Win US by ben']);
    expect(words(other, 'progress')).toEqual(['after Revenue: moved from Win EU to Win US by ben']);
    // The key result's own progress did not move with it; its health did (it no longer inherits Win EU's
    // Q1, so no pace is judged), and that is put down to the move, not to time.
    expect(words(setup.revenue, 'progress')).toEqual([]);
    expect(words(setup.revenue, 'health')).toEqual(['after moved from Win EU to Win US by ben']);
  });
});
