// `bva trend` output: Markdown (the heat map in words), JSON (the model, keys in its schema's
// order) and HTML (trend-html.ts, loaded only when asked for). Pure: the trend in, the text out;
// every piece of text from a file goes through markdownInline.
import { markdownTable } from 'markdown-table';
import type { Trend, TrendCell, TrendIndicator } from '../assessment/trend.js';
import { jsonText, markdownInline as md } from './escape.js';
import { orderedBySchema } from './report-json.js';
import schema from './trend.schema.json' with { type: 'json' };
import {
  ACTIONS_NOTE,
  ACTION_COLUMNS,
  actionRows,
  RED_FLAGS_NOTE,
  TREND_HEADINGS,
  cellNote,
  cellText,
  everRedFlagged,
  lineageText,
  movementSentence,
  overallText,
  redFlagRows,
  summaryLines,
  themeCell,
  themeGroups,
  trendIntro,
  trendTitle,
} from './trend-text.js';
import { NONE } from './report-text.js';

/** The formats `bva trend --format` offers. */
export const TREND_FORMATS = ['md', 'json', 'html'] as const;
export type TrendFormat = (typeof TREND_FORMATS)[number];

/** Every trend format and its renderer, loaded when asked for. */
export const TREND_RENDERERS: Record<TrendFormat, () => Promise<(t: Trend, o: TrendRenderOptions) => string>> = {
  md: async () => renderTrendMarkdown,
  json: async () => renderTrendJson,
  html: async () => (await import('./trend-html.js')).renderTrendHtml,
};

/** Each format's name, as messages show it. */
export const TREND_FORMAT_NAMES: Record<TrendFormat, string> = { md: 'Markdown', json: 'JSON', html: 'HTML' };

/** Each format's file extensions: `--out trend.html` with no --format writes HTML. */
export const TREND_EXTENSIONS: Record<TrendFormat, readonly string[]> = { md: ['md', 'markdown'], json: ['json'], html: ['html', 'htm'] };

/** What a trend renderer needs besides the trend: the tool that wrote it. */
export interface TrendRenderOptions {
  readonly generatedBy: string;
}

/** The trend as JSON: its schema's key order, two-space indent, a trailing newline. */
export function renderTrendJson(t: Trend): string {
  return `${jsonText(orderedBySchema(t, schema))}\n`;
}

/** A GFM table; cells must already be escaped. Delimiters aligned only while the cells are short. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widest = Math.max(...[header, ...rows].flat().map((c) => c.length));
  return markdownTable([header, ...rows], { alignDelimiters: widest <= 40 });
}

/** Text inside a table cell, escaped as markdownInline escapes it but for what it does at a line's start ("1." cannot start a list in a cell). */
const mdCell = (text: string): string => md(`x${text}`).slice(1);

/** A cell: the rating's label, bold with its note when it is a red flag. */
const cell = (c: TrendCell): string => {
  const note = cellNote(c);
  return note ? `**${md(cellText(c))}** (${md(note)})` : md(cellText(c));
};

/** An indicator's id, with where it came from when an earlier period knew it otherwise. */
const idCell = (i: TrendIndicator, t: Trend): string => {
  const mark = lineageText(i, t);
  return mark === '' ? `**${md(i.id)}**` : `**${md(i.id)}** ${md(mark)}`;
};

/** Renders the trend as GitHub-flavoured Markdown. */
export function renderTrendMarkdown(t: Trend, o: TrendRenderOptions): string {
  const periods = t.periods.map((p) => md(p.period));
  const blocks: string[] = [`# ${md(trendTitle(t))}`, md(trendIntro(t)), ...t.notes.map((n) => `> **Note:** ${md(n)}`)];

  // 1. The summary: one column per period.
  blocks.push(`## ${TREND_HEADINGS.summary}`, table(['', ...periods], summaryLines(t).map((l) => [`**${md(l.label)}**`, ...l.values.map(md)])), md(movementSentence(t)));

  // 2. Themes: status and level per period.
  blocks.push(
    `## ${TREND_HEADINGS.themes}`,
    table(
      ['Theme', ...periods, 'Over the run'],
      t.themes.map((th, n) => [
        mdCell(`${n + 1}. ${th.title}`),
        ...th.periods.map((p) => {
          const c = themeCell(p);
          return c ? `**${md(c.status)}**<br>${md(c.level)}` : NONE;
        }),
        th.level ? md(overallText(th.level)) : NONE,
      ]),
    ),
  );

  // 3. Indicators: the heat map in words, theme by theme.
  blocks.push(`## ${TREND_HEADINGS.indicators}`);
  for (const g of themeGroups(t)) {
    blocks.push(
      `### ${mdCell(`${g.number}. ${g.theme.title}`)}`,
      table(['ID', 'Indicator', ...periods, 'Over the run'], g.indicators.map((i) => [idCell(i, t), md(i.text), ...i.periods.map(cell), md(overallText(i.overall))])),
    );
  }

  // 4. Red flags by period.
  blocks.push(`## ${TREND_HEADINGS.redFlags}`, md(RED_FLAGS_NOTE));
  blocks.push(table(['Period', 'Red flags', 'Serious', 'Raised', 'Cleared'], redFlagRows(t).map((r) => [md(r.period), r.count, r.serious, md(r.raised), md(r.cleared)])));
  const flagged = everRedFlagged(t);
  if (flagged.length > 0) blocks.push(table(['ID', 'Indicator', ...periods], flagged.map((i) => [idCell(i, t), md(i.text), ...i.periods.map(cell)])));

  // 5. Actions by period.
  blocks.push(`## ${TREND_HEADINGS.actions}`, md(ACTIONS_NOTE), table(ACTION_COLUMNS, actionRows(t)));
  blocks.push(`_Written by ${md(o.generatedBy)}._`);
  return `${blocks.join('\n\n')}\n`;
}
