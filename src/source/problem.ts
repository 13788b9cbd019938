// Problems found in a file: what is wrong, where (a path into the document, then a line and
// column once located), and how serious. Every loader returns these instead of throwing.

/** Every kind of problem bva reports, so tests and tools can match on a code, not on wording. */
export type ProblemCode =
  // reading and parsing
  | 'empty-file'
  | 'yaml-syntax'
  | 'yaml-colon-in-text'
  | 'yaml-unclosed-quote'
  | 'yaml-tab-indent'
  | 'yaml-indent'
  | 'yaml-tag'
  | 'yaml-alias-limit'
  | 'yaml-too-deep'
  | 'yaml-complex-key'
  | 'duplicate-key'
  | 'wrong-kind-of-file'
  | 'misplaced-key'
  // schema
  | 'schema'
  | 'unknown-key'
  | 'missing-key'
  | 'wrong-type'
  | 'bad-format'
  // the format-version policy
  | 'format-undeclared'
  // catalogue semantics
  | 'duplicate-id'
  | 'unsafe-id'
  | 'missing-scale'
  | 'unused-scale'
  | 'duplicate-level'
  | 'reserved-word'
  | 'no-red-flag-level'
  | 'scale-order'
  | 'missing-reference'
  | 'missing-draft'
  // the project configuration
  | 'config-catalogue'
  // a catalogue's crosswalk to the one it replaces
  | 'crosswalk-conflict'
  | 'crosswalk-unknown-id'
  | 'crosswalk-unaccounted'
  | 'crosswalk-undeclared'
  | 'crosswalk-unchecked'
  // answers against the catalogue
  | 'unknown-catalogue'
  | 'catalogue-mismatch'
  | 'unknown-theme'
  | 'unknown-indicator'
  | 'indicator-in-wrong-theme'
  | 'rating-not-in-scale'
  | 'missing-reason'
  | 'reason-without-not-applicable'
  | 'not-a-date'
  | 'bad-period'
  | 'unanswered';

export type Severity = 'error' | 'warning';

/** A path into a parsed document: map keys and list indexes. */
export type DocPath = readonly (string | number)[];

/** Whether a problem points at a map key (an unknown key, a duplicate) or at a value. */
export type Anchor = 'key' | 'value';

/** A problem before it has a line and column. */
export interface Problem {
  readonly severity: Severity;
  readonly code: ProblemCode;
  readonly message: string;
  readonly path: DocPath;
  readonly anchor?: Anchor;
  /** Where the problem is as a source offset, for problems a path cannot name (syntax errors, a repeated key). */
  readonly offset?: number;
  /** A second place the message refers to, such as where a duplicated id first appears. */
  readonly related?: { readonly path: DocPath; readonly anchor?: Anchor; readonly label: string };
}

/** A 1-based line and column, as printed. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** A problem with its file and position, ready to print. */
export interface LocatedProblem extends Position {
  readonly file: string;
  readonly severity: Severity;
  readonly code: ProblemCode;
  /** The message, including the related position where there is one. */
  readonly message: string;
}

export const error = (code: ProblemCode, message: string, path: DocPath, extra: Partial<Problem> = {}): Problem => ({
  severity: 'error',
  code,
  message,
  path,
  ...extra,
});

export const warning = (code: ProblemCode, message: string, path: DocPath, extra: Partial<Problem> = {}): Problem => ({
  severity: 'warning',
  code,
  message,
  path,
  ...extra,
});

/**
 * Problems as every output lists them: a file's errors first, then its warnings, each in reading
 * order (by line, then column), so the one problem that stops a command is never lost below a
 * screenful of "unanswered" warnings.
 */
export function sortProblems<T extends LocatedProblem>(problems: readonly T[]): T[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.line - b.line || a.col - b.col,
  );
}

export const isError = (p: { severity: Severity }): boolean => p.severity === 'error';

/** Quotes a value for a message: JSON-style, so whitespace and odd characters are visible. */
export function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const shown = s.length > 60 ? `${s.slice(0, 57)}...` : s;
  return JSON.stringify(shown);
}
