/** The File commands (import, exports, review pack) in the command registry: palette, keys and the desktop menu share them. */
import { defineCommand, planViewNames, type AnyCommand } from '../commands/command.js';
import { FileActions, type ExportFormat } from './file-actions.js';

const exportCommand = (id: string, label: string, format: ExportFormat): AnyCommand => defineCommand({
  id, label, surface: 'window', views: planViewNames, menu: 'file',
  perform: ({ app }) => { void new FileActions(app).exportPlan(format); },
});

export const fileCommands: readonly AnyCommand[] = [
  defineCommand({ id: 'file.importSpreadsheet', label: 'Import from spreadsheet…', surface: 'window', views: planViewNames, writes: true, menu: 'file',
    perform: ({ state }) => state.openDialog('import') }),
  exportCommand('file.exportPlanFile', 'Export plan file (.throughline)', 'plan-file'),
  exportCommand('file.exportXlsx', 'Export Excel workbook (.xlsx)', 'xlsx'),
  exportCommand('file.exportCsv', 'Export CSV', 'csv'),
  exportCommand('file.exportMarkdown', 'Export Markdown outline', 'markdown'),
  exportCommand('file.printReviewPack', 'Print review pack (PDF)…', 'review-pack'),
];
