// The sync server's command line as built (scripts/bundle-server.mjs, review25a T3): the launcher
// dist/sync-server/cli.js loads the bundle with source maps on, so a stack trace in the server's log
// names the source files, not bundle/chunk-XXXX.js. No browser: the built files and Node only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { projectRoot } from './support/server.js';

test('the built command line loads its bundle with source maps that lead back to the sources', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-bundle-'));
  try {
    // Loaded before the command line: when it exits, asks Node for the source map of the bundle's entry.
    const probe = path.join(dir, 'probe.mjs');
    const bundleEntry = pathToFileURL(path.join(projectRoot, 'dist', 'sync-server', 'bundle', 'cli.js')).href;
    writeFileSync(probe, `import { findSourceMap } from 'node:module';
process.on('exit', () => {
  const map = findSourceMap(${JSON.stringify(bundleEntry)});
  const sources = map ? map.payload.sources : [];
  process.stdout.write('\\nSOURCES ' + JSON.stringify(sources.filter((source) => source.includes('sync-server/cli.ts'))));
});
`);
    const printed = execFileSync(process.execPath, ['--import', pathToFileURL(probe).href, 'dist/sync-server/cli.js', '--help'], { cwd: projectRoot, encoding: 'utf8' });
    expect(printed).toContain('Usage: throughline-sync');
    expect(JSON.parse(/SOURCES (.*)$/.exec(printed)?.[1] ?? '[]')).toEqual([expect.stringMatching(/sync-server\/cli\.ts$/)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
