import type { Signal } from '../../../shared/model/index.js';
import { formatPastDay, signalText } from '../outline/labels.js';
import { IsolatedList, Sentence } from '../text/Isolated.js';

export const signalNames: Readonly<Record<Signal['kind'], string>> = {
  blocked: 'Blocked', kpi_breach: 'KPI breach', pace: 'Behind pace', overdue: 'Overdue', forecast: 'Forecast miss',
  confidence_drop: 'Confidence drop', stale: 'No recent check-in', slowdown: 'Slowdown', effort_without_impact: 'Effort without impact',
  unaligned: 'Not aligned', priority_shift: 'Priority shift', crossed_bounds: 'Bounds crossed', misplaced: 'Out of place',
  unmeasured: 'Not measured', open_subtasks: 'Open subtasks', range_breach: 'Out of range',
  reported_status: 'Reported in a check-in',
};

/** A signal's name: a pace signal on a period that is over is its verdict, not "behind pace" (review46b F1). */
function signalName(signal: Signal): string {
  return signal.kind === 'pace' && signal.evidence.ended === true ? 'Period ended' : signalNames[signal.kind];
}

/**
 * A node's own signals, worst first, each with its evidence and since when. The key results a figure leaves
 * out (an unmeasured signal's info side) are named from `titleOf`, read now: the model's message counts them
 * without their titles, which a rename would leave behind. A signal dated after `now` (a clock ahead) says so.
 */
export function SignalList({ signals, timeZone, titleOf, now = Date.now() }: { signals: readonly Signal[]; timeZone: string; titleOf?: (id: string) => string; now?: number }) {
  if (signals.length === 0) return null;
  const rank = { off_track: 0, at_risk: 1, info: 2 } as const;
  const sorted = [...signals].sort((a, b) => rank[a.severity] - rank[b.severity]);
  return (
    <ul className="signal-list" aria-label="Signals">
      {sorted.map((signal, i) => (
        <li key={`${signal.kind}-${i}`} className={`signal-item severity-${signal.severity}`}>
          <span className="signal-name">{signalName(signal)}</span>
          <span className="signal-message"><Sentence text={signalText(signal)} />{signal.kind === 'unmeasured' && signal.severity === 'info' && titleOf && <>{' ('}<IsolatedList texts={signal.evidence.nodeIds.map(titleOf)} />{')'}</>}</span>
          <span className="signal-since faint">since {formatPastDay(signal.since, now, timeZone)}</span>
        </li>
      ))}
    </ul>
  );
}
