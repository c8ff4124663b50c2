import { useMemo, useRef, useState } from 'react';
import { nameKey, removalHoldings, removedNamesake, subteamsOf, teamScope, type TeamId, type TeamView } from '../../../shared/model/index.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { useControllers } from '../session/controller-context.js';
import { orderedTeams } from '../session/plan-directory.js';
import { useAppStore } from '../store/app-store.js';
import { TeamPicker } from './TeamPicker.js';
import { ShownText } from '../outline/ShownText.js';
import { Isolated } from '../text/Isolated.js';
import { namedControlText } from '../../../shared/text/control-characters.js';
import { REMOVE_ATTRIBUTE, RESTORE_ATTRIBUTE, useRemoval } from './RemoveQuestion.js';
import { formatPlanDayTime, naturalCompare } from '../outline/labels.js';
import { useNamesakeAsking } from './NamesakeQuestion.js';
import { removedByName } from '../../../shared/model/removed.js';

/** Deeper levels line up: a hostile chain of nested teams must not push the list off the page. */
const MAX_INDENT_LEVELS = 12;

/** "2 items, 1 member and 1 sub-team" (what is named), or '' when nothing is. */
function countWords({ items, members, subteams }: { items: number; members: number; subteams: number }): string {
  const parts = [[items, 'item'], [members, 'member'], [subteams, 'sub-team']].filter(([count]) => (count as number) > 0)
    .map(([count, word]) => `${(count as number).toLocaleString()} ${word as string}${count === 1 ? '' : 's'}`);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/** The plan's teams: add, rename, nest, remove. */
export function TeamsSection() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { teams, ordered, subteams, removed } = useMemo(() => {
    void planVersion;
    // Removed teams are left out of the list and every picker; a team under one shows under the
    // nearest live team above it (its `parent` from the index), so its picker names its place.
    const teams = plan?.index.teams() ?? [];
    const removed = (plan?.index.removedTeams() ?? []).sort((a, b) => naturalCompare(a.name, b.name));
    return { teams, ordered: orderedTeams(teams), subteams: subteamsOf(teams), removed };
  }, [plan, planVersion]);
  // Live teams sharing a name (leftovers40, as people do since leftovers39): each says so, with a merge.
  const sameNamed = useMemo(() => {
    const byName = new Map<string, TeamView[]>();
    for (const team of teams) byName.set(nameKey(team.name), [...(byName.get(nameKey(team.name)) ?? []), team]);
    return byName;
  }, [teams]);
  const notify = useAppStore((state) => state.notify);
  const holdingsWords = (team: TeamView) => {
    const held = plan ? removalHoldings(plan.index, 'team', team.id) : { items: 0, members: 0, subteams: 0 };
    return countWords(held) || 'nothing named by it';
  };
  const merge = (kept: TeamView) => {
    const others = (sameNamed.get(nameKey(kept.name)) ?? []).filter((team) => team.id !== kept.id);
    const moved = { items: 0, members: 0, subteams: 0 };
    const result = app.run((current) => {
      for (const other of others) {
        const one = current.mergeTeam(other.id as TeamId, kept.id as TeamId);
        moved.items += one.items; moved.members += one.members; moved.subteams += one.subteams;
      }
    });
    if (!result.ok) return;
    const more = countWords(moved);
    notify({
      tone: 'info',
      text: `Merged: ${isolatedText(kept.name)} now stands for ${others.length === 1 ? 'both' : `all ${others.length + 1}`}${more ? ` and takes in ${more}` : ''}; the other${others.length === 1 ? ' is' : 's are'} under Removed teams.`,
      action: { label: 'Undo', run: () => app.undo() },
    });
  };
  // Remove asks first when the team has members, sub-teams or items, naming them (people38): the path People uses.
  const removal = useRemoval();
  const add = () => {
    const result = app.run((current) => current.addTeam({ name: name.trim(), parent: parent || null }), { quiet: true });
    setProblem(result.ok ? null : result.message);
    if (result.ok) setName('');
  };
  // A removed team of the typed name: asked first, restore or a new one (leftovers39).
  const nameInput = useRef<HTMLInputElement>(null);
  const namesake = useNamesakeAsking({
    what: 'team', add, nameInput,
    namesakeOf: (typed) => removedNamesake(teams, removed, typed),
    restore: (team) => { setName(''); removal.restore({ what: 'team', id: team.id }); },
  });
  return (
    <section className="card directory-section" aria-label="Teams">
      <h3>Teams <span className="faint">({teams.length})</span></h3>
      <ul className="team-list">
        {ordered.list.map(({ team, depth }) => {
          const namesakes = (sameNamed.get(nameKey(team.name))?.length ?? 1) - 1;
          return (
          <li key={team.id} style={{ paddingLeft: Math.min(depth, MAX_INDENT_LEVELS) * 18 }}>
            <span className="team-name"><ShownText text={team.name} /></span>
            <span className="row-spacer" />
            {!readOnly && (
              <>
                {/* Its own sub-teams are not offered: the plan refuses a team under its own sub-team. */}
                <TeamPicker label={`Parent team of ${namedControlText(team.name)}`} value={team.parent ?? ''} noneLabel="Top level" prefix="under " teams={ordered}
                  excluded={() => teamScope(subteams, team.id)}
                  onChange={(parentId) => app.run((current) => current.updateTeam(team.id, { parent: parentId }))} />
                <button type="button" className="button small ghost danger" aria-label={`Remove team ${namedControlText(team.name)}`} {...{ [REMOVE_ATTRIBUTE]: team.id }} onClick={() => removal.remove({ what: 'team', id: team.id })}>Remove</button>
              </>
            )}
            {namesakes > 0 && (
              <p className="same-name-note">
                Same name as {namesakes === 1 ? 'another team' : `${namesakes} other teams`} in the plan (perhaps added twice at once).{' '}
                {!readOnly && <button type="button" className="button small" aria-label={`Keep this one, merge the other${namesakes === 1 ? '' : 's'} into it: ${namedControlText(team.name)}, ${team.parent ? `under ${namedControlText(plan?.index.team(team.parent)?.name ?? 'another team')}` : 'top level'}, ${holdingsWords(team)}`} onClick={() => merge(team)}>Keep this one, merge the other{namesakes === 1 ? '' : 's'} into it</button>}
              </p>
            )}
          </li>
          );
        })}
      </ul>
      {!readOnly && (
        <form className="directory-add" onSubmit={(event) => { event.preventDefault(); namesake.submit(name); }}>
          <input ref={nameInput} className="input" aria-label="New team's name" placeholder="Add a team" value={name} onChange={(event) => { setName(event.target.value); setProblem(null); namesake.drop(); }} />
          <span className="directory-add-parent">
            <TeamPicker label="New team's parent" value={parent} noneLabel="Top level" prefix="under " teams={ordered} onChange={(teamId) => setParent(teamId ?? '')} />
          </span>
          <button type="submit" className="button">Add team</button>
          {problem && <span className="field-error" role="alert">{problem}</span>}
          {namesake.note && <span className="muted" role="status">{namesake.note}</span>}
        </form>
      )}
      {!readOnly && namesake.question}
      {removed.length > 0 && (
        <section className="removed-directory" aria-label="Removed teams">
          <h4>Removed teams <span className="faint">({removed.length})</span></h4>
          <p className="muted">Their sub-teams sit under the team above; work that named them counts under the team above until someone picks another.</p>
          <ul className="removed-list">
            {removed.map((team) => {
              const by = removedByName(plan?.index, team.removed);
              return (
                <li key={team.id}>
                  <span className="team-name"><Isolated text={team.name} /></span>
                  <span className="faint">{team.mergedInto ? `merged into ${namedControlText(plan?.index.team(team.mergedInto)?.name ?? 'another team')}` : 'removed'}{team.removed ? ` ${formatPlanDayTime(team.removed.at, plan?.index.timeZone ?? 'UTC')}` : ''}{by ? ` by ${by}` : ''}</span>
                  <span className="row-spacer" />
                  {!readOnly && <button type="button" className="button small" aria-label={`Restore team ${namedControlText(team.name)}`} {...{ [RESTORE_ATTRIBUTE]: team.id }} onClick={() => removal.restore({ what: 'team', id: team.id })}>Restore</button>}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {removal.question}
    </section>
  );
}
