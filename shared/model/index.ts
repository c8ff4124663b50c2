/** The strategy model: public API of shared/model (see API.md). */
export * from './schema.js';
export { PlanError, isPlanError, type PlanErrorCode } from './errors.js';
export { LocalOrigin, type PlanContext } from './context.js';
export { DAY_MS, WEEK_MS, parseDate, endOfDate, formatDate, isDate } from './dates.js';
export { DEFAULT_SETTINGS, SETTING_NAMES, type PlanSettings, type SettingName } from './settings.js';
export type { NodeFields } from './fields.js';
export { planTypes, type NodeRecord, type Place, type Stamp, type DeletedMark, type PlanTypes } from './doc.js';
export { CHECKIN_FORMAT, encodeCheckIn, decodeCheckIn, checkInTuple, type CheckIn, type CheckInTuple } from './checkins.js';
export { openPlanDoc, MIGRATION_ORIGIN, type OpenResult } from './migrate.js';
export { materialiseTree, type MaterialisedTree } from './tree.js';
export { keyResultProgress, weightedMean } from './rollups.js';
export * from './signal-types.js';
export type * from './views.js';
export type { CreateNodeInput, MoveNodeInput, CheckInInput, NodeFieldPatch, PersonInput, PersonPatch, TeamInput, TeamPatch, PeriodInput, PeriodPatch } from './inputs.js';
export { PlanIndex, type PlanSummary } from './plan-index.js';
export { Plan, openPlan, type OpenPlanOptions } from './plan.js';
export { linkKey } from './directory-ops.js';
export { createUndoManager } from './undo.js';
