// `bva init [FILE]`: a new period's answers file, optionally carrying last period's forward.
import { existsSync } from 'node:fs';
import { dirname, relative, join } from 'node:path';
import { carryForward, type CarryCounts } from '../answers/carry.js';
import type { Answers } from '../answers/model.js';
import { writeChecked } from '../answers/save.js';
import { renderDocument } from '../answers/yaml-style.js';
import type { CatalogueModel } from '../catalogue/model.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { isPeriod, nextPeriod } from '../source/dates.js';
import { answersSource, loadValidAnswers, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';

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

  // 1. Last period's file, when carrying forward, and the catalogue for the new one.
  const previous = opts.from === undefined ? undefined : await loadValidAnswers(ctx, opts.from, undefined);
  // A new period takes the newest shipped catalogue unless told otherwise; ids carry across versions.
  const catalogue = opts.catalogue !== undefined ? await catalogueByIdOrPath(ctx, opts.catalogue) : await ctx.store.default();
  const authority = opts.authority ?? previous?.answers.authority;
  if (authority === undefined || authority.trim() === '') throw new UsageError('give the council\'s name with --authority (or carry it forward with --from)');
  const period = opts.period ?? (previous ? nextPeriod(previous.answers.period) : undefined);
  if (period === undefined) throw new UsageError('give the period with --period, like 2025-26 (or carry it forward with --from)');

  // 2. The new document.
  const carried = previous ? carryForward(previous.answers, catalogue) : undefined;
  const answers: Answers = {
    catalogue: { id: catalogue.catalogue.id, version: catalogue.catalogue.version },
    authority,
    period,
    ...(carried && Object.keys(carried.themes).length > 0 ? { themes: carried.themes } : {}),
  };
  const text = renderDocument(answers as unknown as Record<string, unknown>, headerLines(ctx, path, authority, period, previous?.answers.period), { catalogue });

  // 3. Check and write.
  const result = await writeChecked(path, { path: file, text, bom: false, eol: '\n', mode: 0o644 }, answersSource(ctx, catalogueFileOf(catalogue)));
  if (!result.ok) {
    printProblems(ctx, result.problems);
    return EXIT.invalid;
  }
  ctx.stderr.write(`Wrote ${file}: ${authority}, ${period}, ${catalogue.catalogue.id} ${catalogue.catalogue.version} (${catalogue.indicatorCount} indicators to answer).\n`);
  if (carried && opts.from !== undefined) ctx.stderr.write(describeCarry(opts.from, carried.counts));
  ctx.stderr.write(`Next: bva assess ${file}\n`);
  return EXIT.ok;
}

/** The comment lines at the top of a new file. */
export function headerLines(ctx: CommandContext, path: string, authority: string, period: string, from?: string): string[] {
  const schema = relative(dirname(path), join(ctx.home, 'src', 'answers', 'answers.schema.json')).split('\\').join('/');
  return [
    `# yaml-language-server: $schema=${schema}`,
    `# ${authority.replace(/\s+/g, ' ')}: Best Value Duty self-assessment, ${period}.`,
    from ? `# Started with bva init from ${from}: ratings are asked afresh; last period's are kept as previous.` : '# Started with bva init. Edit by hand or with bva assess; comments you add are kept.',
  ];
}

/** A shipped catalogue by id (its newest version), or a catalogue file by path. */
export async function catalogueByIdOrPath(ctx: CommandContext, idOrPath: string): Promise<CatalogueModel> {
  const shipped = (await ctx.store.shipped()).filter((m) => m.catalogue.id === idOrPath);
  if (shipped.length > 0) return shipped[shipped.length - 1]!;
  if (!/[/\\.]/.test(idOrPath)) throw new UsageError(`no shipped catalogue ${JSON.stringify(idOrPath)} (shipped: ${await ctx.store.shippedLabels()}); give a catalogue file's path instead`);
  return ctx.store.load(resolvePath(ctx, idOrPath), idOrPath);
}

/** The --catalogue option for checking a file against this catalogue: none for a shipped one. */
function catalogueFileOf(catalogue: CatalogueModel): string | undefined {
  return catalogue.origin.shipped ? undefined : catalogue.origin.path;
}

function describeCarry(from: string, c: CarryCounts): string {
  let out = `Carried forward from ${from}: ${c.summaries} theme summaries, ${c.commentaries} commentaries, ${c.evidence} evidence entries, ${c.openActions} open actions; ${c.previousRatings} ratings kept as previous.\n`;
  if (c.dropped.length > 0) out += `Not carried (no longer in the catalogue): ${c.dropped.join(', ')}.\n`;
  return out;
}
