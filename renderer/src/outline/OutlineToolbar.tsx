import { useAppStore } from '../store/app-store.js';
import { FilterControls } from './FilterControls.js';
import { filterPredicate } from './outline-filter.js';
import { plural } from './labels.js';
import type { PlanIndex } from '../../../shared/model/index.js';
import type { OutlineFilters } from '../store/ui-slice.js';

/**
 * The item count follows the filter: "12 of 340 items match", else "340 items"; items this person added
 * under the filter that do not match it are shown and said: "…, and 1 you added is shown".
 */
function itemCount(index: PlanIndex, filters: OutlineFilters, total: number): string {
  const { added, ...set } = filters;
  const matches = filterPredicate(index, set);
  if (!matches) return plural(total, 'item');
  let count = 0;
  for (const id of index.walk()) if (matches(id)) count++;
  let shown = 0;
  for (const id of added ?? []) if (index.node(id) !== undefined && !matches(id)) shown++;
  const extra = shown === 0 ? '' : `, and ${shown.toLocaleString()} you added ${shown === 1 ? 'is' : 'are'} shown`;
  return `${count.toLocaleString()} of ${plural(total, 'item')} match${extra}`;
}
import { useOutlineCommands } from './use-outline-commands.js';

/** Filters (owner, team, period, health, text) and the outline's add / expand actions. */
export function OutlineToolbar() {
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  const selectedId = useAppStore((state) => state.selectedId);
  const filters = useAppStore((state) => state.filters);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const expandAll = useAppStore((state) => state.expandAll);
  const openDialog = useAppStore((state) => state.openDialog);
  const commands = useOutlineCommands();
  const summary = plan?.index.summary();

  return (
    <div className="outline-toolbar" role="toolbar" aria-label="Outline tools">
      <FilterControls />
      <span className="row-spacer" />
      {summary && <span className="faint numeric" aria-live="polite">{itemCount(plan!.index, filters, summary.liveNodes)}</span>}
      <button type="button" className="button small ghost" onClick={expandAll}>Expand all</button>
      <button type="button" className="button small ghost" onClick={() => openDialog('trash')}>Deleted items</button>
      {!readOnly && (
        <>
          <button type="button" className="button small" onClick={() => commands.newSibling(null)}>Add strategy</button>
          <button type="button" className="button small" disabled={!selectedId} onClick={() => { if (selectedId) commands.newChild(selectedId); }}>Add child</button>
          <button type="button" className="button small" disabled={!selectedId} title="Alt+K" onClick={() => commands.newKpi(selectedId)}>Add KPI</button>
        </>
      )}
    </div>
  );
}
