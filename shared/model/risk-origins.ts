/**
 * Where risk begins (review39b F3): the one rule the execution pulse's "Where do risks begin?" card and the
 * cascade canvas's "Where risk begins" mode both read. Before, the pulse counted only some kinds (no pace, no
 * blocked, no stale) and the canvas every kind, so the pulse said "0 origins — no risk signal", in green,
 * beside an off-track plan with two blocked items, while the canvas marked five origins.
 *
 * A node is an origin when one of its own signals changes health (at risk or off track; info never does), the
 * unaligned signal aside: unaligned work is not in the cascade's path of risk, and both places show it apart
 * (the pulse's "How much work serves the strategy?" card, the canvas's "Unaligned work" list). So a plan whose
 * health is not on track for any other reason always has an origin to point at.
 */
import { groupBy } from '../collections/group-by.js';
import type { Signal, SignalKind } from './signal-types.js';

/** True for a signal that makes its node a place where risk begins. */
export function isRiskOriginSignal(signal: Pick<Signal, 'kind' | 'severity'>): boolean {
  return signal.severity !== 'info' && signal.kind !== 'unaligned';
}

/** The worst severity among a node's own risk-origin signals: 0 none (not an origin), 1 at risk, 2 off track. */
export function riskOriginSeverity(signals: readonly Pick<Signal, 'kind' | 'severity'>[]): 0 | 1 | 2 {
  let worst: 0 | 1 | 2 = 0;
  for (const signal of signals) {
    if (!isRiskOriginSignal(signal)) continue;
    if (signal.severity === 'off_track') return 2;
    worst = 1;
  }
  return worst;
}

/**
 * The kinds of risk an origin is grouped under, in the order a leader reads them (fix41b): work that stopped,
 * a measure outside its bounds, key results behind, work its people call at risk or off track, late work, work that does not pay off or slows, people's
 * confidence and silence, then figures the plan cannot judge. An origin with several kinds (a task blocked and
 * overdue) is grouped under the first of its kinds here, so each origin is in exactly one group and the groups'
 * counts add up to the card's figure; its other signals stay listed on it. Every kind but unaligned work (which
 * is never an origin) is here: the check below fails to compile when a new kind is left out.
 */
export const RISK_KIND_ORDER = [
  'blocked', 'kpi_breach', 'range_breach', 'pace', 'forecast', 'reported_status', 'overdue', 'effort_without_impact', 'slowdown',
  'confidence_drop', 'stale', 'unmeasured', 'crossed_bounds', 'misplaced', 'open_subtasks', 'priority_shift',
] as const satisfies readonly Exclude<SignalKind, 'unaligned'>[];

/** A kind of risk an origin can be grouped under. */
export type RiskKind = (typeof RISK_KIND_ORDER)[number];

type KindsLeftOut = Exclude<SignalKind, RiskKind | 'unaligned'>;
const everyKindGrouped: [KindsLeftOut] extends [never] ? true : KindsLeftOut = true;
void everyKindGrouped;

const riskKindRank = new Map<string, number>(RISK_KIND_ORDER.map((kind, rank) => [kind, rank]));

/** The kind of risk an origin is grouped under (the first of `RISK_KIND_ORDER` among its risk-origin signals), or null for no origin. */
export function leadingRiskKind(signals: readonly Pick<Signal, 'kind' | 'severity'>[]): RiskKind | null {
  let best: number | undefined;
  for (const signal of signals) {
    if (!isRiskOriginSignal(signal)) continue;
    const rank = riskKindRank.get(signal.kind);
    if (rank !== undefined && (best === undefined || rank < best)) best = rank;
  }
  return best === undefined ? null : RISK_KIND_ORDER[best]!;
}

/** One kind of risk and the origins grouped under it. */
export interface RiskGroup<T> { kind: RiskKind; origins: T[] }

/**
 * Origins grouped by their kind of risk (`leadingRiskKind`), groups in `RISK_KIND_ORDER`, each origin in
 * exactly one group in its given order, empty groups and items that are no origin left out.
 */
export function groupRiskOrigins<T>(origins: readonly T[], signalsOf: (origin: T) => readonly Pick<Signal, 'kind' | 'severity'>[]): RiskGroup<T>[] {
  const byKind = groupBy(origins, (origin) => leadingRiskKind(signalsOf(origin)));
  return RISK_KIND_ORDER.filter((kind) => byKind.has(kind)).map((kind) => ({ kind, origins: byKind.get(kind)! }));
}
