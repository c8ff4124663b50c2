/** Problems with a file, as values: what went wrong, in words a user can act on, and where. */

export type FileProblemCode =
  | 'too-large' | 'binary' | 'encoding' | 'wrong-format' | 'malformed-csv' | 'malformed-xlsx' | 'malformed-json'
  | 'too-many-rows' | 'too-many-columns' | 'cell-too-long' | 'empty' | 'no-header' | 'no-title-column'
  | 'bad-number' | 'bad-date' | 'bad-period' | 'bad-type' | 'bad-parent' | 'duplicate-id' | 'cycle'
  | 'newer-version' | 'invalid-plan-file' | 'rejected-by-plan' | 'read-only' | 'strategy-title'
  | 'removed-meanwhile';

/** One problem; `row` is the 1-based spreadsheet row (null when it concerns the whole file). */
export interface FileProblem {
  code: FileProblemCode;
  message: string;
  row: number | null;
}

export function fileProblem(code: FileProblemCode, message: string, row: number | null): FileProblem {
  return { code, message, row };
}
