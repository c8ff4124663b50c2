import { afterEach, beforeEach } from 'vitest';
import type { ServerOptionsInput } from '../../../../sync-server/config.js';
import { startTestServer, type TestServer } from '../../../sync-server/support/test-server.js';
import { installPageGlobals, type PageGlobals } from './page-globals.js';

/** The page globals and the real server a test of the app's sync runs against (see useServerAndPage). */
export interface ServerAndPage {
  readonly page: PageGlobals;
  readonly server: TestServer;
}

/**
 * For each test of the file: installs the page globals the renderer's sync uses and starts a real sync
 * server on a loopback port (rooms unloaded at once: `graceMs` 0 unless `options` say otherwise);
 * after it, stops the server and removes the globals, even when the stop fails. Read `page` and
 * `server` inside tests only (they are the current test's).
 */
export function useServerAndPage(options: ServerOptionsInput = {}): ServerAndPage {
  let page: PageGlobals | null = null;
  let server: TestServer | null = null;
  beforeEach(async () => {
    page = installPageGlobals();
    server = await startTestServer({ graceMs: 0, ...options });
  });
  afterEach(async () => {
    const running = server;
    const installed = page;
    server = null;
    page = null;
    try {
      await running?.stop();
    } finally {
      installed?.remove();
    }
  });
  return {
    get page(): PageGlobals {
      if (page === null) throw new Error('the page globals exist during a test only');
      return page;
    },
    get server(): TestServer {
      if (server === null) throw new Error('the test server runs during a test only');
      return server;
    },
  };
}
