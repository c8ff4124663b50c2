import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Disposable } from '../../../shared/lifecycle/disposable.js';
import { isComposingKey } from '../text/composing.js';
import { CHECKIN_STATUSES, TEXT_LIMITS, checkInValueLimit, metricContextOf, metricValueProblem, metricValueWarning, type CheckIn, type CheckInInput, type NodeView } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useStore } from 'zustand';
import { EMPTY_CHECK_IN_DRAFT, changeCheckInDraft, tellCheckInDraftOfGoneNode, type CheckInDraft } from './check-in-draft.js';
import { daysFrom, exactNumber, typedTextProblem, withUnit } from '../outline/labels.js';
import { useAppStore } from '../store/app-store.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { optionLabels } from './field-specs.js';
import { numberNotationOf, readTypedMeasure } from '../../../shared/text/typed-number.js';
import { invisibleTextProblem, showsNothing } from '../../../shared/text/invisible-text.js';
import { RemovedSelfSigning, removedSelfRefusal, useRemovedSelf } from '../identity/RemovedSelfSigning.js';

/**
 * Blockers grouped by who raised them (latest first): since the earliest, with the latest reason given.
 * A check-in that only said "still blocked" (`restates`) raised nothing and gave no reason: it counts
 * only when nothing it restated stands (cleared by someone who had not seen it), as its author's, without
 * a reason (blocker37).
 */
function byAuthor(blockers: readonly CheckIn[]): { by: string; since: number; reason: string; restated: boolean }[] {
  const raised = blockers.filter((checkIn) => !checkIn.restates);
  const restated = raised.length === 0;
  const groups = new Map<string, { by: string; since: number; reason: string; restated: boolean }>();
  for (const checkIn of restated ? blockers : raised) {
    const group = groups.get(checkIn.by);
    const reason = restated ? '' : checkIn.note;
    if (!group) groups.set(checkIn.by, { by: checkIn.by, since: checkIn.at, reason, restated });
    else {
      group.since = Math.min(group.since, checkIn.at);
      if (group.reason === '') group.reason = reason;
    }
  }
  return [...groups.values()];
}

const kindName = (node: NodeView) => (node.kind === 'kpi' ? 'KPI' : 'key result');
/** Where the confidence slider's thumb rests while no confidence is given (nothing is recorded from it). */
const UNSET_CONFIDENCE_POSITION = '5';

/**
 * The fast check-in form: value (for metrics), confidence, status, note and a blocker flag. On a key
 * result or KPI a check-in without a value must be chosen explicitly ("No new value"), and then carry a
 * note or a blocker: a forgotten value would otherwise save a check-in that moves nothing.
 *
 * On an item a check-in blocker stands on, the box reads "Still blocked", ticked, with each standing
 * blocker's author, day and reason: a check-in leaves them standing unless its author unticks it, and
 * then the form says whose blocker it clears ("Clears Ben's blocker: …") and the check-in names those
 * blockers in `clears` (review33 F1: any later check-in cleared a blocker, the box starting unticked).
 * Left ticked, the check-in restates them (`restates`): their reason and raisers stay, whatever its note
 * says. Only "My note is a new reason", ticked by the person, makes the note the reason shown and its
 * author a raiser (blocker37; review36d B3: "revenue up after the webinar" became the blocker's reason).
 */
export function CheckInForm({ node, onDone }: { node: NodeView; onDone?: () => void }) {
  const { app, commands: registry } = useControllers();
  const measured = node.kind === 'key_result' || node.kind === 'kpi';
  // What is typed belongs to this node (a draft in the store, by node id), not to the form: the form
  // stayed mounted when the selection moved, and a note and blocker written on one item were added
  // to the next one selected (a follower's, when the presenter moved on). Kept across selections, the
  // draft is there again when its node is; one whose node is deleted is named in a notice (usercheck17).
  const draft = useStore(app.store, (state) => state.checkInDrafts.get(node.id)) ?? EMPTY_CHECK_IN_DRAFT;
  const change = (patch: Partial<Omit<CheckInDraft, 'told'>>) => changeCheckInDraft(app.store, node.id, patch);
  // Not given until the person moves the slider (or clicks or presses a key on it): a check-in records the
  // confidence its author gave, never one the form assumed. A preset 7 was stored with every check-in
  // made without touching the slider, and after a "10" last week it raised a confidence drop to 7 that
  // nobody expressed (usercheck15).
  const { value, noValue, confidence, status, note, blocker } = draft;
  // The blockers standing on the item, latest first (nobody cleared them knowingly), and those the person chose to clear.
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  const standing = plan?.index.standingBlockers(node.id) ?? [];
  const chosen = new Set(draft.clears ?? []);
  const clearing = standing.filter((checkIn) => chosen.has(checkIn.id));
  const staying = standing.filter((checkIn) => !chosen.has(checkIn.id));
  const nameOf = (by: string) => plan?.index.person(by)?.name ?? by;
  const timeZone = plan?.index.timeZone ?? 'UTC';
  const now = Date.now();
  const seen = useRef({ title: node.title, unit: node.fields.unit });
  seen.current = { title: node.title, unit: node.fields.unit };
  useEffect(() => () => tellCheckInDraftOfGoneNode(app, node.id, seen.current), [app, node.id]);
  const [problem, setProblem] = useState<{ text: string; field: 'value' | 'note' | 'form' } | null>(null);
  const valueInput = useRef<HTMLInputElement>(null);
  const noteInput = useRef<HTMLTextAreaElement>(null);
  // The form shows in the detail panel and in the check-in dialog at once: ids must differ.
  const id = useId();

  const refuse = (text: string, field: 'value' | 'note' | 'form') => {
    setProblem({ text, field });
    if (field === 'value') valueInput.current?.focus();
    if (field === 'note') noteInput.current?.focus();
  };

  // "You in this plan" removed: nothing is signed as them (leftovers39); the form says so and offers the ways on.
  const removedSelf = useRemovedSelf();
  // Restored (or another person chosen) meanwhile: the refusal no longer holds.
  useEffect(() => { if (!removedSelf) setProblem((current) => (current?.field === 'form' ? null : current)); }, [removedSelf]);

  const submit = () => {
    if (removedSelf) {
      refuse(removedSelfRefusal(removedSelf), 'form');
      return;
    }
    // Over the limit or holding a control character: keep the note as typed and say what to fix.
    const noteProblem = typedTextProblem('note', note, TEXT_LIMITS.note, true);
    if (noteProblem) {
      refuse(noteProblem, 'note');
      return;
    }
    // Only blockers still standing and shown as cleared: one cleared meanwhile by someone else needs no second clear.
    // "Still blocked" ticked says the item is still blocked: the check-in restates the standing blockers
    // (a blocker check-in marked `restates`, so a Throughline from before the mark reads the item as
    // blocked too), their reason and raisers kept. Its note becomes the reason shown only when the person
    // ticks "My note is a new reason" (the draft's `blocker`, which has no other use while blockers stand).
    const input: CheckInInput = standing.length === 0 ? { blocker, note: note.trim() }
      : clearing.length === 0 ? (blocker ? { blocker: true, note: note.trim() } : { blocker: true, restates: true, note: note.trim() })
      : { blocker: false, note: note.trim(), clears: clearing.map((checkIn) => checkIn.id) };
    // "My note is a new reason" with no note would list its author as a raiser with no reason (review38b F7).
    if (standing.length > 0 && clearing.length === 0 && blocker && showsNothing(note)) {
      const invisible = invisibleTextProblem(note);
      refuse(`${invisible ? `The note ${invisible}, so it is no note. ` : ''}Write the new reason in the note, or untick “My note is a new reason”.`, 'note');
      return;
    }
    if (measured && !noValue) {
      const typed = value.trim();
      if (typed === '') {
        refuse(`Enter the new value, or tick “No new value” to check in with a note or a blocker only.`, 'value');
        return;
      }
      // Typed with its unit ("9,5 M€") reads as the number; another unit is refused by name.
      const read = readTypedMeasure(typed, node.fields.unit, `this ${kindName(node)}`, numberNotationOf());
      if (!read.ok) {
        refuse(`New value: ${read.problem}`, 'value');
        return;
      }
      const number = read.value!;
      const limit = checkInValueLimit(node);
      if (Math.abs(number) > limit) {
        refuse(`${typed} is out of range for this ${kindName(node)}: a value must lie within ±${withUnit(limit, node.fields.unit)} (a million times its largest start, target or range).`, 'value');
        return;
      }
      // An NPS of 12,000 is no score: said here, at the value, in the model's own rule (unit-bounds.ts).
      const impossible = metricValueProblem(number, node.fields.unit, 'New value:', exactNumber);
      if (impossible) {
        refuse(`${impossible}.`, 'value');
        return;
      }
      input.value = number;
    }
    if (measured && noValue && showsNothing(input.note ?? '') && !input.blocker && clearing.length === 0) {
      // A note of zero-width characters looks empty and is no note (the model keeps it as none): say so.
      const invisible = invisibleTextProblem(input.note ?? '');
      refuse(`${invisible ? `The note ${invisible}, so it is no note. ` : ''}A check-in without a new value needs a note or “I am blocked”.`, 'note');
      return;
    }
    if (confidence !== '') input.confidence = Number(confidence);
    if (status) input.status = status as NonNullable<CheckInInput['status']>;
    const result = app.run((plan) => plan.addCheckIn(node.id, input), { quiet: true });
    if (!result.ok) {
      refuse(result.message, 'form');
      return;
    }
    app.store.getState().setCheckInDraft(node.id, null);
    setProblem(null);
    onDone?.();
  };

  // Ctrl/Cmd+Enter is a command of the registry, heard in the form that has the focus (check-in-commands.ts).
  const formRef = useRef<HTMLFormElement>(null);
  const attached = useRef<Disposable | null>(null);
  useEffect(() => () => { void attached.current?.dispose(); }, []);
  const onFocus = () => {
    void attached.current?.dispose();
    attached.current = registry.attachSurface('checkInForm', () => ({ submit: () => formRef.current?.requestSubmit() }));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (isComposingKey(event)) return;
    // In the check-in dialog the form is the open dialog's own: its keys are not "behind" it.
    if (registry.handleKey(event, 'checkInForm', { fromDialog: event.currentTarget.closest('dialog[open]') !== null })) event.preventDefault();
  };

  // A value the unit makes unlikely (a churn of −1 %) is taken, with a warning while it is typed (review45a);
  // so is a negative one where every value of the metric so far was 0 or more (review45a F10).
  const checkInValues = measured && plan ? plan.index.checkIns(node.id).map((checkIn) => checkIn.value) : [];
  const typedValue = measured && !noValue && value.trim() !== '' ? readTypedMeasure(value.trim(), node.fields.unit, `this ${kindName(node)}`, numberNotationOf()) : null;
  const warning = typedValue?.ok && typedValue.value !== null ? metricValueWarning(typedValue.value, node.fields.unit, exactNumber, metricContextOf(node.fields, null, checkInValues)) : null;
  const warningId = `${id}-warning`;
  const problemId = `${id}-problem`;
  const describedBy = (field: 'value' | 'note') => (problem?.field === field ? problemId : undefined);
  return (
    <form ref={formRef} className="checkin-form" aria-label="New check-in" noValidate onSubmit={(event) => { event.preventDefault(); submit(); }}
      onFocus={onFocus} onKeyDown={onKeyDown}>
      <div className="checkin-row">
        {measured && (
          <div className="field">
            <label htmlFor={`${id}-value`}>New value{node.fields.unit ? ` (${node.fields.unit})` : ''}</label>
            <input id={`${id}-value`} ref={valueInput} className="input" inputMode="decimal" value={value} disabled={noValue}
              placeholder={node.value === null ? '' : String(node.value)} aria-invalid={problem?.field === 'value' ? true : undefined}
              aria-describedby={describedBy('value') ?? (warning ? warningId : undefined)} onChange={(event) => { change({ value: event.target.value }); setProblem(null); }} />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-confidence`}>Confidence: {confidence === '' ? 'not given' : `${confidence}/10`}</label>
          {/* The thumb rests mid-way while not given; a move, a key or a click on it gives a value. */}
          <input id={`${id}-confidence`} type="range" min={0} max={10} step={1} value={confidence === '' ? UNSET_CONFIDENCE_POSITION : confidence}
            aria-valuetext={confidence === '' ? 'not given' : `${confidence} of 10`}
            onChange={(event) => change({ confidence: event.target.value })} onClick={(event) => change({ confidence: event.currentTarget.value })} />
          {confidence !== '' && <button type="button" className="button small ghost" onClick={() => change({ confidence: '' })}>Clear confidence</button>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} className="select" value={status} onChange={(event) => change({ status: event.target.value })}>
            <option value="">—</option>
            {CHECKIN_STATUSES.map((option) => <option key={option} value={option}>{optionLabels[option]}</option>)}
          </select>
        </div>
      </div>
      {/* Under the whole row, not the narrow value column, where it wrapped into a tall strip. */}
      {warning && !problem && <p id={warningId} className="field-hint field-warning checkin-warning" role="status">{warning}</p>}
      {measured && (
        <label className="checkbox-line">
          <input type="checkbox" checked={noValue} onChange={(event) => { change({ noValue: event.target.checked }); setProblem(null); }} />
          No new value: a note or blocker only
        </label>
      )}
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea id={`${id}-note`} ref={noteInput} className="textarea" rows={2} value={note} placeholder="What moved, what is in the way?"
          aria-invalid={problem?.field === 'note' ? true : undefined} aria-describedby={describedBy('note')}
          onChange={(event) => { change({ note: event.target.value }); if (problem?.field === 'note') setProblem(null); }} />
      </div>
      {standing.length > 0 && (
        <div id={`${id}-standing`} className="checkin-standing-blockers">
          {staying.length > 0 && (
            <ul aria-label="Blockers standing">
              {byAuthor(staying).map(({ by, since, reason, restated }) => (
                <li key={by}>Blocked since {daysFrom(since, now, timeZone)}, {restated ? 'said still blocked by' : 'raised by'} {isolatedText(nameOf(by))}{reason ? <>: “{isolatedText(reason)}”</> : ''}</li>
              ))}
            </ul>
          )}
          {clearing.length > 0 && (
            <p className="checkin-clears" role="status">
              This check-in clears {byAuthor(clearing).map(({ by, reason }, i, all) => (
                <span key={by}>{i > 0 ? (i === all.length - 1 ? ' and ' : ', ') : ''}{isolatedText(nameOf(by))}’s blocker{reason ? <>: “{isolatedText(reason)}”</> : ''}</span>
              ))}.
            </p>
          )}
        </div>
      )}
      {removedSelf && <RemovedSelfSigning person={removedSelf} />}
      <div className="checkin-row end">
        {standing.length === 0 && (
          <label className="checkbox-line"><input type="checkbox" checked={blocker} onChange={(event) => { change({ blocker: event.target.checked }); if (problem?.field === 'note') setProblem(null); }} /> I am blocked</label>
        )}
        {standing.length > 0 && (
          <label className="checkbox-line">
            <input type="checkbox" checked={clearing.length === 0} aria-describedby={`${id}-standing`}
              onChange={(event) => { change({ clears: event.target.checked ? [] : standing.map((checkIn) => checkIn.id) }); if (problem?.field === 'note') setProblem(null); }} />
            Still blocked
          </label>
        )}
        {standing.length > 0 && clearing.length === 0 && (
          <label className="checkbox-line">
            <input type="checkbox" checked={blocker} aria-describedby={problem?.field === 'note' ? problemId : undefined}
              onChange={(event) => { change({ blocker: event.target.checked }); if (problem?.field === 'note') setProblem(null); }} />
            My note is a new reason
          </label>
        )}
        <span className="row-spacer" />
        {problem && <span id={problemId} className="field-error" role="alert">{problem.text}</span>}
        <button type="submit" className="button primary">Add check-in</button>
      </div>
    </form>
  );
}
