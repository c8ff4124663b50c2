import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/**
 * The 100,000-node plan of a 10,000-person company (about 2,000 teams' worth of work, 500,000
 * check-ins), encoded as the app stores it (~83 MB). Generating it takes minutes, so it is generated
 * once and kept in .tmp/ (not committed); the file name carries the generator's options, and a new
 * version of the generator should bump it.
 */
export function largePlanUpdate(): Uint8Array {
  const file = path.join(root, '.tmp', 'plan-100k-500k-seed100000-v1.bin');
  if (existsSync(file)) return new Uint8Array(readFileSync(file));
  const doc = new Y.Doc();
  generatePlan(doc, { nodes: 100_000, checkIns: 500_000, seed: 100_000 });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  mkdirSync(path.dirname(file), { recursive: true });
  // Written whole, then renamed: a run stopped halfway leaves no truncated plan behind.
  writeFileSync(`${file}.partial`, update);
  renameSync(`${file}.partial`, file);
  return update;
}
