import { useMemo, useState } from 'react';
import type { PersonView, Plan } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { orderedTeams, type OrderedTeams } from '../session/plan-directory.js';
import { useAppStore } from '../store/app-store.js';
import { naturalCompare } from '../outline/labels.js';
import { TeamPicker } from './TeamPicker.js';
import { peopleMatching } from './people-find.js';

/** Rows shown at a time: a company's 10,000 people are found by name, not scrolled through. */
const PAGE = 100;

interface PersonRowProps {
  person: PersonView;
  owned: number;
  teams: OrderedTeams;
}

function PersonRow({ person, owned, teams }: PersonRowProps) {
  const { app } = useControllers();
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const [name, setName] = useState(person.name);
  const [email, setEmail] = useState(person.email ?? '');
  const [role, setRole] = useState(person.role ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const save = (patch: Parameters<Plan['updatePerson']>[1]) => {
    const result = app.run((current) => current.updatePerson(person.id, patch), { quiet: true });
    setProblem(result.ok ? null : result.message);
  };
  return (
    <tr>
      <td><input className="input" aria-label={`Name of ${person.name}`} value={name} readOnly={readOnly} onChange={(event) => setName(event.target.value)} onBlur={() => { if (name !== person.name) save({ name }); }} /></td>
      <td><input className="input" aria-label={`Email of ${person.name}`} value={email} readOnly={readOnly} onChange={(event) => setEmail(event.target.value)} onBlur={() => { if (email !== (person.email ?? '')) save({ email: email.trim() || null }); }} /></td>
      <td>
        <TeamPicker label={`Team of ${person.name}`} value={person.team ?? ''} noneLabel="—" teams={teams} disabled={readOnly} onChange={(team) => save({ team })} />
      </td>
      <td><input className="input" aria-label={`Role of ${person.name}`} value={role} readOnly={readOnly} onChange={(event) => setRole(event.target.value)} onBlur={() => { if (role !== (person.role ?? '')) save({ role: role.trim() || null }); }} /></td>
      <td className="numeric faint">{owned}</td>
      <td>
        {!readOnly && <button type="button" className="button small ghost danger" aria-label={`Remove ${person.name}`} onClick={() => app.run((current) => current.removePerson(person.id))}>Remove</button>}
        {problem && <span className="field-error" role="alert">{problem}</span>}
      </td>
    </tr>
  );
}

/** The plan's people: add, edit, remove; how many items each owns. */
export function PeopleSection() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [find, setFind] = useState('');
  const [shown, setShown] = useState(PAGE);
  const { people, owned, teams } = useMemo(() => {
    void planVersion;
    const counts = new Map<string, number>();
    if (plan) {
      for (const id of plan.index.walk()) {
        const fields = plan.index.node(id)!.fields;
        for (const person of new Set([fields.owner, fields.assignee])) if (person) counts.set(person, (counts.get(person) ?? 0) + 1);
      }
    }
    return { people: (plan?.index.people() ?? []).sort((a, b) => naturalCompare(a.name, b.name)), owned: counts, teams: orderedTeams(plan?.index.teams() ?? []) };
  }, [plan, planVersion]);
  const found = useMemo(() => peopleMatching(people, find), [people, find]);
  const add = () => {
    const result = app.run((current) => current.addPerson({ name: name.trim() }), { quiet: true });
    setProblem(result.ok ? null : result.message);
    if (result.ok) setName('');
  };
  return (
    <section className="card directory-section" aria-label="People">
      <h3>People <span className="faint">({people.length})</span></h3>
      {people.length > PAGE && (
        <input className="input search" type="search" aria-label="Find a person" placeholder="Find a person by name or email" value={find}
          onChange={(event) => { setFind(event.target.value); setShown(PAGE); }} />
      )}
      <table className="directory-table">
        <thead><tr><th>Name</th><th>Email</th><th>Team</th><th>Role</th><th>Items</th><th /></tr></thead>
        <tbody>{found.slice(0, shown).map((person) => <PersonRow key={`${person.id}-${person.name}-${person.email}-${person.role}`} person={person} owned={owned.get(person.id) ?? 0} teams={teams} />)}</tbody>
      </table>
      {found.length > shown && (
        <p className="directory-more">
          <span className="muted" role="status">Showing {shown.toLocaleString()} of {found.length.toLocaleString()} {find.trim() ? 'found' : 'people'}.</span>{' '}
          <button type="button" className="button small" onClick={() => setShown(shown + PAGE)}>Show {Math.min(PAGE, found.length - shown).toLocaleString()} more</button>
        </p>
      )}
      {find.trim() !== '' && found.length === 0 && <p className="muted" role="status">Nobody’s name or email contains “<bdi>{find.trim()}</bdi>”.</p>}
      {!readOnly && (
        <form className="directory-add" onSubmit={(event) => { event.preventDefault(); add(); }}>
          <input className="input" aria-label="New person's name" placeholder="Add a person by name" value={name} onChange={(event) => { setName(event.target.value); setProblem(null); }} />
          <button type="submit" className="button">Add person</button>
          {problem && <span className="field-error" role="alert">{problem}</span>}
        </form>
      )}
    </section>
  );
}
