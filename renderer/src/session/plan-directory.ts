import { DEFAULT_TIME_ZONE, type PlanIndex } from '../../../shared/model/index.js';
import type { Directory } from '../detail/FieldEditor.js';
import { naturalCompare } from '../outline/labels.js';

/** The plan's people and teams sorted by name, its periods and its time zone, for pickers, filters and times shown. */
export function planDirectory(index: PlanIndex | undefined): Directory {
  return {
    people: (index?.people() ?? []).sort((a, b) => naturalCompare(a.name, b.name)),
    teams: (index?.teams() ?? []).sort((a, b) => naturalCompare(a.name, b.name)),
    periods: index?.periods() ?? [],
    timeZone: index?.timeZone ?? DEFAULT_TIME_ZONE,
  };
}
