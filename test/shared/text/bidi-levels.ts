/**
 * A small model of UAX #9's explicit stack (X1–X8, no depth limit), for tests of text that puts other
 * people's names inside our sentences: which of our characters a name's controls would reach.
 */
const FSI = '\u2068';
const PDI = '\u2069';

/** For each character of `text`, the explicit directional stack it sits in ('' = the paragraph's own level). */
export function explicitStacks(text: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const char of text) {
    if ('\u202a\u202b\u202d\u202e'.includes(char)) { out.push(stack.join('')); stack.push('e'); continue; }
    if ('\u2066\u2067\u2068'.includes(char)) { out.push(stack.join('')); stack.push('i'); continue; }
    if (char === '\u202c') { if (stack.at(-1) === 'e') stack.pop(); } else if (char === PDI) { const at = stack.lastIndexOf('i'); if (at >= 0) stack.length = at; }
    out.push(stack.join(''));
  }
  return out;
}

/**
 * The characters of `line` outside every isolate (our words) that are not at the outermost level,
 * as "index (char)" strings: empty when no name in the line can reorder the words around it.
 */
export function displacedWords(line: string): string[] {
  const stackAt = explicitStacks(line);
  const displaced: string[] = [];
  let depth = 0;
  [...line].forEach((char, index) => {
    if (depth === 0 && char !== FSI && stackAt[index] !== '') displaced.push(`${index} (${JSON.stringify(char)})`);
    if ('\u2066\u2067\u2068'.includes(char)) depth += 1;
    else if (char === PDI && depth > 0) depth -= 1;
  });
  return displaced;
}
