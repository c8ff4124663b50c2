import type { PersonView } from '../../../shared/model/index.js';
import { formatPlanDayTime } from '../outline/labels.js';
import { useControllers } from '../session/controller-context.js';
import { appStore, useAppStore } from '../store/app-store.js';

/** The person this device acts as in the open plan when they were removed ("You in this plan" removed), else null. */
export function useRemovedSelf(): PersonView | null {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  useAppStore((state) => state.identity);
  const personId = app.currentPersonId();
  const person = plan && personId ? plan.index.person(personId) : undefined;
  return person?.removed ? person : null;
}

/** What the check-in form says when asked to sign as a removed person (the sentence its alert shows). */
export function removedSelfRefusal(person: PersonView): string {
  return `Not added: ${person.name} was removed, and a removed person cannot sign a check-in. Restore ${person.name}, or choose who you are.`;
}

/**
 * In the check-in form, while "You in this plan" is a removed person (leftovers39): a check-in would be
 * signed by them, which the plan refuses ('removed-person'), so the form says so before anything is typed
 * in vain, with the two ways on of peopleui38's notice (RemovedSelfNotice): Restore them, or Choose who I
 * am. What was typed stays in the draft meanwhile.
 */
export function RemovedSelfSigning({ person }: { person: PersonView }) {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const byId = person.removed?.by;
  const by = byId === person.id ? 'you' : byId ? plan?.index.person(byId)?.name ?? byId : 'someone';
  const when = person.removed && plan ? formatPlanDayTime(person.removed.at, plan.index.timeZone) : '';
  return (
    <div className="checkin-removed-self" role="group" aria-label={`You are ${person.name}, removed from the plan`}>
      <p>
        You are <bdi>{person.name}</bdi> in this plan, and <bdi>{by}</bdi> removed <bdi>{person.name}</bdi>{when ? ` on ${when}` : ''}.
        {' '}A check-in cannot be signed by a removed person: restore <bdi>{person.name}</bdi>, or choose who you are.
      </p>
      <div className="checkin-removed-self-actions">
        {!readOnly && <button type="button" className="button small" onClick={() => { app.run((current) => current.restorePerson(person.id)); }}>Restore {person.name}</button>}
        <button type="button" className="button small" onClick={() => appStore.getState().openDialog('identity')}>Choose who I am</button>
      </div>
    </div>
  );
}
