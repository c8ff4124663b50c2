import type { z } from 'zod';

/**
 * The first problem zod found in a message, with where it was (`rows.3.2: expected number`), for an error
 * that names what broke a worker's protocol. One place, so every worker's refusal reads alike.
 */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not match the protocol';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
