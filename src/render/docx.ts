// The committee report as a Word document: the paper a clerk opens in Word, pastes into the
// council's template or prints to PDF. Real Word headings (the navigation pane and a table of
// contents find them), tables whose header rows repeat on every page, statuses and ratings on
// their colours and in words, the heat map and the action plan as tables, A4 pages numbered
// "Page N of M", and a DRAFT watermark and banner on a draft. Plain text throughout: no Markdown
// markup, no <br>, no marks that need a key; http(s) links stay links. Pure: the report and options
// in, the file's bytes out (the docx library builds the XML; it is zipped here).
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { ActionItem, IndicatorAssessment, Moderation, Report, ThemeAssessment } from '../generated/report.js';
import { capitalise, count } from '../words.js';
import { writeZip } from '../source/zip.js';
import { PAPER_MAX_PARTS, TooLargeError } from './limits.js';
import { officeText } from './table.js';
import { headerFill, heatFill, ragFill, type Fill } from './fills.js';
import type { ReportRenderOptions } from './report-formats.js';
import {
  ALPHA_NOTE,
  CATALOGUE_NOTE_LABEL,
  COLUMNS,
  MODERATED_INTRO,
  MODERATION_HEADINGS,
  REVIEWER_COLUMNS,
  agreementColumns,
  agreementRows,
  changedSinceText,
  moderatedColumns,
  moderatedRows,
  moderationIntro,
  reviewerRows,
  signOffWarning,
  signedOffText,
  COUNCIL_SUMMARY_LABEL,
  DRAFT_LABEL,
  DRAFT_WORDING_WORD,
  draftCredit,
  indicatorNotes,
  DERIVED_WORD,
  DRAFT_WORD,
  HEADINGS,
  HEAT_MAP,
  NONE,
  NOT_APPLICABLE,
  NO_ACTION_RECORDED,
  RAG_KEY_INTRO,
  RAG_WORDS,
  actionDetails,
  actionPlanIntro,
  actionPlanRows,
  actionStateWord,
  assuranceDate,
  draftNotice,
  gapWords,
  hasMovement,
  heatMapRows,
  httpUrl,
  longDate,
  methodIntro,
  overallStatus,
  paragraphs,
  previousPeriodName,
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
  type HeatCell,
  type Span,
} from './report-text.js';

// --- Page and type -----------------------------------------------------------------------------

/** A4 in twentieths of a point, with 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 } as const;
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

/** Type sizes in half-points, as Word counts them. */
const SIZE = { body: 21, table: 17, small: 16 } as const;
const FONT = 'Arial';

/** Text colours (hex, as Word takes them). */
const INK = '1B1B1B';
const MUTED = '4B4B4B';
const RED = 'B42318';

// --- Building blocks ---------------------------------------------------------------------------

/**
 * What is left of the paper's size (PAPER_MAX_PARTS), spent by every run of text and every table
 * cell as it is built, so a paper too large to make is refused after a bounded amount of work
 * whatever in the file makes it large. Set by renderDocx before it builds anything.
 */
let partsLeft = 0;
function spend(): void {
  if (--partsLeft < 0) throw new TooLargeError(`too large for a Word paper: it would hold more than ${count(PAPER_MAX_PARTS)} table cells and lines of text, the most a Word paper from bva may hold`);
}

/** Words in a run: bold, on a colour, or small as the format asks. */
interface RunStyle {
  readonly bold?: boolean;
  readonly colour?: string;
  readonly size?: number;
}

// Runs take the document's font from its default style (renderDocx), never one of their own: the
// same words in the same type, with less to build, write and read for every run of the paper.
const run = (text: string, s: RunStyle = {}): TextRun => {
  spend();
  return new TextRun({ text: officeText(text), ...(s.bold ? { bold: true } : {}), ...(s.colour ? { color: s.colour } : {}), ...(s.size ? { size: s.size } : {}) });
};

/** Text as a link when the URL is http(s) (a clickable run in Word's hyperlink style), else as text. */
function linked(text: string, url: string | undefined, s: RunStyle = {}): ParagraphChild {
  const href = url === undefined ? undefined : httpUrl(url);
  if (!href) return run(text, s);
  spend();
  return new ExternalHyperlink({ link: href, children: [new TextRun({ text: officeText(text), style: 'Hyperlink', ...(s.size ? { size: s.size } : {}) })] });
}

/** A sentence's spans: emphasis in bold, a status as its word in bold. */
const spanRuns = (list: readonly Span[], s: RunStyle = {}): TextRun[] =>
  list.map((x) => (typeof x === 'string' ? run(x, s) : run('strong' in x ? x.strong : RAG_WORDS[x.status], { ...s, bold: true })));

const para = (children: readonly ParagraphChild[], o: { readonly keepNext?: boolean; readonly spacingAfter?: number } = {}): Paragraph =>
  new Paragraph({ children: [...children], spacing: { after: o.spacingAfter ?? 120 }, ...(o.keepNext ? { keepNext: true } : {}) });

/** The council's or bva's text: a paragraph per line, never a line break written as markup. */
const textParagraphs = (text: string, s: RunStyle = {}): Paragraph[] => {
  const lines = paragraphs(text);
  return (lines.length > 0 ? lines : ['']).map((line) => para([run(line, s)]));
};

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph => {
  spend();
  return new Paragraph({ heading: level, keepNext: true, children: [new TextRun({ text: officeText(text) })] });
};

const note = (text: string): Paragraph => para([run(text, { colour: MUTED, size: SIZE.small })]);

/** A table cell's content: paragraphs of runs, the fill behind them and how many columns it spans. */
interface CellSpec {
  readonly paragraphs: readonly (readonly ParagraphChild[])[];
  readonly fill?: Fill;
  readonly span?: number;
}

/** A cell of plain text (one paragraph per line), bold or on a fill as asked. */
const textCell = (text: string, s: RunStyle & { readonly fill?: Fill } = {}): CellSpec => ({
  paragraphs: (paragraphs(text).length > 0 ? paragraphs(text) : [text]).map((line) => [run(line, { size: SIZE.table, ...s, ...(s.fill ? { colour: s.fill.text } : {}) })]),
  ...(s.fill ? { fill: s.fill } : {}),
});

/** A cell on a colour with its words in bold: a status or a rating. */
const filledCell = (text: string, fill: Fill | undefined): CellSpec => textCell(text, fill ? { fill, bold: true } : {});

/**
 * Every table's lines and the space inside each cell, given once for the table (its borders,
 * inside ones too, and its cell margins) rather than on each cell: the same page, and a fraction
 * of the parts to build for a long table.
 */
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '9AA0A8' } as const;
const TABLE_LINES = {
  borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
  margins: { top: 60, bottom: 60, left: 90, right: 90 },
  width: { size: CONTENT_WIDTH, type: WidthType.DXA },
  layout: TableLayoutType.FIXED,
} as const;

function cell(spec: CellSpec, width: number): TableCell {
  spend();
  return new TableCell({
    children: spec.paragraphs.map((children) => new Paragraph({ children: [...children], spacing: { after: 40 } })),
    width: { size: width, type: WidthType.DXA },
    ...(spec.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: spec.fill.fill } } : {}),
    ...(spec.span !== undefined && spec.span > 1 ? { columnSpan: spec.span } : {}),
  });
}

/**
 * A table: a header row that repeats on every page it runs onto, then a row per item, rows kept
 * whole across pages. `widths` are the columns' shares of the page width.
 */
function table(header: readonly string[], widths: readonly number[], rows: readonly (readonly CellSpec[])[]): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const twips = widths.map((w) => Math.floor((w / total) * CONTENT_WIDTH));
  const widthOf = (from: number, span = 1): number => twips.slice(from, from + span).reduce((a, b) => a + b, 0);
  const row = (cells: readonly CellSpec[], head: boolean): TableRow => {
    let at = 0;
    return new TableRow({
      children: cells.map((c) => {
        const made = cell(c, widthOf(at, c.span));
        at += c.span ?? 1;
        return made;
      }),
      cantSplit: true,
      ...(head ? { tableHeader: true } : {}),
    });
  };
  return new Table({
    rows: [row(header.map((h) => textCell(h, { bold: true, fill: headerFill })), true), ...rows.map((r) => row(r, false))],
    columnWidths: twips,
    ...TABLE_LINES,
  });
}

/** Space after a table, so the next paragraph does not touch it. */
const gap = (): Paragraph => new Paragraph({ children: [], spacing: { after: 120 } });

// --- Cells -------------------------------------------------------------------------------------

/** An indicator's id, with the word "derived" where it is. */
const idText = (i: IndicatorAssessment): string => {
  const words = [...(i.derived ? [DERIVED_WORD] : []), ...(i.draft === true ? [DRAFT_WORDING_WORD] : [])];
  return words.length > 0 ? `${i.id} (${words.join(', ')})` : i.id;
};

/** The rating cell: the label on its level's colour, then its red flag, target and movement. */
function ratingCell(r: Report, o: ReportRenderOptions, i: IndicatorAssessment): CellSpec {
  const rt = ratingText(r, o.scales, i);
  const colour = i.rating ? o.scales?.find((s) => s.kind === i.kind)?.levels[i.rating.rank]?.colour : undefined;
  const fill = heatFill(i.rating ? { rank: i.rating.rank, of: i.rating.of, ...(colour !== undefined ? { colour } : {}), notApplicable: false } : { notApplicable: i.status === 'not-applicable' });
  const size = SIZE.table;
  return {
    paragraphs: [[run(rt.rating, { bold: true, size, ...(fill ? { colour: fill.text } : {}) })], ...rt.notes.map((n) => [run(capitalise(n.text), { size, ...(fill ? { colour: fill.text } : {}) })])],
    ...(fill ? { fill } : {}),
  };
}

/** The commentary cell: the not-applicable reason first, then the commentary, a paragraph per line. */
function commentaryCell(i: IndicatorAssessment): CellSpec {
  const lines = [...(i.reason !== undefined ? [`${NOT_APPLICABLE}: ${i.reason}`] : []), ...(i.commentary !== undefined ? paragraphs(i.commentary) : [])];
  return textCell(lines.length > 0 ? lines.join('\n') : NONE);
}

/** The evidence cell: an entry per paragraph, links as links, stale entries marked in words. */
function evidenceCell(i: IndicatorAssessment): CellSpec {
  if (i.evidence.length === 0) return textCell(NONE);
  const size = SIZE.table;
  return {
    paragraphs: i.evidence.map((e) => {
      const stale = reviewOverdueNote(e);
      return [
        linked(e.title, e.link, { size }),
        ...(e.path !== undefined ? [run(` (${e.path})`, { size })] : []),
        ...(stale !== undefined ? [run(` (${stale})`, { size, bold: true, colour: RED })] : []),
      ];
    }),
  };
}

/** An action's state, Overdue in red and bold. */
const stateRun = (a: ActionItem, size: number = SIZE.table): TextRun => run(actionStateWord(a), a.overdue ? { size, bold: true, colour: RED } : { size });

// --- Sections ----------------------------------------------------------------------------------

function titleBlock(r: Report): (Paragraph | Table)[] {
  // The facts in a two-column table without a header row, as committee papers set them out.
  const widths = [Math.floor(CONTENT_WIDTH * 0.28), Math.floor(CONTENT_WIDTH * 0.72)];
  const facts = new Table({
    rows: titleFacts(r).map(
      (f) =>
        new TableRow({
          cantSplit: true,
          children: [cell(textCell(f.label, { bold: true }), widths[0]!), cell(textCell(typeof f.value === 'string' ? f.value : f.value.join('\n')), widths[1]!)],
        }),
    ),
    columnWidths: widths,
    ...TABLE_LINES,
  });
  const out: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: officeText(reportTitle(r)) })] }), facts];
  const draft = draftNotice(r);
  if (draft !== undefined) {
    const border = { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 } as const;
    out.push(
      new Paragraph({
        children: [run(`${DRAFT_WORD}: `, { bold: true, colour: RED }), run(draft, { bold: true })],
        border: { top: border, bottom: border, left: border, right: border },
        spacing: { before: 240, after: 240 },
      }),
    );
  } else {
    out.push(gap());
  }
  return out;
}

function frontMatter(r: Report): Paragraph[] {
  const p = r.paper;
  return [
    ...(p.purpose !== undefined ? [heading(HEADINGS.purpose, HeadingLevel.HEADING_1), ...textParagraphs(p.purpose)] : []),
    ...(p.narrative !== undefined ? [heading(HEADINGS.narrative, HeadingLevel.HEADING_1), ...textParagraphs(p.narrative)] : []),
    ...(p.recommendations.length > 0
      ? [
          heading(HEADINGS.recommendations, HeadingLevel.HEADING_1),
          ...p.recommendations.map((rec) => new Paragraph({ numbering: { reference: RECOMMENDATIONS, level: 0 }, spacing: { after: 120 }, children: [run(rec)] })),
        ]
      : []),
  ];
}

function ragKey(r: Report): (Paragraph | Table)[] {
  return [
    heading(HEADINGS.ragKey, HeadingLevel.HEADING_1),
    para([run(RAG_KEY_INTRO)]),
    table(COLUMNS.ragKey, [18, 82], r.ragKey.map((k) => [filledCell(k.word, ragFill(k.rag)), textCell(k.meaning)])),
    gap(),
  ];
}

function executiveSummary(r: Report): (Paragraph | Table)[] {
  const columns = summaryColumns(r);
  const withMovement = columns.includes('Movement');
  const rows = summaryRows(r).map((row) => {
    const strong = row.theme ? {} : { bold: true };
    return [
      textCell(row.name, strong),
      filledCell(RAG_WORDS[row.rag], ragFill(row.rag)),
      textCell(row.level, strong),
      textCell(row.answered),
      textCell(row.redFlags),
      textCell(row.openActions),
      textCell(row.overdueActions),
      ...(withMovement ? [textCell(row.movement)] : []),
    ];
  });
  const warning = signOffWarning(r);
  return [
    heading(HEADINGS.summary, HeadingLevel.HEADING_1),
    para(spanRuns(overallStatus(r))),
    ...(warning ? [para(spanRuns(warning))] : []),
    table(columns, withMovement ? [20, 9, 11, 9, 8, 8, 8, 27] : [28, 11, 14, 11, 12, 12, 12], rows),
    note(summaryNote(r)),
  ];
}

/** A heat map cell: the rating on its level's colour, in words. */
const heatCell = (c: HeatCell): CellSpec => filledCell(c.label, heatFill(c));

function heatMap(r: Report, o: ReportRenderOptions): (Paragraph | Table)[] {
  const rows = heatMapRows(r, o.scales);
  const withMovement = hasMovement(r);
  const header = ['ID', 'Indicator', r.period, ...(withMovement ? [previousPeriodName(r), 'Movement'] : [])];
  const widths = withMovement ? [12, 38, 15, 15, 20] : [14, 62, 24];
  const body: CellSpec[][] = [];
  for (const t of r.themes) {
    // Each theme opens with a row naming it across the table.
    body.push([{ ...textCell(themeName(t), { bold: true }), span: header.length }]);
    for (const row of rows.filter((x) => x.t === t)) {
      body.push([textCell(idText(row.i)), textCell(row.i.text), heatCell(row.now), ...(row.then ? [heatCell(row.then), textCell(row.movement)] : [])]);
    }
  }
  return [heading(HEAT_MAP.heading, HeadingLevel.HEADING_1), para([run(HEAT_MAP.intro(r))]), table(header, widths, body), ...derivedNote(rows.map((x) => x.i))];
}

/** The note under a table with a derived indicator in it. */
/** Under a table: what its indicators' notes (derived, draft wording) mean, once each; else a gap. */
const derivedNote = (indicators: readonly IndicatorAssessment[]): Paragraph[] => {
  const notes = [...new Set(indicators.flatMap(indicatorNotes))];
  return notes.length > 0 ? notes.map(note) : [gap()];
};

function redFlags(r: Report, o: ReportRenderOptions): (Paragraph | Table)[] {
  const flags = redFlagList(r);
  const out: (Paragraph | Table)[] = [heading(HEADINGS.redFlags, HeadingLevel.HEADING_1), para(spanRuns(redFlagIntro(flags)))];
  if (flags.length === 0) return out;
  const rows = flags.map(({ t, i }) => [
    textCell(t.title),
    textCell(idText(i)),
    textCell(i.text),
    ratingCell(r, o, i),
    commentaryCell(i),
    i.actions.length > 0
      ? { paragraphs: i.actions.map((n) => [run(`${r.actions[n]!.action} (${actionDetails(r.actions[n]!)}; `, { size: SIZE.table }), stateRun(r.actions[n]!), run(')', { size: SIZE.table })]) }
      : textCell(NO_ACTION_RECORDED, { bold: true, colour: RED }),
  ]);
  out.push(table(COLUMNS.redFlags, [11, 10, 17, 13, 27, 22], rows), ...derivedNote(flags.map((f) => f.i)));
  return out;
}

function themeSection(r: Report, o: ReportRenderOptions, t: ThemeAssessment): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading(themeName(t), HeadingLevel.HEADING_2)];
  for (const f of themeFacts(r, t)) {
    const value = typeof f.value === 'string' ? f.value : f.value.join('; ');
    const status = f.label === 'Status';
    out.push(
      new Paragraph({
        bullet: { level: 0 },
        spacing: { after: 60 },
        children: [run(`${f.label}: `, { bold: true }), ...(status ? [run(RAG_WORDS[t.rag], { bold: true, colour: ragFill(t.rag).fill }), run(value.slice(RAG_WORDS[t.rag].length))] : [run(value)])],
      }),
    );
  }
  if (t.summary !== undefined) out.push(para([run(`${COUNCIL_SUMMARY_LABEL}:`, { bold: true })], { keepNext: true }), ...textParagraphs(t.summary));
  const rows = t.indicators.map((i) => [textCell(idText(i)), textCell(`${i.text}\n${i.reference}`), ratingCell(r, o, i), commentaryCell(i), evidenceCell(i)]);
  out.push(table(COLUMNS.indicators, [10, 22, 14, 32, 22], rows), ...derivedNote(t.indicators));
  return out;
}

function themes(r: Report, o: ReportRenderOptions): (Paragraph | Table)[] {
  return [heading(HEADINGS.themes, HeadingLevel.HEADING_1), ...r.themes.flatMap((t) => themeSection(r, o, t))];
}

/** The action plan's columns: what a performance system loads (action, owner, due, status, overdue), with the indicator it answers. */
const ACTION_PLAN_COLUMNS = ['Action', 'Indicator', 'Owner', 'Due', 'Status', 'Overdue'] as const;

function actionPlan(r: Report): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading(HEADINGS.actionPlan, HeadingLevel.HEADING_1), para([run(actionPlanIntro(r))])];
  if (r.actions.length === 0) return out;
  const rows = actionPlanRows(r).map((a) => [
    textCell(a.action),
    textCell(`${a.item.ref}\n${a.theme}`),
    textCell(a.owner),
    textCell(a.due),
    { paragraphs: [[stateRun(a.item)]] },
    a.item.overdue ? textCell('Yes', { bold: true, colour: RED }) : textCell('No'),
  ]);
  out.push(table(ACTION_PLAN_COLUMNS, [36, 16, 18, 12, 9, 9], rows), gap());
  return out;
}

function gaps(r: Report): (Paragraph | Table)[] {
  const g = reportGaps(r);
  const words = gapWords(r);
  const list = (key: keyof typeof words, header: readonly string[], widths: readonly number[], rows: readonly CellSpec[][]): (Paragraph | Table)[] => [
    heading(words[key].heading, HeadingLevel.HEADING_2),
    ...(rows.length === 0 ? [para([run(words[key].none)])] : [table(header, widths, rows), gap()]),
  ];
  return [
    heading(HEADINGS.gaps, HeadingLevel.HEADING_1),
    ...list('unanswered', COLUMNS.unanswered, [25, 15, 60], g.unanswered.map(({ t, i }) => [textCell(t.title), textCell(idText(i)), textCell(i.text)])),
    ...list(
      'shortOfTarget',
      COLUMNS.shortOfTarget,
      [16, 13, 35, 13, 13, 10],
      g.shortOfTarget.map(({ t, i }) => {
        const s = shortfall(i);
        return [textCell(t.title), textCell(idText(i)), textCell(i.text), textCell(s.rating), textCell(s.target), textCell(s.shortBy)];
      }),
    ),
    ...list(
      'unassured',
      COLUMNS.unassured,
      [40, 20, 20, 20],
      g.unassured.map((t) => [textCell(themeName(t)), ...[t.assurance.assessed, t.assurance.moderated, t.assurance.signedOff].map((s) => textCell(assuranceDate(s)))]),
    ),
    ...(g.signOffDigests
      ? list(
          'changedSinceSignOff',
          COLUMNS.changedSinceSignOff,
          [30, 35, 35],
          g.changedSinceSignOff.map((t) => [textCell(themeName(t)), textCell(signedOffText(t.assurance.signedOff)), textCell(changedSinceText(t))]),
        )
      : []),
    ...list(
      'staleEvidence',
      COLUMNS.staleEvidence,
      [18, 13, 35, 20, 14],
      g.staleEvidence.map(({ t, i, e }) => [
        textCell(t.title),
        textCell(idText(i)),
        { paragraphs: [[linked(e.title, e.link, { size: SIZE.table })]] },
        textCell(e.owner ?? NONE),
        textCell(longDate(e.reviewBy ?? '')),
      ]),
    ),
    ...[...new Set(g.listed.flatMap(indicatorNotes))].map(note),
  ];
}

function method(r: Report, o: ReportRenderOptions): (Paragraph | Table)[] {
  const s = r.catalogue.source;
  const out: (Paragraph | Table)[] = [
    heading(HEADINGS.method, HeadingLevel.HEADING_1),
    para([run(methodIntro(r, o.generatedBy))]),
    heading(HEADINGS.rules, HeadingLevel.HEADING_2),
    ...r.rules.map((rule) => new Paragraph({ numbering: { reference: RULES, level: 0 }, spacing: { after: 80 }, children: [run(rule)] })),
  ];
  if (o.scales && o.scales.length > 0) {
    out.push(heading(HEADINGS.scales, HeadingLevel.HEADING_2));
    for (const scale of o.scales) {
      out.push(
        para(spanRuns(scaleHeading(scale)), { keepNext: true }),
        table(['Rating', 'Meaning', 'Red flag'], [20, 68, 12], scale.levels.map((l, rank) => [filledCell(l.label, heatFill({ rank, of: scale.levels.length, colour: l.colour, notApplicable: false })), textCell(l.meaning), textCell(l.redFlag ? 'Yes' : 'No')])),
        gap(),
      );
    }
  }
  if (s) {
    const credit = sourceCredit(s);
    out.push(heading(HEADINGS.source, HeadingLevel.HEADING_2), para([run(`${credit.credit}, `), linked(credit.url, credit.url), run(`. ${credit.licence}`)]));
    if (s.draft) out.push(para([run(`${DRAFT_LABEL}: `, { bold: true }), run(draftCredit(s.draft)), ...(s.draft.url !== undefined ? [run(', '), linked(s.draft.url, s.draft.url)] : []), run('.')]));
    if (s.note !== undefined) out.push(para([run(`${CATALOGUE_NOTE_LABEL}: `, { bold: true }), run(s.note)]));
  }
  out.push(...[...new Set(r.themes.flatMap((t) => t.indicators).flatMap(indicatorNotes))].map(note));
  return out;
}

/** The appendix of independent review and moderation, where the file records one. */
function moderationAppendix(m: Moderation): (Paragraph | Table)[] {
  const agreementHead = agreementColumns(m);
  const ratingsHead = moderatedColumns(m);
  // The indicator's words take what the reviewers' columns leave.
  const ratingWidths = ratingsHead.map((h) => (h === 'Indicator' ? 24 : h === 'Moderation note' ? 18 : h === 'ID' ? 9 : 10));
  return [
    heading(HEADINGS.moderation, HeadingLevel.HEADING_1),
    para([run(moderationIntro(m))]),
    heading(MODERATION_HEADINGS.agreement, HeadingLevel.HEADING_2),
    table(
      agreementHead,
      agreementHead.map((_, n) => (n === 0 ? 28 : 12)),
      agreementRows(m).map((row) => [row.name, row.compared, row.same, row.withinOne, ...row.alphas].map((c) => textCell(c, row.whole ? { bold: true } : {}))),
    ),
    note(ALPHA_NOTE),
    heading(MODERATION_HEADINGS.reviewers, HeadingLevel.HEADING_2),
    table(REVIEWER_COLUMNS, [50, 20, 30], reviewerRows(m).map((row) => row.map((c) => textCell(c)))),
    gap(),
    heading(MODERATION_HEADINGS.ratings, HeadingLevel.HEADING_2),
    para([run(MODERATED_INTRO)]),
    table(ratingsHead, ratingWidths, moderatedRows(m).map((row) => [row.item.id, row.item.text, row.draft, ...row.reviews, row.spread, row.agreed, row.note].map((c) => textCell(c)))),
    gap(),
  ];
}

// --- The document ------------------------------------------------------------------------------

/** The numbered lists: recommendations and the scoring rules, each numbered from 1. */
const RECOMMENDATIONS = 'recommendations';
const RULES = 'rules';

const numbered = (reference: string) => ({
  reference,
  levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 567, hanging: 425 } } } }],
});

/** The line at the foot of every page: the authority and period, then "Page N of M". */
function footer(r: Report): Footer {
  const small = { font: FONT, size: SIZE.small, color: MUTED } as const;
  return new Footer({
    children: [
      new Paragraph({
        children: [
          new TextRun({ ...small, text: officeText(`${r.authority} · Best Value self-assessment ${r.period}${r.paper.draft ? ` · ${DRAFT_WORD}` : ''}`) }),
          new TextRun({ ...small, children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
        ],
        tabStops: [{ type: 'right', position: CONTENT_WIDTH }],
      }),
    ],
  });
}

/** Renders the report as a Word document (.docx), A4. */
export async function renderDocx(report: Report, o: ReportRenderOptions): Promise<Uint8Array> {
  partsLeft = PAPER_MAX_PARTS;
  const draft = report.paper.draft;
  const doc = new Document({
    title: officeText(reportTitle(report)),
    creator: o.generatedBy,
    description: officeText(`${report.authority}: Best Value self-assessment ${report.period}`),
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE.body, color: INK } },
        title: { run: { font: FONT, size: 40, bold: true, color: INK } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: INK }, paragraph: { spacing: { before: 360, after: 120 } } },
        heading2: { run: { font: FONT, size: 25, bold: true, color: INK }, paragraph: { spacing: { before: 240, after: 100 } } },
      },
    },
    numbering: { config: [numbered(RECOMMENDATIONS), numbered(RULES)] },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        ...(draft ? { headers: { default: new Header({ children: [new Paragraph({ children: [new TextWatermark({ text: DRAFT_WORD, font: FONT, color: 'C0C0C0', opacity: 0.5 })] })] }) } } : {}),
        footers: { default: footer(report) },
        children: [
          ...titleBlock(report),
          ...frontMatter(report),
          ...ragKey(report),
          ...executiveSummary(report),
          ...heatMap(report, o),
          ...redFlags(report, o),
          ...themes(report, o),
          ...actionPlan(report),
          ...gaps(report),
          ...method(report, o),
          ...(report.moderation ? moderationAppendix(report.moderation) : []),
        ],
      },
    ],
  });
  return steady(compile(doc), report.asOf, o.generatedBy);
}

/**
 * The package's parts, by their paths in zip order, as the docx library makes them before it zips
 * them: its Packer would zip them, and steady() would unzip them again to fix their times and ids.
 * The compiler it zips them with is not in its published types, so it is reached here, once; the
 * library's version is fixed by the lock file, and the Word tests fail if it moves.
 */
function compile(doc: Document): Map<string, string | Uint8Array> {
  const compiler = (Packer as unknown as { compiler?: { compile?: (d: Document) => Map<string, string | Uint8Array> } }).compiler;
  if (typeof compiler?.compile !== 'function') throw new Error('the docx library has no compiler where bva expects one (Packer.compiler.compile)');
  return compiler.compile(doc);
}

/** The ids the docx library draws at random (hyperlinks' relationships, the watermark's shape): 21 characters after a fixed prefix. */
const RANDOM_ID = /(rId|PowerPlusWaterMarkObject)([0-9a-z_-]{21})(?![0-9a-z_-])/g;

/**
 * The same report gives the same bytes: the docx library stamps the file with the clock (the
 * document's created and modified times) and draws some ids at random. Here the times become the
 * report's as-of day, the ids are numbered in order of appearance, and the parts are zipped with
 * the entries' times fixed too.
 */
function steady(files: Map<string, string | Uint8Array>, day: string, generatedBy: string): Uint8Array {
  const stamp = `${day}T00:00:00Z`;
  const ids = new Map<string, string>();
  const out: [string, string | Uint8Array][] = [];
  for (const [name, data] of files) {
    if (!/\.(xml|rels)$/.test(name)) {
      out.push([name, data]);
      continue;
    }
    let xml = (typeof data === 'string' ? data : new TextDecoder().decode(data)).replace(RANDOM_ID, (_, prefix: string, id: string) => {
      const key = `${prefix}${id}`;
      if (!ids.has(key)) ids.set(key, `${prefix}bva${ids.size + 1}`);
      return ids.get(key)!;
    });
    if (name === 'docProps/core.xml') {
      xml = xml
        .replace(/(<dcterms:(created|modified) [^>]*>)[^<]*/g, `$1${stamp}`)
        .replace(/<cp:lastModifiedBy>[^<]*/, `<cp:lastModifiedBy>${generatedBy.replace(/[<&]/g, '')}`);
    }
    out.push([name, xml]);
  }
  // The parts' times are the day too, so the bytes do not depend on the machine either.
  return writeZip(out, day);
}
