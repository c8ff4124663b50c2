/**
 * What a plan file does not hold, said when it is written: the file keeps the plan as it is now, not its
 * past. Review points and day marks store Yjs snapshots, which name the original document's items and
 * mean nothing in the new plan opening the file makes; they were left out without a word, so a team that
 * saved its plan and opened it elsewhere found "since the Q1 offsite" and its baseline gone.
 */
import type * as Y from 'yjs';
import { listDayMarks, listReviewPoints } from '../model/history/index.js';

/** How many review point names the notice quotes before it counts the rest. */
const NAMES_QUOTED = 3;

/** The sentence naming the review points and history a plan file of `doc` leaves out, or null when it leaves none. */
export function planFileLeftOut(doc: Y.Doc): string | null {
  const points = listReviewPoints(doc).sort((a, b) => a.at - b.at);
  const days = listDayMarks(doc).length;
  if (points.length === 0 && days === 0) return null;
  const quoted = points.slice(0, NAMES_QUOTED).map((point) => `“${point.name}”`);
  const rest = points.length - quoted.length;
  const names = rest > 0 ? `${quoted.join(', ')} and ${rest} more` : quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted[0];
  const what = points.length === 0 ? 'the plan\'s history (the past by date)'
    : `${points.length === 1 ? 'the review point' : `the ${points.length} review points`} ${names}${days > 0 ? ' and the plan\'s history (the past by date)' : ''}`;
  return `The file holds the plan as it is now, not ${what}: a plan opened from it has none of them. This plan keeps them.`;
}
