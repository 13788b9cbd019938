// `bva init [FILE]`: a new period's answers file, optionally carrying last period's forward.
import { existsSync } from 'node:fs';
import { carryForward, type CarryCounts } from '../answers/carry.js';
import { SCHEMA_TIP, createAnswersFile, namesSchema } from '../answers/create.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { shellArg } from '../words.js';
import { isPeriod, nextPeriod } from '../source/dates.js';
import { answersSource, loadValidAnswers, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';
import { say } from '../render/escape.js';

export interface InitOptions {
  authority?: string;
  period?: string;
  catalogue?: string;
  from?: string;
  force?: boolean;
}

export async function init(ctx: CommandContext, file: string, opts: InitOptions): Promise<number> {
  const path = resolvePath(ctx, file);
  if (existsSync(path) && !opts.force) throw new InputError(`${file} already exists; use --force to replace it`);
  if (opts.period !== undefined && !isPeriod(opts.period)) throw new UsageError(`--period must be written YYYY-YY with consecutive years, like 2025-26; got ${JSON.stringify(opts.period)}`);

  // 1. The catalogue given, and last period's file when carrying forward: it finds its own catalogue
  // (its pointer, the project configuration, the shipped ones), or is the catalogue given.
  const source = answersSource(ctx);
  const given = opts.catalogue === undefined ? undefined : await source.byIdOrPath(opts.catalogue, path);
  const previous = opts.from === undefined ? undefined : await loadValidAnswers(ctx, opts.from, given ? source.knowing(given) : source);
  // The new period follows the catalogue given; else the newest version of last period's (ids carry
  // across versions); else the project's default, else the shipped one.
  const catalogue = given ?? (previous ? ((await source.newest(previous.catalogue.catalogue.id, path)) ?? previous.catalogue) : await source.defaultFor(path));
  const authority = opts.authority ?? previous?.answers.authority;
  if (authority === undefined || authority.trim() === '') throw new UsageError('give the council\'s name with --authority (or carry it forward with --from)');
  const period = opts.period ?? (previous ? nextPeriod(previous.answers.period) : undefined);
  if (period === undefined) throw new UsageError('give the period with --period, like 2025-26 (or carry it forward with --from)');

  // 2. The new document, checked and written.
  const carried = previous ? carryForward(previous.answers, catalogue) : undefined;
  const result = await createAnswersFile(
    path,
    file,
    { authority, period, catalogue, ...(carried ? { themes: carried.themes } : {}), ...(carried?.paper ? { paper: carried.paper } : {}), startedWith: 'bva init', ...(previous ? { from: previous.answers.period, fromPath: previous.path } : {}) },
    { home: ctx.home, source },
    { force: opts.force === true, inputs: [opts.from === undefined ? undefined : { path: resolvePath(ctx, opts.from), display: opts.from, what: "last period's file" }] },
  );
  if (!result.ok) {
    printProblems(ctx, result.problems);
    return EXIT.invalid;
  }
  ctx.stderr.write(say`Wrote ${file}: ${authority}, ${period}, ${catalogue.catalogue.id} ${catalogue.catalogue.version} (${catalogue.indicatorCount} indicators to answer).\n`);
  if (carried && opts.from !== undefined) ctx.stderr.write(describeCarry(opts.from, carried.counts));
  if (!namesSchema(result.value.file.text)) ctx.stderr.write(say`${SCHEMA_TIP}\n`);
  // The new file finds its catalogue by itself (it was checked so), so the next command needs no --catalogue.
  ctx.stderr.write(say`Next: bva assess ${shellArg(file)}\n`);
  return EXIT.ok;
}

function describeCarry(from: string, c: CarryCounts): string {
  let out = say`Carried forward from ${from}: ${c.summaries} theme summaries, ${c.commentaries} commentaries, ${c.evidence} evidence entries, ${c.openActions} open actions; ${c.previousRatings} ratings kept as previous.\n`;
  if (c.paper.length > 0) out += say`The committee paper's ${c.paper.join(', ')} carried forward; its date, title, version, status and words are this period's to write.\n`;
  if (c.dropped.length > 0) out += say`Not carried (no longer in the catalogue): ${c.dropped.join(', ')}.\n`;
  return out;
}
