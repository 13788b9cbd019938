// `bva diff OLD NEW`: what moved between two periods. Either file may be `REV:PATH`, read from git.
// Each file is loaded and checked against its own catalogue (or --catalogue), scored as of its own
// assessment date, compared, rendered, and written once to stdout.
import type { LoadedAnswers } from '../answers/model.js';
import type { Crosswalk } from '../catalogue/crosswalk.js';
import { catalogueLabel, type CatalogueModel } from '../catalogue/model.js';
import { assess } from '../assessment/assess.js';
import { diffReports, type Diff } from '../assessment/diff.js';
import { EXIT, InvalidInputError } from '../errors.js';
import { DIFF_RENDERERS, type DiffFormat } from '../render/diff.js';
import { answersSource, loadAnswersArg, printProblems } from './answers-io.js';
import type { CommandContext } from './context.js';

export interface DiffCommandOptions {
  readonly format: DiffFormat;
  readonly catalogue?: string;
}

/** Compares OLD with NEW and prints the movement; returns the exit code. */
export async function diff(ctx: CommandContext, oldFile: string, newFile: string, opts: DiffCommandOptions): Promise<number> {
  const model = await diffFiles(ctx, oldFile, newFile, opts);
  ctx.stdout.write(DIFF_RENDERERS[opts.format](model));
  return EXIT.ok;
}

/** Loads both files (each one's problems printed before either is refused), scores and compares them. */
export async function diffFiles(ctx: CommandContext, oldFile: string, newFile: string, opts: Pick<DiffCommandOptions, 'catalogue'>): Promise<Diff> {
  const [before, after] = [await loadAnswersArg(ctx, oldFile, opts.catalogue), await loadAnswersArg(ctx, newFile, opts.catalogue)];
  if ('problems' in before || 'problems' in after) {
    for (const side of [before, after]) if ('problems' in side) printProblems(ctx, side.problems);
    throw new InvalidInputError(`${'problems' in before ? oldFile : newFile}: invalid`);
  }
  // A period is scored as it stood when it was assessed, so last year's open actions are not all overdue today.
  const score = (l: LoadedAnswers) => assess(l.answers, l.catalogue, { asOf: l.answers['assessment-date'] ?? ctx.today, version: ctx.version });
  const across = await crosswalkFor(ctx, before.catalogue, after.catalogue);
  return diffReports(score(before), score(after), { oldFile, newFile, version: ctx.version, ...across });
}

/**
 * How two periods' catalogues are compared: through the later one's crosswalk when it replaces
 * the earlier (directly or along earlier versions), else by id, with the reason.
 */
export async function crosswalkFor(ctx: CommandContext, from: CatalogueModel, to: CatalogueModel): Promise<{ crosswalk?: Crosswalk; noCrosswalk?: string }> {
  if (from === to || catalogueLabel(from.catalogue) === catalogueLabel(to.catalogue)) return {};
  const { crosswalkBetween, findEarlierIn, isCrosswalk } = await import('../catalogue/lineage.js');
  const found = await crosswalkBetween(from, to, findEarlierIn(answersSource(ctx), [from, to]));
  return isCrosswalk(found) ? { crosswalk: found } : found ? { noCrosswalk: found.reason } : {};
}
