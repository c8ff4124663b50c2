/**
 * What the number of Yjs clients costs. Every app session writes with a new client id, and a plan that
 * keeps its history never forgets one: a 10,000-person company's plan gathers tens of thousands in a
 * year. Yjs snapshots the whole state vector (one entry per client) before and after every
 * transaction, so each local edit costs time in proportion to the clients the doc has ever seen.
 */
import * as Y from 'yjs';
import { median } from './harness.js';

export interface SessionCost {
  /** Applying a doc in which `clients` sessions each wrote one value. */
  applyMs: number;
  /** Median time of one small local transaction (one map key set) in that doc. */
  transactionMs: number;
  /** The encoded state vector a sync handshake sends. */
  stateVectorBytes: number;
}

export function sessionCost(clients: number): SessionCost {
  const updates: Uint8Array[] = [];
  for (let i = 0; i < clients; i++) {
    const session = new Y.Doc();
    session.clientID = 1_000_000 + i;
    session.getMap('people').set(`p${i}`, i);
    updates.push(Y.encodeStateAsUpdate(session));
    session.destroy();
  }
  const merged = Y.mergeUpdates(updates);
  const doc = new Y.Doc({ gc: false });
  const start = performance.now();
  Y.applyUpdate(doc, merged);
  const applyMs = performance.now() - start;
  const meta = doc.getMap('meta');
  const samples: number[] = [];
  for (let k = 0; k < 15; k++) {
    const before = performance.now();
    doc.transact(() => meta.set('edit', k));
    samples.push(performance.now() - before);
  }
  const result = { applyMs, transactionMs: median(samples), stateVectorBytes: Y.encodeStateVector(doc).byteLength };
  doc.destroy();
  return result;
}
