// The committee report in GitHub-flavoured Markdown: what a clerk pastes into a paper for members.
// Pure: the report and options in, the document out. The words come from report-text.ts as plain
// text; every piece goes through markdownInline here, so text from the answers file or a catalogue
// can never break a table, start a block or inject HTML.
import { markdownTable } from 'markdown-table';
import type { ActionItem, IndicatorAssessment, Moderation, Report, ThemeAssessment } from '../generated/report.js';
import { markdownInline as md } from './escape.js';
import type { ReportRenderOptions } from './report-formats.js';
import {
  COLUMNS,
  COUNCIL_SUMMARY_LABEL,
  CATALOGUE_NOTE_LABEL,
  DRAFT_LABEL,
  DRAFT_WORD,
  HEADINGS,
  NONE,
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
  gapWords,
  httpUrl,
  indicatorMarks,
  levelNotes,
  longDate,
  methodIntro,
  overallStatus,
  paragraphs,
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
  summaryColumns,
  summaryNote,
  summaryRows,
  themeFacts,
  themeName,
  titleFacts,
  type Fact,
  type Span,
} from './report-text.js';

/** Cells wider than this make a table's delimiters staggered, so long commentary does not pad every row. */
const ALIGN_LIMIT = 80;

/** Renders the report as Markdown. */
export function renderMarkdown(report: Report, o: ReportRenderOptions): string {
  const blocks = [
    titleBlock(report),
    frontMatter(report),
    ragKey(report),
    executiveSummary(report, o),
    redFlags(report, o),
    themes(report, o),
    actionPlan(report),
    gaps(report),
    method(report, o),
    report.moderation ? [`## ${md(HEADINGS.moderation)}`, ...moderationBlocks(report.moderation, '###')] : [],
  ].flat();
  return `${blocks.join('\n\n')}\n`;
}

// --- Building blocks ---------------------------------------------------------------------------

/** A GFM table; cells must already be escaped. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // A loop, not Math.max(...cells): a spread of many thousand cells overflows the stack.
  let widest = 0;
  for (const row of [header, ...rows]) for (const cell of row) widest = Math.max(widest, cell.length);
  return markdownTable([header, ...rows], { alignDelimiters: widest <= ALIGN_LIMIT });
}

/**
 * Text that follows other text on its line (a heading's words, a span after another): escaped as
 * markdownInline escapes it, less what it does at the text's own start (dropping leading spaces,
 * escaping "1." or "-"), which here is not the start of a line.
 */
const mdAfter = (text: string): string => md(`x${text}`).slice(1);

/** A sentence's spans: emphasis in bold, a status as its word in bold. */
const spans = (list: readonly Span[]): string =>
  list
    .map((s, n) => {
      if (typeof s !== 'string') return `**${md('strong' in s ? s.strong : RAG_WORDS[s.status])}**`;
      return n === 0 ? md(s) : mdAfter(s);
    })
    .join('');

/** Facts as a list: "- **Period:** 2025-26"; several values joined with "; ". */
const factList = (facts: readonly Fact[]): string =>
  facts.map((f) => `- **${md(f.label)}:** ${typeof f.value === 'string' ? md(f.value) : f.value.map(md).join('; ')}`).join('\n');

/** A link's destination: an http(s) URL with the characters that could end it or a table cell encoded. */
const markdownHref = (url: string): string | undefined =>
  httpUrl(url)?.replace(/[\s()<>[\]|\\`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** Text as a link when the URL is http(s), else as escaped text. */
function linked(text: string, url: string | undefined): string {
  const href = url === undefined ? undefined : markdownHref(url);
  return href ? `[${md(text)}](${href})` : md(text);
}

const themeTitle = (t: ThemeAssessment): string => mdAfter(themeName(t));

const actionState = (a: ActionItem): string => (a.overdue ? `**${md(actionStateWord(a))}**` : md(actionStateWord(a)));

/** An indicator's rating cell: the label, then its red flag, target and movement in brackets. */
function ratingCell(r: Report, o: ReportRenderOptions, i: IndicatorAssessment): string {
  const rt = ratingText(r, o.scales, i);
  const head = rt.redFlag ? `**${md(rt.rating)}**` : md(rt.rating);
  return rt.notes.length > 0 ? `${head} (${md(rt.notes.map((n) => n.text).join('; '))})` : head;
}

/** An indicator's id, with its derived and draft marks. */
const idCell = (i: IndicatorAssessment): string => {
  const marks = indicatorMarks(i);
  return marks ? `${md(i.id)} ${marks}` : md(i.id);
};

/** The footnotes for the marks on these indicators, each a paragraph; none when no mark is shown. */
const notes = (r: Report, indicators: readonly IndicatorAssessment[]): string[] => footnotes(r, indicators).map(md);

/** An action in one line: "Do this (Owner; due 31 March 2026; Overdue)". */
const actionLine = (a: ActionItem): string => `${md(a.action)} (${md(actionDetails(a))}; ${actionState(a)})`;

/** The evidence cell: titles joined with "; ", http(s) links as links, stale entries marked. */
function evidenceCell(i: IndicatorAssessment): string {
  if (i.evidence.length === 0) return NONE;
  return i.evidence
    .map((e) => {
      let text = linked(e.title, e.link);
      if (e.path !== undefined) text += ` (${md(e.path)})`;
      const stale = reviewOverdueNote(e);
      if (stale !== undefined) text += ` (${md(stale)})`;
      return text;
    })
    .join('; ');
}

/** The commentary cell: the not-applicable reason first, then the commentary. */
function commentaryCell(i: IndicatorAssessment): string {
  const parts = [i.reason !== undefined ? `${md(NOT_APPLICABLE)}: ${md(i.reason)}` : '', i.commentary !== undefined ? md(i.commentary) : ''].filter(Boolean);
  return parts.length > 0 ? parts.join('<br>') : NONE;
}

// --- Sections ----------------------------------------------------------------------------------

function titleBlock(r: Report): string[] {
  const draft = draftNotice(r);
  return [`# ${md(reportTitle(r))}`, factList(titleFacts(r)), ...(draft !== undefined ? [`> **${DRAFT_WORD}:** ${md(draft)}`] : [])];
}

/** The council's own words, paragraph by paragraph. */
const prose = (text: string): string[] => paragraphs(text).map(md);

/** The cover report: purpose, the council's summary, recommendations; each only where the file gives it. */
function frontMatter(r: Report): string[] {
  const p = r.paper;
  return [
    ...(p.purpose !== undefined ? [`## ${md(HEADINGS.purpose)}`, ...prose(p.purpose)] : []),
    ...(p.narrative !== undefined ? [`## ${md(HEADINGS.narrative)}`, ...prose(p.narrative)] : []),
    ...(p.recommendations.length > 0 ? [`## ${md(HEADINGS.recommendations)}`, p.recommendations.map((rec, n) => `${n + 1}. ${md(rec)}`).join('\n')] : []),
  ];
}

/** The key to the statuses, before the first status the report gives. */
function ragKey(r: Report): string[] {
  return [`## ${md(HEADINGS.ragKey)}`, md(RAG_KEY_INTRO), table(COLUMNS.ragKey, r.ragKey.map((k) => [`**${md(k.word)}**`, md(k.meaning)]))];
}

function executiveSummary(r: Report, o: ReportRenderOptions): string[] {
  const columns = summaryColumns(r);
  const withMovement = columns.includes('Movement');
  const rows = summaryRows(r).map((row) => {
    const strong = (cell: string): string => (row.theme ? cell : `**${cell}**`);
    return [
      row.theme ? themeTitle(row.theme) : `**${md(row.name)}**`,
      strong(md(RAG_WORDS[row.rag])),
      strong(md(row.level)),
      md(row.answered),
      md(row.redFlags),
      md(row.openActions),
      md(row.overdueActions),
      ...(withMovement ? [md(row.movement)] : []),
    ];
  });
  const warning = signOffWarning(r);
  return [`## ${md(HEADINGS.summary)}`, spans(overallStatus(r, o.scales)), ...(warning ? [spans(warning)] : []), table(columns, rows), md(summaryNote(r, o.scales))];
}

function redFlags(r: Report, o: ReportRenderOptions): string[] {
  const flags = redFlagList(r);
  const out = [`## ${md(HEADINGS.redFlags)}`, spans(redFlagIntro(flags))];
  if (flags.length === 0) return out;
  const rows = flags.map(({ t, i }) => [
    md(t.title),
    idCell(i),
    md(i.text),
    ratingCell(r, o, i),
    commentaryCell(i),
    i.actions.length > 0 ? i.actions.map((n) => actionLine(r.actions[n]!)).join('<br>') : `**${md(NO_ACTION_RECORDED)}**`,
  ]);
  out.push(table(COLUMNS.redFlags, rows), ...notes(r, flags.map((f) => f.i)));
  return out;
}

function themes(r: Report, o: ReportRenderOptions): string[] {
  const out = [`## ${md(HEADINGS.themes)}`];
  for (const t of r.themes) {
    out.push(`### ${themeTitle(t)}`, factList(themeFacts(r, t, o.scales)));
    if (t.summary !== undefined) out.push(`**${md(COUNCIL_SUMMARY_LABEL)}:** ${md(t.summary)}`);
    const rows = t.indicators.map((i) => [idCell(i), md(i.text), ratingCell(r, o, i), commentaryCell(i), evidenceCell(i)]);
    out.push(table(COLUMNS.indicators, rows), ...notes(r, t.indicators));
  }
  return out;
}

function actionPlan(r: Report): string[] {
  const out = [`## ${md(HEADINGS.actionPlan)}`, md(actionPlanIntro(r))];
  if (r.actions.length === 0) return out;
  const columns = actionPlanColumns(r);
  const rows = actionPlanRows(r).map((a) => [
    md(a.action),
    md(a.theme),
    md(a.indicator),
    md(a.owner),
    md(a.due),
    a.doneOn !== undefined ? `${actionState(a.item)} ${md(a.doneOn)}` : actionState(a.item),
    ...(columns.includes('Progress') ? [md(a.progress)] : []),
  ]);
  out.push(table(columns, rows));
  return out;
}

function gaps(r: Report): string[] {
  const g = reportGaps(r);
  const words = gapWords(r);
  /** A gap's heading, then its table, or what it says when there is nothing to list. */
  const list = (key: keyof typeof words, header: readonly string[], rows: readonly string[][]): string[] => [
    `### ${md(words[key].heading)}`,
    rows.length === 0 ? md(words[key].none) : table(header, rows),
  ];
  const out = [
    `## ${md(HEADINGS.gaps)}`,
    ...list('unanswered', COLUMNS.unanswered, g.unanswered.map(({ t, i }) => [md(t.title), idCell(i), md(i.text)])),
    ...list(
      'shortOfTarget',
      COLUMNS.shortOfTarget,
      g.shortOfTarget.map(({ t, i }) => {
        const s = shortfall(i);
        return [md(t.title), idCell(i), md(i.text), md(s.rating), md(s.target), md(s.shortBy)];
      }),
    ),
    ...list(
      'unassured',
      COLUMNS.unassured,
      g.unassured.map((t) => [themeTitle(t), ...[t.assurance.assessed, t.assurance.moderated, t.assurance.signedOff].map((step) => md(assuranceDate(step)))]),
    ),
    ...(g.signOffDigests
      ? list(
          'changedSinceSignOff',
          COLUMNS.changedSinceSignOff,
          g.changedSinceSignOff.map((t) => [themeTitle(t), md(signedOffText(t.assurance.signedOff)), md(changedSinceText(t))]),
        )
      : []),
    ...list(
      'staleEvidence',
      COLUMNS.staleEvidence,
      g.staleEvidence.map(({ t, i, e }) => [md(t.title), idCell(i), linked(e.title, e.link), e.owner !== undefined ? md(e.owner) : NONE, longDate(e.reviewBy ?? '')]),
    ),
  ];
  out.push(...notes(r, g.listed));
  return out;
}

function method(r: Report, o: ReportRenderOptions): string[] {
  const s = r.catalogue.source;
  const out = [`## ${md(HEADINGS.method)}`, md(methodIntro(r, o.generatedBy))];
  out.push(`### ${md(HEADINGS.rules)}`, r.rules.map((rule, n) => `${n + 1}. ${md(rule)}`).join('\n'));
  if (o.scales && o.scales.length > 0) {
    out.push(`### ${md(HEADINGS.scales)}`);
    for (const scale of o.scales) {
      out.push(spans(scaleHeading(scale)));
      out.push(scale.levels.map((l) => `- **${md(l.label)}**: ${md(l.meaning)} ${md(levelNotes(l))}`).join('\n'));
    }
  }
  // Text from the catalogue never starts a line, so it cannot start a list or a code block.
  if (s) {
    out.push(`### ${md(HEADINGS.source)}`);
    const credit = sourceCredit(s);
    out.push(`**${md(HEADINGS.source)}:** ${md(credit.credit)}, ${linked(credit.url, credit.url)}. ${md(credit.licence)}`);
    if (s.draft) out.push(`**${md(DRAFT_LABEL)}:** ${md(draftCredit(s.draft))}${s.draft.url !== undefined ? `, ${linked(s.draft.url, s.draft.url)}` : ''}.`);
    if (s.note !== undefined) out.push(`**${md(CATALOGUE_NOTE_LABEL)}:** ${md(s.note)}`);
  }
  out.push(...notes(r, r.themes.flatMap((t) => t.indicators)));
  return out;
}

// --- Moderation --------------------------------------------------------------------------------

/** The moderation's blocks under a heading of `level` ("##" standalone, "###" in the report's appendix). */
function moderationBlocks(m: Moderation, level: string): string[] {
  const agreement = agreementRows(m).map((row) => {
    const cells = [md(row.name), md(row.compared), md(row.same), md(row.withinOne), ...row.alphas.map(md)];
    return row.whole ? cells.map((c) => `**${c}**`) : cells;
  });
  const ratings = moderatedRows(m).map((row) => [md(row.item.id), md(row.item.text), md(row.draft), ...row.reviews.map(md), md(row.spread), md(row.agreed), md(row.note)]);
  return [
    md(moderationIntro(m)),
    `${level} ${md(MODERATION_HEADINGS.agreement)}`,
    table(agreementColumns(m).map(md), agreement),
    md(ALPHA_NOTE),
    `${level} ${md(MODERATION_HEADINGS.reviewers)}`,
    table(REVIEWER_COLUMNS.map(md), reviewerRows(m).map((r) => r.map(md))),
    `${level} ${md(MODERATION_HEADINGS.ratings)}`,
    md(MODERATED_INTRO),
    table(moderatedColumns(m).map(md), ratings),
  ];
}

/** The moderation record on its own, as `bva moderate` prints it: a title, its facts, then the moderation. */
export function renderModerationMarkdown(m: Moderation, o: { readonly title: string; readonly facts: readonly Fact[] }): string {
  return `${[`# ${md(o.title)}`, factList(o.facts), ...moderationBlocks(m, '##')].join('\n\n')}\n`;
}
