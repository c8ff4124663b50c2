import { describe, expect, it } from 'vitest';
import { parseRoomPath, roomKey, RoomPathError, roomUrl } from '../../../shared/sync/room.js';

describe('room paths', () => {
  it('parses /<workspace>/<plan>', () => {
    expect(parseRoomPath('/acme/plan-2027_Q1')).toEqual({ workspace: 'acme', plan: 'plan-2027_Q1' });
    expect(roomKey({ workspace: 'acme', plan: 'p' })).toBe('acme/p');
  });

  it.each(['/', '/acme', '/acme/', '/acme/p/x', 'acme/p', '/ac me/p', '/acme/p%20q', `/${'a'.repeat(65)}/p`, '//p', '/../p'])('refuses %j', (path) => {
    expect(() => parseRoomPath(path)).toThrow(RoomPathError);
  });

  it('builds the URL the stock y-websocket client builds', () => {
    expect(roomUrl('http://127.0.0.1:4455/', { workspace: 'acme', plan: 'p1' }, 'v1.a.b')).toBe('ws://127.0.0.1:4455/acme/p1?token=v1.a.b');
    expect(roomUrl('wss://sync.example', { workspace: 'w', plan: 'p' }, 't')).toBe('wss://sync.example/w/p?token=t');
  });
});
