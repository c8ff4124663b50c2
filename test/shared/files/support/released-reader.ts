// The plan-file reader of the last released Throughline before plan file version 4: the code at 59dc681
// (the thirty-third session's branch point, before blocker37 added check-ins' `restates`), read out of the
// repository's git history into a folder of .tmp/ (ignored by git) and imported as it is. Its `shared/`
// holds everything plan-file.ts imports; packages (zod, yjs, fractional-indexing) resolve from this
// checkout's node_modules, as the released app bundled them. A clone without that commit (a shallow
// clone, a source archive) cannot run it: the test then fails saying so.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Y from 'yjs';

/** The released code: the commit before blocker37's (c2d0f6e added `restates` to the reader's strict schema). */
export const RELEASED_COMMIT = '59dc681c758e0fa33919551ca900f90ba051d464';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** What a test uses of the released plan-file.ts (its own types are the released ones, not this checkout's). */
export interface ReleasedPlanFile {
  PLAN_FILE_VERSION: number;
  parsePlanFile(text: string): { ok: true; file: unknown; migratedFrom: number | null; warnings: string[]; loops: string[] } | { ok: false; problem: { code: string; message: string; row: number | null } };
  writePlanFile(doc: Y.Doc, file: unknown): void;
}

/** Reads the released `shared/` out of git and imports its plan-file.ts; `remove` deletes the folder. */
export async function releasedPlanFile(): Promise<{ reader: ReleasedPlanFile; remove(): void }> {
  try {
    execFileSync('git', ['cat-file', '-e', `${RELEASED_COMMIT}^{commit}`], { cwd: root, stdio: 'ignore' });
  } catch {
    throw new Error(`The released reader is read from git commit ${RELEASED_COMMIT}, which this checkout does not have (a shallow clone or a source archive?): run \`git fetch --unshallow\` or test in a full clone.`);
  }
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.tmp', 'released-reader-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const tar = path.join(dir, 'shared.tar');
    execFileSync('git', ['archive', '--format=tar', '-o', tar, RELEASED_COMMIT, 'shared'], { cwd: root });
    execFileSync('tar', ['-xf', tar, '-C', dir]);
    const reader = await import(pathToFileURL(path.join(dir, 'shared', 'files', 'plan-file.ts')).href) as ReleasedPlanFile;
    return { reader, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
