// Decides which parts of the build are out of date, so `npm start` rebuilds only what changed since
// the last build (or nothing, and serves the existing build). A part is out of date when its output
// is missing or the fingerprint of its inputs (every file's path and contents) differs from the one
// recorded when it was last built.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** The build's parts: what each reads, what it writes, and the npm script that builds it. */
export const buildParts = [
  {
    name: 'web',
    script: 'build:web',
    inputs: ['renderer', 'shared', 'package.json', 'package-lock.json', 'tsconfig.json'],
    output: 'dist/web/index.html',
  },
  {
    name: 'node',
    script: 'build:node',
    inputs: ['shared', 'sync-server', 'electron', 'scripts/bundle-server.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.node.json'],
    output: 'dist/sync-server/cli.js',
  },
];

/** Where the fingerprints of the last successful builds are kept (inside dist/, so a clean build resets them). */
export const stampFile = 'dist/.build-fingerprints.json';

function filesUnder(root, relative, found) {
  const full = path.join(root, relative);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    found.push(relative);
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    filesUnder(root, path.join(relative, entry.name), found);
  }
}

/** A hash of every input file's path and contents, in a fixed order. */
export function fingerprint(root, inputs) {
  const files = [];
  for (const input of inputs) filesUnder(root, input, files);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.split(path.sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readStamps(root) {
  try {
    const stamps = JSON.parse(readFileSync(path.join(root, stampFile), 'utf8'));
    return typeof stamps === 'object' && stamps !== null ? stamps : {};
  } catch {
    return {};
  }
}

/** The parts that need building, each with the fingerprint to record once it is built. */
export function staleParts(root, parts = buildParts) {
  const stamps = readStamps(root);
  return parts
    .map((part) => ({ ...part, fingerprint: fingerprint(root, part.inputs) }))
    .filter((part) => !existsSync(path.join(root, part.output)) || stamps[part.name] !== part.fingerprint);
}

/** Records that `part` was built from inputs with `fingerprint`. */
export function recordBuilt(root, part) {
  const stamps = readStamps(root);
  stamps[part.name] = part.fingerprint;
  mkdirSync(path.dirname(path.join(root, stampFile)), { recursive: true });
  writeFileSync(path.join(root, stampFile), JSON.stringify(stamps, null, 1) + '\n');
}

// `node scripts/incremental-build.mjs --record web|node`: run by the build scripts after a successful
// build, so that `npm start` knows the existing build matches the sources.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname) && process.argv[2] === '--record') {
  const part = buildParts.find((candidate) => candidate.name === process.argv[3]);
  if (!part) {
    console.error(`incremental-build: unknown part "${process.argv[3]}" (expected ${buildParts.map((candidate) => candidate.name).join(' or ')})`);
    process.exit(2);
  }
  recordBuilt(process.cwd(), { ...part, fingerprint: fingerprint(process.cwd(), part.inputs) });
}
