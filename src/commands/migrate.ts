// `bva migrate FILE --to CATALOGUE`: moves an answers file onto a new version of its catalogue
// along the crosswalk the new version declares, through the comment-keeping writer; the result is
// checked against the new catalogue before anything is written, and what was done is printed.
import { existsSync } from 'node:fs';
import { migrateAnswers } from '../answers/migrate.js';
import { saveChanges } from '../answers/save.js';
import { checkReplacesAgainst, crosswalkOf, type Crosswalk } from '../catalogue/crosswalk.js';
import { crosswalkBetween, findEarlierIn, isCrosswalk } from '../catalogue/lineage.js';
import { catalogueLabel, type CatalogueModel } from '../catalogue/model.js';
import { EXIT, InputError } from '../errors.js';
import { say } from '../render/escape.js';
import { renderMigration } from '../render/migrate.js';
import { Locator } from '../source/locate.js';
import { checkWritable } from '../source/atomic.js';
import { lockForWriting } from '../source/lock.js';
import { isError } from '../source/problem.js';
import { readTextFile } from '../source/read.js';
import { answersSource, catalogueByIdOrPath, loadValidAnswers, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';
import { shellArg } from '../words.js';

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
    // Never an input (by any name or link), a folder or a read-only file; never over a file unasked.
    const inputs = [
      { path, display: file, what: 'the answers file' },
      { path: resolvePath(ctx, opts.to), display: opts.to, what: 'the catalogue to move onto' },
      opts.catalogue === undefined ? undefined : { path: resolvePath(ctx, opts.catalogue), display: opts.catalogue, what: 'the catalogue' },
    ];
    checkWritable(outPath, { display: opts.out, flag: '--out', inputs });
    if (existsSync(outPath) && !opts.force) throw new InputError(say`${opts.out} already exists; use --force to replace it`);
  }

  // The file's own lock (through any link), and a target it may write.
  const lock = lockForWriting(outPath, 'bva migrate', outDisplay);
  try {
    if (lock.recovered) ctx.stderr.write(say`bva: ${outDisplay}: ${lock.recovered}\n`);
    // 2. The file, valid on its own catalogue, and the catalogue to move it onto.
    const loaded = await loadValidAnswers(ctx, file, opts.catalogue);
    const target = await catalogueByIdOrPath(ctx, opts.to, file);
    // Nor any file read to find them: the catalogue FILE was checked against, a bva.config.yaml.
    if (opts.out !== undefined) checkWritable(outPath, { display: opts.out, flag: '--out', inputs: ctx.store.inputs() });
    if (catalogueLabel(target.catalogue) === catalogueLabel(loaded.catalogue.catalogue)) {
      ctx.stderr.write(say`${file} is already on ${catalogueLabel(target.catalogue)}; nothing to do\n`);
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
    ctx.stderr.write(say`bva: cannot migrate from ${catalogueLabel(from.catalogue)} to ${catalogueLabel(to.catalogue)}: ${found?.reason ?? 'no crosswalk'}; the new catalogue's replaces block must say where each earlier indicator went\n`);
    return EXIT.invalid;
  }
  for (const step of found.steps) {
    const problems = checkReplacesAgainst(step.to.catalogue, step.from).filter(isError);
    if (problems.length === 0) continue;
    const text = readTextFile(step.to.origin.path, step.to.origin.display);
    printProblems(ctx, await new Locator(text.text).locateAll(text, problems));
    ctx.stderr.write(say`bva: the crosswalk in ${step.to.origin.display} is not complete; run bva catalogue validate ${shellArg(step.to.origin.display)}\n`);
    return EXIT.invalid;
  }
  return found;
}
