import { useMemo } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { viewerTimeZone } from '../outline/labels.js';

/** Every zone this browser knows, the plan's own first if it is missing from the list (e.g. "UTC"). */
function zoneChoices(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

/**
 * The plan's time zone: due dates end, and periods start and end, at midnight there, and check-ins
 * are listed under its days, for everyone in the plan wherever their own clock is.
 */
export function TimeZoneField() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const zone = plan?.index.timeZone ?? 'UTC';
  const choices = useMemo(() => zoneChoices(zone), [zone]);
  if (!plan) return null;
  const mine = viewerTimeZone();
  return (
    <div className="field cadence">
      <label htmlFor="plan-time-zone">Plan time zone</label>
      <select id="plan-time-zone" className="input" value={zone} disabled={readOnly}
        onChange={(event) => app.run((current) => current.setTimeZone(event.target.value))}>
        {choices.map((name) => <option key={name} value={name}>{name.replace(/_/g, ' ')}</option>)}
      </select>
      <span className="field-hint">
        Days end at midnight in this zone for everyone: due dates, periods, and the day each check-in is listed under.
        {mine !== zone ? ` Your clock is in ${mine.replace(/_/g, ' ')}.` : ''}
      </span>
    </div>
  );
}
