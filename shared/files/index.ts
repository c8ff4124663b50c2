/** Plans in and out of files: the plan file, spreadsheet import, CSV and Markdown export (see CONTEXT.md). */
export * from './file-problem.js';
export * from './cell-values.js';
export * from './read-table.js';
export { isDateFormat, isPercentFormat } from './xlsx-styles.js';
export * from './import-mapping.js';
export { kindOfType, readPersonRef, type PersonRef, type RowFields } from './row-fields.js';
export * from './import-preview.js';
export * from './apply-import.js';
export * from './import-removed.js';
export * from './plan-file.js';
export { planFileLeftOut } from './plan-file-left-out.js';
export * from './export-csv.js';
export * from './export-rows.js';
export * from './export-xlsx.js';
export * from './export-markdown.js';
export { walkOutline, KIND_HEADER } from './outline-walk.js';
