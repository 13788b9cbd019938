// `bva report FILE`: scores an answers file and renders the committee report (Markdown, JSON, HTML
// or Word) to stdout, or atomically to --out. Invalid input prints its problems and gives no report.
import { assess, type Report } from '../assessment/assess.js';
import { previousMismatch } from '../answers/model.js';
import { EXIT, UsageError } from '../errors.js';
import { say } from '../render/escape.js';
import { BINARY_REPORT_FORMATS, REPORT_EXTENSIONS, REPORT_FORMAT_NAMES, REPORT_FORMATS, reportScales, type ReportFormat } from '../render/report-formats.js';
import { checkWritable, writeFileAtomic, type Input, type WriteOptions } from '../source/atomic.js';
import { loadValidAnswers } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';
import { fileSize, outputFormat, sizedForFormat } from './output.js';
import { count, shellArg } from '../words.js';

/** The options cli.ts passes. */
export interface ReportOptions {
  /** As given; absent, the format comes from --out's extension, else Markdown. */
  readonly format?: ReportFormat;
  readonly out?: string;
  /** Last period's answers file, for movement. */
  readonly previous?: string;
  /** Judge overdue actions and stale evidence as of this day (default: today). */
  readonly asOf?: string;
  /** A catalogue file to check both answers files against instead of the one each names. */
  readonly catalogue?: string;
}

/** "12 KB", or "512 bytes" for a small file. */

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
  const format = outputFormat({ extensions: REPORT_EXTENSIONS, names: REPORT_FORMAT_NAMES, default: 'md' }, opts);

  // A Word file is bytes: on a terminal it would print noise, so it goes to a file or a pipe.
  if (outPath === undefined && BINARY_REPORT_FORMATS[format] && ctx.stdout.isTTY) {
    throw new UsageError(`--format ${format} writes a ${REPORT_FORMAT_NAMES[format]} file, not text for a terminal: give --out report.${format} (or redirect the output to a file)`);
  }

  // 2. Load and check both files; either one invalid stops here with its problems printed.
  const loaded = await loadValidAnswers(ctx, file, opts.catalogue);
  const previous = opts.previous === undefined ? undefined : await loadValidAnswers(ctx, opts.previous, opts.catalogue);
  const mismatch = previous ? previousMismatch(loaded.answers, previous.answers) : [];
  if (mismatch.length > 0) {
    ctx.stderr.write(ctx.paint.stderr.amber('bva: warning:') + say` --previous ${opts.previous!} may not be last period's file: ${mismatch.join('; ')}. Movement is shown against it all the same.\n`);
  }

  // 3. Score, then render.
  const assessment: Report = assess(loaded.answers, loaded.catalogue, { asOf: opts.asOf ?? ctx.today, previous: previous?.answers, version: ctx.version });
  const render = await REPORT_FORMATS[format]();
  // A Word paper too large to make says what the file holds, and where the action plan can go:
  // worked out only then.
  const instead = (): string => {
    const evidence = assessment.themes.reduce((sum, t) => sum + t.indicators.reduce((n, i) => n + i.evidence.length, 0), 0);
    return `this file has ${count(assessment.actions.length)} actions and ${count(evidence)} evidence entries: write the action plan as a workbook or CSV instead, with bva actions ${shellArg(file)} --out actions.xlsx (or actions.csv)`;
  };
  const output = await sizedForFormat(file, instead, async () => render(assessment, { generatedBy: `bva ${ctx.version}`, scales: reportScales(loaded.catalogue.catalogue) }));

  // 4. Write once.
  if (outPath === undefined || opts.out === undefined) {
    ctx.stdout.write(output);
    return EXIT.ok;
  }
  const bytes = typeof output === 'string' ? Buffer.from(output, 'utf8') : Buffer.from(output.buffer, output.byteOffset, output.byteLength);
  // The files read to find their catalogues (the catalogues, bva.config.yaml) are inputs too.
  writeFileAtomic(outPath, bytes, out([...given, ...ctx.store.inputs()]));
  ctx.stderr.write(say`Wrote ${opts.out} (${REPORT_FORMAT_NAMES[format]}, ${fileSize(bytes.length)})\n`);
  return EXIT.ok;
}
