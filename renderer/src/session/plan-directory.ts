import { DEFAULT_TIME_ZONE, teamsInHierarchy, type PlacedTeam, type PlanIndex, type TeamView } from '../../../shared/model/index.js';
import type { Directory } from '../detail/FieldEditor.js';
import { naturalCompare } from '../outline/labels.js';

/** The teams as every picker lists them: in their hierarchy, depth first, siblings by name. */
export function teamsInOrder(teams: readonly TeamView[]): { team: TeamView; depth: number }[] {
  return teamsInHierarchy(teams, (a, b) => naturalCompare(a.name, b.name) || a.id.localeCompare(b.id));
}

/** The teams in hierarchy order, and each found by id (a row's picker shows its chosen team without a scan). */
export interface OrderedTeams {
  readonly list: readonly PlacedTeam<TeamView>[];
  readonly byId: ReadonlyMap<string, PlacedTeam<TeamView>>;
}

export function orderedTeams(teams: readonly TeamView[]): OrderedTeams {
  const list = teamsInOrder(teams);
  return { list, byId: new Map(list.map((placed) => [placed.team.id, placed])) };
}

/** The plan's people sorted by name, its teams in their hierarchy, its periods and its time zone, for pickers, filters and times shown. */
export function planDirectory(index: PlanIndex | undefined): Directory {
  return {
    people: (index?.people() ?? []).sort((a, b) => naturalCompare(a.name, b.name)),
    teams: teamsInOrder(index?.teams() ?? []).map(({ team, depth }) => ({ ...team, depth })),
    periods: index?.periods() ?? [],
    timeZone: index?.timeZone ?? DEFAULT_TIME_ZONE,
  };
}
