import { useState } from 'react';
import type { TeamView } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { naturalCompare } from '../outline/labels.js';

/** Teams in their hierarchy, depth first. */
function teamsInOrder(teams: readonly TeamView[]): { team: TeamView; depth: number }[] {
  const byParent = new Map<string | null, TeamView[]>();
  const ids = new Set(teams.map((team) => team.id));
  for (const team of teams) {
    const parent = team.parent && ids.has(team.parent) ? team.parent : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), team]);
  }
  const ordered: { team: TeamView; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const team of (byParent.get(parent) ?? []).sort((a, b) => naturalCompare(a.name, b.name))) {
      ordered.push({ team, depth });
      if (depth < 20) visit(team.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** The plan's teams: add, rename, nest, remove. */
export function TeamsSection() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const teams = plan?.index.teams() ?? [];
  const add = () => {
    const result = app.run((current) => current.addTeam({ name: name.trim(), parent: parent || null }), { quiet: true });
    setProblem(result.ok ? null : result.message);
    if (result.ok) setName('');
  };
  return (
    <section className="card directory-section" aria-label="Teams">
      <h3>Teams <span className="faint">({teams.length})</span></h3>
      <ul className="team-list">
        {teamsInOrder(teams).map(({ team, depth }) => (
          <li key={team.id} style={{ paddingLeft: depth * 18 }}>
            <span className="team-name">{team.name}</span>
            <span className="row-spacer" />
            {!readOnly && (
              <>
                <select className="select compact" aria-label={`Parent team of ${team.name}`} value={team.parent ?? ''}
                  onChange={(event) => app.run((current) => current.updateTeam(team.id, { parent: event.target.value || null }))}>
                  <option value="">Top level</option>
                  {teams.filter((other) => other.id !== team.id).map((other) => <option key={other.id} value={other.id}>under {other.name}</option>)}
                </select>
                <button type="button" className="button small ghost danger" aria-label={`Remove team ${team.name}`} onClick={() => app.run((current) => current.removeTeam(team.id))}>Remove</button>
              </>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form className="directory-add" onSubmit={(event) => { event.preventDefault(); add(); }}>
          <input className="input" aria-label="New team's name" placeholder="Add a team" value={name} onChange={(event) => { setName(event.target.value); setProblem(null); }} />
          <select className="select" aria-label="New team's parent" value={parent} onChange={(event) => setParent(event.target.value)}>
            <option value="">Top level</option>
            {teams.map((team) => <option key={team.id} value={team.id}>under {team.name}</option>)}
          </select>
          <button type="submit" className="button">Add team</button>
          {problem && <span className="field-error" role="alert">{problem}</span>}
        </form>
      )}
    </section>
  );
}
