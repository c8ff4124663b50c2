import type { OrderedTeams } from '../session/plan-directory.js';
import { DirectoryPicker } from './DirectoryPicker.js';
import { teamChoices } from './directory-choices.js';

interface TeamPickerProps {
  label: string;
  /** The chosen team's id, '' for none. */
  value: string;
  /** The choice of no team ("—", "Top level"). */
  noneLabel: string;
  /** Every team the picker may offer (plan-directory.ts's orderedTeams). */
  teams: OrderedTeams;
  /** Teams not offered (a team's own sub-teams as its parent): asked only once the picker opens. */
  excluded?: () => ReadonlySet<string>;
  /** Put before the chosen team's name as it shows closed ("under "). */
  prefix?: string;
  disabled?: boolean;
  onChange(teamId: string | null): void;
}

/**
 * A team picker on a row of a long table (People, Teams): the chosen team's name until it is opened,
 * then the teams searched as one types, each with its path (DirectoryPicker). A 10,000-person company
 * with 2,000 teams would otherwise build 20 million options on the People page.
 */
export function TeamPicker({ label, value, noneLabel, teams, excluded, prefix = '', disabled, onChange }: TeamPickerProps) {
  const chosen = teams.byId.get(value);
  const choices = () => {
    const left = excluded?.();
    // Paths from the whole hierarchy, then the excluded left out: a path never skips a level.
    const all = teamChoices(teams.list.map(({ team, depth }) => ({ ...team, depth })));
    return left ? all.filter((choice) => choice.id === value || !left.has(choice.id)) : all;
  };
  return (
    <DirectoryPicker className="compact" aria-label={label} value={value} noneLabel={noneLabel} kind="Teams"
      currentName={chosen ? prefix + chosen.team.name : undefined} choices={choices} source={teams} disabled={disabled}
      onChange={(teamId) => onChange(teamId || null)} />
  );
}
