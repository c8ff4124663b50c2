import { useEffect, useState, type ReactNode } from 'react';
import { holdsAnything, removalHoldings, type PersonId, type RemovalHoldings, type TeamId } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { Dialog } from '../shell/Dialog.js';
import { formatPlanDayTime } from '../outline/labels.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { removedByName } from '../../../shared/model/removed.js';
import { joinedAnd } from '../../../shared/text/joined.js';

/** A person or a team to remove. */
export type RemovalTarget = { what: 'person'; id: PersonId } | { what: 'team'; id: TeamId };

const counted = (count: number, one: string, many: string) => `${count.toLocaleString()} ${count === 1 ? one : many}`;
const itemsWord = (count: number) => counted(count, 'item', 'items');

/** The attribute a Restore button in the removed lists carries, so a removal can hand it the focus. */
export const RESTORE_ATTRIBUTE = 'data-restore';
/** The attribute a row's Remove button carries, so a restore can hand it the focus. */
export const REMOVE_ATTRIBUTE = 'data-remove';

/**
 * Remove for a person or a team, one path for both (people38): at once when it holds nothing, else a
 * question naming what it holds (RemoveQuestion). Once removed, the focus goes to its Restore button
 * in the removed list (its row, and the Remove button that had the focus, are gone), so a keyboard user
 * is not dropped at the top of the page and can take it back with Enter; once restored, to its row's
 * Remove button, for the same reason.
 */
export function useRemoval(): { remove(target: RemovalTarget): void; restore(target: RemovalTarget): void; question: ReactNode } {
  const { app } = useControllers();
  const planVersion = useAppStore((state) => state.planVersion);
  const [asking, setAsking] = useState<RemovalTarget | null>(null);
  // The button to focus once the plan shows the change: [attribute, id, the plan's version when asked].
  // Not there once the plan has moved on (a person's row outside the page shown, or not found): given up,
  // so a later render never takes the focus from wherever the person went meanwhile.
  const [focusNext, setFocusNext] = useState<[string, string, number] | null>(null);
  const notify = useAppStore((state) => state.notify);
  // Said in the notices' polite live region too (review38b F3): the row went or came back, and a screen reader heard nothing.
  const say = (target: RemovalTarget, done: 'removed' | 'restored') => {
    const name = (target.what === 'person' ? app.plan?.index.person(target.id) : app.plan?.index.team(target.id))?.name ?? '';
    const where = done === 'removed' ? ` Restore is under Removed ${target.what === 'person' ? 'people' : 'teams'}.` : '';
    notify({ tone: 'info', text: `${target.what === 'person' ? '' : 'Team '}${isolatedText(name)} ${done}.${where}` });
  };
  const removeNow = (target: RemovalTarget) => {
    const result = app.run((current) => (target.what === 'person' ? current.removePerson(target.id) : current.removeTeam(target.id)));
    if (!result.ok) return;
    setFocusNext([RESTORE_ATTRIBUTE, target.id, planVersion]);
    say(target, 'removed');
  };
  const restore = (target: RemovalTarget) => {
    const result = app.run((current) => (target.what === 'person' ? current.restorePerson(target.id) : current.restoreTeam(target.id)));
    if (!result.ok) return;
    setFocusNext([REMOVE_ATTRIBUTE, target.id, planVersion]);
    say(target, 'restored');
  };
  const remove = (target: RemovalTarget) => {
    const plan = app.plan;
    if (!plan) return;
    if (holdsAnything(removalHoldings(plan.index, target.what, target.id))) setAsking(target);
    else removeNow(target);
  };
  useEffect(() => {
    if (focusNext === null) return;
    const [attribute, id, askedAt] = focusNext;
    const button = document.querySelector<HTMLElement>(`[${attribute}="${CSS.escape(id)}"]`);
    if (button) button.focus();
    if (button || planVersion !== askedAt) setFocusNext(null);
  }, [focusNext, planVersion]);
  const question = asking && (
    <RemoveQuestion target={asking} onCancel={() => setAsking(null)} onConfirm={() => { setAsking(null); removeNow(asking); }} />
  );
  return { remove, restore, question };
}

/** "Carla owns or is assigned 3 items. …" / "Sales has 2 members, 1 sub-team and 3 items. …" */
function consequences(what: 'person' | 'team', name: string, holdings: RemovalHoldings, parentName: string | null): ReactNode {
  if (what === 'person') {
    return (
      <>
        <p><bdi>{name}</bdi> owns or is assigned {itemsWord(holdings.items)}. {holdings.items === 1 ? 'It keeps' : 'They keep'} showing “{name} (removed)” until someone chooses another owner.</p>
        <p className="muted">You can restore {name} from Removed people below.</p>
      </>
    );
  }
  const parts = [
    holdings.members > 0 ? counted(holdings.members, 'member', 'members') : null,
    holdings.subteams > 0 ? counted(holdings.subteams, 'sub-team', 'sub-teams') : null,
    holdings.items > 0 ? itemsWord(holdings.items) : null,
  ].filter((part): part is string => part !== null);
  const listed = joinedAnd(parts);
  return (
    <>
      <p>{parts.length === 0 ? <><bdi>{name}</bdi> no longer has members, sub-teams or items.</> : <><bdi>{name}</bdi> has {listed}.</>}</p>
      {parts.length > 0 && (
        <ul className="remove-consequences">
          {holdings.members > 0 && <li>{holdings.members === 1 ? 'Its member shows' : 'Its members show'} no team until someone picks another or the team is restored.</li>}
          {holdings.subteams > 0 && <li>{holdings.subteams === 1 ? 'Its sub-team moves' : 'Its sub-teams move'} {parentName === null ? 'to the top level' : <>under <bdi>{parentName}</bdi></>}.</li>}
          {holdings.items > 0 && <li>{holdings.items === 1 ? 'Its item counts' : 'Its items count'} {parentName === null ? 'under no team' : <>under <bdi>{parentName}</bdi></>} until someone picks another team.</li>}
        </ul>
      )}
      <p className="muted">You can restore {name} from Removed teams below; everything goes back as it was.</p>
    </>
  );
}

/**
 * Asks before removing a person or team that holds something, naming what (live: a member added or an
 * item reassigned while it is open changes the counts). Cancel has the focus first; Escape cancels. When
 * someone else removed it meanwhile it says so and offers only Close.
 */
export function RemoveQuestion({ target, onCancel, onConfirm }: { target: RemovalTarget; onCancel(): void; onConfirm(): void }) {
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  const index = plan?.index;
  const view = index ? (target.what === 'person' ? index.person(target.id) : index.team(target.id)) : undefined;
  const name = view?.name ?? (target.what === 'person' ? 'this person' : 'this team');
  const title = target.what === 'person' ? `Remove ${name}?` : `Remove team ${name}?`;
  if (!index || !view || view.removed) {
    const by = removedByName(index, view?.removed);
    return (
      <Dialog title={title} onClose={onCancel} actions={<button type="button" className="button" onClick={onCancel}>Close</button>}>
        <p role="status"><bdi>{name}</bdi> was removed meanwhile{by ? <> by <bdi>{by}</bdi></> : null}{view?.removed && index ? ` on ${formatPlanDayTime(view.removed.at, index.timeZone)}` : ''}.</p>
      </Dialog>
    );
  }
  const holdings = removalHoldings(index, target.what, target.id);
  const parent = 'parent' in view && view.parent ? index.team(view.parent)?.name ?? null : null;
  return (
    <Dialog title={title} onClose={onCancel}
      actions={(
        <>
          <button type="button" className="button" onClick={onCancel}>Cancel</button>
          <button type="button" className="button danger" onClick={onConfirm}>{target.what === 'person' ? `Remove ${name}` : `Remove team ${name}`}</button>
        </>
      )}>
      {consequences(target.what, name, holdings, parent)}
    </Dialog>
  );
}
