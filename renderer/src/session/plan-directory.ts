import type { PlanIndex } from '../../../shared/model/index.js';
import type { Directory } from '../detail/FieldEditor.js';

/** The plan's people and teams sorted by name, and its periods, for pickers and filters. */
export function planDirectory(index: PlanIndex | undefined): Directory {
  return {
    people: (index?.people() ?? []).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' })),
    teams: (index?.teams() ?? []).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' })),
    periods: index?.periods() ?? [],
  };
}
