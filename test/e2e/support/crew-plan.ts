import { expect, type Browser } from '@playwright/test';
import { WorkspacePage } from '../pages/workspace-page.js';
import { closeContexts } from './close-contexts.js';
import { typeCascade } from './outline-steps.js';
import { startSyncServer } from './server.js';
import { joinLink, mintToken } from './tokens.js';
import { newUser, type User } from './two-users.js';

/** Ada, Ben and Cleo with an editor link to the workspace "crew", and a plan Ada made in it. */
export interface CrewPlan {
  ada: User;
  ben: User;
  cleo: User;
  /** Ada's start page (its workspace list). */
  adaSpace: WorkspacePage;
  /** The link to Ada's plan in "crew": opens it for anyone with the workspace's link. */
  planLink: string;
  /** Closes the three browsers and stops the server (in the test's `finally`). */
  close(): Promise<void>;
}

/**
 * The set-up of the specs on a plan taken out of its workspace (removed37, takenout38): a sync server of
 * the test's own, three people on devices of their own, and Ada making `planName` in "crew" from the
 * workspace link, with the strategy "Close the Leeds office" typed and synced.
 */
export async function crewPlan(browser: Browser, planName: string): Promise<CrewPlan> {
  const server = await startSyncServer();
  const token = mintToken(server.dataDir, 'crew', 'editor');
  const workspaceLink = joinLink(server.url, server.url, 'crew', token);
  const [ada, ben, cleo] = [await newUser(browser, 'Ada'), await newUser(browser, 'Ben'), await newUser(browser, 'Cleo')];
  const adaSpace = new WorkspacePage(ada.page);
  const close = async () => {
    await closeContexts(ada.context, ben.context, cleo.context);
    await server.stop();
  };
  try {
    await ada.shell.open(workspaceLink);
    await adaSpace.createPlan(planName);
    await ada.shell.setIdentity('Ada');
    await ada.outline.focus();
    await typeCascade(ada.outline, ['Close the Leeds office']);
    await ada.shell.expectSyncStatus('Synced');
    const planId = /#\/plan\/([^/]+)\//.exec(ada.page.url())?.[1];
    expect(planId).toBeTruthy();
    return { ada, ben, cleo, adaSpace, planLink: joinLink(server.url, server.url, 'crew', token, planId), close };
  } catch (error) {
    await close();
    throw error;
  }
}
