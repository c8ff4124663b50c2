import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { ServerConnections } from '../../../renderer/src/sync/server-connections.js';

describe('server connections', () => {
  it('keeps one connection per workspace, the latest winning', () => {
    const connections = new ServerConnections(memoryStore());
    connections.save({ server: 'ws://a:1', workspace: 'w', token: 't1', savedAt: 1 });
    connections.save({ server: 'ws://b:2', workspace: 'w', token: 't2', savedAt: 2 });
    connections.save({ server: 'ws://a:1', workspace: 'other', token: 't3', savedAt: 3 });
    expect(connections.list()).toHaveLength(2);
    expect(connections.forWorkspace('w')).toMatchObject({ server: 'ws://b:2', token: 't2' });
    connections.remove('w');
    expect(connections.forWorkspace('w')).toBeUndefined();
  });

  it('refuses a connection that is not a ws address', () => {
    const connections = new ServerConnections(memoryStore());
    expect(() => connections.save({ server: 'http://a', workspace: 'w', token: 't', savedAt: 1 })).toThrow();
  });
});
