import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { isNodeId, shownName, type NodeId } from '../../../shared/model/index.js';
import type { OutlineSurface } from '../commands/command.js';
import { useControllers } from '../session/controller-context.js';
import { markOutlineInteractive, markViewsCommitted } from '../session/perf-marks.js';
import { appStore, useAppStore } from '../store/app-store.js';
import { selectionsByNode } from '../sync/presence.js';
import { checkDrop, drop, selectionAfterDelete, type DropPosition } from './outline-commands.js';
import { hasFilters } from './outline-filter.js';
import { rowIndex } from './outline-rows.js';
import { outlineRowsOf } from './prepared-rows.js';
import { OutlineRow } from './OutlineRow.js';
import { undoneMoveWords } from './labels.js';
import { afterFirstLayout, useOutlineVirtualizer } from './outline-virtualizer.js';
import { takeOutlineScroll } from './scroll-handoff.js';
import { useOutlineCommands } from './use-outline-commands.js';
import { useKeptPlace } from './use-kept-place.js';
import { takeLanding } from '../shell/view-landing.js';

const rowHeight = 32;
const dragType = 'application/x-throughline-node';

function dropPositionAt(event: DragEvent<HTMLDivElement>): DropPosition {
  const box = event.currentTarget.getBoundingClientRect();
  const y = (event.clientY - box.top) / box.height;
  return y < 0.25 ? 'before' : y > 0.75 ? 'after' : 'inside';
}

/** The virtualised, keyboard-first tree of the plan (role tree, one focus stop, active descendant). */
export function OutlineTree() {
  const { app, commands: registry } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const collapsed = useAppStore((state) => state.collapsed);
  const filters = useAppStore((state) => state.filters);
  const selectedId = useAppStore((state) => state.selectedId);
  const editingId = useAppStore((state) => state.editingId);
  const titleDraft = useAppStore((state) => state.titleDraft);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const peers = useAppStore((state) => state.peers);
  const commands = useOutlineCommands();
  const scrollRef = useRef<HTMLDivElement>(null);
  const keepScrollOnce = useRef(false);
  const dragged = useRef<NodeId | null>(null);
  /** Why the row under the pointer refuses the drop, shown when the drag ends there. */
  const refusal = useRef<string | null>(null);
  const [dropHint, setDropHint] = useState<{ id: string; position: DropPosition; refused: boolean } | null>(null);

  const index = plan?.index ?? null;
  const rows = useMemo(() => {
    void planVersion;
    if (!index) return [];
    return outlineRowsOf(index, collapsed, filters);
  }, [index, planVersion, collapsed, filters]);
  const peerSelections = useMemo(() => selectionsByNode(peers), [peers]);
  const peopleNames = useMemo(() => {
    void planVersion;
    return new Map<string, string>([...(index?.people() ?? []), ...(index?.removedPeople() ?? [])].map((person) => [person.id, shownName(person)]));
  }, [index, planVersion]);

  const actor = useCallback(() => app.actor(), [app]);
  const keptPlace = useKeptPlace({ index, rows, selectedId, editingId, actor, tree: scrollRef });
  const { virtualizer, restoresScroll } = useOutlineVirtualizer(rows.length, () => scrollRef.current, rowHeight);

  // Chosen by a command ("Go to Outline"): the tree takes the keys, on its selected row or else the first (leftovers45a).
  // Before the effect below, which focuses the tree only when nothing has the focus (and would take the landing's place).
  useEffect(() => {
    if (!index || !takeLanding('outline')) return;
    const state = appStore.getState();
    const first = rows[0];
    if (rowIndex(rows, state.selectedId) < 0 && first) state.select(first.id);
    scrollRef.current?.focus({ preventScroll: true });
    // Only as the tree is first drawn: later changes of the rows are no landing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index]);
  // Keyboard-first: a freshly opened plan takes keys at once.
  useEffect(() => {
    if (!index) return;
    // Coming from the stored first screen: stay where the person had scrolled.
    const handedOver = takeOutlineScroll();
    if (handedOver !== null && scrollRef.current) {
      // Started from the first screen, the virtualiser writes it itself in the next frame.
      if (!restoresScroll) scrollRef.current.scrollTop = handedOver;
      // The virtualiser has not seen that scroll yet: bringing the selection into view now would
      // measure from the top and jump. The person scrolled to where they are; the selection is theirs.
      keepScrollOnce.current = true;
    }
    markOutlineInteractive();
    const focusIfNothingIs = () => {
      if (document.activeElement === document.body || document.activeElement === null) scrollRef.current?.focus({ preventScroll: true });
    };
    // Replacing the first screen: focusing forces a style and layout of the new page inside the
    // swap's task; once the next frame has laid the page out, it costs next to nothing.
    if (restoresScroll && scrollRef.current) afterFirstLayout(scrollRef.current, focusIfNothingIs);
    else focusIfNothingIs();
  }, [index, restoresScroll]);
  useEffect(() => { markViewsCommitted(); }, [planVersion]);

  // Keep the selected row in view (it may be far away after a filter, a move or a remote change).
  const selectedIndex = rowIndex(rows, selectedId);
  useEffect(() => {
    if (keepScrollOnce.current) {
      keepScrollOnce.current = false;
      return;
    }
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const focusTree = () => scrollRef.current?.focus({ preventScroll: true });
  const select = useCallback((id: NodeId) => { appStore.getState().select(id); focusTree(); }, []);
  const toggle = useCallback((id: NodeId) => appStore.getState().toggleCollapsed(id), []);
  const startEditing = useCallback((id: NodeId) => { appStore.getState().select(id); appStore.getState().startEditing(id); }, []);

  /**
   * Removes a line still untitled and childless (nobody has named it or put work under it since), leaving
   * no undo step. Escape moves the selection on to the line's neighbour (`moveSelection`); a click away
   * keeps the row it clicked.
   */
  const discardIfUntitled = useCallback((id: NodeId, moveSelection = false) => {
    const plan = app.plan;
    if (!plan || plan.index.node(id)?.childIds.length !== 0 || plan.index.title(id) !== '') return;
    const state = appStore.getState();
    const next = selectionAfterDelete(plan, id);
    if (state.editingId === id) state.startEditing(null);
    if (app.discardNewLine(id) && (moveSelection || appStore.getState().selectedId === id)) state.select(next);
  }, [app]);

  const onEditKey = useCallback((id: NodeId, event: KeyboardEvent<HTMLInputElement>, value: string, base: string) => {
    const state = appStore.getState();
    const finish = () => { commands.commitTitle(id, value, base); state.startEditing(null); };
    if (event.key === 'Enter') {
      event.preventDefault();
      // A new line (still untitled) continues the list with the next one; a rename just commits.
      const newLine = app.plan?.index.title(id) === '';
      finish();
      if (newLine) commands.newSibling(id);
      else focusTree();
    } else if (event.key === 'Tab') {
      event.preventDefault();
      commands.commitTitle(id, value, base);
      const moved = event.shiftKey ? commands.outdent(id) : commands.indent(id);
      if (!moved) state.startEditing(id);
      else state.startEditing(appStore.getState().selectedId);
    } else if (event.key === 'Escape') {
      // Escape cancels the edit and leaves the line; an untouched new line is removed again.
      event.preventDefault();
      state.startEditing(null);
      if (value.trim() === '') discardIfUntitled(id, true);
      // Otherwise Escape cancels the edit: the title stays as it was, nothing is written.
      focusTree();
    }
  }, [app, commands, discardIfUntitled]);

  const commitTitle = useCallback((id: NodeId, value: string, base: string) => {
    commands.commitTitle(id, value, base);
    if (appStore.getState().editingId === id) appStore.getState().startEditing(null);
  }, [commands]);

  // The outline's keys are commands of the registry (renderer/src/commands/outline.ts): the same
  // objects the palette, the keyboard help and the menus show.
  const pageRows = () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / rowHeight) - 1);
  const surfaceRef = useRef<OutlineSurface>({ rows, selectedIndex, pageRows: 1, focus: focusTree });
  surfaceRef.current = { rows, selectedIndex, get pageRows() { return pageRows(); }, focus: focusTree };
  useEffect(() => {
    const attached = registry.attachSurface('outline', () => surfaceRef.current);
    return () => { void attached.dispose(); registry.refresh(); };
  }, [registry]);
  // The outline commands' availability reads these (Delete needs a selected row): tell the registry
  // after each render that changed them, so the desktop menu is not a step behind the selection.
  useEffect(() => { registry.refresh(); }, [registry, rows, selectedIndex]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (registry.handleKey(event, 'outline')) event.preventDefault();
  };

  const onDragStart = useCallback((id: NodeId, event: DragEvent) => {
    dragged.current = id;
    event.dataTransfer.setData(dragType, id);
    event.dataTransfer.effectAllowed = 'move';
  }, []);

  const onDragOver = useCallback((id: NodeId, event: DragEvent<HTMLDivElement>) => {
    const source = dragged.current;
    const current = app.plan;
    if (!source || !current) return;
    const position = dropPositionAt(event);
    const check = checkDrop(current, source, id, position);
    const refused = 'refused' in check;
    refusal.current = 'refused' in check ? check.refused : null;
    event.preventDefault();
    event.dataTransfer.dropEffect = refused ? 'none' : 'move';
    setDropHint((hint) => (hint?.id === id && hint.position === position && hint.refused === refused ? hint : { id, position, refused }));
  }, [app]);

  const onDrop = useCallback((id: NodeId, event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    // A drag from elsewhere carries text from outside: only a node id is taken, anything else ignored.
    const carried = event.dataTransfer.getData(dragType);
    const source = dragged.current ?? (isNodeId(carried) ? carried : null);
    dragged.current = null;
    refusal.current = null;
    setDropHint(null);
    if (!source) return;
    const position = dropPositionAt(event);
    const outcome = app.run((current) => drop(current, source, id, position));
    if (outcome.ok && !outcome.value.ok) appStore.getState().notify({ text: outcome.value.message, tone: 'error' });
    else if (outcome.ok && outcome.value.ok) appStore.getState().select(source);
  }, [app]);

  const onDragLeave = useCallback((id: NodeId) => setDropHint((hint) => (hint?.id === id ? null : hint)), []);

  // A refused drop never fires "drop" (the browser shows the no-drop cursor); say why when it ends.
  const onDragEnd = useCallback((event: DragEvent) => {
    const reason = refusal.current;
    refusal.current = null;
    dragged.current = null;
    setDropHint(null);
    if (reason && event.dataTransfer.dropEffect === 'none') appStore.getState().notify({ text: reason, tone: 'error' });
  }, []);

  if (!index) return null;
  if (rows.length === 0) {
    return (
      // A tree may hold only tree items (axe: aria-required-children, critical): the words say why it is empty
      // beside it, over its area, and describe it to a screen reader.
      <div className="outline-empty-area">
        <div className="outline-empty" ref={scrollRef} tabIndex={0} role="tree" aria-label="Plan outline" aria-describedby="outline-empty-hint" onKeyDown={onKeyDown}
          onFocus={keptPlace.onFocus} onBlur={keptPlace.onBlur} />
        {hasFilters(filters)
          ? <p id="outline-empty-hint" className="outline-empty-hint">No item matches these filters.</p>
          : <p id="outline-empty-hint" className="outline-empty-hint">This plan is empty. Press <kbd>Enter</kbd> to add the first strategy, then <kbd>Enter</kbd> for the next line and <kbd>Tab</kbd> to go one level down the cascade.</p>}
      </div>
    );
  }
  return (
    // The keys' line under the tree is its description (review43a F3): Tab changes a row's level here,
    // and a screen reader user who never saw the line pressed it to leave and moved their row.
    <div ref={scrollRef} className="outline-scroll" role="tree" aria-label="Plan outline" tabIndex={0} onKeyDown={onKeyDown}
      onFocus={keptPlace.onFocus} onBlur={keptPlace.onBlur} aria-describedby={readOnly ? undefined : 'outline-keys'}
      aria-activedescendant={selectedIndex >= 0 ? `row-${rows[selectedIndex]!.id}` : undefined}
      aria-multiselectable={false}>
      <div className="outline-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const node = index.node(row.id);
          if (!node) return null;
          const owner = node.fields.owner ?? node.fields.assignee;
          return (
            <OutlineRow key={row.id} node={node} title={row.id === editingId && titleDraft?.id === row.id ? titleDraft.value : node.title} ownerName={owner ? peopleNames.get(owner) ?? shownName(undefined) : null}
              undoneMove={node.displaced ? undoneMoveWords(node, app.actor(), (id) => peopleNames.get(id), (id) => index.title(id)) : null}
              depth={row.depth} hasChildren={row.hasChildren} collapsed={row.collapsed} matches={row.matches}
              selected={row.id === selectedId} editing={row.id === editingId} readOnly={readOnly}
              peers={peerSelections.get(row.id)} dropHint={dropHint?.id === row.id ? dropHint : null} top={item.start}
              onSelect={select} onToggle={toggle} onStartEditing={startEditing} onEditKey={onEditKey} onCommitTitle={commitTitle} onLeftEmpty={discardIfUntitled}
              onDragStart={onDragStart} onDragOver={onDragOver} onDrop={onDrop} onDragLeave={onDragLeave} onDragEnd={onDragEnd} />
          );
        })}
      </div>
    </div>
  );
}
