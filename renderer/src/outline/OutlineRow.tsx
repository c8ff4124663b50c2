import { memo, useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { editableText, fromEditableText, namedControlText, withoutControlCharacters } from '../../../shared/text/control-characters.js';
import { KIND_LABELS, TEXT_LIMITS, type NodeView, type NodeId } from '../../../shared/model/index.js';
import { TextConflicts } from '../detail/TextConflicts.js';
import { StoredControlCharacters } from '../detail/StoredControlCharacters.js';
import { fieldSpecs } from '../detail/field-specs.js';
import type { Peer } from '../sync/presence.js';
import { Avatar } from '../shell/Avatar.js';
import { healthLabel, kindShort, percent, signalText, storedControlCharacters, typedTextProblem } from './labels.js';
import type { DropPosition } from './outline-commands.js';
import { ShownText } from './ShownText.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { Sentence } from '../text/Isolated.js';
import { isComposingKey } from '../text/composing';

export interface RowProps {
  node: NodeView;
  title: string;
  ownerName: string | null;
  /** A node that lost a move loop: whose move went back, in words true for this reader (undoneMoveWords). */
  undoneMove: { badge: string; explanation: string } | null;
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
  matches: boolean;
  selected: boolean;
  editing: boolean;
  readOnly: boolean;
  peers: readonly Peer[] | undefined;
  dropHint: { position: DropPosition; refused: boolean } | null;
  top: number;
  onSelect(id: NodeId): void;
  onToggle(id: NodeId): void;
  onStartEditing(id: NodeId): void;
  /** `base`: the title the editor opened with. */
  onEditKey(id: NodeId, event: KeyboardEvent<HTMLInputElement>, value: string, base: string): void;
  onCommitTitle(id: NodeId, value: string, base: string): void;
  /** A click elsewhere left the line's editor empty on an untitled line: drop it as Escape would (review44a F4). */
  onLeftEmpty(id: NodeId): void;
  onDragStart(id: NodeId, event: DragEvent): void;
  onDragOver(id: NodeId, event: DragEvent<HTMLDivElement>): void;
  onDrop(id: NodeId, event: DragEvent<HTMLDivElement>): void;
  onDragLeave(id: NodeId): void;
  onDragEnd(event: DragEvent): void;
}

const signalBadges = { blocked: 'Blocked', overdue: 'Overdue', stale: 'Stale', kpi_breach: 'KPI breach', range_breach: 'Out of range', confidence_drop: 'Confidence drop', forecast: 'Forecast miss', crossed_bounds: 'Bounds crossed', misplaced: 'Out of place', unmeasured: 'Not measured', open_subtasks: 'Open subtasks', reported_status: 'Check-in status' } as const;

/** The inline rename field: Enter, Tab, Shift+Tab and Escape are outline commands; blur commits. */
function TitleEditor({ id, initial, onEditKey, onCommitTitle, onLeftEmpty }: { id: NodeId; initial: string; onEditKey: RowProps['onEditKey']; onCommitTitle: RowProps['onCommitTitle']; onLeftEmpty: RowProps['onLeftEmpty'] }) {
  const [value, setValue] = useState(initial);
  // What the person saw when they started: a remote rename since then makes theirs a conflict, not an overwrite.
  // Enter and Tab commit and may keep this editor open: the next commit builds on that one.
  const base = useRef(initial);
  const cancelled = useRef(false);
  // A stored title with control characters (an old file's, a peer's) shows each by its name, ‹NUL›, as
  // the row's chip names it (editableText); untouched it stays as stored (saving nothing), edited it
  // saves what the field shows (fromEditableText), and one click removes them.
  const untouched = value === initial;
  const saved = untouched ? value : fromEditableText(value, initial);
  const latest = useRef(saved);
  latest.current = saved;
  // The row can vanish under the editor (someone deleted it, a filter hid it) without a blur:
  // what was typed is still committed, never dropped with the input.
  const committed = useRef(false);
  const commitOnLeave = useRef(onCommitTitle);
  commitOnLeave.current = onCommitTitle;
  useEffect(() => () => {
    if (!cancelled.current && !committed.current && latest.current !== base.current && typedTextProblem('title', latest.current, TEXT_LIMITS.title) === null) commitOnLeave.current(id, latest.current, base.current);
  }, [id]);
  // A press outside the editor while an untitled line is still empty leaves it as Escape does: removed,
  // not kept as an "Untitled" item (review44a F4). Dropped only after the press's release, so the click
  // lands on what was under the pointer before the rows below move up. A press in the details panel is
  // work on this very line (its title, owner or type typed there), so the line stays.
  const input = useRef<HTMLInputElement>(null);
  const leftEmpty = useRef(onLeftEmpty);
  leftEmpty.current = onLeftEmpty;
  useEffect(() => {
    const pressed = (event: PointerEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (input.current?.contains(target) || target?.closest('.detail-panel') || latest.current.trim() !== '' || base.current !== '') return;
      cancelled.current = true;
      const released = () => { window.removeEventListener('pointerup', released, true); setTimeout(() => leftEmpty.current(id), 0); };
      window.addEventListener('pointerup', released, true);
    };
    document.addEventListener('pointerdown', pressed, true);
    return () => document.removeEventListener('pointerdown', pressed, true);
  }, [id]);
  const refusal = untouched ? null : typedTextProblem('title', saved, TEXT_LIMITS.title);
  const refused = refusal !== null;
  return (
    <span className="row-title-edit">
      <input ref={input} className="row-title-input" aria-label="Title" value={untouched ? editableText(value) : value} autoFocus aria-invalid={refused ? true : undefined}
        aria-describedby={refused ? `${id}-too-long` : untouched && storedControlCharacters(initial) !== null ? `${id}-stored-control` : undefined}
        placeholder="Type a title"
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (isComposingKey(event)) return;
          if (refused && (event.key === 'Enter' || event.key === 'Tab')) { event.preventDefault(); return; }
          if (event.key === 'Escape') cancelled.current = true;
          // Enter and Tab commit what is typed: the base moves first, so the blur their command causes
          // (the focus goes back to the tree) finds nothing new to commit. Committed twice, a refused
          // rename (made a viewer while typing) said so twice.
          const from = base.current;
          if (event.key === 'Enter' || event.key === 'Tab') base.current = saved;
          onEditKey(id, event, saved, from);
        }}
        onBlur={() => { if (!cancelled.current && !refused && saved !== base.current) { committed.current = true; onCommitTitle(id, saved, base.current); } }}
        onClick={(event) => event.stopPropagation()} />
      {refusal && <span id={`${id}-too-long`} className="field-error row-title-error" role="alert">{refusal}</span>}
      {untouched && <StoredControlCharacters what="title" stored={initial} id={`${id}-stored-control`} onRemove={() => setValue(withoutControlCharacters(initial))} />}
    </span>
  );
}

/** One line of the outline: a node with its kind, title, owner, progress and health. */
export const OutlineRow = memo(function OutlineRow(props: RowProps) {
  const { node, title, depth, selected, editing, peers, dropHint } = props;
  const badges = node.signals.filter((signal) => signal.severity !== 'info' && signal.kind in signalBadges);
  const uniqueBadges = [...new Set(badges.map((signal) => signal.kind))] as (keyof typeof signalBadges)[];
  const peerColour = peers?.[0]?.user.colour;
  const structural = [node.orphaned && 'Orphaned', node.reattached && 'Re-attached', props.undoneMove?.badge].filter((text): text is string => Boolean(text));
  // The name is the row's visible label ("KR Revenue from DACH": label in name, WCAG 2.5.3); the
  // rest of the row is read as its description, so the name stays the words a person sees and says.
  const description = [KIND_LABELS[node.kind], !props.matches && 'Shown for context: not a match of the filters', ...uniqueBadges.map((kind) => signalBadges[kind]), ...structural,
    ...(peers ?? []).map((peer) => `${isolatedText(peer.user.name)} has this selected`), props.ownerName && `Owner ${isolatedText(props.ownerName)}`,
    node.progress !== null && `Progress ${percent(node.progress)}`, healthLabel[node.health],
    ...node.conflicts.filter((conflict) => conflict.field === 'title').map((conflict) => `Also renamed to “${isolatedText(conflict.text)}”, pick it in the details`),
    ...[...new Set(node.fieldConflicts.map((conflict) => conflict.field))].map((field) => `${fieldSpecs[field].label} was also set to another value, pick it in the details`),
    node.kindConflicts.length > 0 && 'Kind was also changed to another, pick it in the details',
    node.editsLostToKind.length > 0 && 'An edit was lost to the change of kind, see the details'].filter(Boolean).join('. ');
  const classes = ['outline-row', selected ? 'selected' : '', props.matches ? '' : 'context', node.inactive ? 'inactive' : '',
    dropHint ? `drop-${dropHint.refused ? 'refused' : dropHint.position}` : ''].filter(Boolean).join(' ');
  return (
    <div
      id={`row-${node.id}`}
      role="treeitem"
      aria-level={depth + 1}
      aria-selected={selected}
      aria-expanded={props.hasChildren ? !props.collapsed : undefined}
      // While renaming, the name comes from the content ("STR" and the field's text), so a message
      // under the field (a refusal, a stored control character) is part of it (WCAG 2.5.3 label in name).
      aria-label={editing ? undefined : `${kindShort[node.kind]} ${namedControlText(title) || 'Untitled'}`}
      aria-describedby={`row-description-${node.id}`}
      data-node-id={node.id}
      data-kind={node.kind}
      className={classes}
      style={{ transform: `translateY(${props.top}px)`, ...(peerColour ? { boxShadow: `inset 3px 0 0 ${peerColour}` } : {}) }}
      draggable={!props.readOnly && !editing}
      onClick={() => props.onSelect(node.id)}
      onDoubleClick={() => { if (!props.readOnly) props.onStartEditing(node.id); }}
      onDragStart={(event) => props.onDragStart(node.id, event)}
      onDragOver={(event) => props.onDragOver(node.id, event)}
      onDragLeave={() => props.onDragLeave(node.id)}
      onDrop={(event) => props.onDrop(node.id, event)}
      onDragEnd={props.onDragEnd}
    >
      <span className="row-indent" style={{ width: depth * 20 }} />
      <button type="button" tabIndex={-1} className="row-caret" aria-hidden="true" disabled={!props.hasChildren}
        onClick={(event) => { event.stopPropagation(); props.onToggle(node.id); }}>
        {props.hasChildren ? (props.collapsed ? '▸' : '▾') : ''}
      </button>
      <span className={`kind-tag kind-${node.kind}`} title={KIND_LABELS[node.kind]}>{kindShort[node.kind]}</span>
      {/* A space between tag and title (a flex row lays it out as nothing), so the text reads "KR Revenue", as the name does. */}
      {' '}
      {editing
        ? <TitleEditor id={node.id} initial={title} onEditKey={props.onEditKey} onCommitTitle={props.onCommitTitle} onLeftEmpty={props.onLeftEmpty} />
        // Another client's title may hold control characters (shown as signs) or an unclosed bidi override (kept inside by dir="auto").
        : <span className={title ? 'row-title' : 'row-title untitled'} dir="auto">{title ? <ShownText text={title} /> : 'Untitled'}</span>}
      <span id={`row-description-${node.id}`} hidden>{description}</span>
      {uniqueBadges.map((kind) => <span key={kind} className={`signal-badge signal-${kind}`} aria-hidden="true">{signalBadges[kind]}</span>)}
      {node.orphaned && <span className="signal-badge" aria-hidden="true" title="Its parent is missing; shown at the top level">Orphaned</span>}
      {node.reattached && <span className="signal-badge" aria-hidden="true" title="Its parent was deleted while this was added or moved; kept under the nearest remaining item">Re-attached</span>}
      {props.undoneMove && <span className="signal-badge" aria-hidden="true" title={props.undoneMove.explanation}><Sentence text={props.undoneMove.badge} /></span>}
      {!editing && <TextConflicts node={node} field="title" readOnly={props.readOnly} compact />}
      <span className="row-spacer" />
      {peers?.map((peer) => <Avatar key={peer.clientId} name={peer.user.name} colour={peer.user.colour} label={`${isolatedText(peer.user.name)} has this selected`} decorative />)}
      {props.ownerName && <span className="row-owner" title={`Owner: ${props.ownerName}`} aria-hidden="true">{props.ownerName}</span>}
      {node.progress !== null && (
        <span className={`progress health-${node.health}`} aria-hidden="true">
          <span className="progress-track"><span className="progress-fill" style={{ width: percent(node.progress) }} /></span>
          <span className="progress-value">{percent(node.progress)}</span>
        </span>
      )}
      <span className={`health-dot health-${node.health}`} aria-hidden="true" title={node.healthCause ? signalText(node.healthCause.signal) : healthLabel[node.health]} />
    </div>
  );
});
