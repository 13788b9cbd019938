// The format-version policy, decided once for every file bva reads and writes (answers files and
// catalogues). Files live for years and colleagues run different versions of bva, so:
// - every field a newer bva adds is optional, and a file that uses none of them carries no
//   `format:` key at all, so the oldest bva still reads it;
// - a file that uses something bva 0.1 did not know says so with `format: 2` at the top (bva's
//   writer adds it when it saves such a file; by hand, validate warns until it is there);
// - a bva that meets a format newer than it reads refuses the file in one line ("written by a
//   newer bva") instead of listing every field it does not know.
// Which format a file needs is decided by the frozen schemas of the older formats, not by a list
// of fields kept by hand: a file needs format 1 exactly when bva 0.1's own schema accepts it.
import validateAnswersFormat1 from '../generated/validate-answers-format-1.js';
import validateCatalogueFormat1 from '../generated/validate-catalogue-format-1.js';
import { InputError } from '../errors.js';
import { warning, type Problem } from './problem.js';
import type { Validator } from './load.js';

/** The kinds of file that carry a format. */
export type FormattedKind = 'answers' | 'catalogue';

/** The newest format this bva reads and writes. */
export const CURRENT_FORMAT = 2;

/** The frozen schema of each older format, oldest first: FROZEN[k][i] is format i + 1. */
const FROZEN: Record<FormattedKind, readonly Validator[]> = {
  answers: [validateAnswersFormat1],
  catalogue: [validateCatalogueFormat1],
};

const NOUN: Record<FormattedKind, string> = { answers: 'answers file', catalogue: 'catalogue' };

/** The bva release that first wrote each format after the first. */
const INTRODUCED_IN: Readonly<Record<number, string>> = { 2: '0.2' };

/** The format a document declares (1 when it has no `format:` key); undefined when the key is not a whole number (the schema says so). */
export function declaredFormat(data: unknown): number | undefined {
  const value = (data as Record<string, unknown> | null)?.['format'];
  if (value === undefined) return 1;
  return Number.isInteger(value) && (value as number) >= 1 ? (value as number) : undefined;
}

/** The lowest format that holds this document: the first older format whose schema accepts it, else the current one. */
export function formatNeeded(kind: FormattedKind, data: unknown): number {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 1;
  const { format: _declared, ...rest } = data as Record<string, unknown>;
  const frozen = FROZEN[kind];
  for (let i = 0; i < frozen.length; i++) if (frozen[i]!(rest)) return i + 1;
  return CURRENT_FORMAT;
}

/** A file this bva is too old to read: refused before its fields are checked (exit 2). */
export class NewerFormatError extends InputError {}

/** True when a document declares a format newer than this bva reads. */
export function isNewerFormat(data: unknown): boolean {
  return (declaredFormat(data) ?? 0) > CURRENT_FORMAT;
}

/**
 * The refusal of a document whose declared format is newer than this bva reads (see
 * isNewerFormat). `where` is the file and the position of its `format:` key, as `FILE:LINE:COL`.
 */
export function newerFormatError(kind: FormattedKind, data: unknown, where: string): NewerFormatError {
  return new NewerFormatError(
    `${where}: written by a newer bva: this ${NOUN[kind]} is format ${String(declaredFormat(data))}, and this bva reads formats 1 to ${CURRENT_FORMAT}; upgrade bva to read or change it`,
  );
}

/** A warning for a document that uses a newer format's fields without saying so, or none. */
export function undeclaredFormatProblem(kind: FormattedKind, data: unknown): Problem | undefined {
  const declared = declaredFormat(data);
  // A file that declares the current format needs no more; the frozen schemas are not run for it.
  if (declared === undefined || declared >= CURRENT_FORMAT) return undefined;
  const needed = formatNeeded(kind, data);
  if (needed <= declared) return undefined;
  return warning(
    'format-undeclared',
    `this ${NOUN[kind]} uses fields that bva before ${INTRODUCED_IN[needed] ?? 'this one'} does not know: add "format: ${needed}" as its first key, so an older bva says it needs upgrading instead of listing errors`,
    [],
  );
}
