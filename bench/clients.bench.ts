// Client-id benchmark: what the number of Yjs client ids a plan has ever seen costs every edit.
// Each doc is a generated 2,000-node plan plus N sessions that each wrote one value with their own
// client id (as N app sessions do); it is opened as the app opens it (openPlan with its PlanIndex, the
// user's UndoManager and an 'update' listener like y-indexeddb's / y-websocket's).
//   edit_<N>_clients_ms           one title edit through the plan and the index refresh after it (median)
//   empty_transaction_<N>_clients_ms  `doc.transact(() => {})`: Yjs's own per-transaction bookkeeping,
//                                 none of our code runs, so this part of an edit is Yjs's alone
//   remote_update_<N>_clients_ms  applying another replica's one-title update, then the refresh
//   edit_50k_vs_1k_ratio          how much slower an edit is in the 50,000-client doc
//   sessions_<N>_ids_new_each / _reused  client ids a plan gathers over N simulated sessions of a
//                                 team (5 devices), with a new id per session (before) and with the
//                                 reuse rule of shared/sync/client-id-reuse.ts (after); 1 session in
//                                 20 crashes and 1 in 10 overlaps a second tab of the same device
//   edit_after_<N>_sessions_new_each_ms / _reused_ms  an edit in a plan with those ids (median)
// Smaller runs: CLIENTS_BENCH_MAX=10000.
import * as Y from 'yjs';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { createUndoManager, openPlan, type PlanContext } from '../shared/model/index.js';
import type { NodeId } from '../shared/model/ids.js';
import { median, type BenchResult } from './harness.js';
import { takeClientId, type ClientIdLease, type ClientIdPorts, type ClientIdRecord } from '../shared/sync/client-id-reuse.js';

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

/** A seeded draw in [0, 1) (mulberry32), so both runs see the same crashes and tabs. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One device's side of the rule as the browser adapter has it (client-id-lease.ts): a lock set
 * standing for Web Locks, a record map standing for the plan's `custom` store, and the doc as stored
 * on the device (what the next session loads).
 */
class Device {
  readonly records = new Map<number, ClientIdRecord>();
  private readonly locks = new Set<number>();
  stored: Uint8Array = new Uint8Array([0, 0]);
  readonly ports: ClientIdPorts = {
    tryLock: (clientId) => {
      if (this.locks.has(clientId)) return Promise.resolve(null);
      this.locks.add(clientId);
      return Promise.resolve(() => { this.locks.delete(clientId); });
    },
    readRecords: () => Promise.resolve(new Map(this.records)),
    writeRecord: (clientId, record) => {
      this.records.set(clientId, record);
      return Promise.resolve();
    },
  };
}

/**
 * `sessions` sessions spread over 5 devices of one plan, each writing one edit that reaches the
 * server. `reuse` false: a new id every session (the app before). Returns the ids the plan holds.
 */
async function simulateSessions(sessions: number, reuse: boolean): Promise<number> {
  const random = seeded(11);
  const server = new Y.Doc({ gc: false });
  const devices = Array.from({ length: 5 }, () => new Device());
  const open = async (device: Device): Promise<{ doc: Y.Doc; lease: ClientIdLease | null }> => {
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, device.stored);
    // Catching up with the server before writing, as the sync does.
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
    if (!reuse) {
      doc.clientID = Math.floor(random() * 0x1_0000_0000) >>> 0;
      return { doc, lease: null };
    }
    return { doc, lease: await takeClientId(doc, device.ports, random) };
  };
  const write = (doc: Y.Doc, value: number) => {
    doc.getMap('edits').set(String(doc.clientID), value);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server)));
  };
  for (let i = 0; i < sessions; i++) {
    const device = devices[i % devices.length]!;
    const session = await open(device);
    // A second tab of the same plan at the same time, now and then.
    const tab = random() < 0.1 ? await open(device) : null;
    write(session.doc, i);
    if (tab) write(tab.doc, -i);
    const crashed = random() < 0.05;
    for (const { doc, lease } of tab ? [tab, session] : [session]) {
      // Stored locally, then ended (or the tab crashes: nothing recorded, the id stays in-use).
      device.stored = Y.encodeStateAsUpdate(doc);
      if (lease && !crashed) await lease.end();
      else lease?.abandon();
      doc.destroy();
    }
  }
  const ids = server.store.clients.size;
  server.destroy();
  return ids;
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
  for (const sessions of [1_000, 5_000].filter((count) => count <= max)) {
    const before = await simulateSessions(sessions, false);
    const after = await simulateSessions(sessions, true);
    metrics[`sessions_${label(sessions)}_ids_new_each`] = before;
    metrics[`sessions_${label(sessions)}_ids_reused`] = after;
    metrics[`sessions_${label(sessions)}_ids_ratio`] = before / after;
    const beforeEdit = measure(before).editMs;
    const afterEdit = measure(after).editMs;
    metrics[`edit_after_${label(sessions)}_sessions_new_each_ms`] = beforeEdit;
    metrics[`edit_after_${label(sessions)}_sessions_reused_ms`] = afterEdit;
    metrics[`edit_after_${label(sessions)}_sessions_speedup_ratio`] = beforeEdit / afterEdit;
    notes.push(`${sessions} sessions of 5 devices (1 in 20 crashed, 1 in 10 with a second tab): ${before} ids with a new id per session, ${after} with reuse`);
  }
  notes.push('All sizes measured in one process, side by side, on a machine shared with other builds: read the ratios.');
  return { area: 'clients', metrics, notes };
}
