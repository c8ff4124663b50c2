import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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
