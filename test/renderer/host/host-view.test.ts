// The host's list of who is connected: one row per participant (a running app), not per address and browser, nor per name.
import { describe, expect, it } from 'vitest';
import { groupConnections } from '../../../renderer/src/host/host-view.js';
import { directoryRoom } from '../../../shared/workspace/directory.js';
import type { WorkspaceView } from '../../../shared/workspace/host-api.js';

type Client = WorkspaceView['connected'][number];
let nextConnection = 1;
/** A connection from the same machine and browser on the workspace link unless told otherwise. */
const client = (fields: Partial<Client>): Client => ({
  connection: nextConnection++, linkId: 'aaaaaaaaaaaaaaaa', role: 'editor', plan: 'p1', ip: '10.0.0.7', device: 'Chrome on Linux',
  since: 1_000, names: [], instances: [], instance: null, joinedWithLinkIds: [], ...fields,
});
const view = (connected: Client[]): WorkspaceView => ({ workspace: 'local', plans: [], connected });
const rows = (connected: Client[]) => groupConnections(view(connected)).map((row) => ({ names: row.names, rooms: row.rooms, connections: row.connections }));

describe('groupConnections', () => {
  it('keeps two people on one machine and browser, with the same link, as two rows', () => {
    expect(rows([
      client({ plan: directoryRoom, names: ['Ana'], since: 1 }), client({ plan: 'p1', names: ['Ana'], since: 2 }),
      client({ plan: directoryRoom, names: ['Cleo'], since: 3 }), client({ plan: 'p1', names: ['Cleo'], since: 4 }),
    ])).toEqual([
      { names: ['Ana'], rooms: [directoryRoom, 'p1'], connections: 2 },
      { names: ['Cleo'], rooms: [directoryRoom, 'p1'], connections: 2 },
    ]);
  });

  it('keeps two running apps announcing the same name on one machine, browser and link as two rows; one leaving takes only its row', () => {
    const ana = [client({ plan: directoryRoom, names: ['Ana'], instance: 'tab-one-aaaa', since: 1 }), client({ plan: 'p1', names: ['Ana'], instance: 'tab-one-aaaa', since: 2 })];
    const twin = [client({ plan: directoryRoom, names: ['Ana'], instance: 'tab-two-bbbb', since: 3 }), client({ plan: 'p1', names: ['Ana'], instance: 'tab-two-bbbb', since: 4 })];
    expect(rows([...ana, ...twin])).toEqual([
      { names: ['Ana'], rooms: [directoryRoom, 'p1'], connections: 2 },
      { names: ['Ana'], rooms: [directoryRoom, 'p1'], connections: 2 },
    ]);
    expect(rows(twin)).toEqual([{ names: ['Ana'], rooms: [directoryRoom, 'p1'], connections: 2 }]);
    // An app's connection not named yet is in its row (the server bound it to the app at its upgrade).
    expect(rows([...twin, client({ plan: 'p2', instance: 'tab-two-bbbb', since: 5 })])).toEqual([{ names: ['Ana'], rooms: [directoryRoom, 'p1', 'p2'], connections: 3 }]);
  });

  it('never puts a connection in an app\'s row for what it announces: a copy of the app\'s presence bound to another app, or to none, is a row of its own', () => {
    const ana = [client({ plan: directoryRoom, names: ['Ana'], instances: ['ana-public-01'], instance: 'bound-ana-0001', since: 1 })];
    const copy = client({ plan: directoryRoom, names: ['Ana'], instances: ['ana-public-01'], instance: 'bound-mal-0001', linkId: 'bbbbbbbbbbbbbbbb', since: 2 });
    const unbound = client({ plan: 'p1', names: ['Ana'], instances: ['ana-public-01'], since: 3 });
    const grouped = groupConnections(view([...ana, copy, unbound]));
    expect(grouped.map((row) => [row.instance, row.connectionIds.length])).toEqual([['bound-ana-0001', 1], ['bound-mal-0001', 1], [null, 1]]);
  });

  it('lists an app on two links (a role change reaching it) as one row, with the link it joined with', () => {
    const [row, ...rest] = groupConnections(view([
      client({ plan: directoryRoom, instance: 'bound-eve-0001', linkId: 'cccccccccccccccc', joinedWithLinkIds: ['aaaaaaaaaaaaaaaa'], since: 1 }),
      client({ plan: 'p1', instance: 'bound-eve-0001', linkId: 'aaaaaaaaaaaaaaaa', joinedWithLinkIds: ['aaaaaaaaaaaaaaaa'], since: 2 }),
    ]));
    expect(rest).toEqual([]);
    expect({ links: row!.linkIds, joined: row!.joinedWithLinkIds, connections: row!.connections }).toEqual({ links: ['cccccccccccccccc', 'aaaaaaaaaaaaaaaa'], joined: ['aaaaaaaaaaaaaaaa'], connections: 2 });
  });

  it('keeps one person with the plan list and two plans open as one row', () => {
    expect(rows([client({ plan: directoryRoom }), client({ plan: 'p2', names: ['Ben'] }), client({ plan: 'p1', names: ['Ben'] })]))
      .toEqual([{ names: ['Ben'], rooms: [directoryRoom, 'p1', 'p2'], connections: 3 }]);
  });

  it('gives connections that name nobody their own row when two people share the device', () => {
    expect(rows([
      client({ plan: 'p1', names: ['Ana'], since: 1 }), client({ plan: 'p1', names: ['Cleo'], since: 2 }), client({ plan: directoryRoom, since: 3 }),
    ])).toEqual([
      { names: ['Ana'], rooms: ['p1'], connections: 1 },
      { names: ['Cleo'], rooms: ['p1'], connections: 1 },
      { names: [], rooms: [directoryRoom], connections: 1 },
    ]);
    // Two such connections: nothing says they are one app, so one row each.
    expect(rows([
      client({ plan: 'p1', names: ['Ana'], since: 1 }), client({ plan: 'p1', names: ['Cleo'], since: 2 }), client({ plan: directoryRoom, since: 3 }), client({ plan: 'p2', since: 4 }),
    ]).filter((row) => row.names.length === 0)).toEqual([
      { names: [], rooms: [directoryRoom], connections: 1 },
      { names: [], rooms: ['p2'], connections: 1 },
    ]);
  });

  it('never merges different links, addresses or browsers, whatever the names', () => {
    expect(rows([
      client({ names: ['Ana'], since: 1 }), client({ names: ['Ana'], linkId: 'bbbbbbbbbbbbbbbb', since: 2 }),
      client({ names: ['Ana'], ip: '10.0.0.8', since: 3 }), client({ names: ['Ana'], device: 'Firefox on Windows', since: 4 }),
    ])).toHaveLength(4);
  });

  it('dates a row from its earliest connection and orders rows by it', () => {
    const grouped = groupConnections(view([client({ names: ['Cleo'], since: 50 }), client({ names: ['Ana'], since: 20 }), client({ plan: 'p2', names: ['Cleo'], since: 10 })]));
    expect(grouped.map((row) => [row.names[0], row.since])).toEqual([['Cleo', 10], ['Ana', 20]]);
  });
});
