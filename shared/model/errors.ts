/** Why an operation refused to run. Every code comes with a message naming the problem. */
export type PlanErrorCode =
  | 'invalid-input'
  | 'too-long'
  | 'out-of-range'
  | 'unknown-node'
  | 'unknown-person'
  | 'unknown-team'
  | 'removed-person'
  | 'removed-team'
  | 'not-removed'
  | 'unknown-period'
  | 'kind-not-allowed'
  | 'field-not-allowed'
  | 'not-finite'
  | 'invalid-date'
  | 'invalid-id'
  | 'duplicate-id'
  | 'cycle'
  | 'deleted-node'
  | 'not-deleted'
  | 'invalid-link'
  | 'read-only'
  /** A blocker raised as a new reason on an item already blocked, with no reason written. */
  | 'missing-reason';

/** A refused operation. Thrown before anything is written, so a failed operation changes nothing. */
export class PlanError extends Error {
  override readonly name = 'PlanError';
  constructor(
    readonly code: PlanErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True if `error` is a PlanError (optionally with the given code). */
export function isPlanError(error: unknown, code?: PlanErrorCode): error is PlanError {
  return error instanceof PlanError && (code === undefined || error.code === code);
}
