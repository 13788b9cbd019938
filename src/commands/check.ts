// `bva check FILE [gates]`: the policy gates a council chose for CI. Loads and validates the file,
// scores it, applies the gates (the default set when none is given), places each failure at its
// line and column, prints, and exits 0 (all passed), 1 (invalid, or a gate failed) or 2 (unreadable).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadAnswersFile } from '../answers/load.js';
import type { LoadedAnswers } from '../answers/model.js';
import { assess } from '../assessment/assess.js';
import { scaleWords } from '../catalogue/model.js';
import { DEFAULT_GATES, GATE_FLAGS, GATE_NAMES, type GateName } from '../assessment/gate-flags.js';
import { evaluateGates, evidencePaths, type GateFailure } from '../assessment/gates.js';
import { EXIT, UsageError } from '../errors.js';
import { checkPassed, renderCheck, type CheckResult, type LocatedGateFailure } from '../render/gates.js';
import type { ProblemFormat } from '../render/problems.js';
import { nearest } from '../source/suggest.js';
import { Locator } from '../source/locate.js';
import { answersSource } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';

export interface CheckOptions {
  readonly requireComplete?: boolean;
  readonly requireActions?: boolean;
  readonly overdue?: boolean;
  readonly minLevel?: string;
  readonly maxRed?: number;
  readonly evidence?: boolean;
  readonly requireOwners?: boolean;
  readonly requireSignoff?: boolean;
  readonly asOf?: string;
  readonly format: ProblemFormat;
  readonly catalogue?: string;
}

/** Runs the gates on FILE and returns the exit code. `cmd` tells which gate flags were given. */
export async function check(ctx: CommandContext, file: string, opts: CheckOptions, cmd: Pick<Command, 'getOptionValueSource'>): Promise<number> {
  // 1. Which gates: those given (--no-overdue counts only when typed), else the default set.
  const given = GATE_NAMES.filter((g) => cmd.getOptionValueSource(GATE_FLAGS[g].option) === 'cli');
  const gates: readonly GateName[] = given.length > 0 ? given : DEFAULT_GATES;
  const asOf = opts.asOf ?? ctx.today;
  const base = { file, asOf, defaultGates: given.length === 0 };

  // 2. Load and validate: an invalid file fails with its problems, and no gate runs.
  const result = await loadAnswersFile(resolvePath(ctx, file), file, answersSource(ctx, opts.catalogue));
  if (!result.ok) {
    const r: CheckResult = { ...base, valid: false, problems: result.problems, gates: [], failures: [] };
    ctx.stdout.write(renderCheck(r, opts.format, ctx.paint.stdout));
    return EXIT.invalid;
  }
  const loaded = result.value;
  if (gates.includes('min-level')) checkMinLevel(loaded, opts.minLevel!);

  // 3. Score, look for evidence on disk, apply the gates.
  const report = assess(loaded.answers, loaded.catalogue, { asOf, version: ctx.version });
  const missingEvidence = gates.includes('evidence') ? missingEvidenceFiles(loaded) : undefined;
  const outcomes = evaluateGates(gates, { report, answers: loaded.answers, catalogue: loaded.catalogue, minLevel: opts.minLevel, maxRed: opts.maxRed, missingEvidence });

  // 4. Place each failure, print, and exit.
  const failures = await place(loaded, file, outcomes.flatMap((o) => o.failures));
  const r: CheckResult = {
    ...base,
    valid: true,
    problems: [],
    gates: outcomes.map((o) => ({ gate: o.gate, flag: GATE_FLAGS[o.gate].flag, failures: o.failures.length })),
    failures,
  };
  ctx.stdout.write(renderCheck(r, opts.format, ctx.paint.stdout));
  return checkPassed(r) ? EXIT.ok : EXIT.invalid;
}

/** Refuses (exit 2) a --min-level that is not a word of the catalogue's characteristic scale. */
function checkMinLevel(loaded: LoadedAnswers, level: string): void {
  const scale = loaded.catalogue.catalogue.scales.characteristic;
  if (!scale) throw new UsageError(`--min-level: the catalogue ${loaded.catalogue.catalogue.id} has no characteristic scale`);
  const words = scaleWords({ scale });
  if (words.includes(level)) return;
  const guess = nearest(level, words);
  throw new UsageError(`--min-level: ${JSON.stringify(level)} is not a level of the characteristic scale${guess ? ` (did you mean ${guess}?)` : ''}; use one of: ${words.join(', ')}`);
}

/** The relative evidence paths that do not exist beside the answers file. */
function missingEvidenceFiles(loaded: LoadedAnswers): Set<string> {
  const folder = dirname(loaded.path);
  return new Set(evidencePaths(loaded.answers).filter((e) => !existsSync(resolve(folder, e.file))).map((e) => e.file));
}

/** Gives each failure its line and column, in file order. */
async function place(loaded: LoadedAnswers, file: string, failures: readonly GateFailure[]): Promise<LocatedGateFailure[]> {
  if (failures.length === 0) return [];
  const locator = new Locator(loaded.file.text);
  const located = await Promise.all(failures.map(async (f, order) => ({ file, ...(await locator.position({ path: f.path, anchor: f.anchor })), gate: f.gate, message: f.message, order })));
  located.sort((a, b) => a.line - b.line || a.col - b.col || a.order - b.order);
  return located.map(({ order: _order, ...f }) => f);
}
