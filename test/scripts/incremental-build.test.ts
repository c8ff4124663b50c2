import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { buildParts, recordBuilt, staleParts } from '../../scripts/incremental-build.mjs';

interface Part { name: string; inputs: string[]; output: string; fingerprint?: string }
const parts: Part[] = [
  { name: 'web', inputs: ['renderer', 'shared'], output: 'dist/web/index.html' },
  { name: 'node', inputs: ['server', 'shared'], output: 'dist/server.js' },
];
const roots: string[] = [];
afterEach(() => { for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true }); });

function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'throughline-build-'));
  roots.push(root);
  for (const dir of ['renderer', 'shared', 'server', 'dist/web']) mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, 'renderer/app.tsx'), 'app');
  writeFileSync(path.join(root, 'shared/model.ts'), 'model');
  writeFileSync(path.join(root, 'server/cli.ts'), 'cli');
  return root;
}

const names = (root: string) => (staleParts(root, parts) as Part[]).map((part) => part.name);
function buildAll(root: string): void {
  writeFileSync(path.join(root, 'dist/web/index.html'), 'built');
  writeFileSync(path.join(root, 'dist/server.js'), 'built');
  for (const part of staleParts(root, parts) as Part[]) recordBuilt(root, part);
}

describe('npm start rebuilds only what changed', () => {
  it('builds everything the first time, then nothing while the sources are unchanged', () => {
    const root = project();
    expect(names(root)).toEqual(['web', 'node']);
    buildAll(root);
    expect(names(root)).toEqual([]);
  });

  it('rebuilds only the part whose inputs changed; a shared change rebuilds both', () => {
    const root = project();
    buildAll(root);
    writeFileSync(path.join(root, 'renderer/app.tsx'), 'app v2');
    expect(names(root)).toEqual(['web']);
    buildAll(root);
    writeFileSync(path.join(root, 'server/new-file.ts'), 'new');
    expect(names(root)).toEqual(['node']);
    buildAll(root);
    writeFileSync(path.join(root, 'shared/model.ts'), 'model v2');
    expect(names(root)).toEqual(['web', 'node']);
  });

  it('rebuilds a part whose output is gone even when its sources are unchanged', () => {
    const root = project();
    buildAll(root);
    rmSync(path.join(root, 'dist/server.js'));
    expect(names(root)).toEqual(['node']);
  });

  it('rebuilds the server when its bundler changes (build:node runs scripts/bundle-server.mjs)', () => {
    const node = (buildParts as Part[]).find((part) => part.name === 'node');
    expect(node?.inputs).toContain('scripts/bundle-server.mjs');
  });
});
