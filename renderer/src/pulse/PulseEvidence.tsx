import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatPlanDay, plural } from '../outline/labels.js';
import { Sentence } from '../text/Isolated.js';
import { ShownTitle } from '../outline/ShownText.js';
import type { NodeId, RiskKind } from '../../../shared/model/index.js';
import { TEAMS_NAMED, type Evidence, type PulseQuestion } from './pulse-figures.js';
import { evidencePages, EVIDENCE_PAGE } from './evidence-pages.js';
import { RiskKinds } from './RiskKinds.js';

export interface PulseEvidenceProps {
  question: PulseQuestion;
  timeZone: string;
  onShowNode(nodeId: NodeId): void;
  onShowTeam(teamId: string): void;
}

/**
 * The open card's evidence, a page at a time. "Show all" adds the rest a page per task (fix41b, F7): the risk
 * card's 4,240 origins on a company's 10,000-node plan rendered in one 2.4 s task, the page frozen. Each row
 * is rendered again only when what it shows changed (an edit elsewhere in the plan recomputes the pulse), and
 * rows off screen skip their layout (`content-visibility` in pulse.css) while staying in the document, so a
 * screen reader and the browser's find reach every one. Mounted with a key per card: its pages start afresh.
 */
export function PulseEvidence({ question, timeZone, onShowNode, onShowTeam }: PulseEvidenceProps) {
  const [kind, setKind] = useState<RiskKind | null>(null);
  const [shown, setShown] = useState(EVIDENCE_PAGE);
  const [target, setTarget] = useState(EVIDENCE_PAGE);
  // The first row a "Show more" added, focused once it is there, so a keyboard goes on from it.
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const [allTeams, setAllTeams] = useState(false);
  const listRef = useRef<HTMLDivElement | null>(null);
  const pages = evidencePages(question.evidence, kind, Math.min(shown, target));
  const filling = target > shown && pages.listed < pages.total;

  // "Show all": one page per task until the target is reached; the page answers input between them.
  useEffect(() => {
    if (!filling) return undefined;
    const timer = window.setTimeout(() => setShown((current) => Math.min(current + EVIDENCE_PAGE, target)), 0);
    return () => window.clearTimeout(timer);
  }, [filling, shown, target]);

  useLayoutEffect(() => {
    if (focusFrom === null || pages.listed <= focusFrom) return;
    listRef.current?.querySelector<HTMLElement>(`[data-evidence-index="${focusFrom}"] button`)?.focus();
    setFocusFrom(null);
  }, [focusFrom, pages.listed]);

  // The first page at once, the rest (of "Show all") by the effect above.
  const more = (count: number) => {
    const next = Math.min(pages.listed + count, pages.total);
    setFocusFrom(pages.listed);
    setTarget(next);
    setShown(Math.min(pages.listed + EVIDENCE_PAGE, next));
  };
  const choose = (next: RiskKind | null) => { setKind(next); setShown(EVIDENCE_PAGE); setTarget(EVIDENCE_PAGE); setFocusFrom(null); };
  const teams = question.teams;
  return (
    <section className="pulse-evidence card" aria-label={`Evidence: ${question.question}`}>
      <h3>{question.question} <span className="faint">— {plural(question.evidence.length, 'item')}{question.period !== null && <> in <bdi>{question.period}</bdi></>}</span></h3>
      {question.evidence.length === 0 && <p className="muted">Nothing to show here.</p>}
      {teams && teams.length > TEAMS_NAMED + 1 && (
        <div className="pulse-teams">
          <p>
            Blocked work in {plural(teams.length, 'team')}.{' '}
            <button type="button" className="link-button" aria-expanded={allTeams} aria-controls="pulse-blocked-teams" onClick={() => setAllTeams(!allTeams)}>
              {allTeams ? 'Hide the teams' : `Show all ${teams.length.toLocaleString()} teams`}
            </button>
          </p>
          {allTeams && (
            <ul id="pulse-blocked-teams" className="pulse-team-list" aria-label="Teams with blocked work">
              {teams.map((team) => (
                <li key={team.id}><button type="button" className="link-button" title="Show this team's work in the outline" onClick={() => onShowTeam(team.id)}><ShownTitle text={team.name} /></button></li>
              ))}
            </ul>
          )}
        </div>
      )}
      {question.groups && question.groups.length > 0 && <RiskKinds groups={question.groups} total={question.evidence.length} chosen={kind} onChoose={choose} />}
      <div ref={listRef} aria-busy={filling}>
        {pages.runs.map((run) => {
          const group = run.kind ? question.groups?.find((candidate) => candidate.kind === run.kind) : undefined;
          const list = (
            <ul className="evidence-list" aria-label={group ? group.label : undefined}>
              {run.items.map(({ evidence, index }) => (
                <EvidenceRow key={evidence.nodeId !== null ? `n:${evidence.nodeId}` : `t:${evidence.teamId}`} evidence={evidence} index={index} timeZone={timeZone} onShowNode={onShowNode} onShowTeam={onShowTeam} />
              ))}
            </ul>
          );
          return group
            ? <div key={run.kind} className="evidence-group"><h4>{group.label} <span className="faint">— {plural(group.count, 'item')}</span></h4>{list}</div>
            : <div key="all">{list}</div>;
        })}
      </div>
      {pages.total > pages.listed && (
        <p className="faint evidence-more">
          <span>{filling ? `Showing ${pages.listed.toLocaleString()} of ${pages.total.toLocaleString()}, adding the rest…` : `Showing ${pages.listed.toLocaleString()} of ${pages.total.toLocaleString()}.`}</span>{' '}
          {!filling && <>
            <button type="button" className="link-button" onClick={() => more(EVIDENCE_PAGE)}>Show {Math.min(EVIDENCE_PAGE, pages.total - pages.listed).toLocaleString()} more</button>{' '}
            <button type="button" className="link-button" onClick={() => more(pages.total)}>Show all</button>
          </>}
        </p>
      )}
      {/* Said once a "Show more" or "Show all" is done, not at each page it adds. */}
      <p className="visually-hidden" role="status">{filling || focusFrom !== null || pages.listed <= EVIDENCE_PAGE ? '' : `Showing ${pages.listed.toLocaleString()} of ${pages.total.toLocaleString()}.`}</p>
    </section>
  );
}

interface EvidenceRowProps {
  evidence: Evidence;
  index: number;
  timeZone: string;
  onShowNode(nodeId: NodeId): void;
  onShowTeam(teamId: string): void;
}

/** One evidence item; rendered again only when what it shows changed (`sameRow`). */
const EvidenceRow = memo(function EvidenceRow({ evidence, index, timeZone, onShowNode, onShowTeam }: EvidenceRowProps) {
  const { nodeId, teamId } = evidence;
  return (
    <li className={`evidence severity-${evidence.severity}`} data-evidence-index={index}>
      <span className={`health-dot health-${evidence.severity === 'info' ? 'none' : evidence.severity}`} />
      <div className="evidence-body">
        {nodeId
          ? <button type="button" className="link-button evidence-title" onClick={() => onShowNode(nodeId)}><ShownTitle text={evidence.title} /></button>
          : teamId !== null
            ? <button type="button" className="link-button evidence-title" title="Show this team's work in the outline" onClick={() => onShowTeam(teamId)}><ShownTitle text={evidence.title} /></button>
            : <strong>{evidence.title}</strong>}
        {evidence.reasons.map((reason) => <span key={reason} className="evidence-message"><Sentence text={reason} /></span>)}
        {evidence.path.length > 1 && <span className="evidence-path faint" aria-label="Path">{evidence.path.join(' › ')}</span>}
      </div>
      {evidence.since !== null && <span className="faint evidence-since">since {formatPlanDay(evidence.since, timeZone)}</span>}
    </li>
  );
}, sameRow);

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** True when two rows show the same: the pulse is recomputed for every edit, each evidence item a new object. */
function sameRow(a: EvidenceRowProps, b: EvidenceRowProps): boolean {
  const x = a.evidence, y = b.evidence;
  return a.index === b.index && a.timeZone === b.timeZone && a.onShowNode === b.onShowNode && a.onShowTeam === b.onShowTeam
    && (x === y || (x.nodeId === y.nodeId && x.teamId === y.teamId && x.title === y.title && x.severity === y.severity && x.since === y.since
      && x.riskKind === y.riskKind && sameList(x.reasons, y.reasons) && sameList(x.path, y.path)));
}
