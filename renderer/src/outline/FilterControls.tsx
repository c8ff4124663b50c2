import { useMemo } from 'react';
import { useAppStore } from '../store/app-store.js';
import { noFilters } from '../store/ui-slice.js';
import { hasFilters } from './outline-filter.js';
import { planDirectory } from '../session/plan-directory.js';
import { teamOptionLabel } from '../people/team-option.js';
import { FilledSelect, type SelectOption } from '../people/FilledSelect.js';

/** A person or team as the closed select shows it. */
function named(item: { id: string; name: string } | undefined): SelectOption | undefined {
  return item ? { value: item.id, label: item.name } : undefined;
}

/** Find and filter (owner, team, period, health): one filter state, shared by the outline and the canvas. */
export function FilterControls() {
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const filters = useAppStore((state) => state.filters);
  const setFilters = useAppStore((state) => state.setFilters);
  const directory = useMemo(() => {
    void planVersion;
    return planDirectory(plan?.index);
  }, [plan, planVersion]);

  return (
    <>
      <input className="input search" type="search" aria-label="Find by title" placeholder="Find…" value={filters.text}
        onChange={(event) => setFilters({ text: event.target.value })} />
      {/* A company's 10,000 people and 2,000 teams: filled when reached, not on every render (FilledSelect). */}
      <FilledSelect className="select directory-filter" aria-label="Filter by owner" value={filters.owner} noneLabel="Any owner" chosen={named(directory.person(filters.owner))}
        options={() => directory.people.map((person) => ({ value: person.id, label: person.name }))} onChange={(owner) => setFilters({ owner })} />
      <FilledSelect className="select directory-filter" aria-label="Filter by team" value={filters.team} noneLabel="Any team" chosen={named(directory.team(filters.team))}
        options={() => directory.teams.map((team) => ({ value: team.id, label: teamOptionLabel(team.name, team.depth) }))} onChange={(team) => setFilters({ team })} />
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
    </>
  );
}
