// The committee report as one self-contained HTML page a clerk can publish as it is: inline CSS,
// inline SVG charts, no scripts and no requests; readable on screen and printed on A4, each theme
// on a new page. Pure: the report and options in, the page out. Markup is built with the `h`
// template, which escapes every value it is given unless it is markup built the same way, so
// text from an answers file or a catalogue can never become markup.
import type { ActionItem, IndicatorAssessment, LevelRef, Moderation, Movement, Rag, Report, ThemeAssessment } from '../generated/report.js';
import { fallbackColour } from '../catalogue/model.js';
import { columnsOf, h, lines, linked, pageHead, prose, table, trusted, type Column, type Markup, type Value } from './html-markup.js';
import { NOT_APPLICABLE_COLOUR, PALETTE, RAG_TONES } from './html-style.js';
import type { ReportRenderOptions } from './report-formats.js';
import {
  CATALOGUE_NOTE_LABEL,
  COLUMNS,
  COUNCIL_SUMMARY_LABEL,
  DRAFT_LABEL,
  DRAFT_WORD,
  HEADINGS,
  NONE,
  NOT_ANSWERED,
  NOT_APPLICABLE,
  NO_ACTION_RECORDED,
  RAG_WORDS,
  actionDetails,
  actionPlanColumns,
  actionPlanIntro,
  actionPlanRows,
  actionStateWord,
  agreementColumns,
  agreementRows,
  ALPHA_NOTE,
  assuranceDate,
  draftCredit,
  footnotes,
  changedSinceText,
  draftNotice,
  MODERATED_INTRO,
  MODERATION_HEADINGS,
  moderatedColumns,
  moderatedRows,
  moderationIntro,
  REVIEWER_COLUMNS,
  reviewerRows,
  signedOffText,
  signOffWarning,
  type AgreementRow,
  type ModeratedRow,
  gapWords,
  hasMovement,
  httpUrl,
  indicatorMarks,
  levelScaleName,
  levelMoveText,
  longDate,
  methodIntro,
  overallStatus,
  paragraphs,
  previousPeriodName,
  RAG_KEY_INTRO,
  ratingText,
  redFlagIntro,
  redFlagList,
  reportGaps,
  reportTitle,
  reviewOverdueNote,
  scaleHeading,
  shortfall,
  sourceCredit,
  spansText,
  summaryColumns,
  summaryNote,
  summaryRows,
  themeFacts,
  themeLevelText,
  themeName,
  titleFacts,
  type ActionPlanRow,
  type ColumnOf,
  type Fact,
  type Span,
  type StaleEvidence,
  type SummaryRow,
  type ThemeIndicator,
} from './report-text.js';
import { capitalise } from '../words.js';
import { ratingsChart, themeGrid, type Bar, type BarSegment, type ChartLevel, type Hex } from './svg.js';

// Which URLs become links is the report's rule, kept in report-text.ts; exported here as well for this renderer's callers.
export { httpUrl };

// --- Words -------------------------------------------------------------------------------------

/** What every section reads: the report, its options, and lookups built once. */
interface Doc {
  readonly report: Report;
  readonly o: ReportRenderOptions;
  /** "2024-25", or "last period" when the previous ratings name none. */
  readonly previousPeriod: string;
  readonly withMovement: boolean;
}

const ragBadge = (rag: Rag): Markup => h`<span class="rag rag-${rag}">${RAG_WORDS[rag]}</span>`;

const themeAnchor = (t: ThemeAssessment): string => `theme-${t.number}`;

/** A sentence's spans: emphasis as strong, a status as its badge. */
const spans = (list: readonly Span[]): Markup =>
  h`${list.map((s) => (typeof s === 'string' ? s : 'strong' in s ? h`<strong>${s.strong}</strong>` : ragBadge(s.status)))}`;

/** How a theme's level moved, as the grid's movement column says it. */
const LEVEL_MOVEMENT_WORDS: Record<Movement, string> = {
  improved: 'Improved',
  declined: 'Declined',
  unchanged: 'Unchanged',
  new: 'Newly rated',
  dropped: 'Not rated now',
};

const actionState = (a: ActionItem): Markup => (a.overdue ? h`<strong class="overdue">${actionStateWord(a)}</strong>` : h`${actionStateWord(a)}`);

/** An action in one line: "Do this (Owner; due 31 March 2026; Overdue)". */
const actionLine = (a: ActionItem): Markup => h`${a.action} (${actionDetails(a)}; ${actionState(a)})`;

/** An indicator's id, with its derived and draft marks. */
const idCell = (i: IndicatorAssessment): Markup => h`<span class="indicator-id">${i.id}${indicatorMarks(i) && ` ${indicatorMarks(i)}`}</span>`;

/** The colour of a rating, where the catalogue's scale is known (levelColour, through reportScales). */
const ratingColour = (doc: Doc, i: IndicatorAssessment): string | undefined =>
  i.rating && doc.o.scales?.find((s) => s.kind === i.kind)?.levels[i.rating.rank]?.colour;

/**
 * A small square in a level's colour, before its label (the label says it in words): an SVG mark,
 * so the page needs no style attribute; a colour that is not #RRGGBB is not drawn.
 */
const swatch = (colour: string | undefined): Markup =>
  h`${colour !== undefined && /^#[0-9A-F]{6}$/i.test(colour) && h`<svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><rect x="0.5" y="0.5" width="9" height="9" fill="${colour}" stroke="${PALETTE.ink}"/></svg>`}`;

/** The rating cell: the label, then a red flag, the target and the movement, one to a line. */
function ratingCell(doc: Doc, i: IndicatorAssessment): Markup {
  const rt = ratingText(doc.report, doc.o.scales, i);
  const label = h`${swatch(ratingColour(doc, i))}${rt.rating}`;
  return lines([
    rt.redFlag ? h`<strong>${label}</strong>` : label,
    ...rt.notes.map((n) => (n.kind === 'red-flag' ? h`<span class="red-flag">${capitalise(n.text)}</span>` : capitalise(n.text))),
  ]);
}

/** The indicator's words with its reference and the catalogue's caveat under them. */
const indicatorCell = (i: IndicatorAssessment): Markup =>
  h`${i.text}${i.reference !== undefined && h`<br><span class="ref">${i.reference}</span>`}${i.note !== undefined && h`<br><span class="ref">Note: ${i.note}</span>`}`;

/** The commentary cell: the not-applicable reason first, then the commentary. */
function commentaryCell(i: IndicatorAssessment): Markup {
  if (i.reason === undefined && i.commentary === undefined) return h`${NONE}`;
  return h`<div class="commentary">${i.reason !== undefined && h`<p><strong>${NOT_APPLICABLE}:</strong> ${i.reason}</p>`}${i.commentary !== undefined && prose(i.commentary)}</div>`;
}

/** The evidence cell: a list, http(s) links as links, paths as code, stale entries marked. */
function evidenceCell(i: IndicatorAssessment): Markup {
  if (i.evidence.length === 0) return h`${NONE}`;
  return h`<ul class="evidence">${i.evidence.map((e) => {
    const stale = reviewOverdueNote(e);
    return h`<li>${linked(e.title, e.link)}${e.path !== undefined && h` <code>${e.path}</code>`}${stale !== undefined && h` <strong class="overdue">${capitalise(stale)}</strong>`}</li>`;
  })}</ul>`;
}

/** The footnotes for the marks on these indicators; nothing when no mark is shown. */
const notes = (doc: Doc, indicators: readonly IndicatorAssessment[]): Markup => h`${footnotes(doc.report, indicators).map((n) => h`<p class="muted">${n}</p>`)}`;

// --- Charts ------------------------------------------------------------------------------------

/** The level scale's labels, worst first: from the catalogue's scales, else from the ratings the report holds. */
function characteristicLabels(doc: Doc): string[] {
  const scale = doc.o.scales?.find((s) => s.kind === 'characteristic');
  if (scale) return scale.levels.map((l) => l.label);
  const seen = new Map<number, string>();
  let of = 0;
  const note = (l: LevelRef | undefined): void => {
    if (!l) return;
    seen.set(l.rank, l.label);
    of = Math.max(of, l.of);
  };
  for (const t of doc.report.themes) {
    note(t.level);
    note(t.movement?.previousLevel);
    for (const i of t.indicators) if (i.kind === 'characteristic') [i.rating, i.target].forEach(note);
  }
  return Array.from({ length: of }, (_, r) => seen.get(r) ?? `Level ${r + 1} of ${of}`);
}

const chartLevel = (l: LevelRef | undefined): ChartLevel | undefined => l && { rank: l.rank, label: l.label };

function summaryGrid(doc: Doc): Markup {
  const grid = themeGrid(
    doc.report.themes.map((t) => {
      const level = chartLevel(t.level);
      const previousLevel = chartLevel(t.movement?.previousLevel);
      return {
        number: t.number,
        title: t.title,
        ragWord: RAG_WORDS[t.rag],
        ragColour: RAG_TONES[t.rag].bg,
        ...(level ? { level } : {}),
        ...(previousLevel ? { previousLevel } : {}),
        ...(doc.withMovement ? { movementWord: t.movement?.level ? LEVEL_MOVEMENT_WORDS[t.movement.level] : 'Not rated' } : {}),
      };
    }),
    {
      id: 'chart-themes',
      title: `Themes by status and level${doc.withMovement ? `, with movement since ${doc.previousPeriod}` : ''}`,
      levels: characteristicLabels(doc),
      movement: doc.withMovement,
      previousName: doc.previousPeriod,
    },
  );
  return h`<figure class="keep">${trusted(grid)}<figcaption>Figure 1. Each theme's status (the word on the badge) and level, the median of its ratings on ${levelScaleName(doc.o.scales)}${
    doc.withMovement ? `; a ring marks the level in ${doc.previousPeriod}` : ''
  }. The table below gives the same figures.</figcaption></figure>`;
}

/** A theme's ratings bar for one kind of indicator: each level of its scale, then not applicable and unanswered. */
function kindBar(doc: Doc, t: ThemeAssessment, kind: IndicatorAssessment['kind']): Bar | undefined {
  const of = t.indicators.filter((i) => i.kind === kind);
  if (of.length === 0) return undefined;
  const scale = doc.o.scales?.find((s) => s.kind === kind);
  const size = scale?.levels.length ?? Math.max(0, ...of.map((i) => i.rating?.of ?? 0));
  const labelOf = (rank: number): string => scale?.levels[rank]?.label ?? of.find((i) => i.rating?.rank === rank)?.rating?.label ?? `Level ${rank + 1}`;
  const segments: BarSegment[] = Array.from({ length: size }, (_, rank) => ({
    label: labelOf(rank),
    count: of.filter((i) => i.rating?.rank === rank).length,
    colour: (scale?.levels[rank]?.colour ?? fallbackColour(rank, size)) as Hex,
  }));
  const na = of.filter((i) => i.status === 'not-applicable').length;
  const unanswered = of.filter((i) => i.status === 'unanswered').length;
  if (na > 0) segments.push({ label: NOT_APPLICABLE, count: na, colour: NOT_APPLICABLE_COLOUR });
  if (unanswered > 0) segments.push({ label: NOT_ANSWERED, count: unanswered, colour: 'paper', hollow: true });
  return { label: scale?.title ?? (kind === 'characteristic' ? 'Characteristics' : 'Indicators of failure'), segments };
}

function themeChart(doc: Doc, t: ThemeAssessment, figure: number): Markup {
  const bars = [kindBar(doc, t, 'characteristic'), kindBar(doc, t, 'failure')].filter((b): b is Bar => b !== undefined);
  if (bars.length === 0) return h``;
  const chart = ratingsChart(bars, { id: `chart-${themeAnchor(t)}`, title: `Ratings in theme ${themeName(t)}` });
  return h`<figure class="keep">${trusted(chart)}<figcaption>Figure ${figure}. How many of the theme's indicators are at each rating, worst first; the table below lists them.</figcaption></figure>`;
}

// --- Sections ----------------------------------------------------------------------------------

/** Facts as term and value; a value of several items as a list. */
const factValue = (value: Fact['value']): Value => (typeof value === 'string' ? value : h`<ul>${value.map((v) => h`<li>${v}</li>`)}</ul>`);

function titleBlock(doc: Doc): Markup {
  const r = doc.report;
  const draft = draftNotice(r);
  return h`<header>
<h1>${reportTitle(r)}</h1>
<dl class="facts">
${titleFacts(r).map((f) => h`<dt>${f.label}</dt><dd>${factValue(f.value)}</dd>\n`)}</dl>
${draft !== undefined && h`<p class="draft-banner" role="note"><strong>${DRAFT_WORD}:</strong> ${draft}</p>`}
</header>`;
}

/** The council's own text, paragraph by paragraph, line breaks kept. */
const councilProse = (text: string): Markup => h`${paragraphs(text).map((p) => prose(p))}`;

/** The cover report: purpose, the council's summary, recommendations; each only where the file gives it. */
function frontMatter(doc: Doc): Markup {
  const p = doc.report.paper;
  const section = (id: string, heading: string, body: Markup): Markup => h`<section id="${id}" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${heading}</h2>
${body}
</section>
`;
  return h`${p.purpose !== undefined && section('purpose', HEADINGS.purpose, councilProse(p.purpose))}${
    p.narrative !== undefined && section('narrative', HEADINGS.narrative, councilProse(p.narrative))
  }${p.recommendations.length > 0 && section('recommendations', HEADINGS.recommendations, h`<ol class="recommendations">${p.recommendations.map((rec) => h`<li>${rec}</li>`)}</ol>`)}`;
}

/** The key to the statuses, before the first status the report gives. */
function ragKey(doc: Doc): Markup {
  type Entry = Report['ragKey'][number];
  const columns = columnsOf<Entry, ColumnOf<'ragKey'>>(COLUMNS.ragKey, {
    Status: { cell: (k) => ragBadge(k.rag), rowHeader: true },
    Meaning: { cell: (k) => k.meaning },
  });
  return h`<section id="rag-key" aria-labelledby="rag-key-heading">
<h2 id="rag-key-heading">${HEADINGS.ragKey}</h2>
<p>${RAG_KEY_INTRO}</p>
${table(HEADINGS.ragKey, columns, doc.report.ragKey)}
</section>`;
}

function executiveSummary(doc: Doc): Markup {
  const r = doc.report;
  const strong = (row: SummaryRow, v: Value): Value => (row.theme ? v : h`<strong>${v}</strong>`);
  const columns = columnsOf<SummaryRow, ColumnOf<'summary'>>(summaryColumns(r), {
    Theme: { cell: (row) => (row.theme ? h`<a href="#${themeAnchor(row.theme)}">${row.name}</a>` : h`<strong>${row.name}</strong>`), rowHeader: true },
    RAG: { cell: (row) => ragBadge(row.rag) },
    Level: { cell: (row) => strong(row, row.level) },
    Answered: { cell: (row) => row.answered, className: 'nowrap' },
    'Red flags': { cell: (row) => row.redFlags, className: 'num' },
    'Open actions': { cell: (row) => row.openActions, className: 'num' },
    Overdue: { cell: (row) => row.overdueActions, className: 'num' },
    Movement: { cell: (row) => row.movement },
  });
  return h`<section id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">${HEADINGS.summary}</h2>
<p>${spans(overallStatus(r, doc.o.scales))}</p>
${signOffParagraph(r)}${summaryGrid(doc)}
${table('Themes at a glance', columns, summaryRows(r))}
<p class="muted">${summaryNote(r, doc.o.scales)}</p>
</section>`;
}

function redFlags(doc: Doc): Markup {
  const r = doc.report;
  const flags = redFlagList(r);
  const head = h`<h2 id="red-flags-heading">${HEADINGS.redFlags}</h2>`;
  const intro = h`<p>${spans(redFlagIntro(flags))}</p>`;
  if (flags.length === 0) return h`<section id="red-flags" aria-labelledby="red-flags-heading">${head}${intro}</section>`;
  const columns = columnsOf<ThemeIndicator, ColumnOf<'redFlags'>>(COLUMNS.redFlags, {
    Theme: { cell: ({ t }) => t.title },
    ID: { cell: ({ i }) => idCell(i), rowHeader: true },
    Indicator: { cell: ({ i }) => indicatorCell(i) },
    Rating: { cell: ({ i }) => ratingCell(doc, i) },
    Commentary: { cell: ({ i }) => commentaryCell(i) },
    Actions: {
      cell: ({ i }) =>
        i.actions.length > 0 ? h`<ul class="evidence">${i.actions.map((n) => h`<li>${actionLine(r.actions[n]!)}</li>`)}</ul>` : h`<strong class="overdue">${NO_ACTION_RECORDED}</strong>`,
    },
  });
  return h`<section id="red-flags" aria-labelledby="red-flags-heading">${head}
${intro}
${table('Red flags, serious first', columns, flags, () => 'flagged')}
${notes(doc, flags.map((f) => f.i))}
</section>`;
}

function themeSection(doc: Doc, t: ThemeAssessment, figure: number): Markup {
  const moved = t.movement && (levelMoveText(doc.report, t) || 'level not rated in either period');
  const id = themeAnchor(t);
  const columns = columnsOf<IndicatorAssessment, ColumnOf<'indicators'>>(COLUMNS.indicators, {
    ID: { cell: idCell, rowHeader: true },
    Indicator: { cell: indicatorCell },
    Rating: { cell: (i) => ratingCell(doc, i) },
    Commentary: { cell: commentaryCell },
    Evidence: { cell: evidenceCell },
  });
  return h`<section class="theme" id="${id}" aria-labelledby="${id}-heading">
<h3 id="${id}-heading">${themeName(t)}</h3>
<p class="status-line">${ragBadge(t.rag)} Level <strong>${themeLevelText(t, doc.o.scales)}</strong>${moved && h`; since ${doc.previousPeriod}: ${moved}`}</p>
<ul>
${themeFacts(doc.report, t, doc.o.scales).map((f) => h`<li><strong>${f.label}:</strong> ${factValue(f.value)}</li>\n`)}</ul>
${t.summary !== undefined && h`<div class="council-summary"><p><strong>${COUNCIL_SUMMARY_LABEL}:</strong></p>${prose(t.summary)}</div>`}
${themeChart(doc, t, figure)}
${table(`Indicators in theme ${themeName(t)}`, columns, t.indicators, (i) => (i.redFlag ? 'flagged' : undefined))}
${notes(doc, t.indicators)}
</section>`;
}

function themes(doc: Doc): Markup {
  return h`<section id="themes" aria-labelledby="themes-heading">
<h2 id="themes-heading">${HEADINGS.themes}</h2>
${doc.report.themes.map((t, n) => themeSection(doc, t, n + 2))}
</section>`;
}

function actionPlan(doc: Doc): Markup {
  const r = doc.report;
  const head = h`<h2 id="actions-heading">${HEADINGS.actionPlan}</h2>`;
  const intro = h`<p>${actionPlanIntro(r)}</p>`;
  if (r.actions.length === 0) return h`<section class="back" id="actions" aria-labelledby="actions-heading">${head}${intro}</section>`;
  const columns = columnsOf<ActionPlanRow, ColumnOf<'actionPlan'>>(actionPlanColumns(r), {
    Action: { cell: (a) => a.action, rowHeader: true },
    Theme: { cell: (a) => a.theme },
    Indicator: { cell: (a) => a.indicator, className: 'nowrap' },
    Owner: { cell: (a) => a.owner },
    Due: { cell: (a) => a.due, className: 'nowrap' },
    Status: { cell: (a) => (a.doneOn !== undefined ? h`${actionState(a.item)}<br>${a.doneOn}` : actionState(a.item)) },
    Progress: { cell: (a) => a.progress },
  });
  return h`<section class="back" id="actions" aria-labelledby="actions-heading">${head}
${intro}
${table('Every action, open first', columns, actionPlanRows(r))}
</section>`;
}

function gaps(doc: Doc): Markup {
  const r = doc.report;
  const g = reportGaps(r);
  const words = gapWords(r);
  /** A gap's heading, then its table (captioned with the heading), or what it says when there is nothing to list. */
  const list = <T,>(key: keyof typeof words, columns: readonly Column<T>[], rows: readonly T[]): Markup =>
    h`<h3>${words[key].heading}</h3>
${rows.length === 0 ? h`<p>${words[key].none}</p>` : table(words[key].heading, columns, rows)}`;
  const theme: Column<ThemeIndicator>['cell'] = ({ t }) => t.title;
  const id: Omit<Column<ThemeIndicator>, 'head'> = { cell: ({ i }) => idCell(i), rowHeader: true };
  const text: Column<ThemeIndicator>['cell'] = ({ i }) => i.text;
  return h`<section id="gaps" aria-labelledby="gaps-heading">
<h2 id="gaps-heading">${HEADINGS.gaps}</h2>
${list('unanswered', columnsOf<ThemeIndicator, ColumnOf<'unanswered'>>(COLUMNS.unanswered, { Theme: { cell: theme }, ID: id, Indicator: { cell: text } }), g.unanswered)}
${list(
  'shortOfTarget',
  columnsOf<ThemeIndicator, ColumnOf<'shortOfTarget'>>(COLUMNS.shortOfTarget, {
    Theme: { cell: theme },
    ID: id,
    Indicator: { cell: text },
    Rating: { cell: ({ i }) => shortfall(i).rating },
    Target: { cell: ({ i }) => shortfall(i).target },
    'Short by': { cell: ({ i }) => shortfall(i).shortBy, className: 'nowrap' },
  }),
  g.shortOfTarget,
)}
${list(
  'unassured',
  columnsOf<ThemeAssessment, ColumnOf<'unassured'>>(COLUMNS.unassured, {
    Theme: { cell: (t) => themeName(t), rowHeader: true },
    Assessed: { cell: (t) => assuranceDate(t.assurance.assessed) },
    Moderated: { cell: (t) => assuranceDate(t.assurance.moderated) },
    'Signed off': { cell: (t) => assuranceDate(t.assurance.signedOff) },
  }),
  g.unassured,
)}
${g.signOffDigests &&
h`${list(
  'changedSinceSignOff',
  columnsOf<ThemeAssessment, ColumnOf<'changedSinceSignOff'>>(COLUMNS.changedSinceSignOff, {
    Theme: { cell: (t) => themeName(t), rowHeader: true },
    'Signed off': { cell: (t) => signedOffText(t.assurance.signedOff) },
    'Changed since': { cell: (t) => changedSinceText(t) },
  }),
  g.changedSinceSignOff,
)}\n`}${list(
  'staleEvidence',
  columnsOf<StaleEvidence, ColumnOf<'staleEvidence'>>(COLUMNS.staleEvidence, {
    Theme: { cell: theme },
    ID: id,
    Evidence: { cell: ({ e }) => linked(e.title, e.link) },
    Owner: { cell: ({ e }) => e.owner ?? NONE },
    'Review by': { cell: ({ e }) => longDate(e.reviewBy ?? ''), className: 'nowrap' },
  }),
  g.staleEvidence,
)}
${notes(doc, g.listed)}
</section>`;
}

function method(doc: Doc): Markup {
  const r = doc.report;
  const s = r.catalogue.source;
  const credit = s && sourceCredit(s);
  const scales = doc.o.scales ?? [];
  type Level = (typeof scales)[number]['levels'][number];
  return h`<section id="method" aria-labelledby="method-heading">
<h2 id="method-heading">${HEADINGS.method}</h2>
<p>${methodIntro(r, doc.o.generatedBy)}</p>
<h3>${HEADINGS.rules}</h3>
<ol>${r.rules.map((rule) => h`<li>${rule}</li>`)}</ol>
${
  scales.length > 0 &&
  h`<h3>${HEADINGS.scales}</h3>
${scales.map((scale) =>
  table(
    spansText(scaleHeading(scale)),
    [
      { head: 'Rating', cell: (l: Level) => h`${swatch(l.colour)}${l.label}`, rowHeader: true },
      { head: 'Meaning', cell: (l: Level) => l.meaning },
      { head: 'Counts as', cell: (l: Level) => RAG_WORDS[l.rag] },
      { head: 'Red flag', cell: (l: Level) => (l.redFlag ? 'Yes' : 'No') },
    ],
    scale.levels,
  ),
)}`
}
${
  s &&
  credit &&
  h`<h3>${HEADINGS.source}</h3>
<p class="source">${credit.credit}, ${linked(credit.url, credit.url)}. ${credit.licence}</p>
${s.draft && h`<p class="source"><strong>${DRAFT_LABEL}:</strong> ${draftCredit(s.draft)}${s.draft.url !== undefined && h`, ${linked(s.draft.url, s.draft.url)}`}.</p>`}
${s.note !== undefined && h`<p><strong>${CATALOGUE_NOTE_LABEL}:</strong> ${s.note}</p>`}`
}
${notes(doc, r.themes.flatMap((t) => t.indicators))}
</section>`;
}

/** The warning under the overall status when answers changed after sign-off; nothing otherwise. */
function signOffParagraph(r: Report): Markup | undefined {
  const warning = signOffWarning(r);
  return warning && h`<p class="signoff-warning">${spans(warning)}</p>\n`;
}

// --- Moderation --------------------------------------------------------------------------------

/** The moderation's content under a heading of level `level` (2 standalone, 3 in the report's appendix). */
function moderationContent(m: Moderation, level: 2 | 3): Markup {
  const heading = (text: string): Markup => (level === 2 ? h`<h2>${text}</h2>` : h`<h3>${text}</h3>`);
  const agreement: Column<AgreementRow>[] = agreementColumns(m).map((head, n) => ({
    head,
    cell: (row: AgreementRow): Value => {
      const v = [row.name, row.compared, row.same, row.withinOne, ...row.alphas][n];
      return row.whole ? h`<strong>${v}</strong>` : v;
    },
    ...(n === 0 ? { rowHeader: true } : n >= 4 ? { className: 'num' } : {}),
  }));
  const reviewers: Column<string[]>[] = REVIEWER_COLUMNS.map((head, n) => ({ head, cell: (row: string[]) => row[n], ...(n === 0 ? { rowHeader: true } : {}) }));
  const columns = moderatedColumns(m);
  const ratings: Column<ModeratedRow>[] = columns.map((head, n) => ({
    head,
    cell: (row: ModeratedRow): Value => {
      const cells: Value[] = [h`<span class="indicator-id">${row.item.id}</span>`, row.item.text, row.draft, ...row.reviews, row.spread, row.agreed, row.note];
      return cells[n];
    },
    ...(n === 0 ? { rowHeader: true } : {}),
  }));
  return h`<p>${moderationIntro(m)}</p>
${heading(MODERATION_HEADINGS.agreement)}
${table('Agreement by theme', agreement, agreementRows(m))}
<p class="muted">${ALPHA_NOTE}</p>
${heading(MODERATION_HEADINGS.reviewers)}
${table('Each reviewer beside the draft', reviewers, reviewerRows(m))}
${heading(MODERATION_HEADINGS.ratings)}
<p>${MODERATED_INTRO}</p>
${table('Ratings side by side, disagreements first', ratings, moderatedRows(m), (row) => (row.item.difference === 'more' || row.item.difference === 'applicability' ? 'flagged' : undefined))}`;
}

/** The report's appendix: the moderation the answers file records. */
function moderationAppendix(doc: Doc): Markup | undefined {
  const m = doc.report.moderation;
  return (
    m &&
    h`<section class="back" id="moderation" aria-labelledby="moderation-heading">
<h2 id="moderation-heading">${HEADINGS.moderation}</h2>
${moderationContent(m, 3)}
</section>\n`
  );
}

/** The moderation record on its own, as `bva moderate --format html` writes it: one self-contained page. */
export function renderModerationHtml(m: Moderation, o: { readonly title: string; readonly facts: readonly Fact[]; readonly generatedBy: string; readonly footer: string }): string {
  return h`${pageHead(o.title, o.generatedBy, o.footer)}
<body>
<header>
<h1>${o.title}</h1>
<dl class="facts">
${o.facts.map((f) => h`<dt>${f.label}</dt><dd>${factValue(f.value)}</dd>\n`)}</dl>
</header>
<main>
${moderationContent(m, 2)}
</main>
<footer class="page-footer"><p>${o.footer}. Written by ${o.generatedBy}.</p></footer>
</body>
</html>
`.html;
}

// --- The page ----------------------------------------------------------------------------------

/** The line at the foot of every printed page, and of the page on screen. */
const footerLine = (r: Report): string => `${r.authority} · Best Value self-assessment ${r.period}`;

/** Renders the report as one self-contained HTML page (a trailing newline after </html>). */
export function renderHtml(report: Report, o: ReportRenderOptions): string {
  const doc: Doc = { report, o, previousPeriod: previousPeriodName(report), withMovement: hasMovement(report) };
  const page = h`${pageHead(reportTitle(report), o.generatedBy, footerLine(report))}
<body${report.paper.draft && trusted(' class="draft"')}>
${titleBlock(doc)}
<main>
${frontMatter(doc)}${ragKey(doc)}
${executiveSummary(doc)}
${redFlags(doc)}
${themes(doc)}
${actionPlan(doc)}
${gaps(doc)}
${method(doc)}
${moderationAppendix(doc)}</main>
<footer class="page-footer"><p>${footerLine(report)}. Status as of ${longDate(report.asOf)}; written by ${o.generatedBy}.</p></footer>
</body>
</html>
`;
  return page.html;
}
