import { DEFAULT_TIME_ZONE, teamsInHierarchy, type PersonView, type PlacedTeam, type PlanIndex, type TeamView } from '../../../shared/model/index.js';
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

/**
 * The plan's people sorted by name, its teams in their hierarchy, its periods and its time zone, for
 * pickers, filters and times shown. People and teams are sorted when first read, once per version of
 * the plan: a panel that only shows a chosen person's name never sorts 10,000 of them.
 */
export function planDirectory(index: PlanIndex | undefined): Directory {
  let people: PersonView[] | undefined;
  let teams: (TeamView & { depth: number })[] | undefined;
  return {
    get people() { return (people ??= (index?.people() ?? []).sort((a, b) => naturalCompare(a.name, b.name))); },
    get teams() { return (teams ??= teamsInOrder(index?.teams() ?? []).map(({ team, depth }) => ({ ...team, depth }))); },
    person: (id) => index?.person(id),
    team: (id) => index?.team(id),
    periods: index?.periods() ?? [],
    timeZone: index?.timeZone ?? DEFAULT_TIME_ZONE,
  };
}
