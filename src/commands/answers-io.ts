// Reading answers files for a command: the --catalogue option (a catalogue by id or by path),
// problems printed, and the "invalid input" outcome, in one place for every command that reads answers.
import { loadAnswersFile, type AnswersSource } from '../answers/load.js';
import type { LoadedAnswers } from '../answers/model.js';
import type { CatalogueModel } from '../catalogue/model.js';
import { InvalidInputError, UsageError } from '../errors.js';
import { say } from '../render/escape.js';
import { problemLine, problemLines } from '../render/problems.js';
import { isError, type LocatedProblem } from '../source/problem.js';
import { plural } from '../words.js';
import { resolvePath, type CommandContext } from './context.js';

/** Where answers are checked: the catalogue store, and the catalogue given with --catalogue. */
export function answersSource(ctx: CommandContext, catalogue: string | undefined): AnswersSource {
  return { store: ctx.store, catalogue: catalogue === undefined ? undefined : { path: resolvePath(ctx, catalogue), display: catalogue } };
}

/**
 * Loads an answers file that must be valid for the command to go on: on problems, prints them to
 * stderr and throws InvalidInputError (exit 1). Warnings are not printed here (validate shows them).
 */
export async function loadValidAnswers(ctx: CommandContext, file: string, catalogue: string | undefined): Promise<LoadedAnswers> {
  const result = await loadAnswersFile(resolvePath(ctx, file), file, answersSource(ctx, catalogue));
  if (!result.ok) {
    printProblems(ctx, result.problems.filter(isError));
    throw new InvalidInputError(`${file}: invalid`);
  }
  return result.value;
}

/** Prints problems to stderr, one FILE:LINE:COL line each, and a count. */
export function printProblems(ctx: CommandContext, problems: readonly LocatedProblem[]): void {
  ctx.stderr.write(problemLines(problems, (p) => problemLine(p, ctx.paint.stderr)).map((line) => `${line}\n`).join(''));
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) ctx.stderr.write(say`${problems[0]!.file}: ${plural(errors, 'error')}; nothing was done\n`);
}

/** A shipped catalogue by id (its newest version), or a catalogue file by path. */
export async function catalogueByIdOrPath(ctx: CommandContext, idOrPath: string): Promise<CatalogueModel> {
  const shipped = await ctx.store.newest(idOrPath);
  if (shipped) return shipped;
  if (!/[/\\.]/.test(idOrPath)) throw new UsageError(`no shipped catalogue ${JSON.stringify(idOrPath)} (shipped: ${await ctx.store.shippedLabels()}); give a catalogue file's path instead`);
  return ctx.store.load(resolvePath(ctx, idOrPath), idOrPath);
}

/** The catalogue a command works with: a file given with --catalogue, or the shipped default. */
export async function catalogueFor(ctx: CommandContext, path: string | undefined): Promise<CatalogueModel> {
  return path === undefined ? ctx.store.default() : ctx.store.load(resolvePath(ctx, path), path);
}
