// `bva answer FILE INDICATOR [...]`: set one answer from a script. The change is checked against
// the indicator's scale before anything is written; a refused change leaves the file untouched.
import { answerChanges } from '../answers/changes.js';
import { answeredCount, answerOf, type Action } from '../answers/model.js';
import { saveChanges } from '../answers/save.js';
import { NOT_APPLICABLE, ratingWords, scaleWords } from '../catalogue/model.js';
import { EXIT, UsageError } from '../errors.js';
import { lockForWriting } from '../source/lock.js';
import { nearest } from '../source/suggest.js';
import { answersSource, loadValidAnswers, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';
import { say } from '../render/escape.js';

export interface AnswerOptions {
  rating?: string;
  target?: string;
  commentary?: string;
  evidence?: string[];
  action?: string;
  owner?: string;
  due?: string;
  notApplicable?: string;
  catalogue?: string;
}

export async function answer(ctx: CommandContext, file: string, indicatorId: string, opts: AnswerOptions): Promise<number> {
  // 1. The flags must describe one coherent change.
  if ((opts.owner !== undefined || opts.due !== undefined) && opts.action === undefined) throw new UsageError('--owner and --due describe an action: give --action too');
  const given = [opts.rating, opts.target, opts.commentary, opts.evidence, opts.action, opts.notApplicable].some((v) => v !== undefined);
  if (!given) throw new UsageError('say what to set: --rating, --target, --commentary, --evidence, --action or --not-applicable');
  if (opts.notApplicable !== undefined && opts.rating !== undefined) throw new UsageError('--not-applicable sets the rating: give one or the other');
  if (opts.notApplicable !== undefined && opts.notApplicable.trim() === '') throw new UsageError('--not-applicable needs a reason');

  const path = resolvePath(ctx, file);
  const lock = lockForWriting(path, 'bva answer', file);
  try {
    if (lock.recovered) ctx.stderr.write(say`bva: ${file}: ${lock.recovered}\n`);
    // 2. The file must be valid, and the indicator must be in its catalogue.
    const loaded = await loadValidAnswers(ctx, file, opts.catalogue);
    const entry = loaded.catalogue.indicatorById.get(indicatorId);
    if (!entry) {
      const guess = nearest(indicatorId, loaded.catalogue.indicatorById.keys());
      ctx.stderr.write(say`bva: unknown indicator "${indicatorId}" in ${loaded.catalogue.catalogue.id}${guess ? `; did you mean ${guess}?` : ''}; nothing was written\n`);
      return EXIT.invalid;
    }
    const words = ratingWords(entry);
    const levelWords = scaleWords(entry);
    const refuse = (what: string, word: string, allowed: string[]): number => {
      const guess = nearest(word, allowed);
      ctx.stderr.write(say`bva: ${indicatorId}: ${what} "${word}" is not on its ${entry.indicator.kind} scale${guess ? ` (did you mean ${guess}?)` : ''}; use one of: ${allowed.join(', ')}. Nothing was written.\n`);
      return EXIT.invalid;
    };
    if (opts.rating !== undefined && !words.includes(opts.rating)) return refuse('rating', opts.rating, words);
    if (opts.rating === NOT_APPLICABLE) throw new UsageError('use --not-applicable REASON to mark an indicator not applicable');
    if (opts.target !== undefined && !levelWords.includes(opts.target)) return refuse('target', opts.target, levelWords);

    // 3. The changes, in data terms.
    const before = answerOf(loaded.answers, entry.theme.id, indicatorId);
    const action: Action | undefined =
      opts.action === undefined ? undefined : { action: opts.action, ...(opts.owner !== undefined ? { owner: opts.owner } : {}), ...(opts.due !== undefined ? { due: opts.due } : {}), status: 'open' };
    const changes = answerChanges(entry.theme.id, indicatorId, before, {
      rating: opts.rating,
      notApplicable: opts.notApplicable,
      target: opts.target,
      commentary: opts.commentary,
      evidence: opts.evidence,
      actions: action ? [action] : undefined,
    });

    // 4. Edit, check, write.
    const saved = await saveChanges(loaded, changes, answersSource(ctx, opts.catalogue));
    if (!saved.ok) {
      printProblems(ctx, saved.problems);
      return EXIT.invalid;
    }
    const after = answerOf(saved.value.answers, entry.theme.id, indicatorId);
    const was = before?.rating !== undefined && before.rating !== after?.rating ? ` (was ${before.rating})` : '';
    const answered = answeredCount(saved.value.answers, saved.value.catalogue);
    ctx.stderr.write(say`${indicatorId}: ${after?.rating ?? 'unrated'}${was}; saved ${file} (answered ${answered} of ${saved.value.catalogue.indicatorCount})\n`);
    return EXIT.ok;
  } finally {
    lock.release();
  }
}
