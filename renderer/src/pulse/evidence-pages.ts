import type { RiskKind } from '../../../shared/model/index.js';
import type { Evidence } from './pulse-figures.js';

/** Evidence items a page holds: shown at once, and added per task by "Show all" (PulseEvidence). */
export const EVIDENCE_PAGE = 200;

/** A run of listed items of one kind of risk (null: a card without kinds), each with its place in the list. */
export interface EvidenceRun { kind: RiskKind | null; items: { evidence: Evidence; index: number }[] }

/** What the evidence list shows: `total` items of the chosen kind, the first `listed` of them in runs of one kind. */
export interface EvidencePages { total: number; listed: number; runs: EvidenceRun[] }

/**
 * The first `count` items of `evidence` of kind `kind` (every kind when null), cut into runs of one kind of
 * risk: the risk card lists its origins group by group under a heading each (its evidence comes grouped,
 * pulse-figures.ts); other cards' evidence has no kind and is one run.
 */
export function evidencePages(evidence: readonly Evidence[], kind: RiskKind | null, count: number): EvidencePages {
  const chosen = kind === null ? evidence : evidence.filter((item) => item.riskKind === kind);
  const listed = Math.max(0, Math.min(count, chosen.length));
  const runs: EvidenceRun[] = [];
  for (let index = 0; index < listed; index++) {
    const item = chosen[index]!;
    const runKind = item.riskKind ?? null;
    const last = runs[runs.length - 1];
    if (last && last.kind === runKind) last.items.push({ evidence: item, index });
    else runs.push({ kind: runKind, items: [{ evidence: item, index }] });
  }
  return { total: chosen.length, listed, runs };
}
