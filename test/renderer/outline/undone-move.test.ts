// A move loop broken by the model (Ada moves X under Y while Ben moves Y under X): each person reads
// a true sentence about it. The one whose move went back reads "Your move undone"; the other reads
// whose move it was, never a claim about a move they made; a loop no move made (a peer wrote the
// parents) is "Loop broken", since nobody's move was undone.
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ROOT_ID } from '../../../shared/model/index.js';
import { undoneMoveWords } from '../../../renderer/src/outline/labels.js';
import { twoReplicas } from '../../shared/model/support.js';

function twoPeople() {
  return twoReplicas((a) => {
    const strategy = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const x = a.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH' });
    const y = a.createNode({ kind: 'objective', parent: strategy, title: 'Win Nordics' });
    return { strategy, x, y };
  }, ['ada', 'ben']);
}

// The actors as the app names them (a person id, here their names' ids).
const people = new Map([['ada', 'Ada Lovelace'], ['ben', 'Ben Guest']]);
const names = (_plan: unknown) => (id: string) => people.get(id);

describe('the words for a move a loop undid', () => {
  it('tell Ben his move went back, and tell Ada it was Ben\'s, not hers', () => {
    const { a, b, ctxA, ctxB, sync, strategy, x, y } = twoPeople();
    ctxA.advance(1);
    ctxB.advance(2); // Ben moves later: his move loses
    a.moveNode(x, { parent: y });
    b.moveNode(y, { parent: x });
    sync();
    for (const plan of [a, b]) {
      expect(plan.index.node(y)).toMatchObject({ parent: strategy, displaced: true, undoneMove: { by: 'ben', parent: x } });
      expect(plan.index.node(x)).toMatchObject({ parent: y, displaced: false, undoneMove: null });
    }
    const onBen = undoneMoveWords(b.index.node(y)!, 'ben', names(b), (id) => b.index.title(id));
    expect(onBen).toEqual({ badge: 'Your move undone', explanation: 'You moved this under “\u2068Win DACH\u2069” while that was moved under this at the same time; the two would make a loop, so yours went back to “\u2068Grow\u2069”' });
    const onAda = undoneMoveWords(a.index.node(y)!, 'ada', names(a), (id) => a.index.title(id));
    expect(onAda).toEqual({ badge: 'Move by \u2068Ben Guest\u2069 undone', explanation: '\u2068Ben Guest\u2069 moved this under “\u2068Win DACH\u2069” while that was moved under this at the same time; the two would make a loop, so \u2068Ben Guest\u2069\'s went back to “\u2068Grow\u2069”' });
    // Ada's own node, which stayed where she put it, says nothing.
    expect(undoneMoveWords(a.index.node(x)!, 'ada', names(a), (id) => a.index.title(id))).toBeNull();
  });

  it('say "Loop broken" where a peer wrote a loop without a move: nobody\'s move was undone', () => {
    const { docA, a, x, y } = twoPeople();
    // A peer writes X under Y and Y under X straight into the doc, with no move record.
    const nodes = docA.getMap<Y.Map<unknown>>('nodes');
    docA.transact(() => {
      nodes.get(x)!.set('place', { parent: y, order: 'a0' });
      nodes.get(y)!.set('place', { parent: x, order: 'a0' });
    });
    a.index.refresh(a.index.now);
    const displaced = [x, y].map((id) => a.index.node(id)!).filter((node) => node.displaced);
    expect(displaced).toHaveLength(1);
    expect(displaced[0]!.undoneMove).toBeNull();
    const words = undoneMoveWords(displaced[0]!, 'ada', names(a), (id) => a.index.title(id));
    expect(words?.badge).toBe('Loop broken');
    expect(words?.explanation).not.toMatch(/your move|undone/i);
  });

  it('say "Loop broken" where a peer\'s write closed a loop with a move made long before: that move was not undone by another', () => {
    const { docA, a, ctxA, x, y } = twoPeople();
    // Ada moves X under Y (a real move, with its record); later a peer writes Y under X, with no move.
    ctxA.advance(1);
    a.moveNode(x, { parent: y });
    docA.transact(() => docA.getMap<Y.Map<unknown>>('nodes').get(y)!.set('place', { parent: x, order: 'a0' }));
    a.index.refresh(a.index.now);
    // X, moved last, is the one sent back; its move was Ada's, but no move of anyone made the loop.
    expect(a.index.node(x)).toMatchObject({ displaced: true, undoneMove: null });
    expect(undoneMoveWords(a.index.node(x)!, 'ada', names(a), (id) => a.index.title(id))?.badge).toBe('Loop broken');
  });
});
