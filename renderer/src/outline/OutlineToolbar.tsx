import { useMemo } from 'react';
import { useAppStore } from '../store/app-store.js';
import { noFilters } from '../store/ui-slice.js';
import { hasFilters } from './outline-filter.js';
import { useOutlineCommands } from './use-outline-commands.js';
import { planDirectory } from '../session/plan-directory.js';

/** Filters (owner, team, period, health, text) and the outline's add / expand actions. */
export function OutlineToolbar() {
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const filters = useAppStore((state) => state.filters);
  const setFilters = useAppStore((state) => state.setFilters);
  const selectedId = useAppStore((state) => state.selectedId);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const expandAll = useAppStore((state) => state.expandAll);
  const openDialog = useAppStore((state) => state.openDialog);
  const commands = useOutlineCommands();
  const directory = useMemo(() => {
    void planVersion;
    return planDirectory(plan?.index);
  }, [plan, planVersion]);
  const summary = plan?.index.summary();

  return (
    <div className="outline-toolbar" role="toolbar" aria-label="Outline tools">
      <input className="input search" type="search" aria-label="Find by title" placeholder="Find…" value={filters.text}
        onChange={(event) => setFilters({ text: event.target.value })} />
      <select className="select" aria-label="Filter by owner" value={filters.owner} onChange={(event) => setFilters({ owner: event.target.value })}>
        <option value="">Any owner</option>
        {directory.people.map((person) => <option key={person.id} value={person.id}>{person.name}</option>)}
      </select>
      <select className="select" aria-label="Filter by team" value={filters.team} onChange={(event) => setFilters({ team: event.target.value })}>
        <option value="">Any team</option>
        {directory.teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
      </select>
      <select className="select" aria-label="Filter by period" value={filters.period} onChange={(event) => setFilters({ period: event.target.value })}>
        <option value="">Any period</option>
        {directory.periods.map((period) => <option key={period.id} value={period.id}>{period.name}</option>)}
      </select>
      <select className="select" aria-label="Filter by health" value={filters.health}
        onChange={(event) => setFilters({ health: event.target.value as typeof filters.health })}>
        <option value="">Any health</option>
        <option value="on_track">On track</option>
        <option value="at_risk">At risk</option>
        <option value="off_track">Off track</option>
      </select>
      {hasFilters(filters) && <button type="button" className="button small ghost" onClick={() => setFilters(noFilters)}>Clear filters</button>}
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
