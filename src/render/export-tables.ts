// The assessment as tables, for a workbook and for CSV: the summary, the heat map, every answer,
// the action plan and the evidence, the scales' words, and what the workbook is. Pure: the
// report and the catalogue's scales in, tables out. The Answers and Actions tables are the ones
// `bva import` reads back; their column headings are how it finds what to read.
import type { IndicatorAssessment, Report } from '../generated/report.js';
import { heatFill, ragFill } from './fills.js';
import type { ReportRenderOptions, ReportScale } from './report-formats.js';
import {
  DERIVED_WORD,
  RAG_WORDS,
  hasMovement,
  heatMapRows,
  httpUrl,
  indicatorNotes,
  longDate,
  paperStatus,
  previousPeriodName,
  reportTitle,
  summaryRows,
  themeName,
} from './report-text.js';
import type { Cell, CellInput, Column, Table } from './table.js';

/** The tables an export holds, by their file names, in workbook order. */
export const EXPORT_TABLES = ['summary', 'heat-map', 'answers', 'actions', 'evidence', 'scales', 'about'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** The word that marks a rating not applicable, offered after a scale's own words. */
const NOT_APPLICABLE_WORD = 'not-applicable';

/** The columns `bva import` reads from the Answers table, by heading. */
export const ANSWER_COLUMNS = { id: 'ID', rating: 'Rating', reason: 'Reason (not applicable)', target: 'Target', commentary: 'Commentary' } as const;

/** The columns `bva import` reads from the Actions table, by heading. */
export const ACTION_COLUMNS = { ref: 'Ref', indicator: 'Indicator', action: 'Action', owner: 'Owner', due: 'Due', status: 'Status', doneOn: 'Done on' } as const;

/** The About table's labels that `bva import` checks against the answers file. */
export const ABOUT_LABELS = { authority: 'Authority', period: 'Period' } as const;

/** The statuses an action may have. */
export const ACTION_STATUSES = ['open', 'done'] as const;

const text = (header: string, width: number, more: Partial<Column> = {}): Column => ({ header, kind: 'text', width, ...more });
const num = (header: string): Column => ({ header, kind: 'number', width: Math.max(10, header.length + 2) });
const date = (header: string, more: Partial<Column> = {}): Column => ({ header, kind: 'date', width: 12, ...more });

/** A scale's words for a kind of indicator, weakest first. */
const wordsOf = (scales: readonly ReportScale[] | undefined, kind: IndicatorAssessment['kind']): string[] => scales?.find((s) => s.kind === kind)?.levels.map((l) => l.word) ?? [];

function summary(r: Report): Table {
  const withMovement = hasMovement(r);
  const columns = [text('Theme', 40), text('Status', 14), text('Level', 16), num('Answered'), num('Indicators'), num('Red flags'), num('Serious red flags'), num('Open actions'), num('Overdue actions'), ...(withMovement ? [text('Movement', 50, { wrap: true })] : [])];
  const counts = [...r.themes.map((t) => t.counts), r.summary.counts];
  const rows = summaryRows(r).map((row, n) => {
    const c = counts[n]!;
    const strong = row.theme === undefined;
    return [
      { value: row.name, bold: strong },
      { value: RAG_WORDS[row.rag], fill: ragFill(row.rag), bold: true },
      { value: row.level, bold: strong },
      c.answered,
      c.indicators,
      c.redFlags,
      c.seriousRedFlags,
      c.openActions,
      c.overdueActions,
      ...(withMovement ? [row.movement] : []),
    ];
  });
  return { name: 'Summary', file: 'summary', columns, rows };
}

function heatMap(r: Report, o: ReportRenderOptions): Table {
  const withMovement = hasMovement(r);
  const columns = [text('Theme', 32), text('ID', 12), text('Indicator', 60, { wrap: true }), text(r.period, 16), ...(withMovement ? [text(previousPeriodName(r), 16), text('Movement', 30, { wrap: true })] : [])];
  const rows = heatMapRows(r, o.scales).map((row): CellInput[] => {
    const cell = (c: typeof row.now): Cell => ({ value: c.label, ...(heatFill(c) ? { fill: heatFill(c)!, bold: true } : {}) });
    return [themeName(row.t), row.i.id, row.i.text, cell(row.now), ...(row.then ? [cell(row.then), row.movement] : [])];
  });
  return { name: 'Heat map', file: 'heat-map', columns, rows };
}

function answers(r: Report, o: ReportRenderOptions): Table {
  const editable = { editable: true } as const;
  const columns = [
    text('Theme', 28),
    text(ANSWER_COLUMNS.id, 12),
    text('Kind', 14),
    text('Indicator', 50, { wrap: true }),
    text(ANSWER_COLUMNS.rating, 16, editable),
    text(ANSWER_COLUMNS.reason, 30, { wrap: true, ...editable }),
    text(ANSWER_COLUMNS.target, 16, editable),
    text(`Previous (${previousPeriodName(r)})`, 16),
    text(ANSWER_COLUMNS.commentary, 70, { wrap: true, ...editable }),
    text('Evidence', 50, { wrap: true }),
    text('Notes', 30, { wrap: true }),
  ];
  const rows = r.themes.flatMap((t) =>
    t.indicators.map((i): CellInput[] => {
      const words = wordsOf(o.scales, i.kind);
      const rating = i.rating?.word ?? (i.status === 'not-applicable' ? NOT_APPLICABLE_WORD : undefined);
      return [
        t.title,
        i.id,
        i.kind,
        i.text,
        { value: rating, choices: [...words, NOT_APPLICABLE_WORD] },
        i.reason,
        { value: i.target?.word, choices: words },
        i.previous,
        i.commentary,
        i.evidence.length > 0 ? i.evidence.map((e) => e.title).join('\n') : undefined,
        indicatorNotes(i).join('\n') || undefined,
      ];
    }),
  );
  return { name: 'Answers', file: 'answers', columns, rows };
}

function actions(r: Report): Table {
  const editable = { editable: true } as const;
  const columns = [
    text(ACTION_COLUMNS.ref, 12),
    text('Theme', 28),
    text(ACTION_COLUMNS.indicator, 12),
    text(ACTION_COLUMNS.action, 60, { wrap: true, ...editable }),
    text(ACTION_COLUMNS.owner, 30, editable),
    date(ACTION_COLUMNS.due, editable),
    text(ACTION_COLUMNS.status, 10, editable),
    date(ACTION_COLUMNS.doneOn, editable),
    text(`Overdue on ${r.asOf}`, 18),
  ];
  const titles = new Map(r.themes.map((t) => [t.id, t.title]));
  // In catalogue order, as the answers file has them (the Word paper's plan is in due-date order).
  const rows = r.actions.map((a): CellInput[] => [
    a.ref,
    titles.get(a.theme) ?? a.theme,
    a.indicator,
    a.action,
    a.owner,
    a.due,
    { value: a.status, choices: ACTION_STATUSES },
    a.doneOn,
    a.overdue ? { value: 'Yes', bold: true } : 'No',
  ]);
  return { name: 'Actions', file: 'actions', columns, rows };
}

function evidence(r: Report): Table {
  const columns = [text('Indicator', 12), text('Theme', 28), num('Entry'), text('Title', 50, { wrap: true }), text('Link', 40), text('Path', 30), text('Owner', 28), date('Date'), date('Review by'), text(`Past review on ${r.asOf}`, 20)];
  const rows = r.themes.flatMap((t) =>
    t.indicators.flatMap((i) =>
      i.evidence.map((e, n): CellInput[] => {
        const href = e.link === undefined ? undefined : httpUrl(e.link);
        return [i.id, t.title, n + 1, e.title, href ? { value: e.link, link: href } : e.link, e.path, e.owner, e.date, e.reviewBy, e.reviewBy === undefined ? undefined : e.stale ? { value: 'Yes', bold: true } : 'No'];
      }),
    ),
  );
  return { name: 'Evidence', file: 'evidence', columns, rows };
}

function scales(o: ReportRenderOptions): Table {
  const columns = [text('Scale', 40), text('Word', 16), text('Label', 16), text('Meaning', 70, { wrap: true }), text('Red flag', 10)];
  const rows = (o.scales ?? []).flatMap((s) => [
    ...s.levels.map((l, rank): CellInput[] => [s.title, l.word, { value: l.label, fill: heatFill({ rank, of: s.levels.length, colour: l.colour, notApplicable: false })!, bold: true }, l.meaning, l.redFlag ? 'Yes' : 'No']),
    [s.title, NOT_APPLICABLE_WORD, { value: 'Not applicable', fill: heatFill({ notApplicable: true })!, bold: true }, 'The indicator does not apply to the council: give the reason.', 'No'],
  ]);
  return { name: 'Scales', file: 'scales', columns, rows };
}

function about(r: Report, o: ReportRenderOptions, tables: readonly Table[]): Table {
  const editableIn = (name: string): string =>
    tables
      .find((t) => t.name === name)!
      .columns.filter((c) => c.editable)
      .map((c) => c.header)
      .join(', ');
  const rows: CellInput[][] = [
    ['Title', reportTitle(r)],
    [ABOUT_LABELS.authority, r.authority],
    [ABOUT_LABELS.period, r.period],
    ['Catalogue', `${r.catalogue.title} (${r.catalogue.id} ${r.catalogue.version})`],
    ['Status of the paper', paperStatus(r)],
    ['Judged as of', longDate(r.asOf)],
    ['Compared with', hasMovement(r) ? previousPeriodName(r) : 'no previous period'],
    ['Written by', o.generatedBy],
    ['Read back by bva import', `Answers: ${editableIn('Answers')}. Actions: ${editableIn('Actions')}; a row with no Ref adds an action to its indicator. Every other sheet and column is for reading.`],
    ['Ratings', `Each rating is a word of its indicator's scale (the Scales sheet), or not-applicable with a reason. A derived indicator is the catalogue's own reading, not a point its source makes in so many words (${DERIVED_WORD}: see its Notes).`],
    ['Dates', 'Real dates; typed as YYYY-MM-DD or DD/MM/YYYY.'],
  ];
  return { name: 'About', file: 'about', columns: [text('About this workbook', 26), text('', 100, { wrap: true })], rows };
}

/** Every table of the export, in workbook order. */
export function exportTables(r: Report, o: ReportRenderOptions): Table[] {
  const tables = [summary(r), heatMap(r, o), answers(r, o), actions(r), evidence(r), scales(o)];
  return [...tables, about(r, o, tables)];
}
