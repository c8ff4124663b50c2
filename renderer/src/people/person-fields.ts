import { TEXT_LIMITS } from '../../../shared/model/text-limits.js';
import { isEmailAddress } from '../../../shared/text/email-address.js';
import { typedTextProblem } from '../outline/labels.js';

/** A person's fields edited in their People & teams row. */
export type PersonField = 'name' | 'email' | 'role';

/**
 * What a person's field saves, from what was typed: trimmed, as adding a person trims the name
 * (an edited name kept its spaces, "  Ada King  "), an empty e-mail or role cleared; or why it cannot
 * be saved, in the words of the row (the model's message began "UpdatePerson: name …").
 */
export function typedPersonField(field: PersonField, typed: string): { value: string | null } | { problem: string } {
  const text = typed.trim();
  if (field === 'name') {
    if (text === '') return { problem: 'A person needs a name: type one, or press Escape to keep the one they have.' };
    const problem = typedTextProblem('name', text, TEXT_LIMITS.name);
    return problem ? { problem } : { value: text };
  }
  if (text === '') return { value: null };
  if (field === 'role') {
    const problem = typedTextProblem('role', text, TEXT_LIMITS.name);
    return problem ? { problem } : { value: text };
  }
  return isEmailAddress(text) ? { value: text }
    : { problem: `“${text.length > 80 ? `${text.slice(0, 80)}…` : text}” is not an e-mail address: it needs a name, an @ and a domain, like ada@example.com.` };
}
