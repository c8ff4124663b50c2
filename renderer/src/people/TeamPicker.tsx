import { useState } from 'react';
import type { OrderedTeams } from '../session/plan-directory.js';
import { teamOptionLabel } from './team-option.js';

interface TeamPickerProps {
  label: string;
  /** The chosen team's id, '' for none. */
  value: string;
  /** The option for no team ("—", "Top level"). */
  noneLabel: string;
  /** Every team the picker may offer (plan-directory.ts's orderedTeams). */
  teams: OrderedTeams;
  /** Teams not offered (a team's own sub-teams as its parent): asked only once the picker is filled. */
  excluded?: () => ReadonlySet<string>;
  /** Put before each team's name ("under "). */
  prefix?: string;
  disabled?: boolean;
  onChange(teamId: string | null): void;
}

/**
 * A team select on a row of a long table (People, Teams): it holds only the chosen team until the
 * pointer or the focus comes to it, then every team. A 10,000-person company with 2,000 teams would
 * otherwise build 20 million options on the People page.
 */
export function TeamPicker({ label, value, noneLabel, teams, excluded, prefix = '', disabled, onChange }: TeamPickerProps) {
  const [full, setFull] = useState(false);
  const left = full ? excluded?.() : undefined;
  const chosen = teams.byId.get(value);
  const offered = full
    ? teams.list.filter(({ team }) => team.id === value || !left?.has(team.id))
    : chosen ? [chosen] : [];
  const fill = () => { if (!full) setFull(true); };
  return (
    <select className="select compact" aria-label={label} value={value} disabled={disabled}
      onFocus={fill} onPointerEnter={fill} onPointerDown={fill}
      onChange={(event) => onChange(event.target.value || null)}>
      <option value="">{noneLabel}</option>
      {offered.map(({ team, depth }) => <option key={team.id} value={team.id}>{full ? teamOptionLabel(prefix + team.name, depth) : prefix + team.name}</option>)}
    </select>
  );
}
