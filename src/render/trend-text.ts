// The trend's words, shared by its Markdown and HTML renderers, so the two say the same thing:
// the title, headings, the summary table's rows, what each cell and movement reads as. Plain text
// only; each renderer escapes and emphasises it. Every rating word is the scale's own label.
import type { Trend, TrendCell, TrendIndicator, TrendOverall, TrendPeriod, TrendTheme } from '../assessment/trend.js';
import { plural } from '../words.js';
import { NONE, NOT_ANSWERED, NOT_APPLICABLE, RAG_WORDS, longDate } from './report-text.js';

/** The trend's sections, in order. */
export const TREND_HEADINGS = {
  summary: 'Summary',
  themes: 'Themes',
  indicators: 'Indicators',
  redFlags: 'Red flags by period',
  actions: 'Actions by period',
} as const;

/** "Best Value self-assessment over time: Marlbridge Borough Council, 2023-24 to 2025-26". */
export const trendTitle = (t: Trend): string => `Best Value self-assessment over time: ${t.authority}, ${periodSpan(t)}`;

/** "2023-24 to 2025-26", or the one period. */
export const periodSpan = (t: Trend): string => (t.periods.length === 1 ? t.periods[0]!.period : `${t.periods[0]!.period} to ${t.periods[t.periods.length - 1]!.period}`);

/** What the trend compares and how each period was scored. */
export function trendIntro(t: Trend): string {
  const each = t.periods.map((p) => `${p.period} (${p.file}${p.assessmentDate !== undefined ? `, assessed ${longDate(p.assessmentDate)}` : `, scored as of ${longDate(p.asOf)}`})`);
  return `${plural(t.periods.length, 'period')}, oldest first: ${each.join('; ')}. Each period is scored as of its own assessment date, and each indicator is shown as the ${t.catalogue.id} ${t.catalogue.version} catalogue names it.`;
}

/** A cell of the summary table: a heading, then one value per period. */
export interface SummaryLine {
  readonly label: string;
  readonly values: readonly string[];
  /** Words for the status, so a renderer can show the status's colour. */
  readonly rag?: readonly TrendPeriod['rag'][];
}

/** The summary table's rows: status, level, answered, red flags and the action plan, per period. */
export function summaryLines(t: Trend): SummaryLine[] {
  const per = (f: (p: TrendPeriod) => string): string[] => t.periods.map(f);
  const lines: SummaryLine[] = [
    { label: 'Status', values: per((p) => RAG_WORDS[p.rag]), rag: t.periods.map((p) => p.rag) },
    { label: 'Level', values: per((p) => p.level?.label ?? NONE) },
    { label: 'Answered', values: per((p) => `${p.counts.answered} of ${p.counts.indicators}`) },
    { label: 'Red flags', values: per((p) => (p.counts.seriousRedFlags > 0 ? `${p.counts.redFlags} (${p.counts.seriousRedFlags} serious)` : String(p.counts.redFlags))) },
    { label: 'Actions raised', values: per((p) => String(p.actions.raised)) },
    { label: 'Actions completed', values: per((p) => String(p.actions.completed)) },
    { label: 'Open at assessment', values: per((p) => String(p.actions.open)) },
    { label: 'Overdue at assessment', values: per((p) => String(p.actions.overdue)) },
  ];
  if (new Set(t.periods.map((p) => `${p.catalogue.id} ${p.catalogue.version}`)).size > 1) {
    lines.push({ label: 'Catalogue', values: per((p) => `${p.catalogue.id} ${p.catalogue.version}`) });
  }
  return lines;
}

/** The movement words, as the "over the run" column says them. */
export const OVERALL_WORDS: Record<TrendOverall['move'], string> = {
  improved: 'Improved',
  declined: 'Declined',
  stayed: 'Stayed the same',
  changed: 'Changed scale',
  once: 'Rated once',
  never: 'Never rated',
};

/** How many indicators moved each way over the run, in a sentence. */
export function movementSentence(t: Trend): string {
  const m = t.movement;
  const parts = [`${m.improved} improved`, `${m.declined} declined`, `${m.stayed} stayed the same`];
  if (m.changed > 0) parts.push(`${m.changed} moved to another scale`);
  if (m.once > 0) parts.push(`${m.once} rated in one period only`);
  if (m.never > 0) parts.push(`${m.never} never rated`);
  return `Over the whole run, each indicator's first rating against its last: ${parts.join(', ')}.`;
}

/** A cell's words: the rating's label, Not applicable, Not answered, or — where the period's catalogue had no such indicator. */
export function cellText(c: TrendCell): string {
  switch (c.answer) {
    case 'rated':
      return c.rating!.label;
    case 'not-applicable':
      return NOT_APPLICABLE;
    case 'unanswered':
      return NOT_ANSWERED;
    default:
      return NONE;
  }
}

/** A cell's note, after its words: a red flag, serious or not. */
export const cellNote = (c: TrendCell): string | undefined => (c.redFlag ? (c.serious ? 'serious red flag' : 'red flag') : undefined);

/** A cell as one line of plain text: "Emerging (red flag)". */
export const cellLine = (c: TrendCell): string => {
  const note = cellNote(c);
  return note ? `${cellText(c)} (${note})` : cellText(c);
};

/** The "over the run" cell. */
export const overallText = (o: TrendOverall): string => OVERALL_WORDS[o.move];

/** Where an indicator came from through a crosswalk, in brackets after its id ("(was G4)"), or nothing. */
export function lineageText(i: TrendIndicator, t: Trend): string {
  const from = (i.lineage?.from ?? []).join(' and ');
  switch (i.lineage?.kind) {
    case 'renamed':
      return `(was ${from})`;
    case 'merged':
      return `(merged from ${from})`;
    case 'split':
      return `(split from ${from})`;
    case 'added':
      return `(new in ${t.catalogue.version})`;
    case 'dropped':
      return `(dropped in ${t.catalogue.version})`;
    default:
      return i.periods[i.periods.length - 1]!.answer === 'absent' ? `(not in ${t.catalogue.version})` : '';
  }
}

/** A theme's cell in one period: status and level, or — when that period's catalogue had no such theme. */
export function themeCell(p: TrendTheme['periods'][number]): { readonly status: string; readonly level: string } | undefined {
  if (!p) return undefined;
  return { status: RAG_WORDS[p.rag], level: p.level?.label ?? 'no level' };
}

/** The themes in order with their indicators, numbered as the latest catalogue numbers them. */
export function themeGroups(t: Trend): { readonly theme: TrendTheme; readonly number: number; readonly indicators: readonly TrendIndicator[] }[] {
  return t.themes
    .map((theme, n) => ({ theme, number: n + 1, indicators: t.indicators.filter((i) => i.theme === theme.id) }))
    .filter((g) => g.indicators.length > 0);
}

/** The indicators that were a red flag in any period, in row order. */
export const everRedFlagged = (t: Trend): TrendIndicator[] => t.indicators.filter((i) => i.periods.some((c) => c.redFlag));

/** Each period's red-flag counts, and what changed since the period before. */
export function redFlagRows(t: Trend): { readonly period: string; readonly count: string; readonly serious: string; readonly raised: string; readonly cleared: string }[] {
  return t.periods.map((p) => ({
    period: p.period,
    count: String(p.redFlags.length),
    serious: String(p.redFlags.filter((f) => f.serious).length),
    raised: p.redFlagsRaised ? (p.redFlagsRaised.length > 0 ? p.redFlagsRaised.join(', ') : 'none') : NONE,
    cleared: p.redFlagsCleared ? (p.redFlagsCleared.length > 0 ? p.redFlagsCleared.join(', ') : 'none') : NONE,
  }));
}

/** The actions table's columns. */
export const ACTION_COLUMNS = ['Period', 'In the file', 'Raised', 'Completed', 'Dropped', 'Open at assessment', 'Overdue at assessment'] as const;

/** Each period's action counts, as the actions table's cells. */
export const actionRows = (t: Trend): string[][] =>
  t.periods.map((p) => [p.period, ...[p.actions.inFile, p.actions.raised, p.actions.completed, p.actions.dropped, p.actions.open, p.actions.overdue].map(String)]);

/** What the action counts mean. */
export const ACTIONS_NOTE =
  'Raised, completed and dropped count against the period before, matching each action by its indicator and wording (the first period counts every action in its file and every one done); dropped actions were open then and have gone without being marked done. Open and overdue are as at each period\'s assessment date.';

/** What the red-flag counts mean. */
export const RED_FLAGS_NOTE = "A red flag is a rating at one of its scale's red-flag levels; raised and cleared compare each period with the one before.";
