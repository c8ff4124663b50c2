/**
 * What every operation needs from its host: a clock, an id source and who is acting. shared/ never
 * reads the clock or a random source itself, so tests pin both.
 */
export interface PlanContext {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** A fresh unique id matching NODE_ID_PATTERN (e.g. a UUID or a nanoid). */
  newId(): string;
  /** Who is acting: a person id of the plan, or a user id of the host. */
  readonly actor: string;
}

/**
 * The transaction origin of local operations. Y.UndoManager tracks only this origin, so a user
 * undoes their own changes and never a collaborator's.
 */
export class LocalOrigin {
  constructor(readonly actor: string) {}
}
