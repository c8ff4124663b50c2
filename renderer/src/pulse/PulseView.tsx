import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { formatPlanDayTime, percent } from '../outline/labels.js';
import { useReviewStore } from '../review/review-store.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { PlanHealthChip } from './PlanHealthChip.js';
import { pulseQuestions, type PulseQuestion } from './pulse-figures.js';
import { PulseEvidence } from './PulseEvidence.js';
import { BaselinePicker } from '../review/BaselinePicker.js';
import { DeletedWorkNotice } from './DeletedWorkNotice.js';
import type { NodeId } from '../../../shared/model/index.js';
import { PeriodChoice } from './PeriodChoice.js';
import { Sentence } from '../text/Isolated.js';
import { noFilters } from '../store/ui-slice.js';
import { useViewLanding } from '../shell/view-landing.js';

/** The leader's dashboard: five questions and the aligned share, each a click away from its evidence. */
export function PulseView() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const setFilters = useAppStore((state) => state.setFilters);
  // The outline's and canvas's period filter: a leader who chose 2027-Q1 there sees the pulse for 2027-Q1 (review46b F6).
  const period = useAppStore((state) => state.filters.period);
  // The moment a past plan is shown as of (Review ▸ "Show plan as of this"): the subtitle names it (review39b F8).
  const asOf = useReviewStore((state) => state.asOf);
  const [openId, setOpenId] = useState<PulseQuestion['id']>('blocked');
  const past = asOf !== null && plan !== null && plan !== app.plan;
  const questions = useMemo(() => { void planVersion; return plan ? pulseQuestions(plan.index, past ? asOf.label : null, period) : []; }, [plan, planVersion, past, asOf, period]);
  // The figures just computed are what the next open paints first (only for the live plan, not a past one, and
  // for every period: the first screen does not name a period).
  useEffect(() => {
    if (!plan || plan !== app.plan || period !== '') return;
    app.keepPulseFigures(questions.map(({ id, question, figure, counted, detail, tone }) => ({ id, question, figure, counted, detail, tone })));
  }, [app, plan, questions, period]);
  // Stable, so an evidence row is not rendered again for every edit (PulseEvidence).
  const show = useCallback((nodeId: NodeId) => app.showInOutline(nodeId), [app]);
  // A team's evidence (a team slowing down) leads to the team's work: the outline filtered by the team,
  // other filters cleared. It was plain text, the one evidence item no click led anywhere from.
  const showTeam = useCallback((teamId: string) => {
    setFilters({ ...noFilters, team: teamId });
    app.setView('outline');
  }, [app, setFilters]);
  const heading = useRef<HTMLHeadingElement>(null);
  useViewLanding('pulse', heading, plan !== null);
  if (!plan) return null;
  const summary = plan.index.summary();
  const open = questions.find((question) => question.id === openId) ?? questions[0]!;
  return (
    <div className="pulse">
      <div className="pulse-head">
        <div>
          <h2 ref={heading} tabIndex={-1}>Execution pulse</h2>
          <p className="muted">
            {past
              ? `Where execution stood as of “${isolatedText(asOf.label)}” (${formatPlanDayTime(asOf.at, plan.index.timeZone)}), from the check-ins and task changes made by then.`
              : 'Where execution stands now, from the latest check-ins and task changes.'}
          </p>
        </div>
        <div className="pulse-overall">
          <PlanHealthChip health={summary.health} items={summary.liveNodes} />
          <span className="numeric">{summary.progress === null ? '—' : percent(summary.progress)} overall progress</span>
          <PeriodChoice plan={plan} planVersion={planVersion} />
          <BaselinePicker />
        </div>
      </div>
      <DeletedWorkNotice plan={plan} />
      <ul className="pulse-grid" aria-label="Pulse questions">
        {questions.map((question) => (
          <li key={question.id}>
            <button type="button" className={`pulse-card tone-${question.tone}${question.id === open.id ? ' open' : ''}`}
              aria-pressed={question.id === open.id} onClick={() => setOpenId(question.id)}>
              <span className="pulse-question">{question.question}</span>
              <span className="pulse-figure numeric" data-count={question.count}>{question.figure}</span>
              <span className="pulse-counted">{question.counted}</span>
              <span className="pulse-detail"><Sentence text={question.detail} /></span>
              {question.period !== null && <span className="pulse-period">In <bdi>{question.period}</bdi></span>}
            </button>
          </li>
        ))}
      </ul>
      <PulseEvidence key={open.id} question={open} timeZone={plan.index.timeZone} onShowNode={show} onShowTeam={showTeam} />
    </div>
  );
}
