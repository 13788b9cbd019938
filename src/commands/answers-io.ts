// Reading answers files for a command: the one catalogue resolver (with --catalogue when given),
// problems printed, and the "invalid input" outcome, in one place for every command that reads answers.
import { existsSync } from 'node:fs';
import { loadAnswersFile, loadAnswersText } from '../answers/load.js';
import type { LoadedAnswers } from '../answers/model.js';
import type { CatalogueModel } from '../catalogue/model.js';
import { CatalogueResolver } from '../catalogue/resolve.js';
import { InvalidInputError } from '../errors.js';
import { say } from '../render/escape.js';
import { problemLine, problemLines } from '../render/problems.js';
import { parseRevPath, readGitFile } from '../source/git.js';
import { isError, type LocatedProblem } from '../source/problem.js';
import { readTextFile, type TextFile } from '../source/read.js';
import { plural } from '../words.js';
import { resolvePath, type CommandContext } from './context.js';

/**
 * The one catalogue resolver, for every command: a catalogue file given with --catalogue (a path)
 * overrides; else each answers file finds its own (its pointer, the project configuration, the
 * shipped catalogues). See src/catalogue/resolve.ts.
 */
export function answersSource(ctx: CommandContext, catalogue?: string | CatalogueModel): CatalogueResolver {
  const override = catalogue === undefined ? undefined : typeof catalogue === 'string' ? { path: resolvePath(ctx, catalogue), display: catalogue } : catalogue;
  return new CatalogueResolver({ store: ctx.store, cwd: ctx.cwd, override });
}

/**
 * Loads an answers file that must be valid for the command to go on, its catalogue found by the
 * resolver (or with the --catalogue path given): on problems, prints them to
 * stderr and throws InvalidInputError (exit 1). Warnings are not printed here (validate shows them).
 */
export async function loadValidAnswers(ctx: CommandContext, file: string, catalogue: string | CatalogueResolver | undefined): Promise<LoadedAnswers> {
  const source = catalogue instanceof CatalogueResolver ? catalogue : answersSource(ctx, catalogue);
  const result = await loadAnswersFile(resolvePath(ctx, file), file, source);
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

/** A catalogue given as an id (its newest version, the project's or shipped) or as a file's path. */
export async function catalogueByIdOrPath(ctx: CommandContext, idOrPath: string, near?: string): Promise<CatalogueModel> {
  return answersSource(ctx).byIdOrPath(idOrPath, near === undefined ? undefined : resolvePath(ctx, near));
}

/** The catalogue a command shows: one given (an id or a file), else the project's default, else the shipped default. */
export async function catalogueFor(ctx: CommandContext, idOrPath: string | undefined): Promise<CatalogueModel> {
  return idOrPath === undefined ? answersSource(ctx).defaultFor() : catalogueByIdOrPath(ctx, idOrPath);
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
