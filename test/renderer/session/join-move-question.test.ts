// desk36 (review36b finding 1): a join link that would move a workspace this device syncs to another
// server, or re-home a plan kept on this device only, is a question first, naming both servers.
import { describe, expect, it } from 'vitest';
import { parsePlanId, parseWorkspaceId } from '../../../shared/model/ids.js';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { AppController } from '../../../renderer/src/session/app-controller.js';
import { createAppStore } from '../../../renderer/src/store/app-store.js';

/** A join link's request, as parseJoinLink hands it over (ids checked and branded). */
const link = (server: string, workspace: string, plan?: string) => ({ server, workspace: parseWorkspaceId(workspace), token: 'link-token', ...(plan ? { plan: parsePlanId(plan) } : {}) });

function device() {
  const app = new AppController(createAppStore(), memoryStore());
  app.connections.save({ server: 'wss://plans.example.com', workspace: 'northwind', token: 'team-token', savedAt: 1 });
  app.catalog.library.put({ id: 'p-grow', name: 'Grow ARR', createdAt: 1, openedAt: 1, workspace: 'northwind' });
  app.catalog.library.put({ id: 'p-mine', name: 'My own notes', createdAt: 1, openedAt: 1 });
  return app;
}

describe('a join link that would move what this device keeps', () => {
  it('asks before a workspace it syncs goes to another server under the same name, naming both and the plans', () => {
    const app = device();
    expect(app.joining.moveQuestion(link('ws://127.0.0.1:4518', 'northwind'))).toEqual({
      newServer: '127.0.0.1:4518', workspace: 'northwind', currentServer: 'plans.example.com', workspacePlans: ['Grow ARR'], plan: null,
    });
    // The same server (another token, a trailing slash) and a workspace new to this device move nothing.
    expect(app.joining.moveQuestion(link('wss://plans.example.com/', 'northwind'))).toBeNull();
    expect(app.joining.moveQuestion(link('ws://127.0.0.1:4518', 'offsite'))).toBeNull();
  });

  it('asks before a plan link re-homes a plan kept on this device only, or in another workspace', () => {
    const app = device();
    expect(app.joining.moveQuestion(link('ws://127.0.0.1:4518', 'offsite', 'p-mine')))
      .toMatchObject({ currentServer: null, plan: { name: 'My own notes', from: null } });
    expect(app.joining.moveQuestion(link('ws://127.0.0.1:4518', 'offsite', 'p-grow')))
      .toMatchObject({ plan: { name: 'Grow ARR', from: 'northwind' } });
    // The plan's own workspace on its own server: a plain link, no question.
    expect(app.joining.moveQuestion(link('wss://plans.example.com', 'northwind', 'p-grow'))).toBeNull();
  });
});
