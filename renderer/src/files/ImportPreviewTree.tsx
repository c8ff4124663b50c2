import { memo } from 'react';
import type { ImportNode, ImportPreview, PersonRef } from '../../../shared/files/index.js';
import { KIND_LABELS } from '../../../shared/model/index.js';

/**
 * How many items the preview lists. A 10,000-row sheet rendered whole took minutes in the page; the
 * first items show how the sheet is read, and the rest are counted below the tree, never dropped
 * silently (the summary above counts every item and every row with warnings, and the problems list
 * names every row that stops the import).
 */
export const PREVIEW_ITEM_LIMIT = 300;

/** A key result's or a KPI's figures as its preview row shows them: "no start → 40 %" · "now 12" · "decreasing". */
export function metricText(node: ImportNode): string {
  const { start, target, current, unit, direction, rangeLow, rangeHigh } = node.fields;
  if (node.kind !== 'key_result' && node.kind !== 'kpi') return '';
  const parts: string[] = [];
  // A key result's missing start is said on its row ("no start → 40"), also where the sheet's one note says it
  // for every key result of a sheet without a Start column (noStartColumnNote).
  if (start !== null || target !== null) parts.push(`${start ?? (node.kind === 'key_result' ? 'no start' : '?')} → ${target ?? '?'}${unit ? ` ${unit}` : ''}`);
  // A range key result's goal is its range (review39b F7: the preview showed only "now 12").
  else if (node.kind === 'key_result' && (rangeLow !== null || rangeHigh !== null)) parts.push(`stay within ${rangeLow ?? '?'}–${rangeHigh ?? '?'}${unit ? ` ${unit}` : ''}`);
  if (current !== null) parts.push(`now ${current}`);
  if (direction === 'decrease') parts.push('decreasing');
  return parts.join(' · ');
}

/** How the preview names a person a row names: "Carla", or "Carla (removed)" when the import names her as removed. */
export type PersonShown = (ref: PersonRef) => string;
const plainName: PersonShown = (ref) => ref.name ?? ref.email ?? '';

/**
 * Who a row names: its owner, and a task's assignee ("assigned to …"). A tracker's sheet names tasks by
 * Assignee only; since that became its own field the preview showed nobody, though the import adds them.
 */
export function peopleText(node: ImportNode, shown: PersonShown = plainName): string {
  const name = (ref: ImportNode['fields']['owner']) => (ref ? shown(ref) : null);
  const owner = name(node.fields.owner), assignee = name(node.fields.assignee);
  return [owner, assignee ? `assigned to ${assignee}` : null].filter((part) => part !== null).join(' · ');
}

/** The first `limit` items in outline order (parents before children): what the tree lists. */
export function listedItems(preview: ImportPreview, limit: number): Set<string> {
  const listed = new Set<string>();
  const stack = [...preview.rootKeys].reverse();
  while (stack.length > 0 && listed.size < limit) {
    const key = stack.pop()!;
    listed.add(key);
    const node = preview.nodes.get(key)!;
    for (let index = node.childKeys.length - 1; index >= 0; index--) stack.push(node.childKeys[index]!);
  }
  return listed;
}

function PreviewNode({ preview, node, listed, title, shown }: { preview: ImportPreview; node: ImportNode; listed: ReadonlySet<string>; title: (node: ImportNode) => string; shown?: PersonShown }) {
  const people = peopleText(node, shown);
  const metric = metricText(node);
  const children = node.childKeys.filter((key) => listed.has(key));
  return (
    <li>
      <div className={`import-node${node.warnings.length > 0 ? ' has-warning' : ''}`}>
        <span className={`kind-tag kind-${node.kind}`}>{KIND_LABELS[node.kind]}</span>
        <span className="import-title">{title(node) || <em>no title</em>}</span>
        {metric && <span className="muted">{metric}</span>}
        {people && <span className="muted">· {people}</span>}
        {node.row > 0 && <span className="import-row">row {node.row}</span>}
      </div>
      {node.warnings.length > 0 && (
        <ul className="import-warnings" aria-label={`Warnings for row ${node.row}`}>
          {node.warnings.map((warning) => <li key={warning}><span aria-hidden="true">⚠ </span>{warning}</li>)}
        </ul>
      )}
      {children.length > 0 && (
        <ul>{children.map((key) => <PreviewNode key={key} preview={preview} node={preview.nodes.get(key)!} listed={listed} title={title} shown={shown} />)}</ul>
      )}
    </li>
  );
}

interface ImportPreviewTreeProps {
  preview: ImportPreview;
  /** The title the user gave the strategy the import adds (else the preview's). */
  addedStrategyTitle?: string;
  limit?: number;
  /** How a named person shows (removed ones the import keeps naming as removed: "Carla (removed)", leftovers39). */
  shown?: PersonShown;
}

/**
 * The tree the import will create, each node with its spreadsheet row and the warnings on it; long
 * sheets are listed in part and the rest counted. Rendered again only when the preview or the title
 * changes (it walks every item: not on each move of the import's progress bar).
 */
export const ImportPreviewTree = memo(function ImportPreviewTree({ preview, addedStrategyTitle, limit = PREVIEW_ITEM_LIMIT, shown }: ImportPreviewTreeProps) {
  const listed = listedItems(preview, limit);
  const title = (node: ImportNode) => (node.key === preview.addedStrategyKey && addedStrategyTitle ? addedStrategyTitle : node.title);
  const hidden = [...preview.nodes.values()].filter((node) => !listed.has(node.key));
  const hiddenRows = hidden.filter((node) => node.row > 0).map((node) => node.row);
  const hiddenWarnings = hidden.filter((node) => node.warnings.length > 0).length;
  return (
    <>
      <ul className="import-tree" aria-label="Preview of the imported plan">
        {preview.rootKeys.filter((key) => listed.has(key)).map((key) => <PreviewNode key={key} preview={preview} node={preview.nodes.get(key)!} listed={listed} title={title} shown={shown} />)}
      </ul>
      {hidden.length > 0 && (
        <p className="import-more">
          …and {hidden.length.toLocaleString('en')} more items not shown here
          {hiddenRows.length > 0 ? ` (rows ${hiddenRows.reduce((a, b) => Math.min(a, b)).toLocaleString('en')} to ${hiddenRows.reduce((a, b) => Math.max(a, b)).toLocaleString('en')})` : ''}
          {hiddenWarnings > 0 ? `, ${hiddenWarnings.toLocaleString('en')} of them with warnings` : ''}. The import adds them all.
        </p>
      )}
    </>
  );
});

/** How many skipped rows' warnings the dialog lists before it counts the rest. */
export const SKIPPED_ROWS_LISTED = 20;

/**
 * The rows that make no item yet carry a warning (values on a row without a title, an objective
 * repeated with values, a total row, a formula error on an otherwise empty row), each with its row
 * number. Before, such a row was only counted in "n rows with warnings": there was no item to show
 * the warning on, so the person could not find which row or what was left out.
 */
export function SkippedRows({ preview }: { preview: ImportPreview }) {
  const skipped = preview.rows.filter((row) => row.nodeKey === null && row.outcome !== 'problem' && row.warnings.length > 0);
  if (skipped.length === 0) return null;
  const rest = skipped.length - SKIPPED_ROWS_LISTED;
  return (
    <ul className="import-column-notes" aria-label="Rows not imported">
      {skipped.slice(0, SKIPPED_ROWS_LISTED).map((row) => <li key={row.row}>Row {row.row.toLocaleString('en')}: {row.warnings.join('; ')}</li>)}
      {rest > 0 && <li>…and {rest.toLocaleString('en')} more rows not imported.</li>}
    </ul>
  );
}
