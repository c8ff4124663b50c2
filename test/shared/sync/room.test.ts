import { describe, expect, it } from 'vitest';
import { parsePlanId, parseWorkspaceId } from '../../../shared/model/ids.js';
import { parseRoomPath, roomKey, RoomPathError, roomUrl, type RoomAddress } from '../../../shared/sync/room.js';

const address = (workspace: string, plan: string): RoomAddress => ({ workspace: parseWorkspaceId(workspace), plan: parsePlanId(plan) });

describe('room paths', () => {
  it('parses /<workspace>/<plan> into branded ids', () => {
    const parsed = parseRoomPath('/acme/plan-2027_Q1');
    expect(parsed).toEqual({ workspace: 'acme', plan: 'plan-2027_Q1' });
    expect(roomKey(address('acme', 'p'))).toBe('acme/p');
    // Checked once, at the URL: past it, a plan id cannot stand where the workspace goes.
    // @ts-expect-error a PlanId is not a WorkspaceId
    const swapped: RoomAddress = { workspace: parsed.plan, plan: parsed.plan };
    void swapped;
    // @ts-expect-error a plain string is not a checked PlanId
    const unchecked: RoomAddress = { workspace: parsed.workspace, plan: 'p' };
    void unchecked;
  });

  it.each(['/', '/acme', '/acme/', '/acme/p/x', 'acme/p', '/ac me/p', '/acme/p%20q', `/${'a'.repeat(65)}/p`, '//p', '/../p'])('refuses %j', (path) => {
    expect(() => parseRoomPath(path)).toThrow(RoomPathError);
  });

  it('builds the URL the stock y-websocket client builds', () => {
    expect(roomUrl('http://127.0.0.1:4455/', address('acme', 'p1'), 'v1.a.b')).toBe('ws://127.0.0.1:4455/acme/p1?token=v1.a.b');
    expect(roomUrl('wss://sync.example', address('w', 'p'), 't')).toBe('wss://sync.example/w/p?token=t');
  });
});
