/**
 * The exports that need heavy modules (CSV through papaparse, XLSX through fflate, the review pack's cascade drawing),
 * loaded only when the user exports: FileActions imports this file dynamically, so the first screen
 * does not evaluate them.
 */
import { exportPlanCsv } from '../../../shared/files/export-csv.js';
import { exportPlanXlsx } from '../../../shared/files/export-xlsx.js';
import { ExportStopped, xlsxOffThread } from './xlsx-export-runner.js';
import { exportPlanMarkdown } from '../../../shared/files/export-markdown.js';
import { REVIEW_PACK_CSS, reviewPackBody } from './review-pack.js';
import { reviewPackCascadeImage } from './review-pack-cascade.js';

export { ExportStopped, exportPlanCsv, exportPlanMarkdown, exportPlanXlsx, xlsxOffThread, REVIEW_PACK_CSS, reviewPackBody, reviewPackCascadeImage };
