// Independent review: a reviewer's file is an answers file for the same catalogue, council and
// period, with a `review:` block naming the draft it reviews, the reviewer and the indicators to
// rate. It holds the draft's commentary and evidence for those indicators as context, and none of
// its ratings, so the reviewer's judgement is their own. Every command that reads answers reads it.
import { indexCatalogue, levelOf, type CatalogueModel } from '../catalogue/model.js';
import type { Answers, IndicatorAnswer, Review, ThemeAnswers } from '../generated/answers.js';
import { sha256 } from '../source/digest.js';
import { answerOf } from './model.js';

export type { Review };

/** What a reviewer's file is drawn with. */
export interface SampleSpec {
  /** The themes to review, by id (every theme when empty). */
  readonly themes: readonly string[];
  /** How many indicators to draw; every indicator of the themes when absent. */
  readonly sample?: number | undefined;
  /** What the draw is seeded with: the reviewer's name unless given. */
  readonly seed: string;
}

/**
 * The rank of an indicator in the draw: the SHA-256, in hex, of the UTF-8 text
 * "SEED\nPERIOD\nINDICATOR-ID". The same seed, period and id always give the same rank.
 */
export function sampleKey(seed: string, period: string, indicatorId: string): string {
  return sha256(`${seed}\n${period}\n${indicatorId}`);
}

/**
 * The indicators to review, in catalogue order. The pool is every indicator of the chosen themes
 * that the draft rates on its scale (unanswered and not-applicable ones cannot be compared).
 * Without a sample size the whole pool is taken. With one, the sample is stratified by theme:
 * each theme's share is in proportion to its part of the pool, by the largest-remainder method
 * (ties to the theme that comes first in the catalogue), and within a theme the indicators with
 * the lowest sampleKey are taken.
 */
export function drawSample(draft: Answers, catalogue: CatalogueModel, spec: SampleSpec): string[] {
  const themes = catalogue.themes.filter((t) => spec.themes.length === 0 || spec.themes.includes(t.id));
  const pools = themes.map((t) => t.indicators.filter((i) => levelOf(catalogue.catalogue.scales[i.kind]!, answerOf(draft, t.id, i.id)?.rating) !== undefined).map((i) => i.id));
  const total = pools.reduce((n, p) => n + p.length, 0);
  if (spec.sample === undefined || spec.sample >= total) return pools.flat();
  // 1. Each theme's share: the whole part of its quota, then the largest remainders.
  const quotas = pools.map((p) => (spec.sample! * p.length) / total);
  const shares = quotas.map(Math.floor);
  let left = spec.sample - shares.reduce((a, b) => a + b, 0);
  const byRemainder = quotas.map((q, i) => ({ i, r: q - Math.floor(q) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    shares[i]!++;
    left--;
  }
  // 2. Within each theme, the lowest keys; listed in catalogue order.
  return pools.flatMap((pool, t) => {
    const chosen = new Set(
      pool
        .map((id) => ({ id, key: sampleKey(spec.seed, draft.period, id) }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .slice(0, shares[t])
        .map((x) => x.id),
    );
    return pool.filter((id) => chosen.has(id));
  });
}

/** What a reviewer sees of a draft answer: its commentary and evidence, never its ratings or actions. */
function context(answer: IndicatorAnswer | undefined): IndicatorAnswer {
  return {
    ...(answer?.commentary !== undefined ? { commentary: answer.commentary } : {}),
    ...(answer?.evidence !== undefined && answer.evidence.length > 0 ? { evidence: structuredClone(answer.evidence) } : {}),
  };
}

/** The themes of a reviewer's file: each chosen indicator with the draft's context. */
export function reviewThemes(draft: Answers, catalogue: CatalogueModel, indicators: readonly string[]): Record<string, ThemeAnswers> {
  const themes: Record<string, ThemeAnswers> = {};
  for (const id of indicators) {
    const entry = catalogue.indicatorById.get(id);
    if (!entry) continue;
    const theme = (themes[entry.theme.id] ??= { indicators: {} });
    theme.indicators![id] = context(answerOf(draft, entry.theme.id, id));
  }
  return themes;
}

/** The indicators a file asks to be rated: a reviewer's file's list, or undefined for a draft (every indicator). */
export function reviewScope(answers: Pick<Answers, 'review'>): ReadonlySet<string> | undefined {
  return answers.review ? new Set(answers.review.indicators) : undefined;
}

const views = new WeakMap<CatalogueModel, WeakMap<Review, CatalogueModel>>();

/**
 * The catalogue as a reviewer's file is answered: only the indicators it asks to be rated, and the
 * themes that have any. For a draft, the catalogue itself. Checks always use the whole catalogue;
 * this view is for walking and counting (the questionnaire).
 */
export function reviewView(catalogue: CatalogueModel, answers: Pick<Answers, 'review'>): CatalogueModel {
  const review = answers.review;
  if (!review) return catalogue;
  const cached = views.get(catalogue)?.get(review);
  if (cached) return cached;
  const keep = new Set(review.indicators);
  const themes = catalogue.themes.map((t) => ({ ...t, indicators: t.indicators.filter((i) => keep.has(i.id)) })).filter((t) => t.indicators.length > 0);
  const view = indexCatalogue({ ...catalogue.catalogue, themes }, catalogue.origin);
  if (!views.has(catalogue)) views.set(catalogue, new WeakMap());
  views.get(catalogue)!.set(review, view);
  return view;
}

/** A reviewer's name as a file name's part: "Priya Raman" → "priya-raman". */
export function nameSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'reviewer' : slug.slice(0, 60);
}
