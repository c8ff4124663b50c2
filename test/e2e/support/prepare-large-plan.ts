// `node --import tsx test/e2e/support/prepare-large-plan.ts`: makes sure .tmp/ holds large-plan.spec.ts's
// 100,000-node plan, generating it when missing. scripts/run-tests.mjs runs it at the lowest priority
// while vitest runs (whose server files leave most of a core idle), so that on a fresh clone the browser
// test reads the file instead of spending half a minute generating it (docs/testing.md, testtime13).
import { existsSync } from 'node:fs';
import { largePlanFile, largePlanUpdate } from './large-plan.js';

const started = performance.now();
const there = existsSync(largePlanFile);
if (!there) largePlanUpdate();
console.log(`${largePlanFile}: ${there ? 'already there' : `generated in ${((performance.now() - started) / 1000).toFixed(1)} s`}`);
