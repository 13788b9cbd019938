// `bva moderate ANSWERS REVIEW... [--accept RULE --by NAME] [--format md|json|html] [--out PATH]`:
// the draft's ratings beside each independent reviewer's, the agreement between them, and the
// agreed ratings recorded in the draft with a moderation note (who, when, why). At a terminal it
// walks the disagreements; from a script, --accept settles them all by a rule; without either it
// only shows the comparison. Every record goes through the comment-keeping writer, under the lock.
import { dirname, extname, resolve } from 'node:path';
import { answerChanges } from '../answers/changes.js';
import type { Change } from '../answers/edit.js';
import { answerOf, answerPath, type Answers, type LoadedAnswers } from '../answers/model.js';
import { saveChanges } from '../answers/save.js';
import { moderation, ratingSets, recordedSets, ruleText, settle, difference, type AcceptRule, type Moderation, type RatingSet } from '../assessment/moderation.js';
import { catalogueLabel } from '../catalogue/model.js';
import { EXIT, InvalidInputError, UsageError } from '../errors.js';
import { jsonText, say, terminalLine } from '../render/escape.js';
import { agreementRows, alphaHeading, alphaScales, shareText, type Fact } from '../render/report-text.js';
import { checkWritable, writeFileAtomic, type Input } from '../source/atomic.js';
import { lockForWriting, type Lock } from '../source/lock.js';
import { plural, shellArg } from '../words.js';
import type { Prompts } from '../questionnaire/flow.js';
import { answersSource, loadValidAnswers, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';

/** The formats `bva moderate --format` offers. */
export const MODERATION_FORMATS = ['md', 'json', 'html'] as const;
export type ModerationFormat = (typeof MODERATION_FORMATS)[number];

export interface ModerateOptions {
  readonly format?: ModerationFormat;
  readonly out?: string;
  readonly accept?: string;
  readonly by?: string;
  readonly on?: string;
  readonly note?: string;
  readonly catalogue?: string;
}

export interface ModerateSeams {
  /** Scripted prompts instead of the keyboard. */
  readonly prompts?: Prompts;
}

/** Parses an --accept rule: draft, median, lowest, or reviewer:NAME. */
export function parseRule(text: string): AcceptRule {
  if (text === 'draft' || text === 'median' || text === 'lowest') return { rule: text };
  const m = /^reviewer:(.+)$/.exec(text);
  if (m && m[1]!.trim() !== '') return { rule: 'reviewer', reviewer: m[1]!.trim() };
  throw new UsageError(`--accept ${JSON.stringify(text)}: use draft, median, lowest or reviewer:NAME`);
}

/** The format: --format, else --out's extension (.json, .html), else Markdown. */
function formatOf(opts: ModerateOptions): ModerationFormat {
  if (opts.format !== undefined) return opts.format;
  const ext = opts.out === undefined ? '' : extname(opts.out).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.html' || ext === '.htm' ? 'html' : 'md';
}

export async function moderate(ctx: CommandContext, file: string, reviews: readonly string[], opts: ModerateOptions, seams: ModerateSeams = {}): Promise<number> {
  // 1. The flags, before anything is read.
  const format = formatOf(opts);
  // --out is never one of the files read, by any name or link (the same check again at the write).
  const outPath = opts.out === undefined ? undefined : resolvePath(ctx, opts.out);
  const read = [file, ...reviews].map((input) => ({ path: resolvePath(ctx, input), display: input, what: 'the input' }));
  if (outPath !== undefined) checkWritable(outPath, { display: opts.out!, flag: '--out', stream: true, inputs: read });
  const rule = opts.accept === undefined ? undefined : parseRule(opts.accept);
  const by = opts.by?.trim();
  if (by === '') throw new UsageError('--by needs a name');
  if (rule && by === undefined) throw new UsageError('--accept records the agreed ratings: say who moderated with --by NAME');
  if (opts.note !== undefined && !rule) throw new UsageError('--note goes with --accept (at a terminal, each disagreement is asked for its own note)');
  const on = opts.on ?? ctx.today;
  const interactive = !rule && (seams.prompts !== undefined || (ctx.stdout.isTTY === true && ctx.stdin?.().isTTY === true));
  const recording = rule !== undefined || interactive;

  const lock: Lock | undefined = recording ? lockForWriting(resolvePath(ctx, file), 'bva moderate', file) : undefined;
  try {
    if (lock?.recovered) ctx.stderr.write(say`bva: ${file}: ${lock.recovered}\n`);
    // 2. The draft and the reviewers' files, each valid and for the same assessment.
    const draft = await loadValidAnswers(ctx, file, opts.catalogue);
    const inputs = await loadReviews(ctx, draft, file, reviews, opts.catalogue);
    if (rule?.rule === 'reviewer' && !inputs.some((r) => r.reviewer === rule.reviewer)) {
      throw new UsageError(`--accept reviewer:${rule.reviewer}: no reviewer's file is by ${rule.reviewer}; the reviewers are: ${inputs.map((r) => r.reviewer).join(', ')}`);
    }
    const sets = ratingSets(draft.answers, inputs, draft.catalogue).map((s) => withRecord(s, draft.answers));
    if (sets.length === 0) {
      ctx.stderr.write(say`bva: no indicator is rated both in ${file} and in a reviewer's file, so there is nothing to moderate.\n`);
      return EXIT.invalid;
    }
    const facts: Fact[] = [
      { label: 'Draft', value: file },
      { label: "Reviewers' files", value: inputs.map((r) => `${r.reviewer}: ${r.file}`) },
    ];

    // 3. Show only: nothing is recorded.
    if (!recording) {
      const m = moderation(sets, draft.catalogue);
      await output(ctx, m, draft, format, opts, read, [...facts, { label: 'Recorded', value: 'not yet: run bva moderate at a terminal to settle each disagreement, or give --accept RULE --by NAME' }]);
      ctx.stderr.write(say`Nothing was recorded in ${file}: settle the disagreements at a terminal, or with --accept RULE --by NAME from a script.\n`);
      return EXIT.ok;
    }

    // 4. Record: by the rule, or by walking the disagreements.
    let current = draft;
    const source = answersSource(ctx, opts.catalogue);
    const save = async (changes: readonly Change[]): Promise<void> => {
      const saved = await saveChanges(current, changes, source);
      if (!saved.ok) {
        printProblems(ctx, saved.problems);
        throw new InvalidInputError(`${file}: the moderation would make it invalid`);
      }
      current = saved.value;
    };
    let who = by;
    if (rule) {
      await save([
        ...sets.flatMap((s) => {
          const agreed = settle(s, draft.catalogue.indicatorById.get(s.id)!.scale, rule);
          const agreedByAll = difference(s, draft.catalogue.indicatorById.get(s.id)!.scale).difference === 'none';
          return recordChanges(current.answers, s, { agreed, by: by!, on, note: agreedByAll ? undefined : (opts.note ?? `Settled by rule: ${ruleText(rule)}.`) });
        }),
        ...themesModerated(sets, by!, on),
      ]);
    } else {
      const prompts = seams.prompts ?? (await terminalPrompts(ctx));
      who ??= (await prompts.input({ id: 'owner', message: 'Who is moderating (a name or a group)?', validate: (v) => (v.trim() === '' ? 'Give a name: the moderation record shows it.' : true) })).trim();
      const moderator = who;
      const pending = sets.filter((s) => s.agreed === undefined);
      const agreedByAll = pending.filter((s) => difference(s, draft.catalogue.indicatorById.get(s.id)!.scale).difference === 'none');
      const open = moderation(pending, draft.catalogue).indicators.filter((i) => i.difference !== 'none').map((i) => pending.find((s) => s.id === i.id)!);
      if (agreedByAll.length > 0) await save(agreedByAll.flatMap((s) => recordChanges(current.answers, s, { agreed: s.draft, by: moderator, on, note: undefined })));
      const width = Math.max(40, Math.min(ctx.stdout.columns || 80, 100));
      ctx.stdout.write(
        say`${plural(sets.length, 'indicator')} compared: ${agreedByAll.length} more where every rating is the same (recorded as agreed), ${plural(open.length, 'disagreement')} to settle, ${sets.length - pending.length} settled before.\n`,
      );
      const { walkDisagreements } = await import('../questionnaire/moderate.js');
      await walkDisagreements(open, {
        prompts,
        show: (t) => void ctx.stdout.write(t),
        paint: ctx.paint.stdout,
        width,
        file,
        catalogue: draft.catalogue,
        save: async (set, agreed, note) => save(recordChanges(current.answers, set, { agreed, by: moderator, on, note })),
      });
      // A theme is moderated once every indicator of it compared has its record.
      const done = recordedSets(current.answers, current.catalogue);
      const settledThemes = sets.filter((s) => done.some((d) => d.id === s.id));
      const whole = [...new Set(sets.map((s) => s.theme))].filter((t) => sets.filter((s) => s.theme === t).every((s) => settledThemes.includes(s)));
      await save(themesModerated(sets.filter((s) => whole.includes(s.theme)), moderator, on));
    }

    // 5. What is now recorded, for the indicators compared.
    const ids = new Set(sets.map((s) => s.id));
    const m = moderation(recordedSets(current.answers, current.catalogue).filter((s) => ids.has(s.id)), current.catalogue);
    await output(ctx, m, current, format, opts, read, [...facts, { label: 'Moderated by', value: `${who ?? ''}, ${on}` }], interactive);
    ctx.stderr.write(say`Saved ${file}: ${plural(m.indicators.length, 'moderation')} recorded (${m.indicators.filter((i) => i.difference !== 'none').length} settled disagreements).\n`);
    return EXIT.ok;
  } finally {
    lock?.release();
  }
}

/** A reviewer's file as read. */
interface LoadedReview {
  readonly reviewer: string;
  readonly file: string;
  readonly answers: Answers;
}

/** Loads each reviewer's file, refusing one that is not a reviewer's file or is for another assessment. */
async function loadReviews(ctx: CommandContext, draft: LoadedAnswers, file: string, reviews: readonly string[], catalogue: string | undefined): Promise<LoadedReview[]> {
  if (draft.answers.review) {
    ctx.stderr.write(say`bva: ${file} is a reviewer's file; give the draft first: bva moderate ${shellArg(draft.answers.review.of)} ${shellArg(file)} ...\n`);
    throw new InvalidInputError(`${file}: a reviewer's file`);
  }
  const out: LoadedReview[] = [];
  for (const r of reviews) {
    const loaded = await loadValidAnswers(ctx, r, catalogue);
    const review = loaded.answers.review;
    const refuse = (why: string): never => {
      ctx.stderr.write(say`bva: ${r}: ${why}. Nothing was done.\n`);
      throw new InvalidInputError(`${r}: refused`);
    };
    if (!review) refuse(`not a reviewer's file (it has no review: block); make one with bva review init ${shellArg(file)} --reviewer NAME`);
    const a = loaded.answers;
    const d = draft.answers;
    if (a.catalogue.id !== d.catalogue.id || a.catalogue.version !== d.catalogue.version) {
      refuse(`it follows ${catalogueLabel(a.catalogue)} and the draft ${catalogueLabel(d.catalogue)}; make the reviewer's file again from the draft`);
    }
    if (a.authority !== d.authority || a.period !== d.period) refuse(`it is for ${terminalLine(a.authority)}, ${a.period}, and the draft for ${terminalLine(d.authority)}, ${d.period}`);
    const twin = out.find((x) => x.reviewer === review!.reviewer);
    if (twin) throw new UsageError(`${twin.file} and ${r} are both by ${review!.reviewer}; give one file per reviewer`);
    if (resolve(dirname(loaded.path), review!.of) !== draft.path) {
      ctx.stderr.write(say`bva: note: ${r} names ${review!.of} as its draft, not ${file}; compared with ${file} all the same\n`);
    }
    out.push({ reviewer: review!.reviewer, file: r, answers: a });
  }
  return out;
}

/**
 * An indicator already moderated against these same reviews (and still at the rating agreed) shows
 * its original draft rating and what was agreed, so moderating again changes nothing.
 */
function withRecord(set: RatingSet, draft: Answers): RatingSet {
  const m = answerOf(draft, set.theme, set.id)?.moderation;
  if (!m || m.agreed !== set.draft) return set;
  const same = m.reviews.length === set.reviews.length && m.reviews.every((r, i) => r.reviewer === set.reviews[i]!.reviewer && r.rating === set.reviews[i]!.rating);
  return same ? { ...set, draft: m.draft, agreed: m.agreed, by: m.by, on: m.on, note: m.note } : set;
}

/** The changes that record one indicator's moderation: its agreed rating, and the record. */
function recordChanges(answers: Answers, set: RatingSet, d: { agreed: string; by: string; on: string; note: string | undefined }): Change[] {
  const before = answerOf(answers, set.theme, set.id);
  const rating = d.agreed === before?.rating ? [] : answerChanges(set.theme, set.id, before, { rating: d.agreed });
  const value = { draft: set.draft, reviews: set.reviews.map((r) => ({ reviewer: r.reviewer, rating: r.rating })), agreed: d.agreed, by: d.by, on: d.on, ...(d.note !== undefined ? { note: d.note } : {}) };
  return [...rating, { op: 'set', path: [...answerPath(set.theme, set.id), 'moderation'], value }];
}

/** Each theme of these indicators recorded as moderated, by whom and when. */
function themesModerated(sets: readonly RatingSet[], by: string, on: string): Change[] {
  return [...new Set(sets.map((s) => s.theme))].map((theme) => ({ op: 'set', path: ['themes', theme, 'assurance', 'moderated'], value: { by, on } }));
}

/** Writes the moderation in the chosen format: to --out atomically, or stdout (a short summary after a terminal walk). */
async function output(ctx: CommandContext, m: Moderation, loaded: LoadedAnswers, format: ModerationFormat, opts: ModerateOptions, inputs: readonly Input[], facts: Fact[], walked = false): Promise<void> {
  const a = loaded.answers;
  const title = `Moderation: ${a.authority}, ${a.period}`;
  let text: string;
  if (format === 'json') {
    text = `${jsonText({ bva: { version: ctx.version }, authority: a.authority, period: a.period, facts, moderation: m })}\n`;
  } else if (format === 'html') {
    text = (await import('../render/html.js')).renderModerationHtml(m, { title, facts, generatedBy: `bva ${ctx.version}`, footer: `${a.authority} · moderation ${a.period}` });
  } else {
    text = (await import('../render/markdown.js')).renderModerationMarkdown(m, { title, facts });
  }
  if (opts.out !== undefined) {
    writeFileAtomic(resolvePath(ctx, opts.out), Buffer.from(text, 'utf8'), { display: opts.out, flag: '--out', stream: true, inputs: [...inputs, ...ctx.store.inputs()] });
    ctx.stderr.write(say`Wrote ${opts.out}\n`);
  }
  if (opts.out === undefined && !walked) ctx.stdout.write(text);
  if (walked) ctx.stdout.write('\n' + summaryLines(m) + '\n');
}

/** The agreement in a few lines, as a terminal shows it after the walk. */
export function summaryLines(m: Moderation): string {
  const all = agreementRows(m).at(-1)!;
  const alphas = alphaScales(m).map((s, n) => `${alphaHeading(s)}: ${all.alphas[n]}`);
  return [
    `Agreement over ${plural(m.overall.compared, 'indicator')}: same level on ${shareText(m.overall.same, m.overall.compared)}, within one level on ${shareText(m.overall.withinOne, m.overall.compared)}.`,
    ...alphas,
    `Full record: bva report with this file shows it as an appendix.`,
  ]
    .map(terminalLine)
    .join('\n');
}

/** The keyboard's prompts; refuses (exit 2) unless both the keyboard and the screen are a terminal. */
async function terminalPrompts(ctx: CommandContext): Promise<Prompts> {
  const stdin = ctx.stdin?.();
  if (stdin?.isTTY !== true || ctx.stdout.isTTY !== true) throw new UsageError('bva moderate asks at a terminal; from a script, give --accept RULE --by NAME');
  const { terminalPrompts: make } = await import('../questionnaire/prompts.js');
  return make({ input: stdin, output: ctx.stdout, env: ctx.env });
}
