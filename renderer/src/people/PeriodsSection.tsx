import { useRef, useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { TimeZoneField } from './TimeZoneField.js';
import { numberNotationOf } from '../../../shared/text/typed-number.js';
import { readTypedDays } from '../../../shared/text/typed-days.js';
import { notADateProblem } from '../text/typed-date.js';
import { ShownText } from '../outline/ShownText.js';
import { namedControlText } from '../../../shared/text/control-characters.js';
import { periodDatesWarning } from '../../../shared/model/index.js';

/** The plan's periods (e.g. 2027-Q1), its check-in cadence and its time zone. */
export function PeriodsSection() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const [name, setName] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const startInput = useRef<HTMLInputElement>(null);
  const endInput = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [cadence, setCadence] = useState(String(plan?.index.settings.cadenceDays ?? 7));
  const [cadenceProblem, setCadenceProblem] = useState<string | null>(null);
  if (!plan) return null;
  // Dates no planning period has (more than 5 years, before 1970): said while typed, taken (review45a F7).
  const warning = start !== '' && end !== '' ? periodDatesWarning(start, end) : null;
  const endRefused = problem !== null && /^the period's end date/i.test(problem);
  const add = () => {
    // A date field holding no date (02/30/2027, a part missing) reads '' as an empty one does: named, not "no start" (typed-date.ts).
    if (startInput.current?.validity.badInput) { setProblem(notADateProblem('Period start', null)); return; }
    if (endInput.current?.validity.badInput) { setProblem(notADateProblem('Period end', null)); return; }
    const result = app.run((current) => current.addPeriod({ name: name.trim(), start, end }), { quiet: true });
    setProblem(result.ok ? null : result.message);
    if (result.ok) { setName(''); setStart(''); setEnd(''); }
  };
  const saveCadence = () => {
    const notation = numberNotationOf();
    const read = readTypedDays(cadence, 'the check-in cadence', notation);
    if (!read.ok) { setCadenceProblem(read.problem); return; }
    if (read.value === null) { setCadenceProblem('Type a number of days.'); return; }
    const days = read.value;
    const result = app.run((current) => current.updateSettings({ cadenceDays: days }), { quiet: true });
    setCadenceProblem(result.ok ? null : result.message);
    // "2 weeks" saved shows as the days it is, as the field's label counts them.
    if (result.ok) setCadence(notation.decimal === ',' ? String(days).replace('.', ',') : String(days));
  };
  return (
    <section className="card directory-section" aria-label="Periods">
      <h3>Periods <span className="faint">({plan.index.periods().length})</span></h3>
      <ul className="team-list">
        {plan.index.periods().map((period) => (
          <li key={period.id}>
            <span className="team-name"><ShownText text={period.name} /></span>
            <span className="faint numeric">{period.start} → {period.end}</span>
            {period.crossed && <span className="signal-badge signal-crossed_bounds" title="Its start and end were moved past each other: no pace is judged in it">Dates crossed: starts after it ends</span>}
            {/* Implausible dates (0001 … 9999) are kept, and said: no pace is judged in them (review45a F7). */}
            <PeriodWarning text={periodDatesWarning(period.start, period.end)} />
            <span className="row-spacer" />
            {!readOnly && <button type="button" className="button small ghost danger" aria-label={`Remove period ${namedControlText(period.name)}`} onClick={() => app.run((current) => current.removePeriod(period.id))}>Remove</button>}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form className="directory-add" noValidate onSubmit={(event) => { event.preventDefault(); add(); }}>
          <input className="input" aria-label="New period's name" placeholder="e.g. 2027-Q3" value={name} onChange={(event) => setName(event.target.value)} />
          {/* Visible labels: two bare date boxes both read "mm/dd/yyyy" (review44a F3). */}
          <label className="directory-date">Starts
            <input ref={startInput} className="input" type="date" value={start} onChange={(event) => setStart(event.target.value)} />
          </label>
          <label className="directory-date">Ends
            <input ref={endInput} className="input" type="date" value={end} onChange={(event) => setEnd(event.target.value)}
              aria-invalid={endRefused ? true : undefined} aria-describedby={endRefused ? 'new-period-problem' : warning ? 'new-period-warning' : undefined} />
          </label>
          <button type="submit" className="button">Add period</button>
          {problem && <span id="new-period-problem" className="field-error" role="alert">{problem}</span>}
          {!problem && warning && <span id="new-period-warning" className="field-warning" role="status">{warning}</span>}
        </form>
      )}
      <div className="field cadence">
        <label htmlFor="cadence-days">Check-in cadence (days)</label>
        <input id="cadence-days" className="input" inputMode="numeric" value={cadence} readOnly={readOnly} aria-invalid={cadenceProblem ? true : undefined}
          onChange={(event) => setCadence(event.target.value)} onBlur={saveCadence} />
        {cadenceProblem ? <span className="field-error" role="alert">{cadenceProblem}</span> : <span className="field-hint">Active key results, KPIs and initiatives without a check-in for longer are stale.</span>}
      </div>
      <TimeZoneField />
    </section>
  );
}

/** A listed period's implausible dates, said beside it (nothing when they are plausible). */
function PeriodWarning({ text }: { text: string | null }) {
  return text === null ? null : <span className="field-warning" role="status">{text}</span>;
}
