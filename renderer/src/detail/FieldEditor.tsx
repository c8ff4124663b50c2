import { useEffect, useState, type ReactNode } from 'react';
import { KIND_LABELS, metricValueWarning, shownName, type MetricContext, type NodeFieldName, type NodeFields, type NodeKind, type PeriodView, type PersonView, type TeamView } from '../../../shared/model/index.js';
import { fieldSpecs, fractionOf, optionLabels, percentOf, percentProblem, statusOptions } from './field-specs.js';
import { exactNumber, formatPlanDayTime } from '../outline/labels.js';
import { numberNotationOf, readTypedMeasure, readTypedNumber } from '../../../shared/text/typed-number.js';
import { readTypedEffort, readTypedWeight } from '../../../shared/text/typed-days.js';
import { DirectoryPicker } from '../people/DirectoryPicker.js';
import { peopleChoices, teamChoices } from '../people/directory-choices.js';
import { isComposingKey } from '../text/composing';
import { removedByName } from '../../../shared/model/removed.js';
import { notADateProblem } from '../text/typed-date.js';

import { markUnsaved } from './details-typing.js';

/**
 * The plan's people, teams and periods for pickers. The lists are sorted when first read (a picker
 * filling), not on every edit: a company's 10,000 people took a sort per edit in every panel.
 */
export interface Directory {
  readonly people: readonly PersonView[];
  /** In their hierarchy, depth first; `depth` 0 at the top. */
  readonly teams: readonly (TeamView & { depth: number })[];
  /** A person by id, found without a scan. */
  person(id: string): PersonView | undefined;
  /** A team by id, found without a scan. */
  team(id: string): TeamView | undefined;
  periods: readonly PeriodView[];
  /** The plan's zone: a time field (blocked since) shows the plan's day, the one its figures count. */
  timeZone: string;
}

interface FieldEditorProps {
  nodeId: string;
  kind: NodeKind;
  field: NodeFieldName;
  value: NodeFields[NodeFieldName];
  /** The node's metric unit: a start, target, range or healthy bound typed with it reads as the number. */
  unit?: string;
  /** What the metric's own record says about the value (metricContextOf): its other figures and check-ins. */
  figures?: MetricContext;
  directory: Directory;
  readOnly: boolean;
  /** Writes the value (null clears); returns the problem when the plan refuses it. */
  onSave(field: NodeFieldName, value: string | number | boolean | null): string | null;
  /** Shown under the field: values written concurrently with this one (FieldConflicts). */
  children?: ReactNode;
}

/** The fields that hold a value of the node's metric, in its unit: typed with that unit, they read as the number. */
const METRIC_VALUE_FIELDS: ReadonlySet<NodeFieldName> = new Set(['start', 'target', 'rangeLow', 'rangeHigh', 'healthyLow', 'healthyHigh']);

/** Turns what was typed into the value to store, or the problem with it. */
function parseTyped(field: NodeFieldName, raw: string, kind: NodeKind, unit: string | undefined): { value: string | number | null } | { problem: string } {
  const input = fieldSpecs[field].input;
  const trimmed = raw.trim();
  if (trimmed === '') return { value: null };
  if (input.type === 'number' || input.type === 'percent') {
    // A percent field reads "50%" and "50 %" (the metric fields read "12 %"), and says its limits in percent.
    const number = METRIC_VALUE_FIELDS.has(field)
      ? readTypedMeasure(trimmed, unit, `this ${KIND_LABELS[kind].toLowerCase()}`, numberNotationOf())
      : input.type === 'percent' ? readTypedMeasure(trimmed, '%', fieldSpecs[field].label.replace(/\s*\(%\)$/, '').toLowerCase(), numberNotationOf())
        : field === 'weight' ? readTypedWeight(trimmed, numberNotationOf())
          : field === 'effort' ? readTypedEffort(trimmed, numberNotationOf()) : readTypedNumber(trimmed, numberNotationOf());
    // Named by the field: "Target: "12345678901234567890" has 20 significant digits; …".
    if (!number.ok) return { problem: `${fieldSpecs[field].label}: ${number.problem}` };
    if (input.type === 'percent') {
      const problem = percentProblem(fieldSpecs[field].label, number.value!);
      return problem ? { problem } : { value: fractionOf(number.value!) };
    }
    return { value: number.value };
  }
  return { value: input.type === 'text' ? raw : trimmed };
}

/**
 * A field's value as the person edits it: a number in full, ungrouped, with their decimal mark (a
 * decimal comma where their locale has one, so "1,125" reads back as what it shows).
 */
export function shown(field: NodeFieldName, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'number') return String(value);
  const text = String(fieldSpecs[field].input.type === 'percent' ? percentOf(value) : value);
  return numberNotationOf().decimal === ',' && !/e/i.test(text) ? text.replace('.', ',') : text;
}

/** One field of the detail panel: typed input, saved on change or blur, with the plan's validation message. */
export function FieldEditor({ nodeId, kind, field, value, unit, figures, directory, readOnly, onSave, children }: FieldEditorProps) {
  const spec = fieldSpecs[field];
  const current = shown(field, value);
  // The draft and the value it was typed over: a change arriving from someone else replaces an
  // untouched draft, never one being typed (that would drop the person's input without a word).
  const [edit, setEdit] = useState({ key: `${nodeId}|${field}`, base: current, draft: current });
  const [problem, setProblem] = useState<string | null>(null);
  const { draft, base } = edit.key === `${nodeId}|${field}` ? edit : { draft: current, base: current };
  const typing = draft !== base;
  useEffect(() => {
    if (!typing) setProblem(null);
    setEdit((before) => (before.key === `${nodeId}|${field}` && before.draft !== before.base ? before : { key: `${nodeId}|${field}`, base: current, draft: current }));
  }, [field, current, nodeId, typing]);
  // Words not yet saved hold a follow where they are (review40b F1); a refused value, once the person left
  // the field, holds it as refused, not as typing: the follow says so and offers to catch up (review41 item 3).
  // A date typed over no date that is no date (02/30/2027) leaves the draft empty as it was: held as refused too.
  const typedField = ['number', 'percent', 'text', 'date'].includes(spec.input.type);
  const refused = typedField && problem !== null;
  useEffect(() => { markUnsaved(`field:${field}`, typing || refused, refused ? { field: spec.label, problem: problem! } : null); }, [field, typing, refused, problem, spec.label]);
  useEffect(() => () => markUnsaved(`field:${field}`, false), [field]);
  const setDraft = (next: string) => setEdit({ key: `${nodeId}|${field}`, base, draft: next });
  const changedMeanwhile = draft !== base && base !== current;
  const id = `field-${field}`;
  const save = (next: string | number | boolean | null) => setProblem(onSave(field, next));
  // `badInput`: a date field left holding what is no date (02/30/2027, a part missing), which the
  // browser reports as '' like a cleared field: refused, named, and the stored date kept (typed-date.ts).
  const commitTyped = (badInput = false) => {
    if (badInput) { setProblem(notADateProblem(spec.label, current)); return; }
    if (draft === base) return;
    const parsed = parseTyped(field, draft, kind, unit);
    if ('problem' in parsed) { setProblem(parsed.problem); return; }
    const refused = onSave(field, parsed.value);
    setProblem(refused);
    // Saved: the draft is the value now, so later changes from others show again.
    if (refused === null) setEdit({ key: `${nodeId}|${field}`, base: draft, draft });
  };
  // A plan with no periods offers only "—": say where periods are made, or no pace is ever judged (review44a F2).
  const hint = field === 'period' && directory.periods.length === 0 && !readOnly ? 'This plan has no periods yet: add one (e.g. 2027-Q1, with its dates) under People & teams, then choose it here.' : spec.hint;
  // A saved value its unit makes unlikely or impossible (a churn of −1 %, an NPS of 12,000 merged from an
  // edit made elsewhere) is said under the field, whoever wrote it (review45a; unit-bounds.ts), its figure
  // grouped as the check-in history beside it groups it ("12.000 NPS" in de-DE, review45a F8).
  const warning = METRIC_VALUE_FIELDS.has(field) && typeof value === 'number' && !typing ? metricValueWarning(value, unit, exactNumber, figures) : null;
  const common = { id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': problem ? `${id}-error` : warning ? `${id}-warning` : hint ? `${id}-hint` : undefined } as const;
  const input = spec.input;
  let control;
  let removedNote: string | null = null;
  if (input.type === 'instant') {
    control = <output id={id} className="field-value">{typeof value === 'number' ? formatPlanDayTime(value, directory.timeZone) : '—'}</output>;
  } else if (input.type === 'checkbox') {
    control = <input type="checkbox" {...common} checked={value === true} disabled={readOnly} onChange={(event) => save(event.target.checked)} />;
  } else if (input.type === 'ref' && input.refers !== 'period') {
    // A person or a team: one of thousands in a company, searched as one types; the directory is
    // walked only when the picker opens (DirectoryPicker).
    const chosenValue = typeof value === 'string' ? value : '';
    const team = input.refers === 'team';
    const found = team ? directory.team(chosenValue) : directory.person(chosenValue);
    // A removed person or team (a tombstone, or gone from an older plan) still shows where an item names
    // them, marked, with what to do (people37): the removal and this item's assignment may have crossed.
    const gone = chosenValue !== '' && (!found || found.removed !== undefined);
    if (gone) {
      const when = found?.removed ? ` on ${formatPlanDayTime(found.removed.at, directory.timeZone)}${found.removed.by ? ` by ${removedByName(directory, found.removed)}` : ''}` : '';
      removedNote = team
        ? `${found ? `The team ${found.name}` : 'This team'} was removed from the plan${when}; this item counts under the team above it. Choose another team${found ? ', or restore it under People & teams' : ''}.`
        : `${found ? found.name : 'This person'} was removed from the plan${when}. Choose another ${spec.label.toLowerCase()}${found ? ', or restore them under People & teams' : ''}.`;
    }
    control = (
      <DirectoryPicker key={nodeId} {...common} value={chosenValue} currentName={gone ? shownName(found, team ? 'team' : 'person') : found?.name} disabled={readOnly}
        noneLabel={team ? 'No team' : 'Unassigned'} kind={team ? 'Teams' : 'People'}
        choices={() => team ? teamChoices(directory.teams) : peopleChoices(directory.people, directory.teams)} source={directory}
        onChange={(next) => save(next === '' ? null : next)} />
    );
  } else if (input.type === 'ref' || input.type === 'choice') {
    const options = input.type === 'ref'
      ? directory.periods.map((item) => ({ value: item.id, label: item.name }))
      : (field === 'status' ? statusOptions(kind) : input.options).map((option) => ({ value: option, label: optionLabels[option] ?? option }));
    control = (
      <select {...common} className="select" value={typeof value === 'string' ? value : ''} disabled={readOnly}
        onChange={(event) => save(event.target.value === '' ? null : event.target.value)}>
        <option value="">{field === 'status' ? 'Not set' : '—'}</option>
        {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    );
  } else if (input.type === 'text' && input.multiline) {
    control = <textarea {...common} className="textarea" value={draft} readOnly={readOnly} onChange={(event) => setDraft(event.target.value)} onBlur={() => commitTyped()} />;
  } else {
    control = (
      <input {...common} className="input" type={input.type === 'date' ? 'date' : 'text'} inputMode={input.type === 'number' || input.type === 'percent' ? 'decimal' : undefined}
        value={draft} readOnly={readOnly}
        onChange={(event) => { setDraft(event.target.value); setProblem(null); }}
        onBlur={(event) => commitTyped(event.currentTarget.validity.badInput)}
        onKeyDown={(event) => { if (isComposingKey(event)) return; if (event.key === 'Enter') { event.preventDefault(); commitTyped(event.currentTarget.validity.badInput); } if (event.key === 'Escape') { if (event.currentTarget.validity.badInput) event.currentTarget.value = current; setEdit({ key: `${nodeId}|${field}`, base: current, draft: current }); setProblem(null); } }} />
    );
  }
  return (
    <div className={`field field-${field}`}>
      <label htmlFor={id}>{spec.label}</label>
      {control}
      {removedNote && <span className="field-hint field-removed" role="status">{removedNote}</span>}
      {children}
      {changedMeanwhile && <span className="field-hint" role="status">{`Changed to “${current || 'nothing'}” by someone else while you typed; leaving the field saves yours, Escape keeps theirs.`}</span>}
      {!problem && warning && <span id={`${id}-warning`} className="field-hint field-warning" role="status">{warning}</span>}
      {problem ? <span id={`${id}-error`} className="field-error" role="alert">{problem}</span> : hint ? <span id={`${id}-hint`} className="field-hint">{hint}</span> : null}
    </div>
  );
}
