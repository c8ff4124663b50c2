// leftovers40: My work counts a blocker signed with the device's name before the device chose who it is
// (review39b F5), but only by the device's current name: Cara raised one as "Cara", renamed the device
// "Cara Cruz", then chose herself, and her blocker was not hers. The device now keeps the names it went
// by (latest first, at most FORMER_NAMES_KEPT), and My work counts them all.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, openPlan, type NodeId } from '../../../shared/model/index.js';
import { myWork } from '../../../renderer/src/mywork/my-work.js';
import { FORMER_NAMES_KEPT, deviceNames, formerNamesAfter, readIdentity, writeIdentity, type DeviceIdentity } from '../../../renderer/src/identity/device-identity.js';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { T0, TestContext, syncDocs } from '../../shared/model/support.js';

/** What "Who are you?" stores on a rename (PresencePublisher.setIdentity). */
const renamed = (current: DeviceIdentity | null, name: string, personByPlan: Record<string, string> = {}): DeviceIdentity => {
  const formerNames = formerNamesAfter(current, name);
  return { name, colour: '#3b6fd8', personByPlan, ...(formerNames.length > 0 ? { formerNames } : {}) };
};

describe('a device renamed before it chose who it is (leftovers40)', () => {
  it("keeps its older name, and My work counts the blocker signed with it", () => {
    const docA = new Y.Doc();
    const ada = openPlan(docA, new TestContext(T0, 'ada', 'a'));
    const task = ada.createNode({ kind: 'task', parent: ada.createNode({ kind: 'initiative', parent: ada.createNode({ kind: 'objective', parent: ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }), title: 'O' }), title: 'I', status: 'active' }), title: 'Sign the lease', status: 'todo' }) as NodeId;
    // Cara's device, named "Cara", raises a blocker (signed "Cara").
    const store = memoryStore();
    let identity = writeIdentity(store, renamed(null, 'Cara'));
    const docB = new Y.Doc();
    syncDocs(docA, docB);
    const device = openPlan(docB, new TestContext(T0, identity.name, 'b'));
    const blocker = device.addCheckIn(task, { blocker: true, note: 'Waiting for budget approval' });
    syncDocs(docB, docA);
    // She renames the device "Cara Cruz", then adds herself to the plan's people and chooses her.
    identity = writeIdentity(store, renamed(identity, 'Cara Cruz'));
    const cara = ada.addPerson({ name: 'Cara Cruz' });
    identity = writeIdentity(store, renamed(identity, 'Cara Cruz', { plan: cara }));
    expect(readIdentity(store)).toEqual({ name: 'Cara Cruz', colour: '#3b6fd8', personByPlan: { plan: cara }, formerNames: ['Cara'] });
    ada.index.refresh(T0);
    expect(myWork(ada.index, cara, T0, deviceNames(identity)).blockers.map((entry) => entry.checkIn?.id)).toEqual([blocker]);
  });

  it('keeps at most FORMER_NAMES_KEPT names, latest first, each once', () => {
    let identity: DeviceIdentity | null = null;
    for (const name of ['A', 'B', 'A', ...Array.from({ length: FORMER_NAMES_KEPT + 3 }, (_, i) => `N${i}`), 'Last']) identity = renamed(identity, name);
    expect(identity!.formerNames).toHaveLength(FORMER_NAMES_KEPT);
    expect(identity!.formerNames![0]).toBe(`N${FORMER_NAMES_KEPT + 2}`);
    expect(new Set(identity!.formerNames).size).toBe(FORMER_NAMES_KEPT);
    expect(deviceNames(identity)[0]).toBe('Last');
    // A rename to a former name takes it out of the former ones.
    expect(renamed(renamed(renamed(null, 'A'), 'B'), 'A').formerNames).toEqual(['B']);
  });
});
