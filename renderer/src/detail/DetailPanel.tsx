import { ShownTitle } from '../outline/ShownText.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { TEXT_LIMITS, metricContextOf, metricFieldsProblem, type NodeFields, type NodeFieldName, type NodeView, type NodeId } from '../../../shared/model/index.js';
import { TextConflicts } from './TextConflicts.js';
import { StoredControlCharacters } from './StoredControlCharacters.js';
import { editableText, fromEditableText, withoutControlCharacters } from '../../../shared/text/control-characters.js';
import { freeTextAsKept } from '../../../shared/text/invisible-text.js';
import { FieldConflicts } from './FieldConflicts.js';
import { LostMoves } from './LostMoves.js';
import { KindConflicts } from './KindConflicts.js';
import { EditsLostToKind } from './EditsLostToKind.js';
import { useControllers } from '../session/controller-context.js';
import { sentence } from '../session/plan-operations.js';
import { appStore, useAppStore } from '../store/app-store.js';
import type { PlanView } from '../store/app-state.js';
import { exactNumber, formatPastDay, formatPlanDayTime, healthLabel, percent, signalText, storedControlCharacters, typedTextProblem } from '../outline/labels.js';
import { CheckInSection } from './CheckInSection.js';
import { PlanHealthChip } from '../pulse/PlanHealthChip.js';
import { KindPicker } from './KindPicker.js';
import { fieldsOf } from './field-specs.js';
import { FieldEditor, type Directory } from './FieldEditor.js';
import { LinksSection } from './LinksSection.js';
import { CarryOverSection } from './CarryOverSection.js';
import { SignalList } from './SignalList.js';
import { planDirectory } from '../session/plan-directory.js';
import { keepUnsavedText } from './unsaved-text.js';
import { markUnsaved } from './details-typing.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { Sentence } from '../text/Isolated.js';
import { isComposingKey } from '../text/composing';

/**
 * A text field's draft and the text it started from. A change from elsewhere replaces an untouched
 * draft, never one the person is typing: theirs is saved against what they saw (a conflict to pick
 * when both renamed), so nobody's words vanish under them.
 */
function useTextDraft(field: 'title' | 'description', id: NodeId, shown: string, leave: (edit: { id: NodeId; base: string; draft: string }) => void,
  refusalOf: (draft: string, base: string) => string | null) {
  const [edit, setEdit] = useState({ id, base: shown, draft: shown });
  useEffect(() => {
    setEdit((current) => (current.id !== id || current.draft === current.base ? { id, base: shown, draft: shown } : current));
  }, [id, shown]);
  // A draft still unsaved when its node goes (deleted by someone else, the selection moved with the
  // focus still in the field) is handed to `leave`, never dropped: no blur comes to save it.
  const latest = useRef({ edit, leave });
  latest.current = { edit, leave };
  useEffect(() => () => {
    const { edit: last, leave: keep } = latest.current;
    if (last.id === id && last.draft !== last.base) keep(last);
  }, [id]);
  const stale = edit.id === id ? edit : { id, base: shown, draft: shown };
  // Words not yet saved hold a follow where they are (review40b F1).
  const holding = stale.draft !== stale.base;
  // Refused words (over the limit, a control character) hold it as refused once the person left the field (review41 item 3).
  const problem = holding ? refusalOf(stale.draft, stale.base) : null;
  const label = field === 'title' ? 'Title' : 'Description';
  useEffect(() => { markUnsaved(field, holding, problem === null ? null : { field: label, problem }); }, [field, holding, problem, label]);
  useEffect(() => () => markUnsaved(field, false), [field]);
  return {
    draft: stale.draft,
    base: stale.base,
    /** True when someone else changed the text while this person was typing over it. */
    changedMeanwhile: stale.draft !== stale.base && stale.base !== shown,
    type: (draft: string) => setEdit({ ...stale, draft }),
    saved: (text: string) => setEdit({ id, base: text, draft: text }),
    reset: () => setEdit({ id, base: shown, draft: shown }),
  };
}

function TitleField({ node, readOnly }: { node: NodeView; readOnly: boolean }) {
  const { app } = useControllers();
  const { draft, base, changedMeanwhile, type, saved, reset } = useTextDraft('title', node.id, node.title,
    (left) => keepUnsavedText(app, { id: left.id, field: 'title', text: fromEditableText(left.draft, left.base), base: left.base, title: left.base }),
    (typed, stored) => typedTextProblem('title', fromEditableText(typed, stored), TEXT_LIMITS.title));
  const [problem, setProblem] = useState<string | null>(null);
  // Over the limit or holding a control character: keep what was typed and say so (the message shows) until it is fixed.
  // A stored title with control characters (an old file's, a peer's) shows each by its name, ‹NUL›,
  // as the outline's chip names it (editableText); untouched it stays as stored, edited it saves what
  // the field shows (fromEditableText), and one click removes them.
  const untouched = draft === base;
  const text = untouched ? draft : fromEditableText(draft, base);
  const refusal = untouched ? null : typedTextProblem('title', text, TEXT_LIMITS.title);
  const commit = () => {
    if (draft === base || refusal) return;
    const result = app.run((plan) => plan.setTitle(node.id, text, base), { quiet: true });
    setProblem(result.ok ? null : result.message);
    if (result.ok) saved(text);
  };
  return (
    <div className="field">
      <label htmlFor="detail-title" className="visually-hidden">Title</label>
      <input id="detail-title" className="input detail-title" dir="auto" value={untouched ? editableText(draft) : draft} readOnly={readOnly} placeholder="Untitled"
        aria-describedby={untouched && !readOnly && storedControlCharacters(draft) !== null ? 'detail-title-stored-control' : undefined}
        aria-invalid={problem || refusal ? true : undefined} onChange={(event) => { type(event.target.value); setProblem(null); }} onBlur={commit}
        onKeyDown={(event) => {
          if (isComposingKey(event)) return;
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') { reset(); setProblem(null); }
        }} />
      {changedMeanwhile && <span className="field-hint" role="status">{`Renamed to “${node.title}” while you typed; yours is kept beside it to pick from.`}</span>}
      {refusal && <span className="field-error" role="alert">{refusal}</span>}
      {untouched && !readOnly && <StoredControlCharacters what="title" stored={draft} id="detail-title-stored-control" onRemove={() => type(withoutControlCharacters(draft))} />}
      {!refusal && problem && <span className="field-error" role="alert">{problem}</span>}
      <TextConflicts node={node} field="title" readOnly={readOnly} />
    </div>
  );
}

function DescriptionField({ node, readOnly }: { node: NodeView; readOnly: boolean }) {
  const { app } = useControllers();
  const current = app.plan?.index.description(node.id) ?? '';
  const { draft, base, changedMeanwhile, type, saved, reset } = useTextDraft('description', node.id, current,
    (left) => keepUnsavedText(app, { id: left.id, field: 'description', text: left.draft, base: left.base, title: node.title }),
    (typed) => typedTextProblem('description', typed, TEXT_LIMITS.description, true));
  const refusal = typedTextProblem('description', draft, TEXT_LIMITS.description, true);
  return (
    <div className="field">
      <label htmlFor="detail-description">Description</label>
      <textarea id="detail-description" className="textarea" dir="auto" value={draft} readOnly={readOnly} rows={3} aria-invalid={refusal ? true : undefined}
        onChange={(event) => type(event.target.value)}
        onKeyDown={(event) => { if (!isComposingKey(event) && event.key === 'Escape') reset(); }}
        onBlur={() => { if (draft !== base && !refusal && app.run((plan) => plan.setDescription(node.id, draft, base)).ok) saved(freeTextAsKept(draft)); }} />
      {changedMeanwhile && <span className="field-hint" role="status">Someone else changed the description while you typed; yours is kept when you leave the field.</span>}
      {refusal && <span className="field-error" role="alert">{refusal}</span>}
      <TextConflicts node={node} field="description" readOnly={readOnly} />
    </div>
  );
}

/** Breadcrumb from the strategy down to the node; each step selects that node. */
function PathCrumbs({ ids }: { ids: readonly NodeId[] }) {
  const plan = useAppStore((state) => state.plan);
  const select = useAppStore((state) => state.select);
  if (!plan || ids.length <= 1) return null;
  return (
    <nav className="crumbs" aria-label="Path">
      {ids.slice(0, -1).map((id) => (
        <span key={id}><button type="button" className="link-button" onClick={() => select(id)}><ShownTitle text={plan.index.title(id)} /></button> › </span>
      ))}
    </nav>
  );
}

/** Where the empty panel says to select an item: the view shown beside it (review39b F11: the Cascade view said "in the outline"). */
const emptyPanelWhere: Record<PlanView, string> = {
  outline: 'in the outline', canvas: 'on the cascade', pulse: 'in the pulse', review: 'in the review', mywork: 'in My work', people: 'in the plan',
};

/** Everything about the selected node: fields with validation, signals, check-ins, links. */
export function DetailPanel() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const selectedId = useAppStore((state) => state.selectedId);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const select = useAppStore((state) => state.select);
  const view = useAppStore((state) => state.view);
  const node = selectedId ? plan?.index.node(selectedId) : undefined;
  const directory: Directory = useMemo(() => {
    void planVersion;
    return planDirectory(plan?.index);
  }, [plan, planVersion]);

  if (!plan || !node) {
    const summary = plan?.index.summary();
    return (
      <aside className="detail-panel" aria-label="Details">
        <div className="detail-empty">
          <h2>{summary?.name ?? 'Plan'}</h2>
          {summary && (
            <dl className="summary-list">
              <div><dt>Progress</dt><dd>{summary.progress === null ? '—' : percent(summary.progress)}</dd></div>
              <div><dt>Health</dt><dd><PlanHealthChip health={summary.health} items={summary.liveNodes} /></dd></div>
              <div><dt>Work aligned to strategy</dt><dd>{summary.alignedShare === null ? '—' : percent(summary.alignedShare)}</dd></div>
              <div><dt>Blocked tasks</dt><dd>{summary.counts.blocked}</dd></div>
            </dl>
          )}
          <p className="muted">Select an item {emptyPanelWhere[view]} to see and edit its details.</p>
        </div>
      </aside>
    );
  }

  const saveField = (field: NodeFieldName, value: string | number | boolean | null): string | null => {
    // A metric value its unit cannot take is refused here first, in the model's own rule (node-rules.ts) but with
    // the figures grouped as the warnings and the history beside it group them ("12.000" in de-DE, leftovers46a).
    const next: Record<string, unknown> = { ...node.fields, [field]: value };
    if (value === null) delete next[field];
    const refused = metricFieldsProblem(next as NodeFields, new Set([field]), exactNumber);
    if (refused) return sentence(refused);
    const result = app.run((current) => current.updateNode(node.id, { [field]: value }), { quiet: true });
    return result.ok ? null : result.message;
  };
  const path = plan.index.pathToRoot(node.id).reverse();
  const cause = node.healthCause;
  const stamp = node.updated ?? node.created;
  const byName = (by: string) => directory.person(by)?.name ?? by;
  // A metric's values so far: a negative value against them all is warned about (review45a F10, unit-bounds.ts).
  const checkInValues = node.kind === 'key_result' || node.kind === 'kpi' ? plan.index.checkIns(node.id).map((checkIn) => checkIn.value) : [];

  return (
    <aside className="detail-panel" aria-label="Details">
      <div className="detail-scroll">
        <PathCrumbs ids={path} />
        <div className="detail-head">
          <KindPicker node={node} readOnly={readOnly} />
          <span className={`health-chip health-${node.health}`} aria-label={`Health: ${healthLabel[node.health]}`}>{healthLabel[node.health]}</span>
          {node.progress !== null && <span className="detail-progress numeric" aria-label="Progress">{percent(node.progress)}</span>}
        </div>
        <KindConflicts node={node} readOnly={readOnly} />
        <EditsLostToKind node={node} directory={directory} readOnly={readOnly} />
        <TitleField node={node} readOnly={readOnly} />
        <LostMoves node={node} readOnly={readOnly} />
        {cause && cause.path.length > 0 && cause.signal.severity !== 'info' && (
          <div className={`cause health-${node.health}`} role="note" aria-label="Why this health">
            <strong><Sentence text={signalText(cause.signal)} /></strong>
            {cause.path.length > 1 && (
              <div className="cause-path">
                via {cause.path.slice(1).map((id, i) => (
                  <span key={id}>{i > 0 && ' › '}<button type="button" className="link-button" onClick={() => { const step = plan.index.node(id); if (step) select(step.id); }}><ShownTitle text={plan.index.title(id)} /></button></span>
                ))}
              </div>
            )}
          </div>
        )}
        <SignalList signals={node.signals} timeZone={plan.index.timeZone} titleOf={(id) => plan.index.title(id) || 'Untitled'} />
        <section className="detail-section" aria-label="Fields">
          <CheckInBlockerNote node={node} byName={byName} timeZone={plan.index.timeZone} checkInBy={(id) => plan.index.checkIns(node.id).find((checkIn) => checkIn.id === id)?.by ?? null} />
          <div className="field-grid">
            {fieldsOf(node.kind).map((field) => (
              <FieldEditor key={field} nodeId={node.id} kind={node.kind} field={field} value={node.fields[field]} unit={node.fields.unit} figures={metricContextOf(node.fields, field, checkInValues)} directory={directory} readOnly={readOnly} onSave={saveField}>
                <FieldConflicts node={node} field={field} directory={directory} readOnly={readOnly} />
              </FieldEditor>
            ))}
          </div>
          <DescriptionField node={node} readOnly={readOnly} />
        </section>
        <CheckInSection node={node} readOnly={readOnly} byName={byName} />
        <LinksSection node={node} readOnly={readOnly} />
        {node.kind === 'key_result' && !readOnly && <CarryOverSection node={node} />}
        <p className="detail-stamp faint">
          {stamp ? `${node.updated ? 'Updated' : 'Created'} ${formatPlanDayTime(stamp.at, plan.index.timeZone)} by ${byName(stamp.by)}` : ''}
        </p>
        {!readOnly && (
          <div className="detail-actions">
            <button type="button" className="button small danger" onClick={() => {
              const title = node.title || 'Untitled';
              if (app.run((current) => current.deleteNode(node.id)).ok) {
                select(null);
                appStore.getState().notify({ text: `Deleted "${isolatedText(title)}".`, tone: 'info', action: { label: 'Undo', run: () => { if (app.run((current) => current.restoreNode(node.id)).ok) select(node.id); } } });
              }
            }}>Delete</button>
          </div>
        )}
      </div>
    </aside>
  );
}

/**
 * A blocker raised in a check-in, beside the fields (review39b F9): the signal said "BLOCKED — Blocker raised in a
 * check-in today" while the fields below read Status "Not set", "Blocked because" empty and "Blocked since —". The
 * fields are the status set by hand; this names the check-in's blocker read-only, whose it is and since when, and
 * how it ends, so the two blocked notions stand side by side.
 */
function CheckInBlockerNote({ node, byName, timeZone, checkInBy }: { node: NodeView; byName: (by: string) => string; timeZone: string; checkInBy: (checkInId: string) => string | null }) {
  const signal = node.signals.find((found) => found.kind === 'blocked' && found.evidence.source === 'check-in');
  if (signal?.kind !== 'blocked' || signal.evidence.checkInId === null) return null;
  const by = checkInBy(signal.evidence.checkInId);
  const reason = signal.evidence.reason;
  const ownStatus = node.fields.status === 'blocked' ? 'The status below is blocked too, set by hand.' : 'The status and “Blocked because” fields below are set by hand and do not carry it.';
  return (
    <p className="check-in-blocker-note" role="note" aria-label="Blocked by a check-in">
      <strong>Blocked by {by === null ? 'a check-in' : <>{isolatedText(byName(by))}&rsquo;s check-in</>}</strong> since {formatPastDay(signal.since, Date.now(), timeZone)}
      {reason ? <>: &ldquo;{isolatedText(reason)}&rdquo;</> : ''}. {ownStatus} It stands until a check-in clears it{node.fields.status === 'blocked' ? ' or the status is changed from Blocked' : ''}.
    </p>
  );
}
