// Length limits count characters as a person does (code points), cuts fall between graphemes, and
// control characters are refused when typed and shown as signs when read — on a real Y.Doc plan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterCount, cutText, graphemeEnds } from '../../../shared/text/cut-text.js';
import { controlCharacterAbbreviation, controlCharacterIn, namedControlText, replaceControlCharacters, shownTextRuns, visibleText } from '../../../shared/text/control-characters.js';
import { invisibleTextProblem, isInvisibleOnly } from '../../../shared/text/invisible-text.js';
import { TEXT_LIMITS, isPlanError, type NodeId, type Plan } from '../../../shared/model/index.js';
import { newPlan, smallCascade } from '../model/support.js';

const emoji = '🎯'; // one character on screen, two UTF-16 units
const cjk = '𠀀'; // CJK Extension B: one character, two units
const family = '👨‍👩‍👧'; // one grapheme, five code points
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function nodeOf(plan: Plan, id: NodeId) {
  plan.index.refresh(Date.now());
  return plan.index.node(id);
}

function refusal(run: () => void): string {
  try { run(); } catch (error) { if (isPlanError(error)) return error.message; throw error; }
  throw new Error('not refused');
}

describe('length limits in characters', () => {
  it('counts code points', () => {
    expect(characterCount(`${'a'.repeat(499)}${emoji}`)).toBe(500);
    expect(characterCount(cjk.repeat(3))).toBe(3);
    expect(characterCount(family)).toBe(5);
    expect(characterCount('\ud800x')).toBe(2);
  });

  it('takes a title of 499 letters and an emoji, and one of 500 emoji or CJK characters; refuses 501 in characters', () => {
    const { plan } = newPlan();
    const { objective, keyResult } = smallCascade(plan);
    plan.setTitle(objective, `${'a'.repeat(499)}${emoji}`);
    expect(nodeOf(plan, objective)!.title).toBe(`${'a'.repeat(499)}${emoji}`);
    plan.setTitle(objective, emoji.repeat(TEXT_LIMITS.title));
    const id = plan.createNode({ kind: 'objective', parent: nodeOf(plan, objective)!.parent, title: cjk.repeat(TEXT_LIMITS.title) });
    expect(nodeOf(plan, id)!.title).toBe(cjk.repeat(500));
    expect(refusal(() => plan.setTitle(objective, emoji.repeat(501)))).toMatch(/501 characters long; the limit is 500\. Shorten it by 1\./);
    expect(refusal(() => plan.createNode({ kind: 'objective', parent: nodeOf(plan, objective)!.parent, title: cjk.repeat(501) }))).toMatch(/title must be at most 500 characters/);
    plan.updateNode(keyResult, { unit: emoji.repeat(40) });
    expect(refusal(() => plan.updateNode(keyResult, { unit: emoji.repeat(41) }))).toMatch(/the unit is 41 characters long; the limit is 40/);
  });

  it('cuts between graphemes, never inside a surrogate pair, a ZWJ family, a flag or a letter with its accent', () => {
    expect(cutText(`${'a'.repeat(499)}${emoji}x`, 500)).toBe(`${'a'.repeat(499)}${emoji}`);
    expect(cutText(`ab${family}`, 4)).toBe('ab');
    expect(cutText(`ab${family}`, 7)).toBe(`ab${family}`);
    expect(cutText('ab🇩🇪', 3)).toBe('ab');
    expect(cutText('abe\u0301', 3)).toBe('ab');
    const grapheme = fc.constantFrom('a', 'é', 'e\u0301', emoji, cjk, family, '🇩🇪', '👍🏽', 'ก', '中');
    fc.assert(fc.property(fc.array(grapheme, { maxLength: 40 }), fc.nat({ max: 60 }), (parts, limit) => {
      const text = parts.join('');
      const cut = cutText(text, limit);
      expect(text.startsWith(cut)).toBe(true);
      expect(characterCount(cut)).toBeLessThanOrEqual(Math.max(limit, 0));
      expect(cut).not.toMatch(loneSurrogate);
      if (cut.length > 0 && cut.length < text.length) expect(graphemeEnds(text)).toContain(cut.length);
      // The longest such start: the next grapheme would not fit.
      if (cut.length < text.length) {
        const next = graphemeEnds(text).find((end) => end > cut.length)!;
        expect(characterCount(text.slice(0, next))).toBeGreaterThan(limit);
      }
    }), { numRuns: 300 });
  });
});

describe('control characters', () => {
  it('are refused in typed titles, names and one-line fields, naming the character', () => {
    const { plan } = newPlan();
    const { objective, keyResult, initiative, task } = smallCascade(plan);
    const parent = nodeOf(plan, objective)!.parent;
    expect(refusal(() => plan.setTitle(objective, 'Grow\u0007 revenue'))).toMatch(/title contains a control character \(U\+0007\)/);
    expect(refusal(() => plan.setTitle(objective, 'a\u0000b'))).toMatch(/U\+0000/);
    expect(refusal(() => plan.setTitle(objective, 'tab\there'))).toMatch(/U\+0009/);
    expect(refusal(() => plan.setTitle(objective, 'del\u007f'))).toMatch(/U\+007F/);
    expect(refusal(() => plan.setTitle(objective, 'c1\u0085'))).toMatch(/U\+0085/);
    expect(refusal(() => plan.createNode({ kind: 'objective', parent, title: 'esc\u001b[31m' }))).toMatch(/title contains a control character \(U\+001B\)/);
    expect(refusal(() => plan.updateNode(keyResult, { unit: 'k\u000b' }))).toMatch(/unit contains a control character \(U\+000B\)/);
    expect(refusal(() => plan.addPerson({ name: 'Ada\u0008' }))).toMatch(/name contains a control character \(U\+0008\)/);
    expect(refusal(() => plan.renamePlan('Plan\u0001'))).toMatch(/U\+0001/);
    expect(nodeOf(plan, objective)!.title).not.toMatch(/\p{Cc}/u);
    // Multi-line text takes tab and line breaks, not the rest.
    plan.setDescription(objective, 'line one\n\tline two\r\n');
    plan.updateNode(task, { status: 'blocked', blockedReason: 'waiting on\nlegal' });
    expect(refusal(() => plan.setDescription(objective, 'bell\u0007'))).toMatch(/description contains a control character \(U\+0007\)/);
    expect(refusal(() => plan.addCheckIn(initiative, { note: 'a\u0000' }))).toMatch(/note contains a control character \(U\+0000\)/);
    // An override is refused by name (review40b F9: it shows the text after it in another order); what
    // right-to-left writers use is text: marks, isolates, embeddings. Titles show in isolated runs.
    expect(refusal(() => plan.setTitle(objective, 'Cut costs \u202e%01 yb'))).toBe('the title contains a right-to-left override (U+202E), which shows the text after it in another order.');
    expect(refusal(() => plan.addPerson({ name: 'Eve\u202dx' }))).toMatch(/name contains a left-to-right override \(U\+202D\)/);
    expect(refusal(() => plan.setDescription(objective, 'line\n\u202eevil'))).toMatch(/description contains a right-to-left override \(U\+202E\)/);
    for (const title of ['\u202babc\u202c', '\u2067abc\u2069', 'a\u200fb\u200e\u061c', '\u2068שלום\u2069 Q1']) {
      plan.setTitle(objective, title);
      expect(nodeOf(plan, objective)!.title).toBe(title);
    }
  });

  it('are replaced by visible signs when read, and named', () => {
    expect(controlCharacterIn('ok')).toBeNull();
    expect(controlCharacterIn('a\nb', true)).toBeNull();
    expect(controlCharacterIn('a\nb')).toBe('U+000A');
    expect(replaceControlCharacters('a\u0000b\u0007c\u007fd\u0085e')).toEqual({ text: 'a␀b␇c␡d\ufffde', replaced: ['U+0000', 'U+0007', 'U+007F', 'U+0085'] });
    expect(replaceControlCharacters('two\r\nlines\tand tab')).toEqual({ text: 'two lines and tab', replaced: ['U+000D', 'U+000A', 'U+0009'] });
    expect(replaceControlCharacters('two\nlines\u0007', true)).toEqual({ text: 'two\nlines␇', replaced: ['U+0007'] });
    expect(visibleText('plain')).toBe('plain');
    expect(visibleText('a\u0007')).toBe('a␇');
  });
});

describe('text that shows nothing', () => {
  const blanks = ['   ', '\u200B\u200B', '\u2060', '\uFEFF', ' \u00A0\u3000', '\u3164', '\u2800', ' \u200D '];

  it('is refused as a typed title, a new node\'s title, a person\'s or team\'s name and a plan name, naming what it holds', () => {
    const { plan } = newPlan();
    const { objective } = smallCascade(plan);
    const parent = nodeOf(plan, objective)!.parent;
    for (const blank of blanks) {
      expect(refusal(() => plan.setTitle(objective, blank))).toMatch(/^the title is only .*, which show nothing; type a title or leave it empty/);
      expect(refusal(() => plan.createNode({ kind: 'objective', parent, title: blank }))).toMatch(/title is only .*show nothing/);
      expect(refusal(() => plan.addPerson({ name: blank }))).toMatch(/name is only .*show nothing/);
      expect(refusal(() => plan.addTeam({ name: blank }))).toMatch(/name is only .*show nothing/);
      expect(refusal(() => plan.renamePlan(blank))).toMatch(/^the plan's name/);
    }
    expect(refusal(() => plan.setTitle(objective, '   '))).toContain('the title is only spaces, which show nothing');
    expect(refusal(() => plan.setTitle(objective, '\u200B\u200B'))).toContain('the title is only invisible characters (U+200B), which show nothing');
    expect(refusal(() => plan.setTitle(objective, ' \u2060'))).toContain('the title is only spaces and invisible characters (U+2060)');
    expect(nodeOf(plan, objective)!.title).not.toBe('');
  });

  it('keeps real titles: empty (a fresh line), letters with spaces around them, emoji, joiners inside words, right-to-left', () => {
    const { plan } = newPlan();
    const { objective } = smallCascade(plan);
    for (const title of ['', ' Grow ', '🎯', '👨‍👩‍👧', 'a\u200Bb', '\u202babc\u202c', 'שלום', 'Ⅻ', '-']) {
      plan.setTitle(objective, title);
      expect(nodeOf(plan, objective)!.title).toBe(title);
    }
  });

  it('is told apart from text with anything visible in it (property)', () => {
    const invisible = fc.constantFrom(' ', '\u00a0', '\u200b', '\u2060', '\ufeff', '\u3164', '\u2800', '\u180e', '\ufe0f');
    fc.assert(fc.property(fc.array(invisible, { minLength: 1, maxLength: 6 }), fc.string({ minLength: 1, maxLength: 3 }).filter((text) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(text)), fc.nat(6), (hidden, seen, at) => {
      expect(isInvisibleOnly(hidden.join(''))).toBe(true);
      expect(invisibleTextProblem(hidden.join(''))).toMatch(/show nothing$/);
      const mixed = hidden.slice(0, at).join('') + seen + hidden.slice(at).join('');
      expect(isInvisibleOnly(mixed)).toBe(false);
      expect(invisibleTextProblem(mixed)).toBeNull();
    }));
    expect(invisibleTextProblem('')).toBeNull();
  });
});

describe('control characters named in letters (readable in any font)', () => {
  it('names each by its abbreviation, apart from the words beside it; signs stored in their place too', () => {
    expect(namedControlText('Win\u0000 DACH')).toBe('Win NUL DACH');
    expect(namedControlText('Grow\u0007revenue')).toBe('Grow BEL revenue');
    expect(namedControlText('Grow␇')).toBe('Grow BEL');
    expect(namedControlText('\u001b\u007f\u0085')).toBe('ESC DEL U+0085');
    expect(namedControlText('a\tb\r\nc')).toBe('a b c');
    expect(namedControlText('a\tb', true)).toBe('a\tb');
    expect(shownTextRuns('Win\u0000 DACH')).toEqual([{ text: 'Win ' }, { control: '\u0000', abbreviation: 'NUL', code: 'U+0000' }, { text: ' DACH' }]);
    expect(controlCharacterAbbreviation('\u0007')).toBe('BEL');
  });

  it('leaves no control character or sign behind, and text without them as it is (property)', () => {
    const piece = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: 0, max: 0x9f }).map((code) => String.fromCharCode(code)), fc.constantFrom('␇', '␀', '␡'));
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
      const text = parts.join('');
      const named = namedControlText(text);
      expect(controlCharacterIn(named)).toBeNull();
      expect(named).not.toMatch(/[\u2400-\u241f\u2421]/u);
      if (controlCharacterIn(text) === null && !/[\u2400-\u241f\u2421]/u.test(text)) expect(named).toBe(text);
    }));
  });
});
