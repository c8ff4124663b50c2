import { useEffect, useRef } from 'react';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { removedByName } from '../../../shared/model/removed.js';
import { formatPlanDayTime } from '../outline/labels.js';
import { useControllers } from '../session/controller-context.js';
import { appStore, useAppStore } from '../store/app-store.js';

/**
 * Tells the person this device acts as in the plan ("You in this plan") that someone removed them
 * (review38b F6: Ben's Carla was removed and nothing said so; My work and his check-ins went on as
 * "Carla"). A notice that stays, naming who and when, with Restore and "Choose who I am"; it goes
 * when they are restored. Told once per removal, also when the plan is opened with them removed.
 */
export function RemovedSelfNotice() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const identity = useAppStore((state) => state.identity);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const told = useRef<{ key: string; notice: number } | null>(null);
  useEffect(() => {
    const store = appStore.getState();
    const personId = app.currentPersonId();
    const person = plan && personId ? plan.index.person(personId) : undefined;
    const key = person?.removed ? `${person.id}@${person.removed.at}` : null;
    if (told.current && told.current.key !== key) {
      store.dismissNotice(told.current.notice);
      told.current = null;
    }
    if (!plan || !person?.removed || key === null || told.current) return;
    const byId = person.removed.by;
    const by = byId === person.id ? 'You' : removedByName(plan.index, person.removed) ?? 'Someone';
    const when = formatPlanDayTime(person.removed.at, plan.index.timeZone);
    const name = isolatedText(person.name);
    const notice = store.notify({
      tone: 'info', persistent: true,
      text: `${by === 'You' || by === 'Someone' ? by : isolatedText(by)} removed ${name}, who you are in this plan, ${when}. My work and your check-ins still name ${name} (removed): restore ${name}, or choose who you are.`,
      ...(readOnly ? {} : { action: { label: `Restore ${person.name}`, run: () => { app.run((current) => current.restorePerson(person.id)); } } }),
      otherAction: { label: 'Choose who I am', run: () => appStore.getState().openDialog('identity') },
    });
    told.current = { key, notice };
  }, [app, plan, planVersion, identity, readOnly]);
  return null;
}
