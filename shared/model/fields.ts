/**
 * One rule per scalar node field, used both to validate operation input (with a typed error) and to
 * read a field defensively from the doc (a value written by a hostile or newer peer that breaks the
 * rule reads as absent). Hand-written rather than zod because the index reads 20,000 nodes on open.
 */
import { PlanError } from './errors.js';
import { isDate } from './dates.js';
import { characterCount, cutText, isOverLimit } from '../text/cut-text.js';
import { controlCharacterProblem } from '../text/control-characters.js';
import {
  IMPACT_LEVELS, INITIATIVE_STATUSES, KIND_LABELS, METRIC_DIRECTIONS, PRIORITIES, TASK_STATUSES, isValidId,
  type ImpactLevel, type InitiativeStatus, type MetricDirection, type NodeFieldName, type NodeKind, type Priority,
  type TaskStatus,
} from './schema.js';

/** The scalar fields of a node as read from the doc; absent keys are undefined. */
export interface NodeFields {
  owner?: string;
  team?: string;
  priority?: Priority;
  archived?: boolean;
  horizon?: string;
  period?: string;
  weight?: number;
  start?: number;
  target?: number;
  unit?: string;
  direction?: MetricDirection;
  rangeLow?: number;
  rangeHigh?: number;
  healthyLow?: number;
  healthyHigh?: number;
  status?: TaskStatus | InitiativeStatus;
  startDate?: string;
  dueDate?: string;
  effort?: number;
  impact?: ImpactLevel;
  manualProgress?: number;
  assignee?: string;
  blockedReason?: string;
  blockedSince?: number;
  doneAt?: number;
}

type FieldRule =
  | { type: 'number'; min?: number; max?: number }
  | { type: 'instant' }
  | { type: 'text'; maxLength: number; multiLine?: boolean }
  | { type: 'ref'; refers: 'person' | 'team' | 'period' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'status' }
  | { type: 'date' }
  | { type: 'boolean' };

export const FIELD_RULES: Readonly<Record<NodeFieldName, FieldRule>> = {
  owner: { type: 'ref', refers: 'person' },
  team: { type: 'ref', refers: 'team' },
  priority: { type: 'enum', values: PRIORITIES },
  archived: { type: 'boolean' },
  horizon: { type: 'text', maxLength: 200 },
  period: { type: 'ref', refers: 'period' },
  weight: { type: 'number', min: 0 },
  start: { type: 'number' },
  target: { type: 'number' },
  unit: { type: 'text', maxLength: 40 },
  direction: { type: 'enum', values: METRIC_DIRECTIONS },
  rangeLow: { type: 'number' },
  rangeHigh: { type: 'number' },
  healthyLow: { type: 'number' },
  healthyHigh: { type: 'number' },
  status: { type: 'status' },
  startDate: { type: 'date' },
  dueDate: { type: 'date' },
  effort: { type: 'number', min: 0 },
  impact: { type: 'enum', values: IMPACT_LEVELS },
  manualProgress: { type: 'number', min: 0, max: 1 },
  assignee: { type: 'ref', refers: 'person' },
  blockedReason: { type: 'text', maxLength: 2000, multiLine: true },
  blockedSince: { type: 'instant' },
  doneAt: { type: 'instant' },
};

/**
 * Each field as the detail panel names it, in lower case, for messages a person reads ("the start date must
 * be a calendar date"), never the code name (`startDate`).
 */
export const FIELD_WORDS: Readonly<Record<NodeFieldName, string>> = {
  owner: 'owner', team: 'team', priority: 'priority', archived: 'archived mark', horizon: 'horizon', period: 'period',
  weight: 'weight', start: 'start value', target: 'target value', unit: 'unit', direction: 'direction',
  rangeLow: 'range low', rangeHigh: 'range high', healthyLow: 'healthy from', healthyHigh: 'healthy up to',
  status: 'status', startDate: 'start date', dueDate: 'due date', effort: 'effort estimate', impact: 'expected impact',
  manualProgress: 'manual progress', assignee: 'assignee', blockedReason: 'blocked reason', blockedSince: 'blocked since', doneAt: 'done date',
};

/** A field's words, or a name that is no field quoted as given. */
export const fieldWords = (field: string): string => (Object.hasOwn(FIELD_WORDS, field) ? FIELD_WORDS[field as NodeFieldName] : describe(field));

/** Statuses allowed for a kind (only initiatives and tasks have one). */
export function statusesOf(kind: NodeKind): readonly string[] {
  if (kind === 'task') return TASK_STATUSES;
  if (kind === 'initiative') return INITIATIVE_STATUSES;
  return [];
}

/**
 * Checks one field value of operation input; returns the error to throw, or null when valid.
 * References are checked for form only here; their existence is checked by the operation.
 */
export function checkFieldValue(kind: NodeKind, name: NodeFieldName, value: unknown): PlanError | null {
  const rule = FIELD_RULES[name];
  const field = `the ${FIELD_WORDS[name]}`;
  switch (rule.type) {
    case 'number':
    case 'instant': {
      if (typeof value !== 'number') return new PlanError('invalid-input', `${field} must be a number, got ${describe(value)}`);
      if (!Number.isFinite(value)) return new PlanError('not-finite', `${field} must be a finite number, got ${value}`);
      const min = rule.type === 'instant' ? 0 : rule.min;
      const max = rule.type === 'instant' ? undefined : rule.max;
      // Manual progress is stored as a fraction and typed in percent: said in percent.
      if (name === 'manualProgress' && (value < 0 || value > 1)) return new PlanError('invalid-input', `${field} must be 0–100 %, got ${Math.round(value * 1000) / 10} %`);
      if (min !== undefined && value < min) return new PlanError('invalid-input', `${field} must be at least ${min}, got ${value}`);
      if (max !== undefined && value > max) return new PlanError('invalid-input', `${field} must be at most ${max}, got ${value}`);
      return null;
    }
    case 'text':
      if (typeof value !== 'string') return new PlanError('invalid-input', `${field} must be text, got ${describe(value)}`);
      if (isOverLimit(value, rule.maxLength)) return new PlanError('invalid-input', `${field} is ${characterCount(value).toLocaleString('en')} characters long; the limit is ${rule.maxLength.toLocaleString('en')}`);
      {
        const control = controlCharacterProblem(value, rule.multiLine);
        if (control) return new PlanError('invalid-input', `${field} ${control}`);
      }
      return null;
    case 'ref':
      if (typeof value !== 'string' || !isValidId(value)) return new PlanError('invalid-id', `${field} must be a ${rule.refers} id, got ${describe(value)}`);
      return null;
    case 'enum':
      if (typeof value !== 'string' || !rule.values.includes(value)) return new PlanError('invalid-input', `${field} must be one of ${rule.values.join(', ')}; got ${describe(value)}`);
      return null;
    case 'status': {
      const values = statusesOf(kind);
      if (typeof value !== 'string' || !values.includes(value)) return new PlanError('invalid-input', `the status of ${/^[aeiou]/i.test(KIND_LABELS[kind]) ? 'an' : 'a'} ${KIND_LABELS[kind]} must be one of ${values.join(', ')}; got ${describe(value)}`);
      return null;
    }
    case 'date':
      if (typeof value !== 'string' || !isDate(value)) return new PlanError('invalid-date', `${field} must be a calendar date (YYYY-MM-DD), got ${describe(value)}`);
      return null;
    case 'boolean':
      if (typeof value !== 'boolean') return new PlanError('invalid-input', `${field} must be true or false, got ${describe(value)}`);
      return null;
  }
}

/** True if a raw doc value satisfies the field's rule (used when reading the doc defensively). */
export function fieldValueReadable(kind: NodeKind, field: NodeFieldName, value: unknown): boolean {
  const rule = FIELD_RULES[field];
  switch (rule.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && (rule.min === undefined || value >= rule.min) && (rule.max === undefined || value <= rule.max);
    case 'instant':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'text':
      return typeof value === 'string';
    case 'ref':
      return typeof value === 'string';
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value);
    case 'status':
      return typeof value === 'string' && statusesOf(kind).includes(value);
    case 'date':
      return typeof value === 'string' && isDate(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/** A short description of a bad value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(isOverLimit(value, 40) ? `${cutText(value, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
