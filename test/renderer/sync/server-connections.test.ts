import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { ServerConnections } from '../../../renderer/src/sync/server-connections.js';

describe('server connections', () => {
  it('keeps one connection per workspace: a new token replaces the old, another server only when the person agreed to the move (desk36)', () => {
    const connections = new ServerConnections(memoryStore());
    connections.save({ server: 'ws://a:1', workspace: 'w', token: 't1', savedAt: 1 });
    connections.save({ server: 'ws://a:1/', workspace: 'w', token: 't1b', savedAt: 2 });
    expect(connections.forWorkspace('w')).toMatchObject({ server: 'ws://a:1/', token: 't1b' });
    // review36b finding 1: a join link naming the workspace with a stranger's server replaced it quietly.
    expect(() => connections.save({ server: 'ws://b:2', workspace: 'w', token: 't2', savedAt: 3 })).toThrow('This device syncs workspace "w" with a:1, not b:2.');
    expect(connections.forWorkspace('w')).toMatchObject({ token: 't1b' });
    connections.save({ server: 'ws://b:2', workspace: 'w', token: 't2', savedAt: 4 }, { move: true });
    connections.save({ server: 'ws://a:1', workspace: 'other', token: 't3', savedAt: 5 });
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
