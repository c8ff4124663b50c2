// leftovers39: a step over several items read "Undid changes to 3 items", naming none. A few (up to three)
// are now named by title; more are counted. Real Y.Docs and the real undo manager (steps merged as a
// person's quick edits are, within the capture window).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, createUndoManager, openPlan } from '../../../shared/model/index.js';
import { undoStepWords } from '../../../renderer/src/session/undo-words.js';
import { TestContext } from '../../shared/model/support.js';

/** The text with ⟨ ⟩ for the bidi isolate's marks. */
const shown = (text: string) => text.replaceAll('\u2068', '⟨').replaceAll('\u2069', '⟩');

describe('the words for a step over several items (leftovers39)', () => {
  it('names up to three items by title, counts more', () => {
    const plan = openPlan(new Y.Doc(), new TestContext(undefined, 'ada', 'a'));
    const strategy = plan.createNode({ kind: 'objective', parent: plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Europe' }), title: 'Grow' });
    const undo = createUndoManager(plan, { captureTimeout: 60_000 });
    const hire = plan.createNode({ kind: 'initiative', parent: strategy, title: 'Hire' });
    const lease = plan.createNode({ kind: 'initiative', parent: strategy, title: 'Lease' });
    const words = () => shown(undoStepWords(undo.nextStep('undo'), plan.index));
    expect(words()).toBe('adding “⟨Hire⟩” and “⟨Lease⟩”');
    undo.stopCapturing();
    plan.updateNode(hire, { dueDate: '2027-03-01' });
    plan.updateNode(lease, { dueDate: '2027-03-01' });
    plan.setTitle(strategy, 'Grow fast');
    expect(words()).toBe('changes to “⟨Hire⟩”, “⟨Lease⟩” and “⟨Grow fast⟩”');
    undo.stopCapturing();
    for (const title of ['A', 'B', 'C', 'D']) plan.createNode({ kind: 'objective', parent: strategy, title });
    expect(words()).toBe('adding 4 items');
  });
});
