import { ROOT_ID, type PlanIndex, type Signal } from '../../../shared/model/index.js';

/** One piece of evidence behind a pulse figure: a node (or team), what is wrong, and the path to it. */
export interface Evidence {
  nodeId: string | null;
  teamId: string | null;
  title: string;
  message: string;
  severity: Signal['severity'];
  since: number | null;
  /** Titles from the strategy down to the node. */
  path: string[];
}

/** One question of the execution pulse, answered with a figure and its evidence. */
export interface PulseQuestion {
  id: 'initiatives' | 'key_results' | 'blocked' | 'priorities' | 'risk' | 'aligned';
  question: string;
  figure: string;
  detail: string;
  tone: 'good' | 'warn' | 'bad' | 'neutral';
  evidence: Evidence[];
}

const severityRank = { off_track: 0, at_risk: 1, info: 2 } as const;

function evidenceOf(index: PlanIndex, signal: Signal, teamName: (id: string) => string): Evidence {
  const nodeId = signal.nodeId;
  const path = nodeId ? index.pathToRoot(nodeId).reverse().map((id) => index.title(id) || 'Untitled') : [];
  return {
    nodeId, teamId: signal.teamId,
    title: nodeId ? index.title(nodeId) || 'Untitled' : signal.teamId ? `Team ${teamName(signal.teamId)}` : 'Plan',
    message: signal.message, severity: signal.severity, since: signal.since, path,
  };
}

const bySeverity = (a: Evidence, b: Evidence) => severityRank[a.severity] - severityRank[b.severity] || (a.since ?? 0) - (b.since ?? 0);

/**
 * The execution pulse: SPEC's five questions (initiatives moving, key results on pace, teams
 * blocked, priorities shifting, where risk begins) plus the share of work aligned to strategy, each
 * with the signals behind it.
 */
export function pulseQuestions(index: PlanIndex): PulseQuestion[] {
  const teams = new Map(index.teams().map((team) => [team.id, team.name]));
  const teamName = (id: string) => teams.get(id) ?? id;
  const signals = index.signals();
  const ofKind = (...kinds: Signal['kind'][]) => signals.filter((signal) => kinds.includes(signal.kind));
  const stuckKinds: ReadonlySet<Signal['kind']> = new Set(['stale', 'blocked', 'overdue', 'effort_without_impact', 'pace', 'forecast']);
  const initiatives = new Set<string>();
  const keyResults = new Set<string>();
  for (const id of index.walk()) {
    const node = index.node(id)!;
    if (node.inactive) continue;
    if (node.kind === 'initiative' && (node.fields.status === undefined || node.fields.status === 'active' || node.fields.status === 'proposed')) initiatives.add(id);
    if (node.kind === 'key_result') keyResults.add(id);
  }

  const stuckSignals = signals.filter((signal) => signal.nodeId !== null && initiatives.has(signal.nodeId) && signal.severity !== 'info'
    && stuckKinds.has(signal.kind));
  const stuck = new Set(stuckSignals.map((signal) => signal.nodeId));
  const slowdowns = ofKind('slowdown');
  const moving = initiatives.size - stuck.size;

  const paceSignals = signals.filter((signal) => signal.nodeId !== null && keyResults.has(signal.nodeId) && (signal.kind === 'pace' || signal.kind === 'forecast' || signal.kind === 'stale') && signal.severity !== 'info');
  const behind = new Set(paceSignals.map((signal) => signal.nodeId));

  const blocked = ofKind('blocked');
  // A task's team is its own, else the nearest ancestor's.
  const teamOf = (nodeId: string | null) => {
    if (!nodeId) return 'none';
    for (const id of index.pathToRoot(nodeId)) {
      const team = index.node(id)?.fields.team;
      if (team) return team;
    }
    return 'none';
  };
  const blockedTeams = new Set(blocked.map((signal) => teamOf(signal.nodeId)));

  const shifts = ofKind('priority_shift');

  const riskKinds: Signal['kind'][] = ['kpi_breach', 'confidence_drop', 'overdue', 'forecast', 'effort_without_impact'];
  const risks = signals.filter((signal) => riskKinds.includes(signal.kind) && signal.severity !== 'info');
  const riskRoots = new Set<string>();
  for (const strategy of index.children(ROOT_ID)) {
    const cause = index.node(strategy)?.healthCause;
    const origin = cause?.path[cause.path.length - 1];
    if (origin && cause.signal.severity !== 'info') riskRoots.add(origin);
  }

  const summary = index.summary();
  const unaligned = ofKind('unaligned');
  const share = summary.alignedShare;

  const list = (found: Signal[]) => found.map((signal) => evidenceOf(index, signal, teamName)).sort(bySeverity);
  return [
    {
      id: 'initiatives', question: 'Are initiatives moving forward?',
      figure: initiatives.size === 0 ? '—' : `${moving} of ${initiatives.size}`,
      detail: initiatives.size === 0 ? 'No active initiatives.' : `active initiatives moving${slowdowns.length > 0 ? ` · ${slowdowns.length} team${slowdowns.length === 1 ? '' : 's'} slowing down` : ''}`,
      tone: initiatives.size === 0 ? 'neutral' : stuck.size === 0 ? 'good' : stuck.size / initiatives.size > 0.25 ? 'bad' : 'warn',
      evidence: list([...stuckSignals, ...slowdowns]),
    },
    {
      id: 'key_results', question: 'Are key results progressing as expected?',
      figure: keyResults.size === 0 ? '—' : `${keyResults.size - behind.size} of ${keyResults.size}`,
      detail: keyResults.size === 0 ? 'No key results yet.' : 'key results on pace',
      tone: keyResults.size === 0 ? 'neutral' : behind.size === 0 ? 'good' : behind.size / keyResults.size > 0.25 ? 'bad' : 'warn',
      evidence: list(paceSignals),
    },
    {
      id: 'blocked', question: 'Are teams blocked somewhere?',
      figure: String(blocked.length),
      detail: blocked.length === 0 ? 'nothing blocked' : `blocked item${blocked.length === 1 ? '' : 's'} in ${blockedTeams.size} team${blockedTeams.size === 1 ? '' : 's'}: ${[...blockedTeams].map((team) => (team === 'none' ? 'no team' : teamName(team))).sort().join(', ')}`,
      tone: blocked.length === 0 ? 'good' : 'bad',
      evidence: list(blocked),
    },
    {
      id: 'priorities', question: 'Are priorities shifting?',
      figure: String(shifts.length),
      detail: shifts.length === 0 ? 'changes to targets, weights, priorities or owners since the review point' : `item${shifts.length === 1 ? '' : 's'} changed since the review point`,
      tone: shifts.length === 0 ? 'neutral' : 'warn',
      evidence: list(shifts),
    },
    {
      id: 'risk', question: 'Where do risks begin?',
      figure: String(riskRoots.size),
      detail: `origin${riskRoots.size === 1 ? '' : 's'} of strategy-level risk · ${risks.length} risk signal${risks.length === 1 ? '' : 's'}`,
      tone: riskRoots.size === 0 ? 'good' : 'bad',
      evidence: list(risks),
    },
    {
      id: 'aligned', question: 'How much work serves the strategy?',
      figure: share === null ? '—' : `${Math.round(share * 100)}%`,
      detail: `${summary.alignedWork} of ${summary.activeWork} active initiatives and tasks aligned`,
      tone: share === null ? 'neutral' : share >= 0.9 ? 'good' : share >= 0.7 ? 'warn' : 'bad',
      evidence: list(unaligned),
    },
  ];
}
