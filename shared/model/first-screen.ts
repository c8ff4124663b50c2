import * as Y from 'yjs';
import { z } from 'zod';
import { TEXT_LIMITS } from './inputs.js';
import { isOverLimit } from '../text/cut-text.js';
import { NODE_ID_PATTERN, NODE_KINDS, ROOT_ID, type NodeKind } from './schema.js';
import type { Health } from './signal-types.js';
import { nodeIdSchema, parentIdSchema, type NodeId, type ParentId } from './ids.js';
import { checkFirstScreenOutline, checkStoredFirstScreen, FIRST_SCREEN_FORMAT, FIRST_SCREEN_ROWS, type FirstScreen, type FirstScreenPulseFigure, type FirstScreenRow, type StoredFirstScreen } from './first-screen-check.js';

/**
 * The first screen of a plan, kept beside its document so opening can paint at once (issue #18):
 * the outline's first rows (all expanded, in outline order) and the pulse's figures, tagged with
 * the encoded state vector of the document they were read from.
 *
 * Rules:
 * 1. A cache is only ever shown as "updating…": it is never the truth, and the views swap to the
 *    loaded document as soon as it is there.
 * 2. A cache is used only if it parses (the schema below, with limits, since IndexedDB is storage
 *    any script of the origin could have written), names this plan, and has this format version.
 * 3. It is current only when its state vector equals the loaded document's (`cacheMatches`); any
 *    other cache is replaced once the document is loaded.
 */
export { FIRST_SCREEN_FORMAT, FIRST_SCREEN_ROWS, type FirstScreen, type FirstScreenPulseFigure, type FirstScreenRow, type StoredFirstScreen } from './first-screen-check.js';

/** What building the first screen reads of the plan's index. */
export interface FirstScreenSource {
  children(id: ParentId): readonly NodeId[];
  node(id: NodeId): { kind: NodeKind; title: string; parent: ParentId; progress: number | null; health: Health } | undefined;
  summary(): { name: string; progress: number | null; health: Health };
}

/** The first screen of a plan: the first `maxRows` rows of its fully expanded outline (iterative DFS). */
export function firstScreenOf(source: FirstScreenSource, planId: string, stateVector: Uint8Array, pulse: FirstScreenPulseFigure[] | null, maxRows = FIRST_SCREEN_ROWS): FirstScreen {
  const rows: FirstScreenRow[] = [];
  let rowCount = 0;
  const stack: { id: NodeId; depth: number }[] = [];
  const pushChildren = (parent: ParentId, depth: number) => {
    const children = source.children(parent);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ id: children[i]!, depth });
  };
  pushChildren(ROOT_ID, 0);
  while (stack.length > 0) {
    const { id, depth } = stack.pop()!;
    const children = source.children(id);
    rowCount++;
    if (rows.length < maxRows) {
      const node = source.node(id);
      if (node) rows.push({ id, parent: node.parent, depth, kind: node.kind, title: node.title, progress: node.progress, health: node.health, hasChildren: children.length > 0 });
    }
    if (children.length > 0) pushChildren(id, depth + 1);
  }
  const summary = source.summary();
  return { format: FIRST_SCREEN_FORMAT, planId, stateVector, name: summary.name, rowCount, rows, summary: { progress: summary.progress, health: summary.health }, pulse };
}

const health = z.lazy(() => z.enum(['on_track', 'at_risk', 'off_track']));
const share = z.lazy(() => z.number().min(0).max(1).nullable());
const id = z.lazy(() => z.string().regex(NODE_ID_PATTERN));
// The limits count characters (code points): a cached title of 500 emoji is 1,000 UTF-16 units.
const shortText = z.lazy(() => z.string().refine((text) => !isOverLimit(text, TEXT_LIMITS.title)));

/** The first screen's shape as a zod schema: the reference `checkFirstScreenShape` is held to (tests). */
const firstScreenSchema = z.lazy(() => z.object({
  format: z.literal(FIRST_SCREEN_FORMAT),
  planId: id,
  // A state vector is a few bytes per client; 1 MiB is far beyond any real plan.
  stateVector: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= 1 << 20, 'the state vector is too large'),
  name: z.string().refine((text) => !isOverLimit(text, TEXT_LIMITS.name)),
  rowCount: z.number().int().min(0).max(10_000_000),
  rows: z.array(z.object({
    // Storage any script of the origin could write: node ids are checked here, once.
    id: nodeIdSchema,
    parent: parentIdSchema,
    depth: z.number().int().min(0).max(100_000),
    kind: z.enum(NODE_KINDS),
    title: shortText,
    progress: share,
    health,
    hasChildren: z.boolean(),
  })).max(FIRST_SCREEN_ROWS),
  summary: z.object({ progress: share, health }),
  pulse: z.array(z.object({
    id: z.string().max(64),
    question: shortText,
    figure: z.string().max(64),
    counted: shortText,
    detail: shortText,
    tone: z.enum(['good', 'warn', 'bad', 'neutral']),
  })).max(32).nullable(),
}));

/**
 * Validates a stored first screen for `planId` (rule 2); never throws. The shape is checked by hand
 * (first-screen-check.ts: on the way to the first paint, zod's first parse cost 30–90 ms);
 * `withSchema` checks it with the zod schema instead (the reference, and the benchmark's baseline).
 */
export function parseFirstScreen(stored: unknown, planId: string, withSchema = false): StoredFirstScreen {
  if (!withSchema) return checkStoredFirstScreen(stored, planId);
  if (stored === undefined || stored === null) return { ok: false, reason: 'no first screen is stored for this plan' };
  const shaped = shapeBySchema(stored);
  if (!shaped.ok) return { ok: false, reason: `the stored first screen is not valid (${shaped.problem})` };
  return checkFirstScreenOutline(shaped.firstScreen, planId);
}

type Shaped = { ok: true; firstScreen: FirstScreen } | { ok: false; problem: string };

function shapeBySchema(stored: unknown): Shaped {
  const parsed = firstScreenSchema.safeParse(stored);
  if (parsed.success) return { ok: true, firstScreen: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'unknown problem' };
}

/** True when the first screen was read from exactly this state of the document (rule 3). */
export function cacheMatches(firstScreen: FirstScreen, stateVector: Uint8Array): boolean {
  let cached: Map<number, number>;
  try {
    cached = Y.decodeStateVector(firstScreen.stateVector);
  } catch {
    return false;
  }
  const current = Y.decodeStateVector(stateVector);
  if (cached.size !== current.size) return false;
  for (const [client, clock] of current) if (cached.get(client) !== clock) return false;
  return true;
}
