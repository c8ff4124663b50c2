// Renames are replacements: two people replacing the same span while apart get one deterministic
// winner and a visible conflict to pick, never both titles glued together; typing elsewhere in the
// text, or replacing disjoint spans, still merges.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, createUndoManager, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { TestContext, syncDocs } from './support.js';
import { isInvisibleOnly } from '../../../shared/text/invisible-text.js';

/** What a person can see: not empty and not only spaces or zero-width characters. */
const shows = (text: string) => text !== '' && !isInvisibleOnly(text);

function replicas(count = 2): { plans: Plan[]; ctxs: TestContext[]; node: NodeId; syncAll(): void } {
  const docs = Array.from({ length: count }, () => new Y.Doc());
  const ctxs = docs.map((_, i) => new TestContext(undefined, `user${i}`, `r${i}x`));
  const first = openPlan(docs[0]!, ctxs[0]!);
  const node = first.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Title' });
  first.setDescription(node, 'Grow in Europe');
  const plans = [first];
  for (let i = 1; i < count; i++) { syncDocs(docs[0]!, docs[i]!); plans.push(openPlan(docs[i]!, ctxs[i]!)); }
  const syncAll = () => {
    for (let round = 0; round < 2; round++) for (const a of docs) for (const b of docs) if (a !== b) syncDocs(a, b);
    for (const plan of plans) plan.index.refresh(plan.index.now);
  };
  return { plans, ctxs, node, syncAll };
}

/**
 * Two replicas that both had `start`, renamed to `first` on one and, `gap` ticks later, to `second` on the other
 * (each over the title it had seen), then synced: what two people renaming one item at once leave.
 */
function renamedAtOnce(start: string, first: string, second: string, gap: number): { plans: Plan[]; node: NodeId } {
  const { plans: [a, b], ctxs, node, syncAll } = replicas();
  a!.setTitle(node, start);
  syncAll();
  a!.setTitle(node, first, start);
  ctxs[1]!.advance(gap);
  b!.setTitle(node, second, start);
  syncAll();
  return { plans: [a!, b!], node };
}

describe('renames', () => {
  it('two replacements of the same title: one deterministic winner, the other a conflict on the node, never glued', () => {
    const { plans: [a, b], ctxs, node, syncAll } = replicas();
    a!.setTitle(node, 'Title from A');
    ctxs[1]!.advance(1);
    b!.setTitle(node, 'Title from B'); // later: wins
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.index.title(node)).toBe('Title from B');
      expect(plan.index.node(node)?.title).toBe('Title from B');
      expect(plan.index.node(node)?.conflicts).toEqual([{ field: 'title', text: 'Title from A', by: 'user0', at: ctxs[0]!.time }]);
    }
  });

  it('the whole title replaced on both sides ("Title from BTitle from A" before): winner shown, loser pickable, pick resolves for everyone', () => {
    const { plans: [a, b], ctxs, node, syncAll } = replicas();
    ctxs[0]!.advance(1);
    a!.setTitle(node, 'Launch EU');
    b!.setTitle(node, 'Hire sales');
    syncAll();
    expect(a!.index.title(node)).toBe('Launch EU');
    expect(a!.titleText(node).toString()).not.toBe('Launch EU'); // the merged text nobody wrote stays underneath
    expect(b!.index.node(node)?.conflicts.map((conflict) => conflict.text)).toEqual(['Hire sales']);
    b!.pickText(node, 'title', 'Hire sales');
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.index.title(node)).toBe('Hire sales');
      expect(plan.titleText(node).toString()).toBe('Hire sales');
      expect(plan.index.node(node)?.conflicts).toEqual([]);
    }
  });

  it('a later rename that saw the conflict resolves it too', () => {
    const { plans: [a, b], node, syncAll } = replicas();
    a!.setTitle(node, 'One');
    b!.setTitle(node, 'Two');
    syncAll();
    expect(a!.index.node(node)?.conflicts).toHaveLength(1);
    a!.setTitle(node, 'Three');
    syncAll();
    expect(b!.index.node(node)).toMatchObject({ title: 'Three', conflicts: [] });
  });

  it('replacements of disjoint spans merge as typing does (no conflict)', () => {
    const { plans: [a, b], node, syncAll } = replicas();
    a!.setTitle(node, 'Big Title');
    b!.setTitle(node, 'Title 2027');
    syncAll();
    expect(a!.index.node(node)).toMatchObject({ title: 'Big Title 2027', conflicts: [] });
  });

  it('typing into the Y.Text keeps both people\'s keystrokes', () => {
    const { plans: [a, b], node, syncAll } = replicas();
    a!.doc.transact(() => a!.titleText(node).insert(5, ' A'), a!.origin);
    b!.doc.transact(() => b!.titleText(node).insert(5, ' B'), b!.origin);
    syncAll();
    const title = a!.index.title(node);
    expect(title).toContain(' A');
    expect(title).toContain(' B');
    expect(a!.index.node(node)?.conflicts).toEqual([]);
  });

  it('descriptions: the same rule, the conflict named by field', () => {
    const { plans: [a, b], ctxs, node, syncAll } = replicas();
    ctxs[0]!.advance(1);
    a!.setDescription(node, 'Grow in Asia');
    b!.setDescription(node, 'Grow in the Americas');
    syncAll();
    expect(a!.index.node(node)?.conflicts).toEqual([{ field: 'description', text: 'Grow in the Americas', by: 'user1', at: ctxs[1]!.time }]);
    expect(a!.index.description(node)).toBe('Grow in Asia');
    expect(a!.index.title(node)).toBe('Title');
  });

  it('three replicas, random renames and delivery order: all show the same title and conflicts, and every loser is pickable', () => {
    fc.assert(fc.property(fc.array(fc.record({ replica: fc.nat({ max: 2 }), text: fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Title X', 'X Title'), sync: fc.boolean() }), { minLength: 1, maxLength: 12 }), (steps) => {
      const { plans, ctxs, node, syncAll } = replicas(3);
      const written = new Set<string>(['Title']);
      for (const step of steps) {
        ctxs[step.replica]!.advance(step.replica === 0 ? 1 : 0.5);
        plans[step.replica]!.setTitle(node, step.text);
        written.add(step.text);
        if (step.sync) syncAll();
      }
      syncAll();
      const views = plans.map((plan) => ({ title: plan.index.title(node), conflicts: plan.index.node(node)!.conflicts }));
      expect(views[1]).toEqual(views[0]);
      expect(views[2]).toEqual(views[0]);
      if (views[0]!.conflicts.length > 0) {
        // A conflict shows texts someone wrote, never a merge of them.
        expect(written.has(views[0]!.title)).toBe(true);
        for (const conflict of views[0]!.conflicts) expect(written.has(conflict.text)).toBe(true);
        plans[2]!.pickText(node, 'title', views[0]!.conflicts[0]!.text);
        syncAll();
        expect(plans[0]!.index.node(node)).toMatchObject({ title: views[0]!.conflicts[0]!.text, conflicts: [] });
      }
    }), { numRuns: 60, seed: 7 });
  });

  it('an over-long title is refused with the length and the limit; nothing is cut or written', () => {
    const { plans: [a], node } = replicas();
    const before = Y.encodeStateAsUpdate(a!.doc);
    expect(() => a!.setTitle(node, 'x'.repeat(50_000))).toThrow(/50000 characters long; the limit is 500/);
    expect(Y.encodeStateAsUpdate(a!.doc)).toEqual(before);
  });

  it('undo of a rename takes back the text and its record; purge removes the records', () => {
    const { plans: [a], node } = replicas();
    const undo = createUndoManager(a!, { captureTimeout: 0 });
    a!.setTitle(node, 'Renamed');
    undo.undo();
    a!.index.refresh(a!.index.now);
    expect(a!.index.title(node)).toBe('Title');
    a!.deleteNode(node);
    a!.purgeNode(node);
    expect([...a!.types.renames.keys()].filter((key) => key.startsWith(`${node}|`))).toEqual([]);
  });
});

describe('a rename typed while someone else renamed the same field (a stale base)', () => {
  it('is a conflict to pick, not a silent overwrite of the rename that arrived while typing', () => {
    const { plans: [a, b], ctxs, node, syncAll } = replicas();
    // B opens the editor on "Title"; A renames and B receives it before committing.
    a!.setTitle(node, 'Title from A');
    syncAll();
    ctxs[1]!.advance(1);
    b!.setTitle(node, 'Title from B', 'Title');
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.index.title(node)).toBe('Title from B');
      expect(plan.index.node(node)?.conflicts.map((conflict) => conflict.text)).toEqual(['Title from A']);
    }
    // Picking A's title resolves it for everyone.
    a!.pickText(node, 'title', 'Title from A');
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.index.title(node)).toBe('Title from A');
      expect(plan.index.node(node)?.conflicts).toEqual([]);
    }
  });

  it('keeps both edits when they touched apart spans of the text both started from', () => {
    const { plans: [a, b], node, syncAll } = replicas();
    b!.setDescription(node, 'Grow fast in Europe', 'Grow in Europe');
    syncAll();
    a!.setDescription(node, 'Grow in Europe and Asia', 'Grow in Europe');
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.index.description(node)).toBe('Grow fast in Europe and Asia');
      expect(plan.index.node(node)?.conflicts).toEqual([]);
    }
  });

  it('writes nothing when the other rename made the same text, and acts as a plain rename when the base is current', () => {
    const { plans: [a, b], node, syncAll } = replicas();
    a!.setTitle(node, 'Same');
    syncAll();
    b!.setTitle(node, 'Same', 'Title');
    b!.setTitle(node, 'Next', 'Same');
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.index.title(node)).toBe('Next');
      expect(plan.index.node(node)?.conflicts).toEqual([]);
    }
  });

  it('two renames of apart spans that merge into a title of only spaces: a conflict, the latest title that shows something wins', () => {
    const { plans: [a, b], ctxs, node, syncAll } = replicas();
    a!.setTitle(node, 'X Y');
    syncAll();
    a!.setTitle(node, ' Y', 'X Y'); // deletes "X"
    ctxs[1]!.advance(1);
    b!.setTitle(node, 'X ', 'X Y'); // deletes "Y", later: wins
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.titleText(node).toString()).toBe(' '); // what Yjs merged underneath
      expect(plan.index.title(node)).toBe('X ');
      expect(plan.index.node(node)?.title).toBe('X ');
      expect(plan.index.node(node)?.conflicts.map((conflict) => conflict.text)).toEqual([' Y']);
    }
  });

  it('a title that showed something never merges into one that shows nothing when every rename showed something (property)', () => {
    // Few letters and many spaces, and each rename replaces one span of the start, so apart spans
    // that leave only spaces between them come up often.
    const piece = fc.string({ unit: fc.constantFrom('X', 'Y', ' ', '\u200b'), maxLength: 3 });
    const replaced = (start: string, [from, to, insert]: [number, number, string]) => {
      const a = Math.min(from, to) % (start.length + 1);
      const b = Math.max(from, to) % (start.length + 1);
      return start.slice(0, Math.min(a, b)) + insert + start.slice(Math.max(a, b));
    };
    const edit = fc.tuple(fc.nat(8), fc.nat(8), piece);
    const anyRenames = fc.tuple(piece.filter(shows), edit, edit).map(([start, one, two]) => [start, replaced(start, one), replaced(start, two)] as const);
    // The hard case made on purpose: the letters left of an invisible middle replaced here, right of it there.
    const invisible = fc.string({ unit: fc.constantFrom(' ', '\u200b', '\u2060'), minLength: 1, maxLength: 2 });
    const apartRenames = fc.tuple(piece.filter(shows), invisible, piece.filter(shows), piece, piece)
      .map(([left, middle, right, one, two]) => [left + middle + right, one + middle + right, left + middle + two] as const);
    fc.assert(fc.property(fc.oneof(anyRenames, apartRenames), fc.integer({ min: 0, max: 3 }), ([start, first, second], gap) => {
      fc.pre(shows(first) && shows(second) && first !== start && second !== start);
      const { plans: [a, b], node } = renamedAtOnce(start, first, second, gap);
      const shown = [a!, b!].map((plan) => plan.index.title(node));
      expect(shown[1]).toBe(shown[0]);
      expect(shows(shown[0]!)).toBe(true);
    }), { numRuns: 300 });
  });

  it('converges with any delivery order: every replica shows the same title and the same conflicts (property)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.string({ maxLength: 12 }).filter((text) => text === '' || shows(text)), fc.boolean()), { minLength: 1, maxLength: 8 }), (edits) => {
      const { plans, ctxs, node, syncAll } = replicas(3);
      const seen = plans.map((plan) => plan.index.title(node));
      for (const [who, text, sync] of edits) {
        ctxs[who]!.advance(1);
        plans[who]!.setTitle(node, text, seen[who]);
        if (sync) { syncAll(); plans.forEach((plan, i) => { seen[i] = plan.index.title(node); }); }
      }
      syncAll();
      const shown = plans.map((plan) => [plan.index.title(node), plan.index.node(node)?.conflicts.map((conflict) => conflict.text)]);
      expect(shown[1]).toEqual(shown[0]);
      expect(shown[2]).toEqual(shown[0]);
    }), { numRuns: 150 });
  });
});

describe('renames of emoji and of one word (review42a F1, F2)', () => {
  // Emoji that share their first UTF-16 unit (U+D83D, or U+D83C for flags), so a letter-by-letter
  // comparison stops between a pair's halves; letters, a digit, a comma and spaces around them.
  const units = ['👍', '👎', '😀', '😃', '🇩', '🇪', '🇦', '🇹', 'e', 'n', '1', ',', ' '];
  const anyText = fc.array(fc.constantFrom(...units), { maxLength: 8 }).map((pieces) => pieces.join('')).filter((text) => text === '' || shows(text));

  it('a rename from one emoji to another keeps both whole, here and on every other replica', () => {
    const { plans: [a, b], node, syncAll } = replicas();
    a!.setTitle(node, 'Morale 👍');
    syncAll();
    a!.setTitle(node, 'Morale 👎', 'Morale 👍');
    b!.setDescription(node, 'Win 🇦🇹', 'Grow in Europe');
    syncAll();
    b!.setDescription(node, 'Win 🇩🇪', 'Win 🇦🇹');
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.titleText(node).toString()).toBe('Morale 👎');
      expect(plan.index.title(node)).toBe('Morale 👎');
      expect(plan.index.description(node)).toBe('Win 🇩🇪');
    }
  });

  it('any rename leaves exactly the typed text in the document, on every replica (property)', () => {
    fc.assert(fc.property(anyText, anyText, (start, next) => {
      const { plans: [a, b], node, syncAll } = replicas();
      a!.setTitle(node, start);
      syncAll();
      a!.setTitle(node, next, start);
      syncAll();
      for (const plan of [a!, b!]) expect([plan.titleText(node).toString(), plan.index.title(node)]).toEqual([next, next]);
    }), { numRuns: 300 });
  });

  it('two renames inside one word or one number are a conflict to pick, not a merged word', () => {
    for (const [start, first, second] of [
      ['Recruit 3 engineers', 'Recruit 3 designers', 'Recruit 3 engineering managers'],
      ['Revenue 1,000', 'Revenue 2,000', 'Revenue 1,005'],
    ] as const) {
      const { plans: [a, b], node } = renamedAtOnce(start, first, second, 1); // the second later: wins
      for (const plan of [a!, b!]) expect(plan.index.node(node)).toMatchObject({ title: second, conflicts: [{ text: first }] });
    }
  });

  it('renames of different words still merge, and so do additions at either end of one word', () => {
    for (const [start, first, second, merged] of [
      ['Open a Munich office', 'Open a Berlin office', 'Open a Munich office in Q2', 'Open a Berlin office in Q2'],
      ['Hire 5 engineers', 'Hire 6 engineers', 'Hire 5 designers', 'Hire 6 designers'],
      ['Title', 'Big Title', 'Title 2027', 'Big Title 2027'],
    ] as const) {
      const { plans: [a, b], node, syncAll } = replicas();
      a!.setTitle(node, start);
      syncAll();
      a!.setTitle(node, first, start);
      b!.setTitle(node, second, start);
      syncAll();
      for (const plan of [a!, b!]) expect(plan.index.node(node)).toMatchObject({ title: merged, conflicts: [] });
    }
  });

  it('two renames apart never show a word that neither the title before nor either rename had (property)', () => {
    const words = (text: string) => text.split(/\s+/u).filter((word) => word !== '');
    const letters = fc.array(fc.constantFrom('a', 'b', 'c', ' ', ','), { minLength: 1, maxLength: 10 }).map((pieces) => pieces.join(''));
    const replaced = (start: string, [from, to, insert]: [number, number, string]) => {
      const low = Math.min(from, to) % (start.length + 1), high = Math.max(from, to) % (start.length + 1);
      return start.slice(0, Math.min(low, high)) + insert + start.slice(Math.max(low, high));
    };
    const edit = fc.tuple(fc.nat(10), fc.nat(10), fc.array(fc.constantFrom('x', 'y', ' '), { maxLength: 3 }).map((pieces) => pieces.join('')));
    fc.assert(fc.property(letters.filter(shows), edit, edit, fc.integer({ min: 0, max: 2 }), (start, one, two, gap) => {
      const first = replaced(start, one), second = replaced(start, two);
      fc.pre(shows(first) && shows(second) && first !== start && second !== start);
      const { plans: [a, b], node } = renamedAtOnce(start, first, second, gap);
      const known = new Set([...words(start), ...words(first), ...words(second)]);
      const shown = a!.index.title(node);
      expect(b!.index.title(node)).toBe(shown);
      for (const word of words(shown)) expect(known, `"${word}" in "${shown}" (from "${start}": "${first}", "${second}")`).toContain(word);
    }), { numRuns: 400 });
  });
});
