/**
 * What the File menu does with the open plan and the library: export the plan file, CSV, Markdown and
 * the review pack through the host bridge, and open a plan file as a new local plan.
 */
import * as Y from 'yjs';
// The plan file only (not the files barrel, which brings the spreadsheet readers): app-main.tsx loads this at start-up.
import { exportPlanFile, parsePlanFile, PLAN_FILE_EXTENSION, serializePlanFile, writePlanFile } from '../../../shared/files/plan-file.js';
import { planFileLeftOut } from '../../../shared/files/plan-file-left-out.js';
import { openPlan } from '../../../shared/model/index.js';
import { cutText } from '../../../shared/text/cut-text.js';
import type { SaveFileResult } from '../../../shared/bridge/desktop-api.js';
import { desktopApi } from '../bridge/host.js';
import { keptName } from '../library/plan-library.js';
import { newId, type AppController } from '../session/app-controller.js';
import { LibraryActions, storeNewPlan } from '../session/library-actions.js';
import { reviewStore } from '../review/review-store.js';
import { formatPlanDayTimeNamed } from '../outline/labels.js';

export type ExportFormat = 'plan-file' | 'csv' | 'xlsx' | 'markdown' | 'review-pack';

/**
 * A file name from a plan name: letters of any script (with their marks), digits and dashes only.
 * NFKC, not NFKD: decomposed, ü was u and a combining mark the pattern cut out, so "Müller OKRs" became
 * Mu-ller-OKRs.csv (review37a F8); marks stay too, which Devanagari or Thai letters need.
 */
export function fileNameFor(planName: string, extension: string): string {
  const kept = planName.normalize('NFKC').replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^[-\p{M}]+|-+$/gu, '');
  // Cut between characters (graphemes), not UTF-16 units: a letter outside the BMP (𠀀, CJK Extension B)
  // at the 80th unit left half of it, a lone surrogate the save dialog turns into U+FFFD (review39a F8).
  const base = cutText(kept, 80).replace(/-+$/u, '') || 'plan';
  return `${base}${extension}`;
}

/** The media type of an Excel workbook. */
const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the workbook could not hold whole: texts longer than an Excel cell (32,767 characters), cut there. */
export function cutCellsNote(cutCells: number): string | null {
  if (cutCells === 0) return null;
  return `${cutCells === 1 ? 'One text was' : `${cutCells} texts were`} longer than an Excel cell holds (32,767 characters) and cut there; the CSV and the plan file keep ${cutCells === 1 ? 'it' : 'them'} whole.`;
}

export class FileActions {
  constructor(private readonly app: AppController) {}

  /** Exports the open plan in `format`; reports where it went (or why not) as a notice. */
  async exportPlan(format: ExportFormat): Promise<SaveFileResult> {
    const plan = this.app.plan;
    if (!plan) return this.report({ outcome: 'failed', message: 'No plan is open.' });
    this.app.refresh();
    const name = plan.index.summary().name || 'Plan';
    const host = desktopApi();
    // The plan the views show: as of a review point, day or time while looking back. The CSV, workbook, Markdown
    // and pack hold that plan and say so in their names (and the Markdown in its text); they held today's plan
    // beside an outline of last week (review44c N3).
    const shown = this.app.store.getState().plan ?? plan;
    const asOf = shown !== plan ? reviewStore.getState().asOf : null;
    const asOfName = (extension: string, what = name) => fileNameFor(`${what}${asOf ? ` as of ${asOf.label}` : ''}`, extension);
    let result: SaveFileResult;
    let note: string | null = null;
    try {
      if (format === 'plan-file') {
        result = await host.saveFile({ suggestedName: fileNameFor(name, PLAN_FILE_EXTENSION), content: serializePlanFile(exportPlanFile(plan.doc)), mimeType: 'application/json' });
        // Review points and the history are not in the file: said with where it went, never left out unseen.
        note = planFileLeftOut(plan.doc);
        // The plan file is the plan itself, with its history: now, whatever moment the views show.
        if (asOf) note = `${note ? `${note} ` : ''}The plan file holds the plan as it is now, not as of “${asOf.label}”.`;
      } else {
        const { ExportStopped, exportPlanCsv, exportPlanMarkdown, xlsxOffThread, REVIEW_PACK_CSS, reviewPackBody, reviewPackCascadeImage } = await import('./plan-exports.js');
        if (format === 'csv') result = await host.saveFile({ suggestedName: asOfName('.csv'), content: exportPlanCsv(shown), mimeType: 'text/csv' });
        else if (format === 'xlsx') {
          // Built off the page's thread (review40c F4), with a notice that says so and can cancel it.
          const cancel = new AbortController();
          const notice = this.app.store.getState().notify({
            text: 'Writing the Excel workbook…', tone: 'info', persistent: true,
            action: { label: 'Cancel', run: () => cancel.abort() },
          });
          let workbook;
          try {
            workbook = await xlsxOffThread(shown, cancel.signal);
          } catch (error) {
            if (error instanceof ExportStopped) return { outcome: 'cancelled' };
            throw error;
          } finally {
            this.app.store.getState().dismissNotice(notice);
          }
          result = await host.saveFile({ suggestedName: asOfName('.xlsx'), content: workbook.bytes, mimeType: XLSX_MIME_TYPE });
          note = cutCellsNote(workbook.cutCells);
        }
        else if (format === 'markdown') {
          const asOfWords = asOf ? { label: asOf.label, time: formatPlanDayTimeNamed(asOf.at, shown.index.timeZone) } : null;
          result = await host.saveFile({ suggestedName: asOfName('.md'), content: exportPlanMarkdown(shown, name, asOfWords), mimeType: 'text/markdown' });
        }
        else {
          // The pack of the plan the views show: as of a review point or day while looking back (review44c F3:
          // it printed today's plan beside an outline and pulse of last week, with nothing saying so).
          const packOptions = { planName: name, now: asOf?.at ?? Date.now(), asOfLabel: asOf?.label ?? null, cascadeImage: reviewPackCascadeImage(shown.index, name) };
          result = await host.printToPdf({ suggestedName: asOfName('.pdf', `${name} review pack`), title: `${name} — review pack`, bodyHtml: reviewPackBody(shown.index, packOptions), css: REVIEW_PACK_CSS });
        }
      }
    } catch (error) {
      result = { outcome: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    return this.report(result, note);
  }

  /** `note`: what the file does not hold, said after where it went. */
  private report(result: SaveFileResult, note: string | null = null): SaveFileResult {
    if (result.outcome === 'saved') this.app.store.getState().notify({ text: `Saved to ${result.where}.${note === null ? '' : ` ${note}`}`, tone: 'info' });
    else if (result.outcome === 'failed') this.app.store.getState().notify({ text: `Could not save: ${result.message}`, tone: 'error' });
    return result;
  }

  /**
   * A spreadsheet the desktop app opened (File ▸ Open…): it goes to the import preview of the open plan,
   * or, with no plan open that this person may change, of a new plan on this device named after it.
   */
  async openSpreadsheet(fileName: string, bytes: Uint8Array): Promise<void> {
    const state = this.app.store.getState();
    if (!this.app.plan || state.openState.kind !== 'open' || state.readOnlyReason !== null) {
      await new LibraryActions(this.app).createPlan(fileName.replace(/\.[^.]+$/, '').trim() || 'Imported plan');
      await planOpened(this.app);
    }
    this.app.store.getState().offerImport({ name: fileName, bytes });
    this.app.store.getState().openDialog('import');
  }

  /**
   * Opens a `.throughline` plan file as a new plan on this device; a bad file is refused with its
   * reason. A file with values the plan cannot keep as written (a field of the wrong type, a control
   * character), or with a loop of parents the plan breaks by moving an item, is not opened until the
   * person has seen them and chosen to (`accepted`): it is put to them in a dialog, and nothing is
   * created or changed until they do (a new plan then; no plan already on the device is touched).
   */
  async openPlanFile(fileName: string, text: string, accepted = false): Promise<{ ok: true; planId: string } | { ok: false; message: string | null }> {
    const parsed = parsePlanFile(text);
    if (!parsed.ok) return { ok: false, message: `${fileName}: ${parsed.problem.message}` };
    if ((parsed.warnings.length > 0 || parsed.loops.length > 0) && !accepted) {
      this.app.store.getState().askAboutPlanFile({ fileName, text, warnings: parsed.warnings, loops: parsed.loops });
      return { ok: false, message: null };
    }
    const doc = new Y.Doc();
    writePlanFile(doc, parsed.file);
    // The name as the plan keeps it: control characters shown as signs, cut between graphemes; a
    // name that shows nothing (only spaces or zero-width characters) gives way to the file's name.
    const name = this.app.library.uniqueName(keptName(typeof parsed.file.meta.name === 'string' ? parsed.file.meta.name : '', keptName(fileName.replace(/\.[^.]+$/, ''))));
    // A plan opened from a file is a new plan: its own id, not connected to the server it came from.
    doc.getMap('meta').set('planId', newId());
    openPlan(doc, this.app.ctx, { name }).renamePlan(name);
    const id = await storeNewPlan(this.app, doc, name);
    this.app.navigate({ kind: 'plan', planId: id, view: 'outline' });
    return { ok: true, planId: id };
  }
}

/** Resolves once a plan is open in the window (the one just created), or rejects if opening failed. */
function planOpened(app: AppController): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const { openState } = app.store.getState();
      if (openState.kind === 'open' && app.plan) { resolve(); return true; }
      if (openState.kind === 'failed') { reject(new Error(openState.message)); return true; }
      return false;
    };
    if (check()) return;
    const stop = app.store.subscribe(() => { if (check()) stop(); });
  });
}
