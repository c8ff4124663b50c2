/** Indentation shown per level of the team hierarchy in a picker (a select's text keeps no other indent). */
const LEVEL = '\u00a0\u00a0\u00a0';
/** Deeper than this, teams line up: a chain of hostile depth must not push names off the menu. */
const MAX_SHOWN_DEPTH = 8;

/** A team's label in a picker: its name, indented under its parent. */
export function teamOptionLabel(name: string, depth: number): string {
  return LEVEL.repeat(Math.min(depth, MAX_SHOWN_DEPTH)) + name;
}
