// review39a F1: the notice after an undo was worked out from the top step before the pop. Yjs passes over
// a step whose changes someone else has all replaced and takes the one below, so Ada read "Undid the
// priority of “Open a Vienna office”" (Ben's "low" stayed) while her due date went unsaid. The notice now
// says what the press did, and names the step it left as it is. Two real replicas.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, createUndoManager, openPlan } from '../../../shared/model/index.js';
import { poppedNotice } from '../../../renderer/src/session/popped-words.js';
import { TestContext, syncDocs } from '../../shared/model/support.js';

/** The text with ⟨ ⟩ standing for the first-strong isolate and its pop. */
const isolated = (text: string) => text.replaceAll('⟨', '\u2068').replaceAll('⟩', '\u2069');

describe('the notice after an undo another person partly emptied', () => {
  it('names the step taken back, and the newer one left as someone else changed it', () => {
    const [docA, docB] = [new Y.Doc(), new Y.Doc()];
    const ada = openPlan(docA, new TestContext(undefined, 'ada', 'a'));
    const strategy = ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow in Europe' });
    const objective = ada.createNode({ kind: 'objective', parent: strategy, title: 'Win the DACH market' });
    const munich = ada.createNode({ kind: 'initiative', parent: objective, title: 'Open a Munich office' });
    const vienna = ada.createNode({ kind: 'initiative', parent: objective, title: 'Open a Vienna office' });
    syncDocs(docA, docB);
    const ben = openPlan(docB, new TestContext(undefined, 'ben', 'b'));
    const undo = createUndoManager(ada, { captureTimeout: 0 });
    ada.updateNode(munich, { dueDate: '2027-03-01' });
    ada.updateNode(vienna, { priority: 'high' });
    syncDocs(docA, docB);
    ben.updateNode(vienna, { priority: 'low' });
    syncDocs(docB, docA);
    undo.undo();
    ada.index.refresh(ada.index.now);
    expect(poppedNotice('Undid', undo.lastPop()!, ada.index)).toBe(isolated(
      'Undid the due date of “⟨Open a Munich office⟩”. The priority of “⟨Open a Vienna office⟩” had already been changed by someone else, so it was left as it is.',
    ));
    undo.redo();
    expect(poppedNotice('Redid', undo.lastPop()!, ada.index)).toBe(isolated('Redid the due date of “⟨Open a Munich office⟩”.'));
  });

  it('says nothing was undone when every step popped had been changed by someone else', () => {
    expect(poppedNotice('Undid', { step: null, passedOver: [{ nodes: [], others: ['people'] }, { nodes: [], others: ['links'] }] }, null))
      .toBe('Nothing to undo: 2 newer steps had already been changed by someone else, so they were left as they are.');
  });
});
