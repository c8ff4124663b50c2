// The pulse's evidence pages (fix41b, F7): what a page lists of a card's evidence, and the risk card's runs of one
// kind of risk, each under its heading.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RISK_KIND_ORDER, type NodeId, type RiskKind } from '../../../shared/model/index.js';
import { evidencePages } from '../../../renderer/src/pulse/evidence-pages.js';
import type { Evidence } from '../../../renderer/src/pulse/pulse-figures.js';

const item = (n: number, riskKind?: RiskKind): Evidence => ({ nodeId: `node${n}` as NodeId, teamId: null, title: `Item ${n}`, reasons: [], severity: 'at_risk', since: null, path: [], ...(riskKind ? { riskKind } : {}) });

describe('evidence pages (fix41b)', () => {
  it('property: the runs hold the first `count` items of the chosen kind in order, numbered from 0, no two neighbouring runs of one kind', () => {
    const kindArb = fc.constantFrom(...RISK_KIND_ORDER.slice(0, 4));
    fc.assert(fc.property(fc.array(kindArb, { maxLength: 60 }), fc.option(kindArb, { nil: null }), fc.nat({ max: 80 }), (kinds, chosen, count) => {
      const evidence = kinds.map((kind, n) => item(n, kind));
      const pages = evidencePages(evidence, chosen, count);
      const wanted = evidence.filter((entry) => chosen === null || entry.riskKind === chosen);
      expect(pages.total).toBe(wanted.length);
      expect(pages.listed).toBe(Math.min(count, wanted.length));
      const listed = pages.runs.flatMap((run) => run.items);
      expect(listed.map((entry) => entry.evidence)).toEqual(wanted.slice(0, count));
      expect(listed.map((entry) => entry.index)).toEqual(listed.map((_, index) => index));
      for (const run of pages.runs) for (const entry of run.items) expect(entry.evidence.riskKind).toBe(run.kind);
      pages.runs.forEach((run, i) => { if (i > 0) expect(run.kind).not.toBe(pages.runs[i - 1]!.kind); });
    }));
  });

  it('evidence without a kind (every card but the risk card) is one run', () => {
    const pages = evidencePages([item(1), item(2), item(3)], null, 2);
    expect(pages).toMatchObject({ total: 3, listed: 2 });
    expect(pages.runs).toHaveLength(1);
    expect(pages.runs[0]!.kind).toBeNull();
  });
});
