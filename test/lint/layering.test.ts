import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were a file at `filePath` in the project, with the project's real config. */
async function lintAs(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('layering rules', () => {
  it('fails an import from renderer/ into shared/', async () => {
    const messages = await lintAs('shared/probe.ts', "import { App } from '../renderer/src/App.js';\nexport const probe = App;\n");
    expect(messages.some((m) => m.startsWith('no-restricted-imports') && m.includes('bad layering'))).toBe(true);
  });

  it('fails a Node or DOM API in shared/', async () => {
    expect((await lintAs('shared/probe.ts', "import fs from 'node:fs';\nexport const probe = fs;\n")).join('\n')).toMatch(/shared\/ is pure/);
    expect((await lintAs('shared/probe.ts', 'export const probe = () => document.title;\n')).join('\n')).toMatch(/no-restricted-globals/);
    expect((await lintAs('shared/probe.ts', 'export const probe = () => Date.now();\n')).join('\n')).toMatch(/clock as an argument/);
  });

  it('fails an import of electron/ or sync-server/ from renderer/', async () => {
    expect((await lintAs('renderer/src/probe.ts', "import { lockDown } from '../../electron/security.js';\nexport const probe = lockDown;\n")).join('\n')).toMatch(/bad layering/);
    expect((await lintAs('renderer/src/probe.ts', "import { serveStatic } from '../../sync-server/static-site.js';\nexport const probe = serveStatic;\n")).join('\n')).toMatch(/bad layering/);
  });

  it('fails a list spread into Math.min/max or push/unshift in product code (review36d B2: RangeError past ~125,000 items)', async () => {
    for (const file of ['shared/probe.ts', 'renderer/src/probe.ts', 'sync-server/probe.ts']) {
      expect((await lintAs(file, 'export const probe = (list: number[]) => Math.min(...list);\n')).join('\n')).toMatch(/smallest\(\)\/largest\(\)/);
      expect((await lintAs(file, 'export const probe = (a: number[], b: number[]) => a.push(...b);\n')).join('\n')).toMatch(/appendAll\(\)/);
    }
    expect(await lintAs('shared/probe.ts', 'export const probe = (a: number, b: number) => Math.min(a, b);\n')).toEqual([]);
  });

  it('allows shared/ to be imported from every layer', async () => {
    const code = "import type { DesktopApi } from '../../shared/bridge/desktop-api.js';\nexport type Probe = DesktopApi;\n";
    expect(await lintAs('renderer/src/probe.ts', code)).toEqual([]);
  });

  it('fails on circular imports', async () => {
    const run = promisify(execFile);
    const dpdm = path.join(root, 'node_modules', '.bin', 'dpdm');
    const args = ['--no-warning', '--no-tree', '--exit-code', 'circular:1', '-T', 'test/lint/fixtures/cycle/first.ts'];
    await expect(run(dpdm, args, { cwd: root })).rejects.toMatchObject({ code: 1 });
    await expect(run(dpdm, ['--no-warning', '--no-tree', '--exit-code', 'circular:1', '-T', 'shared/bridge/desktop-api.ts'], { cwd: root })).resolves.toBeDefined();
  });
});
