import { DEFAULT_REMOVED_CHOICE, type RemovedChoice, type RemovedNamed } from '../../../shared/files/index.js';
import type { PlanIndex } from '../../../shared/model/index.js';
import { formatPlanDayTime } from '../outline/labels.js';
import { removedByName } from '../../../shared/model/removed.js';

/** How many row numbers a question lists; the rest are counted. */
const ROWS_LISTED = 8;

function rowsText(rows: readonly number[]): string {
  const listed = rows.slice(0, ROWS_LISTED);
  const rest = rows.length - listed.length;
  const words = listed.length === 1 ? `row ${listed[0]}` : `rows ${listed.slice(0, -1).join(', ')}${rest > 0 ? `, ${listed[listed.length - 1]}` : ` and ${listed[listed.length - 1]}`}`;
  return rest > 0 ? `${words} and ${rest.toLocaleString('en')} more` : words;
}

/** The three answers, in words for a person or a team. */
function answers(entry: RemovedNamed): { value: RemovedChoice; label: string; hint: string }[] {
  const { name } = entry;
  if (entry.what === 'person') {
    return [
      { value: 'keep-removed', label: `Name ${name} as removed`, hint: `The rows show “${name} (removed)”; anyone can choose another owner later.` },
      { value: 'restore', label: `Restore ${name}`, hint: `${name} is back in the plan, with everything kept about them, and owns these rows.` },
      { value: 'add-new', label: `Add a new person named ${name}`, hint: `A second “${name}” beside the removed one.` },
    ];
  }
  return [
    { value: 'keep-removed', label: `Name team ${name} as removed`, hint: 'Their work counts under the team above, as other work of a removed team does.' },
    { value: 'restore', label: `Restore team ${name}`, hint: `${name} is back in the plan, with its sub-teams under it again.` },
    { value: 'add-new', label: `Add a new team named ${name}`, hint: `A second “${name}” beside the removed one.` },
  ];
}

/**
 * The import preview's question about removed people and teams the file names (people38): for each,
 * who removed it and when, the rows naming it, and what the rows get — named as removed (the default),
 * restored, or a new one added beside it. Radio groups: arrows move between the answers.
 */
export function ImportRemovedChoices({ named, choices, index, disabled, onChoose }: {
  named: readonly RemovedNamed[];
  choices: ReadonlyMap<string, RemovedChoice>;
  index: PlanIndex;
  disabled: boolean;
  onChoose(id: string, choice: RemovedChoice): void;
}) {
  if (named.length === 0) return null;
  return (
    <section className="import-removed" aria-label="Removed from the plan">
      <h3 className="import-preview-title">Named in the file, removed from the plan</h3>
      {named.map((entry) => {
        const by = removedByName(index, entry.removed);
        const chosen = choices.get(entry.id) ?? DEFAULT_REMOVED_CHOICE;
        const who = entry.what === 'person' ? entry.name : `The team ${entry.name}`;
        return (
          <fieldset key={entry.id} className="import-removed-entry" disabled={disabled}>
            <legend>
              <bdi>{who}</bdi> was removed from the plan{by ? <> by <bdi>{by}</bdi></> : null} on {formatPlanDayTime(entry.removed.at, index.timeZone)}; {entry.rows.length === 1 ? '1 row names' : `${entry.rows.length.toLocaleString('en')} rows name`} {entry.what === 'person' ? <bdi>{entry.name}</bdi> : 'it'} ({rowsText(entry.rows)}).
            </legend>
            {answers(entry).map((answer) => (
              <label key={answer.value} className="import-removed-answer">
                <input type="radio" name={`removed-${entry.id}`} value={answer.value} checked={chosen === answer.value} onChange={() => onChoose(entry.id, answer.value)} />
                <span><span className="import-removed-label">{answer.label}</span> <span className="import-removed-hint">{answer.hint}</span></span>
              </label>
            ))}
          </fieldset>
        );
      })}
    </section>
  );
}
