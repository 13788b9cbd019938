// `bva review init ANSWERS --reviewer NAME [--theme ID]... [--sample N] [--seed TEXT] [--out PATH]`:
// makes a reviewer's file from a draft: the indicators to rate independently, with the draft's
// commentary and evidence as context and none of its ratings.
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { createAnswersFile } from '../answers/create.js';
import { drawSample, nameSlug, reviewThemes } from '../answers/review.js';
import { EXIT, UsageError } from '../errors.js';
import { say } from '../render/escape.js';
import { checkWritable } from '../source/atomic.js';
import { nearest } from '../source/suggest.js';
import { plural, shellArg } from '../words.js';
import { answersSource, loadValidAnswers, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';

export interface ReviewInitOptions {
  readonly reviewer?: string;
  readonly theme?: readonly string[];
  readonly sample?: number;
  readonly seed?: string;
  readonly out?: string;
  readonly force?: boolean;
  readonly catalogue?: string;
}

/** The reviewer's file beside the draft: `2025-26.yaml` reviewed by Priya Raman is `2025-26.review-priya-raman.yaml`. */
export function defaultReviewPath(draft: string, reviewer: string): string {
  const ext = extname(draft);
  return join(dirname(draft), `${basename(draft, ext)}.review-${nameSlug(reviewer)}${ext || '.yaml'}`);
}

export async function reviewInit(ctx: CommandContext, file: string, opts: ReviewInitOptions): Promise<number> {
  // 1. The flags.
  const reviewer = opts.reviewer?.trim() ?? '';
  if (reviewer === '') throw new UsageError('--reviewer NAME: who will rate the file');
  if (opts.sample !== undefined && opts.sample < 1) throw new UsageError('--sample must be at least 1');
  const out = opts.out ?? defaultReviewPath(file, reviewer);
  const outPath = resolvePath(ctx, out);
  if (existsSync(outPath) && opts.force !== true) throw new UsageError(`${out} exists; give --force to replace it, or --out another path`);
  // The draft is never written over, by any name or link (the same check again at the write).
  const draftInput = { path: resolvePath(ctx, file), display: file, what: 'the draft' };
  checkWritable(outPath, { display: out, ...(opts.out === undefined ? {} : { flag: '--out' }), inputs: [draftInput], force: opts.force === true });

  // 2. The draft: valid, and a draft (not itself a reviewer's file).
  const draft = await loadValidAnswers(ctx, file, opts.catalogue);
  if (draft.answers.review) {
    ctx.stderr.write(say`bva: ${file} is itself a reviewer's file; make reviewers' files from the draft, ${draft.answers.review.of}. Nothing was written.\n`);
    return EXIT.invalid;
  }
  const catalogue = draft.catalogue;
  const themes = opts.theme ?? [];
  for (const id of themes) {
    if (catalogue.themeById.has(id)) continue;
    const guess = nearest(id, catalogue.themeById.keys());
    throw new UsageError(`--theme ${JSON.stringify(id)} is not a theme of ${catalogue.catalogue.id}${guess ? ` (did you mean ${guess}?)` : ''}; the themes are: ${[...catalogue.themeById.keys()].join(', ')}`);
  }

  // 3. The sample, and the file.
  const indicators = drawSample(draft.answers, catalogue, { themes, sample: opts.sample, seed: opts.seed ?? reviewer });
  if (indicators.length === 0) {
    ctx.stderr.write(say`bva: ${file} rates no indicator${themes.length > 0 ? ` in ${themes.join(', ')}` : ''} on its scale, so there is nothing to review. Nothing was written.\n`);
    return EXIT.invalid;
  }
  const of = relative(dirname(outPath), resolvePath(ctx, file)).split('\\').join('/');
  const review = {
    of,
    reviewer,
    made: ctx.today,
    ...(themes.length > 0 ? { themes: [...themes] } : {}),
    ...(opts.sample !== undefined ? { sample: opts.sample } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    indicators,
  };
  const created = await createAnswersFile(
    outPath,
    out,
    { authority: draft.answers.authority, period: draft.answers.period, catalogue, themes: reviewThemes(draft.answers, catalogue, indicators), startedWith: 'bva review init', review, fromPath: draft.path },
    { home: ctx.home, source: answersSource(ctx) },
    { force: opts.force === true, inputs: [draftInput] },
  );
  if (!created.ok) {
    printProblems(ctx, created.problems);
    return EXIT.invalid;
  }
  const themeCount = new Set(indicators.map((id) => catalogue.indicatorById.get(id)!.theme.id)).size;
  ctx.stderr.write(
    say`Wrote ${out}: ${plural(indicators.length, 'indicator')} in ${plural(themeCount, 'theme')} for ${reviewer} to rate, without the draft's ratings.\n` +
      say`Next: bva assess ${shellArg(out)} (or bva answer ${shellArg(out)} INDICATOR --rating WORD), then bva moderate ${shellArg(file)} ${shellArg(out)} ...\n`,
  );
  return EXIT.ok;
}
