/** History and review points: public API (docs/data-model.md §9). */
export {
  HISTORY_TOP_LEVEL, HistoryError, isHistoryError, historyTypes, listReviewPoints, getReviewPoint, listDayMarks,
  readClientActors, readDiscussed, baselineId, type HistoryErrorCode, type ReviewPoint, type DayMark,
} from './history-doc.js';
export {
  createReviewPoint, renameReviewPoint, deleteReviewPoint, setBaselineReviewPoint, markDiscussed, recordClientActor,
  recordDayMark, importLegacyReviewPoint, takeSnapshot, type HistoryContext,
} from './review-points.js';
export { markDaysOnFirstChange } from './day-marks.js';
export { PastPlans, type KeyedMoment } from './past-plans.js';
export { heldOfSnapshot, planDocAsOf, seenByBoth, snapshotStateVector } from './as-of.js';
export { docAuthors, type ChangeAuthors } from './authors.js';
export { planStateOf, planStateOfLegacy, baselineOfState, REVIEW_FIELDS, FIGURE_FIELDS, type NodeState, type PlanState, type ReviewField } from './plan-state.js';
export { diffPlanStates, RANGE_FIELDS, type FigureCause, type RangeBounds, type RangeKind, type ReviewChange, type ReviewChangeKind, type ReviewDiff, type ReviewGroup } from './diff.js';
export { applyReviewChanges } from './apply-changes.js';
export { openPlanAsOf, closePlanAsOf, diffReview, baselineOfReviewPoint, type HistoryMoment, type ReviewTarget, type ReviewSideCache, type DiffOptions } from './review.js';
export { recordedMoments, recordAtOrBefore, type RecordedMoment, type TimeProblem } from './moments.js';
export { reviewMarkdown, describeChange, figureCauseWords, standingConflicts, authorWords, changeAuthors, UNSEEN_BY_LATER, type ReviewReportOptions } from './report.js';
