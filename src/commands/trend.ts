// `bva trend FILE... [--from-git PATH]`: many periods side by side. Each file (or REV:PATH, or each
// period's latest committed version of one file) is loaded and checked against its own catalogue,
// scored as of its own assessment date, put in period order, seen through the crosswalk to the
// latest period's catalogue, rendered, and written once.
import type { LoadedAnswers } from '../answers/model.js';
import { assess } from '../assessment/assess.js';
import { buildTrend, type TrendInput } from '../assessment/trend.js';
import { EXIT, InvalidInputError, UsageError } from '../errors.js';
import { say } from '../render/escape.js';
import { TREND_EXTENSIONS, TREND_FORMAT_NAMES, TREND_RENDERERS, type TrendFormat } from '../render/trend.js';
import { fileSize, outputFormat } from './output.js';
import { checkWritable, writeFileAtomic, type Input, type WriteOptions } from '../source/atomic.js';
import { gitHistory } from '../source/git.js';
import { parseFast } from '../source/yaml.js';
import { plural } from '../words.js';
import { isError, type LocatedProblem } from '../source/problem.js';
import { loadAnswersArg, loadAnswersTextAt, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';
import { crosswalkFor } from './diff.js';

export interface TrendOptions {
  /** As given; else from --out's extension, else md (outputFormat). */
  readonly format?: TrendFormat;
  readonly out?: string;
  /** Read every committed version of this file, one per period. */
  readonly fromGit?: string;
  readonly catalogue?: string;
}

/** A period's file, loaded, with where it came from. */
interface Period {
  readonly loaded: LoadedAnswers;
  readonly file: string;
  readonly commit?: string;
  /** The order it was given in, for periods that tie. */
  readonly given: number;
}

/** Renders the trend across the periods given; exit 0, 1 when any file is invalid, 2 when refused. */
export async function trend(ctx: CommandContext, files: readonly string[], opts: TrendOptions): Promise<number> {
  if (files.length === 0 && opts.fromGit === undefined) throw new UsageError('give the answers files of the periods to compare, or --from-git PATH');
  const outPath = opts.out === undefined ? undefined : resolvePath(ctx, opts.out);
  // An --out that is an input (by any name or link), a folder or a read-only file is refused before any work.
  const named = (path: string | undefined, what: string): Input | undefined => (path === undefined ? undefined : { path: resolvePath(ctx, path), display: path, what });
  const out: WriteOptions = { display: opts.out ?? '', flag: '--out', stream: true, inputs: [...files.map((f) => named(f, 'the answers file')), named(opts.fromGit, 'the answers file'), named(opts.catalogue, 'the catalogue')] };
  if (outPath !== undefined) checkWritable(outPath, out);
  const format = outputFormat({ extensions: TREND_EXTENSIONS, names: TREND_FORMAT_NAMES, default: 'md' }, opts);

  // 1. Every period, each file's problems printed before any is refused.
  const loaded: (LoadedAnswers | { problems: readonly LocatedProblem[] })[] = [];
  const from: { file: string; commit?: string }[] = [];
  for (const f of files) {
    loaded.push(await loadAnswersArg(ctx, f, opts.catalogue));
    from.push({ file: f });
  }
  if (opts.fromGit !== undefined) {
    for (const v of await latestPerPeriod(ctx, opts.fromGit)) {
      loaded.push(await loadAnswersTextAt(ctx, v.file, resolvePath(ctx, opts.fromGit), opts.catalogue));
      from.push({ file: v.file.path, commit: v.commit });
    }
  }
  const bad = loaded.filter((l): l is { problems: readonly LocatedProblem[] } => 'problems' in l);
  if (bad.length > 0) {
    for (const b of bad) printProblems(ctx, b.problems.filter(isError));
    throw new InvalidInputError('invalid input');
  }
  const periods: Period[] = (loaded as LoadedAnswers[]).map((l, given) => ({ loaded: l, ...from[given]!, given }));

  // 2. Period order, whatever the order given; one file per period.
  periods.sort((a, b) => cmp(a.loaded.answers.period, b.loaded.answers.period) || cmp(a.loaded.answers['assessment-date'] ?? '', b.loaded.answers['assessment-date'] ?? '') || a.given - b.given);
  for (let i = 1; i < periods.length; i++) {
    const [a, b] = [periods[i - 1]!, periods[i]!];
    if (a.loaded.answers.period === b.loaded.answers.period) throw new UsageError(`${a.file} and ${b.file} are both ${a.loaded.answers.period}: give one file per period`);
  }

  // 3. Score each as it stood when assessed; join each catalogue to the latest's and the previous's.
  const latest = periods[periods.length - 1]!.loaded.catalogue;
  const inputs: TrendInput[] = [];
  for (const [i, p] of periods.entries()) {
    const { answers, catalogue } = p.loaded;
    const toLatest = await crosswalkFor(ctx, catalogue, latest);
    const fromPrevious = i > 0 ? (await crosswalkFor(ctx, periods[i - 1]!.loaded.catalogue, catalogue)).crosswalk : undefined;
    inputs.push({
      report: assess(answers, catalogue, { asOf: answers['assessment-date'] ?? ctx.today, version: ctx.version }),
      catalogue,
      file: p.file,
      ...(p.commit !== undefined ? { commit: p.commit } : {}),
      toLatest: toLatest.crosswalk,
      fromPrevious,
      noCrosswalk: toLatest.noCrosswalk,
    });
  }
  const model = buildTrend(inputs, { version: ctx.version });
  const text = (await TREND_RENDERERS[format]())(model, { generatedBy: `bva ${ctx.version}` });

  // 4. Write once.
  if (outPath === undefined || opts.out === undefined) {
    ctx.stdout.write(text);
    return EXIT.ok;
  }
  const bytes = Buffer.from(text, 'utf8');
  // The files read to find the catalogues (the catalogues, bva.config.yaml) are inputs too.
  writeFileAtomic(outPath, bytes, { ...out, inputs: [...(out.inputs ?? []), ...ctx.store.inputs()] });
  ctx.stderr.write(say`Wrote ${opts.out} (${TREND_FORMAT_NAMES[format]}, ${plural(periods.length, 'period')}, ${fileSize(bytes.length)})\n`);
  return EXIT.ok;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Each period's latest committed version of a file: every version is read (by one git process),
 * its period read cheaply, and the newest commit of each period kept, oldest period first.
 */
async function latestPerPeriod(ctx: CommandContext, path: string): Promise<Awaited<ReturnType<typeof gitHistory>>> {
  const versions = await gitHistory(ctx, path, path);
  const byPeriod = new Map<string, (typeof versions)[number]>();
  // Newest first, so the first version seen of a period is its latest; one whose period cannot be
  // read is kept under its commit, to be reported with its problems.
  for (const v of versions) {
    const key = periodOf(v.file.text) ?? `?${v.commit}`;
    if (!byPeriod.has(key)) byPeriod.set(key, v);
  }
  return [...byPeriod.values()].reverse();
}

/** The period an answers file's text names, found without a full parse where a line says it plainly. */
function periodOf(text: string): string | undefined {
  const m = /^period:[ \t]*(['"]?)(\d{4}-\d{2})\1[ \t]*(#.*)?\r?$/m.exec(text);
  if (m) return m[2];
  const data = parseFast(text)?.data as { period?: unknown } | undefined;
  return typeof data?.period === 'string' ? data.period : undefined;
}
