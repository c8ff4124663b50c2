import { test, type Browser, type Page } from '@playwright/test';
import { AppShell } from '../pages/app-shell.js';
import { PeoplePage } from '../pages/people-page.js';
import { closeContexts } from './close-contexts.js';
import { startSyncServer, type RunningProcess } from './server.js';
import { mintToken } from './tokens.js';
import { twoOnOnePlan, type TwoOnOnePlan } from './two-users.js';

/** Goes to People & teams on `page` and returns its page object. */
export async function peopleOf(page: Page): Promise<PeoplePage> {
  await new AppShell(page).goTo('People & teams');
  return new PeoplePage(page);
}

/** Goes to the outline on `page`. */
export const outlineOf = (page: Page): Promise<void> => new AppShell(page).goTo('Outline');

/** Ada and Ben on one plan, Ada on People & teams with the named people and teams added. */
export interface RemovedPeoplePlan extends TwoOnOnePlan {
  /** Ada's People & teams, open. */
  adaPeople: PeoplePage;
  /** Closes both browsers (in the test's `finally`). */
  close(): Promise<void>;
}

/** Who a removal spec's plan starts with: added by Ada on People & teams, people first, in this order. */
export interface RemovedPeopleNamed {
  /** The plan's workspace; also the editor link's. */
  workspace: string;
  planName: string;
  people: readonly string[];
  teams?: readonly string[];
}

/**
 * The set-up the removal specs (people37, people38, peopleui38) share. Called once at the top of a spec
 * file: registers the file's sync server (started before its first test, stopped after its last) and
 * returns how a test gets its plan — an editor link for `workspace`, Ada hosting the set-up cascade as
 * `planName` with Ben joined (twoOnOnePlan), and Ada adding `people`, then `teams`, through the form.
 */
export function removedPeopleSetup(): (browser: Browser, named: RemovedPeopleNamed) => Promise<RemovedPeoplePlan> {
  let server: RunningProcess & { dataDir: string };
  test.beforeAll(async () => { server = await startSyncServer(); });
  test.afterAll(async () => { await server.stop(); });
  return async (browser, { workspace, planName, people, teams = [] }) => {
    const token = mintToken(server.dataDir, workspace, 'editor');
    const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, workspace, planName);
    const close = () => closeContexts(ada.context, ben.context);
    try {
      const adaPeople = await peopleOf(ada.page);
      for (const name of people) await adaPeople.addPerson(name);
      for (const name of teams) await adaPeople.addTeam(name);
      return { ada, ben, errors, adaPeople, close };
    } catch (error) {
      await close();
      throw error;
    }
  };
}
