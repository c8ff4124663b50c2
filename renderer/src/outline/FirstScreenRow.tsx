import { memo, useRef } from 'react';
import { namedControlText } from '../../../shared/text/control-characters.js';
import { KIND_LABELS, TEXT_LIMITS, type NodeId } from '../../../shared/model/index.js';
import type { FirstScreenRow as Row } from '../../../shared/model/first-screen.js';
import { healthLabel, kindShort, percent, typedTextProblem } from './labels.js';
import { ShownText } from './ShownText.js';
import { isComposingKey } from '../text/composing';

export interface FirstScreenRowProps {
  row: Row;
  top: number;
  selected: boolean;
  /** The text being typed when this row's title is being renamed, else null. */
  draft: string | null;
  onSelect(id: NodeId): void;
  onStartEditing(id: NodeId): void;
  onDraft(id: NodeId, value: string): void;
  onCommit(id: NodeId, value: string): void;
  onCancel(): void;
}

/** One stored row of the outline, shown while the plan loads: same look and names as a live row. */
export const FirstScreenRow = memo(function FirstScreenRow({ row, top, selected, draft, ...props }: FirstScreenRowProps) {
  const cancelled = useRef(false);
  // Over the limit or holding a control character nothing is cut: the text stays as typed, with a message, until it is fixed.
  const refusal = draft !== null ? typedTextProblem('title', draft, TEXT_LIMITS.title) : null;
  const refused = refusal !== null;
  const description = [KIND_LABELS[row.kind], row.progress !== null && `Progress ${percent(row.progress)}`, healthLabel[row.health]].filter(Boolean).join('. ');
  return (
    <div id={`row-${row.id}`} role="treeitem" aria-level={row.depth + 1} aria-selected={selected}
      aria-expanded={row.hasChildren ? true : undefined} aria-label={`${kindShort[row.kind]} ${namedControlText(row.title) || 'Untitled'}`} aria-describedby={`row-description-${row.id}`}
      data-node-id={row.id} className={`outline-row${selected ? ' selected' : ''}`} style={{ transform: `translateY(${top}px)` }}
      onClick={() => props.onSelect(row.id)} onDoubleClick={() => props.onStartEditing(row.id)}>
      <span className="row-indent" style={{ width: row.depth * 20 }} />
      <span className="row-caret" aria-hidden="true">{row.hasChildren ? '▾' : ''}</span>
      <span className={`kind-tag kind-${row.kind}`} title={KIND_LABELS[row.kind]}>{kindShort[row.kind]}</span>
      {/* Named by its visible label, like a live row ("KR Revenue"); the rest is read as its description. */}
      {' '}
      {draft !== null
        ? <span className="row-title-edit">
          <input className="row-title-input" aria-label="Title" value={draft} autoFocus placeholder="Type a title"
            aria-invalid={refused ? true : undefined} aria-describedby={refused ? `${row.id}-too-long` : undefined}
            onChange={(event) => props.onDraft(row.id, event.target.value)}
            onKeyDown={(event) => {
              if (isComposingKey(event)) return;
              if (event.key === 'Enter') { event.preventDefault(); if (!refused) props.onCommit(row.id, draft); }
              else if (event.key === 'Escape') { event.preventDefault(); cancelled.current = true; props.onCancel(); }
            }}
            onBlur={() => { if (!cancelled.current && !refused) props.onCommit(row.id, draft); }}
            onClick={(event) => event.stopPropagation()} />
          {refusal && <span id={`${row.id}-too-long`} className="field-error row-title-error" role="alert">{refusal}</span>}
        </span>
        : <span className={row.title ? 'row-title' : 'row-title untitled'} dir="auto">{row.title ? <ShownText text={row.title} /> : 'Untitled'}</span>}
      <span id={`row-description-${row.id}`} hidden>{description}</span>
      <span className="row-spacer" />
      {row.progress !== null && (
        <span className={`progress health-${row.health}`} aria-hidden="true">
          <span className="progress-track"><span className="progress-fill" style={{ width: percent(row.progress) }} /></span>
          <span className="progress-value">{percent(row.progress)}</span>
        </span>
      )}
      <span className={`health-dot health-${row.health}`} aria-hidden="true" title={healthLabel[row.health]} />
    </div>
  );
});
