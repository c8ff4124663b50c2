/**
 * Where history lives in a plan doc: the review points, the plan's baseline, the day marks of the
 * timeline and the map from Yjs client ids to the person acting on that device. All synced like the
 * rest of the plan; all read defensively (another writer, an older or newer app may have put
 * anything there). docs/data-model.md §9 explains why history is kept this way.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import type { BaselineNode, PlanBaseline } from '../views.js';
import { NODE_KINDS } from '../schema.js';
import { isOverLimit } from '../../text/cut-text.js';

/** Top-level names of the history types (beside `meta`, `nodes`, … of schema.ts). */
export const HISTORY_TOP_LEVEL = {
  /** review point id → Y.Map { at, by, name, snapshot | legacy, discussed: Y.Map } */
  reviewPoints: 'reviewPoints',
  /** `baseline` → review point id; `day:YYYY-MM-DD` → { at, snapshot } */
  history: 'history',
  /** String(Yjs client id) → { actor, at }: who acted through that client. */
  clients: 'clients',
} as const;

export interface HistoryTypes {
  reviewPoints: Y.Map<Y.Map<unknown>>;
  history: Y.Map<unknown>;
  clients: Y.Map<unknown>;
}

/** The history types of `doc` (created on first access, as Yjs does). */
export function historyTypes(doc: Y.Doc): HistoryTypes {
  return {
    reviewPoints: doc.getMap<Y.Map<unknown>>(HISTORY_TOP_LEVEL.reviewPoints),
    history: doc.getMap<unknown>(HISTORY_TOP_LEVEL.history),
    clients: doc.getMap<unknown>(HISTORY_TOP_LEVEL.clients),
  };
}

/** Why a history operation refused to run. */
export type HistoryErrorCode = 'history-off' | 'unknown-review-point' | 'invalid-name' | 'unreadable-snapshot' | 'no-snapshot' | 'invalid-id';

/** A refused history operation; thrown before anything is written. */
export class HistoryError extends Error {
  override readonly name = 'HistoryError';
  constructor(readonly code: HistoryErrorCode, message: string) {
    super(message);
  }
}

export function isHistoryError(error: unknown): error is HistoryError {
  return error instanceof HistoryError;
}

/** A review point as read from the doc. */
export interface ReviewPoint {
  id: string;
  name: string;
  /** When it was taken (the taker's clock). */
  at: number;
  by: string;
  /** Encoded Yjs snapshot (state vector + delete set) of the plan when it was taken. */
  snapshot: Uint8Array | null;
  /** A device-local review point carried into the plan: only what it remembered of each node. */
  legacy: PlanBaseline | null;
  /** Is this the plan's baseline for "priorities shifting"? */
  baseline: boolean;
}

/** A day mark: the plan's state when it was first opened or edited that day. */
export interface DayMark {
  day: string;
  at: number;
  snapshot: Uint8Array;
}

/** A review point's name: 1–120 characters (code points, shared/text/cut-text.ts), trimmed. */
export const reviewNameSchema = z.lazy(() => z.string().trim().min(1, 'a review point needs a name').refine((name) => !isOverLimit(name, 120), 'a review point name has at most 120 characters'));
export const reviewIdSchema = z.lazy(() => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a review point id is 1–64 letters, digits, _ or -'));

const baselineNodeSchema = z.lazy(() => z.object({
  kind: z.enum(NODE_KINDS),
  parent: z.string(), title: z.string(), target: z.number().nullable(), weight: z.number().nullable(),
  priority: z.string().nullable(), owner: z.string().nullable(),
  // Not in the first milestone's review points; kept when present (absent is "not known").
  start: z.number().nullable().optional(), rangeLow: z.number().nullable().optional(), rangeHigh: z.number().nullable().optional(),
  healthyLow: z.number().nullable().optional(), healthyHigh: z.number().nullable().optional(), direction: z.string().nullable().optional(),
  unit: z.string().nullable().optional(), manualProgress: z.number().nullable().optional(), period: z.string().nullable().optional(),
}) satisfies z.ZodType<BaselineNode>);

/** The device-local review point of the first milestone (plain JSON), validated wherever it comes from. */
export const legacyBaselineSchema = z.lazy(() => z.object({
  at: z.number().finite(),
  name: z.string(),
  nodes: z.record(z.string(), baselineNodeSchema),
}) satisfies z.ZodType<PlanBaseline>);

const stampSchema = z.lazy(() => z.object({ at: z.number().finite(), by: z.string() }));
const clientEntrySchema = z.lazy(() => z.object({ actor: z.string().min(1), at: z.number().finite() }));
const dayMarkSchema = z.lazy(() => z.object({ at: z.number().finite(), snapshot: z.instanceof(Uint8Array) }));

/** The key of a day mark in the `history` map. */
export function dayMarkKey(day: string): string {
  return `day:${day}`;
}

/** Reads one review point; null when it is unreadable (never trusted). */
export function readReviewPoint(id: string, map: unknown, baselineId: string | null): ReviewPoint | null {
  if (!(map instanceof Y.Map)) return null;
  const stamp = stampSchema.safeParse({ at: map.get('at'), by: map.get('by') });
  const name = reviewNameSchema.safeParse(map.get('name'));
  if (!stamp.success || !name.success) return null;
  const snapshot = map.get('snapshot');
  let legacy: PlanBaseline | null = null;
  const legacyValue = map.get('legacy');
  if (typeof legacyValue === 'string') {
    try {
      const parsed = legacyBaselineSchema.safeParse(JSON.parse(legacyValue));
      legacy = parsed.success ? parsed.data : null;
    } catch {
      legacy = null;
    }
  }
  const hasSnapshot = snapshot instanceof Uint8Array;
  if (!hasSnapshot && !legacy) return null;
  return { id, name: name.data, at: stamp.data.at, by: stamp.data.by, snapshot: hasSnapshot ? snapshot : null, legacy, baseline: baselineId === id };
}

/** The id of the plan's baseline review point, if one is set. */
export function baselineId(doc: Y.Doc): string | null {
  const value = historyTypes(doc).history.get('baseline');
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Every readable review point, oldest first (ties by id: the same order on every device). */
export function listReviewPoints(doc: Y.Doc): ReviewPoint[] {
  const { reviewPoints } = historyTypes(doc);
  const baseline = baselineId(doc);
  const points: ReviewPoint[] = [];
  for (const [id, map] of reviewPoints) {
    const point = readReviewPoint(id, map, baseline);
    if (point) points.push(point);
  }
  return points.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One review point by id, or null. */
export function getReviewPoint(doc: Y.Doc, id: string): ReviewPoint | null {
  return readReviewPoint(id, historyTypes(doc).reviewPoints.get(id), baselineId(doc));
}

/** Every readable day mark, oldest first. */
export function listDayMarks(doc: Y.Doc): DayMark[] {
  const marks: DayMark[] = [];
  for (const [key, value] of historyTypes(doc).history) {
    if (!key.startsWith('day:')) continue;
    const parsed = dayMarkSchema.safeParse(value);
    if (parsed.success) marks.push({ day: key.slice(4), ...parsed.data });
  }
  return marks.sort((a, b) => a.at - b.at);
}

/** Yjs client id → the actor (person id, or the device's name) who acted through it. */
export function readClientActors(doc: Y.Doc): Map<number, string> {
  const actors = new Map<number, string>();
  for (const [key, value] of historyTypes(doc).clients) {
    const parsed = clientEntrySchema.safeParse(value);
    const client = Number(key);
    if (parsed.success && Number.isSafeInteger(client)) actors.set(client, parsed.data.actor);
  }
  return actors;
}

/** The ids of the change items marked discussed on a review point. */
export function readDiscussed(doc: Y.Doc, reviewPointId: string): Map<string, { at: number; by: string }> {
  const discussed = new Map<string, { at: number; by: string }>();
  const map = historyTypes(doc).reviewPoints.get(reviewPointId);
  const marks = map instanceof Y.Map ? map.get('discussed') : undefined;
  if (!(marks instanceof Y.Map)) return discussed;
  for (const [key, value] of marks) {
    const parsed = stampSchema.safeParse(value);
    if (parsed.success) discussed.set(key, parsed.data);
  }
  return discussed;
}
