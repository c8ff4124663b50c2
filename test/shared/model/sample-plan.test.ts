// The sample plan ("open sample plan"): realistic size, and every execution signal fires somewhere.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PlanIndex, SIGNAL_KINDS, canonicalTimeZone, type NodeKind } from '../../../shared/model/index.js';
import { buildSamplePlan } from '../../../shared/model/fixtures/sample-plan.js';
import { TestContext, signalKinds, snapshotIndex } from './support.js';

function build() {
  const doc = new Y.Doc();
  const sample = buildSamplePlan(doc, new TestContext());
  const index = new PlanIndex(doc, { now: sample.now, baseline: sample.baseline });
  return { doc, sample, index };
}


/** Every signal but crossed bounds, which only two people's concurrent edits (or a peer) can make: one person cannot write it, nor a sample. */
// Crossed bounds and misplaced come from merges the sample's single author cannot make: not in the sample.
// Unmeasured (a unit renamed after check-ins) and open subtasks (a task done before its subtasks) are mistakes
// to recover from, not states a sample should show a first reader (figures36b).
const SAMPLE_SIGNAL_KINDS = SIGNAL_KINDS.filter((kind) => kind !== 'crossed_bounds' && kind !== 'misplaced' && kind !== 'unmeasured' && kind !== 'open_subtasks' && kind !== 'range_breach');
// range_breach: the sample holds no "stay within range" key result (signals.test.ts drives one).

describe('sample plan', () => {
  const { sample, index } = build();

  it('is a company-sized cascade with people, teams and periods', () => {
    const counts: Partial<Record<NodeKind, number>> = {};
    for (const id of index.walk()) {
      const kind = index.node(id)!.kind;
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    expect(counts.strategy).toBe(3);
    expect(counts.objective).toBeGreaterThanOrEqual(12);
    expect(counts.key_result).toBeGreaterThanOrEqual(40);
    expect(counts.kpi).toBeGreaterThanOrEqual(5);
    expect(counts.initiative).toBeGreaterThanOrEqual(55);
    expect(counts.task).toBeGreaterThanOrEqual(380);
    expect(index.people().length).toBeGreaterThanOrEqual(10);
    expect(index.teams().length).toBeGreaterThanOrEqual(5);
    expect(index.periods().length).toBe(2);
    expect(index.summary()).toMatchObject({ name: 'Northwind Analytics', skippedCheckIns: 0, unreadableNodes: 0 });
  });

  it('makes every execution signal fire, each where it was designed to', () => {
    const fired = new Set(index.signals().map((signal) => signal.kind));
    for (const kind of SAMPLE_SIGNAL_KINDS) expect(fired.has(kind), `${kind} fires somewhere`).toBe(true);
    expect(fired.has('crossed_bounds'), 'no bounds cross in the sample').toBe(false);
    expect(fired.has('misplaced'), 'every node of the sample is where its kind belongs').toBe(false);
    const { handles } = sample;
    const expectations: [string, string][] = [
      [handles.pace, 'pace'], [handles.forecast, 'forecast'], [handles.staleKeyResult, 'stale'], [handles.staleInitiative, 'stale'],
      [handles.blockedTask, 'blocked'], [handles.blockedByCheckIn, 'blocked'], [handles.overdueTask, 'overdue'],
      [handles.confidenceDrop, 'confidence_drop'], [handles.kpiBreach, 'kpi_breach'], [handles.unalignedInitiative, 'unaligned'],
      [handles.slowdownInitiative, 'slowdown'], [handles.effortWithoutImpact, 'effort_without_impact'],
      [handles.priorityShift, 'priority_shift'], [handles.addedObjective, 'priority_shift'],
    ];
    for (const [id, kind] of expectations) expect(signalKinds(index, id), `${index.title(id)} shows ${kind}`).toContain(kind);
    expect(index.teamSignals().map((signal) => signal.teamId)).toContain(handles.slowdownTeam);
  });

  it('shows where execution stands at the top, with the path to the cause', () => {
    for (const id of index.children()) {
      const view = index.node(id)!;
      expect(view.progress).toBeGreaterThan(0.3);
      expect(view.healthCause!.path[0]).toBe(id);
    }
    expect(index.summary().alignedShare).toBeGreaterThan(0.85);
    expect(index.summary().alignedShare).toBeLessThan(1);
  });

  it('is deterministic for a given clock and id source', () => {
    expect(snapshotIndex(build().index)).toEqual(snapshotIndex(index));
  });
});

describe('the sample plan in its creator\'s zone', () => {
  // Opened by someone in Auckland or Honolulu (13 to 10 hours from UTC), the sample counts its days in
  // their zone from its first day on, and still shows every signal.
  for (const zone of ['Pacific/Auckland', 'Pacific/Honolulu', 'Asia/Kolkata']) {
    it(`takes ${zone} and every signal still fires`, () => {
      const doc = new Y.Doc();
      const sample = buildSamplePlan(doc, new TestContext(), { timeZone: zone });
      const index = new PlanIndex(doc, { now: sample.now, baseline: sample.baseline });
      expect(index.timeZone).toBe(canonicalTimeZone(zone));
      const fired = new Set(index.signals().map((signal) => signal.kind));
      for (const kind of SAMPLE_SIGNAL_KINDS) expect(fired.has(kind), kind).toBe(true);
      index.destroy();
    });
  }
});
