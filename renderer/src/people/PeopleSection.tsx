import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import type { PersonView } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { orderedTeams, type OrderedTeams } from '../session/plan-directory.js';
import { useAppStore } from '../store/app-store.js';
import { naturalCompare } from '../outline/labels.js';
import { TeamPicker } from './TeamPicker.js';
import { peopleMatching } from './people-find.js';
import { typedPersonField, type PersonField } from './person-fields.js';
import { useDraft } from '../text/use-draft.js';
import { editableText, fromEditableText, namedControlText } from '../../../shared/text/control-characters.js';
import { Isolated } from '../text/Isolated.js';
import { isComposingKey } from '../text/composing';
import { REMOVE_ATTRIBUTE, RESTORE_ATTRIBUTE, useRemoval } from './RemoveQuestion.js';
import { formatPlanDayTime } from '../outline/labels.js';
import { nameKey, removedNamesake, type PersonId } from '../../../shared/model/index.js';
import { LiveNamesakeQuestion, useNamesakeAsking } from './NamesakeQuestion.js';
import { liveNamesakes, removedByName } from '../../../shared/model/removed.js';

/** Rows shown at a time: a company's 10,000 people are found by name, not scrolled through. */
const PAGE = 100;

interface PersonRowProps {
  person: PersonView;
  owned: number;
  teams: OrderedTeams;
  /** Remove is pressed: removes at once when the person owns nothing, else asks first (RemoveQuestion.tsx). */
  onRemove(person: PersonView): void;
  /** Restore is pressed on a row kept on the page after someone else removed its person (review38b F1). */
  onRestore(person: PersonView): void;
  /** The row has the focus or an unsaved draft: it stays on the page should its person be removed meanwhile. */
  onHold(id: string, held: boolean): void;
  /** How many other live people have this person's name (two people adding "Dana" at once made two). */
  namesakes: number;
  /** "Keep this one": the other live people of the name are merged into this one (Plan.mergePerson). */
  onMerge(person: PersonView): void;
  /** Who has this person as "You in this plan" (fix40c), null when nobody here now does. */
  claimedBy: Claim | null;
  /** The other live person of this name someone has as "You in this plan", when exactly one is (fix40c). */
  claimedNamesake: { person: PersonView; by: Claim } | null;
}

const itemsWord = (count: number) => `${count.toLocaleString()} ${count === 1 ? 'item' : 'items'}`;

const FIELD_LABELS: Record<PersonField, string> = { name: 'Name', email: 'Email', role: 'Role' };
const FIELD_WORDS: Record<PersonField, string> = { name: 'name', email: 'e-mail', role: 'role' };

/** Who removed a person, as a name: "Ada Host", or "someone" when not known. */
const removerName = (person: PersonView, index: Parameters<typeof removedByName>[0]): string => removedByName(index, person.removed) ?? 'someone';

/**
 * One of a person's text fields: what is typed stays a draft until the field is left (saved then,
 * trimmed) or Escape (given up). A change to the person arriving meanwhile, from someone else or this
 * person's other field, replaces the field only when nothing is being typed in it (useDraft).
 */
function PersonTextField({ person, field, readOnly, onProblem, onDraft }: {
  person: PersonView; field: PersonField; readOnly: boolean; onProblem(problem: string | null): void; onDraft(field: PersonField, pending: boolean): void;
}) {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const notify = useAppStore((state) => state.notify);
  const stored = (field === 'name' ? person.name : person[field]) ?? '';
  const { draft, touched, changedMeanwhile, type, settle } = useDraft(stored);
  const label = `${FIELD_LABELS[field]} of ${namedControlText(person.name)}`;
  const [refused, setRefused] = useState(false);
  // Had the focus before the person was removed by someone else: keeps taking what is typed (review38b F1).
  const [focusedLive, setFocusedLive] = useState(false);
  useEffect(() => { onDraft(field, touched); }, [onDraft, field, touched]);
  useEffect(() => () => onDraft(field, false), [onDraft, field]);
  const say = (problem: string | null) => { setRefused(problem !== null); onProblem(problem); };
  const removedMeanwhile = person.removed !== undefined;
  const commit = () => {
    if (!touched) return;
    const typed = typedPersonField(field, fromEditableText(draft, stored));
    if ('problem' in typed) { say(typed.problem); return; }
    if (typed.value === (field === 'name' ? person.name : person[field])) { settle(); say(null); return; }
    // Someone else removed the person while this was typed: the words land in the removed person (kept
    // there, back with a restore), and a notice says where they went.
    const result = app.run((current) => current.updatePerson(person.id, { [field]: typed.value }, { typedBeforeRemoval: removedMeanwhile }), { quiet: true });
    say(result.ok ? null : result.message);
    if (!result.ok) return;
    settle();
    if (removedMeanwhile) {
      const name = field === 'name' ? typed.value ?? person.name : person.name;
      const by = removerName(person, plan?.index);
      notify({
        tone: 'info', persistent: true,
        text: `${isolatedText(name)} was removed by ${isolatedText(by)} while you typed. Your ${FIELD_WORDS[field]} “${isolatedText(typed.value ?? '')}” is kept with them under Removed people; restore them to use it.`,
        action: { label: `Restore ${namedControlText(name)}`, run: () => { app.run((current) => current.restorePerson(person.id)); } },
      });
    }
  };
  const keepsTyping = !removedMeanwhile || touched || focusedLive;
  return (
    <>
      {/* A stored name's control characters and overrides are named, ‹RLO›, as the title field names them
          (editableText): untouched it stays as stored, edited it saves what the field shows (fromEditableText). */}
      <input className="input" aria-label={label} value={touched ? draft : editableText(draft)} readOnly={readOnly || !keepsTyping} aria-invalid={refused ? true : undefined}
        onFocus={() => setFocusedLive(!removedMeanwhile)}
        onChange={(event) => { type(event.target.value); say(null); }} onBlur={() => { setFocusedLive(false); commit(); }}
        onKeyDown={(event) => {
          if (isComposingKey(event)) return;
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') { settle(); say(null); }
        }} />
      {changedMeanwhile && <span className="field-hint" role="status">Changed to “{stored ? <Isolated text={stored} /> : 'nothing'}” meanwhile; yours is saved when you leave the field.</span>}
    </>
  );
}

/** Where a row's problem comes from: each of its fields has its own, so typing in one does not clear another's. */
type RowSource = PersonField | 'team';
const ROW_SOURCES: readonly RowSource[] = ['name', 'email', 'team', 'role'];

/** Who has a person as "You in this plan": this device, and the names of others here now (presence's `personId`). */
export interface Claim { you: boolean; peers: readonly string[] }

/** "You are", "Dana Reyes (here now) is", "you and Dana Reyes (here now) are": who has a person as "You in this plan". */
function claimWords({ you, peers }: Claim, start = true): string {
  const words = [...(you ? [start ? 'You' : 'you'] : []), ...peers.map((name) => `${name} (here now)`)];
  const who = words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
  return `${who} ${words.length === 1 && !you ? 'is' : 'are'}`;
}

function PersonRow({ person, owned, teams, onRemove, onRestore, onHold, namesakes, onMerge, claimedBy, claimedNamesake }: PersonRowProps) {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  // Focus in the row, or a draft not yet saved: the row stays should its person be removed meanwhile.
  const [focused, setFocused] = useState(false);
  const [drafts, setDrafts] = useState<ReadonlySet<PersonField>>(new Set());
  const onDraft = useCallback((field: PersonField, pending: boolean) => setDrafts((current) => {
    if (current.has(field) === pending) return current;
    const next = new Set(current);
    if (pending) next.add(field); else next.delete(field);
    return next;
  }), []);
  const held = focused || drafts.size > 0;
  useEffect(() => { onHold(person.id, held); }, [onHold, person.id, held]);
  useEffect(() => () => onHold(person.id, false), [onHold, person.id]);
  const removedMeanwhile = person.removed !== undefined;
  // One problem per field (review36d B6): with one per row, typing in Bea's role took away the alert of
  // the e-mail still refused and unsaved beside it.
  const [problems, setProblems] = useState<Partial<Record<RowSource, string>>>({});
  const sayFor = (source: RowSource) => (problem: string | null) => setProblems((current) => {
    if ((current[source] ?? null) === problem) return current;
    const next = { ...current };
    if (problem === null) delete next[source];
    else next[source] = problem;
    return next;
  });
  const field = (name: PersonField) => <PersonTextField person={person} field={name} readOnly={readOnly} onProblem={sayFor(name)} onDraft={onDraft} />;
  const by = removedMeanwhile ? removerName(person, plan?.index) : '';
  // Nobody has this one as "You in this plan" while someone has the other: keeping theirs is the default (fix40c).
  const other = claimedBy === null ? claimedNamesake : null;
  return (
    <>
    <tr data-person={person.id} className={removedMeanwhile ? 'removed-meanwhile' : undefined}
      onFocus={() => setFocused(true)}
      onBlur={(event) => { if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false); }}>
      <td>
        {field('name')}
        {claimedBy && !removedMeanwhile && <span className="person-claim">{claimWords(claimedBy)} this person</span>}
      </td>
      <td>{field('email')}</td>
      <td>
        <TeamPicker label={`Team of ${namedControlText(person.name)}`} value={person.team ?? ''} noneLabel="—" teams={teams} disabled={readOnly || removedMeanwhile}
          onChange={(team) => { const result = app.run((current) => current.updatePerson(person.id, { team }), { quiet: true }); sayFor('team')(result.ok ? null : result.message); }} />
      </td>
      <td>{field('role')}</td>
      <td className="numeric faint">{owned}</td>
      <td>
        {!readOnly && !removedMeanwhile && <button type="button" className="button small ghost danger" aria-label={`Remove ${namedControlText(person.name)}`} {...{ [REMOVE_ATTRIBUTE]: person.id }} onClick={() => onRemove(person)}>Remove</button>}
        {!readOnly && removedMeanwhile && <button type="button" className="button small" aria-label={`Restore ${namedControlText(person.name)}`} onClick={() => onRestore(person)}>Restore</button>}
        {ROW_SOURCES.map((source) => problems[source] && <span key={source} className="field-error" role="alert">{problems[source]}</span>)}
      </td>
    </tr>
    {namesakes > 0 && !removedMeanwhile && (
      <tr className="same-name-note">
        <td colSpan={6}>
          Same name as {namesakes === 1 ? 'another person' : `${namesakes} other people`} in the plan (perhaps added twice at once).{' '}
          {/* fix40c (review40a F1): the one someone has as "You in this plan" is kept by default, and each says whose it is. */}
          {other && <>{claimWords(other.by)} the other one.{' '}</>}
          {!readOnly && other && (
            <>
              <button type="button" className="button small primary" aria-label={`Keep the one ${claimWords(other.by, false)}, merge this one into it: ${namedControlText(person.name)}, ${namedControlText(person.email ?? 'no e-mail')}, ${itemsWord(owned)}`} onClick={() => onMerge(other.person)}>
                Keep the one {claimWords(other.by, false)}, merge this one into it
              </button>{' '}
            </>
          )}
          {!readOnly && <button type="button" className={other ? 'button small ghost' : 'button small'} aria-label={`Keep this one${other ? ' instead' : ''}, merge the other${namesakes === 1 ? '' : 's'} into it: ${namedControlText(person.name)}, ${namedControlText(person.email ?? 'no e-mail')}, ${itemsWord(owned)}`} onClick={() => onMerge(person)}>Keep this one{other ? ' instead' : ''}, merge the other{namesakes === 1 ? '' : 's'} into it</button>}
        </td>
      </tr>
    )}
    {removedMeanwhile && (
      <tr className="removed-meanwhile-note">
        <td colSpan={6} role="status"><Isolated text={person.name} /> was just removed by <Isolated text={by} />. What you are typing is kept with them under Removed people when you leave the row; Restore brings them back.</td>
      </tr>
    )}
    </>
  );
}

/**
 * The rows in the order they had while the focus is in the table: sorting by name as a renamed
 * person's name is saved moved their row, and a focused field moved in the page loses the focus.
 * New people go after the others; the list is sorted again when the focus leaves the table.
 */
function useSteadyOrder<P extends { id: string }>(sorted: readonly P[], steady: boolean): readonly P[] {
  const last = useRef<readonly string[]>([]);
  let shown = sorted;
  if (steady && last.current.length > 0) {
    const byId = new Map(sorted.map((person) => [person.id, person]));
    const kept = last.current.flatMap((id) => byId.get(id) ?? []);
    const keptIds = new Set(kept.map((person) => person.id));
    shown = [...kept, ...sorted.filter((person) => !keptIds.has(person.id))];
  }
  useEffect(() => { last.current = shown.map((person) => person.id); });
  return shown;
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
  const [editing, setEditing] = useState(false);
  // Remove asks first when the person owns or is assigned items, naming how many (people37); the path
  // is the one Teams uses (RemoveQuestion.tsx).
  const removal = useRemoval();
  // Rows with the focus or a draft (PersonRow's onHold): one whose person someone else removes stays on
  // the page, marked removed, until it is left (review38b F1: the row went from under Ben's typing).
  const [held, setHeld] = useState<ReadonlySet<string>>(new Set());
  const onHold = useCallback((id: string, on: boolean) => setHeld((current) => {
    if (current.has(id) === on) return current;
    const next = new Set(current);
    if (on) next.add(id); else next.delete(id);
    return next;
  }), []);
  const heldRemoved = useMemo(() => {
    void planVersion;
    return [...held].flatMap((id) => { const person = plan?.index.person(id); return person?.removed ? [person] : []; });
  }, [plan, planVersion, held]);
  // Restore, from the Removed list or a row kept while it was typed in: people38's one path (the focus goes to the row's Remove).
  const restore = (person: PersonView) => removal.restore({ what: 'person', id: person.id });
  const removed = useMemo(() => {
    void planVersion;
    return (plan?.index.removedPeople() ?? []).sort((a, b) => naturalCompare(a.name, b.name));
  }, [plan, planVersion]);
  const timeZone = plan?.index.timeZone ?? 'UTC';
  // Live people sharing a name (leftovers39): each row says so and offers to keep it, merging the others in.
  const sameNamed = useMemo(() => {
    const byName = new Map<string, PersonView[]>();
    for (const person of people) byName.set(nameKey(person.name), [...(byName.get(nameKey(person.name)) ?? []), person]);
    return byName;
  }, [people]);
  // Who has whom as "You in this plan" (fix40c, review40a F1): this device, and others here now (presence carries
  // the person id; a merged person's as the one kept). Ada saw two Danas alike and kept hers, not the one Dana is.
  const peers = useAppStore((state) => state.peers);
  const identity = useAppStore((state) => state.identity);
  const claims = useMemo(() => {
    void planVersion; void identity;
    const found = new Map<string, Claim>();
    if (!plan) return found;
    const claim = (id: string, peer: string | null) => {
      const acting = plan.index.personNow(id);
      const was = found.get(acting) ?? { you: false, peers: [] };
      found.set(acting, peer === null ? { ...was, you: true } : was.peers.includes(peer) ? was : { ...was, peers: [...was.peers, peer] });
    };
    const mine = app.currentPersonId();
    if (mine) claim(mine, null);
    for (const peer of peers) if (peer.user.personId) claim(peer.user.personId, peer.user.name);
    return found;
  }, [app, plan, planVersion, identity, peers]);
  const claimedNamesakeOf = (person: PersonView) => {
    const others = (sameNamed.get(nameKey(person.name)) ?? []).filter((other) => other.id !== person.id && claims.has(other.id));
    return others.length === 1 ? { person: others[0]!, by: claims.get(others[0]!.id)! } : null;
  };
  const notify = useAppStore((state) => state.notify);
  const merge = (kept: PersonView) => {
    const others = (sameNamed.get(nameKey(kept.name)) ?? []).filter((person) => person.id !== kept.id);
    let moved = 0;
    const result = app.run((current) => { for (const other of others) moved += current.mergePerson(other.id as PersonId, kept.id as PersonId); });
    if (result.ok) notify({ tone: 'info', text: `Merged: ${isolatedText(kept.name)} now stands for ${others.length === 1 ? 'both' : `all ${others.length + 1}`}${moved > 0 ? ` and is named by ${itemsWord(moved)} more` : ''}; the other${others.length === 1 ? ' is' : 's are'} under Removed people.` });
  };
  const found = useSteadyOrder(useMemo(() => [...peopleMatching(people, find), ...heldRemoved], [people, find, heldRemoved]), editing);
  const add = () => {
    const result = app.run((current) => current.addPerson({ name: name.trim() }), { quiet: true });
    setProblem(result.ok ? null : result.message);
    if (result.ok) setName('');
  };
  // A removed person of the typed name: asked first, restore or a new one (leftovers39).
  const nameInput = useRef<HTMLInputElement>(null);
  const namesake = useNamesakeAsking({
    what: 'person', add, nameInput,
    namesakeOf: (typed) => (plan ? removedNamesake(plan.index.people(), plan.index.removedPeople(), typed) : null),
    restore: (person) => { setName(''); restore(person); },
  });
  // A live person of the typed name: asked first, keep the one there or add another (fix40c, review40a F10).
  const [askedLive, setAskedLive] = useState<string | null>(null);
  const liveAsked = askedLive !== null && plan ? liveNamesakes(plan.index.people(), askedLive) : [];
  const submit = () => {
    if (plan && liveNamesakes(plan.index.people(), name).length > 0) setAskedLive(name);
    else namesake.submit(name);
  };
  const closeLive = () => { setAskedLive(null); nameInput.current?.focus(); };
  return (
    <section className="card directory-section" aria-label="People">
      <h3>People <span className="faint">({people.length})</span></h3>
      {people.length > PAGE && (
        <input className="input search" type="search" aria-label="Find a person" placeholder="Find a person by name or email" value={find}
          onChange={(event) => { setFind(event.target.value); setShown(PAGE); }} />
      )}
      <table className="directory-table" onFocus={() => setEditing(true)}
        onBlur={(event) => { if (!event.currentTarget.contains(event.relatedTarget)) setEditing(false); }}>
        <thead><tr><th>Name</th><th>Email</th><th>Team</th><th>Role</th><th>Items</th><th /></tr></thead>
        <tbody>{found.slice(0, shown).map((person) => <PersonRow key={person.id} person={person} owned={owned.get(person.id) ?? 0} teams={teams} onHold={onHold} onRestore={restore} namesakes={(sameNamed.get(nameKey(person.name))?.length ?? 1) - 1} onMerge={merge} claimedBy={claims.get(person.id) ?? null} claimedNamesake={claimedNamesakeOf(person)} onRemove={(person) => { onHold(person.id, false); removal.remove({ what: 'person', id: person.id }); }} />)}</tbody>
      </table>
      {found.length > shown && (
        <p className="directory-more">
          <span className="muted" role="status">Showing {shown.toLocaleString()} of {found.length.toLocaleString()} {find.trim() ? 'found' : 'people'}.</span>{' '}
          <button type="button" className="button small" onClick={() => setShown(shown + PAGE)}>Show {Math.min(PAGE, found.length - shown).toLocaleString()} more</button>
        </p>
      )}
      {find.trim() !== '' && found.length === 0 && <p className="muted" role="status">Nobody’s name or email contains “<bdi>{find.trim()}</bdi>”.</p>}
      {!readOnly && (
        <form className="directory-add" onSubmit={(event) => { event.preventDefault(); submit(); }}>
          <input ref={nameInput} className="input" aria-label="New person's name" placeholder="Add a person by name" value={name} onChange={(event) => { setName(event.target.value); setProblem(null); namesake.drop(); setAskedLive(null); }} />
          <button type="submit" className="button">Add person</button>
          {problem && <span className="field-error" role="alert">{problem}</span>}
          {namesake.note && <span className="muted" role="status">{namesake.note}</span>}
        </form>
      )}
      {!readOnly && namesake.question}
      {!readOnly && askedLive !== null && liveAsked.length > 0 && (
        <LiveNamesakeQuestion name={askedLive} namesakes={liveAsked} teamName={(id) => plan?.index.team(id)?.name}
          onAddNew={() => { add(); closeLive(); }} onCancel={closeLive} />
      )}
      {removed.some((person) => !held.has(person.id)) && (
        <section className="removed-directory" aria-label="Removed people">
          <h4>Removed people <span className="faint">({removed.length})</span></h4>
          <p className="muted">Items that still name them show “(removed)” and offer another owner; anything changed about them meanwhile is kept here.</p>
          <ul className="removed-list">
            {removed.filter((person) => !held.has(person.id)).map((person) => {
              const count = owned.get(person.id) ?? 0;
              const by = removedByName(plan?.index, person.removed);
              return (
                <li key={person.id}>
                  <span className="team-name"><Isolated text={person.name} />{person.email && <span className="faint"> · <Isolated text={person.email} /></span>}</span>
                  <span className="faint">{person.mergedInto ? `merged into ${namedControlText(plan?.index.person(person.mergedInto)?.name ?? 'another person')}` : 'removed'}{person.removed ? ` ${formatPlanDayTime(person.removed.at, timeZone)}` : ''}{by ? ` by ${by}` : ''}{count > 0 ? ` · still named by ${itemsWord(count)}` : ''}</span>
                  <span className="row-spacer" />
                  {!readOnly && <button type="button" className="button small" aria-label={`Restore ${namedControlText(person.name)}`} {...{ [RESTORE_ATTRIBUTE]: person.id }} onClick={() => restore(person)}>Restore</button>}
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
