import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { RemovedStamp } from '../../../shared/model/index.js';
import { formatPlanDayTime } from '../outline/labels.js';
import { useAppStore } from '../store/app-store.js';
import { removedByName } from '../../../shared/model/removed.js';

type Namesake = { id: string; name: string; removed?: RemovedStamp };

/**
 * Add by hand, asking first when the name is a removed one's (leftovers39). `submit(typed)` adds at once
 * when no removed person or team has the name (or a live one does), else shows `question`. The question
 * follows the plan: should someone else restore the namesake (or add a live one) meanwhile, it goes,
 * nothing is added, and `note` says why.
 */
export function useNamesakeAsking<V extends Namesake>({ what, namesakeOf, add, restore, nameInput }: {
  what: 'person' | 'team';
  /** The removed one a new `name` would stand beside, on the plan as it is now (`removedNamesake`). */
  namesakeOf(name: string): V | null;
  /** Adds under the typed name (the form's own add). */
  add(): void;
  restore(namesake: V): void;
  nameInput: RefObject<HTMLInputElement | null>;
}): { submit(typed: string): void; drop(): void; question: ReactNode; note: ReactNode } {
  const plan = useAppStore((state) => state.plan);
  const [asking, setAsking] = useState<string | null>(null);
  // The name asked about when its question went because someone else restored or added one meanwhile.
  const [note, setNote] = useState<string | null>(null);
  const namesake = asking !== null ? namesakeOf(asking) : null;
  const goneMeanwhile = asking !== null && namesake === null;
  useEffect(() => {
    if (!goneMeanwhile) return;
    setNote(asking);
    setAsking(null);
    nameInput.current?.focus();
  }, [goneMeanwhile, asking, nameInput]);
  const close = () => { setAsking(null); nameInput.current?.focus(); };
  const submit = (typed: string) => {
    setNote(null);
    if (namesakeOf(typed) !== null) setAsking(typed); else add();
  };
  const question = namesake ? (
    <NamesakeQuestion what={what} namesake={namesake} byName={removedByName(plan?.index, namesake?.removed)} timeZone={plan?.index.timeZone ?? 'UTC'}
      onRestore={() => { setAsking(null); restore(namesake); }}
      onAddNew={() => { add(); close(); }}
      onCancel={close} />
  ) : null;
  const said = note !== null ? <><bdi>{note}</bdi> is in the plan again (restored or added by someone else meanwhile); nothing was added.</> : null;
  return { submit, drop: () => { setAsking(null); setNote(null); }, question, note: said };
}

/**
 * Asked when a person or team is added by hand with the name of a removed one (leftovers39): "Carla
 * Diaz was removed from the plan by Ada Host on …. Restore Carla Diaz, or add a new person with the same
 * name?" The import preview asks the same (people38); before, a second "Carla Diaz" was added beside
 * "Carla Diaz (removed)" without a word. Restore has the focus: bringing her back is what a person
 * typing her name most likely means; a new one is added only when chosen.
 */
export function NamesakeQuestion({ what, namesake, byName, timeZone, onRestore, onAddNew, onCancel }: {
  what: 'person' | 'team';
  namesake: { name: string; removed?: RemovedStamp };
  /** Who removed it, as a name, or null when not known. */
  byName: string | null;
  timeZone: string;
  onRestore(): void;
  onAddNew(): void;
  onCancel(): void;
}) {
  const restore = useRef<HTMLButtonElement>(null);
  const textId = useId();
  useEffect(() => { restore.current?.focus(); }, []);
  const { name } = namesake;
  const who = what === 'person' ? name : `The team ${name}`;
  const when = namesake.removed ? ` on ${formatPlanDayTime(namesake.removed.at, timeZone)}` : '';
  const restoreLabel = what === 'person' ? `Restore ${name}` : `Restore team ${name}`;
  const addLabel = what === 'person' ? `Add a new person named ${name}` : `Add a new team named ${name}`;
  return (
    <div className="namesake-question" role="group" aria-labelledby={textId}
      onKeyDown={(event) => { if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); onCancel(); } }}>
      <p id={textId}>
        <bdi>{who}</bdi> was removed from the plan{byName ? <> by <bdi>{byName}</bdi></> : null}{when}.{' '}
        {what === 'person' ? <>Restore <bdi>{name}</bdi>, or add a new person with the same name?</> : <>Restore it, or add a new team with the same name?</>}
      </p>
      <div className="namesake-actions">
        <button ref={restore} type="button" className="button" onClick={onRestore}>{restoreLabel}</button>
        <button type="button" className="button" onClick={onAddNew}>{addLabel}</button>
        <button type="button" className="button ghost" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}

/** How a live namesake is told from another of the same name in a button: e-mail, else team, else nothing. */
type LiveNamesake = { id: string; name: string; email: string | null; team: string | null };

/**
 * Asked when "Add me" (Who are you?) or "Add person" is given the name of a live person (fix40c, review40a F10):
 * before, a second live "Dana Reyes" was added beside the first without a word, and with "Add me" the duplicate
 * became the device's "You in this plan". In the identity dialog, being her has the focus (`onBe`: what a person
 * typing their own name most likely means); People & teams offers keeping the one there instead. Another person
 * of the name is added only when chosen.
 */
export function LiveNamesakeQuestion({ name, namesakes, teamName, onBe, onAddNew, onCancel }: {
  /** The name as typed. */
  name: string;
  namesakes: readonly LiveNamesake[];
  teamName(id: string): string | undefined;
  /** Be this person (the identity dialog); absent in People & teams. */
  onBe?(namesake: LiveNamesake): void;
  onAddNew(): void;
  onCancel(): void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  const textId = useId();
  useEffect(() => { first.current?.focus(); }, []);
  const shown = namesakes[0]?.name ?? name;
  const told = (namesake: LiveNamesake) => {
    if (namesakes.length < 2) return '';
    const team = namesake.team ? teamName(namesake.team) : undefined;
    return namesake.email ? ` (${namesake.email})` : team ? ` (${team})` : '';
  };
  const who = namesakes.length === 1 ? <bdi>{shown}</bdi> : <>{namesakes.length} people named <bdi>{shown}</bdi></>;
  const verb = namesakes.length === 1 ? 'is' : 'are';
  return (
    <div className="namesake-question" role="group" aria-labelledby={textId}
      onKeyDown={(event) => { if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); onCancel(); } }}>
      <p id={textId}>
        {who} {verb} already in this plan:{' '}
        {onBe
          ? <>be {namesakes.length === 1 ? <bdi>{shown}</bdi> : 'one of them'}, or add another person named <bdi>{name.trim()}</bdi>?</>
          : <>add another person named <bdi>{name.trim()}</bdi>, or keep {namesakes.length === 1 ? 'the one' : 'those'} there?</>}
      </p>
      <div className="namesake-actions">
        {onBe && namesakes.map((namesake, i) => (
          <button key={namesake.id} ref={i === 0 ? first : undefined} type="button" className="button" onClick={() => onBe(namesake)}>Be {namesake.name}{told(namesake)}</button>
        ))}
        {!onBe && <button ref={first} type="button" className="button" onClick={onCancel}>Keep {namesakes.length === 1 ? 'the one' : 'those'} there</button>}
        <button type="button" className="button" onClick={onAddNew}>Add another person named {name.trim()}</button>
        {onBe && <button type="button" className="button ghost" onClick={onCancel}>Cancel</button>}
      </div>
    </div>
  );
}
