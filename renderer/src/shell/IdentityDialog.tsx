import { useMemo, useRef, useState } from 'react';
import { identityNameProblem, presenceColours } from '../identity/device-identity.js';
import { removedNamesake, shownName, type PersonView } from '../../../shared/model/index.js';
import { LiveNamesakeQuestion, NamesakeQuestion } from '../people/NamesakeQuestion.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { Dialog } from './Dialog.js';
import { DirectoryPicker } from '../people/DirectoryPicker.js';
import { peopleChoices } from '../people/directory-choices.js';
import { planDirectory } from '../session/plan-directory.js';
import { liveNamesakes, removedByName } from '../../../shared/model/removed.js';

/** "Who am I" on this device: a name and colour for presence and check-ins, and the person in this plan. */
export function IdentityDialog({ onClose }: { onClose: () => void }) {
  const { app } = useControllers();
  const identity = useAppStore((state) => state.identity);
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  // A viewer cannot add a person to the plan: offering it made Save fail with "You are a viewer…" and
  // keep the dialog open, so the name was not kept until the box was unticked again.
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  // Sorted when the picker opens: a company's 10,000 people were sorted and rendered on every keystroke of the name.
  const directory = useMemo(() => { void planVersion; return planDirectory(plan?.index); }, [plan, planVersion]);
  const choices = () => peopleChoices(directory.people, directory.teams, { role: true });
  const [name, setName] = useState(identity?.name ?? '');
  const [colour, setColour] = useState<string>(identity?.colour ?? presenceColours[0]);
  const [personId, setPersonId] = useState<string>(app.currentPersonId() ?? '');
  const [addAsPerson, setAddAsPerson] = useState(false);
  const chosenPerson = personId ? plan?.index.person(personId) : undefined;
  const [error, setError] = useState<string | null>(null);

  // "Add me" with a removed person's name asks first, as People & teams does (leftovers39): be them again
  // (restored), or a new person of the same name.
  const [asked, setAsked] = useState<PersonView | null>(null);
  // "Add me" with a live person's name asks too (fix40c, review40a F10): be her (the default), or add another.
  // The name asked about; the namesakes are read from the plan as it is now.
  const [askedLive, setAskedLive] = useState<string | null>(null);
  const liveAsked = askedLive !== null && plan ? liveNamesakes(plan.index.people(), askedLive) : [];
  // Where the focus goes back after the removed-namesake question is cancelled: the Save that asked it
  // (polish39: it fell to the page when the question, holding the focus, went away).
  const saveButton = useRef<HTMLButtonElement>(null);
  const save = (answer?: 'restore' | 'add-new') => {
    // The name is checked before anything is written: the plan's people are not added to by a Save
    // that is then refused.
    const refused = identityNameProblem(name);
    if (refused) {
      setError(refused);
      return;
    }
    let chosen: string | null = personId || null;
    if (!chosen && addAsPerson && plan && !readOnly && !answer) {
      if (liveNamesakes(plan.index.people(), name).length > 0) {
        setAskedLive(name);
        return;
      }
      const namesake = removedNamesake(plan.index.people(), plan.index.removedPeople(), name);
      if (namesake) {
        setAsked(namesake);
        return;
      }
    }
    if (!chosen && addAsPerson && plan && !readOnly && answer === 'restore' && asked) {
      const restored = app.run((current) => current.restorePerson(asked.id), { quiet: true });
      if (!restored.ok) {
        setError(restored.message);
        return;
      }
      chosen = asked.id;
      setPersonId(chosen);
    }
    if (!chosen && addAsPerson && plan && !readOnly) {
      const added = app.run((current) => current.addPerson({ name: name.trim() }), { quiet: true });
      if (!added.ok) {
        setError(added.message);
        return;
      }
      chosen = added.value;
      // Added once: should saving the identity still fail, the next Save picks this person, not another copy.
      setPersonId(chosen);
    }
    keep(chosen);
  };
  const keep = (chosen: string | null) => {
    try {
      app.setIdentity(name, colour, chosen);
      onClose();
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    }
  };
  // "Be Dana Reyes": the device acts as the person already in the plan; nobody is added.
  const be = (id: string) => {
    setAskedLive(null);
    setPersonId(id);
    keep(id);
  };

  const pickPerson = (id: string) => {
    setPersonId(id);
    const person = plan?.index.person(id);
    if (person && name.trim().length === 0) setName(person.name);
  };

  return (
    <Dialog title="Who are you?" onClose={onClose} onSubmit={() => save()}
      actions={<><button type="button" className="button" onClick={onClose}>Cancel</button><button ref={saveButton} type="submit" className="button primary">Save</button></>}>
      <p className="muted">Your name and colour show others where you are in the plan, and sign your check-ins. They are kept on this device.</p>
      <div className="field">
        <label htmlFor="identity-name">Your name</label>
        <input id="identity-name" className="input" value={name} autoFocus aria-invalid={error ? true : undefined}
          onChange={(event) => { setName(event.target.value); setError(null); setAsked(null); setAskedLive(null); }} />
        {error && <span className="field-error" role="alert">{error}</span>}
      </div>
      <div className="field">
        <span className="field-label" id="identity-colour">Your colour</span>
        <div className="colour-choices" role="radiogroup" aria-labelledby="identity-colour">
          {presenceColours.map((choice) => (
            <button key={choice} type="button" role="radio" aria-checked={choice === colour} aria-label={`Colour ${choice}`}
              className="colour-choice" style={{ background: choice }} onClick={() => setColour(choice)} />
          ))}
        </div>
      </div>
      {plan && (
        <div className="field">
          <label htmlFor="identity-person">You in this plan</label>
          <DirectoryPicker id="identity-person" value={personId} currentName={chosenPerson ? shownName(chosenPerson) : undefined} kind="People"
            noneLabel="Not one of this plan's people" choices={choices} source={directory} onChange={pickPerson} />
          {!personId && !readOnly && (
            <label className="checkbox-line">
              <input type="checkbox" checked={addAsPerson} onChange={(event) => { setAddAsPerson(event.target.checked); setAsked(null); setAskedLive(null); }} /> Add me to this plan's people
            </label>
          )}
          {asked && !personId && addAsPerson && (
            <NamesakeQuestion what="person" namesake={asked} timeZone={plan.index.timeZone}
              byName={removedByName(plan.index, asked.removed)}
              onRestore={() => save('restore')} onAddNew={() => save('add-new')} onCancel={() => { setAsked(null); saveButton.current?.focus(); }} />
          )}
          {liveAsked.length > 0 && askedLive !== null && !personId && addAsPerson && (
            <LiveNamesakeQuestion name={askedLive} namesakes={liveAsked} teamName={(id) => plan.index.team(id)?.name}
              onBe={(namesake) => be(namesake.id)} onAddNew={() => save('add-new')}
              onCancel={() => { setAskedLive(null); saveButton.current?.focus(); }} />
          )}
          {chosenPerson?.removed && <span className="field-hint" role="status"><bdi>{chosenPerson.name}</bdi> was removed from this plan: restore them under People &amp; teams, or choose who you are.</span>}
          <span className="field-hint">"My work" lists the tasks, blockers and check-ins of this person.</span>
        </div>
      )}
    </Dialog>
  );
}
