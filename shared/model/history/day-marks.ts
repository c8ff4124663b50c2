/**
 * Day marks on the first change of each day. A plan that stays open for days (a laptop never shut,
 * the desktop app in the tray) is opened once but edited on many days; the timeline should still have
 * a stop for each day the plan changed. So besides the mark written when the plan is opened, the
 * first local change of a day without a mark writes one: the plan as it stood just before that
 * change (the end of the previous day's work), synced like any other history record.
 */
import type * as Y from 'yjs';
import { dayIn, planTimeZone } from '../zone.js';
import { dayMarkKey, historyTypes } from './history-doc.js';
import { takeSnapshot, type HistoryContext } from './review-points.js';

/**
 * Watches `doc` for local changes (transactions whose origin `isLocal` accepts) and writes the day
 * mark of `clock().now`'s day before the first of them on a day without one. Marks already there
 * (from this device's open or from another device) are never overwritten. Returns the stop function.
 */
export function markDaysOnFirstChange(doc: Y.Doc, isLocal: (origin: unknown) => boolean, clock: () => HistoryContext): () => void {
  if (doc.gc) return () => {};
  const { history } = historyTypes(doc);
  /** The plan before the running transaction, taken only when today has no mark yet. */
  let before: { key: string; at: number; snapshot: Uint8Array; origin: unknown } | null = null;
  let writing = false;
  const onBefore = (transaction: Y.Transaction) => {
    before = null;
    if (writing || !isLocal(transaction.origin)) return;
    const ctx = clock();
    // A day of the plan's zone, as every day its figures count (zone.ts).
    const key = dayMarkKey(dayIn(ctx.now, planTimeZone(doc.getMap('meta'))));
    if (history.has(key)) return;
    before = { key, at: ctx.now, snapshot: takeSnapshot(doc), origin: ctx.origin ?? transaction.origin };
  };
  const onAfter = (transaction: Y.Transaction) => {
    const mark = before;
    before = null;
    if (!mark || history.has(mark.key)) return;
    const changed = transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0;
    if (!changed) return;
    writing = true;
    try {
      doc.transact(() => history.set(mark.key, { at: mark.at, snapshot: mark.snapshot }), mark.origin);
    } finally {
      writing = false;
    }
  };
  doc.on('beforeTransaction', onBefore);
  doc.on('afterTransaction', onAfter);
  return () => { doc.off('beforeTransaction', onBefore); doc.off('afterTransaction', onAfter); };
}
