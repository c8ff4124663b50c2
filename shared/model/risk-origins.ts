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
import type { Signal } from './signal-types.js';

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
