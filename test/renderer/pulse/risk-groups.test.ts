// The risk card's origins grouped by kind of risk (fix41b): on a company's plan the card listed 86 (or 4,240)
// origins as one flat list, and a leader could not see what kind of risk it was. Each origin is grouped under
// one kind (the first of RISK_KIND_ORDER among its own risk signals), the groups carry counts that add up to
// the card's figure, and the evidence is listed group by group.
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { groupRiskOrigins, isRiskOriginSignal, leadingRiskKind, openPlan, RISK_KIND_ORDER, SIGNAL_KINDS, type Signal } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { pulseQuestions, RISK_KIND_LABELS } from '../../../renderer/src/pulse/pulse-figures.js';
import { DAY, newPlan, smallCascade } from '../../shared/model/support.js';

type SignalLike = Pick<Signal, 'kind' | 'severity'>;
const signalArb: fc.Arbitrary<SignalLike> = fc.record({ kind: fc.constantFrom(...SIGNAL_KINDS), severity: fc.constantFrom('info' as const, 'at_risk' as const, 'off_track' as const) });

describe('risk origins grouped by kind of risk (fix41b)', () => {
  it('property: every origin is in exactly one group, under the first of its kinds in RISK_KIND_ORDER; the counts add up; groups come in that order', () => {
    fc.assert(fc.property(fc.array(fc.array(signalArb, { maxLength: 5 }), { maxLength: 40 }), (signalLists) => {
      const items = signalLists.map((signals, index) => ({ index, signals }));
      const groups = groupRiskOrigins(items, (item) => item.signals);
      const origins = items.filter((item) => item.signals.some(isRiskOriginSignal));
      const seen = groups.flatMap((group) => group.origins.map((item) => item.index));
      expect([...seen].sort((a, b) => a - b)).toEqual(origins.map((item) => item.index));
      expect(groups.reduce((sum, group) => sum + group.origins.length, 0)).toBe(origins.length);
      const ranks = groups.map((group) => RISK_KIND_ORDER.indexOf(group.kind));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      for (const group of groups) {
        expect(group.origins.length).toBeGreaterThan(0);
        for (const item of group.origins) {
          const kinds = item.signals.filter(isRiskOriginSignal).map((signal) => RISK_KIND_ORDER.indexOf(signal.kind as never));
          expect(kinds).toContain(RISK_KIND_ORDER.indexOf(group.kind));
          expect(Math.min(...kinds)).toBe(RISK_KIND_ORDER.indexOf(group.kind));
        }
      }
    }));
  });

  it('an info signal or unaligned work alone makes no origin; every other kind of signal groups', () => {
    expect(leadingRiskKind([{ kind: 'priority_shift', severity: 'info' }, { kind: 'unaligned', severity: 'at_risk' }])).toBeNull();
    for (const kind of SIGNAL_KINDS.filter((candidate) => candidate !== 'unaligned')) expect(leadingRiskKind([{ kind, severity: 'at_risk' }])).toBe(kind);
  });

  it('a blocked, overdue task is blocked work; a key result behind pace is behind pace; the card lists them group by group with counts', () => {
    const { plan, ctx } = newPlan();
    const { keyResult, task, initiative } = smallCascade(plan);
    plan.addCheckIn(keyResult, { value: 5 });
    plan.updateNode(task, { status: 'blocked', blockedReason: 'Waiting for the lease', dueDate: '2027-02-01' });
    const late = plan.createNode({ kind: 'task', parent: initiative, title: 'Print flyers', status: 'todo', dueDate: '2027-02-10' });
    ctx.time += DAY;
    plan.index.refresh(ctx.time);
    const risk = pulseQuestions(plan.index).find((question) => question.id === 'risk')!;
    const byKind = new Map(risk.evidence.map((evidence) => [evidence.nodeId, evidence.riskKind]));
    expect(byKind.get(task)).toBe('blocked');
    expect(byKind.get(late)).toBe('overdue');
    expect(byKind.get(keyResult)).toBe('pace');
    // The blocked task's other signal stays on it.
    expect(risk.evidence.find((evidence) => evidence.nodeId === task)!.reasons.some((reason) => /overdue|due/i.test(reason))).toBe(true);
    const groups = risk.groups!;
    expect(groups.map((group) => group.label)).toEqual(expect.arrayContaining([RISK_KIND_LABELS.blocked, RISK_KIND_LABELS.pace, RISK_KIND_LABELS.overdue]));
    expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(risk.count);
  });

  it('on a generated plan of 600 nodes: the groups add up to the figure and the evidence runs group by group in their order', () => {
    const doc = new Y.Doc();
    const generated = generatePlan(doc, { nodes: 600, seed: 41 });
    const plan = openPlan(doc, { now: () => generated.now, newId: () => 'x', actor: 'test' }, { now: generated.now });
    const risk = pulseQuestions(plan.index).find((question) => question.id === 'risk')!;
    const groups = risk.groups!;
    expect(groups.length).toBeGreaterThan(2);
    expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(risk.count);
    const runs = risk.evidence.map((evidence) => evidence.riskKind).filter((kind, index, all) => index === 0 || all[index - 1] !== kind);
    expect(runs).toEqual(groups.map((group) => group.kind));
    for (const group of groups) expect(risk.evidence.filter((evidence) => evidence.riskKind === group.kind)).toHaveLength(group.count);
  });
});
