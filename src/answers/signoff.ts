// Sign-off that notices later edits: a theme's sign-off records a digest of what was signed, so
// bva check and the report can say when the answers changed afterwards, and which indicators.
// The digest is over a canonical form of the data (not the text), so comments, quoting, folding
// and key order never matter; only what the answers say does. The canonical form and the digest
// are a promise kept across versions of bva (the README documents them; a test fixes a vector).
import { sha256 } from '../source/digest.js';
import type { Change } from './edit.js';
import type { SignOff, ThemeAnswers } from '../generated/answers.js';

export type { SignOff };

/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme, for the values an answers file holds):
 * no whitespace, object keys sorted by their UTF-16 code units, strings and numbers written as
 * JSON.stringify writes them. Keys whose value is undefined are left out, as JSON leaves them.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    // Array.prototype.sort compares UTF-16 code units, as RFC 8785 asks.
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a theme's sign-off records of its answers: the theme's digest and each indicator's short one. */
export interface ThemeDigest {
  /** `sha256:` and the SHA-256, in hex, of the canonical JSON of the theme's answers without `assurance`. */
  readonly digest: string;
  /** Each answered indicator's short digest: the first 8 hex digits of the SHA-256 of its answer's canonical JSON. */
  readonly indicators: Readonly<Record<string, string>>;
}

/** The digest of a theme's answers as they stand (its `assurance` left out: signing changes only that). */
export function themeDigest(theme: ThemeAnswers | undefined): ThemeDigest {
  const { assurance: _assurance, ...signed } = theme ?? {};
  const indicators: Record<string, string> = {};
  for (const [id, answer] of Object.entries(signed.indicators ?? {})) indicators[id] = sha256(canonicalJson(answer)).slice(0, 8);
  return { digest: `sha256:${sha256(canonicalJson(signed))}`, indicators };
}

/** Who signs off, in what role, and when. */
export interface SignOffBy {
  readonly by: string;
  readonly role?: string | undefined;
  readonly on: string;
}

/** The sign-off record for a theme as it stands: who, role, when, and the digest of what was signed. */
export function signOffRecord(theme: ThemeAnswers | undefined, who: SignOffBy): SignOff {
  const d = themeDigest(theme);
  return { by: who.by, ...(who.role !== undefined ? { role: who.role } : {}), on: who.on, digest: d.digest, indicators: { ...d.indicators } };
}

/**
 * The change that records a theme's sign-off, with the digest of its answers as they stand. Every
 * path that records a sign-off goes through here, so every sign-off can notice later edits.
 */
export function signOffChange(themeId: string, theme: ThemeAnswers | undefined, who: SignOffBy): Change {
  return { op: 'set', path: ['themes', themeId, 'assurance', 'signed-off'], value: signOffRecord(theme, who) };
}

/** What changed in a theme since its sign-off. */
export interface SinceSignOff {
  /**
   * `none`: not signed off; `unverified`: signed off without a digest (by hand, or by an older bva);
   * `intact`: the answers are as signed; `changed`: they are not.
   */
  readonly state: 'none' | 'unverified' | 'intact' | 'changed';
  /** The indicators whose answers changed, were added or were removed since, in file order. */
  readonly indicators: readonly IndicatorSinceSignOff[];
  /** The theme's own answers (its summary) changed, where no indicator's did. */
  readonly themeText: boolean;
}

export interface IndicatorSinceSignOff {
  readonly id: string;
  readonly change: 'changed' | 'added' | 'removed';
}

/** Compares a theme's answers with the digest its sign-off recorded. */
export function sinceSignOff(theme: ThemeAnswers | undefined): SinceSignOff {
  const signed = theme?.assurance?.['signed-off'];
  if (!signed) return { state: 'none', indicators: [], themeText: false };
  if (signed.digest === undefined) return { state: 'unverified', indicators: [], themeText: false };
  const now = themeDigest(theme);
  if (now.digest === signed.digest) return { state: 'intact', indicators: [], themeText: false };
  const was = signed.indicators ?? {};
  const indicators: IndicatorSinceSignOff[] = [];
  for (const [id, d] of Object.entries(now.indicators)) {
    if (was[id] === undefined) indicators.push({ id, change: 'added' });
    else if (was[id] !== d) indicators.push({ id, change: 'changed' });
  }
  for (const id of Object.keys(was)) if (now.indicators[id] === undefined) indicators.push({ id, change: 'removed' });
  return { state: 'changed', indicators, themeText: indicators.length === 0 };
}
