import {
  COMMON_FIELDS, enteredPercent, IMPACT_LEVELS, INITIATIVE_STATUSES, KIND_FIELDS, METRIC_DIRECTIONS, PRIORITIES, TASK_STATUSES,
  type NodeFieldName, type NodeKind,
} from '../../../shared/model/index.js';

/** How the detail panel edits one field. */
export type FieldInput =
  | { type: 'number' }
  | { type: 'percent' }
  | { type: 'text'; multiline?: boolean }
  | { type: 'date' }
  | { type: 'instant' }
  | { type: 'ref'; refers: 'person' | 'team' | 'period' }
  | { type: 'choice'; options: readonly string[] }
  | { type: 'checkbox' };

export interface FieldSpec {
  label: string;
  input: FieldInput;
  hint?: string;
}

export const optionLabels: Readonly<Record<string, string>> = {
  todo: 'To do', in_progress: 'In progress', blocked: 'Blocked', done: 'Done', dropped: 'Dropped',
  proposed: 'Proposed', active: 'Active', paused: 'Paused', cancelled: 'Cancelled',
  increase: 'Increase', decrease: 'Decrease', range: 'Stay within range',
  critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low',
  on_track: 'On track', at_risk: 'At risk', off_track: 'Off track',
};

export const fieldSpecs: Readonly<Record<NodeFieldName, FieldSpec>> = {
  owner: { label: 'Owner', input: { type: 'ref', refers: 'person' } },
  team: { label: 'Team', input: { type: 'ref', refers: 'team' } },
  priority: { label: 'Priority', input: { type: 'choice', options: PRIORITIES } },
  archived: { label: 'Archived', input: { type: 'checkbox' }, hint: 'Archived items stay visible but leave roll-ups and signals.' },
  horizon: { label: 'Horizon', input: { type: 'text' }, hint: 'e.g. 2027–2029' },
  period: { label: 'Period', input: { type: 'ref', refers: 'period' } },
  weight: { label: 'Weight', input: { type: 'number' }, hint: 'Share in the parent\'s roll-up (default 1).' },
  start: { label: 'Start value', input: { type: 'number' } },
  target: { label: 'Target value', input: { type: 'number' } },
  unit: { label: 'Unit', input: { type: 'text' }, hint: 'e.g. %, k€, users' },
  direction: { label: 'Direction', input: { type: 'choice', options: METRIC_DIRECTIONS } },
  rangeLow: { label: 'Range low', input: { type: 'number' } },
  rangeHigh: { label: 'Range high', input: { type: 'number' } },
  healthyLow: { label: 'Healthy from', input: { type: 'number' } },
  healthyHigh: { label: 'Healthy up to', input: { type: 'number' } },
  status: { label: 'Status', input: { type: 'choice', options: [] } },
  startDate: { label: 'Start date', input: { type: 'date' } },
  dueDate: { label: 'Due date', input: { type: 'date' } },
  effort: { label: 'Effort estimate', input: { type: 'number' }, hint: 'Person-days (a week is 5)' },
  impact: { label: 'Expected impact', input: { type: 'choice', options: IMPACT_LEVELS } },
  manualProgress: { label: 'Manual progress (%)', input: { type: 'percent' }, hint: 'Overrides the share of tasks done.' },
  assignee: { label: 'Assignee', input: { type: 'ref', refers: 'person' } },
  blockedReason: { label: 'Blocked because', input: { type: 'text', multiline: true } },
  blockedSince: { label: 'Blocked since', input: { type: 'instant' } },
  doneAt: { label: 'Done on', input: { type: 'instant' } },
};

/** The fields a node of `kind` shows, kind-specific first (status leads), then the common ones. */
export function fieldsOf(kind: NodeKind): NodeFieldName[] {
  const specific = [...KIND_FIELDS[kind]] as NodeFieldName[];
  return [...specific, ...COMMON_FIELDS];
}

/** Status choices of a kind. */
export function statusOptions(kind: NodeKind): readonly string[] {
  return kind === 'task' ? TASK_STATUSES : kind === 'initiative' ? INITIATIVE_STATUSES : [];
}

/** The fields an edit list names, as a person reads them: "title, status" (labels, lower case). */
export function editedFieldNames(fields: readonly string[]): string {
  return fields.map((field) => (Object.hasOwn(fieldSpecs, field) ? fieldSpecs[field as NodeFieldName].label.toLowerCase() : field)).join(', ');
}

/**
 * A stored fraction as the percent a person typed: 0.12345 shows as 12.345, as typed (it showed 12.3, to
 * one decimal, so what was saved was not what the field showed). The review names it the same way.
 */
export const percentOf = enteredPercent;

/** A typed percent as the stored fraction, shifted in decimal (12.345 % is 0.12345, not 0.12345000000000001). */
export function fractionOf(percent: number): number {
  const [mantissa, exponent = '0'] = String(percent).split('e');
  return Number(`${mantissa}e${Number(exponent) - 2}`);
}

/**
 * Why a percent typed in a field of 0–100 % cannot be saved, in the field's terms, or null: the plan's
 * own check said "ManualProgress must be at most 1, got 1.5." (its code name and the stored fraction).
 */
export function percentProblem(label: string, percent: number): string | null {
  const name = label.replace(/\s*\(%\)$/, '');
  if (percent > 100) return `${name} is at most 100 %; ${percent.toLocaleString()} % is over.`;
  if (percent < 0) return `${name} is at least 0 %; ${percent.toLocaleString()} % is under.`;
  return null;
}
