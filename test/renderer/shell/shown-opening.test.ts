import { describe, expect, it } from 'vitest';
import type { FirstScreen } from '../../../shared/model/first-screen.js';
import { shownOpening, type ShownOpening } from '../../../renderer/src/shell/shown-opening.js';

const firstScreenOf = (planId: string) => ({ planId, name: 'Plan', rows: [], rowCount: 0 }) as unknown as FirstScreen;
const opening = (planId: string): ShownOpening => ({ openState: { kind: 'opening', planId, detail: 'Reading…' }, firstScreen: firstScreenOf(planId) });

describe('what the shell shows while a plan swaps from its stored first screen to live data', () => {
  it('keeps the first screen until the live views have rendered in the background', () => {
    const current: ShownOpening = { openState: { kind: 'open', planId: 'a' }, firstScreen: null };
    expect(shownOpening(current, opening('a'))).toEqual(opening('a'));
    // Once the deferred copy has caught up, the live views show.
    expect(shownOpening(current, current)).toBe(current);
  });

  it('shows every other change at once: another plan, a failure, a close, an open without a first screen', () => {
    const otherPlan: ShownOpening = { openState: { kind: 'open', planId: 'b' }, firstScreen: null };
    expect(shownOpening(otherPlan, opening('a'))).toBe(otherPlan);
    const failed: ShownOpening = { openState: { kind: 'failed', planId: 'a', message: 'broken' }, firstScreen: null };
    expect(shownOpening(failed, opening('a'))).toBe(failed);
    const closed: ShownOpening = { openState: { kind: 'closed' }, firstScreen: null };
    expect(shownOpening(closed, opening('a'))).toBe(closed);
    const open: ShownOpening = { openState: { kind: 'open', planId: 'a' }, firstScreen: null };
    const withoutFirstScreen: ShownOpening = { openState: { kind: 'opening', planId: 'a', detail: 'Reading…' }, firstScreen: null };
    expect(shownOpening(open, withoutFirstScreen)).toBe(open);
    // Opening starts at once too (the first screen is painted before the document is read).
    expect(shownOpening(opening('a'), closed)).toEqual(opening('a'));
  });
});
