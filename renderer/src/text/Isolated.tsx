import { Fragment } from 'react';
import { balancedBidiText, sentenceParts } from '../../../shared/text/bidi-isolation.js';
import { ShownText } from '../outline/ShownText.js';

/**
 * A person-supplied name or title inside one of our sentences, in its own bidi isolate: a right-to-left
 * override in it, or a right-to-left name, cannot reorder the words around it (shared/text/bidi-isolation.ts).
 * The text reads the same to a screen reader and to a test; only its layout is contained. A control character
 * or an override stored in it (an older version's, a peer's) is named as a chip, as the outline names it: an
 * override drawn raw, even isolated, makes the name itself read as something it does not say (review40b F9).
 */
export function Isolated({ text }: { text: string }) {
  return <bdi><ShownText text={balancedBidiText(text)} /></bdi>;
}

/** Several names in a sentence, each isolated, joined as `joiner` says ("Ana, Ben" or "Ana and Ben"). */
export function IsolatedList({ texts, joiner = ', ' }: { texts: readonly string[]; joiner?: string }) {
  return <>{texts.map((text, index) => <Fragment key={index}>{index > 0 ? joiner : ''}<Isolated text={text} /></Fragment>)}</>;
}

/**
 * A sentence built as one string with its names isolated (`isolatedText`: a notice, a signal's message):
 * each name shown as `<bdi>`, so the page reads as the React-built sentences do.
 */
export function Sentence({ text }: { text: string }) {
  const parts = sentenceParts(text);
  if (parts.length === 1 && !parts[0]!.isolated) return <>{text}</>;
  return <>{parts.map((part, index) => (part.isolated ? <bdi key={index}><ShownText text={part.text} /></bdi> : <Fragment key={index}>{part.text}</Fragment>))}</>;
}
