// Scoring: from a checked answers file to the assessment members read. Pure: no I/O, no clock
// (the as-of date comes in), no mutation of its input. The rules are in rules.ts, in words.
import type { Answers, IndicatorAnswer } from '../answers/model.js';
import { actionRef, actionStatus, ASSURANCE_STEPS, isOverdue, participantLabel } from '../answers/model.js';
import { daysBetween } from '../source/dates.js';
import { NOT_APPLICABLE, levelOf, levelRag, type CatalogueModel, type Indicator, type LevelRag, type Scale, type Theme } from '../catalogue/model.js';
import type {
  ActionItem,
  AuthoritySummary,
  Counts,
  EvidenceItem,
  IndicatorAssessment,
  LevelRef,
  Movement,
  MovementCounts,
  Rag,
  RagKeyEntry,
  Report,
  ReportPaper,
  ThemeAssessment,
  ThemeAssurance,
} from '../generated/report.js';
import { sinceSignOff } from '../answers/signoff.js';
import { moderation, recordedSets } from './moderation.js';
import { RAG_MEANINGS, RAG_WORDS, scoringRules } from './rules.js';
import { plural } from '../words.js';

export type { ActionItem, AuthoritySummary, Counts, IndicatorAssessment, LevelRef, Movement, MovementCounts, Rag, Report, ThemeAssessment };

export interface AssessOptions {
  /** Overdue actions and stale evidence are judged as of this day (YYYY-MM-DD). */
  readonly asOf: string;
  /** Last period's answers, for movement; without it, the file's own `previous:` ratings are used. */
  readonly previous?: Answers | undefined;
  /** bva's version, recorded in the report. */
  readonly version: string;
}

/** The report's format number: bumped when its shape changes incompatibly. */
export const REPORT_FORMAT = 1;

/** Scores an answers file against its catalogue. */
export function assess(answers: Answers, catalogue: CatalogueModel, o: AssessOptions): Report {
  const actions: ActionItem[] = [];
  const previousOf = previousRatings(answers, catalogue, o.previous);
  const themes = catalogue.themes.map((theme, t) => assessTheme(theme, t, answers, catalogue, o, actions, previousOf));
  const c = catalogue.catalogue;
  const source = c.source;
  const draft = source?.draft;
  const summary = summarise(themes, actions, catalogue, previousOf.source !== undefined);
  // The moderation the file records, for the report's assurance appendix.
  const moderated = recordedSets(answers, catalogue);
  return {
    bva: { format: REPORT_FORMAT, version: o.version },
    paper: paperOf(answers, summary.counts),
    authority: answers.authority,
    period: answers.period,
    ...(answers['assessment-date'] ? { assessmentDate: answers['assessment-date'] } : {}),
    asOf: o.asOf,
    catalogue: {
      id: c.id,
      version: c.version,
      title: c.title,
      ...(source
        ? {
            source: {
              title: source.title,
              publisher: source.publisher,
              date: source.date,
              url: source.url,
              licence: source.licence,
              ...(source.attribution ? { attribution: source.attribution } : {}),
              ...(source.note ? { note: source.note } : {}),
              ...(draft ? { draft: { title: draft.title, date: draft.date, ...(draft.url ? { url: draft.url } : {}) } } : {}),
            },
          }
        : {}),
    },
    participants: (answers.participants ?? []).map(participantLabel),
    ...(previousOf.source ? { previous: { ...(previousOf.period ? { period: previousOf.period } : {}), source: previousOf.source } } : {}),
    rules: scoringRules(c.scales),
    ragKey: RAG_KEY,
    summary,
    themes,
    actions,
    ...(moderated.length > 0 ? { moderation: moderation(moderated, catalogue) } : {}),
  };
}

/** The report's key to its statuses, worst first and not assessed last. */
const RAG_KEY: RagKeyEntry[] = (['red', 'amber', 'green', 'not-assessed'] as const).map((rag) => ({ rag, word: RAG_WORDS[rag], meaning: RAG_MEANINGS[rag] }));

/** The title a paper has when the file gives none. */
export const defaultTitle = (answers: Pick<Answers, 'authority' | 'period'>): string => `Best Value self-assessment: ${answers.authority}, ${answers.period}`;

/**
 * The committee paper the report opens as: the file's own facts, and whether it is a draft. A paper
 * is shown as a draft until the council marks it final and every indicator is answered, so an
 * incomplete assessment never circulates looking finished.
 */
function paperOf(answers: Answers, counts: Counts): ReportPaper {
  const p = answers.paper ?? {};
  const status = p.status ?? 'draft';
  const reasons: string[] = [];
  if (p.status === 'draft') reasons.push('the paper is marked draft');
  else if (p.status === undefined) reasons.push('the paper is not marked final');
  if (counts.answered < counts.indicators) reasons.push(`${counts.answered} of ${counts.indicators} indicators are answered`);
  return {
    title: p.title ?? defaultTitle(answers),
    ...(p.meeting !== undefined ? { meeting: p.meeting } : {}),
    ...(p['meeting-date'] !== undefined ? { meetingDate: p['meeting-date'] } : {}),
    ...(p.author !== undefined ? { author: p.author } : {}),
    ...(p.contact !== undefined ? { contact: p.contact } : {}),
    ...(p.version !== undefined ? { version: p.version } : {}),
    status,
    draft: reasons.length > 0,
    draftReasons: reasons,
    answered: counts.answered,
    indicators: counts.indicators,
    ...(p.purpose !== undefined ? { purpose: p.purpose } : {}),
    ...(p.narrative !== undefined ? { narrative: p.narrative } : {}),
    recommendations: [...(p.recommendations ?? [])],
  };
}

interface PreviousRatings {
  readonly source?: 'file' | 'carried';
  readonly period?: string;
  /** Last period's rating word by indicator id. */
  readonly ratings: ReadonlyMap<string, string>;
}

/** Last period's ratings: from the previous file when given, else from `previous:` fields. */
function previousRatings(answers: Answers, catalogue: CatalogueModel, previous: Answers | undefined): PreviousRatings {
  const ratings = new Map<string, string>();
  if (previous) {
    // Matched by id wherever they sit: a newer catalogue may have moved an indicator.
    for (const theme of Object.values(previous.themes ?? {})) {
      for (const [id, a] of Object.entries(theme?.indicators ?? {})) if (a?.rating !== undefined) ratings.set(id, a.rating);
    }
    return { source: 'file', period: previous.period, ratings };
  }
  for (const [id, entry] of catalogue.indicatorById) {
    const p = answers.themes?.[entry.theme.id]?.indicators?.[id]?.previous;
    if (p !== undefined) ratings.set(id, p);
  }
  return ratings.size > 0 ? { source: 'carried', ratings } : { ratings };
}

const levelRef = (scale: Scale, rank: number): LevelRef => ({ word: scale.levels[rank]!.word, label: scale.levels[rank]!.label, rank, of: scale.levels.length });

/** The median rank; with an even count, the lower middle (a theme never looks better than its ratings). */
export function medianRank(ranks: readonly number[]): number | undefined {
  if (ranks.length === 0) return undefined;
  const sorted = [...ranks].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** How a position on one scale moved: up the scale (a higher rank) is an improvement. */
export function rankMovement(was: number, is: number): Extract<Movement, 'improved' | 'declined' | 'unchanged'> {
  return is > was ? 'improved' : is < was ? 'declined' : 'unchanged';
}

/** How a rating moved from last period's, on the scale's order. */
export function movementOf(scale: Scale, before: string | undefined, now: string | undefined): Movement | undefined {
  const was = levelOf(scale, before);
  const is = levelOf(scale, now);
  if (!was && !is) return undefined;
  if (!was) return 'new';
  if (!is) return 'dropped';
  return rankMovement(was.rank, is.rank);
}

const emptyMovement = (): MovementCounts => ({ improved: 0, declined: 0, unchanged: 0, new: 0, dropped: 0 });

function assessTheme(
  theme: Theme,
  t: number,
  answers: Answers,
  catalogue: CatalogueModel,
  o: AssessOptions,
  actions: ActionItem[],
  previous: PreviousRatings,
): ThemeAssessment {
  const given = answers.themes?.[theme.id];
  const indicators = theme.indicators.map((indicator) => assessIndicator(indicator, given?.indicators?.[indicator.id], theme, catalogue, o, actions, previous));

  // 1. Counts.
  const counts = countIndicators(indicators, actions.filter((a) => a.theme === theme.id));

  // 2. Level: the median characteristic rating.
  const scale = catalogue.catalogue.scales.characteristic;
  const ranks = indicators.filter((i) => i.kind === 'characteristic' && i.rating).map((i) => i.rating!.rank);
  const rank = medianRank(ranks);
  const level = scale && rank !== undefined ? levelRef(scale, rank) : undefined;

  // 3. Status, with its reasons.
  const { rag, reasons } = ragOf(indicators, level && scale ? { level, rag: levelRag(scale, level.rank) } : undefined, counts);

  // 4. Assurance.
  const assurance: ThemeAssurance = { state: 'none' };
  for (const step of ASSURANCE_STEPS) {
    const s = given?.assurance?.[step];
    if (!s) continue;
    const key = step === 'signed-off' ? 'signedOff' : step;
    assurance[key] = { by: s.by, ...(s.role !== undefined ? { role: s.role } : {}), on: s.on };
    assurance.state = step;
  }
  // A sign-off with a digest: are the answers still those signed?
  const signed = given?.assurance?.['signed-off'];
  if (signed?.digest !== undefined) {
    assurance.signOffDigest = signed.digest;
    const since = sinceSignOff(given);
    if (since.state === 'changed') assurance.changedSinceSignOff = { indicators: since.indicators.map((i) => ({ id: i.id, change: i.change })), themeText: since.themeText };
  }

  // 5. Movement since last period.
  let movement: ThemeAssessment['movement'];
  if (previous.source) {
    const moves = emptyMovement();
    for (const i of indicators) if (i.movement) moves[i.movement]++;
    const prevRanks = indicators
      .filter((i) => i.kind === 'characteristic' && i.previous !== undefined)
      .map((i) => levelOf(scale!, i.previous)?.rank)
      .filter((r): r is number => r !== undefined);
    const prevRank = medianRank(prevRanks);
    const previousLevel = scale && prevRank !== undefined ? levelRef(scale, prevRank) : undefined;
    const levelMove = scale ? movementOf(scale, previousLevel?.word, level?.word) : undefined;
    movement = { counts: moves, ...(levelMove ? { level: levelMove } : {}), ...(previousLevel ? { previousLevel } : {}) };
  }

  return {
    id: theme.id,
    number: t + 1,
    title: theme.title,
    ...(given?.summary !== undefined ? { summary: given.summary } : {}),
    rag,
    reasons,
    ...(level ? { level } : {}),
    counts,
    assurance,
    redFlags: indicators.filter((i) => i.redFlag).map((i) => i.id),
    ...(movement ? { movement } : {}),
    indicators,
  };
}

function assessIndicator(
  indicator: Indicator,
  answer: IndicatorAnswer | undefined,
  theme: Theme,
  catalogue: CatalogueModel,
  o: AssessOptions,
  actions: ActionItem[],
  previous: PreviousRatings,
): IndicatorAssessment {
  const scale = catalogue.catalogue.scales[indicator.kind]!;
  const rated = levelOf(scale, answer?.rating);
  const target = levelOf(scale, answer?.target);
  const status: IndicatorAssessment['status'] = rated ? 'rated' : answer?.rating === NOT_APPLICABLE ? 'not-applicable' : 'unanswered';
  const redFlag = rated?.level['red-flag'] === true;
  const seriousRedFlag = redFlag && levelRag(scale, rated!.rank) === 'red';
  const prev = previous.ratings.get(indicator.id);
  const movement = previous.source ? movementOf(scale, prev, answer?.rating) : undefined;
  const gap = target && (rated ? target.rank - rated.rank : target.rank + 1);

  const evidence: EvidenceItem[] = (answer?.evidence ?? []).map((e) => {
    if (typeof e === 'string') return { title: e, stale: false };
    return {
      title: e.title,
      ...(e.link !== undefined ? { link: e.link } : {}),
      ...(e.path !== undefined ? { path: e.path } : {}),
      ...(e.owner !== undefined ? { owner: e.owner } : {}),
      ...(e.date !== undefined ? { date: e.date } : {}),
      ...(e['review-by'] !== undefined ? { reviewBy: e['review-by'] } : {}),
      stale: e['review-by'] !== undefined && e['review-by'] < o.asOf,
    };
  });
  const actionIndexes = (answer?.actions ?? []).map((a, n) => {
    const status = actionStatus(a);
    const doneOn = status === 'done' ? a['done-on'] : undefined;
    actions.push({
      ref: actionRef(indicator.id, n),
      theme: theme.id,
      indicator: indicator.id,
      action: a.action,
      ...(a.owner !== undefined ? { owner: a.owner } : {}),
      ...(a.due !== undefined ? { due: a.due } : {}),
      status,
      overdue: isOverdue(a, o.asOf),
      ...(doneOn !== undefined ? { doneOn, ...(a.due !== undefined ? { daysLate: daysBetween(a.due, doneOn) } : {}) } : {}),
      ...(a.progress && a.progress.length > 0 ? { progress: a.progress.map((p) => ({ on: p.on, note: p.note })) } : {}),
    });
    return actions.length - 1;
  });

  return {
    id: indicator.id,
    kind: indicator.kind,
    text: indicator.text,
    ...(indicator.reference !== undefined ? { reference: indicator.reference } : {}),
    derived: indicator.derived === true,
    ...(indicator.draft === true ? { draft: true } : {}),
    ...(indicator.note !== undefined ? { note: indicator.note } : {}),
    status,
    ...(rated ? { rating: levelRef(scale, rated.rank) } : {}),
    ...(status === 'not-applicable' && answer?.reason !== undefined ? { reason: answer.reason } : {}),
    ...(target ? { target: levelRef(scale, target.rank) } : {}),
    ...(gap !== undefined && gap > 0 && status !== 'not-applicable' ? { shortOfTarget: gap } : {}),
    ...(prev !== undefined ? { previous: prev } : {}),
    ...(movement ? { movement } : {}),
    redFlag,
    ...(redFlag ? { seriousRedFlag } : {}),
    ...(answer?.commentary !== undefined ? { commentary: answer.commentary } : {}),
    evidence,
    actions: actionIndexes,
  };
}

function countIndicators(indicators: readonly IndicatorAssessment[], actions: readonly ActionItem[]): Counts {
  return {
    indicators: indicators.length,
    answered: indicators.filter((i) => i.status !== 'unanswered').length,
    notApplicable: indicators.filter((i) => i.status === 'not-applicable').length,
    unanswered: indicators.filter((i) => i.status === 'unanswered').length,
    redFlags: indicators.filter((i) => i.redFlag).length,
    seriousRedFlags: indicators.filter((i) => i.seriousRedFlag).length,
    openActions: actions.filter((a) => a.status === 'open').length,
    overdueActions: actions.filter((a) => a.overdue).length,
    doneActions: actions.filter((a) => a.status === 'done').length,
    staleEvidence: indicators.reduce((n, i) => n + i.evidence.filter((e) => e.stale).length, 0),
    shortOfTarget: indicators.filter((i) => i.shortOfTarget !== undefined).length,
  };
}


/** A theme's status and the reasons for it, per the rules; `level` is its level with the status its scale gives that level. */
export function ragOf(indicators: readonly IndicatorAssessment[], level: { level: LevelRef; rag: LevelRag } | undefined, counts: Counts): { rag: Rag; reasons: string[] } {
  if (!indicators.some((i) => i.status === 'rated')) {
    const why = counts.notApplicable === counts.indicators ? 'every indicator is not applicable' : counts.answered === 0 ? 'no indicator is answered' : 'no indicator is rated';
    return { rag: 'not-assessed', reasons: [why] };
  }
  const red: string[] = [];
  const amber: string[] = [];
  const flags = (list: readonly IndicatorAssessment[]): string => list.map((i) => `${i.id} ${i.rating!.label}`).join(', ');
  const serious = indicators.filter((i) => i.seriousRedFlag);
  const other = indicators.filter((i) => i.redFlag && !i.seriousRedFlag);
  if (serious.length > 0) red.push(`${plural(serious.length, 'serious red flag')} (${flags(serious)})`);
  if (level?.rag === 'red') red.push(`level ${level.level.label}, which the scale counts as red`);
  if (other.length > 0) amber.push(`${plural(other.length, 'red flag')} (${flags(other)})`);
  if (level?.rag === 'amber') amber.push(`level ${level.level.label}, which the scale counts as amber`);
  if (counts.overdueActions > 0) amber.push(`${plural(counts.overdueActions, 'overdue action')}`);
  if (counts.unanswered > 0) amber.push(`${plural(counts.unanswered, 'indicator')} unanswered`);
  if (red.length > 0) return { rag: 'red', reasons: [...red, ...amber] };
  if (amber.length > 0) return { rag: 'amber', reasons: amber };
  const why = level ? `level ${level.level.label}, no red flags, no overdue actions, every indicator answered` : 'no red flags, no overdue actions, every indicator answered';
  return { rag: 'green', reasons: [why] };
}

const RAG_ORDER: readonly Rag[] = ['red', 'amber', 'not-assessed', 'green'];

function summarise(themes: readonly ThemeAssessment[], actions: readonly ActionItem[], catalogue: CatalogueModel, withMovement: boolean): AuthoritySummary {
  // Every action belongs to exactly one theme, so the authority's counts are the themes' added up.
  const counts = countIndicators(themes.flatMap((t) => t.indicators), actions);
  const themesByRag = { red: 0, amber: 0, green: 0, 'not-assessed': 0 };
  for (const t of themes) themesByRag[t.rag]++;
  const scale = catalogue.catalogue.scales.characteristic;
  const rank = medianRank(themes.flatMap((t) => t.indicators.filter((i) => i.kind === 'characteristic' && i.rating).map((i) => i.rating!.rank)));
  const level = scale && rank !== undefined ? levelRef(scale, rank) : undefined;

  // The worst theme status, with the themes that set it.
  const rag = RAG_ORDER.find((r) => themesByRag[r] > 0) ?? 'not-assessed';
  const named = (r: Rag): string => themes.filter((t) => t.rag === r).map((t) => t.title).join(', ');
  const reasons: string[] = [];
  if (themesByRag.red > 0) reasons.push(`${plural(themesByRag.red, 'theme')} red: ${named('red')}`);
  if (themesByRag.amber > 0) reasons.push(`${plural(themesByRag.amber, 'theme')} amber: ${named('amber')}`);
  if (themesByRag['not-assessed'] > 0) reasons.push(`${plural(themesByRag['not-assessed'], 'theme')} not assessed: ${named('not-assessed')}`);
  if (rag === 'green') reasons.push(`every theme green`);
  const assurance = {
    assessed: themes.filter((t) => t.assurance.assessed).length,
    moderated: themes.filter((t) => t.assurance.moderated).length,
    signedOff: themes.filter((t) => t.assurance.signedOff).length,
    changedSinceSignOff: themes.filter((t) => t.assurance.changedSinceSignOff).length,
  };
  let movement: MovementCounts | undefined;
  if (withMovement) {
    movement = emptyMovement();
    for (const t of themes) for (const k of Object.keys(movement) as (keyof MovementCounts)[]) movement[k] += t.movement?.counts[k] ?? 0;
  }
  return { rag, reasons, ...(level ? { level } : {}), counts, themesByRag, assurance, ...(movement ? { movement } : {}) };
}
