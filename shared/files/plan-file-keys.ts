/**
 * A key named `__proto__` in a plan file. JSON.parse keeps it as an ordinary key, but every object built from it
 * afterwards (the schema's records: people, teams, periods, a node's fields) assigns it, and assigning
 * `__proto__` sets the object's prototype instead of adding an entry: a person, team or period under that id
 * was dropped without a word, the owners naming it left pointing at nothing (review46a F3). No Throughline
 * writes such a key (ids are generated), so a file holding one was made by hand or to break the plan: refused,
 * with where it is.
 */
import { fileProblem, type FileProblem } from './file-problem.js';

const PROTOTYPE_KEY = '__proto__';

/** Where the first `__proto__` key in parsed JSON is (`people`, `nodes[3].fields`), or null when there is none. */
export function prototypeKeyPath(raw: unknown): string | null {
  // Depth-first with an explicit stack: a file's nesting is not bounded by the call stack's depth.
  const stack: { value: unknown; path: string }[] = [{ value: raw, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) stack.push({ value: value[index], path: `${path}[${index}]` });
      continue;
    }
    if (Object.hasOwn(value, PROTOTYPE_KEY)) return path || 'the file';
    for (const [key, item] of Object.entries(value).reverse()) stack.push({ value: item, path: path ? `${path}.${key}` : key });
  }
  return null;
}

/**
 * The refusal of a file holding a `__proto__` key, or null. `text` is the file's JSON: only a file that spells
 * the key, or escapes any character (`"\u005f_proto__"` is the same key), is walked.
 */
export function prototypeKeyProblem(text: string, raw: unknown): FileProblem | null {
  if (!text.includes(PROTOTYPE_KEY) && !text.includes('\\u')) return null;
  const path = prototypeKeyPath(raw);
  if (path === null) return null;
  return fileProblem('invalid-plan-file', `The plan file is damaged: ${path} holds an entry named "${PROTOTYPE_KEY}", a name no Throughline writes and no plan can keep (it is not an id); nothing was opened.`, null);
}
