import { DAY_MS, ROOT_ID, groupRiskOrigins, isRiskOriginSignal, type NodeView, type PlanIndex, type RiskKind, type Signal, type NodeId } from '../../../shared/model/index.js';
import { naturalCompare, percent, plural, signalText } from '../outline/labels.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { appendAll } from '../../../shared/collections/long-lists.js';

export { naturalCompare };

/**
 * One piece of evidence behind a pulse figure: one node (or team) of the kind the card counts, the
 * reasons it is counted, and the path to it. Every figure on the pulse is the number of evidence
 * items listed under it, by construction: `figure` is computed from `evidence.length` and nothing else.
 */
export interface Evidence {
  nodeId: NodeId | null;
  teamId: string | null;
  title: string;
  /** Why it is counted: the messages of its signals (or the rule that counted it). */
  reasons: string[];
  severity: Signal['severity'];
  since: number | null;
  /** Titles from the strategy down to the node. */
  path: string[];
  /** On the risk card: the kind of risk it is grouped under (`RiskGroupCount`). */
  riskKind?: RiskKind;
}

/** One kind of risk on the risk card, with how many origins are grouped under it. */
export interface RiskGroupCount { kind: RiskKind; label: string; count: number }

/**
 * What each kind of risk is called on the risk card, as a leader names the trouble (a plural noun phrase; the
 * count stands beside it). Read with `RISK_KIND_ORDER` (shared/model/risk-origins.ts), which decides the group.
 */
export const RISK_KIND_LABELS: Readonly<Record<RiskKind, string>> = {
  blocked: 'Blocked work',
  kpi_breach: 'KPIs outside their healthy range',
  range_breach: 'Key results outside their range',
  pace: 'Behind pace',
  forecast: 'Forecast to miss',
  reported_status: 'Called at risk or off track in a check-in',
  overdue: 'Overdue work',
  effort_without_impact: 'Effort without impact',
  slowdown: 'Slowing down',
  confidence_drop: 'Confidence dropped',
  stale: 'No recent check-in',
  unmeasured: 'Figures not known',
  crossed_bounds: 'Bounds that contradict',
  misplaced: 'Misplaced items',
  open_subtasks: 'Done with open subtasks',
  priority_shift: 'Priorities shifted',
};

/** One question of the execution pulse, answered with a count of its evidence. */
export interface PulseQuestion {
  id: 'initiatives' | 'key_results' | 'slowdown' | 'blocked' | 'priorities' | 'risk' | 'aligned';
  question: string;
  /** The number of evidence items (as shown), optionally "of" the total they are drawn from. */
  figure: string;
  /** The count itself (= evidence.length). */
  count: number;
  /** What is counted, in the plural form matching `count` ("initiatives not moving"). */
  counted: string;
  detail: string;
  tone: 'good' | 'warn' | 'bad' | 'neutral';
  evidence: Evidence[];
  /** The blocked card's teams, every one, in name order (the card's sentence names the first few). */
  teams?: readonly { id: string; name: string }[];
  /** The risk card's kinds of risk, in `RISK_KIND_ORDER`, with their counts (they add up to `count`); its evidence is listed group by group. */
  groups?: readonly RiskGroupCount[];
  /** The name of the period the card answers for, or null for every period. */
  period: string | null;
}

/** Teams the blocked card names in its sentence; the rest are counted ("and 182 more") and listed under its evidence. */
export const TEAMS_NAMED = 3;

const severityRank = { off_track: 0, at_risk: 1, info: 2 } as const;
const bySeverity = (a: Evidence, b: Evidence) => severityRank[a.severity] - severityRank[b.severity] || (a.since ?? 0) - (b.since ?? 0) || a.title.localeCompare(b.title);
const worst = (signals: readonly Signal[]): Signal['severity'] => signals.reduce<Signal['severity']>((current, signal) => (severityRank[signal.severity] < severityRank[current] ? signal.severity : current), 'info');
const earliest = (signals: readonly Signal[]): number | null => signals.reduce<number | null>((current, signal) => (current === null || signal.since < current ? signal.since : current), null);

const STUCK_KINDS: ReadonlySet<Signal['kind']> = new Set(['stale', 'blocked', 'overdue', 'effort_without_impact', 'pace', 'slowdown']);
// A key result whose progress is not known since its unit changed is behind until a value comes in (review36a F2).
// A range key result outside its range is off its goal, as one behind pace (review39b F1); one its owner's latest
// check-in calls at risk or off track is not progressing as expected, whatever its figures say (review43c F1).
const BEHIND_KINDS: ReadonlySet<Signal['kind']> = new Set(['pace', 'forecast', 'stale', 'unmeasured', 'range_breach', 'reported_status']);

/**
 * True for an active initiative: not archived, status active (or not set). A proposed one has not
 * started: the card counted it among "active initiatives" and called it "not moving" (nothing done in
 * 14 days), while the aligned card and every signal (stale, slowdown, unaligned) leave it out of active
 * work (usercheck20).
 */
function activeInitiative(node: NodeView): boolean {
  return node.kind === 'initiative' && openWork(node);
}

/** True for open work (an active initiative, a task not done or dropped) that is not archived. */
function openWork(node: NodeView): boolean {
  if (node.inactive) return false;
  if (node.kind === 'initiative') return node.fields.status === undefined || node.fields.status === 'active';
  if (node.kind === 'task') return node.fields.status !== 'done' && node.fields.status !== 'dropped';
  return false;
}

/**
 * The execution pulse: SPEC's questions (initiatives moving, key results on pace, where execution
 * slows down, teams blocked, priorities shifting, where risk begins) and the work not aligned to
 * strategy. Each card counts distinct nodes (or teams) and lists exactly those.
 * `periodId`: the period chosen (the outline's and canvas's period filter), or '' / null for every period. A node
 * belongs to the period the outline's filter reads (`NodeView.periodId`: its own, else its nearest ancestor's), so
 * in January "N of M key results" counts this quarter's and not last quarter's too (review46b F6). A team's
 * slowdown counts the team's tasks of every period and is left out while a period is chosen.
 */
export function pulseQuestions(index: PlanIndex, asOf: string | null = null, periodId: string | null = null): PulseQuestion[] {
  const chosen = periodId === '' ? null : periodId;
  const inPeriod = (nodeId: NodeId): boolean => chosen === null || index.node(nodeId)?.periodId === chosen;
  const periodName = chosen === null ? null : index.periods().find((period) => period.id === chosen)?.name ?? chosen;
  const teams = new Map<string, string>(index.teams().map((team) => [team.id, team.name]));
  const teamName = (id: string) => teams.get(id) ?? id;
  const nodeEvidence = (nodeId: NodeId, signals: readonly Signal[], extra: string[] = []): Evidence => ({
    nodeId, teamId: null, title: index.title(nodeId) || 'Untitled',
    reasons: [...signals.map(signalText), ...extra],
    severity: signals.length > 0 ? worst(signals) : 'at_risk', since: earliest(signals),
    path: index.pathToRoot(nodeId).reverse().map((id) => index.title(id) || 'Untitled'),
  });

  const recentDays = index.settings.slowdownRecentDays;
  const recentStart = index.now - recentDays * DAY_MS;
  const initiatives: NodeView[] = [];
  const keyResults: NodeView[] = [];
  const unaligned: NodeView[] = [];
  let activeWork = 0;
  for (const id of index.walk()) {
    const node = index.node(id)!;
    if (!inPeriod(id)) continue;
    if (activeInitiative(node)) initiatives.push(node);
    if (node.kind === 'key_result' && !node.inactive) keyResults.push(node);
    if (openWork(node)) {
      activeWork++;
      if (!node.aligned) unaligned.push(node);
    }
  }

  // Initiatives not moving: a stuck signal of their own, a blocked task below, or no task done lately.
  const notMoving: Evidence[] = [];
  for (const initiative of initiatives) {
    const own = initiative.signals.filter((signal) => signal.severity !== 'info' && STUCK_KINDS.has(signal.kind));
    const extra: string[] = [];
    const blockedBelow = initiative.counts.blocked;
    if (blockedBelow > 0) extra.push(`${plural(blockedBelow, 'task')} blocked below it`);
    // Work started inside the window has not had the window to show progress: "nothing done in 14
    // days" would be false of an initiative created this morning.
    const startedBefore = (initiative.created?.at ?? Number.NEGATIVE_INFINITY) <= recentStart;
    if (startedBefore && initiative.counts.tasks > initiative.counts.done && doneSince(index, initiative.id, recentStart) === 0) extra.push(`no task done in the last ${plural(recentDays, 'day')}`);
    if (own.length > 0 || extra.length > 0) notMoving.push(nodeEvidence(initiative.id, own, extra));
  }

  const behind: Evidence[] = [];
  for (const keyResult of keyResults) {
    const own = keyResult.signals.filter((signal) => signal.severity !== 'info' && BEHIND_KINDS.has(signal.kind));
    if (own.length > 0) behind.push(nodeEvidence(keyResult.id, own));
  }

  const signals = index.signals().filter((signal) => (signal.nodeId === null ? chosen === null : inPeriod(signal.nodeId)));
  const slowing: Evidence[] = [];
  for (const signal of signals) {
    if (signal.kind !== 'slowdown') continue;
    if (signal.nodeId !== null) slowing.push(nodeEvidence(signal.nodeId, [signal]));
    else if (signal.teamId !== null) slowing.push({ nodeId: null, teamId: signal.teamId, title: `Team ${teamName(signal.teamId)}`, reasons: [signalText(signal)], severity: signal.severity, since: signal.since, path: [] });
  }
  const slowingTeams = slowing.filter((evidence) => evidence.teamId !== null).length;

  // Blocked: one item per blocked node, with the teams whose work it is (NodeView.teamIds: own team, else
  // the team of the work above it and a task's assignee's team), as the team filter finds it: the card
  // named no team, or another one, for a blocked task the team filter then showed (usercheck20).
  const blockedByNode = groupByNode(signals.filter((signal) => signal.kind === 'blocked'));
  const blocked = [...blockedByNode].map(([nodeId, found]) => nodeEvidence(nodeId, found));
  const blockedTeams = new Set<string>();
  let blockedWithoutTeam = 0;
  for (const nodeId of blockedByNode.keys()) {
    const teamIds = index.node(nodeId)?.teamIds ?? [];
    for (const team of teamIds) blockedTeams.add(team);
    if (teamIds.length === 0) blockedWithoutTeam++;
  }

  const blockedTeamList = [...blockedTeams].map((id) => ({ id, name: teamName(id) })).sort((a, b) => naturalCompare(a.name, b.name));

  const shifts = [...groupByNode(signals.filter((signal) => signal.kind === 'priority_shift'))].map(([nodeId, found]) => nodeEvidence(nodeId, found));

  // Where risk begins: the nodes that carry a risk signal themselves (its origin, not the ancestors it reaches), by
  // the one rule the canvas's "Where risk begins" reads (shared/model/risk-origins.ts, review39b F3).
  const riskByNode = groupByNode(signals.filter(isRiskOriginSignal));
  // Grouped by kind of risk, so a leader sees what kind of risk 86 origins are (fix41b): each origin under one
  // kind, its evidence listed group by group (by severity within a group).
  const riskGroups = groupRiskOrigins([...riskByNode], ([, found]) => found).map(({ kind, origins }) => ({
    kind, label: RISK_KIND_LABELS[kind],
    origins: origins.map(([nodeId, found]) => ({ ...nodeEvidence(nodeId, found), riskKind: kind })).sort(bySeverity),
  }));
  const risks = riskGroups.flatMap((group) => group.origins);
  const riskSignals = [...riskByNode.values()].reduce((sum, found) => sum + found.length, 0);
  // The strategies holding an origin, not on track ("not on track", not "at risk": an off-track strategy read
  // "1 strategy at risk from them", review43c F3): every origin below a strategy counts, not only the one its
  // single health cause names (the first of two equally bad signals): "0 strategies at risk from them" stood
  // beside a KPI breach in an off-track strategy whose cause was a blocked task (review36a F4).
  const holding = new Set<string>();
  for (const origin of riskByNode.keys()) { const path = index.pathToRoot(origin); if (path.length > 0) holding.add(path[path.length - 1]!); }
  const strategiesAtRisk = index.children(ROOT_ID).filter((id) => holding.has(id) && index.node(id)?.health !== 'on_track').length;

  // No origin beside a plan not on track: unaligned work is its only risk (risk-origins.ts leaves it to the
  // alignment card), not "no risk signal" in green (review40a F8).
  // For a period chosen, the plan's health is every period's: the period's own unaligned work stands for it.
  const onTrack = chosen === null ? index.summary().health === 'on_track' : unaligned.length === 0;
  const unalignedEvidence = unaligned.map((node) => nodeEvidence(node.id, node.signals.filter((signal) => signal.kind === 'unaligned'), node.signals.some((signal) => signal.kind === 'unaligned') ? [] : ['under unaligned work']));

  const share = activeWork === 0 ? null : (activeWork - unaligned.length) / activeWork;
  // `sort`: false for evidence already in its order (the risk card's, group by group).
  const card = (id: PulseQuestion['id'], question: string, evidence: Evidence[], noun: string, counted: (count: number) => string, total: number | null, detail: string, tone: PulseQuestion['tone'], sort = true): PulseQuestion => ({
    id, question, count: evidence.length, counted: counted(evidence.length),
    figure: total === null ? String(evidence.length) : `${evidence.length} of ${total}`,
    detail: total === 0 ? (periodName === null ? `No ${noun} yet.` : `No ${noun} in this period.`) : detail, tone, evidence: sort ? evidence.sort(bySeverity) : evidence,
    period: periodName,
  });
  const ratioTone = (count: number, total: number): PulseQuestion['tone'] => (total === 0 ? 'neutral' : count === 0 ? 'good' : count / total > 0.25 ? 'bad' : 'warn');
  return [
    card('initiatives', 'Are initiatives moving forward?', notMoving, 'active initiatives', (n) => `${n === 1 ? 'initiative' : 'initiatives'} not moving`, initiatives.length,
      `active ${initiatives.length === 1 ? 'initiative' : 'initiatives'} not moving (stuck, blocked below, or nothing done in ${plural(recentDays, 'day')})`, ratioTone(notMoving.length, initiatives.length)),
    card('key_results', 'Are key results progressing as expected?', behind, 'key results', (n) => `${n === 1 ? 'key result' : 'key results'} behind`, keyResults.length,
      `key ${keyResults.length === 1 ? 'result' : 'results'} behind pace, forecast to miss, called at risk or off track in a check-in, or without a recent check-in`, ratioTone(behind.length, keyResults.length)),
    card('slowdown', 'Where does execution slow down?', slowing, 'slowdowns', (n) => (n === 1 ? 'slowdown' : 'slowdowns'), null,
      slowing.length === 0 ? (chosen === null ? 'no team or initiative slowing down' : 'no initiative of this period slowing down (teams slowing down are shown for any period)') : `${plural(slowingTeams, 'team')} and ${plural(slowing.length - slowingTeams, 'initiative')} completing fewer tasks than before`, slowing.length === 0 ? 'good' : 'warn'),
    { ...card('blocked', 'Are teams blocked somewhere?', blocked, 'blocked items', (n) => (n === 1 ? 'blocked item' : 'blocked items'), null,
      blocked.length === 0 ? 'nothing blocked' : `${blocked.length === 1 ? 'blocked item' : 'blocked items'}: ${blockedSummary(blockedTeamList.map((team) => team.name), blockedWithoutTeam)}`, blocked.length === 0 ? 'good' : 'bad'),
    teams: blockedTeamList },
    card('priorities', 'Are priorities shifting?', shifts, 'changes', (n) => (n === 1 ? 'item changed' : 'items changed'), null,
      prioritiesDetail(shifts.length, index.baselineName, asOf), shifts.length === 0 ? 'neutral' : 'warn'),
    { ...card('risk', 'Where do risks begin?', risks, 'risks', (n) => (n === 1 ? 'origin' : 'origins'), null,
      risks.length === 0 ? noOriginDetail(onTrack) : `${risks.length === 1 ? 'item' : 'items'} where risk starts · ${plural(riskSignals, 'risk signal')} · in ${plural(strategiesAtRisk, 'strategy', 'strategies')} not on track`, risks.length === 0 ? (onTrack ? 'good' : 'warn') : 'bad', false),
    groups: riskGroups.map(({ kind, label, origins }) => ({ kind, label, count: origins.length })) },
    card('aligned', 'How much work serves the strategy?', unalignedEvidence, 'active work', (n) => (n === 1 ? 'item unaligned' : 'items unaligned'), activeWork,
      share === null ? 'No active work yet.' : `active ${activeWork === 1 ? 'item' : 'items'} with no path to a key result or objective · ${percent(share)} aligned`,
      share === null ? 'neutral' : share >= 0.9 ? 'good' : share >= 0.7 ? 'warn' : 'bad'),
  ];
}

/** The risk card's words with no origin: none at all, or only unaligned work, which the alignment card lists. */
function noOriginDetail(onTrack: boolean): string {
  return onTrack ? 'no risk signal' : 'no risk signal besides unaligned work: see “How much work serves the strategy?”';
}

/**
 * What the priorities card counts against, named: "no change" is only true of a review point that was
 * compared, and a plan without one has nothing to compare (not "no change since the review point"). `asOf`: the
 * name of the past moment the plan is shown as of, or null for now.
 */
function prioritiesDetail(shifts: number, baselineName: string | null, asOf: string | null): string {
  // As of a past moment (`asOf`, its name), only the review points taken before it count (review39b F8).
  if (baselineName === null) return asOf === null ? 'no review point to compare against yet: name one in Review' : `no review point was taken before “${isolatedText(asOf)}”`;
  return shifts === 0
    ? `no change to targets, weights, priorities or owners since “${isolatedText(baselineName)}”`
    : `${shifts === 1 ? 'item' : 'items'} changed since “${isolatedText(baselineName)}”`;
}

function groupByNode(signals: readonly Signal[]): Map<NodeId, Signal[]> {
  const byNode = new Map<NodeId, Signal[]>();
  for (const signal of signals) {
    if (signal.nodeId === null) continue;
    const list = byNode.get(signal.nodeId);
    if (list) list.push(signal);
    else byNode.set(signal.nodeId, [signal]);
  }
  return byNode;
}

function blockedSummary(teamNames: string[], withoutTeam: number): string {
  const parts: string[] = [];
  // A few names and the rest counted: 185 names made the card taller than a screen (review40c F6). One name
  // left over is named rather than counted.
  const named = teamNames.length > TEAMS_NAMED + 1 ? teamNames.slice(0, TEAMS_NAMED) : teamNames;
  const rest = teamNames.length - named.length;
  if (teamNames.length > 0) parts.push(`in ${plural(teamNames.length, 'team')} (${named.join(', ')}${rest > 0 ? ` and ${rest.toLocaleString()} more` : ''})`);
  if (withoutTeam > 0) parts.push(`${withoutTeam} without a team`);
  return parts.join(' and ');
}

/** Tasks below `id` done at or after `since` (their doneAt stamp). */
function doneSince(index: PlanIndex, id: string, since: number): number {
  let done = 0;
  const stack = [...(index.node(id)?.childIds ?? [])];
  while (stack.length > 0) {
    const node = index.node(stack.pop()!);
    if (!node) continue;
    if (node.kind === 'task' && node.fields.status === 'done' && (node.fields.doneAt ?? node.updated?.at ?? 0) >= since) done++;
    appendAll(stack, node.childIds);
  }
  return done;
}

