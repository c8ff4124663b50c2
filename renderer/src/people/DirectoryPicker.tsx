import { useEffect, useId, useRef, useState, type AriaAttributes, type KeyboardEvent } from 'react';
import { prepareChoices, searchDirectory, type DirectoryChoice, type PreparedChoice } from './directory-search.js';
import { isComposingKey } from '../text/composing';
import { ShownText } from '../outline/ShownText.js';
import { editableText } from '../../../shared/text/control-characters.js';

interface DirectoryPickerProps extends Pick<AriaAttributes, 'aria-invalid' | 'aria-describedby' | 'aria-label'> {
  id?: string;
  className?: string;
  /** The chosen person's or team's id, '' for none. */
  value: string;
  /** The chosen one's name as it shows closed; undefined for none (or not found). */
  currentName: string | undefined;
  /** The choice of none ("Unassigned", "Anyone"), offered first when nothing is typed; absent where there is none. */
  noneLabel?: string;
  /** What the popup lists, for its name ("People", "Teams"). */
  kind: string;
  /** Every choice, asked only when the popup opens: a closed picker never walks the directory. */
  choices(): readonly DirectoryChoice[];
  /** Changes when the directory does (the plan's directory of this version): an open popup asks again. */
  source: unknown;
  disabled?: boolean;
  onChange(value: string): void;
}

/** An option of the open popup: a person or team, or the choice of none. */
type Offered = { id: string; name: string; note: string };

interface Open {
  /** What was typed since opening; null until something is (the input shows the current name, selected). */
  typed: string | null;
  highlighted: number;
}

/**
 * A person or team picker for a company's directory (10,000 people, 2,000 teams): a WAI-ARIA 1.2
 * combobox with a listbox popup, filtered as one types (directory-search.ts). Hand-written, not
 * downshift: its combobox picks the highlighted option on Tab and clears the choice on Escape, the two
 * things this picker must not do, and the ranking and the "more" line are ours either way.
 */
export function DirectoryPicker({ id, className = '', value, currentName, noneLabel, kind, choices, source, disabled, onChange, ...aria }: DirectoryPickerProps) {
  const ownId = useId();
  const inputId = id ?? `${ownId}-input`;
  const listId = `${ownId}-list`;
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [open, setOpen] = useState<Open | null>(null);
  // The choices folded when first opened and again only for a new version of the directory (a team
  // someone adds while the popup is open shows up): never before the picker is reached, and reopening
  // on the same version costs nothing (10,000 people took ~170 ms to fold on a loaded machine).
  const prepared = useRef<{ source: unknown; choices: readonly PreparedChoice[] } | null>(null);
  const preparedChoices = () => {
    const cached = prepared.current;
    if (cached && cached.source === source) return cached.choices;
    const fresh = { source, choices: prepareChoices(choices()) };
    prepared.current = fresh;
    return fresh.choices;
  };

  const offered = open ? offeredFor(preparedChoices(), open, value, noneLabel) : { options: [], more: 0 };
  const highlighted = open ? offered.options[open.highlighted] : undefined;
  const optionId = (index: number) => `${ownId}-option-${index}`;

  // After Escape the current name is back, selected: typing again replaces it, as on the first reach.
  const reselect = useRef(false);
  useEffect(() => {
    if (!reselect.current) return;
    reselect.current = false;
    input.current?.select();
  });
  useEffect(() => {
    if (!open) return;
    list.current?.querySelector(`[data-index="${open.highlighted}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [open]);

  const openWith = (typed: string | null) => {
    const next: Open = { typed, highlighted: 0 };
    next.highlighted = initialHighlight(offeredFor(preparedChoices(), next, value, noneLabel).options, typed, value);
    setOpen(next);
  };
  const close = () => setOpen(null);
  const pick = (option: Offered) => {
    close();
    if (option.id !== value) onChange(option.id);
  };
  const move = (to: number) => {
    if (!open || offered.options.length === 0) return;
    setOpen({ ...open, highlighted: Math.max(0, Math.min(offered.options.length - 1, to)) });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (isComposingKey(event)) return;
    const key = event.key;
    if (!open) {
      if (key === 'ArrowDown' || key === 'ArrowUp') { event.preventDefault(); openWith(null); input.current?.select(); }
      return;
    }
    if (key === 'ArrowDown') move(open.highlighted + 1);
    else if (key === 'ArrowUp') move(open.highlighted - 1);
    else if (key === 'Home') move(0);
    else if (key === 'End') move(offered.options.length - 1);
    else if (key === 'PageDown') move(open.highlighted + 10);
    else if (key === 'PageUp') move(open.highlighted - 10);
    else if (key === 'Enter') { if (highlighted) pick(highlighted); }
    // Closes and puts back the current name; the dialog around it stays open.
    else if (key === 'Escape') { close(); reselect.current = true; event.stopPropagation(); }
    // Tab leaves without changing anything (downshift's picks the highlighted one).
    else if (key === 'Tab') { close(); return; }
    else return;
    event.preventDefault();
  };

  // Closed, the chosen name's control characters and overrides are named, ‹RLO›, as the title field names them
  // (an input cannot hold a chip; an override drawn raw reads as a name it is not, review40b F9).
  const shownText = open?.typed ?? (currentName === undefined ? '' : editableText(currentName));
  return (
    <div className={`directory-picker ${className}`}>
      <input ref={input} id={inputId} className="input directory-picker-input" type="text" role="combobox" {...aria}
        aria-autocomplete="list" aria-expanded={open !== null} aria-controls={listId}
        aria-activedescendant={open && highlighted ? optionId(open.highlighted) : undefined}
        autoComplete="off" spellCheck={false} disabled={disabled}
        value={shownText} placeholder={noneLabel ?? ''}
        onChange={(event) => openWith(event.target.value)}
        // Reached, the name is selected: what is typed replaces it (as a tab into a text field does).
        onFocus={(event) => event.currentTarget.select()}
        onClick={() => { if (!open) { openWith(null); input.current?.select(); } }}
        onKeyDown={onKeyDown}
        onBlur={close} />
      {open && (
        // Pressing in the popup keeps the focus in the input (and the popup open until the click picks).
        <div className="directory-picker-popup" onMouseDown={(event) => event.preventDefault()}>
          <ul ref={list} id={listId} role="listbox" aria-label={kind} className="directory-picker-list">
            {offered.options.map((option, index) => (
              <li key={option.id === '' ? '\u0000none' : option.id} id={optionId(index)} data-index={index} role="option"
                aria-selected={index === open.highlighted}
                className={`directory-picker-option${option.id === value ? ' current' : ''}`}
                onMouseMove={() => { if (index !== open.highlighted) setOpen({ ...open, highlighted: index }); }}
                onClick={() => pick(option)}>
                {/* bdi: a right-to-left name turns only itself around, not the note beside it; a stored override
                    or control character in it is named as a chip, as the outline names it (review40b F9). */}
                <bdi className="directory-picker-name"><ShownText text={option.name} /></bdi>
                {option.note && <bdi className="directory-picker-note">{option.note}</bdi>}
              </li>
            ))}
          </ul>
          {offered.options.length === 0 && <p className="directory-picker-more">No match</p>}
          {offered.more > 0 && <p className="directory-picker-more">{`${offered.more.toLocaleString()} more — keep typing`}</p>}
        </div>
      )}
    </div>
  );
}

/** The options shown: the choice of none first when nothing is typed, then the search's. */
function offeredFor(prepared: readonly PreparedChoice[], open: Open, value: string, noneLabel: string | undefined): { options: Offered[]; more: number } {
  const typed = open.typed ?? '';
  const found = searchDirectory(prepared, typed, { currentId: value || undefined });
  const none = noneLabel !== undefined && typed.trim() === '' ? [{ id: '', name: noneLabel, note: '' }] : [];
  return { options: [...none, ...found.shown], more: found.more };
}

/** Opened: the current choice highlighted; typed: the best match, so Enter picks it. */
function initialHighlight(options: readonly Offered[], typed: string | null, value: string): number {
  if (typed !== null && typed.trim() !== '') return 0;
  return Math.max(0, options.findIndex((option) => option.id === value));
}
