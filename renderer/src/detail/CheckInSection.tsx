import { lazy, useState } from 'react';
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

/** Check-in history of a node: chart, the latest entries, and the form to add one. */
export function CheckInSection({ node, readOnly, byName }: { node: NodeView; readOnly: boolean; byName: (id: string) => string }) {
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  const [showAll, setShowAll] = useState(false);
  const draft = useAppStore((state) => state.checkInDrafts.get(node.id));
  if (!plan) return null;
  const checkIns = plan.index.checkIns(node.id);
  const newestFirst = [...checkIns].reverse();
  // Each value in the unit it was given in: a unit changed since must not re-read it (check-in-units.ts).
  const changedAt = plan.index.unitChangedAt(node.id);
  const unitOf = (checkIn: CheckIn) => checkInUnit(checkIn, node.fields.unit, changedAt);
  const current = node.fields.unit ?? '';
  const measured = node.kind === 'key_result' || node.kind === 'kpi';
  const inOtherUnits = measured ? checkIns.filter((checkIn) => checkIn.value !== null && unitOf(checkIn) !== current) : [];
  const latestValued = checkIns.findLast((checkIn) => checkIn.value !== null);
  const awaitingValue = latestValued !== undefined && inOtherUnits.includes(latestValued);
  const shown = showAll ? newestFirst : newestFirst.slice(0, 5);
  const standingIds = new Set(plan.index.standingBlockers(node.id).map((checkIn) => checkIn.id));
  const now = Date.now();
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
          <CheckInChart checkIns={inOtherUnits.length > 0 ? checkIns.filter((checkIn) => !inOtherUnits.includes(checkIn)) : checkIns} timeZone={plan.index.timeZone} {...(node.fields.start !== undefined ? { start: node.fields.start } : {})}
            {...(node.fields.target !== undefined ? { target: node.fields.target } : {})} {...(node.fields.unit ? { unit: node.fields.unit } : {})} />
        </LazyPart>
      )}
      {checkIns.length === 0 && <p className="faint">No check-ins yet.</p>}
      <ol className="checkin-history" aria-label="Check-in history">
        {shown.map((checkIn) => (
          <li key={checkIn.id} className={checkIn.blocker ? 'blocker' : undefined}>
            <div className="checkin-head">
              <strong>{byName(checkIn.by)}</strong>
              <span className="faint checkin-time">{formatPlanDayTime(checkIn.at, plan.index.timeZone)}</span>
            </div>
            <div className="checkin-facts">
              {checkIn.value !== null && <CheckInValue value={checkIn.value} unit={unitOf(checkIn)} current={current} />}
              {checkIn.confidence !== null && <span>Confidence <strong className="numeric">{checkIn.confidence}/10</strong></span>}
              {checkIn.status && <span className={`health-chip health-${checkIn.status}`}>{optionLabels[checkIn.status]}</span>}
              {checkIn.blocker && <span className="signal-badge signal-blocked">{checkIn.restates ? 'Still blocked' : 'Blocker'}{standingIds.has(checkIn.id) ? '' : ' (cleared)'}</span>}
              {(checkIn.clears?.length ?? 0) > 0 && <span className="faint">Cleared {checkIn.clears!.length === 1 ? 'a blocker' : `${checkIn.clears!.length} blockers`}</span>}
            </div>
            {/* Its author's clock was ahead of this one (review33 F6): it is listed latest without being so in time. */}
            {datedInFuture(checkIn, now) && <p className="checkin-future" role="note">Dated in the future: {byName(checkIn.by)}’s clock may be ahead. A check-in made after seeing it still counts as later.</p>}
            {checkIn.note && <p className="checkin-note">{checkIn.note}</p>}
          </li>
        ))}
      </ol>
      {newestFirst.length > 5 && (
        <button type="button" className="button small ghost" onClick={() => setShowAll(!showAll)}>{showAll ? 'Show fewer' : `Show all ${newestFirst.length}`}</button>
      )}
    </section>
  );
}

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
