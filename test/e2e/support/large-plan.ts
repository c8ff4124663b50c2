import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { COMPANY_DIRECTORY, generatePlan } from '../../../shared/model/fixtures/generate-plan.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** Where the generated plan is kept: the name carries the generator's options (see largePlanUpdate). */
export const largePlanFile = path.join(root, '.tmp', 'plan-100k-500k-seed100000-v2.bin');

/**
 * The 100,000-node plan of a 10,000-person company (issue #18's directory: 2,000 teams in a
 * hierarchy and 10,000 people who own and are assigned its work; 500,000 check-ins), encoded as the
 * app stores it (~83 MB). Generating it takes half a minute or more, so it is generated once and kept
 * in .tmp/ (not committed); the file name carries the generator's options, and a new version of the
 * generator should bump it (v2: the company directory; v1 had 12 flat teams and 1,000 people).
 * `npm test` generates it while vitest runs, at the lowest priority (prepare-large-plan.ts), so on a
 * fresh clone the browser test finds it there; run alone, the test generates it itself.
 */
export function largePlanUpdate(): Uint8Array {
  if (existsSync(largePlanFile)) return new Uint8Array(readFileSync(largePlanFile));
  const doc = new Y.Doc();
  generatePlan(doc, { nodes: 100_000, checkIns: 500_000, ...COMPANY_DIRECTORY, seed: 100_000 });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  mkdirSync(path.dirname(largePlanFile), { recursive: true });
  // Written whole, then renamed: a run stopped halfway leaves no truncated plan behind.
  writeFileSync(`${largePlanFile}.partial`, update);
  renameSync(`${largePlanFile}.partial`, largePlanFile);
  return update;
}
