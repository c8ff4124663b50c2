// review45c F4: mid-sprint the manager raised one initiative's priority to critical and lowered another's to
// low; the pulse's "Are priorities shifting?" read "Changed since “Sprint start”: priority" for both, so a
// leader could not tell where effort was going without opening the review. The invariant: a priority shift
// says which way the priority went and from what to what, as the review's diff records it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PRIORITIES, ROOT_ID, type Priority } from '../../../shared/model/index.js';
import { newPlan } from './support.js';

const rank = (priority: Priority) => PRIORITIES.indexOf(priority);

function shiftMessage(before: Priority | null, after: Priority | null): string | undefined {
  const { ctx, plan } = newPlan();
  const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const o = plan.createNode({ kind: 'objective', parent: s, title: 'Win EU' });
  const k = plan.createNode({ kind: 'key_result', parent: o, title: 'Revenue', start: 0, target: 100 });
  const campaign = plan.createNode({ kind: 'initiative', parent: k, title: 'Campaign', status: 'active', ...(before ? { priority: before } : {}) });
  plan.index.refresh(ctx.time);
  plan.index.setBaseline(plan.index.captureBaseline('Sprint start', ctx.time));
  ctx.advance(7);
  plan.updateNode(campaign, { priority: after });
  plan.index.refresh(ctx.time);
  const shift = plan.index.node(campaign)!.signals.find((signal) => signal.kind === 'priority_shift');
  return shift?.message.replace(/[\u2066-\u2069]/g, '');
}

describe('review45c F4: a priority shift says which way the priority went', () => {
  it('one raised, one lowered: the pulse\'s words differ and name both priorities', () => {
    expect(shiftMessage('medium', 'critical')).toBe('Changed since “Sprint start”: priority raised from medium to critical');
    expect(shiftMessage('high', 'low')).toBe('Changed since “Sprint start”: priority lowered from high to low');
    expect(shiftMessage(null, 'high')).toBe('Changed since “Sprint start”: priority set to high');
    expect(shiftMessage('high', null)).toBe('Changed since “Sprint start”: priority high cleared');
  });

  it('property: "raised" exactly when the new priority ranks higher, with both named', () => {
    const priority = fc.constantFrom(...PRIORITIES);
    fc.assert(fc.property(priority, priority, (before, after) => {
      fc.pre(before !== after);
      const message = shiftMessage(before, after)!;
      expect(message).toContain(`${rank(after) < rank(before) ? 'raised' : 'lowered'} from ${before} to ${after}`);
    }), { numRuns: 30 });
  });
});

describe('review45c: a move names the key results it left and joined', () => {
  it('an initiative moved to another key result reads from and to by title; an old parent deleted since is named as the baseline kept it', () => {
    const { ctx, plan } = newPlan();
    const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const o = plan.createNode({ kind: 'objective', parent: s, title: 'Win EU' });
    const revenue = plan.createNode({ kind: 'key_result', parent: o, title: 'Revenue', start: 0, target: 100 });
    const nps = plan.createNode({ kind: 'key_result', parent: o, title: 'NPS', start: 20, target: 40 });
    const partners = plan.createNode({ kind: 'initiative', parent: revenue, title: 'Partners', status: 'active' });
    plan.index.refresh(ctx.time);
    plan.index.setBaseline(plan.index.captureBaseline('Sprint start', ctx.time));
    ctx.advance(7);
    plan.moveNode(partners, { parent: nps });
    plan.index.refresh(ctx.time);
    const message = () => plan.index.node(partners)!.signals.find((signal) => signal.kind === 'priority_shift')?.message.replace(/[\u2066-\u2069]/g, '');
    expect(message()).toBe('Changed since “Sprint start”: moved from “Revenue” to “NPS”');
    // Moved up to the objective, then its old key result deleted: named as the baseline kept it.
    plan.moveNode(partners, { parent: o });
    plan.deleteNode(revenue);
    plan.index.refresh(ctx.time);
    expect(message()).toBe('Changed since “Sprint start”: moved from “Revenue” to “Win EU”');
  });
});
