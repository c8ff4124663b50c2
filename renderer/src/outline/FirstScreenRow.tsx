import { memo, useRef } from 'react';
import { KIND_LABELS, TEXT_LIMITS } from '../../../shared/model/index.js';
import type { FirstScreenRow as Row } from '../../../shared/model/first-screen.js';
import { healthLabel, kindShort, percent } from './labels.js';

export interface FirstScreenRowProps {
  row: Row;
  top: number;
  selected: boolean;
  /** The text being typed when this row's title is being renamed, else null. */
  draft: string | null;
  onSelect(id: string): void;
  onStartEditing(id: string): void;
  onDraft(id: string, value: string): void;
  onCommit(id: string, value: string): void;
  onCancel(): void;
}

/** One stored row of the outline, shown while the plan loads: same look and names as a live row. */
export const FirstScreenRow = memo(function FirstScreenRow({ row, top, selected, draft, ...props }: FirstScreenRowProps) {
  const cancelled = useRef(false);
  return (
    <div id={`row-${row.id}`} role="treeitem" aria-level={row.depth + 1} aria-selected={selected}
      aria-expanded={row.hasChildren ? true : undefined} aria-label={`${KIND_LABELS[row.kind]}: ${row.title || 'untitled'}`}
      data-node-id={row.id} className={`outline-row${selected ? ' selected' : ''}`} style={{ transform: `translateY(${top}px)` }}
      onClick={() => props.onSelect(row.id)} onDoubleClick={() => props.onStartEditing(row.id)}>
      <span className="row-indent" style={{ width: row.depth * 20 }} />
      <span className="row-caret" aria-hidden="true">{row.hasChildren ? '▾' : ''}</span>
      <span className={`kind-tag kind-${row.kind}`} title={KIND_LABELS[row.kind]}>{kindShort[row.kind]}</span>
      {draft !== null
        ? <span className="row-title-edit">
          <input className="row-title-input" aria-label="Title" value={draft} autoFocus maxLength={TEXT_LIMITS.title} placeholder="Type a title"
            onChange={(event) => props.onDraft(row.id, event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') { event.preventDefault(); props.onCommit(row.id, draft); }
              else if (event.key === 'Escape') { event.preventDefault(); cancelled.current = true; props.onCancel(); }
            }}
            onBlur={() => { if (!cancelled.current) props.onCommit(row.id, draft); }}
            onClick={(event) => event.stopPropagation()} />
        </span>
        : <span className={row.title ? 'row-title' : 'row-title untitled'}>{row.title || 'Untitled'}</span>}
      <span className="row-spacer" />
      {row.progress !== null && (
        <span className={`progress health-${row.health}`} aria-label={`Progress ${percent(row.progress)}`}>
          <span className="progress-track"><span className="progress-fill" style={{ width: percent(row.progress) }} /></span>
          <span className="progress-value">{percent(row.progress)}</span>
        </span>
      )}
      <span className={`health-dot health-${row.health}`} role="img" aria-label={healthLabel[row.health]} title={healthLabel[row.health]} />
    </div>
  );
});
