import { storedControlCharactersHint } from '../outline/labels.js';

/**
 * Under a rename field whose stored text holds control characters (from an old file or another
 * client): says which, as the field shows them (signs), and removes them in one click. Nothing is
 * saved until the person saves the field; left untouched, the stored text stays as it was.
 */
export function StoredControlCharacters({ what, stored, id, onRemove }: { what: string; stored: string; id: string; onRemove(): void }) {
  const hint = storedControlCharactersHint(what, stored);
  if (!hint) return null;
  return (
    <span className="field-hint stored-control" id={id} role="status">
      {hint}{' '}
      {/* Pressed with the mouse, the field keeps the focus (a blur would end an outline rename). */}
      <button type="button" className="link-button" onMouseDown={(event) => event.preventDefault()} onClick={(event) => { event.stopPropagation(); onRemove(); }}>
        Remove {hint.includes('control characters') ? 'them' : 'it'}
      </button>
    </span>
  );
}
