import { TEXT_LIMITS } from './text-limits.js';
import { isOverLimit } from '../text/cut-text.js';
import { NODE_ID_PATTERN, NODE_KINDS, ROOT_ID, type NodeKind } from './schema.js';
import type { Health } from './signal-types.js';
import type { NodeId, ParentId } from './ids.js';

/** The stored first screen's format (first-screen.ts re-exports it, with its rules). */
export const FIRST_SCREEN_FORMAT = 1;

/** Rows kept: several screens of the outline; the rest waits for the document. */
export const FIRST_SCREEN_ROWS = 400;

// The first screen's types live here with its check (first-screen.ts re-exports them), so the two
// files import one way.
export interface FirstScreenRow {
  id: NodeId;
  /** Effective parent (ROOT_ID at the top level). */
  parent: ParentId;
  depth: number;
  kind: NodeKind;
  title: string;
  progress: number | null;
  health: Health;
  hasChildren: boolean;
}

/** One pulse card as it was last computed (the figure and its words, not the evidence). */
export interface FirstScreenPulseFigure {
  id: string;
  question: string;
  figure: string;
  counted: string;
  detail: string;
  tone: 'good' | 'warn' | 'bad' | 'neutral';
}

export interface FirstScreen {
  format: typeof FIRST_SCREEN_FORMAT;
  planId: string;
  /** `Y.encodeStateVector` of the document the rows were read from. */
  stateVector: Uint8Array;
  name: string;
  /** Every row of the fully expanded outline (the cache holds only the first of them). */
  rowCount: number;
  rows: FirstScreenRow[];
  summary: { progress: number | null; health: Health };
  /** The pulse's figures, when the pulse was computed for this same state; else null. */
  pulse: FirstScreenPulseFigure[] | null;
}


/**
 * The stored first screen's shape checked by hand, not with zod: it runs on the way to the first
 * paint, once per page, when nothing of zod has run yet. There the schema's first parse of 400 rows
 * took 30–90 ms (cold code, the lazy schemas built, each row through a union, refinements and brands)
 * — at 100k up to a third of the 300 ms budget; these plain checks take a few. The rules are the
 * schema's (`firstScreenSchema` in first-screen.ts, kept as the reference: a property test holds the
 * two to the same answers), and so are the messages: `path: problem`.
 */

/** A stored first screen that is not one: where (`rows.3.title`) and what. */
export class FirstScreenShapeError extends Error {
  constructor(readonly path: string, readonly problem: string) {
    super(`${path || 'value'}: ${problem}`);
    this.name = 'FirstScreenShapeError';
  }
}

const kinds: ReadonlySet<string> = new Set(NODE_KINDS);
const healths: ReadonlySet<string> = new Set(['on_track', 'at_risk', 'off_track']);
const tones: ReadonlySet<string> = new Set(['good', 'warn', 'bad', 'neutral']);

function fail(path: string, problem: string): never {
  throw new FirstScreenShapeError(path, problem);
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'expected an object');
  return value as Record<string, unknown>;
}

function text(value: unknown, path: string, limit: number): string {
  if (typeof value !== 'string') fail(path, 'expected a string');
  if (isOverLimit(value, limit)) fail(path, `more than ${limit} characters`);
  return value;
}

function nodeId(value: unknown, path: string): NodeId {
  if (typeof value !== 'string' || !NODE_ID_PATTERN.test(value)) fail(path, 'an id is 1–64 letters, digits, "-" or "_"');
  if (value === ROOT_ID) fail(path, `"${ROOT_ID}" is the plan root, not a node`);
  return value as NodeId;
}

function parentId(value: unknown, path: string): ParentId {
  return value === ROOT_ID ? ROOT_ID : nodeId(value, path);
}

function integer(value: unknown, path: string, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) fail(path, `expected a whole number from 0 to ${max}`);
  return value;
}

function share(value: unknown, path: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) fail(path, 'expected a number from 0 to 1, or null');
  return value;
}

function health(value: unknown, path: string): Health {
  if (typeof value !== 'string' || !healths.has(value)) fail(path, 'expected on_track, at_risk or off_track');
  return value as Health;
}

function kind(value: unknown, path: string): NodeKind {
  if (typeof value !== 'string' || !kinds.has(value)) fail(path, `expected one of ${NODE_KINDS.join(', ')}`);
  return value as NodeKind;
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'expected true or false');
  return value;
}

// Fields are checked in the schema's order, so both name the same first problem.
function row(value: unknown, path: string): FirstScreenRow {
  const stored = record(value, path);
  return {
    id: nodeId(stored.id, `${path}.id`),
    parent: parentId(stored.parent, `${path}.parent`),
    depth: integer(stored.depth, `${path}.depth`, 100_000),
    kind: kind(stored.kind, `${path}.kind`),
    title: text(stored.title, `${path}.title`, TEXT_LIMITS.title),
    progress: share(stored.progress, `${path}.progress`),
    health: health(stored.health, `${path}.health`),
    hasChildren: bool(stored.hasChildren, `${path}.hasChildren`),
  };
}

function tone(value: unknown, path: string): FirstScreenPulseFigure['tone'] {
  if (typeof value !== 'string' || !tones.has(value)) fail(path, 'expected good, warn, bad or neutral');
  return value as FirstScreenPulseFigure['tone'];
}

function pulseFigure(value: unknown, path: string): FirstScreenPulseFigure {
  const stored = record(value, path);
  return {
    id: text(stored.id, `${path}.id`, 64),
    question: text(stored.question, `${path}.question`, TEXT_LIMITS.title),
    figure: text(stored.figure, `${path}.figure`, 64),
    counted: text(stored.counted, `${path}.counted`, TEXT_LIMITS.title),
    detail: text(stored.detail, `${path}.detail`, TEXT_LIMITS.title),
    tone: tone(stored.tone, `${path}.tone`),
  };
}

/**
 * The stored value as a first screen (a fresh object holding only its known fields), or a
 * `FirstScreenShapeError`. The outline rule (each row under an earlier one) and the plan id are
 * checked by `parseFirstScreen`.
 */
export function checkFirstScreenShape(value: unknown): FirstScreen {
  const stored = record(value, '');
  if (stored.format !== FIRST_SCREEN_FORMAT) fail('format', `expected format ${FIRST_SCREEN_FORMAT}`);
  if (typeof stored.planId !== 'string' || !NODE_ID_PATTERN.test(stored.planId)) fail('planId', 'an id is 1–64 letters, digits, "-" or "_"');
  const stateVector = stored.stateVector;
  if (!(stateVector instanceof Uint8Array)) fail('stateVector', 'expected bytes (Uint8Array)');
  // A state vector is a few bytes per client; 1 MiB is far beyond any real plan.
  if (stateVector.byteLength > 1 << 20) fail('stateVector', 'the state vector is too large');
  const name = text(stored.name, 'name', TEXT_LIMITS.name);
  const rowCount = integer(stored.rowCount, 'rowCount', 10_000_000);
  if (!Array.isArray(stored.rows)) fail('rows', 'expected a list');
  const storedRows: unknown[] = stored.rows;
  if (storedRows.length > FIRST_SCREEN_ROWS) fail('rows', `more than ${FIRST_SCREEN_ROWS} rows`);
  const rows = new Array<FirstScreenRow>(storedRows.length);
  for (let i = 0; i < storedRows.length; i++) rows[i] = row(storedRows[i], `rows.${i}`);
  const storedSummary = record(stored.summary, 'summary');
  const summary = { progress: share(storedSummary.progress, 'summary.progress'), health: health(storedSummary.health, 'summary.health') };
  let pulse: FirstScreenPulseFigure[] | null = null;
  if (stored.pulse !== null) {
    if (!Array.isArray(stored.pulse)) fail('pulse', 'expected a list or null');
    const figures: unknown[] = stored.pulse;
    if (figures.length > 32) fail('pulse', 'more than 32 figures');
    pulse = figures.map((figure, i) => pulseFigure(figure, `pulse.${i}`));
  }
  return {
    format: FIRST_SCREEN_FORMAT, planId: stored.planId, stateVector, name, rowCount, rows,
    summary, pulse,
  };
}

/** A stored first screen, or why it is not used. */
export type StoredFirstScreen = { ok: true; firstScreen: FirstScreen } | { ok: false; reason: string };

/**
 * A stored value checked as `planId`'s first screen (rule 2 of first-screen.ts): its shape by hand,
 * then `checkFirstScreenOutline`. Never throws. Imports nothing heavy: the page's entry paints the
 * first screen with it before the app (and zod) is loaded, and the app checks every read with it too
 * (`parseFirstScreen`), so both trust exactly the same values.
 */
export function checkStoredFirstScreen(stored: unknown, planId: string): StoredFirstScreen {
  if (stored === undefined || stored === null) return { ok: false, reason: 'no first screen is stored for this plan' };
  let firstScreen: FirstScreen;
  try {
    firstScreen = checkFirstScreenShape(stored);
  } catch (error) {
    if (error instanceof FirstScreenShapeError) return { ok: false, reason: `the stored first screen is not valid (${error.message})` };
    throw error;
  }
  return checkFirstScreenOutline(firstScreen, planId);
}

/** A well-shaped first screen checked as `planId`'s: it names this plan, and its rows form an outline. */
export function checkFirstScreenOutline(firstScreen: FirstScreen, planId: string): StoredFirstScreen {
  if (firstScreen.planId !== planId) return { ok: false, reason: `the stored first screen belongs to another plan (${firstScreen.planId})` };
  if (firstScreen.rowCount < firstScreen.rows.length) return { ok: false, reason: 'the stored first screen counts fewer rows than it holds' };
  // Rows must form an outline: each row's parent is the root or an earlier row (so depths are honest).
  const depthOf = new Map<string, number>([[ROOT_ID, -1]]);
  for (const row of firstScreen.rows) {
    const parentDepth = depthOf.get(row.parent);
    if (parentDepth === undefined || parentDepth !== row.depth - 1 || depthOf.has(row.id)) return { ok: false, reason: `the stored first screen's row ${row.id} is not under an earlier row` };
    depthOf.set(row.id, row.depth);
  }
  return { ok: true, firstScreen };
}
