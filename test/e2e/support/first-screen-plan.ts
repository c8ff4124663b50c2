import { expect, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { PlanIndex } from '../../../shared/model/index.js';
import { AppShell } from '../pages/app-shell.js';
import { OutlinePage } from '../pages/outline-page.js';
import { firstScreenPollIntervals, storedFirstScreen, storePlanInBrowser } from './stored-plan.js';

/** A stored plan for the first-screen specs: its id and name, one update, its first top-level titles. */
export interface FirstScreenPlan {
  readonly id: string;
  readonly name: string;
  readonly update: Uint8Array;
  readonly firstTitles: readonly string[];
}

/** Generates a plan of `nodes` nodes (as the benchmarks do) for the first-screen specs. */
export function generatedFirstScreenPlan(id: string, name: string, options: { nodes: number; seed: number }): FirstScreenPlan {
  const doc = new Y.Doc();
  const generated = generatePlan(doc, options);
  const index = new PlanIndex(doc, { now: generated.now });
  return { id, name, update: Y.encodeStateAsUpdate(doc), firstTitles: index.children('root').slice(0, 3).map((node) => index.title(node)) };
}

/** Stores the plan on this page's device, opens it once (live) and waits until its first screen is stored; returns it. */
export async function storedAndOpenedOnce(page: Page, serverUrl: string, plan: FirstScreenPlan): Promise<Record<string, unknown>> {
  await new AppShell(page).open(serverUrl);
  await storePlanInBrowser(page, { id: plan.id, name: plan.name, update: plan.update });
  await page.goto(`${serverUrl}#/plan/${plan.id}/outline`);
  await expect(new OutlinePage(page).tree).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
  await expect.poll(() => storedFirstScreen(page, plan.id), { timeout: 30_000, intervals: firstScreenPollIntervals }).not.toBeNull();
  return await storedFirstScreen(page, plan.id) as Record<string, unknown>;
}
