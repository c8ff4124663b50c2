import { ShownTitle } from '../outline/ShownText.js';
import { useEffect, useMemo, useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { formatPlanDay, formatPlanDayTime, percent, plural } from '../outline/labels.js';
import { useReviewStore } from '../review/review-store.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { PlanHealthChip } from './PlanHealthChip.js';
import { pulseQuestions, TEAMS_NAMED, type PulseQuestion } from './pulse-figures.js';
import { BaselinePicker } from '../review/BaselinePicker.js';
import { DeletedWorkNotice } from './DeletedWorkNotice.js';
import type { NodeId } from '../../../shared/model/index.js';
import { Sentence } from '../text/Isolated.js';
import { noFilters } from '../store/ui-slice.js';

/** Evidence items shown at once; the rest a click away. */
const PAGE = 200;

/** The leader's dashboard: five questions and the aligned share, each a click away from its evidence. */
export function PulseView() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const setFilters = useAppStore((state) => state.setFilters);
  // The moment a past plan is shown as of (Review ▸ "Show plan as of this"): the subtitle names it (review39b F8).
  const asOf = useReviewStore((state) => state.asOf);
  const [openId, setOpenId] = useState<PulseQuestion['id']>('blocked');
  const [shown, setShown] = useState(PAGE);
  const [allTeams, setAllTeams] = useState(false);
  const past = asOf !== null && plan !== null && plan !== app.plan;
  const questions = useMemo(() => { void planVersion; return plan ? pulseQuestions(plan.index, past ? asOf.label : null) : []; }, [plan, planVersion, past, asOf]);
  // The figures just computed are what the next open paints first (only for the live plan, not a past one).
  useEffect(() => {
    if (!plan || plan !== app.plan) return;
    app.keepPulseFigures(questions.map(({ id, question, figure, counted, detail, tone }) => ({ id, question, figure, counted, detail, tone })));
  }, [app, plan, questions]);
  if (!plan) return null;
  const summary = plan.index.summary();
  const open = questions.find((question) => question.id === openId) ?? questions[0]!;
  const show = (nodeId: NodeId | null) => {
    if (!nodeId) return;
    app.showInOutline(nodeId);
  };
  // A team's evidence (a team slowing down) leads to the team's work: the outline filtered by the team,
  // other filters cleared. It was plain text, the one evidence item no click led anywhere from.
  const showTeam = (teamId: string | null) => {
    if (teamId === null) return;
    setFilters({ ...noFilters, team: teamId });
    app.setView('outline');
  };
  return (
    <div className="pulse">
      <div className="pulse-head">
        <div>
          <h2>Execution pulse</h2>
          <p className="muted">
            {past
              ? `Where execution stood as of “${isolatedText(asOf.label)}” (${formatPlanDayTime(asOf.at, plan.index.timeZone)}), from the check-ins and task changes made by then.`
              : 'Where execution stands now, from the latest check-ins and task changes.'}
          </p>
        </div>
        <div className="pulse-overall">
          <PlanHealthChip health={summary.health} items={summary.liveNodes} />
          <span className="numeric">{summary.progress === null ? '—' : percent(summary.progress)} overall progress</span>
          <BaselinePicker />
        </div>
      </div>
      <DeletedWorkNotice plan={plan} />
      <ul className="pulse-grid" aria-label="Pulse questions">
        {questions.map((question) => (
          <li key={question.id}>
            <button type="button" className={`pulse-card tone-${question.tone}${question.id === open.id ? ' open' : ''}`}
              aria-pressed={question.id === open.id} onClick={() => { setOpenId(question.id); setShown(PAGE); }}>
              <span className="pulse-question">{question.question}</span>
              <span className="pulse-figure numeric" data-count={question.count}>{question.figure}</span>
              <span className="pulse-counted">{question.counted}</span>
              <span className="pulse-detail"><Sentence text={question.detail} /></span>
            </button>
          </li>
        ))}
      </ul>
      <section className="pulse-evidence card" aria-label={`Evidence: ${open.question}`}>
        <h3>{open.question} <span className="faint">— {plural(open.evidence.length, 'item')}</span></h3>
        {open.evidence.length === 0 && <p className="muted">Nothing to show here.</p>}
        {open.teams && open.teams.length > TEAMS_NAMED + 1 && (
          <div className="pulse-teams">
            <p>
              Blocked work in {plural(open.teams.length, 'team')}.{' '}
              <button type="button" className="link-button" aria-expanded={allTeams} aria-controls="pulse-blocked-teams" onClick={() => setAllTeams(!allTeams)}>
                {allTeams ? 'Hide the teams' : `Show all ${open.teams.length.toLocaleString()} teams`}
              </button>
            </p>
            {allTeams && (
              <ul id="pulse-blocked-teams" className="pulse-team-list" aria-label="Teams with blocked work">
                {open.teams.map((team) => (
                  <li key={team.id}><button type="button" className="link-button" title="Show this team's work in the outline" onClick={() => showTeam(team.id)}>{team.name}</button></li>
                ))}
              </ul>
            )}
          </div>
        )}
        <ul className="evidence-list">
          {open.evidence.slice(0, shown).map((evidence, i) => (
            <li key={`${evidence.nodeId ?? evidence.teamId}-${i}`} className={`evidence severity-${evidence.severity}`}>
              <span className={`health-dot health-${evidence.severity === 'info' ? 'none' : evidence.severity}`} />
              <div className="evidence-body">
                {evidence.nodeId
                  ? <button type="button" className="link-button evidence-title" onClick={() => show(evidence.nodeId)}><ShownTitle text={evidence.title} /></button>
                  : evidence.teamId !== null
                    ? <button type="button" className="link-button evidence-title" title="Show this team's work in the outline" onClick={() => showTeam(evidence.teamId)}>{evidence.title}</button>
                    : <strong>{evidence.title}</strong>}
                {evidence.reasons.map((reason) => <span key={reason} className="evidence-message"><Sentence text={reason} /></span>)}
                {evidence.path.length > 1 && <span className="evidence-path faint" aria-label="Path">{evidence.path.join(' › ')}</span>}
              </div>
              {evidence.since !== null && <span className="faint evidence-since">since {formatPlanDay(evidence.since, plan.index.timeZone)}</span>}
            </li>
          ))}
        </ul>
        {open.evidence.length > shown && (
          <p className="faint">
            Showing {shown.toLocaleString()} of {open.evidence.length.toLocaleString()}.{' '}
            <button type="button" className="link-button" onClick={() => setShown(shown + PAGE)}>Show {Math.min(PAGE, open.evidence.length - shown).toLocaleString()} more</button>{' '}
            <button type="button" className="link-button" onClick={() => setShown(open.evidence.length)}>Show all</button>
          </p>
        )}
      </section>
    </div>
  );
}
