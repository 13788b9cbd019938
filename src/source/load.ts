// Loading a YAML file into checked data: parse (fast, or careful with positions), check against
// the JSON Schema, run the semantic checks, and locate every problem. Returns a result; never throws
// for a problem in the file (only InputError for a file that cannot be read at all).
import type { ErrorObject } from 'ajv';
import { isNewerFormat, newerFormatError, undeclaredFormatProblem, type FormattedKind } from './format.js';
import { Locator } from './locate.js';
import { isError, error, PathSet, type DocPath, type LocatedProblem, type Problem } from './problem.js';
import type { TextFile } from './read.js';
import { schemaProblems } from './schema.js';
import { parsePositional, readFast, type PositionalYaml } from './yaml.js';
import { syntaxProblems } from './yaml-parts.js';
import { mayHaveOpenQuote } from './yaml-explain.js';

/** An ahead-of-time compiled JSON Schema validator. */
export type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** A loader's answer: the checked value with any warnings, or every problem found. */
export type LoadResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly LocatedProblem[] }
  | { readonly ok: false; readonly problems: readonly LocatedProblem[]; /** What the text reads as, when it parsed. */ readonly data?: unknown };

export interface LoadSpec<T> {
  /** The schema validator for the whole document. */
  readonly validate: Validator;
  /**
   * Checks beyond the schema. Runs even when the schema found problems, so every problem is
   * reported at once: it must read `data` defensively (it has not been proven to be a T).
   */
  readonly check?: (data: unknown, schemaOk: boolean) => Problem[] | Promise<Problem[]>;
  /** The kind of file, for the format-version policy (src/source/format.ts). */
  readonly format?: FormattedKind;
  /**
   * Recognises a file of another kind (a catalogue given where answers belong): the one problem
   * to report instead of every schema error the wrong kind of file would give.
   */
  readonly otherKind?: (data: Record<string, unknown>) => Problem | undefined;
  /**
   * What the person most likely did, where the problems are its consequences (see
   * src/answers/explain.ts): asked only of a file with problems, after the checks.
   */
  readonly explain?: (data: unknown) => Explanation;
  /**
   * Slips recognised from the data alone, each with what the person meant, which stands in for the
   * slip while the schema runs (see src/answers/explain.ts): so the errors the slip would cause are
   * never made, however many times it is repeated. Asked of every file, before the schema.
   */
  readonly standIns?: (data: unknown) => readonly StandIn[];
  /** Turns the checked data into the value returned (for example, resolves the catalogue). */
  readonly finish: (data: T) => T | Promise<T>;
}

/** Problems that say what the person did, and the places whose errors they replace (there and inside). */
export interface Explanation {
  readonly problems: readonly Problem[];
  readonly covered: PathSet;
}

/** A slip the data shows, said as a problem, and the value the person meant at its place. */
export interface StandIn {
  readonly problem: Problem;
  /** The place: a map's key or a list's index under a map or list the file holds. */
  readonly path: DocPath;
  readonly value: unknown;
}

/**
 * Runs `validate` with each stand-in's value at its place, then puts back what the file holds.
 * True when the schema accepts the data so amended.
 */
function validateWith(validate: Validator, data: unknown, standIns: readonly StandIn[]): boolean {
  const put = (path: DocPath, value: unknown): unknown => {
    let at = data as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1; i++) at = at[path[i]!] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    const was = at[last];
    at[last] = value;
    return was;
  };
  const held = standIns.map((s) => put(s.path, s.value));
  try {
    return validate(data);
  } finally {
    for (let i = standIns.length - 1; i >= 0; i--) put(standIns[i]!.path, held[i]);
  }
}

/** Loads one text file through the stages above. */
export async function loadYaml<T>(file: TextFile, spec: LoadSpec<T>): Promise<LoadResult<T>> {
  if (!hasContent(file.text)) {
    return { ok: false, problems: [{ file: file.path, line: 1, col: 1, severity: 'error', code: 'empty-file', message: 'the file is empty' }] };
  }
  // 1. Parse: fast when the text is well-formed; with positions otherwise.
  let positional: PositionalYaml | undefined;
  let data: unknown;
  const seen: { errorAt?: number } = {};
  const fast = readFast(file.text, seen);
  if (fast?.repeated) {
    // A repeated key, the only complaint: found by indentation where it can be, as the careful
    // parser would report it, without its cost (five times js-yaml's on a large file).
    const locator = new Locator(file.text);
    const repeated = locator.repeatedKeys(fast.data);
    if (repeated !== undefined && repeated.length > 0) return { ok: false, problems: await locator.locateAll(file, repeated) };
  }
  if (fast && !fast.repeated) {
    data = fast.data;
  } else {
    // A long text js-yaml could not read: read in part, from its first error (see syntaxProblems).
    const syntax = seen.errorAt === undefined ? undefined : await syntaxProblems(file.text, seen.errorAt);
    if (syntax !== undefined) return fail(file, undefined, syntax);
    positional = await parsePositional(file.text);
    if (positional.problems.length > 0) return fail(file, positional, positional.problems);
    data = positional.data;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const problem = error('wrong-type', 'the file must be a map of keys (key: value lines)', []);
    return fail(file, positional, [problem]);
  }
  // 2. A file written by a newer bva is refused in one line, before its fields are checked.
  if (spec.format && isNewerFormat(data)) {
    throw newerFormatError(spec.format, data, await positionOf(file, positional, ['format']));
  }
  const other = spec.otherKind?.(data as Record<string, unknown>);
  if (other) return fail(file, positional, [other]);
  // 3. The schema, then 4. the semantic checks. A slip the data shows is said once, in words, and
  // what the person meant stands in for it while the schema runs.
  const standIns = spec.standIns?.(data) ?? [];
  const schemaOk = (standIns.length === 0 ? spec.validate(data) : validateWith(spec.validate, data, standIns)) && standIns.length === 0;
  const errors = spec.validate.errors;
  // The validator keeps its last errors until it runs again: let them go (there may be thousands).
  spec.validate.errors = null;
  const undeclared = schemaOk && spec.format ? undeclaredFormatProblem(spec.format, data) : undefined;
  const checked = spec.check ? await spec.check(data, schemaOk) : [];
  if ((!schemaOk || checked.some(isError)) && !positional && mayHaveOpenQuote(file.text)) {
    // js-yaml reads on past a quote left open where yaml stops and says so: the open quote is the
    // problem to report, not the keys it swallowed.
    positional = await parsePositional(file.text);
    if (positional.problems.length > 0) return fail(file, positional, positional.problems);
  }
  // What the person most likely did, in place of the errors it caused: those errors are never made.
  const explained = spec.explain && (!schemaOk || undeclared || checked.length > 0) ? spec.explain(data) : undefined;
  const covered = explained?.covered ?? (standIns.length > 0 ? new PathSet() : undefined);
  for (const s of standIns) covered!.add(s.path);
  const kept = covered === undefined || covered.size === 0 ? checked : checked.filter((p) => !isError(p) || !covered.covers(p.path));
  // Concatenated, not pushed with ...: a spread of a hundred thousand problems overflows the stack.
  const problems = [...(explained?.problems ?? []), ...(undeclared ? [undeclared] : [])].concat(
    standIns.map((s) => s.problem),
    schemaProblems(errors, data, covered),
    kept,
  );
  if (problems.length > 0) {
    // 5. Positions are needed only now: by indentation where it can tell, else by the careful parse.
    const located = await new Locator(file.text, positional).locateAll(file, problems);
    if (problems.some(isError)) return { ok: false, problems: located, data };
    return { ok: true, value: await spec.finish(data as T), warnings: located };
  }
  return { ok: true, value: await spec.finish(data as T), warnings: [] };
}

async function fail<T>(file: TextFile, positional: PositionalYaml | undefined, problems: Problem[]): Promise<LoadResult<T>> {
  return { ok: false, problems: await new Locator(file.text, positional).locateAll(file, problems) };
}

/** `FILE:LINE:COL` of the value at a path. */
async function positionOf(file: TextFile, positional: PositionalYaml | undefined, path: DocPath): Promise<string> {
  const [p] = await new Locator(file.text, positional).locateAll(file, [error('wrong-type', '', path)]);
  return `${file.path}:${p!.line}:${p!.col}`;
}

/** True when some line holds more than white space and a comment. */
function hasContent(text: string): boolean {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (!/^[ \t]*(#.*)?\r?$/.test(text.slice(start, end))) return true;
    start = end + 1;
  }
  return false;
}
