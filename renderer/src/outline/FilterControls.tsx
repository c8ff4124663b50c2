import { useMemo } from 'react';
import { useAppStore } from '../store/app-store.js';
import { noFilters } from '../store/ui-slice.js';
import { hasFilters } from './outline-filter.js';
import { planDirectory } from '../session/plan-directory.js';
import { DirectoryPicker } from '../people/DirectoryPicker.js';
import { peopleChoices, teamChoices } from '../people/directory-choices.js';
import { shownName } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { PeriodOptions } from '../shell/PeriodOptions.js';

/** A filter chosen before its person or team was removed keeps working and says so: "Carla (removed)". */
const shownNameOf = (view: Parameters<typeof shownName>[0], what: 'person' | 'team' = 'person') => (view ? shownName(view, what) : undefined);

/** Find and filter (owner, team, period, health): one filter state, shared by the outline and the canvas. */
export function FilterControls() {
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const filters = useAppStore((state) => state.filters);
  const setFilters = useAppStore((state) => state.setFilters);
  const { commands: registry } = useControllers();
  const directory = useMemo(() => {
    void planVersion;
    return planDirectory(plan?.index);
  }, [plan, planVersion]);

  return (
    <>
      <input className="input search" type="search" aria-label="Find by title" placeholder="Find…" value={filters.text}
        onChange={(event) => setFilters({ text: event.target.value })}
        // On the canvas, Enter / Shift+Enter go to the next / previous match (canvas-commands.ts); elsewhere no command has them.
        onKeyDown={(event) => { if (registry.handleKey(event, 'canvasFind')) event.preventDefault(); }} />
      {/* A company's 10,000 people and 2,000 teams: searched as one types, walked only when opened (DirectoryPicker). */}
      <DirectoryPicker className="directory-filter" aria-label="Filter by owner" value={filters.owner} noneLabel="Any owner" kind="People"
        currentName={filters.owner ? shownNameOf(directory.person(filters.owner)) : undefined} choices={() => peopleChoices(directory.people, directory.teams)} source={directory}
        onChange={(owner) => setFilters({ owner })} />
      <DirectoryPicker className="directory-filter" aria-label="Filter by team" value={filters.team} noneLabel="Any team" kind="Teams"
        currentName={filters.team ? shownNameOf(directory.team(filters.team), 'team') : undefined} choices={() => teamChoices(directory.teams)} source={directory}
        onChange={(team) => setFilters({ team })} />
      <select className="select" aria-label="Filter by period" value={filters.period} onChange={(event) => setFilters({ period: event.target.value })}>
        <PeriodOptions periods={directory.periods} />
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
