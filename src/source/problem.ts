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
  | 'stopped-reading'
  | 'yaml-complex-key'
  | 'duplicate-key'
  | 'wrong-kind-of-file'
  | 'misplaced-key'
  // editing
  | 'yaml-shared-value'
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

/** A path as a JSON Pointer (`/themes/leadership`), the way a schema validator names a place. */
export const pointerOf = (path: DocPath): string => path.map(pointerStep).join('');

const pointerStep = (seg: string | number): string => `/${String(seg).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Places in a document, asked whether a place is one of them or inside one: a look-up per step of
 * the place's path, so asking about many places costs in proportion to their number, however many
 * places the set holds.
 */
export class PathSet {
  readonly #pointers = new Set<string>();

  constructor(paths: Iterable<DocPath> = []) {
    for (const path of paths) this.add(path);
  }

  add(path: DocPath): void {
    this.#pointers.add(pointerOf(path));
  }

  get size(): number {
    return this.#pointers.size;
  }

  /** True when `path` is in the set, or inside a place that is. */
  covers(path: DocPath): boolean {
    if (this.#pointers.size === 0) return false;
    let pointer = '';
    if (this.#pointers.has(pointer)) return true;
    for (const seg of path) if (this.#pointers.has((pointer += pointerStep(seg)))) return true;
    return false;
  }

  /** The same, for a place named by its JSON Pointer. */
  coversPointer(pointer: string): boolean {
    if (this.#pointers.size === 0) return false;
    if (this.#pointers.has('')) return true;
    for (let at = pointer.indexOf('/', 1); at !== -1; at = pointer.indexOf('/', at + 1)) if (this.#pointers.has(pointer.slice(0, at))) return true;
    return this.#pointers.has(pointer);
  }
}

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

/**
 * A problem whose message is worked out the first time it is read: a file with many thousands of
 * problems lists only some (see render/problems.ts), and the words of the rest (a "did you mean"
 * among them) need never be made. A class, so that each of many thousand is a small object.
 */
class LazyProblem implements Problem {
  declare readonly anchor?: Anchor;
  declare readonly offset?: number;
  declare readonly related?: NonNullable<Problem['related']>;
  #message: string | (() => string);

  constructor(
    readonly severity: Severity,
    readonly code: ProblemCode,
    message: () => string,
    readonly path: DocPath,
    extra: Partial<Problem>,
  ) {
    this.#message = message;
    if (extra.anchor !== undefined) (this as { anchor?: Anchor }).anchor = extra.anchor;
    if (extra.offset !== undefined) (this as { offset?: number }).offset = extra.offset;
    if (extra.related !== undefined) (this as { related?: NonNullable<Problem['related']> }).related = extra.related;
  }

  get message(): string {
    if (typeof this.#message !== 'string') this.#message = this.#message();
    return this.#message;
  }
}

function problem(severity: Severity, code: ProblemCode, message: string | (() => string), path: DocPath, extra: Partial<Problem>): Problem {
  return typeof message === 'string' ? { severity, code, message, path, ...extra } : new LazyProblem(severity, code, message, path, extra);
}

/**
 * The most problems listed for one file. A file can hold hundreds of thousands (every line an
 * unknown key): past this many nobody reads them, and listing them would cost more than checking
 * the file. Counts always count them all.
 */
export const MAX_LISTED = 1000;

/**
 * A problem placed in its file, its message, line and column worked out from the problem and its
 * offset only when read: what a file's problems past the first MAX_LISTED are (see
 * Locator.locateAll), most of which are only counted.
 */
export class PlacedProblem implements LocatedProblem {
  readonly #problem: Pick<Problem, 'message'>;
  /** An offset in the file until the position is first asked for; then the position. */
  #place: number | Position;
  readonly #position: (offset: number) => Position;
  readonly severity: Severity;
  readonly code: ProblemCode;

  constructor(
    readonly file: string,
    problem: Pick<Problem, 'severity' | 'code' | 'message'>,
    place: number | Position,
    position: (offset: number) => Position,
  ) {
    this.#problem = problem;
    this.#place = place;
    this.#position = position;
    this.severity = problem.severity;
    this.code = problem.code;
  }

  #where(): Position {
    if (typeof this.#place === 'number') this.#place = this.#position(this.#place);
    return this.#place;
  }

  get line(): number {
    return this.#where().line;
  }

  get col(): number {
    return this.#where().col;
  }

  get message(): string {
    return this.#problem.message;
  }

  /** As JSON, the same fields a plain located problem has. */
  toJSON(): LocatedProblem {
    return { file: this.file, line: this.line, col: this.col, severity: this.severity, code: this.code, message: this.message };
  }
}

export const error = (code: ProblemCode, message: string | (() => string), path: DocPath, extra: Partial<Problem> = {}): Problem => problem('error', code, message, path, extra);

export const warning = (code: ProblemCode, message: string | (() => string), path: DocPath, extra: Partial<Problem> = {}): Problem => problem('warning', code, message, path, extra);

/** A located problem as a plain object, its message made. */
export const plainProblem = (p: LocatedProblem): LocatedProblem => ({ file: p.file, line: p.line, col: p.col, severity: p.severity, code: p.code, message: p.message });

/**
 * Problems as every output lists them: a file's errors first, then its warnings, each in reading
 * order (by line, then column), so the one problem that stops a command is never lost below a
 * screenful of "unanswered" warnings.
 */
export function sortProblems<T extends LocatedProblem>(problems: readonly T[]): T[] {
  return [...problems].sort(
    (a, b) =>
      (a.file === b.file ? 0 : a.file.localeCompare(b.file)) ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.line - b.line ||
      a.col - b.col,
  );
}

export const isError = (p: { severity: Severity }): boolean => p.severity === 'error';

/** Quotes a value for a message: JSON-style, so whitespace and odd characters are visible. */
export function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const shown = s.length > 60 ? `${s.slice(0, 57)}...` : s;
  return JSON.stringify(shown);
}
