import { useEffect, useMemo, useRef, useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { FileActions, type ExportFormat } from './file-actions.js';
import './files.css';

const EXPORTS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'plan-file', label: 'Export plan file (.throughline)' },
  { format: 'xlsx', label: 'Export Excel workbook (.xlsx)' },
  { format: 'csv', label: 'Export CSV (opens in spreadsheets)' },
  { format: 'markdown', label: 'Export Markdown outline' },
  { format: 'review-pack', label: 'Print review pack (PDF)…' },
];

/** The header's File menu: import from a spreadsheet, export the plan in each format. */
export function FileMenu() {
  const { app } = useControllers();
  const openDialog = useAppStore((state) => state.openDialog);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const actions = useMemo(() => new FileActions(app), [app]);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => { if (!ref.current?.contains(event.target as Node)) setOpen(false); };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const choose = (run: () => void) => { setOpen(false); run(); };
  return (
    <div className="file-menu" ref={ref} onKeyDown={(event) => { if (event.key === 'Escape') setOpen(false); }}>
      <button type="button" className="button small" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen(!open)}>File</button>
      {open && (
        <ul className="file-menu-list" aria-label="File">
          {!readOnly && <li><button type="button" onClick={() => choose(() => openDialog('import'))}>Import from spreadsheet…</button></li>}
          {!readOnly && <li className="separator" role="separator" />}
          {EXPORTS.map(({ format, label }) => (
            <li key={format}><button type="button" onClick={() => choose(() => { void actions.exportPlan(format); })}>{label}</button></li>
          ))}
        </ul>
      )}
    </div>
  );
}
