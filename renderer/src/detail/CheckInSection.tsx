import { lazy, memo, useMemo, useState } from 'react';
import { checkInUnit, datedInFuture, type CheckIn, type NodeView } from '../../../shared/model/index.js';
import { useAppStore } from '../store/app-store.js';
import { LazyPart } from '../shell/LazyPart.js';
import { CheckInForm } from './CheckInForm.js';
import { draftInWords, saysSomething } from './check-in-draft.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { optionLabels } from './field-specs.js';
import { exactNumber, formatPlanDayTime } from '../outline/labels.js';

// The chart (D3 scales) is loaded the first time a node with check-ins is shown in detail.
const CheckInChart = lazy(() => import('./CheckInChart.js').then((module) => ({ default: module.CheckInChart })));

/** How many more history rows each "Show more" adds: a long history is paged, as the pulse's evidence is. */
export const HISTORY_PAGE = 200;

/** Check-in history of a node: chart, the latest entries, and the form to add one. */
export function CheckInSection({ node, readOnly, byName }: { node: NodeView; readOnly: boolean; byName: (id: string) => string }) {
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const [shown, setShown] = useState(5);
  const draft = useAppStore((state) => state.checkInDrafts.get(node.id));
  // Decoded once per plan version, not per keystroke in the form: the chart and the rows below are memoised on it.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- planVersion: the plan object stays, its check-ins change
  const checkIns = useMemo(() => (plan ? plan.index.checkIns(node.id) : []), [plan, planVersion, node.id]);
  // Each value in the unit it was given in: a unit changed since must not re-read it (check-in-units.ts).
  const changedAt = plan?.index.unitChangedAt(node.id) ?? null;
  const unit = node.fields.unit;
  const current = unit ?? '';
  const measured = node.kind === 'key_result' || node.kind === 'kpi';
  const charted = useMemo(() => {
    const inOtherUnits = measured ? checkIns.filter((checkIn) => checkIn.value !== null && checkInUnit(checkIn, unit, changedAt) !== current) : [];
    return { inOtherUnits, series: inOtherUnits.length > 0 ? checkIns.filter((checkIn) => !inOtherUnits.includes(checkIn)) : checkIns };
  }, [checkIns, measured, unit, current, changedAt]);
  if (!plan) return null;
  const unitOf = (checkIn: CheckIn) => checkInUnit(checkIn, unit, changedAt);
  const { inOtherUnits } = charted;
  const latestValued = checkIns.findLast((checkIn) => checkIn.value !== null);
  const awaitingValue = latestValued !== undefined && inOtherUnits.includes(latestValued);
  // Newest first, one page at a time: a history of thousands is never drawn whole unless asked for.
  const rows: CheckIn[] = [];
  for (let i = checkIns.length - 1; i >= 0 && rows.length < shown; i--) rows.push(checkIns[i]!);
  const standingIds = new Set(plan.index.standingBlockers(node.id).map((checkIn) => checkIn.id));
  const now = Date.now();
  const zone = plan.index.timeZone;
  const more = checkIns.length - rows.length;
  return (
    <section className="detail-section" aria-label="Check-ins">
      <h3>Check-ins <span className="faint">({checkIns.length})</span></h3>
      {!readOnly && <CheckInForm key={node.id} node={node} />}
      {/* Made a viewer (or refused by the server) while writing one: the form goes, the words must not
          seem to go with it. The draft stays with the node and the form shows it again once they can edit. */}
      {readOnly && draft && saysSomething(draft) && (
        <p className="checkin-draft-kept" role="note">
          Your check-in on “{isolatedText(node.title || 'Untitled')}” was not added: you cannot change this plan now. What you wrote is kept here and
          in the form when you can change it again: {draftInWords(draft, node.fields.unit)}.
        </p>
      )}
      {inOtherUnits.length > 0 && (
        <p className="checkin-units-note" role="note">
          {inOtherUnits.length === 1 ? '1 value was' : `${inOtherUnits.length} values were`} given {current ? <>in another unit than <strong>{current}</strong></> : 'in a unit this one no longer has'}{' '}
          and {inOtherUnits.length === 1 ? 'is' : 'are'} not compared with this {node.kind === 'kpi' ? 'KPI' : 'key result'}’s figures.
          {awaitingValue && <> {node.kind === 'kpi' ? 'Its value is' : 'Progress is'} not known until a value {current ? <>in <strong>{current}</strong> </> : 'without a unit '}is checked in.</>}
        </p>
      )}
      {checkIns.length > 0 && (
        <LazyPart what="the check-in chart" compact>
          <CheckInChart checkIns={charted.series} timeZone={zone} {...(node.fields.start !== undefined ? { start: node.fields.start } : {})}
            {...(node.fields.target !== undefined ? { target: node.fields.target } : {})} {...(node.fields.unit ? { unit: node.fields.unit } : {})} />
        </LazyPart>
      )}
      {checkIns.length === 0 && <p className="faint">No check-ins yet.</p>}
      <ol className="checkin-history" aria-label="Check-in history">
        {rows.map((checkIn) => (
          <CheckInRow key={checkIn.id} checkIn={checkIn} author={byName(checkIn.by)} zone={zone} unit={unitOf(checkIn)} current={current}
            standing={standingIds.has(checkIn.id)} future={datedInFuture(checkIn, now)} />
        ))}
      </ol>
      {checkIns.length > 5 && (
        <p className="faint checkin-history-more">
          {more > 0 && <>Showing {rows.length.toLocaleString()} of {checkIns.length.toLocaleString()}.{' '}</>}
          {more > HISTORY_PAGE && <><button type="button" className="button small ghost" onClick={() => setShown(shown + HISTORY_PAGE)}>Show {HISTORY_PAGE} more</button>{' '}</>}
          {more > 0 && <button type="button" className="button small ghost" onClick={() => setShown(checkIns.length)}>Show all {checkIns.length.toLocaleString()}</button>}
          {shown > 5 && <>{' '}<button type="button" className="button small ghost" onClick={() => setShown(5)}>Show fewer</button></>}
        </p>
      )}
    </section>
  );
}

/** The same check-in drawn the same way: rows stay as they are while someone types or another part of the plan changes. */
function sameCheckIn(a: CheckIn, b: CheckIn): boolean {
  return a === b || (a.id === b.id && a.at === b.at && a.by === b.by && a.value === b.value && a.confidence === b.confidence && a.status === b.status &&
    a.blocker === b.blocker && a.note === b.note && a.restates === b.restates && (a.clears?.length ?? 0) === (b.clears?.length ?? 0));
}

interface CheckInRowProps { checkIn: CheckIn; author: string; zone: string; unit: string | null; current: string; standing: boolean; future: boolean }

/** One check-in of the history, drawn again only when what it shows changed (its check-in is decoded anew per plan version). */
const CheckInRow = memo(function CheckInRow({ checkIn, author, zone, unit, current, standing, future }: CheckInRowProps) {
  return (
    <li className={checkIn.blocker ? 'blocker' : undefined}>
      <div className="checkin-head">
        <strong>{author}</strong>
        <span className="faint checkin-time">{formatPlanDayTime(checkIn.at, zone)}</span>
      </div>
      <div className="checkin-facts">
        {checkIn.value !== null && <CheckInValue value={checkIn.value} unit={unit} current={current} />}
        {checkIn.confidence !== null && <span>Confidence <strong className="numeric">{checkIn.confidence}/10</strong></span>}
        {checkIn.status && <span className={`health-chip health-${checkIn.status}`}>{optionLabels[checkIn.status]}</span>}
        {checkIn.blocker && <span className="signal-badge signal-blocked">{checkIn.restates ? 'Still blocked' : 'Blocker'}{standing ? '' : ' (cleared)'}</span>}
        {(checkIn.clears?.length ?? 0) > 0 && <span className="faint">Cleared {checkIn.clears!.length === 1 ? 'a blocker' : `${checkIn.clears!.length} blockers`}</span>}
      </div>
      {/* Its author's clock was ahead of this one (review33 F6): it is listed latest without being so in time. */}
      {future && <p className="checkin-future" role="note">Dated in the future: {author}’s clock may be ahead. A check-in made after seeing it still counts as later.</p>}
      {checkIn.note && <p className="checkin-note">{checkIn.note}</p>}
    </li>
  );
}, (before, after) => sameCheckIn(before.checkIn, after.checkIn) && before.author === after.author && before.zone === after.zone && before.unit === after.unit &&
  before.current === after.current && before.standing === after.standing && before.future === after.future);

/** A check-in's value in the unit it was given in; one in another unit than the node's now, or in one not known, says so. */
function CheckInValue({ value, unit, current }: { value: number; unit: string | null; current: string }) {
  return (
    <span>
      Value <strong className="numeric">{exactNumber(value)}{unit ? ` ${unit}` : ''}</strong>
      {unit === null && <span className="faint"> (unit not known: made before the unit was changed)</span>}
      {unit !== null && unit !== current && <span className="faint"> (another unit{unit === '' ? ': none' : ''})</span>}
    </span>
  );
}
