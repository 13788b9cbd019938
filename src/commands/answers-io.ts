// Reading answers files for a command: the --catalogue option (a catalogue by id or by path),
// problems printed, and the "invalid input" outcome, in one place for every command that reads answers.
import { existsSync } from 'node:fs';
import { loadAnswersFile, loadAnswersText, type AnswersSource } from '../answers/load.js';
import type { LoadedAnswers } from '../answers/model.js';
import type { CatalogueModel } from '../catalogue/model.js';
import { InvalidInputError, UsageError } from '../errors.js';
import { terminalLine } from '../render/escape.js';
import { problemLine } from '../render/problems.js';
import { parseRevPath, readGitFile } from '../source/git.js';
import { isError, type LocatedProblem } from '../source/problem.js';
import { readTextFile, type TextFile } from '../source/read.js';
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
  for (const p of problems) ctx.stderr.write(`${problemLine(p, ctx.paint.stderr)}\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) ctx.stderr.write(`${terminalLine(problems[0]!.file)}: ${plural(errors, 'error')}; nothing was done\n`);
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

/**
 * Reads an answers file named on the command line, from disk or, as `REV:PATH`, from git, and
 * checks it; its problems are returned rather than printed, so a command that reads several files
 * can print every file's problems before refusing.
 */
export async function loadAnswersArg(ctx: CommandContext, arg: string, catalogue: string | undefined): Promise<LoadedAnswers | { problems: readonly LocatedProblem[] }> {
  const revPath = parseRevPath(arg, (p) => existsSync(resolvePath(ctx, p)));
  const path = resolvePath(ctx, revPath ? revPath.path : arg);
  const file = revPath ? await readGitFile(ctx, revPath, arg) : readTextFile(path, arg);
  return loadAnswersTextAt(ctx, file, path, catalogue);
}

/** Checks an answers file's text already read (from git, say) that lives at `path`. */
export async function loadAnswersTextAt(ctx: CommandContext, file: TextFile, path: string, catalogue: string | undefined): Promise<LoadedAnswers | { problems: readonly LocatedProblem[] }> {
  const result = await loadAnswersText(file, path, answersSource(ctx, catalogue));
  return result.ok ? result.value : { problems: result.problems };
}
