import { useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import {
  commitImport, DEFAULT_REMOVED_CHOICE, encodingNote, importedPersonShown, fileProblem as problemOf, MAX_IMPORT_BYTES, removedNamedByImport, sheetsNote, strategyTitleProblem,
  type FileProblem, type ImportMapping, type ImportPreview, type PreparedImport, type RemovedChoice, type SheetTable,
} from '../../../shared/files/index.js';
import { ROOT_ID, itemsPerStep, parseNodeId } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { Dialog } from '../shell/Dialog.js';
import { ImportPreviewTree, SkippedRows } from './ImportPreviewTree.js';
import { MappingForm } from './MappingForm.js';
import { ImportRemovedChoices } from './ImportRemovedChoices.js';
import { ImportWorkerClient, ImportWorkStopped } from './import-worker-client.js';
import './files.css';

interface LoadedSheet {
  fileName: string;
  /** The file chosen: read again when the person picks another sheet of a workbook. */
  file: File;
  /** The table's first rows (the mapping form's); the whole table stays in the import's worker. */
  table: SheetTable;
  rowCount: number;
}

const NEW_STRATEGY = '';
/** How many problems the dialog lists; the heading counts them all and the rest are counted below. */
const PROBLEMS_LISTED = 50;

/** How often the import's progress bar moves (each move renders the dialog). */
const progressEveryMs = 250;

/** Where an import is: worked out on a scratch copy, written into the plan, then shown in the views. */
type ImportPhase = { kind: 'preparing'; done: number } | { kind: 'writing' } | { kind: 'showing' };

/** Lets the page paint what was just rendered (a status) before a task that holds the thread. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Import from a spreadsheet: choose a CSV or XLSX file, check (and correct) how it is read, look at
 * the tree it makes with a warning on each doubtful row, then import it all — or nothing. The file is
 * read, its preview built and its import worked out in a worker (import-work.ts), so the page keeps
 * answering through a 10,000-row import (review40c F4); the plan gains the import in one change (one undo step).
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { app } = useControllers();
  const notify = useAppStore((state) => state.notify);
  const planVersion = useAppStore((state) => state.planVersion);
  const [sheet, setSheet] = useState<LoadedSheet | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [applyProblems, setApplyProblems] = useState<FileProblem[]>([]);
  const [target, setTarget] = useState(NEW_STRATEGY);
  const [strategyTitle, setStrategyTitle] = useState('');
  const [reading, setReading] = useState(false);
  const [phase, setPhase] = useState<ImportPhase | null>(null);
  const importing = phase !== null;
  const choice = useRef(0);
  const closed = useRef(false);
  // The dialog's worker: it holds the file's table and the preview between requests.
  const [worker] = useState(() => new ImportWorkerClient());
  // Closing the dialog stops whatever the worker is doing (a large workbook's read: review37a F7; an import being worked out).
  useEffect(() => { closed.current = false; return () => { closed.current = true; worker.stop(); }; }, [worker]);
  const targetPlan = app.plan;
  // Removed people and teams the file names (people38), asked about with the preview; live, so a
  // restore or removal by someone else meanwhile changes the question. Unanswered means the default.
  const [removedChoices, setRemovedChoices] = useState<ReadonlyMap<string, RemovedChoice>>(new Map());
  const removedNamed = useMemo(() => {
    void planVersion;
    return preview && targetPlan ? removedNamedByImport(preview, targetPlan.index) : [];
  }, [preview, targetPlan, planVersion]);
  // The tree names a removed person the rows keep naming as removed "Carla (removed)", as the outline will (leftovers39).
  const personShown = useMemo(() => {
    void planVersion;
    return targetPlan ? importedPersonShown(targetPlan.index, removedChoices) : undefined;
  }, [targetPlan, removedChoices, planVersion]);
  const strategies = (app.plan?.index.children(ROOT_ID) ?? []).map((id) => ({ id, title: app.plan?.index.title(id) || 'Untitled' }));

  // The preview follows the file and its reading; a newer reading drops the one being built.
  useEffect(() => {
    if (!sheet || !mapping) { setPreview(null); return; }
    let stale = false;
    setPreviewing(true);
    // The plan's period names: a row naming a period by a name alone ("Spring push") the plan lacks is said in the preview.
    const periodNames = targetPlan?.index.periods().map((period) => period.name);
    worker.preview(mapping, { strategyTitle: `Imported from ${sheet.fileName}`, now: Date.now(), ...(periodNames ? { periodNames } : {}) })
      .then((built) => { if (!stale) { setPreview(built); setPreviewing(false); } })
      .catch((error: unknown) => {
        if (stale || error instanceof ImportWorkStopped) return;
        setFileProblem(error instanceof Error ? error.message : String(error));
        setPreviewing(false);
      });
    return () => { stale = true; };
  }, [sheet, mapping, targetPlan, worker]);

  /** Reads `file` (the sheet named `sheetName` of a workbook, else the one holding the plan) and detects how to read it. */
  const choose = async (file: File | undefined, sheetName?: string) => {
    const chosen = ++choice.current;
    setFileProblem(null);
    setApplyProblems([]);
    // Another sheet of the same workbook: the form stays (and the focus in its Sheet select) until it is read.
    if (sheetName === undefined) {
      setSheet(null);
      setMapping(null);
    }
    if (!file) return;
    // Refuse before reading a huge file into memory.
    if (file.size > MAX_IMPORT_BYTES) {
      setFileProblem(`The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; an import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it or remove other sheets.`);
      return;
    }
    setReading(true);
    try {
      const read = await worker.read(file.name, await file.arrayBuffer(), sheetName);
      if (chosen !== choice.current) return;
      // A failed read started a new worker, which holds no table: the sheet read before cannot be previewed or imported any more.
      if (!read.ok) { setFileProblem(read.message); setSheet(null); setMapping(null); return; }
      setSheet({ fileName: file.name, file, table: read.table, rowCount: read.rowCount });
      setMapping(read.mapping);
    } finally {
      if (chosen === choice.current) setReading(false);
    }
  };

  const importNow = async () => {
    const plan = app.plan;
    if (!preview || !sheet || !plan) return;
    setPhase({ kind: 'preparing', done: 0 });
    setApplyProblems([]);
    const removed = new Map(removedNamed.map((entry) => [entry.id, removedChoices.get(entry.id) ?? DEFAULT_REMOVED_CHOICE]));
    const options = { now: Date.now(), intoStrategy: target === NEW_STRATEGY ? null : parseNodeId(target), strategyTitle: strategyTitle.trim() || undefined, removed };
    if (plan.readOnly) { setPhase(null); setApplyProblems([problemOf('read-only', plan.readOnlyReason ?? 'This plan is read-only.', null)]); return; }
    let prepared: PreparedImport | { ok: false; problems: FileProblem[] };
    try {
      // Worked out in the worker on a copy of the plan: the page encodes its state (one short task) and
      // hears the progress, a step per `itemsPerStep` nodes, at most every `progressEveryMs`.
      let shown = performance.now();
      prepared = await worker.prepare(Y.encodeStateAsUpdate(plan.doc), plan.ctx.actor, options, (steps) => {
        if (performance.now() - shown < progressEveryMs) return;
        shown = performance.now();
        setPhase({ kind: 'preparing', done: steps * itemsPerStep });
      });
    } catch (error) {
      if (error instanceof ImportWorkStopped || closed.current) return;
      // A worker that failed (or sent what the protocol does not allow) says why; nothing was written.
      setPhase(null);
      const message = error instanceof Error ? error.message : String(error);
      setApplyProblems([problemOf('rejected-by-plan', /Nothing was imported/.test(message) ? message : `${message} Nothing was imported.`, null)]);
      return;
    }
    if (!prepared.ok) { setPhase(null); setApplyProblems(prepared.problems); return; }
    // The plan the import was worked out on must still be the open one (nothing was written to it yet).
    if (app.plan !== plan) { setPhase(null); setApplyProblems([problemOf('rejected-by-plan', 'Another plan was opened meanwhile; nothing was imported. Import again.', null)]); return; }
    // Writing the one update is one task (it is what keeps the import whole and one undo step): say
    // so on screen first.
    setPhase({ kind: 'writing' });
    await afterPaint();
    if (closed.current || app.plan !== plan) return;
    const result = app.run((open) => commitImport(open, prepared));
    if (!result.ok) { setPhase(null); return; }
    if (!result.value.ok) { setPhase(null); setApplyProblems(result.value.problems); return; }
    // The views take in thousands of items in steps (PlanSession.refreshInSteps): the import is done
    // for the person once the outline shows it.
    setPhase({ kind: 'showing' });
    await app.sessions.current?.refreshed();
    const { created, restored } = result.value;
    const added = [
      created.people > 0 ? `added ${created.people} ${created.people === 1 ? 'person' : 'people'}` : null,
      restored.people + restored.teams > 0 ? `restored ${[restored.people > 0 ? `${restored.people} ${restored.people === 1 ? 'person' : 'people'}` : null, restored.teams > 0 ? `${restored.teams} ${restored.teams === 1 ? 'team' : 'teams'}` : null].filter(Boolean).join(' and ')}` : null,
    ].filter(Boolean);
    notify({ text: `Imported ${created.nodes.toLocaleString('en')} items from ${sheet.fileName}${added.length > 0 ? `, and ${added.join(' and ')}` : ''}.`, tone: 'info' });
    if (!closed.current) onClose();
  };

  // A spreadsheet the desktop app opened (File ▸ Open…) is read as if it had been chosen here.
  const offered = useAppStore((state) => state.importFile);
  const offerImport = useAppStore((state) => state.offerImport);
  useEffect(() => {
    if (!offered) return;
    offerImport(null);
    void choose(new File([offered.bytes.slice()], offered.name));
  }, [offered, offerImport]);

  const problems = [...(preview?.problems ?? []), ...applyProblems];
  let nodeCount = 0, warningCount = 0, skipped = 0;
  if (preview) {
    nodeCount = preview.nodes.size - (preview.addedStrategyKey !== null && target !== NEW_STRATEGY ? 1 : 0);
    for (const row of preview.rows) {
      if (row.warnings.length > 0 && row.outcome !== 'total') warningCount += 1;
      if (row.outcome === 'blank' || row.outcome === 'total') skipped += 1;
    }
  }
  // The title typed for a new strategy is refused as any title field refuses it, before Import: it was cut at 500 characters without a word.
  const titleProblem = preview?.addedStrategyKey && target === NEW_STRATEGY && strategyTitle.trim() ? strategyTitleProblem(strategyTitle.trim()) : null;
  const canImport = preview !== null && !previewing && !importing && problems.length === 0 && nodeCount > 0 && titleProblem === null;
  const count = (n: number) => n.toLocaleString('en');
  // A workbook's other visible sheets are not read: said, so a plan on the second tab is not lost unseen.
  const sheetNote = sheet ? sheetsNote(sheet.table) : null;
  // A CSV not in UTF-8 was read in a guessed encoding: said, so the person checks the names.
  const textNote = sheet ? encodingNote(sheet.table) : null;

  return (
    <Dialog title="Import from a spreadsheet" onClose={onClose}
      actions={<>
        <button type="button" className="button" onClick={onClose}>Cancel</button>
        <button type="button" className="button primary" disabled={!canImport} onClick={() => { void importNow(); }}>
          {importing ? `Importing ${count(nodeCount)} items…` : preview ? `Import ${count(nodeCount)} items` : 'Import'}
        </button>
      </>}>
      <div className="import-dialog">
        <div className="field">
          <label htmlFor="import-file">Spreadsheet (CSV or Excel .xlsx)</label>
          <input id="import-file" type="file" accept=".csv,.tsv,.txt,.xlsx,.xlsm,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
            disabled={importing} onChange={(event) => { void choose(event.target.files?.[0]); }} />
          <span className="import-hint">Nothing changes in the plan until you press Import; an import adds everything or nothing.</span>
        </div>
        {reading && <p role="status">Reading the file…</p>}
        {sheet && !preview && previewing && <p role="status">Building the preview of {count(Math.max(0, sheet.rowCount - (mapping?.headerRow ?? 1)))} rows…</p>}
        {phase && (
          <div className="import-progress">
            <p role="status">
              {phase.kind === 'preparing' ? `Importing ${count(nodeCount)} items… the plan changes only when all of them are ready.`
                : phase.kind === 'writing' ? `Writing ${count(nodeCount)} items into the plan…` : `Adding ${count(nodeCount)} items to the outline…`}
            </p>
            <progress aria-label="Import progress" max={nodeCount + 2}
              value={phase.kind === 'preparing' ? Math.min(nodeCount, phase.done) : phase.kind === 'writing' ? nodeCount : nodeCount + 1} />
          </div>
        )}
        {fileProblem && <p className="import-problem" role="alert">{fileProblem}</p>}
        {sheet && mapping && preview && (
          <div className="import-body">
           <div className="import-reading">
            <MappingForm table={sheet.table} mapping={mapping} onChange={(next) => { setMapping(next); setApplyProblems([]); }}
              onSheet={(name) => { void choose(sheet.file, name); }} />
            {preview.addedStrategyKey && (
              <div className="import-mapping-options">
                <label>Put the objectives under
                  <select className="input" value={target} onChange={(event) => setTarget(event.target.value)}>
                    <option value={NEW_STRATEGY}>a new strategy</option>
                    {strategies.map((strategy) => <option key={strategy.id} value={strategy.id}>{strategy.title}</option>)}
                  </select>
                </label>
                {target === NEW_STRATEGY && (
                  <label>New strategy's title
                    <input className="input" value={strategyTitle} placeholder={`Imported from ${sheet.fileName}`} onChange={(event) => setStrategyTitle(event.target.value)}
                      aria-invalid={titleProblem ? true : undefined} aria-describedby={titleProblem ? 'import-strategy-title-problem' : undefined} />
                  </label>
                )}
                {target === NEW_STRATEGY && titleProblem && (
                  <span className="field-error" role="alert" id="import-strategy-title-problem">{titleProblem}</span>
                )}
              </div>
            )}
           </div>
           {/* Scrolls on its own when the sheet is long: reachable by keyboard. */}
           <div className="import-preview" tabIndex={0} role="region" aria-label="Preview of the import">
            <p className="import-summary" role="status">
              {nodeCount === 1 ? '1 item' : `${count(nodeCount)} items`} from {sheet.fileName}{warningCount > 0 ? ` · ${warningCount === 1 ? '1 row' : `${count(warningCount)} rows`} with warnings` : ''}{skipped > 0 ? ` · ${skipped === 1 ? '1 blank or total row' : `${count(skipped)} blank or total rows`} skipped` : ''}
              {previewing ? ' · updating the preview…' : ''}
            </p>
            {sheetNote && <p className="import-sheets">{sheetNote}</p>}
            {textNote && <p className="import-sheets">{textNote}</p>}
            {preview.columnNotes.length > 0 && (
              <ul className="import-column-notes" aria-label="Columns">
                {preview.columnNotes.map((note) => <li key={note}>{note}</li>)}
              </ul>
            )}
            <SkippedRows preview={preview} />
            {problems.length > 0 && (
              <div className="import-problem" role="alert">
                <p><strong>{problems.length === 1 ? 'One problem stops' : `${problems.length} problems stop`} the import.</strong> Fix the file or the reading above.</p>
                <ul>
                  {problems.slice(0, PROBLEMS_LISTED).map((problem, index) => <li key={index}>{problem.message}</li>)}
                  {problems.length > PROBLEMS_LISTED && <li>…and {count(problems.length - PROBLEMS_LISTED)} more problems in later rows.</li>}
                </ul>
              </div>
            )}
            {targetPlan && (
              <ImportRemovedChoices named={removedNamed} choices={removedChoices} index={targetPlan.index} disabled={importing}
                onChoose={(id, choice) => { setRemovedChoices((current) => new Map(current).set(id, choice)); setApplyProblems([]); }} />
            )}
            <h3 className="import-preview-title">Preview</h3>
            <ImportPreviewTree preview={preview} shown={personShown} addedStrategyTitle={target === NEW_STRATEGY ? strategyTitle.trim() || undefined : undefined} />
           </div>
          </div>
        )}
      </div>
    </Dialog>
  );
}
