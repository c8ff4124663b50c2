// "Where risk begins" and drag-to-move rules, on the sample plan in which every signal fires.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { KIND_LABELS } from '../../../shared/model/index.js';
import { buildSamplePlan } from '../../../shared/model/fixtures/sample-plan.js';
import { openPlan } from '../../../shared/model/index.js';
import { CardFlag, kindAt, pathUp, snapshotFromIndex } from '../../../renderer/src/canvas/cascade-snapshot.js';
import { moveRefusal, validTargets } from '../../../renderer/src/canvas/move-rules.js';
import { riskPaths, unalignedRows } from '../../../renderer/src/canvas/risk-paths.js';
import { TestContext } from '../../shared/model/support.js';

function sample() {
  const doc = new Y.Doc();
  const ctx = new TestContext();
  const built = buildSamplePlan(doc, ctx);
  ctx.time = built.now;
  const plan = openPlan(doc, ctx, { now: built.now });
  return { plan, handles: built.handles, snapshot: snapshotFromIndex(plan.index) };
}

describe('where risk begins', () => {
  const { snapshot, handles } = sample();

  it('every blocked task is an origin and its whole path up to the strategy is marked off track', () => {
    const blocked = riskPaths(snapshot, 'blocked');
    const blockedRows = snapshot.ids.map((_, row) => row).filter((row) => (snapshot.flags[row]! & CardFlag.blocked) !== 0);
    expect(blockedRows.length).toBeGreaterThan(0);
    expect([...blocked.origins]).toEqual(blockedRows);
    for (const row of blockedRows) for (const up of pathUp(snapshot, row)) expect(blocked.linkSeverity[up]).toBe(2);
    // Nothing off a blocked path is marked.
    const onSomePath = new Set(blockedRows.flatMap((row) => pathUp(snapshot, row)));
    snapshot.ids.forEach((_, row) => { if (!onSomePath.has(row)) expect(blocked.linkSeverity[row]).toBe(0); });
  });

  it('risk origins carry their own signals; a path carries the worst severity that passes along it', () => {
    const risk = riskPaths(snapshot, 'risk');
    for (const row of risk.origins) expect(snapshot.ownRisk[row]).toBeGreaterThan(0);
    for (let row = 0; row < snapshot.ids.length; row++) {
      const parent = snapshot.parent[row]!;
      if (parent >= 0) expect(risk.linkSeverity[parent]).toBeGreaterThanOrEqual(risk.linkSeverity[row]!);
    }
  });

  it('unaligned work is listed apart', () => {
    const rows = unalignedRows(snapshot);
    expect(rows).toContain(snapshot.rowOf.get(handles.unalignedInitiative));
    for (const row of rows) expect(['initiative', 'task']).toContain(kindAt(snapshot, row));
    // Blocked tasks are marked with their badge flag.
    expect(snapshot.flags[snapshot.rowOf.get(handles.blockedTask)!]! & CardFlag.blocked).toBe(CardFlag.blocked);
    expect(snapshot.flags[snapshot.rowOf.get(handles.overdueTask)!]! & CardFlag.overdue).toBe(CardFlag.overdue);
    expect(snapshot.flags[snapshot.rowOf.get(handles.staleKeyResult)!]! & CardFlag.stale).toBe(CardFlag.stale);
    expect(snapshot.flags[snapshot.rowOf.get(handles.forecast)!]! & CardFlag.forecastMiss).toBe(CardFlag.forecastMiss);
  });
});

describe('drag to move (cascade rules of SPEC §2)', () => {
  const { snapshot } = sample();
  const rowOfKind = (kind: string) => snapshot.ids.findIndex((_, row) => kindAt(snapshot, row) === kind);

  it('a task may go under an initiative, not under a key result; the refusal names where it belongs', () => {
    const task = rowOfKind('task');
    const keyResult = rowOfKind('key_result');
    const initiative = rowOfKind('initiative');
    expect(moveRefusal(snapshot, task, initiative)).toBeNull();
    expect(moveRefusal(snapshot, task, keyResult)).toBe(`A task cannot go under a ${KIND_LABELS.key_result}: it belongs under an initiative or a task.`);
  });

  it('never inside its own subtree; valid targets are exactly the allowed kinds outside it', () => {
    const objective = rowOfKind('objective');
    expect(moveRefusal(snapshot, objective, objective)).toMatch(/itself/);
    const valid = validTargets(snapshot, objective);
    for (let row = 0; row < valid.length; row++) {
      const kind = kindAt(snapshot, row);
      const inside = pathUp(snapshot, row).includes(objective);
      expect(valid[row]).toBe(!inside && (kind === 'strategy' || kind === 'objective') ? 1 : 0);
    }
  });
});
