// Printing `bva check`: one `FILE:LINE:COL gate: message` line per failure and a summary line for
// people, one JSON document for tools, workflow annotations for GitHub. A gate failure is not a
// validation problem (its code is a gate name, and its line names the gate in place of a
// severity), so it has its own small type here; an invalid file's problems print as validate's do.
import type { GateName } from '../assessment/gate-flags.js';
import type { LocatedProblem, Position } from '../source/problem.js';
import { githubData, githubProperty, jsonText, terminalLine } from './escape.js';
import { PLAIN, type Paint } from './paint.js';
import { githubLine, listed, problemLine, problemLines, type ProblemFormat } from './problems.js';
import { plural } from '../words.js';

/** A gate failure with its file, line and column. */
export interface LocatedGateFailure extends Position {
  readonly file: string;
  readonly gate: GateName;
  readonly message: string;
}

/** One applied gate: its flag and how many failures it found. */
export interface GateSummary {
  readonly gate: GateName;
  readonly flag: string;
  readonly failures: number;
}

/** What `bva check` found in one file. */
export interface CheckResult {
  readonly file: string;
  readonly asOf: string;
  /** False when the file failed validation: its problems are listed and no gate ran. */
  readonly valid: boolean;
  readonly problems: readonly LocatedProblem[];
  /** True when no gate was given and the default set ran. */
  readonly defaultGates: boolean;
  readonly gates: readonly GateSummary[];
  /** Every failure, in file order. */
  readonly failures: readonly LocatedGateFailure[];
}

/** True when the file is valid and every gate passed. */
export const checkPassed = (r: CheckResult): boolean => r.valid && r.failures.length === 0;

/** `FILE:LINE:COL gate: message` */
export function failureLine(f: LocatedGateFailure, paint: Paint = PLAIN): string {
  return `${terminalLine(f.file)}:${f.line}:${f.col} ${paint.red(f.gate)}: ${terminalLine(f.message)}`;
}

/** A GitHub Actions error annotation for one failure. */
export function failureAnnotation(f: LocatedGateFailure): string {
  return `::error file=${githubProperty(f.file)},line=${f.line},col=${f.col},title=${githubProperty(`bva check ${f.gate}`)}::${githubData(f.message)}`;
}


/**
 * The summary line: which gates ran, which failed and how often, and the as-of date, e.g.
 * "a.yaml: 1 of 3 default gates failed as of 2026-04-30: require-actions (2 failures); passed: no-overdue, require-owners".
 */
export function checkSummary(r: CheckResult, paint: Paint = PLAIN): string {
  const file = terminalLine(r.file);
  if (!r.valid) {
    const errors = r.problems.filter((p) => p.severity === 'error').length;
    return `${file}: ${paint.red('invalid')}; ${plural(errors, 'error')}; no gate was applied`;
  }
  const kind = r.defaultGates ? 'default gate' : 'gate';
  const failed = r.gates.filter((g) => g.failures > 0);
  const passed = r.gates.filter((g) => g.failures === 0).map((g) => g.gate);
  if (failed.length === 0) return `${file}: ${paint.green(`all ${plural(r.gates.length, kind)} passed`)} as of ${r.asOf}: ${passed.join(', ')}`;
  const failures = failed.map((g) => `${g.gate} (${plural(g.failures, 'failure')})`).join(', ');
  const rest = passed.length > 0 ? `; passed: ${passed.join(', ')}` : '';
  return `${file}: ${paint.red(`${failed.length} of ${plural(r.gates.length, kind)} failed`)} as of ${r.asOf}: ${failures}${rest}`;
}

const renderers: Record<ProblemFormat, (r: CheckResult, paint: Paint) => string> = {
  text: (r, paint) => lines([...problemLines(r.problems, (p) => problemLine(p, paint)), ...r.failures.map((f) => failureLine(f, paint)), checkSummary(r, paint)]),
  github: (r) => lines([...problemLines(r.problems, githubLine), ...r.failures.map(failureAnnotation), checkSummary(r)]),
  json: (r) =>
    `${jsonText({
      file: r.file,
      asOf: r.asOf,
      valid: r.valid,
      passed: checkPassed(r),
      defaultGates: r.defaultGates,
      gates: r.gates.map((g) => ({ gate: g.gate, flag: g.flag, passed: g.failures === 0, failures: g.failures })),
      failures: r.failures,
      problems: listed(r.problems).shown,
      ...(listed(r.problems).more > 0 ? { unlisted: listed(r.problems).more } : {}),
    })}\n`,
};

const lines = (ls: readonly string[]): string => ls.map((l) => `${l}\n`).join('');

/** Renders a check result in the chosen format. */
export function renderCheck(r: CheckResult, format: ProblemFormat, paint: Paint = PLAIN): string {
  return renderers[format](r, paint);
}
