/**
 * Operations on review points and the other history records. Each validates first, then writes in
 * one transaction with the caller's origin (so undo and sync treat it like any plan edit). Pure: the
 * clock and the acting user are passed in.
 */
import * as Y from 'yjs';
import type { PlanBaseline } from '../views.js';
import {
  HistoryError, baselineId, dayMarkKey, historyTypes, legacyBaselineSchema, reviewIdSchema, reviewNameSchema,
} from './history-doc.js';
import { controlCharacterProblem } from '../../text/control-characters.js';
import { invisibleTextProblem } from '../../text/invisible-text.js';

/** Who acts, when, and the transaction origin to write with. */
export interface HistoryContext {
  now: number;
  actor: string;
  origin?: unknown;
}

function requireHistory(doc: Y.Doc): void {
  // A snapshot of a doc that garbage-collects cannot be restored: the values it points to are gone.
  if (doc.gc) throw new HistoryError('history-off', 'this plan keeps no history (its document garbage-collects deleted content)');
}

function validName(name: string): string {
  const parsed = reviewNameSchema.safeParse(name);
  if (!parsed.success) throw new HistoryError('invalid-name', parsed.error.issues[0]?.message ?? 'invalid review point name');
  // Refused when given, not when read: a stored name with one still names its review point.
  const control = controlCharacterProblem(parsed.data);
  if (control) throw new HistoryError('invalid-name', `the review point name ${control}`);
  // zod's trim() leaves zero-width characters: a name of them would look empty in the list and banner.
  const invisible = invisibleTextProblem(parsed.data);
  if (invisible) throw new HistoryError('invalid-name', `the review point name ${invisible}`);
  return parsed.data;
}

function validId(id: string): string {
  const parsed = reviewIdSchema.safeParse(id);
  if (!parsed.success) throw new HistoryError('invalid-id', parsed.error.issues[0]?.message ?? 'invalid review point id');
  return parsed.data;
}

function existing(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = historyTypes(doc).reviewPoints.get(id);
  if (!(map instanceof Y.Map)) throw new HistoryError('unknown-review-point', `no review point "${id}" in this plan`);
  return map;
}

/** The encoded Yjs snapshot (state vector + delete set) of the doc as it is now. */
export function takeSnapshot(doc: Y.Doc): Uint8Array {
  return Y.encodeSnapshot(Y.snapshot(doc));
}

/** Names the current moment of the plan: a review point every device sees. Returns its id. */
export function createReviewPoint(doc: Y.Doc, input: { id: string; name: string }, ctx: HistoryContext): string {
  requireHistory(doc);
  const id = validId(input.id);
  const name = validName(input.name);
  if (historyTypes(doc).reviewPoints.has(id)) throw new HistoryError('invalid-id', `a review point "${id}" exists already`);
  // The snapshot is taken before the review point itself is written: it is the plan as it was.
  const snapshot = takeSnapshot(doc);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('at', ctx.now);
    map.set('by', ctx.actor);
    map.set('name', name);
    map.set('snapshot', snapshot);
    // Created with the review point: a map created lazily by two people at once would be two maps.
    map.set('discussed', new Y.Map<unknown>());
    historyTypes(doc).reviewPoints.set(id, map);
  }, ctx.origin);
  return id;
}

/** Renames a review point (last writer wins). */
export function renameReviewPoint(doc: Y.Doc, id: string, name: string, ctx: HistoryContext): void {
  const map = existing(doc, id);
  const valid = validName(name);
  doc.transact(() => map.set('name', valid), ctx.origin);
}

/** Deletes a review point; the baseline is cleared when it was this one. */
export function deleteReviewPoint(doc: Y.Doc, id: string, ctx: HistoryContext): void {
  existing(doc, id);
  doc.transact(() => {
    const { reviewPoints, history } = historyTypes(doc);
    reviewPoints.delete(id);
    if (baselineId(doc) === id) history.delete('baseline');
  }, ctx.origin);
}

/** Marks one review point as the plan's baseline for "priorities shifting" (null: none). */
export function setBaselineReviewPoint(doc: Y.Doc, id: string | null, ctx: HistoryContext): void {
  if (id !== null) existing(doc, id);
  doc.transact(() => {
    const { history } = historyTypes(doc);
    if (id === null) history.delete('baseline');
    else history.set('baseline', id);
  }, ctx.origin);
}

/** Marks (or unmarks) one change of a review's diff as discussed. */
export function markDiscussed(doc: Y.Doc, reviewPointId: string, changeKey: string, discussed: boolean, ctx: HistoryContext): void {
  const map = existing(doc, reviewPointId);
  const marks = map.get('discussed');
  if (!(marks instanceof Y.Map)) throw new HistoryError('unknown-review-point', `review point "${reviewPointId}" cannot hold discussion marks`);
  if (changeKey.length === 0 || changeKey.length > 300) throw new HistoryError('invalid-id', 'a change key is 1–300 characters');
  doc.transact(() => {
    if (discussed) marks.set(changeKey, { at: ctx.now, by: ctx.actor });
    else marks.delete(changeKey);
  }, ctx.origin);
}

/**
 * Records that this Yjs client acts for `actor`, so every change it writes can name its author.
 * Each client writes only its own key: no two devices ever contend for one entry.
 */
export function recordClientActor(doc: Y.Doc, ctx: HistoryContext): void {
  const { clients } = historyTypes(doc);
  const key = String(doc.clientID);
  const current = clients.get(key);
  if (typeof current === 'object' && current !== null && (current as { actor?: unknown }).actor === ctx.actor) return;
  doc.transact(() => clients.set(key, { actor: ctx.actor, at: ctx.now }), ctx.origin);
}

/**
 * Writes the day mark of `day` ("YYYY-MM-DD") if there is none yet: the plan as this device holds it
 * now, a stop on the timeline between review points. Returns whether it wrote one.
 */
export function recordDayMark(doc: Y.Doc, day: string, ctx: HistoryContext): boolean {
  if (doc.gc || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const { history } = historyTypes(doc);
  if (history.has(dayMarkKey(day))) return false;
  const snapshot = takeSnapshot(doc);
  doc.transact(() => history.set(dayMarkKey(day), { at: ctx.now, snapshot }), ctx.origin);
  return true;
}

/**
 * Carries a device-local review point (first milestone) into the plan, once: its id is derived from
 * its time, so a second import (this device again, or another device with the same copy) is a no-op.
 * Returns the id, or null when it was there already.
 */
export function importLegacyReviewPoint(doc: Y.Doc, legacy: unknown, ctx: HistoryContext): string | null {
  const parsed = legacyBaselineSchema.safeParse(legacy);
  if (!parsed.success) throw new HistoryError('unreadable-snapshot', `the device-local review point is unreadable: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
  const baseline: PlanBaseline = parsed.data;
  const id = `legacy-${Math.trunc(baseline.at)}`;
  const { reviewPoints } = historyTypes(doc);
  if (reviewPoints.has(id)) return null;
  const name = reviewNameSchema.safeParse(baseline.name);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('at', baseline.at);
    map.set('by', ctx.actor);
    map.set('name', name.success ? name.data : 'Review point (from this device)');
    map.set('legacy', JSON.stringify(baseline));
    map.set('discussed', new Y.Map<unknown>());
    reviewPoints.set(id, map);
  }, ctx.origin);
  return id;
}
