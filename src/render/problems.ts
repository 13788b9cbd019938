// Printing problems: FILE:LINE:COL lines for people, JSON for tools, annotations for GitHub.
import { MAX_LISTED, type LocatedProblem } from '../source/problem.js';
import { githubData, githubProperty, jsonText, terminalLine } from './escape.js';
import { PLAIN, type Paint } from './paint.js';
import { count, plural } from '../words.js';

export const PROBLEM_FORMATS = ['text', 'json', 'github'] as const;
export type ProblemFormat = (typeof PROBLEM_FORMATS)[number];

/** One checked file, as every checking command reports it. */
export interface FileResult {
  readonly file: string;
  readonly valid: boolean;
  readonly problems: readonly LocatedProblem[];
  /** The file's one-line summary after its name, like "answered 40 of 86" (none for an invalid file). */
  readonly summary?: string;
  /** Extra data for the JSON output (counts). */
  readonly data?: Readonly<Record<string, unknown>>;
}


/** The problems to list (the first MAX_LISTED, in file order), and how many more there are. */
export function listed<T>(problems: readonly T[]): { readonly shown: readonly T[]; readonly more: number } {
  return problems.length <= MAX_LISTED ? { shown: problems, more: 0 } : { shown: problems.slice(0, MAX_LISTED), more: problems.length - MAX_LISTED };
}

/** The line after a list cut short: "FILE: 414,043 more problems not listed (bva lists the first 1,000)". */
export function moreLine(file: string, more: number): string {
  return `${terminalLine(file)}: ${count(more)} more ${more === 1 ? 'problem' : 'problems'} not listed (bva lists the first ${count(MAX_LISTED)})`;
}

/** Problem lines, at most MAX_LISTED, then the line saying how many more there are. */
export function problemLines(problems: readonly LocatedProblem[], line: (p: LocatedProblem) => string): string[] {
  const { shown, more } = listed(problems);
  const out = shown.map(line);
  if (more > 0) out.push(moreLine(problems[0]!.file, more));
  return out;
}

/** `FILE:LINE:COL severity: message (code)` */
export function problemLine(p: LocatedProblem, paint: Paint = PLAIN): string {
  const severity = p.severity === 'error' ? paint.red('error') : paint.amber('warning');
  return `${terminalLine(p.file)}:${p.line}:${p.col} ${severity}: ${terminalLine(p.message)} ${paint.dim(`(${p.code})`)}`;
}

/**
 * The line a problem is on, under its number, with a caret under its column, as compilers show
 * one: for a person at a terminal, who then sees what to change without opening the file.
 */
export function problemExcerpt(p: Pick<LocatedProblem, 'line' | 'col'>, text: string, paint: Paint = PLAIN): string[] {
  const source = text.split(/\r?\n/)[p.line - 1];
  if (source === undefined) return [];
  const shown = terminalLine(source);
  const number = String(p.line);
  // The caret lines up under tabs as the line above does: its white space is the line's own.
  const before = shown.slice(0, Math.max(0, p.col - 1)).replace(/[^\t]/g, ' ');
  return [`${paint.dim(`${number} |`)} ${shown}`, `${paint.dim(`${' '.repeat(number.length)} |`)} ${before}${paint.red('^')}`];
}

/**
 * An error refusing the input, as stderr lines: the problems it carries (unless `withProblems` is
 * false, when they were listed already), one FILE:LINE:COL line each, then `bva: message`.
 */
export function errorLines(err: { readonly message: string; readonly problems?: readonly LocatedProblem[] | undefined }, paint: Paint = PLAIN, withProblems = true): string {
  const problems = withProblems ? (err.problems ?? []) : [];
  const shown = problems.length > 0 ? problemLines(problems, (p) => problemLine(p, paint)) : [];
  return [...shown, `${paint.red('bva:')} ${terminalLine(err.message)}`].map((line) => `${line}\n`).join('');
}

/** A GitHub Actions workflow command for one problem. */
export function githubLine(p: LocatedProblem): string {
  const kind = p.severity === 'error' ? 'error' : 'warning';
  return `::${kind} file=${githubProperty(p.file)},line=${p.line},col=${p.col},title=${githubProperty(`bva ${p.code}`)}::${githubData(p.message)}`;
}

const counts = (r: FileResult): { errors: number; warnings: number } => {
  let errors = 0;
  for (const p of r.problems) if (p.severity === 'error') errors++;
  return { errors, warnings: r.problems.length - errors };
};


/** The summary line for a file: "FILE: valid; answered 86 of 86; 0 errors, 0 warnings". */
export function summaryLine(r: FileResult, paint: Paint = PLAIN): string {
  const { errors, warnings } = counts(r);
  const verdict = r.valid ? paint.green('valid') : paint.red('invalid');
  const summary = r.summary ? `${r.summary}; ` : '';
  return `${terminalLine(r.file)}: ${verdict}; ${summary}${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** Renders results in the chosen format. */
export function renderResults(results: readonly FileResult[], format: ProblemFormat, paint: Paint = PLAIN): string {
  switch (format) {
    case 'json':
      return `${jsonText({
        valid: results.every((r) => r.valid),
        files: results.map((r) => {
          const { shown, more } = listed(r.problems);
          return { file: r.file, valid: r.valid, ...counts(r), ...(r.data ?? {}), problems: shown, ...(more > 0 ? { unlisted: more } : {}) };
        }),
      })}\n`;
    case 'github':
      return results.map((r) => [...problemLines(r.problems, githubLine), summaryLine(r)].join('\n') + '\n').join('');
    case 'text':
      return results.map((r) => [...problemLines(r.problems, (p) => problemLine(p, paint)), summaryLine(r, paint)].join('\n') + '\n').join('');
  }
}
