import { Fragment } from 'react';
import { storedControlCharacters } from '../outline/labels.js';
import { ControlChip } from '../outline/ShownText.js';

/**
 * Under a rename field whose stored text holds control characters (from an old file or another
 * client): names each one in a chip readable in any font ("BEL"; the field's sign ␇ is a box in
 * many fonts), and removes them in one click. Nothing is saved until the person saves the field;
 * left untouched, the stored text stays as it was.
 */
export function StoredControlCharacters({ what, stored, id, onRemove }: { what: string; stored: string; id: string; onRemove(): void }) {
  const found = storedControlCharacters(stored);
  if (!found) return null;
  return (
    <span className="field-hint stored-control" id={id} role="status">
      The stored {what} holds {found.length === 1 ? 'a control character' : 'control characters'}:{' '}
      {found.map((char, index) => (
        <Fragment key={char.code}>
          {index > 0 && ', '}
          <ControlChip abbreviation={char.abbreviation} code={char.code} /> ({char.code}, shown as {char.shownAs === ' ' ? 'a space' : char.shownAs})
        </Fragment>
      ))}.{' '}
      {/* Pressed with the mouse, the field keeps the focus (a blur would end an outline rename). */}
      <button type="button" className="link-button" onMouseDown={(event) => event.preventDefault()} onClick={(event) => { event.stopPropagation(); onRemove(); }}>
        Remove {found.length > 1 ? 'them' : 'it'}
      </button>
    </span>
  );
}
