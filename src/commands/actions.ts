// `bva actions FILE`: the action plan between assessments. The file is loaded and checked, every
// action listed with its reference, status as of a day, days overdue, planned against actual
// dates and progress notes, filtered and grouped; with --since, compared with an earlier revision
// of the same file from git (a revision, or the last commit before a date).
import { existsSync } from 'node:fs';
import type { LoadedAnswers } from '../answers/model.js';
import { actionPlan, type EarlierRevision } from '../assessment/actions.js';
import { assess } from '../assessment/assess.js';
import { EXIT, InputError, InvalidInputError, UsageError } from '../errors.js';
import { ACTION_EXTENSIONS, ACTION_FORMAT_NAMES, ACTION_RENDERERS, BINARY_ACTION_FORMATS, type ActionFormat } from '../render/actions.js';
import { say } from '../render/escape.js';
import { checkWritable, writeFileAtomic, type WriteOptions } from '../source/atomic.js';
import { isError } from '../source/problem.js';
import { isCalendarDate } from '../source/dates.js';
import { commitOf, lastCommitBefore, parseRevPath, readGitFile } from '../source/git.js';
import { nearest } from '../source/suggest.js';
import { loadAnswersArg, loadAnswersTextAt, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';
import { crosswalkFor } from './diff.js';
import { plural, shellArg } from '../words.js';
import { outputFormat, sizedForFormat } from './output.js';

export interface ActionsOptions {
  /** As given; else from --out's extension, else md (outputFormat). */
  readonly format?: ActionFormat;
  readonly out?: string;
  readonly asOf?: string;
  readonly owner?: string;
  readonly theme?: readonly string[];
  readonly status?: 'open' | 'overdue' | 'done';
  readonly groupBy?: 'owner' | 'theme';
  /** A git revision, or a day: the last commit before it. */
  readonly since?: string;
  readonly catalogue?: string;
}

/** Lists FILE's actions; exit 0, 1 when a file is invalid, 2 when refused. */
export async function actions(ctx: CommandContext, file: string, opts: ActionsOptions): Promise<number> {
  const outPath = opts.out === undefined ? undefined : resolvePath(ctx, opts.out);
  // An --out that is an input (by any name or link), a folder or a read-only file is refused before any work.
  const fromGit = parseRevPath(file, (p) => existsSync(resolvePath(ctx, p))) !== undefined;
  const out: WriteOptions = {
    display: opts.out ?? '',
    flag: '--out',
    stream: true,
    inputs: [fromGit ? undefined : { path: resolvePath(ctx, file), display: file, what: 'the answers file' }, opts.catalogue === undefined ? undefined : { path: resolvePath(ctx, opts.catalogue), display: opts.catalogue, what: 'the catalogue' }],
  };
  if (outPath !== undefined) checkWritable(outPath, out);
  const format = outputFormat({ extensions: ACTION_EXTENSIONS, names: ACTION_FORMAT_NAMES, default: 'md' }, opts);
  if (outPath === undefined && BINARY_ACTION_FORMATS[format] && ctx.stdout.isTTY) {
    throw new UsageError(`--format ${format} writes an ${ACTION_FORMAT_NAMES[format]}, not text for a terminal: give --out actions.${format} (or redirect the output to a file)`);
  }

  // 1. The file, and the themes asked for.
  const loaded = await loadAnswersArg(ctx, file, opts.catalogue);
  if ('problems' in loaded) {
    printProblems(ctx, loaded.problems.filter(isError));
    throw new InvalidInputError(`${file}: invalid`);
  }
  for (const id of opts.theme ?? []) {
    if (loaded.catalogue.themeById.has(id)) continue;
    const guess = nearest(id, loaded.catalogue.themeById.keys());
    throw new UsageError(`--theme ${id}: no such theme in ${loaded.catalogue.catalogue.id}${guess ? `; did you mean ${guess}?` : ''} (themes: ${[...loaded.catalogue.themeById.keys()].join(', ')})`);
  }

  // 2. The earlier revision, for --since.
  const earlier = opts.since === undefined ? undefined : await earlierRevision(ctx, file, opts.since, loaded, opts);

  // 3. The plan, rendered and written once.
  const asOf = opts.asOf ?? ctx.today;
  const plan = actionPlan(
    {
      report: assess(loaded.answers, loaded.catalogue, { asOf, version: ctx.version }),
      file,
      version: ctx.version,
      filters: { owner: opts.owner, themes: opts.theme, status: opts.status },
      groupBy: opts.groupBy,
    },
    earlier,
  );
  const output = await sizedForFormat(file, `write the action plan as CSV instead, with bva actions ${shellArg(file)} --out actions.csv`, async () => ACTION_RENDERERS[format](plan, { generatedBy: `bva ${ctx.version}` }));
  if (outPath === undefined || opts.out === undefined) {
    ctx.stdout.write(output);
    return EXIT.ok;
  }
  const bytes = typeof output === 'string' ? Buffer.from(output, 'utf8') : Buffer.from(output.buffer, output.byteOffset, output.byteLength);
  // The files read to find the catalogues (the catalogues, bva.config.yaml) are inputs too.
  writeFileAtomic(outPath, bytes, { ...out, inputs: [...(out.inputs ?? []), ...ctx.store.inputs()] });
  ctx.stderr.write(say`Wrote ${opts.out} (${ACTION_FORMAT_NAMES[format]}, ${plural(plan.counts.actions, 'action')})\n`);
  return EXIT.ok;
}

/**
 * The same file as it was at a revision, or (for a day) at the last commit before that day,
 * checked as the file itself is; its indicators named as the file's catalogue names them now.
 */
async function earlierRevision(ctx: CommandContext, file: string, since: string, now: LoadedAnswers, opts: Pick<ActionsOptions, 'catalogue' | 'asOf'>): Promise<EarlierRevision> {
  const path = parseRevPath(file, (p) => existsSync(resolvePath(ctx, p)))?.path ?? file;
  let rev = since;
  if (/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    if (!isCalendarDate(since)) throw new UsageError(`--since ${since}: not a real date (give a day written YYYY-MM-DD, or a git revision)`);
    const found = await lastCommitBefore(ctx, path, since, file);
    if (found === undefined) throw new InputError(`${file}: no commit before ${since} has it, so there is nothing to compare with`);
    rev = found;
  }
  const { commit, date } = await commitOf(ctx, rev, `--since ${since}`);
  const display = `${commit.slice(0, 7)}:${path}`;
  const text = await readGitFile(ctx, { rev: commit, path }, display);
  const loaded = await loadAnswersTextAt(ctx, text, resolvePath(ctx, path), opts.catalogue);
  if ('problems' in loaded) {
    printProblems(ctx, loaded.problems.filter(isError));
    throw new InvalidInputError(`${display}: invalid`);
  }
  const across = await crosswalkFor(ctx, loaded.catalogue, now.catalogue);
  const cw = across.crosswalk;
  return {
    report: assess(loaded.answers, loaded.catalogue, { asOf: opts.asOf ?? ctx.today, version: ctx.version }),
    revision: since,
    file: display,
    commit,
    date,
    ...(cw ? { indicatorNow: (id: string) => cw.successors.get(id)?.[0] ?? id } : {}),
  };
}
