// Client-id benchmark: what the number of Yjs client ids a plan has ever seen costs every edit.
// Each doc is a generated 2,000-node plan plus N sessions that each wrote one value with their own
// client id (as N app sessions do); it is opened as the app opens it (openPlan with its PlanIndex, the
// user's UndoManager and an 'update' listener like y-indexeddb's / y-websocket's).
//   edit_<N>_clients_ms           one title edit through the plan and the index refresh after it (median)
//   empty_transaction_<N>_clients_ms  `doc.transact(() => {})`: Yjs's own per-transaction bookkeeping,
//                                 none of our code runs, so this part of an edit is Yjs's alone
//   remote_update_<N>_clients_ms  applying another replica's one-title update, then the refresh
//   edit_50k_vs_1k_ratio          how much slower an edit is in the 50,000-client doc
// Smaller runs: CLIENTS_BENCH_MAX=10000.
import * as Y from 'yjs';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { createUndoManager, openPlan, type PlanContext } from '../shared/model/index.js';
import type { NodeId } from '../shared/model/ids.js';
import { median, type BenchResult } from './harness.js';

const max = Number(process.env.CLIENTS_BENCH_MAX ?? 50_000);
const sizes = [1_000, 10_000, 50_000].filter((size) => size <= max);
const edits = 31;

interface Measured { editMs: number; emptyMs: number; remoteMs: number; clients: number }

function planWithSessions(sessions: number): { update: Uint8Array; now: number; target: NodeId; actor: string } {
  const doc = new Y.Doc({ gc: false });
  const generated = generatePlan(doc, { nodes: 2_000, seed: 7 });
  const updates = [Y.encodeStateAsUpdate(doc)];
  doc.destroy();
  for (let i = 0; i < sessions; i++) {
    const session = new Y.Doc();
    session.clientID = 100_000_000 + i;
    session.getMap('sessions-bench').set(String(i), i);
    updates.push(Y.encodeStateAsUpdate(session));
    session.destroy();
  }
  return { update: Y.mergeUpdates(updates), now: generated.now, target: generated.ids.task[3]!, actor: generated.people[0]! };
}

function measure(sessions: number): Measured {
  const { update, now, target, actor } = planWithSessions(sessions);
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, update);
  let ids = 0;
  const ctx = { now: () => now, newId: () => `bench${ids++}`, actor } as unknown as PlanContext;
  const plan = openPlan(doc, ctx, { now });
  const undo = createUndoManager(plan);
  let sent = 0;
  doc.on('update', (change: Uint8Array) => { sent += change.byteLength; });
  const remote = new Y.Doc({ gc: false });
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
  const editSamples: number[] = [];
  const emptySamples: number[] = [];
  const remoteSamples: number[] = [];
  for (let k = 0; k < edits; k++) {
    let start = performance.now();
    plan.setTitle(target, `Edited ${k}`);
    plan.index.refresh(now);
    editSamples.push(performance.now() - start);
    start = performance.now();
    doc.transact(() => undefined);
    emptySamples.push(performance.now() - start);
    // Another person's edit of the same title, as the sync delivers it.
    const before = Y.encodeStateVector(remote);
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(remote)));
    const text = (remote.getMap('nodes').get(target) as Y.Map<unknown>).get('title') as Y.Text;
    remote.transact(() => text.insert(0, 'r'));
    const change = Y.encodeStateAsUpdate(remote, before);
    start = performance.now();
    Y.applyUpdate(doc, change, 'remote');
    plan.index.refresh(now);
    remoteSamples.push(performance.now() - start);
  }
  if (sent === 0) throw new Error('the edits sent no update');
  const result = { editMs: median(editSamples), emptyMs: median(emptySamples), remoteMs: median(remoteSamples), clients: doc.store.clients.size };
  undo.destroy();
  plan.index.destroy();
  remote.destroy();
  doc.destroy();
  return result;
}

const label = (size: number) => `${size / 1000}k`;

export async function run(): Promise<BenchResult> {
  const metrics: Record<string, number> = {};
  const notes: string[] = [];
  const bySize = new Map<number, Measured>();
  for (const size of sizes) {
    const measured = measure(size);
    bySize.set(size, measured);
    metrics[`edit_${label(size)}_clients_ms`] = measured.editMs;
    metrics[`empty_transaction_${label(size)}_clients_ms`] = measured.emptyMs;
    metrics[`remote_update_${label(size)}_clients_ms`] = measured.remoteMs;
    notes.push(`${label(size)} sessions: the doc holds ${measured.clients} client ids`);
  }
  const first = bySize.get(sizes[0]!)!;
  const last = bySize.get(sizes[sizes.length - 1]!)!;
  metrics[`edit_${label(sizes[sizes.length - 1]!)}_vs_1k_ratio`] = last.editMs / first.editMs;
  metrics[`remote_update_${label(sizes[sizes.length - 1]!)}_vs_1k_ratio`] = last.remoteMs / first.remoteMs;
  metrics[`empty_transaction_share_of_edit_${label(sizes[sizes.length - 1]!)}_pct`] = (100 * last.emptyMs) / last.editMs;
  notes.push('All sizes measured in one process, side by side, on a machine shared with other builds: read the ratios.');
  return { area: 'clients', metrics, notes };
}
