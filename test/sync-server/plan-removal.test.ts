import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { closeCodes } from '../../shared/sync/protocol.js';
import { directoryEntry, directoryRoom, listPlan, readDirectory, removeListedPlan, renameListedPlan } from '../../shared/workspace/directory.js';
import type { UpdateStore } from '../../sync-server/storage/update-store.js';
import { holdingAppends } from './support/holding-load.js';
import { stockProvider } from './support/providers.js';
import { startTestServer, tokenFor, waitFor, waitForAsync, type TestServer } from './support/test-server.js';

/**
 * A plan taken out of its workspace (the directory's tombstone, removed37, review36c F3) is served to
 * nobody: a join to its room is closed with 4410 and who took it out, before anything of the plan is
 * sent; open connections to it are closed when the removal reaches the server; listing it again serves
 * it again. Real server on a loopback port, the stock y-websocket client; in SQLite mode and (the
 * redis+postgres project) scaled out, where rooms keep no document and the directory is read from storage.
 */
let server: TestServer;
const opened: WebsocketProvider[] = [];
beforeEach(async () => { server = await startTestServer({ graceMs: 0 }); });
afterEach(async () => {
  for (const provider of opened.splice(0)) provider.destroy();
  await server.stop();
});

/** This file's server, stopped and started again on a wrapped store (in SQLite mode and scaled out alike). */
async function restartWrapped(wrapStore: (store: UpdateStore) => UpdateStore): Promise<void> {
  await server.stop();
  server = await startTestServer({ graceMs: 0 }, { wrapStore });
}

interface Joined {
  readonly provider: WebsocketProvider;
  readonly closes: { code: number; reason: string }[];
}

function join(plan: string, doc = new Y.Doc(), role: 'editor' | 'viewer' = 'editor'): Joined {
  const provider = stockProvider(server.wsBase, 'acme', plan, tokenFor('acme', role), doc);
  opened.push(provider);
  const closes: { code: number; reason: string }[] = [];
  provider.on('closed', (event) => closes.push(event));
  return { provider, closes };
}

function strategies(doc: Y.Doc): string[] {
  return doc.getArray<string>('strategies').toArray();
}

/** Ada's directory with the plan listed, and the plan with some content, both synced. */
async function adaWithPlan(): Promise<{ directory: Joined; plan: Joined }> {
  const directory = join(directoryRoom);
  const plan = join('reorg');
  await waitFor(() => directory.provider.synced && plan.provider.synced, 'Ada synced');
  listPlan(directory.provider.doc, { id: 'reorg', name: 'Reorg (confidential)', at: 1, by: 'Ada' });
  plan.provider.doc.getArray<string>('strategies').push(['Close the Leeds office']);
  await waitForAsync(async () => (await server.planOnServer('acme/reorg')).getArray('strategies').length === 1, 'the plan stored');
  return { directory, plan };
}

describe('a plan taken out of its workspace', () => {
  it('is refused to a later join with 4410 and who took it out, and nothing of it is sent', async () => {
    const ada = await adaWithPlan();
    removeListedPlan(ada.directory.provider.doc, 'reorg', 2, 'Ada');
    // Ada's own open connection to the plan is closed as the removal reaches the server.
    await waitFor(() => ada.plan.closes.length === 1, "Ada's plan connection closed");
    expect(ada.plan.closes[0]).toEqual({ code: closeCodes.planRemoved, reason: 'taken out of the workspace by Ada' });

    // Ben, who never had it, follows the old link: refused, with the reason, and his copy stays empty.
    const ben = join('reorg');
    await waitFor(() => ben.closes.length === 1, "Ben's join refused");
    expect(ben.closes[0]).toEqual({ code: closeCodes.planRemoved, reason: 'taken out of the workspace by Ada' });
    expect(strategies(ben.provider.doc)).toEqual([]);
    expect(ben.provider.synced).toBe(false);

    // The rest of the workspace is served as before: its list, another plan.
    const other = join('budget');
    const list = join(directoryRoom);
    await waitFor(() => other.provider.synced && list.provider.synced, 'the rest synced');
    expect(readDirectory(list.provider.doc).map((entry) => [entry.id, entry.removed?.by ?? null])).toEqual([['reorg', 'Ada']]);
  });

  it('is refused when the directory is read from storage (nobody has the list open)', async () => {
    const ada = await adaWithPlan();
    removeListedPlan(ada.directory.provider.doc, 'reorg', 2, 'Ada');
    await waitFor(() => ada.plan.closes.length === 1, "Ada's plan connection closed");
    ada.directory.provider.destroy();
    await waitFor(() => server.server.rooms.loaded(`acme/${directoryRoom}`) === undefined, 'the list unloaded');
    const ben = join('reorg', new Y.Doc(), 'viewer');
    await waitFor(() => ben.closes.length === 1, "Ben's join refused");
    expect(ben.closes[0]?.code).toBe(closeCodes.planRemoved);
    expect(strategies(ben.provider.doc)).toEqual([]);
  });

  it('stops taking edits from a connection that had it open: a fresh reader never sees them', async () => {
    const ada = await adaWithPlan();
    const ben = join('reorg');
    await waitFor(() => strategies(ben.provider.doc).length === 1, 'Ben has the plan');
    removeListedPlan(ada.directory.provider.doc, 'reorg', 2, 'Ada');
    await waitFor(() => ben.closes.length === 1, "Ben's connection closed");
    expect(ben.closes[0]).toEqual({ code: closeCodes.planRemoved, reason: 'taken out of the workspace by Ada' });
    // Ben types on: his copy has it, the server never does (the stock client does not reconnect on 44xx).
    ben.provider.doc.getArray<string>('strategies').push(['Ben typed after the removal']);
    expect(strategies(ben.provider.doc)).toEqual(['Close the Leeds office', 'Ben typed after the removal']);

    // Listed again: a fresh reader gets the plan as the server kept it, without Ben's later edit.
    listPlan(ada.directory.provider.doc, { id: 'reorg', name: 'Reorg (confidential)', at: 3, by: 'Ada' });
    const reader = join('reorg', new Y.Doc(), 'viewer');
    await waitFor(() => reader.provider.synced, 'the reader synced');
    expect(strategies(reader.provider.doc)).toEqual(['Close the Leeds office']);
  });

  it('is served again once someone lists it in the workspace again', async () => {
    const ada = await adaWithPlan();
    removeListedPlan(ada.directory.provider.doc, 'reorg', 2, 'Ada');
    const refused = join('reorg');
    await waitFor(() => refused.closes.length === 1, 'refused while removed');
    listPlan(ada.directory.provider.doc, { id: 'reorg', name: 'Reorg', at: 3, by: 'Ada' });
    await waitForAsync(async () => (await server.server.workspaces.plans('acme'))[0]?.removed === null, 'the re-listing stored');
    const ben = join('reorg');
    await waitFor(() => strategies(ben.provider.doc).length === 1, 'Ben has the plan');
    expect(ben.closes).toEqual([]);
    // The listing kept its first name (rule 4); the re-listing only took the tombstone away.
    expect((await server.server.workspaces.plans('acme')).map((entry) => [entry.name, entry.removed])).toEqual([['Reorg (confidential)', null]]);
  });

  it('counts a removal whose list room unloads before it is stored: open connections closed, later joins refused', async () => {
    // The list's writes wait for the test's cue, so its room is unloaded with the removal in flight.
    const listWrites = holdingAppends(`acme/${directoryRoom}`);
    await restartWrapped(listWrites.wrap);
    const ada = await adaWithPlan();
    const ben = join('reorg');
    await waitFor(() => strategies(ben.provider.doc).length === 1, 'Ben has the plan');
    listWrites.hold();
    removeListedPlan(ada.directory.provider.doc, 'reorg', 2, 'Ada');
    ada.directory.provider.destroy();
    await waitFor(() => server.server.rooms.loaded(`acme/${directoryRoom}`) === undefined, 'the list room unloading');
    listWrites.release();
    await waitFor(() => ben.closes.length === 1, "Ben's connection closed");
    expect(ben.closes[0]).toEqual({ code: closeCodes.planRemoved, reason: 'taken out of the workspace by Ada' });
    const refused = join('reorg');
    await waitFor(() => refused.closes.length === 1, 'refused');
    expect(refused.closes[0]?.code).toBe(closeCodes.planRemoved);
    expect(strategies(refused.provider.doc)).toEqual([]);
  });

  it('refuses a join that arrives while the removal is being stored, once it is, with nothing of the plan sent', async () => {
    const listWrites = holdingAppends(`acme/${directoryRoom}`);
    await restartWrapped(listWrites.wrap);
    const ada = await adaWithPlan();
    ada.plan.provider.destroy();
    await waitFor(() => server.server.rooms.loaded('acme/reorg') === undefined, 'the plan unloaded');
    listWrites.hold();
    removeListedPlan(ada.directory.provider.doc, 'reorg', 2, 'Ada');
    // The removal is in the list's room here, its write held; Ben's join arrives meanwhile.
    const ben = join('reorg');
    try {
      await waitFor(() => server.server.workspaces.connected('acme').some((client) => client.plan === 'reorg'), "Ben's join arrived");
      // It waits for the removal's write, not deciding on the list as stored so far.
      await waitFor(() => (server.server.workspaces.directories?.counts.settleWaits ?? 0) === 1, "Ben's join waiting for the list's write");
    } finally {
      listWrites.release();
    }
    await waitFor(() => ben.closes.length === 1, "Ben's join refused");
    expect(ben.closes[0]).toEqual({ code: closeCodes.planRemoved, reason: 'taken out of the workspace by Ada' });
    expect(strategies(ben.provider.doc)).toEqual([]);
    expect(ben.provider.synced).toBe(false);
  });

  it('reads the list from storage once for many joins, not once per join, and still refuses at once after a removal', async () => {
    // Loads of the workspace's list, counted under the server's store (removed38: each join read it whole).
    const loads: string[] = [];
    const counting = (store: UpdateStore): UpdateStore => new Proxy(store, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (String(key).startsWith('load') && typeof args[0] === 'string') loads.push(args[0]);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    await restartWrapped(counting);
    const ada = await adaWithPlan();
    ada.directory.provider.destroy();
    ada.plan.provider.destroy();
    await waitFor(() => server.server.rooms.loaded(`acme/${directoryRoom}`) === undefined, 'the list unloaded');
    const listLoads = () => loads.filter((room) => room === `acme/${directoryRoom}`).length;
    const before = listLoads();
    // Joins one after another (none shares another's read), as plans reconnect after a restart.
    for (let n = 0; n < 12; n++) {
      const joined = join(n % 2 === 0 ? 'reorg' : `plan-${n}`);
      await waitFor(() => joined.provider.synced, `join ${n} synced`);
      joined.provider.destroy();
    }
    expect(listLoads() - before).toBeLessThanOrEqual(1);

    // Taken out meanwhile: the next join is refused, whatever was cached.
    const list = join(directoryRoom);
    await waitFor(() => list.provider.synced, 'the list synced');
    removeListedPlan(list.provider.doc, 'reorg', 2, 'Ada');
    await waitForAsync(async () => (await server.server.workspaces.plans('acme'))[0]?.removed !== null, 'the removal stored');
    const refused = join('reorg');
    await waitFor(() => refused.closes.length === 1, 'refused');
    expect(refused.closes[0]).toEqual({ code: closeCodes.planRemoved, reason: 'taken out of the workspace by Ada' });
    expect(strategies(refused.provider.doc)).toEqual([]);
  });

  it('follows the converged directory when a removal races a rename and a re-listing on other replicas', async () => {
    const ada = await adaWithPlan();
    // Three replicas of the list, apart: Ada removes, Cleo renames, both offline from each other.
    const cleoDoc = new Y.Doc();
    Y.applyUpdate(cleoDoc, Y.encodeStateAsUpdate(ada.directory.provider.doc));
    const adaOffline = new Y.Doc();
    Y.applyUpdate(adaOffline, Y.encodeStateAsUpdate(ada.directory.provider.doc));
    removeListedPlan(adaOffline, 'reorg', 2, 'Ada');
    renameListedPlan(cleoDoc, 'reorg', 'Reorg (draft)');
    // They reach the server in either order; the server decides on what it merged.
    const cleo = join(directoryRoom, cleoDoc);
    await waitFor(() => cleo.provider.synced, 'Cleo synced');
    const adaBack = join(directoryRoom, adaOffline);
    await waitFor(() => adaBack.provider.synced, 'Ada back');
    await waitFor(() => cleoDoc.getMap('removed').size === 1, 'the removal reached Cleo');
    const entry = directoryEntry(cleoDoc, 'reorg');
    expect(entry).toMatchObject({ name: 'Reorg (draft)', removed: { by: 'Ada' } });
    expect(directoryEntry(adaOffline, 'reorg')).toEqual(entry);
    const refused = join('reorg');
    await waitFor(() => refused.closes.length === 1, 'refused after the merge');

    // Now Cleo lists it again while Ada, apart, renames it: both merge to listed, with Ada's name.
    const adaApart = new Y.Doc();
    Y.applyUpdate(adaApart, Y.encodeStateAsUpdate(adaOffline));
    adaBack.provider.destroy();
    listPlan(cleoDoc, { id: 'reorg', name: 'ignored: already named', at: 4, by: 'Cleo' });
    renameListedPlan(adaApart, 'reorg', 'Reorg (final)');
    const adaAgain = join(directoryRoom, adaApart);
    await waitFor(() => adaAgain.provider.synced && adaApart.getMap('removed').size === 0, 'Ada has the re-listing');
    await waitFor(() => directoryEntry(cleoDoc, 'reorg')?.name === 'Reorg (final)', 'Cleo has the rename');
    expect(directoryEntry(adaApart, 'reorg')).toEqual(directoryEntry(cleoDoc, 'reorg'));
    expect(directoryEntry(cleoDoc, 'reorg')?.removed).toBeNull();
    const served = join('reorg');
    await waitFor(() => strategies(served.provider.doc).length === 1, 'served again');
  });
});
