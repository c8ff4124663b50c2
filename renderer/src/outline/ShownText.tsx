import { Fragment } from 'react';
import { shownTextRuns } from '../../../shared/text/control-characters.js';

/**
 * Stored text with each control character in it drawn as a small named chip ("BEL"), not as its
 * Control Pictures sign (␇), which many fonts (DejaVu among them) draw as an empty box. The chip
 * reads as its letters in the row's accessible name ("Win NUL DACH").
 */
export function ShownText({ text, multiLine = false }: { text: string; multiLine?: boolean }) {
  return (
    <>
      {shownTextRuns(text, multiLine).map((run, index) => ('text' in run
        ? <Fragment key={index}>{run.text}</Fragment>
        : <ControlChip key={index} abbreviation={run.abbreviation} code={run.code} inName />))}
    </>
  );
}

/**
 * One control character, named in letters every font has. `inName`: it sits in text whose accessible
 * name already reads it as its letters (an outline row's "Win NUL DACH"), so it is plain text there;
 * elsewhere it is an image named "control character NUL, U+0000".
 */
export function ControlChip({ abbreviation, code, inName = false }: { abbreviation: string; code: string; inName?: boolean }) {
  const name = `control character ${abbreviation === code ? code : `${abbreviation}, ${code}`}`;
  if (inName) return <span className="control-chip" title={name}>{abbreviation}</span>;
  return <span className="control-chip" role="img" aria-label={name} title={name}>{abbreviation}</span>;
}

/**
 * A title shown on its own (a breadcrumb, a link, a list of work): its control characters and overrides named
 * as chips, as the outline row shows them (an override drawn raw makes it read as text it does not say, review40b
 * F9), and "Untitled" for none.
 */
export function ShownTitle({ text }: { text: string }) {
  // In its own isolate (review46c F4): a right-to-left title beside our words, a "›" or a number keeps its order.
  return <bdi>{text === '' ? 'Untitled' : <ShownText text={text} />}</bdi>;
}
