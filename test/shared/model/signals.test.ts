// Execution signals of SPEC §2, one focused test each: when it fires, its evidence and since when,
// on small hand-built plans with a pinned clock (2027-03-01 12:00 UTC, period Q1 2027).
import { describe, expect, it } from 'vitest';
import { ROOT_ID, type Signal } from '../../../shared/model/index.js';
import { DAY, T0, newPlan, signalKinds, smallCascade } from './support.js';

const at = (iso: string) => Date.parse(iso);
function find<K extends Signal['kind']>(signals: readonly Signal[], kind: K): Extract<Signal, { kind: K }> | undefined {
  return signals.find((signal): signal is Extract<Signal, { kind: K }> => signal.kind === kind);
}

describe('pace', () => {
  it('off track when progress trails the elapsed share of the period by more than 25 points', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 30, at: at('2027-02-20T00:00:00Z') });
    plan.index.refresh(T0);
    const pace = find(plan.index.node(keyResult)!.signals, 'pace')!;
    expect(pace).toMatchObject({ severity: 'off_track', nodeId: keyResult, since: at('2027-02-20T00:00:00Z') });
    expect(pace.evidence).toMatchObject({ progress: 0.3, expected: 0.6611, gap: -0.3611, periodStart: at('2027-01-01T00:00:00Z'), periodEnd: at('2027-04-01T00:00:00Z') });
    expect(pace.message).toBe('30% done where 66% of the period has elapsed (off track)');
  });

  it('at risk between 10 and 25 points behind; nothing when closer', () => {
    const { plan } = newPlan();
    const { keyResult, objective } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 55 });
    plan.index.refresh(T0);
    expect(find(plan.index.node(keyResult)!.signals, 'pace')).toMatchObject({ severity: 'at_risk' });
    // The objective rolls up the same progress over the same period.
    expect(find(plan.index.node(objective)!.signals, 'pace')).toMatchObject({ severity: 'at_risk' });
    plan.addCheckIn(keyResult, { value: 60 });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, keyResult)).not.toContain('pace');
  });

  it('uses the thresholds of the plan settings', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 55 });
    plan.updateSettings({ paceAtRisk: 0.2 });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, keyResult)).not.toContain('pace');
  });

  it('initiatives are paced over their start and due dates', () => {
    const { plan } = newPlan();
    const { initiative } = smallCascade(plan);
    plan.updateNode(initiative, { startDate: '2027-02-01', dueDate: '2027-03-10' });
    plan.index.refresh(T0);
    expect(find(plan.index.node(initiative)!.signals, 'pace')).toMatchObject({ severity: 'off_track', evidence: { progress: 0 } });
  });
});

describe('forecast', () => {
  it('predicts a miss when the trend of the check-ins falls short of the target at the period end', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 10, at: at('2027-01-10T00:00:00Z') });
    plan.addCheckIn(keyResult, { value: 20, at: at('2027-02-01T00:00:00Z') });
    plan.addCheckIn(keyResult, { value: 30, at: at('2027-02-25T00:00:00Z') });
    plan.index.refresh(T0);
    const forecast = find(plan.index.node(keyResult)!.signals, 'forecast')!;
    // Four points: the start value (0) at the period start, then the three check-ins (review39b F2).
    expect(forecast).toMatchObject({ severity: 'at_risk', since: at('2027-02-25T00:00:00Z'), evidence: { target: 100, points: 4 } });
    expect(forecast.evidence.projected).toBeGreaterThan(40);
    expect(forecast.evidence.projected).toBeLessThan(50);
  });

  it('no forecast when the trend reaches the target, or with fewer than two values', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 10, at: at('2027-01-10T00:00:00Z') });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, keyResult)).not.toContain('forecast');
    plan.addCheckIn(keyResult, { value: 75, at: at('2027-02-28T00:00:00Z') });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, keyResult)).not.toContain('forecast');
  });
});

describe('stale', () => {
  it('an active key result without a check-in for longer than the cadence', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 62, at: T0 - 9 * DAY });
    plan.index.refresh(T0);
    expect(find(plan.index.node(keyResult)!.signals, 'stale')).toMatchObject({ since: T0 - 1.5 * DAY, evidence: { lastCheckInAt: T0 - 9 * DAY, daysSince: 9, cadenceDays: 7 } }); // since the midnight that began its 8th day
    plan.updateSettings({ cadenceDays: 10 });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, keyResult)).not.toContain('stale');
  });

  it('initiatives and KPIs count from their creation when they never had a check-in', () => {
    const { plan, ctx } = newPlan({ time: T0 - 20 * DAY });
    const { initiative, keyResult } = smallCascade(plan);
    const kpi = plan.createNode({ kind: 'kpi', parent: keyResult, title: 'Churn' });
    ctx.time = T0;
    plan.index.refresh(T0);
    expect(find(plan.index.node(initiative)!.signals, 'stale')).toMatchObject({ since: T0 - 12.5 * DAY, evidence: { lastCheckInAt: null } });
    expect(signalKinds(plan.index, kpi)).toContain('stale');
    plan.updateNode(initiative, { status: 'paused' });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, initiative)).not.toContain('stale');
  });
});

describe('blocked', () => {
  it('a blocked task, off track once blocked longer than the cadence, held back all the way up', () => {
    const { plan } = newPlan();
    const { strategy, objective, keyResult, initiative, task } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 70 });
    plan.updateNode(task, { status: 'blocked', blockedReason: 'Waiting for legal', blockedSince: T0 - 10 * DAY });
    plan.index.refresh(T0);
    const blocked = find(plan.index.node(task)!.signals, 'blocked')!;
    expect(blocked).toMatchObject({ severity: 'off_track', since: T0 - 10 * DAY, evidence: { source: 'status', reason: 'Waiting for legal', days: 10 } });
    const top = plan.index.node(strategy)!;
    expect(top.health).toBe('off_track');
    expect(top.healthCause!.path).toEqual([strategy, objective, keyResult, initiative, task]);
    expect(top.healthCause!.signal.kind).toBe('blocked');
    expect(plan.index.node(initiative)!.counts.blocked).toBe(1);
  });

  it('a check-in that raises a blocker, until a later check-in clears it knowingly (naming it)', () => {
    const { plan } = newPlan();
    const { initiative } = smallCascade(plan);
    plan.addCheckIn(initiative, { blocker: true, note: 'No budget', at: T0 - 3 * DAY });
    plan.addCheckIn(initiative, { blocker: true, note: 'Still no budget', at: T0 - DAY });
    plan.index.refresh(T0);
    expect(find(plan.index.node(initiative)!.signals, 'blocked')).toMatchObject({ severity: 'at_risk', since: T0 - 3 * DAY, evidence: { source: 'check-in', reason: 'Still no budget', days: 3 } });
    // A note that clears nothing leaves the blockers standing (review33 F1).
    plan.addCheckIn(initiative, { note: 'Weekly: talking to finance' });
    plan.index.refresh(T0);
    expect(find(plan.index.node(initiative)!.signals, 'blocked')).toMatchObject({ since: T0 - 3 * DAY, evidence: { reason: 'Still no budget' } });
    plan.addCheckIn(initiative, { note: 'Budget approved', clears: plan.index.standingBlockers(initiative).map((checkIn) => checkIn.id) });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, initiative)).not.toContain('blocked');
  });
});

describe('overdue', () => {
  it('open work past the end of its due date', () => {
    const { plan } = newPlan();
    const { initiative, task } = smallCascade(plan);
    plan.updateNode(task, { dueDate: '2027-02-20' });
    plan.updateNode(initiative, { dueDate: '2027-03-01' });
    plan.index.refresh(T0);
    expect(find(plan.index.node(task)!.signals, 'overdue')).toMatchObject({ since: at('2027-02-21T00:00:00Z'), evidence: { dueDate: '2027-02-20', daysOverdue: 9 } });
    expect(signalKinds(plan.index, initiative)).not.toContain('overdue'); // due today: not yet
    expect(plan.index.node(initiative)!.counts.overdue).toBe(1);
    plan.updateNode(task, { status: 'done' });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, task)).not.toContain('overdue');
  });
});

describe('confidence drop', () => {
  it('a fall of 3 or more points between consecutive check-ins', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 60, confidence: 8, at: T0 - 7 * DAY });
    plan.addCheckIn(keyResult, { value: 62, at: T0 - 3 * DAY }); // no confidence: skipped
    plan.addCheckIn(keyResult, { value: 63, confidence: 5, at: T0 - DAY });
    plan.index.refresh(T0);
    expect(find(plan.index.node(keyResult)!.signals, 'confidence_drop')).toMatchObject({ since: T0 - DAY, evidence: { from: 8, to: 5 }, message: 'Confidence fell from 8 to 5' });
    plan.addCheckIn(keyResult, { value: 64, confidence: 4 });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, keyResult)).not.toContain('confidence_drop');
  });
});

describe('KPI breach', () => {
  it('the latest value outside the healthy range, since the first value of that run', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    const kpi = plan.createNode({ kind: 'kpi', parent: keyResult, title: 'Churn', unit: '%', healthyLow: 1, healthyHigh: 5 });
    plan.addCheckIn(kpi, { value: 4, at: T0 - 3 * DAY });
    plan.addCheckIn(kpi, { value: 6, at: T0 - 2 * DAY });
    plan.addCheckIn(kpi, { value: 7.5, at: T0 - DAY });
    plan.index.refresh(T0);
    expect(find(plan.index.node(kpi)!.signals, 'kpi_breach')).toMatchObject({ severity: 'off_track', since: T0 - 2 * DAY, evidence: { value: 7.5, healthyLow: 1, healthyHigh: 5 } });
    expect(plan.index.node(keyResult)!.health).toBe('off_track');
    plan.addCheckIn(kpi, { value: 3 });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, kpi)).not.toContain('kpi_breach');
  });
});

describe('unaligned work', () => {
  it('open work under a dropped (archived) goal is unaligned; the plan reports the aligned share', () => {
    const { plan } = newPlan();
    const { objective, initiative, task } = smallCascade(plan);
    plan.index.refresh(T0);
    expect(plan.index.summary()).toMatchObject({ activeWork: 2, alignedWork: 2, alignedShare: 1 });
    plan.updateNode(objective, { archived: true });
    plan.index.refresh(T0);
    // The key result is archived with its objective; the open initiative and task stay active.
    expect(find(plan.index.node(initiative)!.signals, 'unaligned')).toMatchObject({ evidence: { activeWorkBelow: 2 } });
    expect(signalKinds(plan.index, task)).not.toContain('unaligned'); // reported once, on the topmost node
    expect(plan.index.node(task)!.aligned).toBe(false);
    expect(plan.index.summary()).toMatchObject({ activeWork: 2, alignedWork: 0, alignedShare: 0 });
  });

  it('a contributes-to link to a live key result aligns it again', () => {
    const { plan } = newPlan();
    const { strategy, objective, initiative } = smallCascade(plan);
    const other = plan.createNode({ kind: 'objective', parent: strategy, title: 'Other' });
    const kr = plan.createNode({ kind: 'key_result', parent: other, title: 'Other KR' });
    plan.updateNode(objective, { archived: true });
    plan.link(initiative, 'contributes_to', kr);
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, initiative)).not.toContain('unaligned');
    expect(plan.index.summary().alignedShare).toBe(1);
    expect(plan.index.children(ROOT_ID)).toEqual([strategy]);
  });
});

describe('slowdown', () => {
  it('an initiative and a team finishing far fewer tasks per week than in the weeks before', () => {
    const { plan } = newPlan();
    const { initiative, task } = smallCascade(plan);
    const team = plan.addTeam({ name: 'Platform' });
    plan.updateNode(initiative, { team });
    plan.updateNode(task, { status: 'done', doneAt: T0 - 20 * DAY });
    for (let i = 0; i < 5; i++) plan.createNode({ kind: 'task', parent: initiative, title: `t${i}`, status: 'done', doneAt: T0 - (16 + i * 5) * DAY });
    plan.addCheckIn(initiative, { note: 'fine' });
    plan.index.refresh(T0);
    expect(find(plan.index.node(initiative)!.signals, 'slowdown')).toMatchObject({ since: T0 - 14 * DAY, evidence: { recentPerWeek: 0, baselinePerWeek: 1 } });
    expect(plan.index.teamSignals()).toEqual([expect.objectContaining({ kind: 'slowdown', teamId: team, nodeId: null })]);
    plan.createNode({ kind: 'task', parent: initiative, title: 'recent', status: 'done', doneAt: T0 - DAY });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, initiative)).not.toContain('slowdown');
  });
});

describe('effort without impact', () => {
  it('much work done while the linked key results did not move', () => {
    const { plan } = newPlan();
    const { keyResult, initiative } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 40, at: T0 - 40 * DAY });
    plan.addCheckIn(keyResult, { value: 40, at: T0 - DAY });
    for (let i = 0; i < 5; i++) plan.createNode({ kind: 'task', parent: initiative, title: `t${i}`, status: 'done', doneAt: T0 - (2 + i * 4) * DAY });
    plan.addCheckIn(initiative, {});
    plan.index.refresh(T0);
    expect(find(plan.index.node(initiative)!.signals, 'effort_without_impact')).toMatchObject({ since: T0 - 18 * DAY, evidence: { doneTasks: 5, keyResults: [keyResult], maxProgressMove: 0 } });
    plan.addCheckIn(keyResult, { value: 55 });
    plan.index.refresh(T0);
    expect(signalKinds(plan.index, initiative)).not.toContain('effort_without_impact');
  });
});

describe('priority shift', () => {
  it('targets, weights, priorities, owners and scope changed since the review point', () => {
    const { plan, ctx } = newPlan();
    const { objective, keyResult, initiative } = smallCascade(plan);
    const person = plan.addPerson({ name: 'Ana' });
    plan.addCheckIn(keyResult, { value: 80 });
    plan.addCheckIn(initiative, {});
    plan.index.refresh(T0);
    plan.index.setBaseline(plan.index.captureBaseline('Q1 offsite', T0));
    ctx.advance(1);
    plan.updateNode(keyResult, { target: 120 });
    plan.updateNode(objective, { weight: 2, owner: person });
    plan.updateNode(initiative, { priority: 'critical' });
    const added = plan.createNode({ kind: 'task', parent: initiative, title: 'New scope' });
    plan.index.refresh(T0 + DAY);
    expect(find(plan.index.node(keyResult)!.signals, 'priority_shift')).toMatchObject({ severity: 'info', since: T0 + DAY, evidence: { changes: [{ field: 'target', before: 100, after: 120 }], baselineAt: T0 } });
    expect(find(plan.index.node(objective)!.signals, 'priority_shift')!.evidence.changes.map((change) => change.field)).toEqual(['weight', 'owner']);
    expect(find(plan.index.node(added)!.signals, 'priority_shift')!.message).toBe('Added since “\u2068Q1 offsite\u2069”'); // the review point's name isolated (usercheck13)
    expect(plan.index.node(objective)!.health).toBe('on_track'); // info signals do not change health
    plan.index.setBaseline(null);
    plan.index.refresh(T0 + DAY);
    expect(plan.index.signals().filter((signal) => signal.kind === 'priority_shift')).toEqual([]);
  });

  it('an item deleted at the review point and restored since reads "Restored since", not "Added since" (review39b F4)', () => {
    const { plan, ctx } = newPlan();
    const { task } = smallCascade(plan);
    ctx.advance(1);
    plan.deleteNode(task);
    plan.index.refresh(ctx.now());
    plan.index.setBaseline(plan.index.captureBaseline('After lunch', ctx.now()));
    ctx.advance(1);
    plan.restoreNode(task);
    plan.index.refresh(ctx.now());
    expect(find(plan.index.node(task)!.signals, 'priority_shift')!.message).toBe('Restored since “\u2068After lunch\u2069”');
  });
});

describe('health', () => {
  it('is the worst of own signals and children, with the path to the cause', () => {
    const { plan } = newPlan();
    const { strategy, objective, keyResult, task } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 55 }); // pace at risk on KR and objective
    plan.index.refresh(T0);
    expect(plan.index.node(strategy)).toMatchObject({ health: 'at_risk', healthCause: { path: [strategy, objective] } });
    plan.updateNode(task, { status: 'blocked', blockedSince: T0 - 9 * DAY });
    plan.index.refresh(T0);
    expect(plan.index.node(objective)!.healthCause!.signal.kind).toBe('blocked');
    expect(plan.index.summary().health).toBe('off_track');
  });
});
