import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPlan, type Plan, type PlanContext } from '../../../shared/model/index.js';
import { buildSamplePlan, type SamplePlan } from '../../../shared/model/fixtures/sample-plan.js';
import { pulseQuestions } from '../../../renderer/src/pulse/pulse-figures.js';

const today = Date.UTC(2027, 1, 15, 9);

function sample(): { plan: Plan; built: SamplePlan } {
  let id = 0;
  const ctx: PlanContext = { now: () => today, newId: () => `s${++id}`, actor: 'tester' };
  const doc = new Y.Doc();
  const built = buildSamplePlan(doc, ctx);
  const plan = openPlan(doc, ctx, { now: today, baseline: built.baseline });
  return { plan, built };
}

describe('the execution pulse', () => {
  const { plan, built } = sample();
  const questions = pulseQuestions(plan.index);
  const byId = new Map(questions.map((question) => [question.id, question]));

  it('answers the five questions and the aligned share', () => {
    expect(questions.map((question) => question.id)).toEqual(['initiatives', 'key_results', 'blocked', 'priorities', 'risk', 'aligned']);
    for (const question of questions) expect(question.figure).not.toBe('');
  });

  it('lists a blocked task with the path from its strategy', () => {
    const blocked = byId.get('blocked')!;
    expect(Number(blocked.figure)).toBe(blocked.evidence.length);
    const entry = blocked.evidence.find((evidence) => evidence.nodeId === built.handles.blockedTask);
    expect(entry).toBeDefined();
    const path = plan.index.pathToRoot(built.handles.blockedTask).reverse().map((id) => plan.index.title(id));
    expect(entry!.path).toEqual(path);
    expect(entry!.path).toHaveLength(plan.index.node(built.handles.blockedTask)!.depth);
  });

  it('shows priority shifts against the review point, and none without one', () => {
    expect(byId.get('priorities')!.evidence.map((evidence) => evidence.nodeId)).toContain(built.handles.priorityShift);
    plan.index.setBaseline(null);
    plan.index.refresh(today);
    expect(pulseQuestions(plan.index).find((question) => question.id === 'priorities')!.evidence).toEqual([]);
  });

  it('reports the aligned share of the summary and the unaligned initiative as evidence', () => {
    const aligned = byId.get('aligned')!;
    const summary = plan.index.summary();
    expect(aligned.figure).toBe(`${Math.round(summary.alignedShare! * 100)}%`);
    expect(aligned.evidence.map((evidence) => evidence.nodeId)).toContain(built.handles.unalignedInitiative);
  });

  it('names key results behind pace', () => {
    expect(byId.get('key_results')!.evidence.map((evidence) => evidence.nodeId)).toContain(built.handles.pace);
  });
});
