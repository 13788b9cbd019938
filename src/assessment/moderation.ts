// Moderation: the draft's ratings beside independent reviewers', the agreement between them, and
// the rating agreed for each indicator. Pure: answers and catalogue in, the moderation model out.
// Levels are compared by their place on the indicator's scale, never by their words, so a
// council's own catalogue with its own scale moderates the same way.
import { answerOf, type Answers } from '../answers/model.js';
import { levelOf, type CatalogueModel, type IndicatorKind, type Scale } from '../catalogue/model.js';
import type { Agreement, ModeratedIndicator, Moderation, ModerationRating, ScaleAlpha } from '../generated/report.js';
import { medianRank } from './assess.js';

export type { Agreement, ModeratedIndicator, Moderation, ModerationRating, ScaleAlpha };

/** One indicator's ratings: the draft's, each reviewer's, and what moderation agreed, as words. */
export interface RatingSet {
  readonly theme: string;
  readonly id: string;
  readonly draft: string;
  readonly reviews: readonly { readonly reviewer: string; readonly rating: string }[];
  readonly agreed?: string | undefined;
  readonly by?: string | undefined;
  readonly on?: string | undefined;
  readonly note?: string | undefined;
  /** The rating in the file now (for a recorded moderation: it may have changed since). */
  readonly current?: string | undefined;
}

/** A reviewer's file as moderation reads it: who, and their answers. */
export interface ReviewInput {
  readonly reviewer: string;
  readonly answers: Answers;
}

/**
 * The indicators to moderate, in catalogue order: each one the draft answers and at least one
 * reviewer rates, with every rating given (not-applicable included).
 */
export function ratingSets(draft: Answers, reviews: readonly ReviewInput[], catalogue: CatalogueModel): RatingSet[] {
  const out: RatingSet[] = [];
  for (const [id, entry] of catalogue.indicatorById) {
    const mine = answerOf(draft, entry.theme.id, id)?.rating;
    if (mine === undefined) continue;
    const given = reviews.flatMap((r) => {
      const rating = answerOf(r.answers, entry.theme.id, id)?.rating;
      return rating === undefined ? [] : [{ reviewer: r.reviewer, rating }];
    });
    if (given.length > 0) out.push({ theme: entry.theme.id, id, draft: mine, reviews: given, current: mine });
  }
  return out;
}

/** The moderations an answers file records, as rating sets, in catalogue order. */
export function recordedSets(answers: Answers, catalogue: CatalogueModel): RatingSet[] {
  const out: RatingSet[] = [];
  for (const [id, entry] of catalogue.indicatorById) {
    const answer = answerOf(answers, entry.theme.id, id);
    const m = answer?.moderation;
    if (!m) continue;
    out.push({ theme: entry.theme.id, id, draft: m.draft, reviews: m.reviews, agreed: m.agreed, by: m.by, on: m.on, note: m.note, current: answer.rating });
  }
  return out;
}

// --- Krippendorff's alpha ----------------------------------------------------------------------

/**
 * Krippendorff's alpha for ordinal data. `units` are the values each unit (indicator) was given,
 * as places on one scale of `levels` levels (0 = weakest); a unit with fewer than two values is
 * not pairable and is left out. With o[c][k] the coincidence matrix (each unit adds, for each
 * ordered pair of its values c, k from different raters, 1/(m - 1), m being its number of values),
 * n[c] its margins and n their total, the ordinal distance is
 *   δ²(c, k) = (Σ_{g=c..k} n[g] − (n[c] + n[k]) / 2)²,
 * and α = 1 − (n − 1) Σ o[c][k] δ²(c, k) / Σ n[c] n[k] δ²(c, k).
 * Returns null where alpha is undefined: fewer than two pairable values, or no variation at all.
 */
export function krippendorffOrdinal(units: readonly (readonly number[])[], levels: number): { alpha: number | null; values: number } {
  const o: number[][] = Array.from({ length: levels }, () => new Array<number>(levels).fill(0));
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) o[values[i]!]![values[j]!]! += 1 / (m - 1);
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  const values = Math.round(n);
  if (n < 2) return { alpha: null, values };
  const delta = (c: number, k: number): number => {
    const [lo, hi] = c <= k ? [c, k] : [k, c];
    let sum = 0;
    for (let g = lo; g <= hi; g++) sum += nc[g]!;
    return (sum - (nc[lo]! + nc[hi]!) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < levels; c++) {
    for (let k = 0; k < levels; k++) {
      const d = delta(c, k);
      observed += o[c]![k]! * d;
      expected += nc[c]! * nc[k]! * d;
    }
  }
  if (expected === 0) return { alpha: null, values };
  return { alpha: 1 - ((n - 1) * observed) / expected, values };
}

// --- The model ---------------------------------------------------------------------------------

/** A rating word as the model shows it: its scale's label and place, or not-applicable. */
export function moderationRating(scale: Scale, word: string): ModerationRating {
  const l = levelOf(scale, word);
  if (l) return { word, label: l.level.label, rank: l.rank, of: scale.levels.length };
  return { word };
}

/** How far apart one indicator's ratings are. */
export function difference(set: Pick<RatingSet, 'draft' | 'reviews'>, scale: Scale): { difference: ModeratedIndicator['difference']; spread?: number } {
  const words = [set.draft, ...set.reviews.map((r) => r.rating)];
  const ranks = words.map((w) => levelOf(scale, w)?.rank).filter((r): r is number => r !== undefined);
  if (ranks.length > 0 && ranks.length < words.length) return { difference: 'applicability', spread: Math.max(...ranks) - Math.min(...ranks) };
  if (ranks.length === 0) return { difference: 'none' }; // every rating not-applicable
  const spread = Math.max(...ranks) - Math.min(...ranks);
  return { difference: spread === 0 ? 'none' : spread === 1 ? 'one-level' : 'more', spread };
}

const ORDER: Record<ModeratedIndicator['difference'], number> = { more: 0, applicability: 0, 'one-level': 1, none: 2 };

/** Agreement over some rating sets: how many compared, the same, within one level, and alpha per scale. */
export function agreementOf(sets: readonly RatingSet[], catalogue: CatalogueModel): Agreement {
  let same = 0;
  let withinOne = 0;
  const byKind = new Map<IndicatorKind, number[][]>();
  for (const set of sets) {
    const entry = catalogue.indicatorById.get(set.id)!;
    const d = difference(set, entry.scale);
    if (d.difference === 'none') same++;
    if (d.difference === 'none' || d.difference === 'one-level') withinOne++;
    const ranks = [set.draft, ...set.reviews.map((r) => r.rating)].map((w) => levelOf(entry.scale, w)?.rank).filter((r): r is number => r !== undefined);
    const kind = entry.indicator.kind;
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind)!.push(ranks);
  }
  const alpha: ScaleAlpha[] = [];
  for (const kind of ['characteristic', 'failure'] as const) {
    const scale = catalogue.catalogue.scales[kind];
    const units = byKind.get(kind);
    if (!scale || !units) continue;
    const k = krippendorffOrdinal(units, scale.levels.length);
    alpha.push({ kind, title: scale.title, values: k.values, alpha: k.alpha });
  }
  return { compared: sets.length, same, withinOne, alpha };
}

/**
 * The moderation model: agreement overall, per theme and per reviewer (with the draft), and per
 * indicator the ratings side by side, disagreements of more than one level first.
 */
export function moderation(sets: readonly RatingSet[], catalogue: CatalogueModel): Moderation {
  const reviewers: string[] = [];
  for (const s of sets) for (const r of s.reviews) if (!reviewers.includes(r.reviewer)) reviewers.push(r.reviewer);
  const themes = catalogue.themes.flatMap((t, n) => {
    const own = sets.filter((s) => s.theme === t.id);
    return own.length === 0 ? [] : [{ id: t.id, number: n + 1, title: t.title, agreement: agreementOf(own, catalogue) }];
  });
  const byReviewer = reviewers.map((reviewer) => {
    const rated = sets.flatMap((s) => s.reviews.filter((r) => r.reviewer === reviewer).map((r) => ({ draft: s.draft, rating: r.rating })));
    return { reviewer, compared: rated.length, same: rated.filter((r) => r.rating === r.draft).length };
  });
  const indicators = sets
    .map((s, n) => {
      const entry = catalogue.indicatorById.get(s.id)!;
      const scale = entry.scale;
      const d = difference(s, scale);
      const item: ModeratedIndicator = {
        theme: s.theme,
        id: s.id,
        kind: entry.indicator.kind,
        text: entry.indicator.text,
        draft: moderationRating(scale, s.draft),
        reviews: s.reviews.map((r) => ({ reviewer: r.reviewer, rating: moderationRating(scale, r.rating) })),
        ...(d.spread !== undefined ? { spread: d.spread } : {}),
        difference: d.difference,
        ...(s.agreed !== undefined ? { agreed: moderationRating(scale, s.agreed) } : {}),
        ...(s.by !== undefined ? { by: s.by } : {}),
        ...(s.on !== undefined ? { on: s.on } : {}),
        ...(s.note !== undefined ? { note: s.note } : {}),
        ...(s.agreed !== undefined && s.current !== undefined && s.current !== s.agreed ? { current: moderationRating(scale, s.current) } : {}),
      };
      return { item, n };
    })
    .sort((a, b) => ORDER[a.item.difference] - ORDER[b.item.difference] || a.n - b.n)
    .map((x) => x.item);
  return { reviewers, overall: agreementOf(sets, catalogue), themes, byReviewer, indicators };
}

// --- Rules for settling in bulk ----------------------------------------------------------------

/** A rule `bva moderate --accept` applies to every indicator. */
export type AcceptRule = { readonly rule: 'draft' } | { readonly rule: 'median' } | { readonly rule: 'lowest' } | { readonly rule: 'reviewer'; readonly reviewer: string };

/** The rule's words, for the moderation note. */
export function ruleText(r: AcceptRule): string {
  switch (r.rule) {
    case 'draft':
      return "the draft's rating kept";
    case 'median':
      return 'the median rating (of an even number, the lower middle one)';
    case 'lowest':
      return 'the lowest rating given';
    case 'reviewer':
      return `${r.reviewer}'s rating`;
  }
}

/**
 * The rating a rule settles on: a word of the indicator's scale, or the draft's rating where the
 * rule has no level to give (a reviewer who did not rate it, or only not-applicable ratings).
 */
export function settle(set: Pick<RatingSet, 'draft' | 'reviews'>, scale: Scale, r: AcceptRule): string {
  const words = [set.draft, ...set.reviews.map((x) => x.rating)];
  const ranks = words.map((w) => levelOf(scale, w)?.rank).filter((x): x is number => x !== undefined);
  switch (r.rule) {
    case 'draft':
      return set.draft;
    case 'median': {
      const m = medianRank(ranks);
      return m === undefined ? set.draft : scale.levels[m]!.word;
    }
    case 'lowest':
      return ranks.length === 0 ? set.draft : scale.levels[Math.min(...ranks)]!.word;
    case 'reviewer':
      return set.reviews.find((x) => x.reviewer === r.reviewer)?.rating ?? set.draft;
  }
}
