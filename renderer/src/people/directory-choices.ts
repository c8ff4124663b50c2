import type { PersonView, TeamView } from '../../../shared/model/index.js';
import type { DirectoryChoice } from './directory-search.js';

/** Between the names of a team's path: "Sales › EMEA › Team 12". */
export const PATH_SEPARATOR = ' › ';
/**
 * The levels of a path shown and matched: a chain of hostile depth (thousands of teams one under
 * another) would otherwise make paths of thousands of names for each of thousands of teams.
 */
const PATH_LEVELS = 6;

/** The teams in their hierarchy (depth first, `depth` 0 at the top), as plan-directory.ts lists them. */
type PlacedTeams = readonly (TeamView & { depth: number })[];

/** Each team's path from the top of the hierarchy to it, by id, in one pass over the ordered teams. */
export function teamPaths(teams: PlacedTeams): Map<string, string> {
  const paths = new Map<string, string>();
  const above: string[] = [];
  for (const team of teams) {
    above.length = team.depth;
    above.push(team.name);
    const shown = above.length > PATH_LEVELS ? ['…', ...above.slice(-PATH_LEVELS + 1)] : above;
    paths.set(team.id, shown.join(PATH_SEPARATOR));
  }
  return paths;
}

/** The teams as a picker offers them, each with its path: equal names apart ("Sales › Team 3", "Ops › Team 3"). */
export function teamChoices(teams: PlacedTeams): DirectoryChoice[] {
  const paths = teamPaths(teams);
  return teams.map((team) => ({ id: team.id, name: team.name, note: paths.get(team.id) ?? team.name }));
}

/** The people as a picker offers them, each with their team's path, role where asked, and e-mail. */
export function peopleChoices(people: readonly PersonView[], teams: PlacedTeams, options: { role?: boolean } = {}): DirectoryChoice[] {
  const paths = teamPaths(teams);
  return people.map((person) => {
    const parts = [options.role ? person.role : null, person.team ? paths.get(person.team) : null, person.email];
    return { id: person.id, name: person.name, note: parts.filter((part): part is string => !!part).join(' · ') };
  });
}
