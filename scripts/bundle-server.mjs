// `npm run build:node`, after tsc: the sync server's command line (dist/sync-server/cli.js, the
// `throughline-sync` bin that `npm start`, the e2e specs and operators run) bundled into a few files.
// tsc's output is ~190 ES modules (zod's, lib0's, the server's), and Node spent 0.5–0.9 s of each
// start reading and linking them; the bundle takes ~0.2 s of CPU less per start (docs/benchmarks.md,
// testtime7). tsc's modules stay beside it for the desktop app, which imports the server's parts.
// The dynamic imports stay dynamic (`splitting`): `token` and `revoke` still load no server modules,
// and the SQLite mode no Redis or PostgreSQL client (kept as packages, as is better-sqlite3's addon).
// esbuild comes with vite (and tsx).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const outdir = 'dist/sync-server';
rmSync(`${outdir}/bundle`, { recursive: true, force: true });
await build({
  entryPoints: { cli: 'sync-server/cli.ts' },
  outdir,
  chunkNames: 'bundle/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'ioredis', 'pg'],
  // The CommonJS packages bundled (ws, commander, pino) call require() for Node's own modules.
  banner: { js: "import { createRequire as throughlineCreateRequire } from 'node:module'; const require = throughlineCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
