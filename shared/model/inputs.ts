/** Input shapes of the operations, validated with zod before anything is written. */
import { z } from 'zod';
import { CHECKIN_STATUSES, LINK_TYPES, NODE_KINDS, type NodeFieldName } from './schema.js';
import { PlanError } from './errors.js';
import { STAMP_MAX } from './checkins.js';
import { describe, FIELD_WORDS, type NodeFields } from './fields.js';
import type { ParentId } from './ids.js';
import { characterCount, isOverLimit } from '../text/cut-text.js';
import { controlCharacterProblem } from '../text/control-characters.js';
import { invisibleTextProblem } from '../text/invisible-text.js';
import { isEmailAddress } from '../text/email-address.js';

/** Field values to set; null clears a field. */
export type NodeFieldPatch = { [K in NodeFieldName]?: NodeFields[K] | null };

// The limits live in a file of their own that imports nothing (the page's entry checks stored titles with them).
import { TEXT_LIMITS } from './text-limits.js';
export { TEXT_LIMITS };

/**
 * Text of at most `max` characters (code points) without control characters; `multiLine` (a
 * description, a note) takes tab and line breaks. One-line text (a title, a name) that is not empty
 * must show something: only spaces or zero-width characters are refused (shared/text/invisible-text.ts).
 * Exported for the other schemas of typed text.
 */
export const textInput = (max: number, multiLine = false) => z.string().check((context) => {
  if (isOverLimit(context.value, max)) context.issues.push({ code: 'custom', message: `must be at most ${max.toLocaleString('en')} characters; this one is ${characterCount(context.value).toLocaleString('en')}`, input: context.value });
  const control = controlCharacterProblem(context.value, multiLine);
  if (control) context.issues.push({ code: 'custom', message: control, input: context.value });
  const invisible = multiLine ? null : invisibleTextProblem(context.value);
  if (invisible) context.issues.push({ code: 'custom', message: invisible, input: context.value });
});
const text = textInput;
const finiteNumber = z.lazy(() => z.number().refine(Number.isFinite, 'must be a finite number'));

export const createNodeSchema = z.lazy(() => z.object({
  kind: z.enum(NODE_KINDS),
  parent: z.string().min(1),
  title: text(TEXT_LIMITS.title).optional(),
  description: text(TEXT_LIMITS.description, true).optional(),
  /** Position among the parent's live children (default: last). */
  index: z.number().int().min(0).optional(),
}).catchall(z.unknown()));
export type CreateNodeInput = { kind: (typeof NODE_KINDS)[number]; parent: ParentId; title?: string; description?: string; index?: number } & NodeFieldPatch;

export const moveNodeSchema = z.lazy(() => z.object({ parent: z.string().min(1), index: z.number().int().min(0).optional(), kind: z.enum(NODE_KINDS).optional() }).strict());
/**
 * Where to move a node; the schema checks the shape at run time, the type asks for a checked parent id.
 * `kind`: the kind the node takes in its new place (a blank outline line indented or outdented).
 */
export type MoveNodeInput = { parent: ParentId; index?: number; kind?: (typeof NODE_KINDS)[number] };

export const checkInSchema = z.lazy(() => z.object({
  value: finiteNumber.nullable().optional(),
  confidence: finiteNumber.refine((value) => value >= 0 && value <= 10, 'must be between 0 and 10').nullable().optional(),
  status: z.enum(CHECKIN_STATUSES).nullable().optional(),
  blocker: z.boolean().optional(),
  note: text(TEXT_LIMITS.note, true).optional(),
  /** When it happened (default: now); for imports of past check-ins. */
  at: finiteNumber.refine((value) => value >= 0, 'must not be negative').refine((value) => Number.isInteger(value) && value <= STAMP_MAX, 'must be a whole number of milliseconds no later than the year 275760').optional(),
  /** The ids of the node's blocker check-ins this check-in clears, knowingly (default: none; signals.ts standingBlockers). */
  clears: z.array(z.string().max(64)).max(1_000).optional(),
  /**
   * With `blocker`: the check-in says the item is still blocked, giving no new reason (the form's "Still
   * blocked" left ticked): the standing blockers keep their reason and raisers (signals.ts blockerSpan).
   */
  restates: z.boolean().optional(),
}).strict());
export type CheckInInput = z.infer<typeof checkInSchema>;

export const linkTypeSchema = z.lazy(() => z.enum(LINK_TYPES));

export const personSchema = z.lazy(() => z.object({
  name: text(200).min(1, 'must not be empty'),
  // Any script's letters (ben@münchen.de): shared/text/email-address.ts.
  email: z.string().refine(isEmailAddress, 'must be an e-mail address, like ada@example.com').nullable().optional(),
  team: z.string().nullable().optional(),
  role: text(200).nullable().optional(),
}).strict());
export type PersonInput = z.infer<typeof personSchema>;
export const personPatchSchema = z.lazy(() => personSchema.unwrap().partial());
export type PersonPatch = z.infer<typeof personPatchSchema>;

export const teamSchema = z.lazy(() => z.object({ name: text(200).min(1, 'must not be empty'), parent: z.string().nullable().optional() }).strict());
export type TeamInput = z.infer<typeof teamSchema>;
export const teamPatchSchema = z.lazy(() => teamSchema.unwrap().partial());
export type TeamPatch = z.infer<typeof teamPatchSchema>;

export const periodSchema = z.lazy(() => z.object({ name: text(200).min(1, 'must not be empty'), start: z.string(), end: z.string() }).strict());
export type PeriodInput = z.infer<typeof periodSchema>;
export const periodPatchSchema = z.lazy(() => periodSchema.unwrap().partial());
export type PeriodPatch = z.infer<typeof periodPatchSchema>;

const TYPE_WORDS: Readonly<Record<string, string>> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a set of fields' };

/**
 * A zod issue in the words of the app's own messages ("must be more than 0"), never zod's ("Too small:
 * expected number to be >0"). `value` is the value refused.
 */
export function issueWords(issue: z.core.$ZodIssue, value: unknown): string {
  // Our schemas' own messages are in lower case ("must not be empty"); zod's start with a capital.
  if (/^[a-z]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_small': return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${typeof value === 'number' ? `, got ${value}` : ''}`;
    case 'too_big': return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}${typeof value === 'number' ? `, got ${value}` : ''}`;
    case 'invalid_type':
      if (value === null) return 'cannot be cleared';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}${value === undefined ? '' : `, got ${describe(value)}`}`;
    case 'invalid_value': return `must be one of ${issue.values.map((option) => String(option).replace(/_/g, ' ')).join(', ')}; got ${describe(value)}`;
    case 'unrecognized_keys': return `has no ${issue.keys.map((name) => JSON.stringify(name)).join(', ')}`;
    default: return /^[A-Z][a-z]/.test(issue.message) ? `is wrong: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}` : issue.message;
  }
}

/** The input fields of the operations in words, for messages a person reads ("the period's end date"). */
const INPUT_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  period: { start: 'start date', end: 'end date' },
  team: { parent: 'parent team' },
  person: { email: 'e-mail address' },
  'check-in': { at: 'time', clears: 'blockers to clear' },
  move: { parent: 'new parent', index: 'position', kind: 'kind' },
  item: { index: 'position' },
};

/**
 * Parses input with a zod schema, turning a failure into a PlanError naming the field in plain words:
 * `subject` is what the input describes ('team', 'period', 'check-in'), so a person reads "the team's
 * name must not be empty", never the operation's code name ("updateTeam: name …"). A non-finite number
 * anywhere is reported as 'not-finite'.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, subject: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path.map(String).join('.');
  const words = INPUT_WORDS[subject]?.[key] ?? (Object.hasOwn(FIELD_WORDS, key) ? FIELD_WORDS[key as NodeFieldName] : key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
  const field = issue.path.length > 0 ? `the ${subject}'s ${words}` : `the ${subject}`;
  let value: unknown = input;
  for (const part of issue.path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[part as PropertyKey] : undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new PlanError('not-finite', `${field} must be a finite number, got ${value}`);
  throw new PlanError('invalid-input', `${field} ${issueWords(issue, value)}`);
}
