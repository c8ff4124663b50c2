// The app's CSV import as the tests drive it: the real reader, the detected mapping and the preview; then the
// preview applied to a new, empty plan (what "Import into a new plan" does).
import { applyImport, buildImportPreview, detectMapping, readCsv, type ImportPreview } from '../../../../shared/files/index.js';
import type { Plan } from '../../../../shared/model/index.js';
import { newPlan, T0 } from '../../model/support.js';

/** The import preview of `csv` as of `now`; a file the reader refuses throws with its message. */
export function previewOfCsv(csv: string, now = T0): ImportPreview {
  const read = readCsv(new TextEncoder().encode(csv));
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now });
}

/** `preview` applied to a new plan (ids prefixed 'c'), its index refreshed at `now`. */
export function importIntoNewPlan(preview: ImportPreview, now = T0): { copy: Plan; applied: ReturnType<typeof applyImport> } {
  const { plan: copy } = newPlan({ prefix: 'c' });
  const applied = applyImport(copy, preview, { now });
  copy.index.refresh(now);
  return { copy, applied };
}
