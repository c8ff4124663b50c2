// Storage benchmark (issue #18, "storage that stays small"): the 100,000-node plan of a 10,000-person
// company (~2,000 teams, 500,000 check-ins over a year), as the app stores it.
//   encoded_100k_mb      Y.encodeStateAsUpdate of the whole plan (what IndexedDB, the server and a join hold)
//   <part>_share_pct     each part's share of the encoded items (every item written alone with Yjs's own
//                        encoder and attributed to the top-level type and node key it belongs to)
//   checkin_bytes        encoded bytes per check-in; checkin_payload_bytes the stored string alone
//   apply_100k_ms        applying the encoded plan to a fresh doc (median); index_100k_ms building the
//                        plan index on it (PlanIndex, as opening does)
//   heap_doc_100k_mb / heap_index_100k_mb  retained heap of the applied doc, then of doc + index
//   indexeddb_100k_mb    the plan stored in real Chromium as y-indexeddb does: bytes on disk of the
//                        profile's IndexedDB folder, and navigator.storage.estimate()'s usage
//   *_checkins_mb        the same check-ins in candidate layouts (bench/storage-formats.ts), side by side
//   *_clients_ms         one local edit and one apply in docs 1,000 and 10,000 sessions wrote to (storage-sessions.ts)
// Smaller runs: STORAGE_BENCH_NODES, STORAGE_BENCH_CHECKINS; STORAGE_BENCH_IDB=0 skips Chromium.
import { createServer } from 'node:http';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import * as Y from 'yjs';
import { chromiumArgs, chromiumExecutable } from '../playwright.config.js';
import { COMPANY_DIRECTORY, generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { decodeCheckIn, type CheckIn } from '../shared/model/checkins.js';
import { PlanIndex } from '../shared/model/plan-index.js';
import { WEEK_MS } from '../shared/model/dates.js';
import { median, scratchDir, type BenchResult } from './harness.js';
import { sessionCost } from './storage-sessions.js';
import { deflatedBlock, flatRecord, jsonTuple, perBlockBytes, perRecordBytes, sealedBlock, sealedInPlaceBytes, type Session } from './storage-formats.js';

const nodes = Number(process.env.STORAGE_BENCH_NODES ?? 100_000);
const checkIns = Number(process.env.STORAGE_BENCH_CHECKINS ?? nodes * 5);
const applies = Number(process.env.STORAGE_BENCH_APPLIES ?? 3);
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
function heapAfterGc(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/** The part of the plan an item belongs to: its top-level type, and for a node the key it sits under. */
function partOf(item: Y.Item, rootNames: Map<unknown, string>): string {
  if (item.deleted) return 'deleted';
  // The chain of items from this one up to the entry of a top-level type.
  const chain: Y.Item[] = [item];
  let type = item.parent as Y.AbstractType<unknown>;
  while (type._item !== null) {
    chain.push(type._item);
    type = type._item.parent as Y.AbstractType<unknown>;
  }
  const root = rootNames.get(type) ?? 'unknown';
  if (root === 'checkins') return 'checkins';
  if (root === 'people' || root === 'teams' || root === 'periods') return 'directory';
  if (root !== 'nodes') return 'other';
  if (chain.length === 1) return 'node_maps';
  // The item directly inside the node's map: its key says what it holds.
  const key = chain[chain.length - 2]!.parentSub;
  if (key === 'title') return 'titles';
  if (key === 'description') return 'descriptions';
  if (key === 'init') return 'node_init';
  return 'node_fields';
}

/** Encoded bytes of every item, summed per part. */
function breakdown(doc: Y.Doc): Map<string, number> {
  const rootNames = new Map<unknown, string>();
  for (const [name, type] of doc.share) rootNames.set(type, name);
  const parts = new Map<string, number>();
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      const encoder = new Y.UpdateEncoderV1();
      struct.write(encoder, 0);
      const bytes = encoder.toUint8Array().byteLength;
      const part = struct instanceof Y.Item ? partOf(struct, rootNames) : 'other';
      parts.set(part, (parts.get(part) ?? 0) + bytes);
    }
  }
  return parts;
}

/** The check-ins as their sessions pushed them (one Yjs item per run of one client's appends). */
function sessionsOf(doc: Y.Doc): Session[] {
  const sessions: Session[] = [];
  let item = doc.getArray('checkins')._start;
  while (item !== null) {
    if (!item.deleted) {
      const list = item.content.getContent().map(decodeCheckIn).filter((checkIn): checkIn is CheckIn => checkIn !== null);
      sessions.push({ client: item.id.client, checkIns: list });
    }
    item = item.right;
  }
  return sessions;
}

function periodsOf(all: readonly CheckIn[], lengthMs: number): CheckIn[][] {
  const start = all.reduce((earliest, checkIn) => Math.min(earliest, checkIn.at), Infinity);
  const periods: CheckIn[][] = [];
  for (const checkIn of all) (periods[Math.floor((checkIn.at - start) / lengthMs)] ??= []).push(checkIn);
  return periods.filter((period) => period !== undefined);
}

function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
  }
  return total;
}

/** Stores the update in a real Chromium profile's IndexedDB as y-indexeddb does (one `updates` record). */
async function indexedDbBytes(update: Uint8Array): Promise<{ disk: number; estimate: number }> {
  const server = createServer((_request, response) => { response.setHeader('content-type', 'text/html'); response.end('<!doctype html><title>storage</title>'); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the page server has no port');
  const profile = scratchDir('storage-bench-profile-');
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumExecutable, args: chromiumArgs });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${address.port}/`);
    const before = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    // In parts: one 80 MB string through the DevTools protocol may not fit one message.
    await page.evaluate(() => { (window as unknown as { parts: string[] }).parts = []; });
    const part = 8 * MB;
    for (let offset = 0; offset < update.byteLength; offset += part) {
      await page.evaluate((base64) => { (window as unknown as { parts: string[] }).parts.push(base64); }, Buffer.from(update.subarray(offset, offset + part)).toString('base64'));
    }
    const after = await page.evaluate(async () => {
      const parts = (window as unknown as { parts: string[] }).parts.map((base64) => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
      const bytes = new Uint8Array(parts.reduce((sum, chunk) => sum + chunk.byteLength, 0));
      let at = 0;
      for (const chunk of parts) { bytes.set(chunk, at); at += chunk.byteLength; }
      (window as unknown as { parts: string[] }).parts = [];
      const request = indexedDB.open('throughline-plan:storage-bench');
      request.onupgradeneeded = () => { request.result.createObjectStore('updates', { autoIncrement: true }); request.result.createObjectStore('custom'); };
      const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
      const tx = db.transaction('updates', 'readwrite');
      tx.objectStore('updates').add(bytes);
      await new Promise<void>((resolve, reject) => { tx.oncomplete = () => resolve(); tx.onerror = () => reject(tx.error); });
      db.close();
      return (await navigator.storage.estimate()).usage ?? 0;
    });
    await context.close();
    return { disk: folderBytes(path.join(profile, 'Default', 'IndexedDB')), estimate: after - before };
  } finally {
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult> {
  const heapBefore = heapAfterGc();
  const source = new Y.Doc({ gc: false });
  const generated = generatePlan(source, { nodes, checkIns, teams: Math.max(12, Math.round(nodes / 50)), people: Math.max(10, Math.round(nodes / 10)), teamFanOut: COMPANY_DIRECTORY.teamFanOut, seed: 100_000 });
  const update = Y.encodeStateAsUpdate(source);
  const parts = breakdown(source);
  const itemBytes = [...parts.values()].reduce((sum, bytes) => sum + bytes, 0);
  const sessions = sessionsOf(source);
  source.destroy();

  const all = sessions.flatMap((session) => session.checkIns);
  const payload = all.reduce((sum, checkIn) => sum + Buffer.byteLength(jsonTuple(checkIn)), 0);
  const formats = {
    json_tuple: perRecordBytes(sessions, jsonTuple),
    flat_record: perRecordBytes(sessions, (checkIn) => flatRecord(checkIn, true)),
    flat_record_item_id: perRecordBytes(sessions, (checkIn) => flatRecord(checkIn, false)),
    weekly_blocks: perBlockBytes(periodsOf(all, WEEK_MS), sealedBlock),
    monthly_blocks: perBlockBytes(periodsOf(all, 4 * WEEK_MS), sealedBlock),
    weekly_deflated_blocks: perBlockBytes(periodsOf(all, WEEK_MS), deflatedBlock),
    monthly_deflated_blocks: perBlockBytes(periodsOf(all, 4 * WEEK_MS), deflatedBlock),
    sealed_in_place_history_on: sealedInPlaceBytes(sessions, periodsOf(all, 4 * WEEK_MS), false),
    sealed_in_place_history_off: sealedInPlaceBytes(sessions, periodsOf(all, 4 * WEEK_MS), true),
  };

  // As the app writes them, every check-in is its own Yjs item (its own transaction). Measured on a
  // sample: appending one item per transaction walks the whole array, so 500,000 would take hours.
  // Alternating 64 clients keeps items from merging; a client per check-in would add its header too.
  const sample = all.slice(0, 20_000);
  const itemOverhead = (perRecordBytes(sample.map((checkIn, i) => ({ client: 10_000 + (i % 64), checkIns: [checkIn] })), jsonTuple) - perRecordBytes([{ client: 10_000, checkIns: sample }], jsonTuple)) / sample.length;

  // Applying and indexing, with the heap each keeps.
  const heapBase = heapAfterGc() - heapBefore;
  const applySamples: number[] = [];
  let kept: Y.Doc | null = null;
  for (let i = 0; i < applies; i++) {
    kept?.destroy();
    kept = null;
    const doc = new Y.Doc({ gc: false });
    const start = performance.now();
    Y.applyUpdate(doc, update);
    applySamples.push(performance.now() - start);
    kept = doc;
  }
  const heapDoc = heapAfterGc() - heapBefore - heapBase;
  const indexStart = performance.now();
  const index = new PlanIndex(kept!, { now: generated.now, baseline: null });
  index.structure();
  const indexMs = performance.now() - indexStart;
  const heapIndex = heapAfterGc() - heapBefore - heapBase;
  if (index.structure().records.size < nodes) throw new Error(`the index holds ${index.structure().records.size} of ${nodes} nodes`);

  // Side by side: the cost of one edit in a doc that 1,000 and 10,000 sessions have written to.
  const fewSessions = sessionCost(1_000);
  const manySessions = sessionCost(10_000);
  const idb = process.env.STORAGE_BENCH_IDB === '0' ? null : await indexedDbBytes(update);
  const share = (part: string) => (100 * (parts.get(part) ?? 0)) / itemBytes;
  const checkinBytes = parts.get('checkins') ?? 0;
  const metrics: Record<string, number> = {
    nodes_count: nodes,
    checkins_count: generated.checkIns,
    teams_count: generated.teams.length,
    people_count: generated.people.length,
    encoded_100k_mb: update.byteLength / MB,
    encoded_v2_100k_mb: Y.convertUpdateFormatV1ToV2(update).byteLength / MB,
    gzip_100k_mb: gzipSync(update).byteLength / MB,
    attributed_pct: (100 * itemBytes) / update.byteLength,
    checkins_share_pct: share('checkins'),
    node_init_share_pct: share('node_init'),
    titles_share_pct: share('titles'),
    descriptions_share_pct: share('descriptions'),
    node_maps_share_pct: share('node_maps'),
    node_fields_share_pct: share('node_fields'),
    directory_share_pct: share('directory'),
    other_share_pct: share('other') + share('unknown') + share('deleted'),
    checkins_mb: checkinBytes / MB,
    checkin_bytes: checkinBytes / generated.checkIns,
    checkin_payload_bytes: payload / generated.checkIns,
    checkin_items_count: sessions.length,
    checkin_item_overhead_bytes: itemOverhead,
    apply_100k_ms: median(applySamples),
    index_100k_ms: indexMs,
    heap_doc_100k_mb: heapDoc / MB,
    heap_index_100k_mb: heapIndex / MB,
    apply_1k_clients_ms: fewSessions.applyMs,
    apply_10k_clients_ms: manySessions.applyMs,
    transaction_1k_clients_ms: fewSessions.transactionMs,
    transaction_10k_clients_ms: manySessions.transactionMs,
    state_vector_10k_clients_bytes: manySessions.stateVectorBytes,
    ...(idb ? { indexeddb_100k_mb: idb.disk / MB, indexeddb_estimate_100k_mb: idb.estimate / MB } : {}),
  };
  for (const [name, bytes] of Object.entries(formats)) metrics[`${name}_checkins_mb`] = bytes / MB;
  for (const [name, bytes] of Object.entries(formats)) metrics[`${name}_plan_ratio`] = update.byteLength / (update.byteLength - formats.json_tuple + bytes);
  kept?.destroy();
  return {
    area: 'storage',
    metrics,
    notes: [
      `${nodes} nodes, ${generated.checkIns} check-ins in ${sessions.length} Yjs items; apply runs: ${applySamples.map((ms) => ms.toFixed(0)).join(', ')} ms`,
      'shares are of the summed encoded items (the update adds client headers and the delete set); *_plan_ratio = today\'s plan size / the plan with that check-in layout',
    ],
  };
}
