import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
// @ts-expect-error -- a plain .mjs script (npm runs it before TypeScript is involved), typed below
import * as incrementalBuild from '../scripts/incremental-build.mjs';

interface BuildPart { name: string; script: string; fingerprint: string }
const { staleParts, recordBuilt } = incrementalBuild as { staleParts(root: string): BuildPart[]; recordBuilt(root: string, part: BuildPart): void };

const root = path.resolve(import.meta.dirname, '..');

/**
 * Builds the parts of dist/ that are missing or older than their sources (as `npm start` does), so a
 * benchmark that drives the built app works on a fresh checkout right after `npm ci`.
 */
export function ensureBuilt(): void {
  for (const part of staleParts(root)) {
    process.stderr.write(`[bench] building ${part.name} (missing or older than its sources)\n`);
    const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', part.script], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`\`npm run ${part.script}\` failed (exit ${result.status ?? result.signal}); the benchmark needs it`);
    recordBuilt(root, part);
  }
}

/** A fresh scratch folder under the project's .tmp/ (git-ignored), creating .tmp/ itself on a fresh checkout. */
export function scratchDir(prefix: string): string {
  const parent = path.join(root, '.tmp');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(path.join(parent, prefix));
}

/** What one benchmark area reports: metric names end in their unit (`load_ms`, `encoded_bytes`). */
export interface BenchResult {
  area: string;
  metrics: Record<string, number>;
  /** Extra rows for the printed table only (baselines, run counts, notes). */
  notes?: string[];
}

/** Median of a non-empty list of samples. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Times `fn` `runs` times (after `warmup` unmeasured runs) and returns each run's milliseconds. */
export async function timeRuns(runs: number, fn: () => unknown, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Prints the result as a table and writes `bench/results/AREA.json`. */
export function report(result: BenchResult): void {
  const dir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${result.area}.json`), JSON.stringify({ area: result.area, metrics: result.metrics }, null, 2) + '\n');
  console.log(`\n== ${result.area} ==`);
  console.table(Object.fromEntries(Object.entries(result.metrics).map(([name, value]) => [name, { value: Number(value.toFixed(3)) }])));
  for (const note of result.notes ?? []) console.log(`  ${note}`);
}
