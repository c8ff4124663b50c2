// A large import reaches the open plan whole or not at all: a refusal part-way writes nothing (not
// here, not to a collaborator), a success is ONE Yjs update (a collaborator receives one), the
// index takes it in through a refresh in steps, and one undo takes all of it back, everywhere.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, commitImport, detectMapping, preparingImport, readSpreadsheet, type ImportPreview } from '../../../shared/files/index.js';
import { createUndoManager, openPlan, runToEnd } from '../../../shared/model/index.js';
import { newPlan, smallCascade, syncDocs, T0, TestContext } from '../model/support.js';
import { docState, outlineLines } from './support/plan-outline.js';
import { largeSheet, largeSheetCsv } from './support/large-sheet.js';

async function previewOf(rows: number): Promise<ImportPreview> {
  const read = await readSpreadsheet('cascade.csv', largeSheetCsv(largeSheet(rows)));
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
}

/** A collaborator's replica of `doc`, kept in step by every update `doc` emits (as the sync server relays them). */
function collaborator(doc: Y.Doc): { doc: Y.Doc; updates: () => number } {
  const other = new Y.Doc();
  syncDocs(doc, other);
  let updates = 0;
  doc.on('update', (update: Uint8Array) => { updates++; Y.applyUpdate(other, update, 'server'); });
  return { doc: other, updates: () => updates };
}

describe('a 2,000-row import into an open plan', () => {
  it('refused by the plan part-way (row 1,200 of 2,000) writes nothing here or to a collaborator', async () => {
    const preview = await previewOf(2_000);
    const { plan, doc, ctx } = newPlan();
    smallCascade(plan);
    const before = docState(doc);
    const peer = collaborator(doc);
    const peerBefore = docState(peer.doc);
    // The 1,200th new id is one the plan already holds: the plan refuses that row.
    let drawn = 0;
    const fresh = ctx.newId;
    ctx.newId = () => (++drawn === 1_200 ? [...plan.index.walk()][0]! : fresh());
    const prepared = runToEnd(preparingImport(plan, preview, { now: T0 }));
    expect(drawn).toBeGreaterThanOrEqual(1_200);
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    expect(prepared.problems[0]!.message).toMatch(/^Row \d+: the plan refused it: .*Nothing was imported\.$/);
    expect(docState(doc)).toBe(before);
    expect(peer.updates()).toBe(0);
    expect(docState(peer.doc)).toBe(peerBefore);
  });

  it('is one update for a collaborator, shown through a refresh in steps, and one undo takes it back everywhere', async () => {
    const preview = await previewOf(2_000);
    const { plan, doc } = newPlan();
    smallCascade(plan);
    plan.index.refresh(T0);
    const outlineBefore = outlineLines(plan, T0);
    const undo = createUndoManager(plan);
    const peer = collaborator(doc);
    const peerPlan = openPlan(peer.doc, new TestContext(T0, 'bob', 'b'));

    const prepared = runToEnd(preparingImport(plan, preview, { now: T0 }));
    if (!prepared.ok) throw new Error(prepared.problems[0]!.message);
    expect(commitImport(plan, prepared).ok).toBe(true);
    expect(peer.updates()).toBe(1);
    // The app's session refreshes a batch this large in steps (PlanSession.refreshInSteps).
    expect(plan.index.pendingNodes).toBeGreaterThanOrEqual(1_000);
    let steps = 0;
    const refreshing = plan.index.refreshing(T0);
    for (let next = refreshing.next(); !next.done; next = refreshing.next()) steps++;
    expect(steps).toBeGreaterThan(5);
    const imported = outlineLines(plan, T0);
    expect(imported.length).toBe(outlineBefore.length + prepared.created.nodes);
    expect(outlineLines(peerPlan, T0)).toEqual(imported);

    expect(undo.undoStack.length).toBe(1);
    undo.undo();
    expect(peer.updates()).toBe(2);
    expect(outlineLines(plan, T0)).toEqual(outlineBefore);
    expect(outlineLines(peerPlan, T0)).toEqual(outlineBefore);
  });
});
