import { useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_TIME_ZONE, localDateTimeIn } from '../../../shared/model/index.js';
import type { DayMark, ReviewPoint } from '../../../shared/model/history/index.js';
import { useViewLanding } from '../shell/view-landing.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { formatCalendarDate } from '../outline/labels.js';
import { ReviewDiffList } from './ReviewDiffList.js';
import { ReviewPointList } from './ReviewPointList.js';
import { TimelineStepper } from './TimelineStepper.js';
import { atSide, type CompareTarget } from './review-controller.js';
import { useReviewStore } from './review-store.js';
import { pointLabelText } from './point-labels.js';

/** The picker's value that asks for a date and time (the field beside it says which). */
const A_DATE = 'date';

/**
 * The review meeting: pick two moments (review points, days of the timeline, any date and time, or now),
 * walk the changes strategy by strategy, mark each discussed, and export the review section.
 */
export function ReviewView() {
  const heading = useRef<HTMLHeadingElement>(null);
  useViewLanding('review', heading);
  const { review } = useControllers();
  const points = useReviewStore((state) => state.points);
  const dayMarks = useReviewStore((state) => state.dayMarks);
  const historyVersion = useReviewStore((state) => state.version);
  const planVersion = useAppStore((state) => state.planVersion);
  const zone = useAppStore((state) => state.plan?.index.timeZone ?? DEFAULT_TIME_ZONE);
  const asOf = useReviewStore((state) => state.asOf);
  const defaultFrom = points.find((point) => point.baseline)?.id ?? points[points.length - 1]?.id ?? (dayMarks[dayMarks.length - 1] ? `day:${dayMarks[dayMarks.length - 1]!.day}` : '');
  const [chosenFrom, setFrom] = useState<string>('');
  const [to, setTo] = useState<CompareTarget>('now');
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const offered = (id: string) => id === A_DATE || points.some((point) => point.id === id) || dayMarks.some((mark) => `day:${mark.day}` === id);
  const fromChoice = chosenFrom && offered(chosenFrom) ? chosenFrom : defaultFrom;
  // A point is never compared with itself: the "until" picker does not offer the "Since" point, so it
  // showed "now" while the list compared that point with itself ("Nothing changed"; review44c F2).
  // Two dates and times are two moments (each its own field), compared once "until" is after "Since".
  const toChoice = (to !== fromChoice || to === A_DATE) && (to === 'now' || offered(to)) ? to : 'now';
  const fromGone = chosenFrom !== '' && !offered(chosenFrom);
  useEffect(() => { if (fromGone) setFrom(''); }, [fromGone]);
  // A date and time typed is read in the plan's zone, as every time beside it is shown.
  const fromInstant = fromChoice === A_DATE ? review.instantOf(fromText) : null;
  const toInstant = toChoice === A_DATE ? review.instantOf(toText) : null;
  const from = fromChoice === A_DATE ? (fromInstant?.ok ? atSide(fromInstant.at) : '') : fromChoice;
  const target = toChoice === A_DATE ? (toInstant?.ok ? atSide(toInstant.at) : '') : toChoice;
  // The diff follows the plan live while the meeting runs (every edit bumps planVersion).
  const result = useMemo(() => { void planVersion; void historyVersion; return from && target ? review.diff(from, target) : null; }, [review, from, target, planVersion, historyVersion]);
  // Two points called alike say when and by whom in the pickers (review40b F8).
  const labels = useMemo(() => { void planVersion; return review.pointLabels(points); }, [review, points, planVersion]);
  const optionText = (id: string, name: string) => pointLabelText(labels.get(id), name);
  const hasHistory = points.length > 0 || dayMarks.length > 0;
  // A time refused (in the future, before the plan's history) is said at its field; other problems under the pickers.
  const problemOf = (instant: { ok: boolean; message?: string } | null) => (instant && !instant.ok ? instant.message ?? null : null);
  const fromProblem = problemOf(fromInstant) ?? (fromChoice === A_DATE && result && !result.ok && toChoice !== A_DATE ? result.message : null);
  const toProblem = problemOf(toInstant) ?? (toChoice === A_DATE && result && !result.ok && !fromProblem ? result.message : null);

  const choose = (which: 'from' | 'to', value: string) => {
    // A date picked starts from the moment the picker named, so a person edits a time rather than types one.
    const startAt = pickedAt(value === A_DATE ? (which === 'from' ? fromChoice : toChoice) : '', points, dayMarks) ?? Date.now();
    if (which === 'from') {
      if (value === A_DATE && fromText === '') setFromText(localDateTimeIn(startAt, zone));
      setFrom(value);
      if (value === toChoice && value !== A_DATE) setTo('now');
    } else {
      if (value === A_DATE && toText === '') setToText(localDateTimeIn(Date.now(), zone));
      setTo(value);
    }
  };

  const download = () => {
    const markdown = review.reviewSection(from, target);
    const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `review-${((result?.ok ? result.fromPoint.name : null) ?? 'plan').replace(/[^A-Za-z0-9-]+/g, '-')}.md`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="review-view">
      <div className="review-head">
        <div>
          <h2 ref={heading} tabIndex={-1}>Review</h2>
          <p className="muted">What changed since the last review: walk it item by item, mark what was discussed.</p>
        </div>
        <TimelineStepper />
      </div>
      <div className="review-columns">
        <ReviewPointList />
        <section className="review-diff card" aria-labelledby="review-diff-heading">
          <h3 id="review-diff-heading">Changes</h3>
          {asOf && <p className="muted">The changes below compare the live plan; the views show the plan as of “{asOf.label}”.</p>}
          {!hasHistory
            ? <p className="muted">Create a review point to compare the plan against it.</p>
            : (
              <>
                <div className="review-compare">
                  <label htmlFor="review-from">Since</label>
                  <select id="review-from" value={fromChoice} onChange={(event) => choose('from', event.target.value)}>
                    <MomentOptions points={points} dayMarks={dayMarks} optionText={optionText} />
                  </select>
                  {fromChoice === A_DATE && (
                    <DateTimeField id="review-from-date" label="Since date and time" zone={zone} value={fromText} onChange={setFromText} problem={fromProblem} />
                  )}
                  <label htmlFor="review-to">until</label>
                  <select id="review-to" value={toChoice} onChange={(event) => choose('to', event.target.value)}>
                    <option value="now">now</option>
                    <MomentOptions points={points.filter((point) => point.id !== fromChoice)} dayMarks={dayMarks.filter((mark) => `day:${mark.day}` !== fromChoice)} optionText={optionText} />
                  </select>
                  {toChoice === A_DATE && (
                    <DateTimeField id="review-to-date" label="until date and time" zone={zone} value={toText} onChange={setToText} problem={toProblem} />
                  )}
                  <span className="spacer" />
                  {fromChoice === A_DATE && result?.ok && result.fromMoment && (
                    <button type="button" className="button small" onClick={() => review.showAsOf(result.fromMoment!)}>Show plan as recorded then</button>
                  )}
                  <button type="button" className="button small" onClick={download} disabled={!result?.ok}>Export Markdown</button>
                  <button type="button" className="button small" onClick={() => window.print()} disabled={!result?.ok}>Print or save as PDF</button>
                </div>
                {result && !result.ok && !fromProblem && !toProblem && <p className="error-text" role="alert">{result.message}</p>}
                {result?.ok && result.note && <p className="muted review-read-from">{result.note}</p>}
                {result?.ok && <ReviewDiffList diff={result.diff} fromPoint={result.fromPoint} fromMoment={result.fromMoment} discussable={points.some((point) => point.id === from)} live={target === 'now'} />}
              </>
            )}
        </section>
      </div>
    </div>
  );
}

/** The moments a picker offers: review points, the timeline's days, and "A date and time…". */
function MomentOptions({ points, dayMarks, optionText }: { points: readonly ReviewPoint[]; dayMarks: readonly DayMark[]; optionText: (id: string, name: string) => string }) {
  return (
    <>
      {points.length > 0 && (
        <optgroup label="Review points">
          {points.map((point) => <option key={point.id} value={point.id}>{optionText(point.id, point.name)}</option>)}
        </optgroup>
      )}
      {dayMarks.length > 0 && (
        <optgroup label="Days">
          {[...dayMarks].reverse().map((mark) => <option key={mark.day} value={`day:${mark.day}`}>{formatCalendarDate(mark.day)}</option>)}
        </optgroup>
      )}
      <option value={A_DATE}>A date and time…</option>
    </>
  );
}

/** A date-and-time field read in the plan's zone, which it names; a refused time is said beside it. */
function DateTimeField({ id, label, zone, value, onChange, problem }: {
  id: string; label: string; zone: string; value: string; onChange: (value: string) => void; problem: string | null;
}) {
  return (
    <>
      <input id={id} type="datetime-local" aria-label={`${label} (${zone})`} value={value} max={localDateTimeIn(Date.now(), zone)}
        aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined} onChange={(event) => onChange(event.target.value)} />
      <span className="muted review-zone">{zone}</span>
      {problem && <span id={`${id}-problem`} className="field-error review-date-problem" role="alert">{problem}</span>}
    </>
  );
}

/** When the moment a picker names was taken (a review point's or day mark's time), or null. */
function pickedAt(value: string, points: readonly ReviewPoint[], dayMarks: readonly DayMark[]): number | null {
  return points.find((point) => point.id === value)?.at ?? dayMarks.find((mark) => `day:${mark.day}` === value)?.at ?? null;
}
