// Moving an answers file onto a new version of its catalogue, along the crosswalk: what each answer
// becomes, as document changes for the comment-keeping writer, and a record of what was done.
// Renamed indicators take their answers whole; merged and split ones are left for a fresh
// judgement, with the earlier answers kept as context (commentary, evidence, actions, and the
// earlier rating as `previous`); dropped ones, and themes the new version no longer has, are kept
// as they were under `retired`. Nothing a person wrote is lost. Pure: data in, changes out.
import { isDeepStrictEqual } from 'node:util';
import { medianRank } from '../assessment/assess.js';
import { fateOf, lineageOf, type Crosswalk } from '../catalogue/crosswalk.js';
import { NOT_APPLICABLE, catalogueLabel, levelOf, ratingWords, scaleWords, type CatalogueModel, type IndicatorEntry } from '../catalogue/model.js';
import type { Retired, RetiredIndicator, RetiredTheme } from '../generated/answers.js';
import type { Change } from './edit.js';
import { actionRef, actionStatus, answerPath, type Action, type Answers, type Evidence, type IndicatorAnswer } from './model.js';

/** What happened to one earlier indicator's answer. */
export type MigratedAnswer =
  /** Same id, same theme: nothing to do. */
  | { readonly kind: 'same'; readonly id: string }
  /** Same id, now under another theme. */
  | { readonly kind: 'moved'; readonly id: string; readonly fromTheme: string; readonly toTheme: string }
  /** A new id: the answer moved whole (less any word the new scale lacks, kept in the commentary). */
  | { readonly kind: 'renamed'; readonly id: string; readonly to: string; readonly unscaled: readonly string[] }
  /** Combined with others into one indicator, rated afresh. */
  | { readonly kind: 'merged'; readonly id: string; readonly into: string }
  /** Divided into several indicators, each rated afresh. */
  | { readonly kind: 'split'; readonly id: string; readonly into: readonly string[] }
  /** No successor: kept under retired. */
  | { readonly kind: 'dropped'; readonly id: string; readonly reason?: string };

/** A new indicator made from earlier answers, for a fresh judgement. */
export interface Rejudged {
  readonly id: string;
  readonly from: readonly string[];
  readonly lineage: 'merged' | 'split';
  /** The earlier rating kept as `previous`, when there is one on the new scale. */
  readonly previous?: string;
  readonly commentaries: number;
  readonly evidence: number;
  readonly actions: number;
}

/** What a migration did, for the message after `bva migrate`. */
export interface Migration {
  readonly from: { readonly id: string; readonly version: string };
  readonly to: { readonly id: string; readonly version: string };
  /** Every earlier indicator that had an answer, in the earlier catalogue's order. */
  readonly answers: readonly MigratedAnswer[];
  /** The new indicators to be rated afresh, in the new catalogue's order. */
  readonly rejudge: readonly Rejudged[];
  /** New indicators with no predecessor, in the new catalogue's order. */
  readonly added: readonly string[];
  /** Themes the new catalogue does not have whose summary or assurance was kept under retired. */
  readonly retiredThemes: readonly string[];
  /** Open actions that went to retired with a dropped indicator, by reference (INDICATOR#N). */
  readonly retiredOpenActions: readonly string[];
  /** Actions whose reference changed: old INDICATOR#N to new. */
  readonly actionRefs: readonly { readonly from: string; readonly to: string }[];
}

/**
 * The changes that move `answers` along `cw`, and what they do. `on` is the day (YYYY-MM-DD);
 * `catalogueFile`, the pointer the file needs to find its new catalogue, when it needs one.
 */
export function migrateAnswers(answers: Answers, cw: Crosswalk, on: string, o: { readonly catalogueFile?: string | undefined } = {}): { readonly changes: Change[]; readonly migration: Migration } {
  const { from, to } = cw;
  const changes: Change[] = [];
  const report: MigratedAnswer[] = [];
  const actionRefs: { from: string; to: string }[] = [];
  const retiredIndicators: RetiredIndicator[] = [];
  const retiredThemes: RetiredTheme[] = [];
  const retiredOpenActions: string[] = [];

  // 1. The earlier answers, by id, with the theme each sits under.
  const earlier = new Map<string, { theme: string; answer: IndicatorAnswer }>();
  for (const [themeId, theme] of Object.entries(answers.themes ?? {})) {
    for (const [id, answer] of Object.entries(theme?.indicators ?? {})) if (answer) earlier.set(id, { theme: themeId, answer });
  }
  const ordered = [...earlier.keys()].sort((a, b) => (from.indicatorById.get(a)?.order ?? 0) - (from.indicatorById.get(b)?.order ?? 0));

  // 2. What the new file holds per theme: the answers to keep, move or make, by new id.
  const next = new Map<string, IndicatorAnswer>();
  const placeOf = (id: string): IndicatorEntry => to.indicatorById.get(id)!;
  const rejudge = new Map<string, string[]>();
  for (const id of ordered) {
    const { theme, answer } = earlier.get(id)!;
    const fate = fateOf(cw, id);
    if (fate.lineage === 'same') {
      const entry = placeOf(id);
      report.push(entry.theme.id === theme ? { kind: 'same', id } : { kind: 'moved', id, fromTheme: theme, toTheme: entry.theme.id });
      next.set(id, answer);
    } else if (fate.lineage === 'renamed') {
      const target = fate.to[0]!;
      const fitted = fitToScale(answer, placeOf(target), from, id);
      report.push({ kind: 'renamed', id, to: target, unscaled: fitted.unscaled });
      next.set(target, fitted.answer);
      (answer.actions ?? []).forEach((_, n) => actionRefs.push({ from: actionRef(id, n), to: actionRef(target, n) }));
    } else if (fate.lineage === 'dropped') {
      const reason = cw.notes.get(id);
      report.push({ kind: 'dropped', id, ...(reason !== undefined ? { reason } : {}) });
      const entry = from.indicatorById.get(id);
      retiredIndicators.push({ id, theme, ...(entry ? { text: entry.indicator.text } : {}), ...(reason !== undefined ? { reason } : {}), answer });
      (answer.actions ?? []).forEach((a, n) => actionStatus(a) === 'open' && retiredOpenActions.push(actionRef(id, n)));
    } else {
      report.push(fate.lineage === 'merged' ? { kind: 'merged', id, into: fate.to[0]! } : { kind: 'split', id, into: fate.to });
      for (const t of fate.to) rejudge.set(t, [...(rejudge.get(t) ?? []), id]);
    }
  }

  // 3. Each merged or split indicator, made afresh from the earlier answers it comes from.
  const rejudged: Rejudged[] = [];
  const byNewOrder = (a: string, b: string): number => placeOf(a).order - placeOf(b).order;
  for (const target of [...rejudge.keys()].sort(byNewOrder)) {
    const sources = rejudge.get(target)!;
    const lineage = lineageOf(cw, target).lineage === 'merged' ? 'merged' : 'split';
    const made = contextAnswer(target, sources, earlier, cw);
    next.set(target, made.answer);
    rejudged.push({ id: target, from: sources, lineage, ...(made.answer.previous !== undefined ? { previous: made.answer.previous } : {}), ...made.counts });
    let n = 0;
    for (const s of sources) {
      // A split indicator's actions go to its first successor only, so no action is counted twice.
      if (fateOf(cw, s).to[0] !== target) continue;
      (earlier.get(s)!.answer.actions ?? []).forEach((_, i) => actionRefs.push({ from: actionRef(s, i), to: actionRef(target, n++) }));
    }
  }

  // 4. The changes: earlier answers out, new ones in, theme by theme, in the new catalogue's order.
  for (const [id, { theme }] of earlier) {
    const stays = next.has(id) && to.indicatorById.get(id)?.theme.id === theme;
    if (!stays) changes.push({ op: 'delete', path: answerPath(theme, id) });
  }
  for (const id of [...next.keys()].sort(byNewOrder)) {
    const entry = placeOf(id);
    const before = earlier.get(id);
    const same = before !== undefined && before.theme === entry.theme.id && isDeepStrictEqual(before.answer, next.get(id));
    if (!same) changes.push({ op: 'set', path: answerPath(entry.theme.id, id), value: next.get(id) });
  }
  const retiredThemeIds: string[] = [];
  for (const [themeId, theme] of Object.entries(answers.themes ?? {})) {
    if (!theme || to.themeById.has(themeId)) continue;
    // A theme the new version does not have: its own words go to retired, then the theme goes.
    const old = from.themeById.get(themeId);
    if (theme.summary !== undefined || theme.assurance !== undefined) {
      retiredThemes.push({ id: themeId, ...(old ? { title: old.title } : {}), ...(theme.summary !== undefined ? { summary: theme.summary } : {}), ...(theme.assurance ? { assurance: theme.assurance } : {}) });
      retiredThemeIds.push(themeId);
    }
    changes.push({ op: 'delete', path: ['themes', themeId] });
  }
  // A theme left with no indicators loses its empty `indicators:` (and goes when nothing else is in it).
  for (const [themeId, theme] of Object.entries(answers.themes ?? {})) {
    if (!theme || !to.themeById.has(themeId) || Object.keys(theme.indicators ?? {}).length === 0) continue;
    const remaining = [...next.keys()].filter((id) => placeOf(id).theme.id === themeId);
    if (remaining.length > 0) continue;
    const onlyIndicators = Object.keys(theme).every((k) => k === 'indicators');
    changes.push({ op: 'delete', path: onlyIndicators ? ['themes', themeId] : ['themes', themeId, 'indicators'] });
  }
  changes.push({ op: 'set', path: ['catalogue'], value: { id: to.catalogue.id, version: to.catalogue.version, ...(o.catalogueFile !== undefined ? { file: o.catalogueFile } : {}) } });
  if (retiredIndicators.length > 0 || retiredThemes.length > 0) {
    const entry: Retired = {
      catalogue: { id: from.catalogue.id, version: from.catalogue.version },
      on,
      ...(retiredIndicators.length > 0 ? { indicators: retiredIndicators } : {}),
      ...(retiredThemes.length > 0 ? { themes: retiredThemes } : {}),
    };
    changes.push({ op: 'append', path: ['retired'], value: entry });
  }

  const added = [...to.indicatorById.keys()].filter((id) => lineageOf(cw, id).lineage === 'added');
  return {
    changes,
    migration: {
      from: { id: from.catalogue.id, version: from.catalogue.version },
      to: { id: to.catalogue.id, version: to.catalogue.version },
      answers: report,
      rejudge: rejudged,
      added,
      retiredThemes: retiredThemeIds,
      retiredOpenActions,
      actionRefs: actionRefs.filter((r) => r.from !== r.to),
    },
  };
}

/**
 * A renamed indicator's answer on its new scale: a rating, target or previous word the new scale
 * lacks is taken out and said in the commentary instead, so it is neither lost nor invalid.
 */
function fitToScale(answer: IndicatorAnswer, entry: IndicatorEntry, from: CatalogueModel, oldId: string): { answer: IndicatorAnswer; unscaled: string[] } {
  const words = ratingWords(entry);
  const levels = scaleWords(entry);
  const unscaled: string[] = [];
  const out: IndicatorAnswer = { ...answer };
  if (out.rating !== undefined && !words.includes(out.rating)) {
    unscaled.push(`rated ${out.rating}`);
    delete out.rating;
  }
  if (out.target !== undefined && !levels.includes(out.target)) {
    unscaled.push(`target ${out.target}`);
    delete out.target;
  }
  if (out.previous !== undefined && !words.includes(out.previous)) {
    unscaled.push(`previously ${out.previous}`);
    delete out.previous;
  }
  if (unscaled.length > 0) {
    const note = `As ${oldId} in ${catalogueLabel(from.catalogue)}: ${unscaled.join('; ')} (not words of this version's scale).`;
    out.commentary = out.commentary !== undefined ? `${note}\n\n${out.commentary}` : note;
  }
  return { answer: out, unscaled };
}

/** How one earlier answer reads as context: "G3 (rated green; target green): its commentary". */
function contextLine(id: string, a: IndicatorAnswer): string {
  const facts: string[] = [];
  if (a.rating === NOT_APPLICABLE) facts.push(`not applicable${a.reason !== undefined ? `: ${a.reason}` : ''}`);
  else if (a.rating !== undefined) facts.push(`rated ${a.rating}`);
  else facts.push('not rated');
  if (a.target !== undefined) facts.push(`target ${a.target}`);
  if (a.previous !== undefined) facts.push(`previously ${a.previous}`);
  const head = `${id} (${facts.join('; ')})`;
  return a.commentary !== undefined ? `${head}:\n${a.commentary}` : `${head}.`;
}

/**
 * A merged or split indicator's answer, for a fresh judgement: no rating; as `previous`, the
 * earlier rating (for a merge, the lower middle of the earlier ratings, as a theme's level is
 * worked out), when it is a word of the new scale; as commentary, what each earlier answer said;
 * the earlier evidence (each entry once); and the earlier actions (a split indicator's go to its
 * first successor).
 */
function contextAnswer(
  target: string,
  sources: readonly string[],
  earlier: ReadonlyMap<string, { theme: string; answer: IndicatorAnswer }>,
  cw: Crosswalk,
): { answer: IndicatorAnswer; counts: { commentaries: number; evidence: number; actions: number } } {
  const entry = cw.to.indicatorById.get(target)!;
  const answers = sources.map((s) => ({ id: s, answer: earlier.get(s)!.answer, entry: cw.from.indicatorById.get(s) }));
  const lineage = lineageOf(cw, target);
  const out: IndicatorAnswer = {};

  // The earlier rating, on the new scale.
  const ranks = answers.map((a) => (a.entry ? levelOf(a.entry.scale, a.answer.rating)?.rank : undefined)).filter((r): r is number => r !== undefined);
  const rank = medianRank(ranks);
  const sameScale = answers.every((a) => a.entry && a.entry.indicator.kind === entry.indicator.kind && a.entry.scale.levels.length === entry.scale.levels.length);
  if (rank !== undefined && sameScale) {
    const word = answers.map((a) => a.entry?.scale.levels[rank]?.word).find((w) => w !== undefined);
    if (word !== undefined && scaleWords(entry).includes(word)) out.previous = word;
  } else if (ranks.length === 0 && answers.every((a) => a.answer.rating === NOT_APPLICABLE)) {
    out.previous = NOT_APPLICABLE;
  }

  // What each earlier answer said.
  const how = lineage.lineage === 'merged' ? `Merged from ${sources.join(' and ')}` : `Split from ${sources[0]!} (into ${cw.successors.get(sources[0]!)!.join(' and ')})`;
  const head = `${how} of ${catalogueLabel(cw.from.catalogue)} by bva migrate: rate afresh.\nWhat the earlier answer${answers.length === 1 ? '' : 's'} said:`;
  out.commentary = [head, ...answers.map((a) => contextLine(a.id, a.answer))].join('\n\n');

  // Evidence, each entry once; actions, a split one's on its first successor.
  const evidence: Evidence[] = [];
  for (const a of answers) for (const e of a.answer.evidence ?? []) if (!evidence.some((x) => isDeepStrictEqual(x, e))) evidence.push(e);
  if (evidence.length > 0) out.evidence = evidence;
  const actions: Action[] = answers.filter((a) => fateOf(cw, a.id).to[0] === target).flatMap((a) => a.answer.actions ?? []);
  if (actions.length > 0) out.actions = actions;
  return { answer: out, counts: { commentaries: answers.filter((a) => a.answer.commentary !== undefined).length, evidence: evidence.length, actions: actions.length } };
}
