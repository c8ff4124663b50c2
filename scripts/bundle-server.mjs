// `npm run build:node`, after tsc: the sync server's command line (dist/sync-server/cli.js, the
// `throughline-sync` bin that `npm start`, the e2e specs and operators run) bundled into a few files.
// tsc's output is ~190 ES modules (zod's, lib0's, the server's), and Node spent 0.5–0.9 s of each
// start reading and linking them; the bundle takes ~0.2 s of CPU less per start (docs/benchmarks.md,
// testtime7). tsc's modules stay beside it for the desktop app, which imports the server's parts.
// The dynamic imports stay dynamic (`splitting`): `token` and `revoke` still load no server modules
// (the Redis and PostgreSQL clients and better-sqlite3's addon are kept as packages). The bundle sits
// in bundle/; cli.js is a launcher that turns on source maps before loading it, so a stack trace in the
// server's log names the source files and lines, not bundle/chunk-XXXX.js (review25a T3).
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';

const outdir = 'dist/sync-server';
rmSync(`${outdir}/bundle`, { recursive: true, force: true });
await build({
  entryPoints: { 'bundle/cli': 'sync-server/cli.ts' },
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

// Node reads a module's source map when it loads the module, only if source maps are on by then:
// hence a launcher, which loads the bundle after turning them on (for `node dist/sync-server/cli.js`
// as `npm start` and the tests run it, and for the `throughline-sync` bin alike). tsc's cli.js and its
// map are replaced.
rmSync(`${outdir}/cli.js.map`, { force: true });
writeFileSync(`${outdir}/cli.js`, [
  '#!/usr/bin/env node',
  '// Written by scripts/bundle-server.mjs: the sync server\'s command line, bundled in ./bundle/, with source maps on.',
  'process.setSourceMapsEnabled(true);',
  "await import('./bundle/cli.js');",
  '',
].join('\n'), { mode: 0o755 });
