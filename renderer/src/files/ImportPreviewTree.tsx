import type { ImportNode, ImportPreview } from '../../../shared/files/index.js';
import { KIND_LABELS } from '../../../shared/model/index.js';

function metricText(node: ImportNode): string {
  const { start, target, current, unit, direction } = node.fields;
  if (node.kind !== 'key_result' && node.kind !== 'kpi') return '';
  const parts: string[] = [];
  if (start !== null || target !== null) parts.push(`${start ?? '?'} → ${target ?? '?'}${unit ? ` ${unit}` : ''}`);
  if (current !== null) parts.push(`now ${current}`);
  if (direction === 'decrease') parts.push('decreasing');
  return parts.join(' · ');
}

function PreviewNode({ preview, node }: { preview: ImportPreview; node: ImportNode }) {
  const owner = node.fields.owner ? node.fields.owner.name ?? node.fields.owner.email : null;
  const metric = metricText(node);
  return (
    <li>
      <div className={`import-node${node.warnings.length > 0 ? ' has-warning' : ''}`}>
        <span className={`kind-tag kind-${node.kind}`}>{KIND_LABELS[node.kind]}</span>
        <span className="import-title">{node.title || <em>no title</em>}</span>
        {metric && <span className="muted">{metric}</span>}
        {owner && <span className="muted">· {owner}</span>}
        {node.row > 0 && <span className="import-row">row {node.row}</span>}
      </div>
      {node.warnings.length > 0 && (
        <ul className="import-warnings" aria-label={`Warnings for row ${node.row}`}>
          {node.warnings.map((warning) => <li key={warning}><span aria-hidden="true">⚠ </span>{warning}</li>)}
        </ul>
      )}
      {node.childKeys.length > 0 && (
        <ul>{node.childKeys.map((key) => <PreviewNode key={key} preview={preview} node={preview.nodes.get(key)!} />)}</ul>
      )}
    </li>
  );
}

/** The tree the import will create, each node with its spreadsheet row and the warnings on it. */
export function ImportPreviewTree({ preview }: { preview: ImportPreview }) {
  return (
    <ul className="import-tree" aria-label="Preview of the imported plan">
      {preview.rootKeys.map((key) => <PreviewNode key={key} preview={preview} node={preview.nodes.get(key)!} />)}
    </ul>
  );
}
