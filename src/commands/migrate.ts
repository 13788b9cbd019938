// `bva migrate FILE --to CATALOGUE`: moves an answers file onto a new version of its catalogue
// along the crosswalk the new version declares, through the comment-keeping writer; the result is
// checked against the new catalogue before anything is written, and what was done is printed.
import { existsSync } from 'node:fs';
import { migrateAnswers } from '../answers/migrate.js';
import { saveChanges } from '../answers/save.js';
import { checkReplacesAgainst, crosswalkOf, type Crosswalk } from '../catalogue/crosswalk.js';
import { crosswalkBetween, findEarlierIn, isCrosswalk } from '../catalogue/lineage.js';
import { catalogueLabel, type CatalogueModel } from '../catalogue/model.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { terminalLine } from '../render/escape.js';
import { renderMigration } from '../render/migrate.js';
import { Locator } from '../source/locate.js';
import { acquireLock } from '../source/lock.js';
import { isError } from '../source/problem.js';
import { readTextFile } from '../source/read.js';
import { answersSource, catalogueByIdOrPath, loadValidAnswers, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';

export interface MigrateOptions {
  /** The catalogue to move onto: an id (its newest version) or a file. */
  readonly to: string;
  /** Write the migrated file here instead of changing FILE. */
  readonly out?: string;
  readonly force?: boolean;
  /** The catalogue FILE is checked against, instead of the one it names. */
  readonly catalogue?: string;
}

/** Migrates FILE; exit 0 written, 1 when FILE or the crosswalk is invalid or the result would be, 2 when refused. */
export async function migrate(ctx: CommandContext, file: string, opts: MigrateOptions): Promise<number> {
  // 1. Where the result goes: FILE itself, or --out (never an input, never over a file unasked).
  const path = resolvePath(ctx, file);
  const outPath = opts.out === undefined ? path : resolvePath(ctx, opts.out);
  const outDisplay = opts.out ?? file;
  if (opts.out !== undefined) {
    for (const input of [file, opts.to, opts.catalogue]) {
      if (input !== undefined && resolvePath(ctx, input) === outPath) throw new UsageError(`--out ${opts.out} is an input (${input}); choose another path, or leave --out off to change ${file} itself`);
    }
    if (existsSync(outPath) && !opts.force) throw new InputError(`${opts.out} already exists; use --force to replace it`);
  }

  const lock = acquireLock(outPath, 'bva migrate', outDisplay);
  try {
    if (lock.recovered) ctx.stderr.write(`bva: ${terminalLine(outDisplay)}: ${lock.recovered}\n`);
    // 2. The file, valid on its own catalogue, and the catalogue to move it onto.
    const loaded = await loadValidAnswers(ctx, file, opts.catalogue);
    const target = await catalogueByIdOrPath(ctx, opts.to, file);
    if (catalogueLabel(target.catalogue) === catalogueLabel(loaded.catalogue.catalogue)) {
      ctx.stderr.write(`${terminalLine(file)} is already on ${terminalLine(catalogueLabel(target.catalogue))}; nothing to do\n`);
      return EXIT.ok;
    }

    // 3. The crosswalk, each step of it checked against the catalogue it replaces.
    const cw = await migrationCrosswalk(ctx, loaded.catalogue, target);
    if (typeof cw === 'number') return cw;

    // 4. The changes, written through the comment-keeping writer and checked against the new
    // catalogue as every later command will find it (with a pointer to it where it needs one).
    const source = answersSource(ctx);
    const catalogueFile = await source.pointerFor(outPath, target);
    const { changes, migration } = migrateAnswers(loaded.answers, cw, ctx.today, { catalogueFile });
    const saved = await saveChanges({ ...loaded, catalogue: target, path: outPath, file: { ...loaded.file, path: outDisplay } }, changes, source);
    if (!saved.ok) {
      printProblems(ctx, saved.problems);
      return EXIT.invalid;
    }
    ctx.stderr.write(renderMigration(migration, file, outDisplay));
    return EXIT.ok;
  } finally {
    lock.release();
  }
}

/**
 * The crosswalk from the file's catalogue to the target, or an exit code after saying why there is
 * none: the target must replace the file's catalogue (directly or through earlier versions), with a
 * crosswalk that accounts for every earlier indicator. A target that replaces nothing but keeps
 * every id the file answers (a reworded version) needs no crosswalk.
 */
async function migrationCrosswalk(ctx: CommandContext, from: CatalogueModel, to: CatalogueModel): Promise<Crosswalk | number> {
  const found = await crosswalkBetween(from, to, findEarlierIn(answersSource(ctx), [from]));
  if (!isCrosswalk(found)) {
    const plain = crosswalkOf(from, to);
    if (![...plain.successors.values()].some((s) => s.length === 0)) return plain;
    ctx.stderr.write(`bva: cannot migrate from ${catalogueLabel(from.catalogue)} to ${catalogueLabel(to.catalogue)}: ${terminalLine(found?.reason ?? 'no crosswalk')}; the new catalogue's replaces block must say where each earlier indicator went\n`);
    return EXIT.invalid;
  }
  for (const step of found.steps) {
    const problems = checkReplacesAgainst(step.to.catalogue, step.from).filter(isError);
    if (problems.length === 0) continue;
    const text = readTextFile(step.to.origin.path, step.to.origin.display);
    printProblems(ctx, await new Locator(text.text).locateAll(text, problems));
    ctx.stderr.write(`bva: the crosswalk in ${terminalLine(step.to.origin.display)} is not complete; run bva catalogue validate ${terminalLine(step.to.origin.display)}\n`);
    return EXIT.invalid;
  }
  return found;
}
