import { defineCommand, planViewNames, type AnyCommand } from '../commands/command.js';

/** The check-in form that has the focus (the details' or the check-in dialog's: both may be on screen). */
export interface CheckInFormSurface {
  /** Adds the check-in as the form's button does: the same checks, the same refusals. */
  submit(): void;
}

// Heard in the check-in form only (its fields, checkboxes and button).
declare module '../commands/command.js' {
  interface Surfaces {
    checkInForm: CheckInFormSurface;
  }
}

/**
 * The check-in form's keys. Ctrl+Enter (⌘Enter on a Mac) adds the check-in from any of its fields, the note's
 * several lines included, where Enter is a new line (review43a F7): the app's Mod+Enter, as the outline's and the
 * canvas's "add a child", and the send key of chat and mail forms. Enter alone in the value field adds it too,
 * as any form's one-line field does.
 */
export const checkInCommands: readonly AnyCommand[] = [
  defineCommand({
    // Not marked `writes`: a viewer has no check-in form (its key is never heard), and the keyboard help, opened from
    // outside the form, listed it with the reason "Put the focus in a check-in form first".
    id: 'checkIn.add', label: 'Add the check-in', surface: 'checkInForm', views: planViewNames, keys: { all: ['Mod+Enter'] }, palette: false,
    unavailable: ({ surface }) => (surface ? null : 'Put the focus in a check-in form first.'),
    perform: ({ surface }) => surface?.submit(),
  }),
];
