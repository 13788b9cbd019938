// `bva report FILE`: scores an answers file and renders the committee report (Markdown, JSON or
// HTML) to stdout, or atomically to --out. Invalid input prints its problems and gives no report.
import { assess, type Report } from '../assessment/assess.js';
import { EXIT } from '../errors.js';
import { REPORT_FORMAT_NAMES, REPORT_FORMATS, reportScales, type ReportFormat } from '../render/report-formats.js';
import { checkWritable, writeFileAtomic, type Input, type WriteOptions } from '../source/atomic.js';
import { loadValidAnswers } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';
import { say } from '../render/escape.js';

/** The options cli.ts passes. */
export interface ReportOptions {
  readonly format: ReportFormat;
  readonly out?: string;
  /** Last period's answers file, for movement. */
  readonly previous?: string;
  /** Judge overdue actions and stale evidence as of this day (default: today). */
  readonly asOf?: string;
  /** A catalogue file to check both answers files against instead of the one each names. */
  readonly catalogue?: string;
}

/** "12 KB", or "512 bytes" for a small file. */
const size = (bytes: number): string => (bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`);

/**
 * Renders the report for FILE. Exit 0 with the report written; 1 (after printing the problems)
 * when FILE or --previous is invalid; 2 when a file cannot be read or --out cannot be written.
 */
export async function report(ctx: CommandContext, file: string, opts: ReportOptions): Promise<number> {
  // 1. Refuse an --out that would overwrite an input (by any name or link), a folder or a read-only
  // file, before any work: nothing a person wrote is ever lost.
  const outPath = opts.out === undefined ? undefined : resolvePath(ctx, opts.out);
  const named = (path: string | undefined, what: string): Input | undefined => (path === undefined ? undefined : { path: resolvePath(ctx, path), display: path, what });
  const out = (inputs: readonly (Input | undefined)[]): WriteOptions => ({ display: opts.out!, flag: '--out', stream: true, inputs });
  const given = [named(file, 'the answers file'), named(opts.previous, 'the answers file'), named(opts.catalogue, 'the catalogue')];
  if (outPath !== undefined) checkWritable(outPath, out(given));

  // 2. Load and check both files; either one invalid stops here with its problems printed.
  const loaded = await loadValidAnswers(ctx, file, opts.catalogue);
  const previous = opts.previous === undefined ? undefined : await loadValidAnswers(ctx, opts.previous, opts.catalogue);

  // 3. Score, then render.
  const assessment: Report = assess(loaded.answers, loaded.catalogue, { asOf: opts.asOf ?? ctx.today, previous: previous?.answers, version: ctx.version });
  const render = await REPORT_FORMATS[opts.format]();
  const text = render(assessment, { generatedBy: `bva ${ctx.version}`, scales: reportScales(loaded.catalogue.catalogue) });

  // 4. Write once.
  if (outPath === undefined || opts.out === undefined) {
    ctx.stdout.write(text);
    return EXIT.ok;
  }
  const bytes = Buffer.from(text, 'utf8');
  // The catalogues found for the files are inputs too.
  const catalogues = [loaded, previous].map((l) => (l === undefined || l.catalogue.origin.shipped ? undefined : { path: l.catalogue.origin.path, display: l.catalogue.origin.display, what: 'the catalogue' }));
  writeFileAtomic(outPath, bytes, out([...given, ...catalogues]));
  ctx.stderr.write(say`Wrote ${opts.out} (${REPORT_FORMAT_NAMES[opts.format]}, ${size(bytes.length)})\n`);
  return EXIT.ok;
}
