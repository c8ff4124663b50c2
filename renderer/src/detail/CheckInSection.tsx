import { lazy, useState } from 'react';
import type { NodeView } from '../../../shared/model/index.js';
import { useAppStore } from '../store/app-store.js';
import { LazyPart } from '../shell/LazyPart.js';
import { CheckInForm } from './CheckInForm.js';
import { optionLabels } from './field-specs.js';
import { exactNumber, formatPlanDayTime } from '../outline/labels.js';

// The chart (D3 scales) is loaded the first time a node with check-ins is shown in detail.
const CheckInChart = lazy(() => import('./CheckInChart.js').then((module) => ({ default: module.CheckInChart })));

/** Check-in history of a node: chart, the latest entries, and the form to add one. */
export function CheckInSection({ node, readOnly, byName }: { node: NodeView; readOnly: boolean; byName: (id: string) => string }) {
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  const [showAll, setShowAll] = useState(false);
  if (!plan) return null;
  const checkIns = plan.index.checkIns(node.id);
  const newestFirst = [...checkIns].reverse();
  const shown = showAll ? newestFirst : newestFirst.slice(0, 5);
  return (
    <section className="detail-section" aria-label="Check-ins">
      <h3>Check-ins <span className="faint">({checkIns.length})</span></h3>
      {!readOnly && <CheckInForm node={node} />}
      {checkIns.length > 0 && (
        <LazyPart what="the check-in chart" compact>
          <CheckInChart checkIns={checkIns} timeZone={plan.index.timeZone} {...(node.fields.start !== undefined ? { start: node.fields.start } : {})}
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
              {checkIn.value !== null && <span>Value <strong className="numeric">{exactNumber(checkIn.value)}{node.fields.unit ? ` ${node.fields.unit}` : ''}</strong></span>}
              {checkIn.confidence !== null && <span>Confidence <strong className="numeric">{checkIn.confidence}/10</strong></span>}
              {checkIn.status && <span className={`health-chip health-${checkIn.status}`}>{optionLabels[checkIn.status]}</span>}
              {checkIn.blocker && <span className="signal-badge signal-blocked">Blocker</span>}
            </div>
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
