import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPlan, type Plan } from '../../../shared/model/index.js';
import { listedPlans, listPlan, renameListedPlan } from '../../../shared/workspace/directory.js';
import type { WorkspaceListing } from '../../../renderer/src/library/workspace-directory.js';
import { listedNameOrigin, listedNameToTake } from '../../../renderer/src/session/plan-name-follows-directory.js';
import { localStatus, type SyncStatus } from '../../../renderer/src/sync/sync-status.js';
import { TestContext } from '../../shared/model/support.js';

/** Two replicas that exchange everything they have (in both directions). */
function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

/** One person's device: the workspace's directory and the plan, each its own Y.Doc with its own client id. */
interface Device { directory: Y.Doc; plan: Plan }

const planId = 'offsite2027';

function device(directoryClient: number, planClient: number, name: string): Device {
  const directory = new Y.Doc();
  directory.clientID = directoryClient;
  const doc = new Y.Doc();
  doc.clientID = planClient;
  return { directory, plan: openPlan(doc, new TestContext(undefined, `user${planClient}`, `p${planClient}x`), { name }) };
}

const synced: SyncStatus = { ...localStatus, phase: { kind: 'synced' } };

function listing(device: Device, role: 'editor' | 'viewer' = 'editor', status: SyncStatus = synced): WorkspaceListing {
  return { workspace: 'local', server: 'ws://127.0.0.1:1', role, status, plans: listedPlans(device.directory) };
}

/** What the app does with the plan open (AppController.takeListedName): the plan takes the listed name. */
function takeListedName(device: Device): void {
  const name = listedNameToTake(planId, device.plan.index.summary().name, [listing(device)]);
  if (name !== null) device.plan.doc.transact(() => device.plan.types.meta.set('name', name), listedNameOrigin);
}

function names(devices: readonly Device[]): string[] {
  return devices.flatMap((each) => {
    each.plan.index.refresh(each.plan.index.now);
    return [listedPlans(each.directory).find((entry) => entry.id === planId)?.name ?? '(not listed)', each.plan.index.summary().name];
  });
}

/** Ana makes and lists the plan; Ben gets both documents; then each renames it (list first, then plan) apart. */
function renamedApart(clients: readonly number[], anaName: string, benName: string): Device[] {
  const [ana, ben] = [device(clients[0]!, clients[1]!, 'Offsite 2027'), device(clients[2]!, clients[3]!, 'Offsite 2027')];
  listPlan(ana.directory, { id: planId, name: 'Offsite 2027', at: 1, by: 'Ana' });
  exchange(ana.directory, ben.directory);
  exchange(ana.plan.doc, ben.plan.doc);
  for (const [person, name] of [[ana, anaName], [ben, benName]] as const) {
    // As LibraryActions.renamePlan: the typed name trimmed, into the list, then into the plan.
    renameListedPlan(person.directory, planId, name);
    person.plan.renamePlan(name.trim());
  }
  exchange(ana.directory, ben.directory);
  exchange(ana.plan.doc, ben.plan.doc);
  return [ana, ben];
}

describe('a workspace plan renamed by two people apart: the list and the plan say one name', () => {
  it('the merged list and plan can disagree (two documents, two client ids); the plan then takes the listed name', () => {
    // Ana's client id wins in the directory, Ben's in the plan.
    const [ana, ben] = renamedApart([9, 1, 1, 9], 'Lisbon offsite', 'Porto offsite');
    expect(names([ana!, ben!])).toEqual(['Lisbon offsite', 'Porto offsite', 'Lisbon offsite', 'Porto offsite']);
    takeListedName(ana!);
    exchange(ana!.plan.doc, ben!.plan.doc);
    takeListedName(ben!);
    expect(names([ana!, ben!])).toEqual(Array(4).fill('Lisbon offsite'));
  });

  it('property: whatever the client ids and names, after each device with the plan open takes the listed name, every list and plan shows the same one of the two', () => {
    const client = fc.integer({ min: 1, max: 2 ** 30 });
    fc.assert(fc.property(
      fc.uniqueArray(client, { minLength: 4, maxLength: 4 }),
      fc.constantFrom('Lisbon offsite', 'Porto offsite', 'Q1 offsite', 'Ädä 2027 🚀', 'עברית offsite'),
      fc.constantFrom('Porto', 'Lisbon offsite ', 'Offsite 2027', 'Berlin'),
      fc.boolean(),
      (clients, anaName, benName, benFirst) => {
        const devices = renamedApart(clients, anaName, benName);
        const order = benFirst ? [devices[1]!, devices[0]!] : devices;
        for (const each of order) {
          takeListedName(each);
          exchange(devices[0]!.plan.doc, devices[1]!.plan.doc);
        }
        const shown = names(devices);
        expect(new Set(shown).size).toBe(1);
        expect([anaName.trim(), benName.trim()]).toContain(shown[0]);
      },
    ), { numRuns: 200 });
  });

  it('a viewer\'s device writes nothing (its link lets it view only), and a plan already named as listed is left alone', () => {
    const [ana] = renamedApart([9, 1, 1, 9], 'Lisbon offsite', 'Porto offsite');
    expect(listedNameToTake(planId, 'Porto offsite', [listing(ana!, 'viewer')])).toBeNull();
    expect(listedNameToTake(planId, 'Lisbon offsite', [listing(ana!)])).toBeNull();
    expect(listedNameToTake('someOtherPlan', 'Porto offsite', [listing(ana!)])).toBeNull();
  });

  it('a list not in step with its server (offline, connecting) decides nothing: its copy may be older than the plan\'s name', () => {
    const [ana] = renamedApart([9, 1, 1, 9], 'Lisbon offsite', 'Porto offsite');
    for (const phase of [{ kind: 'offline' }, { kind: 'connecting' }, { kind: 'local' }] as const) {
      expect(listedNameToTake(planId, 'Porto offsite', [listing(ana!, 'editor', { ...localStatus, phase })])).toBeNull();
    }
    expect(listedNameToTake(planId, 'Porto offsite', [listing(ana!)])).toBe('Lisbon offsite');
  });
});
