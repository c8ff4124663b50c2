import { cellText, COLUMN_ROLE_LABELS, headerCells, COLUMN_ROLES, IMPORT_LAYOUTS, type ColumnRole, type ImportLayout, type ImportMapping, type SheetTable } from '../../../shared/files/index.js';
import { largest } from '../../../shared/collections/long-lists.js';

const LAYOUT_LABELS: Readonly<Record<ImportLayout, string>> = {
  'objective-rows': 'One row per key result (objective repeated or left blank)',
  outline: 'Outline numbers (1, 1.1, 1.2.1) with a type column',
  'parent-id': 'A parent column (ids, or titles if no Id column)',
  'typed-rows': 'A type per row, nested by the rows above',
};

interface MappingFormProps {
  table: SheetTable;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  /** Reads the workbook's sheet of this name instead (the header, layout and columns are detected again). */
  onSheet: (sheet: string) => void;
}

/** The detected reading of the sheet, every part of it correctable: header row, layout, notation, each column's meaning. */
export function MappingForm({ table, mapping, onChange, onSheet }: MappingFormProps) {
  const header = headerCells(table.rows, mapping.headerRow);
  const sample = table.rows[mapping.headerRow] ?? [];
  const width = Math.max(header.length, largest(table.rows.slice(mapping.headerRow, mapping.headerRow + 5).map((row) => row.length)));
  const setRole = (column: number, role: ColumnRole | null) => {
    const columns = Array.from({ length: width }, (_, index) => mapping.columns[index] ?? null);
    // A role belongs to one column: giving it to this one takes it from the other.
    for (let index = 0; index < columns.length; index++) if (role !== null && columns[index] === role) columns[index] = null;
    columns[column] = role;
    onChange({ ...mapping, columns });
  };
  return (
    <fieldset className="import-mapping">
      <legend>How to read the sheet</legend>
      <div className="import-mapping-options">
        {/* A workbook of several visible sheets: the one holding the plan is read first; any other can be chosen. */}
        {table.sheets && table.sheets.visible.length > 1 && (
          <label>Sheet
            <select className="input" value={table.sheets.read} onChange={(event) => onSheet(event.target.value)}>
              {table.sheets.visible.map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
          </label>
        )}
        <label>Layout
          <select className="input" value={mapping.layout} onChange={(event) => onChange({ ...mapping, layout: event.target.value as ImportLayout })}>
            {IMPORT_LAYOUTS.map((layout) => <option key={layout} value={layout}>{LAYOUT_LABELS[layout]}</option>)}
          </select>
        </label>
        <label>Header row
          <input className="input" type="number" min={1} max={Math.min(20, table.rows.length)} value={mapping.headerRow}
            onChange={(event) => { const row = Number(event.target.value); if (Number.isInteger(row) && row >= 1 && row <= table.rows.length) onChange({ ...mapping, headerRow: row }); }} />
        </label>
        <label>Dates like 03/04/2025
          <select className="input" value={mapping.dateOrder} onChange={(event) => onChange({ ...mapping, dateOrder: event.target.value as ImportMapping['dateOrder'] })}>
            <option value="dmy">day first (3 April)</option>
            <option value="mdy">month first (March 4)</option>
          </select>
        </label>
        <label>Numbers like 1.200,5
          <select className="input" value={mapping.decimalMark} onChange={(event) => onChange({ ...mapping, decimalMark: event.target.value as ImportMapping['decimalMark'] })}>
            <option value="dot">1,200.5 (decimal point)</option>
            <option value="comma">1.200,5 (decimal comma)</option>
          </select>
        </label>
      </div>
      <table className="import-columns">
        <caption className="visually-hidden">Columns of the sheet and what each one means</caption>
        <thead><tr><th scope="col">Column</th><th scope="col">First value</th><th scope="col">Means</th></tr></thead>
        <tbody>
          {Array.from({ length: width }, (_, column) => {
            const name = cellText(header[column] ?? null) || `Column ${column + 1}`;
            return (
              <tr key={column}>
                <th scope="row">{name}</th>
                <td className="muted">{cellText(sample[column] ?? null)}</td>
                <td>
                  <select className="input" aria-label={`Meaning of column ${name}`} value={mapping.columns[column] ?? ''}
                    onChange={(event) => setRole(column, event.target.value === '' ? null : event.target.value as ColumnRole)}>
                    <option value="">— ignore —</option>
                    {COLUMN_ROLES.map((role) => <option key={role} value={role}>{COLUMN_ROLE_LABELS[role]}</option>)}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
