// review42c F8: a Throughline plan file of a version this Throughline does not read ("version": "3", 3.5,
// none) was refused as "not a Throughline plan file" or "damaged"; a cut-off one (a download or copy that
// stopped) as "line N is not valid JSON". Both paths that open a plan file (File ▸ Open in the desktop app,
// "Open plan file…" in the library) read it with planFileText then parsePlanFile, as here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportPlanFile, parsePlanFile, PLAN_FILE_VERSION, serializePlanFile } from '../../../shared/files/plan-file.js';
import { planFileText } from '../../../shared/files/plan-file-text.js';
import { ROOT_ID } from '../../../shared/model/index.js';
import { newPlan } from '../model/support.js';

/** A plan file as the app writes it, with titles of several-byte characters (an "ü", an emoji). */
let made: Uint8Array | null = null;
function planFileBytes(): Uint8Array {
  made ??= madePlanFileBytes();
  return made;
}

function madePlanFileBytes(): Uint8Array {
  const { plan } = newPlan();
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Zürich 🚀' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Grow in Zürich' });
  plan.createNode({ kind: 'key_result', parent: objective, title: 'ARR in Österreich' });
  return new TextEncoder().encode(serializePlanFile(exportPlanFile(plan.doc)));
}

/** What a person is told on opening these bytes as a plan file (null when it opens). */
function openedAs(bytes: Uint8Array): string | null {
  const read = planFileText(bytes);
  if (!read.ok) return read.problem.message;
  const parsed = parsePlanFile(read.text);
  return parsed.ok ? null : parsed.problem.message;
}

const withVersion = (version: unknown) => {
  const file = JSON.parse(new TextDecoder().decode(planFileBytes())) as Record<string, unknown>;
  if (version === undefined) delete file.version;
  else file.version = version;
  return new TextEncoder().encode(JSON.stringify(file, null, 1));
};

describe('a plan file of a version this Throughline does not read', () => {
  it('"version": "3" (a string) is a Throughline plan file of another version, naming it and the versions read, and nothing changed', () => {
    expect(openedAs(withVersion('3'))).toBe(`This is a Throughline plan file, but of a version this Throughline does not read (the file says version "3"; this Throughline reads plan file versions 1 to ${PLAN_FILE_VERSION}): it was probably written by a newer version of Throughline. Update Throughline to open it; nothing was opened or changed.`);
  });

  it('a newer version says it is from a newer Throughline, naming both versions and that nothing changed', () => {
    expect(openedAs(withVersion(PLAN_FILE_VERSION + 1))).toBe(`This is a Throughline plan file from a newer version of Throughline (file version ${PLAN_FILE_VERSION + 1}; this Throughline reads plan file versions 1 to ${PLAN_FILE_VERSION}). Update Throughline to open it; nothing was opened or changed.`);
  });

  it('any version value but 1 to the newest is refused as a Throughline plan file naming the value, never "not a Throughline plan file" or "damaged"', () => {
    const readable = new Set(Array.from({ length: PLAN_FILE_VERSION }, (_, index) => index + 1));
    const version = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 }), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }))
      .filter((value) => !(typeof value === 'number' && readable.has(value)));
    fc.assert(fc.property(version, (value) => {
      const message = openedAs(withVersion(value));
      expect(message).toMatch(/^This is a Throughline plan file(,| from a newer)/);
      expect(message).toContain(`this Throughline reads plan file versions 1 to ${PLAN_FILE_VERSION}`);
      expect(message).toContain(value === undefined ? 'the file names no version' : `version ${String(JSON.stringify(value)).slice(0, 20)}`);
      expect(message).toMatch(/nothing was opened or changed\.$/);
    }), { numRuns: 150 });
  });

  it('the versions read still open, and a file of another format is still not a plan file', () => {
    expect(openedAs(planFileBytes())).toBeNull();
    expect(openedAs(new TextEncoder().encode('{"format": "something-else", "version": 3}'))).toBe('This JSON file is not a Throughline plan file (its "format" is not "throughline-plan").');
  });
});

describe('a cut-off plan file', () => {
  it('cut anywhere (inside a string, a number, between nodes, inside an "ü" or an emoji) says it looks cut off and ends before the plan does, naming its last line', () => {
    const bytes = planFileBytes();
    const whole = new TextDecoder().decode(bytes).trimEnd();
    const wholeBytes = new TextEncoder().encode(whole).length;
    fc.assert(fc.property(fc.integer({ min: 1, max: wholeBytes - 1 }), (length) => {
      const cut = bytes.slice(0, length);
      const lines = new TextDecoder().decode(cut).replace(/\uFFFD$/, '').trimEnd().split('\n').length;
      expect(openedAs(cut)).toBe(`This plan file looks cut off: it ends on line ${lines.toLocaleString('en')} before the plan does (a copy or download that did not finish?). Open a complete copy of it; nothing was opened or changed.`);
    }), { numRuns: 300 });
  });

  it('an empty file says it is empty', () => {
    expect(openedAs(new Uint8Array())).toBe('This plan file is empty: it holds no plan (a copy or download that did not finish?). Nothing was opened or changed.');
  });

  it('a typo inside the file (a missing comma, a stray bracket) is still named by its line, not called cut off', () => {
    const text = new TextDecoder().decode(planFileBytes());
    const missingComma = text.replace('"version": 3,', '"version": 3');
    expect(openedAs(new TextEncoder().encode(missingComma))).toMatch(/^This is not a Throughline plan file: line 4 is not valid JSON/);
    const strayBracket = text.replace('"nodes": [', '"nodes": [[');
    expect(openedAs(new TextEncoder().encode(strayBracket))).toMatch(/^This is not a Throughline plan file: line \d+ is not valid JSON/);
  });
});
