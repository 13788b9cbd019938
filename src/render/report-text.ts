// The committee report's words in one place: the sentences, labels, orders and word choices the
// Markdown and HTML reports share, as pure functions of the report. Everything here is plain text,
// never escaped: each renderer escapes it at output with its own escaper (markdownInline, htmlEscape).
import type { ActionItem, EvidenceItem, IndicatorAssessment, LevelRef, ModeratedIndicator, Moderation, ModerationRating, MovementCounts, Rag, Report, ReportAssuranceStep, ReportSource, ScaleAlpha, ThemeAssessment } from '../generated/report.js';
import { NOT_APPLICABLE_LABEL, ratingLabel } from '../catalogue/model.js';
import type { ReportScale } from './report-formats.js';
import { capitalise, plural } from '../words.js';
import { RAG_WORDS as RAG_WORD_TABLE } from '../assessment/rules.js';

// --- Words -------------------------------------------------------------------------------------

/** A status as a word, so a report never relies on colour alone (defined with the rules it stands for). */
export const RAG_WORDS: Record<Rag, string> = RAG_WORD_TABLE;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** A YYYY-MM-DD date as a committee paper writes it, "31 January 2026"; anything else as given. */
export function longDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}

/** An empty cell, so a table never has a blank that reads as missing data. */
export const NONE = '—';

/** The mark after a derived indicator's id, explained under each table that shows one. */
export const DERIVED_MARK = '†';

/** The mark after the id of an indicator worded from the source's draft. */
export const DRAFT_MARK = '‡';

/** The marks after an indicator's id: derived, then draft; '' for neither. */
export const indicatorMarks = (i: Pick<IndicatorAssessment, 'derived' | 'draft'>): string => [i.derived ? DERIVED_MARK : '', i.draft === true ? DRAFT_MARK : ''].join('');

/**
 * The footnotes that explain the marks on these indicators, each only when one of them has it: what
 * derived means, and which draft the draft items' wording comes from (named by the catalogue).
 */
export function footnotes(r: Report, indicators: readonly Pick<IndicatorAssessment, 'derived' | 'draft'>[]): string[] {
  const source = r.catalogue.source;
  const notes: string[] = [];
  if (indicators.some((i) => i.derived)) {
    notes.push(`${DERIVED_MARK} Derived: the catalogue's own reading, not a point ${source ? 'its source makes' : 'taken as written'} in so many words.`);
  }
  const draft = source?.draft;
  if (indicators.some((i) => i.draft === true)) {
    notes.push(`${DRAFT_MARK} Draft wording: found only in ${draft ? `“${draft.title}” (${longDate(draft.date)})` : 'a draft of the source'}, not confirmed in the final text.`);
  }
  return notes;
}

/** What a derived indicator is, in words: for formats that say "derived" instead of marking it. */
export const DERIVED_EXPLANATION = "Derived: the catalogue's own reading, not a point its source makes in so many words.";

/** What a draft-worded indicator is, in words, for the same formats. */
export const DRAFT_EXPLANATION = 'Draft wording: found only in a draft of the source, not confirmed in the final text.';

/** The word after a derived indicator's id where a format carries no mark (Word, spreadsheets). */
export const DERIVED_WORD = 'derived';

/** The words after a draft-worded indicator's id, for the same formats. */
export const DRAFT_WORDING_WORD = 'draft wording';

/**
 * The notes that qualify an indicator, in words, for formats that give them beside the item
 * rather than as a mark: that it is derived, that its wording is the draft's.
 */
export const indicatorNotes = (i: Pick<IndicatorAssessment, 'derived' | 'draft'>): string[] => [
  ...(i.derived ? [DERIVED_EXPLANATION] : []),
  ...(i.draft === true ? [DRAFT_EXPLANATION] : []),
];

/** An indicator marked not applicable: its rating, and the label before the reason. */
export const NOT_APPLICABLE = NOT_APPLICABLE_LABEL;

/** An indicator with no answer, in its rating cell. */
export const NOT_ANSWERED = 'Not answered';

/** The label before a theme's own summary. */
export const COUNCIL_SUMMARY_LABEL = "The council's summary";

/** The label before the catalogue's note about itself. */
export const CATALOGUE_NOTE_LABEL = 'About the catalogue';

/** The label before the credit of the source's draft. */
export const DRAFT_LABEL = 'Draft cited';

/** A red flag's actions cell when it has none. */
export const NO_ACTION_RECORDED = 'No action recorded';

/** The report's sections, in order, and the headings within them. */
export const HEADINGS = {
  purpose: 'Purpose of the report',
  narrative: 'Report summary',
  recommendations: 'Recommendations',
  ragKey: 'Key to the statuses',
  summary: 'Executive summary',
  redFlags: "Red flags for members' attention",
  themes: 'Themes',
  actionPlan: 'Action plan',
  gaps: 'Gaps',
  method: 'Method',
  moderation: 'Appendix: independent review and moderation',
  rules: 'Scoring rules',
  scales: 'Rating scales',
  source: 'Source',
} as const;

/** Each table's column headings, in order. */
export const COLUMNS = {
  ragKey: ['Status', 'Meaning'],
  summary: ['Theme', 'RAG', 'Level', 'Answered', 'Red flags', 'Open actions', 'Overdue', 'Movement'],
  redFlags: ['Theme', 'ID', 'Indicator', 'Rating', 'Commentary', 'Actions'],
  indicators: ['ID', 'Indicator', 'Rating', 'Commentary', 'Evidence'],
  actionPlan: ['Action', 'Theme', 'Indicator', 'Owner', 'Due', 'Status', 'Progress'],
  unanswered: ['Theme', 'ID', 'Indicator'],
  shortOfTarget: ['Theme', 'ID', 'Indicator', 'Rating', 'Target', 'Short by'],
  unassured: ['Theme', 'Assessed', 'Moderated', 'Signed off'],
  changedSinceSignOff: ['Theme', 'Signed off', 'Changed since'],
  staleEvidence: ['Theme', 'ID', 'Evidence', 'Owner', 'Review by'],
} as const;

/** The heat map section's heading and what it shows. */
export const HEAT_MAP = {
  heading: 'Heat map',
  intro: (r: Report): string =>
    `Every indicator's rating, theme by theme, on its scale's colour with the rating in words${hasMovement(r) ? `, beside ${previousPeriodName(r)}'s` : ''}.`,
} as const;

/** A column heading of one of the report's tables. */
export type ColumnOf<T extends keyof typeof COLUMNS> = (typeof COLUMNS)[T][number];

/**
 * A piece of a sentence: plain text, words a renderer emphasises, or a status, which a renderer
 * shows as its word (emphasised, or on its colour).
 */
export type Span = string | { readonly strong: string } | { readonly status: Rag };

/** A sentence's spans as plain text, for a place that cannot emphasise. */
export const spansText = (spans: readonly Span[]): string =>
  spans.map((s) => (typeof s === 'string' ? s : 'strong' in s ? s.strong : RAG_WORDS[s.status])).join('');

/** A labelled fact: "Period: 2025-26"; a list where the value is several items. */
export interface Fact {
  readonly label: string;
  readonly value: string | readonly string[];
}

// --- Names -------------------------------------------------------------------------------------

/** The report's title: the paper's own, or "Best Value self-assessment: Marlbridge Borough Council, 2025-26". */
export const reportTitle = (r: Report): string => r.paper.title;

/** The period the report compares with: "2024-25", or "last period" when the previous ratings name none. */
export const previousPeriodName = (r: Report): string => r.previous?.period ?? 'last period';

/** Whether the report compares with a previous period, so movement is shown at all. */
export const hasMovement = (r: Report): boolean => r.themes.some((t) => t.movement);

/** A theme as the report names it: "2. Leadership". */
export const themeName = (t: ThemeAssessment): string => `${t.number}. ${t.title}`;

/** A level's label, or "Not assessed" where there is none. */
export const levelLabel = (level: LevelRef | undefined): string => level?.label ?? 'Not assessed';

/** The scale theme levels are read on, as a sentence names it: the “Eastmoor statement” scale; "their scale" when the scales are not given. */
export function levelScaleName(scales: readonly ReportScale[] | undefined): string {
  const scale = scales?.find((s) => s.kind === 'characteristic');
  return scale ? `the “${scale.title}” scale` : 'their scale';
}

/** A theme's level in its facts: the label, or why there is none. */
export const themeLevelText = (t: ThemeAssessment, scales?: readonly ReportScale[]): string => t.level?.label ?? `not assessed (nothing is rated on ${levelScaleName(scales)})`;

/** A rating word of last period, as its scale's label where the scale is known. */
export function ratingWordLabel(scales: readonly ReportScale[] | undefined, kind: IndicatorAssessment['kind'], word: string): string {
  return ratingLabel(scales?.find((s) => s.kind === kind), word);
}

/** A link's destination when the URL is http(s); anything else (javascript:, data:, a path) is never a link. */
export function httpUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}

// --- Title block -------------------------------------------------------------------------------

/** The word a draft is marked with, wherever a format marks it (a banner, a watermark, a sheet's title). */
export const DRAFT_WORD = 'DRAFT';

/**
 * Why the paper is shown as a draft, with how much is answered, as the banner at its top says it:
 * "the paper is marked draft; 80 of 86 indicators are answered"; undefined for a final paper.
 */
export function draftNotice(r: Report): string | undefined {
  const p = r.paper;
  if (!p.draft) return undefined;
  const complete = p.answered === p.indicators;
  return `${capitalise([...p.draftReasons, ...(complete ? [`all ${p.indicators} indicators are answered`] : [])].join('; '))}.`;
}

/** The paper's status as its facts give it: Draft until it is final and complete. */
export const paperStatus = (r: Report): string => (r.paper.draft ? 'Draft' : 'Final');

/**
 * The council's own text (the paper's purpose and summary) in paragraphs: one at each line break.
 * A folded block (`>-`) keeps one line break where its source has a blank line, and bva writes
 * text with line breaks as a literal block, so in either a line break is where a paragraph ends.
 */
export const paragraphs = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

/** The facts under the title: the meeting and its date, the author and contact, version and status; then authority, period, catalogue, dates, the period compared with, participants. */
export function titleFacts(r: Report): Fact[] {
  const c = r.catalogue;
  const p = r.paper;
  const facts: (Fact | undefined)[] = [
    p.meeting !== undefined ? { label: 'Meeting', value: p.meeting } : undefined,
    p.meetingDate !== undefined ? { label: 'Meeting date', value: longDate(p.meetingDate) } : undefined,
    p.author !== undefined ? { label: 'Report author', value: p.author } : undefined,
    p.contact !== undefined ? { label: 'Contact', value: p.contact } : undefined,
    p.version !== undefined ? { label: 'Version', value: p.version } : undefined,
    { label: 'Status', value: paperStatus(r) },
    { label: 'Authority', value: r.authority },
    { label: 'Period', value: r.period },
    { label: 'Catalogue', value: `${c.title} (${c.id} ${c.version})` },
    r.assessmentDate !== undefined ? { label: 'Assessment date', value: longDate(r.assessmentDate) } : undefined,
    { label: 'Status as of', value: `${longDate(r.asOf)} (actions and evidence are judged against this date)` },
    r.previous ? { label: 'Compared with', value: r.previous.source === 'file' ? previousPeriodName(r) : "last period's ratings recorded in this file" } : undefined,
    r.participants.length > 0 ? { label: 'Participants', value: r.participants } : undefined,
  ];
  return facts.filter((f): f is Fact => f !== undefined);
}

/** The key's introduction (the key itself is the report's ragKey: each status's word and meaning). */
export const RAG_KEY_INTRO = 'Each theme, and the whole authority, is given a status by the scoring rules in the Method section:';

// --- Movement ----------------------------------------------------------------------------------

/** Movement counts as words: "5 improved, 1 declined"; unchanged only when asked for; '' when nothing moved. */
export function countsText(c: MovementCounts, withUnchanged: boolean): string {
  return [
    c.improved > 0 ? `${c.improved} improved` : '',
    c.declined > 0 ? `${c.declined} declined` : '',
    withUnchanged && c.unchanged > 0 ? `${c.unchanged} unchanged` : '',
    c.new > 0 ? `${c.new} newly rated` : '',
    c.dropped > 0 ? `${c.dropped} no longer rated` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** A theme's level movement: "level Developing → Established"; '' when the level was not rated in either period. */
export function levelMoveText(r: Report, t: ThemeAssessment): string {
  const m = t.movement;
  if (!m?.level) return '';
  const was = m.previousLevel?.label ?? 'not rated';
  const now = t.level?.label ?? 'not rated';
  if (m.level === 'unchanged') return `level unchanged (${now})`;
  if (m.level === 'new') return `level ${now} (not rated in ${previousPeriodName(r)})`;
  if (m.level === 'dropped') return `level not rated (was ${was})`;
  return `level ${was} → ${now}`;
}

/** An indicator's movement in words, from last period's rating (as a label) and that period's name. */
const MOVEMENT_TEXT: Record<NonNullable<IndicatorAssessment['movement']>, (was: string, period: string) => string> = {
  improved: (was) => `improved from ${was}`,
  declined: (was) => `declined from ${was}`,
  unchanged: () => 'unchanged',
  new: (_was, period) => `not rated in ${period}`,
  dropped: (was, period) => `rated ${was} in ${period}`,
};

/** How an indicator moved since last period, in words: "improved from Developing"; '' without a previous period. */
export function indicatorMovement(r: Report, scales: readonly ReportScale[] | undefined, i: IndicatorAssessment): string {
  if (!i.movement) return '';
  return MOVEMENT_TEXT[i.movement](i.previous === undefined ? '' : ratingWordLabel(scales, i.kind, i.previous), previousPeriodName(r));
}

// --- Ratings, evidence, actions ----------------------------------------------------------------

/** A note after a rating: its red flag, its target or its movement. */
export interface RatingNote {
  readonly kind: 'red-flag' | 'target' | 'movement';
  /** Lower case, as it reads in brackets after the rating: "target Embedded". */
  readonly text: string;
}

/** An indicator's rating cell: "Established (target Embedded; improved from Developing)". */
export interface RatingText {
  /** The rating's label, or Not applicable, or Not answered. */
  readonly rating: string;
  /** A red flag: the rating is shown with emphasis. */
  readonly redFlag: boolean;
  /** The red flag, the target and the movement, in that order, each where there is one. */
  readonly notes: readonly RatingNote[];
}

/** An indicator's rating with its red flag, target and movement. */
export function ratingText(r: Report, scales: readonly ReportScale[] | undefined, i: IndicatorAssessment): RatingText {
  const rating = i.status === 'rated' && i.rating ? i.rating.label : i.status === 'not-applicable' ? NOT_APPLICABLE : NOT_ANSWERED;
  const move = indicatorMovement(r, scales, i);
  const notes: (RatingNote | undefined)[] = [
    i.redFlag ? { kind: 'red-flag', text: i.seriousRedFlag ? 'serious red flag' : 'red flag' } : undefined,
    i.target ? { kind: 'target', text: `target ${i.target.label}` } : undefined,
    move ? { kind: 'movement', text: move } : undefined,
  ];
  return { rating, redFlag: i.redFlag, notes: notes.filter((n): n is RatingNote => n !== undefined) };
}

/** A stale evidence entry's note: "review overdue since 31 December 2025"; undefined when it is not stale. */
export const reviewOverdueNote = (e: EvidenceItem): string | undefined => (e.stale && e.reviewBy !== undefined ? `review overdue since ${longDate(e.reviewBy)}` : undefined);

/** An action's state as a word; Overdue is the one a renderer emphasises. */
export const actionStateWord = (a: ActionItem): 'Overdue' | 'Open' | 'Done' => (a.overdue ? 'Overdue' : a.status === 'open' ? 'Open' : 'Done');

/** An action's owner and due date, for the brackets after it: "Director of Finance; due 30 January 2026". */
export const actionDetails = (a: ActionItem): string => `${a.owner ?? 'no owner'}; ${a.due !== undefined ? `due ${longDate(a.due)}` : 'no due date'}`;

// --- Executive summary -------------------------------------------------------------------------

/** The executive summary's opening: the overall status and its reasons, the overall level, and the counts. */
export function overallStatus(r: Report, scales?: readonly ReportScale[]): Span[] {
  const s = r.summary;
  const c = s.counts;
  const rated = r.themes.reduce((n, t) => n + t.indicators.filter((i) => i.kind === 'characteristic' && i.status === 'rated').length, 0);
  const level: Span[] = s.level
    ? ['Overall level: ', { strong: s.level.label }, `, the median of ${plural(rated, 'rating')} on ${levelScaleName(scales)}. `]
    : [`Overall level: not assessed, as nothing is rated on ${levelScaleName(scales)}. `];
  return [
    'Overall status: ',
    { status: s.rag },
    `, the worst of the themes' statuses (${s.reasons.join('; ')}). `,
    ...level,
    `${c.answered} of ${c.indicators} indicators are answered; there ${c.redFlags === 1 ? 'is' : 'are'} ${plural(c.redFlags, 'red flag')}` +
      `${c.seriousRedFlags > 0 ? ` (${c.seriousRedFlags} serious)` : ''}, ${plural(c.openActions, 'open action')} and ${c.overdueActions} overdue.`,
  ];
}

/** The executive summary table's columns: Movement only when there is a previous period. */
export const summaryColumns = (r: Report): readonly ColumnOf<'summary'>[] => (hasMovement(r) ? COLUMNS.summary : COLUMNS.summary.filter((c) => c !== 'Movement'));

/** A row of the executive summary table, as text. */
export interface SummaryRow {
  /** The theme; undefined on the whole authority's row. */
  readonly theme: ThemeAssessment | undefined;
  readonly name: string;
  readonly rag: Rag;
  readonly level: string;
  readonly answered: string;
  readonly redFlags: string;
  readonly openActions: string;
  readonly overdueActions: string;
  /** The Movement cell (shown only when summaryColumns has it). */
  readonly movement: string;
}

/** The executive summary table: a row per theme, then the whole authority. */
export function summaryRows(r: Report): SummaryRow[] {
  const row = (theme: ThemeAssessment | undefined, name: string, rag: Rag, level: LevelRef | undefined, c: Report['summary']['counts'], movement: string): SummaryRow => ({
    theme,
    name,
    rag,
    level: levelLabel(level),
    answered: `${c.answered} of ${c.indicators}`,
    redFlags: c.seriousRedFlags > 0 ? `${c.redFlags} (${c.seriousRedFlags} serious)` : String(c.redFlags),
    openActions: String(c.openActions),
    overdueActions: String(c.overdueActions),
    movement,
  });
  const themeMovement = (t: ThemeAssessment): string =>
    t.movement ? [levelMoveText(r, t), countsText(t.movement.counts, false)].filter(Boolean).join('; ') || 'no change' : NONE;
  const s = r.summary;
  return [
    ...r.themes.map((t) => row(t, themeName(t), t.rag, t.level, t.counts, themeMovement(t))),
    row(undefined, 'Whole authority', s.rag, s.level, s.counts, s.movement ? countsText(s.movement, false) || 'no change' : NONE),
  ];
}

/** The note under the executive summary table: what a level is, and what movement compares. */
export const summaryNote = (r: Report, scales?: readonly ReportScale[]): string =>
  `Levels are the median of each theme's ratings on ${levelScaleName(scales)}.${hasMovement(r) ? ` Movement compares each rating with ${previousPeriodName(r)}'s.` : ''}`;

// --- Heat map ----------------------------------------------------------------------------------

/** A rating as a heat map shows it: its label, and where it sits on its scale (for its colour). */
export interface HeatCell {
  readonly label: string;
  /** The level's place on its scale (0 = weakest) and the scale's length; absent for not applicable or not answered. */
  readonly rank?: number;
  readonly of?: number;
  /** The level's colour, #RRGGBB, where the catalogue's scale is known (levelColour). */
  readonly colour?: string;
  /** Not applicable (its own colour), as against not answered (no colour). */
  readonly notApplicable: boolean;
}

/** A row of the heat map: an indicator, its rating now and, with a previous period, then. */
export interface HeatMapRow extends ThemeIndicator {
  readonly now: HeatCell;
  /** Last period's rating; undefined without a previous period. */
  readonly then?: HeatCell;
  /** How it moved, in words; '' without a previous period. */
  readonly movement: string;
}

/** A rating word of an indicator's scale as a heat cell (last period's ratings come as words). */
function heatCellOfWord(scales: readonly ReportScale[] | undefined, kind: IndicatorAssessment['kind'], word: string | undefined): HeatCell {
  if (word === undefined) return { label: NOT_ANSWERED, notApplicable: false };
  if (word === 'not-applicable') return { label: NOT_APPLICABLE, notApplicable: true };
  const levels = scales?.find((s) => s.kind === kind)?.levels ?? [];
  const rank = levels.findIndex((l) => l.word === word);
  return rank === -1 ? { label: word, notApplicable: false } : { label: levels[rank]!.label, rank, of: levels.length, colour: levels[rank]!.colour, notApplicable: false };
}

/** The heat map: every indicator in catalogue order, with its rating and, given a previous period, last period's. */
export function heatMapRows(r: Report, scales: readonly ReportScale[] | undefined): HeatMapRow[] {
  const withMovement = hasMovement(r);
  return r.themes.flatMap((t) =>
    t.indicators.map((i) => {
      const colour = i.rating ? scales?.find((s) => s.kind === i.kind)?.levels[i.rating.rank]?.colour : undefined;
      const now: HeatCell = i.rating
        ? { label: i.rating.label, rank: i.rating.rank, of: i.rating.of, ...(colour !== undefined ? { colour } : {}), notApplicable: false }
        : { label: i.status === 'not-applicable' ? NOT_APPLICABLE : NOT_ANSWERED, notApplicable: i.status === 'not-applicable' };
      return {
        t,
        i,
        now,
        ...(withMovement ? { then: heatCellOfWord(scales, i.kind, i.previous) } : {}),
        movement: withMovement ? capitalise(indicatorMovement(r, scales, i)) || NONE : '',
      };
    }),
  );
}

// --- Red flags ---------------------------------------------------------------------------------

/** An indicator with the theme it belongs to. */
export interface ThemeIndicator {
  readonly t: ThemeAssessment;
  readonly i: IndicatorAssessment;
}

/** Every red flag: serious ones first, then in catalogue order. */
export function redFlagList(r: Report): ThemeIndicator[] {
  const flags = r.themes.flatMap((t) => t.indicators.filter((i) => i.redFlag).map((i) => ({ t, i })));
  // Sort is stable, so catalogue order holds within each group.
  return flags.sort((a, b) => Number(b.i.seriousRedFlag === true) - Number(a.i.seriousRedFlag === true));
}

/** The red flags section's opening: how many, how many serious, and those with no action (emphasised). */
export function redFlagIntro(flags: readonly ThemeIndicator[]): Span[] {
  if (flags.length === 0) return ['No indicator is rated at a red-flag level.'];
  const serious = flags.filter((f) => f.i.seriousRedFlag).length;
  const unactioned = flags.filter((f) => f.i.actions.length === 0);
  const count = `${plural(flags.length, 'indicator')} ${flags.length === 1 ? 'is' : 'are'} rated at a red-flag level${
    serious > 0 ? `, ${serious} of ${flags.length === 1 ? 'it' : 'them'} serious (listed first)` : ''
  }. `;
  if (unactioned.length === 0) return [`${count}Every red flag has at least one action recorded.`];
  return [
    count,
    { strong: `${plural(unactioned.length, 'red flag')} ${unactioned.length === 1 ? 'has' : 'have'} no action recorded:` },
    ` ${unactioned.map((f) => f.i.id).join(', ')}.`,
  ];
}

// --- Themes ------------------------------------------------------------------------------------

/** A theme's assurance in words: who assessed, moderated and signed it off, and when. */
export function assuranceLine(t: ThemeAssessment): string {
  const a = t.assurance;
  if (!a.assessed && !a.moderated && !a.signedOff) return 'no assessment, moderation or sign-off recorded';
  const step = (name: string, s: ReportAssuranceStep | undefined): string => (s ? `${name} on ${longDate(s.on)} by ${s.by}` : `not yet ${name}`);
  const changed = a.changedSinceSignOff ? `; ${changedSinceText(t)} changed since sign-off` : '';
  return [step('assessed', a.assessed), step('moderated', a.moderated), step('signed off', a.signedOff)].join('; ') + changed;
}

/** What changed in a theme after its sign-off: "lead.c5, lead.c7 (answered since)" or "its summary". */
export function changedSinceText(t: ThemeAssessment): string {
  const c = t.assurance.changedSinceSignOff;
  if (!c) return '';
  const ids = c.indicators.map((i) => (i.change === 'changed' ? i.id : `${i.id} (${i.change === 'added' ? 'answered since' : 'removed since'})`));
  return [...ids, ...(c.themeText ? ['its summary'] : [])].join(', ');
}

/** Themes whose answers changed after sign-off. */
export const changedSinceSignOff = (r: Report): ThemeAssessment[] => r.themes.filter((t) => t.assurance.changedSinceSignOff);

/** The executive summary's warning when answers changed after sign-off; undefined when none did. */
export function signOffWarning(r: Report): Span[] | undefined {
  const themes = changedSinceSignOff(r);
  if (themes.length === 0) return undefined;
  return [
    { strong: `Answers in ${plural(themes.length, 'theme')} changed after ${themes.length === 1 ? 'it was' : 'they were'} signed off:` },
    ` ${themes.map((t) => `${t.title} (${changedSinceText(t)})`).join('; ')}. These ratings are not the ones signed off; see ${HEADINGS.gaps}.`,
  ];
}

/** A theme's facts: status and reasons, level, answered, movement, actions, assurance. */
export function themeFacts(r: Report, t: ThemeAssessment, scales?: readonly ReportScale[]): Fact[] {
  const c = t.counts;
  const period = previousPeriodName(r);
  const answered = [c.notApplicable > 0 ? `${c.notApplicable} not applicable` : '', c.unanswered > 0 ? `${c.unanswered} unanswered` : ''].filter(Boolean);
  const m = t.movement;
  const levelWas = m?.level && m.level !== 'unchanged' && m.previousLevel ? ` (${period}: ${m.previousLevel.label})` : '';
  const actions = c.openActions + c.doneActions > 0 ? `${c.openActions} open${c.overdueActions > 0 ? ` (${c.overdueActions} overdue)` : ''}, ${c.doneActions} done` : 'none recorded';
  const facts: (Fact | undefined)[] = [
    { label: 'Status', value: `${RAG_WORDS[t.rag]}: ${t.reasons.join('; ')}` },
    { label: 'Level', value: `${themeLevelText(t, scales)}${levelWas}` },
    { label: 'Answered', value: `${c.answered} of ${c.indicators} indicators${answered.length > 0 ? ` (${answered.join(', ')})` : ''}` },
    m ? { label: `Movement since ${period}`, value: countsText(m.counts, true) || 'nothing rated in either period' } : undefined,
    { label: 'Actions', value: actions },
    { label: 'Assurance', value: assuranceLine(t) },
  ];
  return facts.filter((f): f is Fact => f !== undefined);
}

// --- Action plan -------------------------------------------------------------------------------

/** Open actions first, then done; each by due date, undated last; catalogue order otherwise. */
export function planOrder(actions: readonly ActionItem[]): ActionItem[] {
  const rank = (a: ActionItem): string => `${a.status === 'open' ? 0 : 1}${a.due ?? '9999-99-99'}`;
  return actions
    .map((a, n) => ({ a, n, key: rank(a) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.n - y.n))
    .map((x) => x.a);
}

/** The action plan's opening: the counts and the order the table follows. */
export function actionPlanIntro(r: Report): string {
  if (r.actions.length === 0) return 'No actions are recorded.';
  const c = r.summary.counts;
  return (
    `${plural(r.actions.length, 'action')}: ${c.openActions} open (${c.overdueActions} overdue as of ${longDate(r.asOf)}) and ${c.doneActions} done. ` +
    'Open actions come first, then completed ones; each group runs from the earliest due date, with actions that have no due date last.'
  );
}

/**
 * When a done action was done against when it was due, planned against actual: "4 March 2025
 * (6 days late)", "(3 days early)", "(on the day)"; undefined when the day was not recorded.
 */
export function doneOnText(a: Pick<ActionItem, 'doneOn' | 'daysLate'>): string | undefined {
  if (a.doneOn === undefined) return undefined;
  const d = a.daysLate;
  const against = d === undefined ? '' : d === 0 ? ' (on the day)' : d > 0 ? ` (${plural(d, 'day')} late)` : ` (${plural(-d, 'day')} early)`;
  return `${longDate(a.doneOn)}${against}`;
}

/** An action's latest progress note, "10 February 2025: Shortlist agreed.", or — when it has none. */
export function latestProgress(a: Pick<ActionItem, 'progress'>): string {
  const last = a.progress?.[a.progress.length - 1];
  return last ? `${longDate(last.on)}: ${last.note}` : NONE;
}

/** The action plan's columns: Progress only when some action has a progress note. */
export const actionPlanColumns = (r: Report): readonly ColumnOf<'actionPlan'>[] =>
  r.actions.some((a) => a.progress && a.progress.length > 0) ? COLUMNS.actionPlan : COLUMNS.actionPlan.filter((c) => c !== 'Progress');

/** A row of the action plan, as text. */
export interface ActionPlanRow {
  readonly item: ActionItem;
  readonly action: string;
  /** The theme's title. */
  readonly theme: string;
  readonly indicator: string;
  readonly owner: string;
  readonly due: string;
  readonly status: ReturnType<typeof actionStateWord>;
  /** For a done action with its day recorded, that day against the due date. */
  readonly doneOn?: string;
  /** The latest progress note, or —. */
  readonly progress: string;
}

/** The action plan's rows, in plan order. */
export function actionPlanRows(r: Report): ActionPlanRow[] {
  const titles = new Map(r.themes.map((t) => [t.id, t.title]));
  return planOrder(r.actions).map((a) => {
    const doneOn = doneOnText(a);
    return {
      item: a,
      action: a.action,
      theme: titles.get(a.theme) ?? a.theme,
      indicator: a.indicator,
      owner: a.owner ?? NONE,
      due: a.due !== undefined ? longDate(a.due) : NONE,
      status: actionStateWord(a),
      ...(doneOn !== undefined ? { doneOn } : {}),
      progress: latestProgress(a),
    };
  });
}

// --- Gaps --------------------------------------------------------------------------------------

/** An evidence entry past its review date, with its indicator and theme. */
export interface StaleEvidence extends ThemeIndicator {
  readonly e: EvidenceItem;
}

/** What the gaps section lists, each in catalogue order. */
export interface Gaps {
  readonly unanswered: readonly ThemeIndicator[];
  readonly shortOfTarget: readonly ThemeIndicator[];
  /** Themes not yet both moderated and signed off. */
  readonly unassured: readonly ThemeAssessment[];
  /** Themes whose answers changed after they were signed off. */
  readonly changedSinceSignOff: readonly ThemeAssessment[];
  /** Whether any sign-off recorded a digest, so the list above means something (else it is left out). */
  readonly signOffDigests: boolean;
  readonly staleEvidence: readonly StaleEvidence[];
  /** Every indicator the section lists, for its footnotes. */
  readonly listed: readonly IndicatorAssessment[];
}

/** The gaps: unanswered indicators, ratings short of target, themes not assured, stale evidence. */
export function reportGaps(r: Report): Gaps {
  const all = r.themes.flatMap((t) => t.indicators.map((i) => ({ t, i })));
  const unanswered = all.filter(({ i }) => i.status === 'unanswered');
  const shortOfTarget = all.filter(({ i }) => i.shortOfTarget !== undefined);
  const staleEvidence = all.flatMap(({ t, i }) => i.evidence.filter((e) => e.stale).map((e) => ({ t, i, e })));
  return {
    unanswered,
    shortOfTarget,
    unassured: r.themes.filter((t) => !t.assurance.moderated || !t.assurance.signedOff),
    changedSinceSignOff: changedSinceSignOff(r),
    signOffDigests: r.themes.some((t) => t.assurance.signOffDigest !== undefined),
    staleEvidence,
    listed: [...unanswered, ...shortOfTarget, ...staleEvidence].map(({ i }) => i),
  };
}

/** Each list of the gaps section: its heading (also its table's caption), and what it says when empty. */
export function gapWords(r: Report): Record<Exclude<keyof Gaps, 'listed' | 'signOffDigests'>, { readonly heading: string; readonly none: string }> {
  return {
    unanswered: { heading: 'Unanswered indicators', none: 'None: every indicator is rated or marked not applicable.' },
    shortOfTarget: { heading: 'Ratings short of target', none: 'None: every rating with a target meets it.' },
    unassured: { heading: 'Themes not yet moderated or signed off', none: 'None: every theme is moderated and signed off.' },
    changedSinceSignOff: { heading: 'Answers changed after sign-off', none: 'None: every sign-off with a digest matches the answers as they stand.' },
    staleEvidence: { heading: 'Evidence past its review date', none: `None: no evidence is past its review-by date as of ${longDate(r.asOf)}.` },
  };
}

/** A rating short of its target, as the gaps table's cells: rating, target, and by how many levels. */
export const shortfall = (i: IndicatorAssessment): { readonly rating: string; readonly target: string; readonly shortBy: string } => ({
  rating: i.rating?.label ?? NOT_ANSWERED,
  target: i.target?.label ?? NONE,
  shortBy: plural(i.shortOfTarget ?? 0, 'level'),
});

/** When an assurance step was taken, or "Not yet". */
export const assuranceDate = (s: ReportAssuranceStep | undefined): string => (s ? longDate(s.on) : 'Not yet');

// --- Method ------------------------------------------------------------------------------------

/** The method note's opening: where statuses and levels come from, and who applied the rules when. */
export const methodIntro = (r: Report, generatedBy: string): string =>
  `Each theme's status and level come from the council's own ratings by these rules, applied by ${generatedBy} as of ${longDate(r.asOf)}. ` +
  'The status is written as a word (Red, Amber, Green or Not assessed) with the reasons that produced it.';

/** A rating scale's heading: its title (emphasised), its question, and the order its levels run in. */
export const scaleHeading = (scale: ReportScale): Span[] => [{ strong: scale.title }, `${scale.question !== undefined ? `: ${scale.question}` : ''} (from worst to best)`];

/** A level of a scale in the method note's legend: its status, and whether it is a red flag. */
export const levelNotes = (l: ReportScale['levels'][number]): string => `Counts as ${RAG_WORDS[l.rag]}.${l.redFlag ? ' A red flag.' : ''}`;

/** The draft's credit: "title, 4 July 2023". */
export const draftCredit = (d: NonNullable<ReportSource['draft']>): string => `${d.title}, ${longDate(d.date)}`;

/** The source's credit: "title, publisher, date", the URL to link, and the attribution or licence. */
export function sourceCredit(s: ReportSource): { readonly credit: string; readonly url: string; readonly licence: string } {
  return { credit: `${s.title}, ${s.publisher}, ${longDate(s.date)}`, url: s.url, licence: s.attribution ?? `Licence: ${s.licence}.` };
}

/** A sign-off as the gaps table shows it: "14 October 2025, Corporate Leadership Team". */
export const signedOffText = (s: ReportAssuranceStep | undefined): string => (s ? `${longDate(s.on)}, ${s.by}${s.role !== undefined ? ` (${s.role})` : ''}` : NONE);

// --- Moderation --------------------------------------------------------------------------------

/** "7 of 12 (58%)"; "0 of 0" when there is nothing to count. */
export const shareText = (part: number, whole: number): string => (whole === 0 ? '0 of 0' : `${part} of ${whole} (${Math.round((100 * part) / whole)}%)`);

/** Alpha to three decimal places, or the empty mark where it is undefined. */
export const alphaText = (a: ScaleAlpha | undefined): string => (a === undefined || a.alpha === null ? NONE : a.alpha.toFixed(3));

/** The alpha column's heading for a scale: "α, " and the scale's title. */
export const alphaHeading = (a: Pick<ScaleAlpha, 'title'>): string => `α, ${a.title}`;

/** The scales alpha is given for, in the order of the overall agreement. */
export const alphaScales = (m: Moderation): readonly ScaleAlpha[] => m.overall.alpha;

/** What alpha is, under the agreement table. */
export const ALPHA_NOTE =
  "Same level: every rating put the indicator at the same level of its scale; within one level: the ratings are at most one level apart. α is Krippendorff's alpha for ordinal data, over the draft's and every reviewer's ratings on each scale: 1 is perfect agreement, 0 is no better than chance, below 0 worse than chance; " +
  `${NONE} where it cannot be worked out (fewer than two ratings to pair, or every rating the same).`;

/** The moderation's opening: what was compared, by whom, and how far they agreed. */
export function moderationIntro(m: Moderation): string {
  const o = m.overall;
  const who = m.byReviewer.map((r) => `${r.reviewer} (${plural(r.compared, 'indicator')})`).join(', ');
  return (
    `${plural(o.compared, 'indicator')} ${o.compared === 1 ? 'was' : 'were'} rated both in the draft and by ${m.reviewers.length === 1 ? 'an independent reviewer' : `at least one of ${m.reviewers.length} independent reviewers`}: ${who}. ` +
    `Every rating was at the same level on ${shareText(o.same, o.compared)}, and within one level on ${shareText(o.withinOne, o.compared)}.`
  );
}

/** A row of the agreement table: a theme, or all themes. */
export interface AgreementRow {
  readonly name: string;
  readonly whole: boolean;
  readonly compared: string;
  readonly same: string;
  readonly withinOne: string;
  /** One per scale of alphaScales. */
  readonly alphas: readonly string[];
}

/** The agreement table's columns. */
export const agreementColumns = (m: Moderation): string[] => ['Theme', 'Compared', 'Same level', 'Within one level', ...alphaScales(m).map(alphaHeading)];

/** The agreement table: a row per theme, then all themes. */
export function agreementRows(m: Moderation): AgreementRow[] {
  const row = (name: string, whole: boolean, a: Moderation['overall']): AgreementRow => ({
    name,
    whole,
    compared: String(a.compared),
    same: shareText(a.same, a.compared),
    withinOne: shareText(a.withinOne, a.compared),
    alphas: alphaScales(m).map((s) => alphaText(a.alpha.find((x) => x.kind === s.kind))),
  });
  return [...m.themes.map((t) => row(`${t.number}. ${t.title}`, false, t.agreement)), row('All themes', true, m.overall)];
}

/** The reviewers' table: each reviewer's ratings beside the draft's. */
export const REVIEWER_COLUMNS = ['Reviewer', 'Rated', "At the draft's level"] as const;
export const reviewerRows = (m: Moderation): string[][] => m.byReviewer.map((r) => [r.reviewer, String(r.compared), shareText(r.same, r.compared)]);

/** A rating as words: its scale's label, or Not applicable. */
export const moderationLabel = (r: ModerationRating): string => r.label ?? (r.word === 'not-applicable' ? NOT_APPLICABLE : r.word);

/** How far apart an indicator's ratings are, in words. */
export function spreadText(i: ModeratedIndicator): string {
  if (i.difference === 'applicability') return 'Whether it applies';
  if (i.difference === 'none') return 'None';
  return plural(i.spread ?? 0, 'level');
}

/** The ratings table's columns: the draft and each reviewer side by side. */
export const moderatedColumns = (m: Moderation): string[] => ['ID', 'Indicator', 'Draft', ...m.reviewers, 'Spread', 'Agreed', 'Moderation note'];

/** A row of the ratings table, as text. */
export interface ModeratedRow {
  readonly item: ModeratedIndicator;
  readonly draft: string;
  /** One per reviewer, in m.reviewers' order. */
  readonly reviews: readonly string[];
  readonly spread: string;
  readonly agreed: string;
  readonly note: string;
}

/** The ratings table: disagreements of more than one level first (the model's order). */
export function moderatedRows(m: Moderation): ModeratedRow[] {
  return m.indicators.map((i) => {
    const agreed = i.agreed ? `${moderationLabel(i.agreed)}${i.current ? ` (now ${moderationLabel(i.current)})` : ''}` : 'Not yet moderated';
    const who = [i.by, i.on !== undefined ? longDate(i.on) : undefined].filter((x): x is string => x !== undefined).join(', ');
    return {
      item: i,
      draft: moderationLabel(i.draft),
      reviews: m.reviewers.map((name) => {
        const r = i.reviews.find((x) => x.reviewer === name);
        return r ? moderationLabel(r.rating) : NONE;
      }),
      spread: spreadText(i),
      agreed,
      note: [i.note, who !== '' ? `(${who})` : undefined].filter((x): x is string => x !== undefined).join(' ') || NONE,
    };
  });
}

/** The words before the ratings table. */
export const MODERATED_INTRO = 'Each indicator compared, with the draft and every reviewer side by side: disagreements of more than one level, or on whether the indicator applies, come first, then those of one level, then those where every rating was the same.';

/** The headings within the moderation section. */
export const MODERATION_HEADINGS = { agreement: 'Agreement', reviewers: 'Reviewers', ratings: 'Ratings side by side' } as const;
