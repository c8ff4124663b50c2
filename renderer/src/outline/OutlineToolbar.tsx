import { useAppStore } from '../store/app-store.js';
import { FilterControls } from './FilterControls.js';
import { useOutlineCommands } from './use-outline-commands.js';

/** Filters (owner, team, period, health, text) and the outline's add / expand actions. */
export function OutlineToolbar() {
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  const selectedId = useAppStore((state) => state.selectedId);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const expandAll = useAppStore((state) => state.expandAll);
  const openDialog = useAppStore((state) => state.openDialog);
  const commands = useOutlineCommands();
  const summary = plan?.index.summary();

  return (
    <div className="outline-toolbar" role="toolbar" aria-label="Outline tools">
      <FilterControls />
      <span className="row-spacer" />
      {summary && <span className="faint numeric">{summary.liveNodes.toLocaleString()} items</span>}
      <button type="button" className="button small ghost" onClick={expandAll}>Expand all</button>
      <button type="button" className="button small ghost" onClick={() => openDialog('trash')}>Deleted items</button>
      {!readOnly && (
        <>
          <button type="button" className="button small" onClick={() => commands.newSibling(null)}>Add strategy</button>
          <button type="button" className="button small" disabled={!selectedId} onClick={() => { if (selectedId) commands.newChild(selectedId); }}>Add child</button>
        </>
      )}
    </div>
  );
}
