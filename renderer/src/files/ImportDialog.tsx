import { useEffect, useMemo, useState } from 'react';
import {
  applyImport, buildImportPreview, detectMapping, MAX_IMPORT_BYTES, readSpreadsheet, type FileProblem, type ImportMapping, type SheetTable,
} from '../../../shared/files/index.js';
import { ROOT_ID, parseNodeId } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { Dialog } from '../shell/Dialog.js';
import { ImportPreviewTree } from './ImportPreviewTree.js';
import { MappingForm } from './MappingForm.js';
import './files.css';

interface LoadedSheet {
  fileName: string;
  table: SheetTable;
}

const NEW_STRATEGY = '';

/**
 * Import from a spreadsheet: choose a CSV or XLSX file, check (and correct) how it is read, look at
 * the tree it makes with a warning on each doubtful row, then import it all — or nothing.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { app } = useControllers();
  const notify = useAppStore((state) => state.notify);
  useAppStore((state) => state.planVersion);
  const [sheet, setSheet] = useState<LoadedSheet | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [applyProblems, setApplyProblems] = useState<FileProblem[]>([]);
  const [target, setTarget] = useState(NEW_STRATEGY);
  const [strategyTitle, setStrategyTitle] = useState('');
  const [reading, setReading] = useState(false);
  const strategies = (app.plan?.index.children(ROOT_ID) ?? []).map((id) => ({ id, title: app.plan?.index.title(id) || 'Untitled' }));

  const preview = useMemo(
    () => (sheet && mapping ? buildImportPreview(sheet.table, mapping, { strategyTitle: strategyTitle.trim() || `Imported from ${sheet.fileName}` }) : null),
    [sheet, mapping, strategyTitle],
  );

  const choose = async (file: File | undefined) => {
    setFileProblem(null);
    setApplyProblems([]);
    setSheet(null);
    setMapping(null);
    if (!file) return;
    // Refuse before reading a huge file into memory.
    if (file.size > MAX_IMPORT_BYTES) {
      setFileProblem(`The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; an import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it or remove other sheets.`);
      return;
    }
    setReading(true);
    try {
      const read = await readSpreadsheet(file.name, new Uint8Array(await file.arrayBuffer()));
      if (!read.ok) { setFileProblem(read.problem.message); return; }
      setSheet({ fileName: file.name, table: read.table });
      setMapping(detectMapping(read.table));
    } finally {
      setReading(false);
    }
  };

  const importNow = () => {
    if (!preview) return;
    const result = app.run((plan) => applyImport(plan, preview, { now: Date.now(), intoStrategy: target === NEW_STRATEGY ? null : parseNodeId(target) }));
    if (!result.ok) return;
    if (!result.value.ok) { setApplyProblems(result.value.problems); return; }
    const { created } = result.value;
    notify({ text: `Imported ${created.nodes} items from ${sheet?.fileName}${created.people > 0 ? `, and added ${created.people} people` : ''}.`, tone: 'info' });
    onClose();
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
  const nodeCount = preview ? [...preview.nodes.values()].filter((node) => node.key !== preview.addedStrategyKey || target === NEW_STRATEGY).length : 0;
  const warningCount = preview ? preview.rows.filter((row) => row.warnings.length > 0 && row.outcome !== 'total').length : 0;
  const skipped = preview ? preview.rows.filter((row) => row.outcome === 'blank' || row.outcome === 'total').length : 0;
  const canImport = preview !== null && problems.length === 0 && nodeCount > 0;

  return (
    <Dialog title="Import from a spreadsheet" onClose={onClose}
      actions={<>
        <button type="button" className="button" onClick={onClose}>Cancel</button>
        <button type="button" className="button primary" disabled={!canImport} onClick={importNow}>{preview ? `Import ${nodeCount} items` : 'Import'}</button>
      </>}>
      <div className="import-dialog">
        <div className="field">
          <label htmlFor="import-file">Spreadsheet (CSV or Excel .xlsx)</label>
          <input id="import-file" type="file" accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => { void choose(event.target.files?.[0]); }} />
          <span className="import-hint">Nothing changes in the plan until you press Import; an import adds everything or nothing.</span>
        </div>
        {reading && <p role="status">Reading the file…</p>}
        {fileProblem && <p className="import-problem" role="alert">{fileProblem}</p>}
        {sheet && mapping && preview && (
          <div className="import-body">
           <div className="import-reading">
            <MappingForm table={sheet.table} mapping={mapping} onChange={(next) => { setMapping(next); setApplyProblems([]); }} />
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
                    <input className="input" value={strategyTitle} placeholder={`Imported from ${sheet.fileName}`} onChange={(event) => setStrategyTitle(event.target.value)} />
                  </label>
                )}
              </div>
            )}
           </div>
           <div className="import-preview">
            <p className="import-summary" role="status">
              {nodeCount} items from {sheet.fileName}{warningCount > 0 ? ` · ${warningCount} rows with warnings` : ''}{skipped > 0 ? ` · ${skipped} blank or total rows skipped` : ''}
            </p>
            {problems.length > 0 && (
              <div className="import-problem" role="alert">
                <p><strong>{problems.length === 1 ? 'One problem stops' : `${problems.length} problems stop`} the import.</strong> Fix the file or the reading above.</p>
                <ul>{problems.slice(0, 50).map((problem, index) => <li key={index}>{problem.message}</li>)}</ul>
              </div>
            )}
            <h3 className="import-preview-title">Preview</h3>
            <ImportPreviewTree preview={preview} />
           </div>
          </div>
        )}
      </div>
    </Dialog>
  );
}
