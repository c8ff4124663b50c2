// `npm run bench` runs every area; `npm run bench -- AREA` runs one. Each area is bench/AREA.bench.ts
// exporting `run(): Promise<BenchResult>`.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, report, type BenchResult } from './harness.js';

const here = import.meta.dirname;
const areas = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).sort();
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((area) => !areas.includes(area));
if (unknown.length > 0) {
  console.error(`Unknown benchmark area: ${unknown.join(', ')}. Areas: ${areas.join(', ') || '(none)'}`);
  process.exit(2);
}
// Several areas drive the built app or server (dist/): on a fresh clone right after `npm ci` there is none,
// and `npm run bench -- startup` failed with "Cannot find module dist/sync-server/cli.js". Built once here,
// for every area, only the parts missing or older than their sources.
ensureBuilt();
for (const area of wanted.length > 0 ? wanted : areas) {
  const module = (await import(pathToFileURL(path.join(here, `${area}.bench.ts`)).href)) as { run: () => Promise<BenchResult> };
  report(await module.run());
}
