// The trend as one self-contained HTML page, built like the report's (html.ts): inline CSS, inline
// SVG heat maps with their words on every cell, a title and a description in words, and a table
// with the same figures after each, no scripts and no requests; printable on A4. Pure.
import type { Trend, TrendCell, TrendIndicator, TrendLevel } from '../assessment/trend.js';
import { columnsOf, h, pageHead, table, trusted, type Column, type Markup } from './html-markup.js';
import { fallbackColour, textColourOn } from '../catalogue/model.js';
import { NOT_APPLICABLE_COLOUR, RAG_TONES } from './html-style.js';
import { NONE } from './report-text.js';
import { heatMap, type HeatCell, type Hex } from './svg.js';
import type { TrendRenderOptions } from './trend.js';
import {
  ACTIONS_NOTE,
  ACTION_COLUMNS,
  RED_FLAGS_NOTE,
  TREND_HEADINGS,
  actionRows,
  cellNote,
  cellText,
  everRedFlagged,
  lineageText,
  movementSentence,
  overallText,
  periodSpan,
  redFlagRows,
  summaryLines,
  themeCell,
  themeGroups,
  trendIntro,
  trendTitle,
  type SummaryLine,
} from './trend-text.js';

/**
 * The colour a rating is drawn in: the catalogue's colour for its level (carried in the trend),
 * else one by its place on its scale. The one place the trend picks a rating's colour.
 */
export const ratingColour = (level: TrendLevel): Hex => (level.colour ?? fallbackColour(level.rank, level.of)) as Hex;

/** A heat-map cell for an indicator's answer in one period. */
function heatCell(c: TrendCell): HeatCell {
  const words = cellText(c);
  switch (c.answer) {
    case 'rated': {
      const note = cellNote(c);
      const colour = ratingColour(c.rating!);
      return { text: words, colour, ink: textColourOn(colour), ...(note !== undefined ? { sub: note, bold: true } : {}) };
    }
    case 'not-applicable':
      return { text: words, colour: NOT_APPLICABLE_COLOUR };
    case 'unanswered':
      return { text: words };
    default:
      return { text: words, blank: true };
  }
}

/** A cell of a table: the label, with a red flag said in words and in bold. */
function cell(c: TrendCell): Markup {
  const note = cellNote(c);
  return note ? h`<strong>${cellText(c)}</strong><br><span class="red-flag">${note.charAt(0).toUpperCase()}${note.slice(1)}</span>` : h`${cellText(c)}`;
}

const idCell = (i: TrendIndicator, t: Trend): Markup => {
  const mark = lineageText(i, t);
  return h`<span class="indicator-id">${i.id}</span>${mark !== '' && h` <span class="ref">${mark}</span>`}`;
};

/** Each row of a heat map said in words: "ci.c1: Developing, Developing, Established (improved)". */
const rowWords = (name: string, cells: readonly string[], overall: string): string => `${name}: ${cells.join(', ')} (${overall.toLowerCase()}).`;

function figure(n: number, chart: string, caption: string): Markup {
  return h`<figure class="keep">${trusted(chart)}<figcaption>Figure ${n}. ${caption}</figcaption></figure>`;
}

function summary(t: Trend): Markup {
  const columns: Column<SummaryLine>[] = [
    { head: '', cell: (l) => l.label, rowHeader: true },
    ...t.periods.map((p, n): Column<SummaryLine> => ({
      head: p.period,
      cell: (l) => (l.rag ? h`<span class="rag rag-${l.rag[n]!}">${l.values[n]!}</span>` : l.values[n]!),
      className: 'nowrap',
    })),
  ];
  return h`<section id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">${TREND_HEADINGS.summary}</h2>
${table(`Each period at its assessment date`, columns, summaryLines(t))}
<p>${movementSentence(t)}</p>
</section>`;
}

function themes(t: Trend, fig: number): Markup {
  const periods = t.periods.map((p) => p.period);
  const rows = t.themes.map((th, n) => ({
    name: `${n + 1}. ${th.title}`,
    cells: th.periods.map((p): HeatCell => {
      const c = themeCell(p);
      return c && p ? { text: c.status, sub: c.level, colour: RAG_TONES[p.rag].bg, ink: RAG_TONES[p.rag].fg, bold: true } : { text: NONE, blank: true };
    }),
    trailer: th.level ? overallText(th.level) : NONE,
  }));
  const said = rows.map((r) => rowWords(r.name, r.cells.map((c) => (c.sub !== undefined ? `${c.text}, ${c.sub}` : c.text)), r.trailer));
  const chart = heatMap(rows, {
    id: 'chart-themes',
    title: `Each theme's status and level, ${periods.join(', ')}`,
    columns: periods,
    trailer: 'Over the run',
    description: `Each theme's status (the colour and its word) and level in each period. ${said.join(' ')}`,
  });
  type Row = (typeof t.themes)[number];
  const columns: Column<Row>[] = [
    { head: 'Theme', cell: (th) => `${t.themes.indexOf(th) + 1}. ${th.title}`, rowHeader: true },
    ...t.periods.map((p, n): Column<Row> => ({
      head: p.period,
      cell: (th) => {
        const c = themeCell(th.periods[n] ?? null);
        return c ? h`<span class="rag rag-${th.periods[n]!.rag}">${c.status}</span><br>${c.level}` : NONE;
      },
    })),
    { head: 'Over the run', cell: (th) => (th.level ? overallText(th.level) : NONE) },
  ];
  return h`<section id="themes" aria-labelledby="themes-heading">
<h2 id="themes-heading">${TREND_HEADINGS.themes}</h2>
${figure(fig, chart, "Each theme's status and level in each period; the table below gives the same.")}
${table('Themes by period', columns, t.themes)}
</section>`;
}

function indicators(t: Trend, firstFigure: number): Markup {
  const periods = t.periods.map((p) => p.period);
  const sections = themeGroups(t).map((g, n) => {
    const anchor = `trend-theme-${g.number}`;
    const rows = g.indicators.map((i) => ({ name: `${i.id}${lineageText(i, t) ? ` ${lineageText(i, t)}` : ''}`, words: i.text, cells: i.periods.map(heatCell), trailer: overallText(i.overall) }));
    const said = g.indicators.map((i) => rowWords(i.id, i.periods.map((c) => (cellNote(c) ? `${cellText(c)} (${cellNote(c)})` : cellText(c))), overallText(i.overall)));
    const chart = heatMap(rows, {
      id: `chart-${anchor}`,
      title: `Ratings in theme ${g.number}. ${g.theme.title}, ${periods.join(', ')}`,
      columns: periods,
      trailer: 'Over the run',
      description: `Each indicator's rating in each period, coloured by its place on its scale from worst to best. ${said.join(' ')}`,
    });
    const columns = columnsOf<TrendIndicator, string>(['ID', 'Indicator', ...periods, 'Over the run'], {
      ID: { cell: (i) => idCell(i, t), rowHeader: true },
      Indicator: { cell: (i) => i.text },
      ...Object.fromEntries(periods.map((p, k) => [p, { cell: (i: TrendIndicator) => cell(i.periods[k]!) }])),
      'Over the run': { cell: (i) => overallText(i.overall) },
    });
    return h`<section class="theme" id="${anchor}" aria-labelledby="${anchor}-heading">
<h3 id="${anchor}-heading">${g.number}. ${g.theme.title}</h3>
${figure(firstFigure + n, chart, "Each indicator's rating in each period, with its words on it; the table below gives the same.")}
${table(`Indicators in theme ${g.number}. ${g.theme.title}, by period`, columns, g.indicators, (i) => (i.periods.some((c) => c.redFlag) ? 'flagged' : undefined))}
</section>`;
  });
  return h`<section id="indicators" aria-labelledby="indicators-heading">
<h2 id="indicators-heading">${TREND_HEADINGS.indicators}</h2>
${sections}
</section>`;
}

function redFlags(t: Trend): Markup {
  type Row = ReturnType<typeof redFlagRows>[number];
  const counts = columnsOf<Row, 'Period' | 'Red flags' | 'Serious' | 'Raised' | 'Cleared'>(['Period', 'Red flags', 'Serious', 'Raised', 'Cleared'], {
    Period: { cell: (r) => r.period, rowHeader: true },
    'Red flags': { cell: (r) => r.count, className: 'num' },
    Serious: { cell: (r) => r.serious, className: 'num' },
    Raised: { cell: (r) => r.raised },
    Cleared: { cell: (r) => r.cleared },
  });
  const flagged = everRedFlagged(t);
  const periods = t.periods.map((p) => p.period);
  const list = columnsOf<TrendIndicator, string>(['ID', 'Indicator', ...periods], {
    ID: { cell: (i) => idCell(i, t), rowHeader: true },
    Indicator: { cell: (i) => i.text },
    ...Object.fromEntries(periods.map((p, k) => [p, { cell: (i: TrendIndicator) => cell(i.periods[k]!) }])),
  });
  return h`<section class="back" id="red-flags" aria-labelledby="red-flags-heading">
<h2 id="red-flags-heading">${TREND_HEADINGS.redFlags}</h2>
<p>${RED_FLAGS_NOTE}</p>
${table('Red flags in each period', counts, redFlagRows(t))}
${flagged.length > 0 && table('Every indicator that was a red flag in some period', list, flagged, () => 'flagged')}
</section>`;
}

function actions(t: Trend): Markup {
  const columns = columnsOf<string[], (typeof ACTION_COLUMNS)[number]>(
    ACTION_COLUMNS,
    Object.fromEntries(ACTION_COLUMNS.map((c, k) => [c, { cell: (r: string[]) => r[k]!, ...(k === 0 ? { rowHeader: true } : { className: 'num' }) }])) as Record<
      (typeof ACTION_COLUMNS)[number],
      Omit<Column<string[]>, 'head'>
    >,
  );
  return h`<section id="actions" aria-labelledby="actions-heading">
<h2 id="actions-heading">${TREND_HEADINGS.actions}</h2>
<p>${ACTIONS_NOTE}</p>
${table('The action plan in each period', columns, actionRows(t))}
</section>`;
}

/** Renders the trend as one self-contained HTML page (a trailing newline after </html>). */
export function renderTrendHtml(t: Trend, o: TrendRenderOptions): string {
  const title = trendTitle(t);
  const footer = `${t.authority} · Best Value self-assessment, ${periodSpan(t)}`;
  const page = h`${pageHead(title, o.generatedBy, footer)}
<body>
<header>
<h1>${title}</h1>
<p>${trendIntro(t)}</p>
${t.notes.map((n) => h`<p class="note"><strong>Note:</strong> ${n}</p>`)}
</header>
<main>
${summary(t)}
${themes(t, 1)}
${indicators(t, 2)}
${redFlags(t)}
${actions(t)}
</main>
<footer class="page-footer"><p>${footer}. Written by ${o.generatedBy}.</p></footer>
</body>
</html>
`;
  return page.html;
}
