import { expect } from '@playwright/test';
import { DetailPanel } from '../pages/detail-panel.js';
import { PulsePage } from '../pages/pulse-page.js';
import type { User } from './two-users.js';

/**
 * On each user's device: the restored key result holds the check-in (`note`, with a blocker) in its
 * history, and the pulse counts it blocked again; `andThen` adds a check on the pulse. Ends on the outline.
 */
export async function expectRestoredWithBlocker(users: readonly User[], title: string, note: string, andThen?: (user: User) => Promise<void>): Promise<void> {
  for (const user of users) {
    await user.outline.select('key result', title);
    await expect(new DetailPanel(user.page).history.first()).toContainText(note);
    await user.shell.goTo('Execution pulse');
    const pulse = new PulsePage(user.page);
    await expect(pulse.card('Are teams blocked somewhere?')).toHaveText(/somewhere\?\s*1\s*blocked item/);
    await expect(pulse.entry('Are teams blocked somewhere?', title)).toContainText(note);
    if (andThen) await andThen(user);
    await user.shell.goTo('Outline');
  }
}
