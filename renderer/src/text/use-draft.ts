import { useState } from 'react';

/**
 * A one-line field's draft and the stored text it was typed over, for fields saved when left (the
 * People & teams rows). As the detail panel's title and description (useTextDraft in DetailPanel.tsx)
 * and FieldEditor: a change from elsewhere replaces an untouched draft and never one being typed, so
 * a collaborator's save does not empty the field under someone's fingers; `changedMeanwhile` says
 * that it happened.
 */
export function useDraft(stored: string) {
  const [edit, setEdit] = useState({ base: stored, draft: stored });
  const touched = edit.draft !== edit.base;
  const draft = touched ? edit.draft : stored;
  const base = touched ? edit.base : stored;
  return {
    draft,
    touched,
    /** True when the stored text changed while this person typed over it. */
    changedMeanwhile: touched && base !== stored,
    type: (next: string) => setEdit({ base, draft: next }),
    /** The draft was saved (or given up): the field follows the stored text again. */
    settle: () => setEdit({ base: stored, draft: stored }),
  };
}
