// takenout38 (review38b F2, F5): a copy taken out of its workspace says what it never shared, and is
// recognised as the same plan from the same server and workspace when it is listed there again.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { directoryEntry, listPlan, removeListedPlan } from '../../../shared/workspace/directory.js';
import { parsePlanId, parseWorkspaceId } from '../../../shared/model/ids.js';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { AppController } from '../../../renderer/src/session/app-controller.js';
import { keptOnThisDevice, listedAgainNotice, notSharedAgainBecause, sharedAgain, takenOutFrom, takenOutNotice } from '../../../renderer/src/session/taken-out.js';
import { planPendingKey } from '../../../renderer/src/sync/plan-sync.js';
import { createAppStore } from '../../../renderer/src/store/app-store.js';

const link = (server: string, workspace: string, plan?: string) => ({ server, workspace: parseWorkspaceId(workspace), token: 'link-token', ...(plan ? { plan: parsePlanId(plan) } : {}) });
const record = { workspace: 'crew', server: 'wss://plans.example.com', by: 'Ada', at: 5, unsent: 4 };

describe('the notice when a copy is taken out of its workspace', () => {
  it('names the changes that never reached anyone, where they are, and what would share them', () => {
    const text = takenOutNotice('Offsite plan', record);
    expect(text).toContain('was taken out of workspace');
    expect(text).toContain('Your copy stays on this device only.');
    expect(text).toContain('Your 4 changes made offline were not shared before it was taken out; they stay in your copy on this device.');
    expect(text).toContain('Ask \u2068Ada\u2069 to move the plan into \u2068crew\u2069 again');
    expect(takenOutNotice('Offsite plan', { ...record, unsent: 1 })).toContain('Your 1 change made offline was not shared');
    // Nothing waiting: the notice as before, no word about changes.
    expect(takenOutNotice('Offsite plan', { ...record, unsent: 0 })).not.toContain('change');
  });
});

describe('the count of changes waiting, read where the take-out reads it', () => {
  it('is what the last sync kept for a plan that is not open, and the entry keeps it with where it came from', () => {
    const storage = memoryStore();
    const app = new AppController(createAppStore(), storage);
    app.catalog.library.put({ id: 'p-off', name: 'Offsite plan', createdAt: 1, openedAt: 1, workspace: 'crew' });
    storage.setItem(planPendingKey('p-off'), '4');
    expect(app.sessions.stopSyncOf('p-off')).toBe(4);
    expect(app.sessions.stopSyncOf('p-none')).toBe(0);
    storage.setItem(planPendingKey('p-bad'), 'x');
    expect(app.sessions.stopSyncOf('p-bad')).toBe(0);
    const entry = app.catalog.library.get('p-off');
    if (!entry) throw new Error('no entry');
    const kept = app.catalog.library.put(keptOnThisDevice(entry, record));
    expect(kept.workspace).toBeUndefined();
    expect(app.catalog.library.get('p-off')?.takenOut).toEqual(record);
    expect(sharedAgain(kept, 'crew')).toEqual({ id: 'p-off', name: 'Offsite plan', createdAt: 1, openedAt: 1, workspace: 'crew' });
  });
});

describe('recognising a copy back where it came from', () => {
  const kept = { id: 'p-off', name: 'Offsite plan', createdAt: 1, takenOut: record };
  it('is the same workspace on the same server by the join rules (another token, a trailing slash)', () => {
    expect(takenOutFrom(kept, 'crew', 'wss://plans.example.com/')).toBe(true);
    expect(takenOutFrom(kept, 'crew', 'wss://PLANS.example.com')).toBe(true);
    expect(takenOutFrom(kept, 'crew', 'ws://plans.example.com')).toBe(false);
    expect(takenOutFrom(kept, 'crew', 'wss://plans.example.org')).toBe(false);
    expect(takenOutFrom(kept, 'sales', 'wss://plans.example.com')).toBe(false);
    expect(takenOutFrom({ ...kept, workspace: 'crew' }, 'crew', 'wss://plans.example.com')).toBe(false);
    expect(takenOutFrom({ id: 'p-mine', name: 'Mine', createdAt: 1 }, 'crew', 'wss://plans.example.com')).toBe(false);
    expect(listedAgainNotice('Offsite plan', record)).toContain('Your 4 changes made offline before it was taken out have not reached the others yet.');
  });

  it('a plan link to it there asks "share again", not "move to another server"', () => {
    const app = new AppController(createAppStore(), memoryStore());
    app.catalog.library.put(kept);
    expect(app.joining.moveQuestion(link('wss://plans.example.com/', 'crew', 'p-off')))
      .toEqual({ newServer: 'plans.example.com', workspace: 'crew', currentServer: null, workspacePlans: [], plan: { name: 'Offsite plan', from: null, sharedAgain: { by: 'Ada', unsent: 4 } } });
    // Another server, or another workspace: the move question as before, with its warning.
    expect(app.joining.moveQuestion(link('wss://evil.example.net', 'crew', 'p-off'))?.plan).toEqual({ name: 'Offsite plan', from: null });
    expect(app.joining.moveQuestion(link('wss://plans.example.com', 'sales', 'p-off'))?.plan).toEqual({ name: 'Offsite plan', from: null });
    // The workspace this device syncs with another server now: a workspace move, never "share again".
    app.connections.save({ server: 'wss://other.example.com', workspace: 'crew', token: 't', savedAt: 1 });
    expect(app.joining.moveQuestion(link('wss://plans.example.com', 'crew', 'p-off'))).toMatchObject({ currentServer: 'other.example.com', plan: { name: 'Offsite plan', from: null } });
    expect(app.joining.moveQuestion(link('wss://plans.example.com', 'crew', 'p-off'))?.plan?.sharedAgain).toBeUndefined();
  });
});

// review39a F3: the offer to share a copy again stays on screen until pressed, and listing a plan again
// restores it for everyone. Pressed after someone took the plan out again, it put the plan back in the
// workspace with no question and no word. Pressing it now checks the directory as it is.
describe('sharing a copy again once the plan was taken out again', () => {
  /** The directory of the review's sequence: Ben takes the plan out, Carl moves his copy back, Ben takes it out again. */
  function directoryAfter(steps: number): Y.Doc {
    const doc = new Y.Doc();
    listPlan(doc, { id: 'p-off', name: 'Offsite plan', at: 1, by: 'Ada' });
    if (steps >= 1) removeListedPlan(doc, 'p-off', 2, 'Ben');
    if (steps >= 2) listPlan(doc, { id: 'p-off', name: 'Offsite plan', at: 3, by: 'Carl' });
    if (steps >= 3) removeListedPlan(doc, 'p-off', 4, 'Ben');
    return doc;
  }

  it('is refused while the plan is out, naming who took it out again, and allowed while it is listed', () => {
    expect(notSharedAgainBecause('Offsite plan', 'crew', directoryEntry(directoryAfter(2), 'p-off'))).toBeNull();
    expect(notSharedAgainBecause('Offsite plan', 'crew', directoryEntry(directoryAfter(3), 'p-off')))
      .toBe('"\u2068Offsite plan\u2069" was taken out of workspace \u2068crew\u2069 again by \u2068Ben\u2069. Your copy stays on this device only.');
    expect(notSharedAgainBecause('Offsite plan', 'crew', null)).toBe('"\u2068Offsite plan\u2069" is not in workspace \u2068crew\u2069 now. Your copy stays on this device only.');
  });

  it('leaves the copy on this device, and the workspace as it is, when the directory does not list the plan', async () => {
    const store = createAppStore();
    const app = new AppController(store, memoryStore());
    app.connections.save({ server: 'wss://plans.example.com', workspace: 'crew', token: 't', savedAt: 1 });
    app.catalog.library.put({ id: 'p-off', name: 'Offsite plan', createdAt: 1, takenOut: record });
    await app.shareAgain('p-off', 'crew');
    expect(app.catalog.library.get('p-off')).toMatchObject({ takenOut: record });
    expect(app.catalog.library.get('p-off')?.workspace).toBeUndefined();
    expect(store.getState().notices.map((notice) => notice.text)).toContain('"\u2068Offsite plan\u2069" is not in workspace \u2068crew\u2069 now. Your copy stays on this device only.');
  });
});
