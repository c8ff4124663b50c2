import { test, type Browser } from '@playwright/test';
import { DetailPanel } from '../pages/detail-panel.js';
import { closeContexts } from './close-contexts.js';
import { startSyncServer, type RunningProcess } from './server.js';
import { mintToken } from './tokens.js';
import { twoOnOnePlan, type TwoOnOnePlan } from './two-users.js';

/** Ada and Ben on one plan, both with one item selected: its detail panel on each screen. */
export interface ItemOnTwoScreens extends TwoOnOnePlan {
  adaDetails: DetailPanel;
  benDetails: DetailPanel;
  /** Closes both browsers (in the test's `finally`). */
  close(): Promise<void>;
}

/** The plan and item of an ItemOnTwoScreens, and who of the two is also a person in the plan. */
export interface ItemOnTwoScreensPlan {
  /** The plan's workspace; also the editor link's. */
  workspace: string;
  planName: string;
  /** Each says "I am a person in this plan" under the name twoOnOnePlan gave them, in this order. */
  asPeople: readonly ('ada' | 'ben')[];
  /** An item of the set-up cascade, e.g. ['initiative', 'Open a Munich office']. */
  item: readonly [kind: string, title: string];
}

const identity = { ada: 'Ada Host', ben: 'Ben Guest' } as const;

/**
 * The set-up the check-in specs of undo38 share. Called once at the top of a spec file: registers the
 * file's sync server (started before its first test, stopped after its last) and returns how a test gets
 * its two screens — an editor link for `workspace`, Ada hosting the set-up cascade as `planName` with Ben
 * joined (twoOnOnePlan), `asPeople` added as people, and `item` selected by Ada, then by Ben.
 */
export function itemOnTwoScreensSetup(): (browser: Browser, plan: ItemOnTwoScreensPlan) => Promise<ItemOnTwoScreens> {
  let server: RunningProcess & { dataDir: string };
  test.beforeAll(async () => { server = await startSyncServer(); });
  test.afterAll(async () => { await server.stop(); });
  return async (browser, { workspace, planName, asPeople, item: [kind, title] }) => {
    const token = mintToken(server.dataDir, workspace, 'editor');
    const pair = await twoOnOnePlan(browser, server.url, token, workspace, planName);
    const close = () => closeContexts(pair.ada.context, pair.ben.context);
    try {
      for (const who of asPeople) await pair[who].shell.setIdentity(identity[who], { addAsPerson: true });
      await pair.ada.outline.select(kind, title);
      await pair.ben.outline.select(kind, title);
      return { ...pair, adaDetails: new DetailPanel(pair.ada.page), benDetails: new DetailPanel(pair.ben.page), close };
    } catch (error) {
      await close();
      throw error;
    }
  };
}
