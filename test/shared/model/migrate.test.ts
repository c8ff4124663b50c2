// Opening plans: initialisation, migration of the unversioned (v0) layout, read-only newer plans,
// and other writers' layouts read defensively.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, SCHEMA_VERSION, openPlan, planTypes, type PlanError } from '../../../shared/model/index.js';
import { T0, TestContext, nodeId, snapshotIndex, syncDocs } from './support.js';

/** A v0 doc: no schemaVersion, nodes with `parent` and `order` keys and plain-string titles. */
function v0Doc(): Y.Doc {
  const doc = new Y.Doc();
  const nodes = doc.getMap<Y.Map<unknown>>('nodes');
  doc.transact(() => {
    const add = (id: string, fields: Record<string, unknown>) => {
      const node = new Y.Map<unknown>();
      nodes.set(id, node);
      for (const [key, value] of Object.entries(fields)) node.set(key, value);
    };
    add('s1', { kind: 'strategy', title: 'Grow', order: 'b' });
    add('s2', { kind: 'strategy', title: 'Excel', order: 'a' });
    add('o1', { kind: 'objective', title: 'Win EU', parent: 's1', order: 'a', weight: 2 });
    add('k1', { kind: 'key_result', title: 'Revenue', parent: 'o1', order: 'a', start: 0, target: 10 });
  });
  return doc;
}

describe('opening a plan', () => {
  it('initialises an empty doc', () => {
    const doc = new Y.Doc();
    const plan = openPlan(doc, new TestContext(), { name: 'Acme' });
    expect(plan.opened).toEqual({ foundVersion: null, migrated: true, readOnlyReason: null });
    const meta = planTypes(doc).meta.toJSON();
    expect(meta).toEqual({ schemaVersion: SCHEMA_VERSION, planId: 'n1', name: 'Acme', createdAt: T0 });
    expect(plan.readOnly).toBe(false);
  });

  it('migrates an unversioned (v0) doc: parent + order become place, titles become Y.Text', () => {
    const doc = v0Doc();
    const plan = openPlan(doc, new TestContext());
    expect(plan.opened).toMatchObject({ foundVersion: 0, migrated: true });
    expect(planTypes(doc).meta.get('schemaVersion')).toBe(1);
    const node = planTypes(doc).nodes.get('o1')!;
    expect(node.get('parent')).toBeUndefined();
    expect(node.get('place')).toMatchObject({ parent: 's1' });
    expect(node.get('title')).toBeInstanceOf(Y.Text);
    expect(node.get('description')).toBeInstanceOf(Y.Text);
    expect(plan.index.children(ROOT_ID)).toEqual(['s2', 's1']);
    expect(plan.index.pathToRoot('k1')).toEqual(['k1', 'o1', 's1']);
    expect(plan.index.node('o1')).toMatchObject({ title: 'Win EU', fields: { weight: 2 } });
    plan.updateNode(nodeId('k1'), { target: 20 }); // writable after migration
  });

  it('two replicas migrating the same v0 doc concurrently converge', () => {
    const docA = v0Doc();
    const docB = new Y.Doc();
    syncDocs(docA, docB);
    const a = openPlan(docA, new TestContext(undefined, 'alice', 'a'));
    const b = openPlan(docB, new TestContext(undefined, 'bob', 'b'));
    syncDocs(docA, docB);
    syncDocs(docB, docA);
    a.index.refresh(T0);
    b.index.refresh(T0);
    expect(snapshotIndex(a.index)).toEqual(snapshotIndex(b.index));
    expect(a.index.size).toBe(4);
  });

  it('two replicas migrating concurrently keep every edit made after the migration', () => {
    // Both replicas open the same v0 doc offline, then each edits titles, a description and places.
    // Were each migration its own write, one replica's Y.Text and place values would win the keys
    // and the other's later edits inside them would be lost. Both client-id orders are tried.
    for (const [clientA, clientB] of [[10, 20], [20, 10]] as const) {
      const docA = v0Doc();
      const docB = new Y.Doc();
      docA.clientID = clientA;
      docB.clientID = clientB;
      syncDocs(docA, docB);
      const a = openPlan(docA, new TestContext(undefined, 'alice', 'a'));
      const b = openPlan(docB, new TestContext(undefined, 'bob', 'b'));
      // The migration wrote the same items on both replicas (same Yjs ids).
      const titleItem = (doc: Y.Doc) => planTypes(doc).nodes.get('s1')!._map.get('title')!.id;
      expect(titleItem(docA)).toEqual(titleItem(docB));
      expect(titleItem(docA).client).not.toBe(clientA);
      a.setTitle(nodeId('s1'), 'Grow faster');
      a.setDescription(nodeId('o1'), 'Alice explains');
      a.moveNode(nodeId('k1'), { parent: nodeId('o1'), index: 0 });
      b.setTitle(nodeId('s2'), 'Excel always');
      b.setDescription(nodeId('k1'), 'Bob explains');
      b.moveNode(nodeId('s1'), { parent: ROOT_ID, index: 0 });
      syncDocs(docA, docB);
      syncDocs(docB, docA);
      a.index.refresh(T0);
      b.index.refresh(T0);
      expect(snapshotIndex(a.index), `clients ${clientA}, ${clientB}`).toEqual(snapshotIndex(b.index));
      expect(a.index.node('s1')!.title, `clients ${clientA}, ${clientB}`).toBe('Grow faster');
      expect(a.index.node('s2')!.title, `clients ${clientA}, ${clientB}`).toBe('Excel always');
      expect(a.descriptionText(nodeId('o1')).toString()).toBe('Alice explains');
      expect(a.descriptionText(nodeId('k1')).toString()).toBe('Bob explains');
      expect(a.index.children(ROOT_ID), `clients ${clientA}, ${clientB}`).toEqual(['s1', 's2']);
      expect(planTypes(docA).nodes.get('k1')!.get('place')).toMatchObject({ parent: 'o1', from: 'o1' });
    }
  });

  it('replicas that migrate different v0 states still converge (the migrations are then distinct writes)', () => {
    const docA = v0Doc();
    const docB = new Y.Doc();
    syncDocs(docA, docB);
    docB.transact(() => {
      const node = new Y.Map<unknown>();
      docB.getMap<Y.Map<unknown>>('nodes').set('s3', node);
      node.set('kind', 'strategy');
      node.set('title', 'Only on B');
      node.set('order', 'c');
    });
    const a = openPlan(docA, new TestContext(undefined, 'alice', 'a'));
    const b = openPlan(docB, new TestContext(undefined, 'bob', 'b'));
    syncDocs(docA, docB);
    syncDocs(docB, docA);
    a.index.refresh(T0);
    b.index.refresh(T0);
    expect(snapshotIndex(a.index)).toEqual(snapshotIndex(b.index));
    expect(a.index.node('s3')).toMatchObject({ title: 'Only on B', parent: ROOT_ID });
    expect(a.index.size).toBe(5);
  });

  it('a plan written by a newer Throughline opens read-only and every operation says why', () => {
    const doc = new Y.Doc();
    const first = openPlan(doc, new TestContext());
    const strategy = first.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    planTypes(doc).meta.set('schemaVersion', SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    const plan = openPlan(doc, new TestContext());
    expect(plan.readOnly).toBe(true);
    expect(plan.readOnlyReason).toBe(`This plan was written by a newer Throughline (schema v${SCHEMA_VERSION + 1} > v${SCHEMA_VERSION}); it opens read-only.`);
    const attempts: (() => unknown)[] = [
      () => plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'x' }),
      () => plan.updateNode(strategy, { priority: 'high' }),
      () => plan.setTitle(strategy, 'x'),
      () => plan.moveNode(strategy, { parent: ROOT_ID }),
      () => plan.deleteNode(strategy),
      () => plan.addCheckIn(strategy, {}),
      () => plan.addPerson({ name: 'x' }),
      () => plan.updateSettings({ cadenceDays: 3 }),
      () => plan.renamePlan('x'),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrowError(expect.objectContaining({ code: 'read-only' }) as PlanError);
    }
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    // Reading still works.
    expect(plan.index.node(strategy)!.title).toBe('Grow');
  });

  it('an unreadable schema version opens read-only too', () => {
    const doc = new Y.Doc();
    planTypes(doc).meta.set('schemaVersion', 'two');
    const plan = openPlan(doc, new TestContext());
    expect(plan.readOnlyReason).toMatch(/not readable/);
  });

  it('reads nodes written one key per field by another program (no init value)', () => {
    const doc = new Y.Doc();
    const plan = openPlan(doc, new TestContext());
    const node = new Y.Map<unknown>();
    doc.transact(() => {
      planTypes(doc).nodes.set('ext1', node);
      node.set('kind', 'strategy');
      node.set('place', { parent: ROOT_ID, order: 'a0', at: 0, from: ROOT_ID });
      node.set('title', new Y.Text('From a script'));
      node.set('priority', 'high');
      node.set('horizon', 42); // wrong type: read as absent
    });
    plan.index.refresh(T0);
    expect(plan.index.node('ext1')).toMatchObject({ title: 'From a script', fields: { priority: 'high' } });
    expect(plan.index.node('ext1')!.fields.horizon).toBeUndefined();
  });

  it('nodes a newer or hostile peer wrote that cannot be read are counted; their children stay visible', () => {
    const doc = new Y.Doc();
    const plan = openPlan(doc, new TestContext());
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
    doc.transact(() => planTypes(doc).nodes.get(strategy)!.set('kind', 'galaxy'));
    plan.index.refresh(T0);
    expect(plan.index.summary().unreadableNodes).toBe(1);
    expect(plan.index.node(objective)).toMatchObject({ parent: ROOT_ID, orphaned: true });
  });
});
