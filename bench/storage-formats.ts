/**
 * Candidate encodings of check-ins, written into a real Y.Doc the way the app would write them, so the
 * storage benchmark can compare their encoded size with today's layout on the same check-ins. These are
 * measurements of designs (docs/benchmarks.md, "Storage at 100k"), not formats the app reads.
 */
import * as Y from 'yjs';
import { deflateSync } from 'fflate';
import { checkInTuple, type CheckIn } from '../shared/model/checkins.js';
import { CHECKIN_STATUSES } from '../shared/model/schema.js';

/** One session's appends: the check-ins one Yjs client pushed in one transaction. */
export interface Session {
  client: number;
  checkIns: CheckIn[];
}

const SEPARATOR = '\u001f';
const encoder = new TextEncoder();

/** Today: each check-in a JSON tuple string (`[1,id,nodeId,at,by,value,confidence,status,blocker,note]`). */
export function jsonTuple(checkIn: CheckIn): string {
  return JSON.stringify(checkInTuple(checkIn));
}

/**
 * A flat record: the same fields joined by a unit separator, `at` in base 36 and status as one digit.
 * `withId` false drops the check-in id, which would then be derived from the Yjs item id (client, clock).
 */
export function flatRecord(checkIn: CheckIn, withId: boolean): string {
  const status = checkIn.status === null ? '' : String(CHECKIN_STATUSES.indexOf(checkIn.status));
  return ['2', ...(withId ? [checkIn.id] : []), checkIn.nodeId, checkIn.at.toString(36), checkIn.by, checkIn.value ?? '', checkIn.confidence ?? '', status, checkIn.blocker ? '1' : '', checkIn.note].join(SEPARATOR);
}

/**
 * A sealed block of one period's check-ins, columnar: dictionaries of node ids, authors and notes, then
 * per check-in its id, dictionary indexes, `at` as a delta from the previous one, and the values.
 */
export function sealedBlock(checkIns: readonly CheckIn[]): string {
  const sorted = [...checkIns].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const dictionary = (values: string[]) => {
    const list: string[] = [];
    const index = new Map<string, number>();
    const refs = values.map((value) => {
      let at = index.get(value);
      if (at === undefined) { at = list.length; index.set(value, at); list.push(value); }
      return at;
    });
    return { list, refs };
  };
  const nodes = dictionary(sorted.map((checkIn) => checkIn.nodeId));
  const authors = dictionary(sorted.map((checkIn) => checkIn.by));
  const notes = dictionary(sorted.map((checkIn) => checkIn.note));
  let previous = sorted[0]?.at ?? 0;
  const deltas = sorted.map((checkIn) => { const delta = checkIn.at - previous; previous = checkIn.at; return delta; });
  return JSON.stringify({
    v: 1, start: sorted[0]?.at ?? 0, nodes: nodes.list, authors: authors.list, notes: notes.list,
    ids: sorted.map((checkIn) => checkIn.id).join(''), node: nodes.refs, by: authors.refs, note: notes.refs, dt: deltas,
    value: sorted.map((checkIn) => checkIn.value), confidence: sorted.map((checkIn) => checkIn.confidence),
    status: sorted.map((checkIn) => (checkIn.status === null ? -1 : CHECKIN_STATUSES.indexOf(checkIn.status))), blocker: sorted.map((checkIn) => (checkIn.blocker ? 1 : 0)),
  });
}

/** The same block, deflated (a Y.Array entry may be a Uint8Array, stored as raw bytes). */
export function deflatedBlock(checkIns: readonly CheckIn[]): Uint8Array {
  return deflateSync(encoder.encode(sealedBlock(checkIns)), { level: 6 });
}

/** Encoded bytes of a doc holding the sessions' check-ins, each check-in written by `record`. */
export function perRecordBytes(sessions: readonly Session[], record: (checkIn: CheckIn) => string): number {
  const doc = new Y.Doc({ gc: false });
  const array = doc.getArray<string>('checkins');
  for (const session of sessions) {
    doc.clientID = session.client;
    doc.transact(() => array.push(session.checkIns.map(record)));
  }
  const bytes = Y.encodeStateAsUpdate(doc).byteLength;
  doc.destroy();
  return bytes;
}

/** Encoded bytes of a doc holding the check-ins sealed in blocks, one entry per period. */
export function perBlockBytes(periods: readonly CheckIn[][], block: (checkIns: readonly CheckIn[]) => string | Uint8Array): number {
  const doc = new Y.Doc({ gc: false });
  const array = doc.getArray<string | Uint8Array>('checkins');
  periods.forEach((checkIns, i) => {
    doc.clientID = 1000 + i;
    doc.transact(() => array.push([block(checkIns)]));
  });
  const bytes = Y.encodeStateAsUpdate(doc).byteLength;
  doc.destroy();
  return bytes;
}

/**
 * Sealing in place: the per-check-in entries written as the sessions pushed them, then one transaction
 * that deletes them and appends the period blocks. With `gc` off (plans keep their history for as-of
 * views) the deleted entries keep their content, so this is what a sealed plan really weighs.
 */
export function sealedInPlaceBytes(sessions: readonly Session[], periods: readonly CheckIn[][], gc: boolean): number {
  const doc = new Y.Doc({ gc });
  const array = doc.getArray<string | Uint8Array>('checkins');
  for (const session of sessions) {
    doc.clientID = session.client;
    doc.transact(() => array.push(session.checkIns.map(jsonTuple)));
  }
  doc.clientID = 999;
  doc.transact(() => {
    array.delete(0, array.length);
    array.push(periods.map(deflatedBlock));
  });
  const bytes = Y.encodeStateAsUpdate(doc).byteLength;
  doc.destroy();
  return bytes;
}
