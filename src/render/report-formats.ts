// The report's output formats, as one typed registry, and what every report renderer is given
// besides the report itself. A format without a renderer does not compile.
import { levelColour, levelRag, type Catalogue, type LevelRag } from '../catalogue/model.js';
import type { Report } from '../generated/report.js';

// The status words and dates live with the report's other words; re-exported for existing callers.
export { RAG_WORDS, longDate } from './report-text.js';

/** The formats `bva report --format` offers. */
export type ReportFormat = 'md' | 'json' | 'html';

/** A level of a rating scale, for the method note's legend. */
export interface ReportScaleLevel {
  readonly word: string;
  readonly label: string;
  readonly meaning: string;
  readonly redFlag: boolean;
  /** The status the level stands for (levelRag). */
  readonly rag: LevelRag;
  /** The colour to draw it in, #RRGGBB (levelColour). */
  readonly colour: string;
}

/** A rating scale as the report's method note explains it. */
export interface ReportScale {
  readonly kind: 'characteristic' | 'failure';
  readonly title: string;
  readonly question?: string;
  /** Worst first, as the catalogue lists them. */
  readonly levels: readonly ReportScaleLevel[];
}

/**
 * What a report renderer needs besides the report: data only, never a clock or a stream.
 * The report data does not carry the catalogue's scales, so they come in here.
 */
export interface ReportRenderOptions {
  /** The tool that wrote the report, for the method note: "bva 0.1.0". */
  readonly generatedBy: string;
  /** The catalogue's rating scales: their levels' meanings for the method note, and labels for last period's ratings. */
  readonly scales?: readonly ReportScale[];
}

/** A renderer: the report and its options in, the whole document out. */
export type ReportRenderer = (report: Report, o: ReportRenderOptions) => string;

/** Every report format and its renderer, loaded when asked for (the HTML one, with its CSS and charts, is the largest). */
export const REPORT_FORMATS: Record<ReportFormat, () => Promise<ReportRenderer>> = {
  md: async () => (await import('./markdown.js')).renderMarkdown,
  json: async () => (await import('./report-json.js')).renderReportJson,
  html: async () => (await import('./html.js')).renderHtml,
};

/** Each format's name, as messages show it ("Wrote report.md (Markdown, 12 KB)"). */
export const REPORT_FORMAT_NAMES: Record<ReportFormat, string> = {
  md: 'Markdown',
  json: 'JSON',
  html: 'HTML',
};

/** The catalogue's scales in the order of its kinds (characteristics, then failure), for ReportRenderOptions. */
export function reportScales(catalogue: Pick<Catalogue, 'scales'>): ReportScale[] {
  const kinds = ['characteristic', 'failure'] as const;
  return kinds.flatMap((kind) => {
    const scale = catalogue.scales[kind];
    if (!scale) return [];
    return [
      {
        kind,
        title: scale.title,
        ...(scale.question !== undefined ? { question: scale.question } : {}),
        levels: scale.levels.map((l, rank) => ({ word: l.word, label: l.label, meaning: l.meaning, redFlag: l['red-flag'] === true, rag: levelRag(scale, rank), colour: levelColour(scale, rank) })),
      },
    ];
  });
}
