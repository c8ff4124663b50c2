// The set-up cascade of the two-person specs, put on a device without typing it (docs/testing.md, testtime4).
import { expect } from '@playwright/test';
import * as Y from 'yjs';
import { canonicalTimeZone, openPlan, type NodeId } from '../../../shared/model/index.js';
import { indent, newSibling } from '../../../renderer/src/outline/outline-commands.js';
import { randomId } from '../../../renderer/src/library/plan-library.js';
import { europeCascade } from './outline-steps.js';
import { storePlanInBrowser } from './stored-plan.js';
import type { User } from './two-users.js';
import { storeOverridesAsOlderClient } from '../../shared/model/older-client.js';

const newId = () => randomId((bytes) => crypto.getRandomValues(bytes));

/**
 * The document "New plan" and `typeCascade` make, written by the same model calls in the same order:
 * the plan in its creator's zone; for each line a new sibling, its title (from an empty base, as the
 * line's editor commits it) and, from the second line on, the indent under the line above; then the
 * empty line Enter opened after the last, dropped again (Escape). The actor is "someone", as on a
 * device whose person has not said who they are yet.
 */
export function cascadePlanUpdate(name: string, timeZone: string, titles: readonly string[] = europeCascade): Uint8Array {
  const doc = new Y.Doc();
  const plan = openPlan(doc, { now: () => Date.now(), newId, actor: 'someone' }, { name });
  const zone = canonicalTimeZone(timeZone);
  if (zone !== null) plan.setTimeZone(zone);
  // Each command is followed by the index's refresh, as the app's `run` does.
  const run = <T,>(command: () => T): T => { const result = command(); plan.index.refresh(Date.now()); return result; };
  let line: NodeId | null = null;
  for (const [position, title] of titles.entries()) {
    const made = run(() => newSibling(plan, line));
    if (!made.ok) throw new Error(made.message);
    if (position > 0) {
      const indented = run(() => indent(plan, made.select));
      if (!indented.ok) throw new Error(indented.message);
    }
    run(() => plan.setTitle(made.select, title, ''));
    line = made.select;
  }
  const empty = run(() => newSibling(plan, line));
  if (!empty.ok) throw new Error(empty.message);
  run(() => { plan.deleteNode(empty.select); plan.purgeNode(empty.select); });
  // A title given with an override's stand-in holds the override, as an older version stored it (review40b F9).
  storeOverridesAsOlderClient(doc);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * The person's device gets a new plan named `name` holding the set-up cascade, and opens it with its
 * last line selected, where typing it leaves the outline. The plan is written on a blank page of the
 * app's origin (served by the test, not the app), so the app starts once, on the plan.
 */
export async function openStoredCascade(user: User, appUrl: string, name: string, titles: readonly string[] = europeCascade): Promise<void> {
  const blank = new URL('/e2e-blank-page', appUrl).href;
  await user.context.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await user.page.goto(blank);
  await user.context.unroute(blank);
  const timeZone = await user.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const id = newId();
  await storePlanInBrowser(user.page, { id, name, update: cascadePlanUpdate(name, timeZone, titles), identity: false });
  await user.shell.open(new URL(`/#/plan/${id}/outline`, appUrl).href);
  await user.outline.select('task', titles.at(-1)!);
  await expect(user.outline.selectedRow).toHaveAccessibleName(`TSK ${titles.at(-1)!}`);
}
