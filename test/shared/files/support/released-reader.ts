// The plan-file reader of the last released Throughline before plan file version 4: the code at 59dc681
// (the thirty-third session's branch point, before blocker37 added check-ins' `restates`), bundled as it
// was into fixtures/released-reader/plan-file-59dc681.mjs (how: that file's head) and imported as it is.
// Packages (zod, yjs, fractional-indexing) resolve from this checkout's node_modules, as the released app
// bundled them. A file, not a read of git history: CI's clean clone may be shallow.
import type * as Y from 'yjs';

/** The released code: the commit before blocker37's (c2d0f6e added `restates` to the reader's strict schema). */
export const RELEASED_COMMIT = '59dc681c758e0fa33919551ca900f90ba051d464';

/** What a test uses of the released plan-file.ts (its own types are the released ones, not this checkout's). */
export interface ReleasedPlanFile {
  PLAN_FILE_VERSION: number;
  parsePlanFile(text: string): { ok: true; file: unknown; migratedFrom: number | null; warnings: string[]; loops: string[] } | { ok: false; problem: { code: string; message: string; row: number | null } };
  writePlanFile(doc: Y.Doc, file: unknown): void;
}

/** The released plan-file.ts. */
export async function releasedPlanFile(): Promise<ReleasedPlanFile> {
  // By URL: the bundle has no types of its own, and this interface is what the test relies on.
  const bundle = new URL('../fixtures/released-reader/plan-file-59dc681.mjs', import.meta.url).href;
  return await import(bundle) as ReleasedPlanFile;
}
