// `bva export FILE`: the assessment as tables for spreadsheets and performance systems: an Excel
// workbook (one sheet per table) or CSV files (one per table). The tables are the same either way
// (src/render/export-tables.ts); the Answers and Actions tables are the ones `bva import` reads back.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assess } from '../assessment/assess.js';
import { EXIT, UsageError } from '../errors.js';
import { say } from '../render/escape.js';
import { EXPORT_TABLES, exportTables, type ExportTable } from '../render/export-tables.js';
import { reportScales } from '../render/report-formats.js';
import { checkWritable, makeFolder, writeFileAtomic, type Input, type WriteOptions } from '../source/atomic.js';
import { plural, shellArg } from '../words.js';
import { loadValidAnswers } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';
import { fileSize, sizedForFormat } from './output.js';

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportOptions {
  readonly format?: ExportFormat;
  readonly out?: string;
  readonly previous?: string;
  readonly asOf?: string;
  readonly catalogue?: string;
  /** One table only (CSV): its name, as EXPORT_TABLES lists them. */
  readonly table?: string;
}

/** "12 KB", or "512 bytes" for a small file. */

/** The format: as given, else from --out's extension (.csv), else a workbook. */
const formatOf = (opts: ExportOptions): ExportFormat => opts.format ?? (opts.table !== undefined || /\.csv$/i.test(opts.out ?? '') ? 'csv' : 'xlsx');

/**
 * Where each CSV file goes. One table: --out as given, or stdout. Every table: --out is a folder
 * (an existing one, or a path ending in /), each table NAME.csv in it; or a prefix, each table
 * PREFIX-NAME.csv beside it (`--out reports/2025-26` gives reports/2025-26-answers.csv).
 */
function csvTargets(ctx: CommandContext, opts: ExportOptions, names: readonly string[]): { readonly path: string; readonly display: string }[] | undefined {
  if (opts.out === undefined) return undefined;
  if (opts.table !== undefined) return [{ path: resolvePath(ctx, opts.out), display: opts.out }];
  const full = resolvePath(ctx, opts.out);
  const folder = /[/\\]$/.test(opts.out) || (existsSync(full) && statSync(full).isDirectory());
  return names.map((name) => {
    const display = folder ? join(opts.out!, `${name}.csv`) : `${opts.out}-${name}.csv`;
    return { path: resolvePath(ctx, display), display };
  });
}

export async function exportAnswers(ctx: CommandContext, file: string, opts: ExportOptions): Promise<number> {
  // 1. What to write and where, refused before anything is read when it cannot be done.
  const format = formatOf(opts);
  if (opts.table !== undefined && !(EXPORT_TABLES as readonly string[]).includes(opts.table)) {
    throw new UsageError(`--table must be one of ${EXPORT_TABLES.join(', ')}; got ${JSON.stringify(opts.table)}`);
  }
  if (format === 'xlsx' && opts.table !== undefined) throw new UsageError('--table picks one CSV table; a workbook holds them all (drop --table, or add --format csv)');
  if (format === 'csv' && opts.table === undefined && opts.out === undefined) {
    throw new UsageError(`CSV is a file per table: give --out FOLDER/ (or --out PREFIX) for all ${EXPORT_TABLES.length}, or --table NAME for one on stdout`);
  }
  if (format === 'xlsx' && opts.out === undefined && ctx.stdout.isTTY) {
    throw new UsageError('--format xlsx writes an Excel workbook, not text for a terminal: give --out FILE.xlsx (or redirect the output to a file)');
  }
  const names = opts.table !== undefined ? [opts.table as ExportTable] : EXPORT_TABLES;
  const targets = format === 'csv' ? csvTargets(ctx, opts, names) : opts.out === undefined ? undefined : [{ path: resolvePath(ctx, opts.out), display: opts.out }];
  // Nothing a person wrote is ever lost: no output over an input (by any name or link), a folder or
  // a read-only file, refused before any work.
  const named = (path: string | undefined, what: string): Input | undefined => (path === undefined ? undefined : { path: resolvePath(ctx, path), display: path, what });
  const given = [named(file, 'the answers file'), named(opts.previous, 'the answers file'), named(opts.catalogue, 'the catalogue')];
  const out = (display: string, inputs: readonly (Input | undefined)[]): WriteOptions => ({ display, flag: '--out', stream: true, inputs });
  for (const t of targets ?? []) checkWritable(t.path, out(t.display, given));

  // 2. Load, score, lay out as tables.
  const loaded = await loadValidAnswers(ctx, file, opts.catalogue);
  const previous = opts.previous === undefined ? undefined : await loadValidAnswers(ctx, opts.previous, opts.catalogue);
  const report = assess(loaded.answers, loaded.catalogue, { asOf: opts.asOf ?? ctx.today, previous: previous?.answers, version: ctx.version });
  const generatedBy = `bva ${ctx.version}`;
  // The files read to find their catalogues (the catalogues, bva.config.yaml) are inputs too.
  const inputs = [...given, ...ctx.store.inputs()];
  const tables = exportTables(report, { generatedBy, scales: reportScales(loaded.catalogue.catalogue) }).filter((t) => names.includes(t.file as ExportTable));

  // 3. Write.
  if (format === 'xlsx') {
    const { tablesXlsx } = await import('../render/xlsx.js');
    const bytes = await sizedForFormat(file, `write the tables as CSV instead, with bva export ${shellArg(file)} --format csv --out FOLDER/`, async () => tablesXlsx(tables, { creator: generatedBy, day: report.asOf, title: report.paper.title }));
    if (targets === undefined) {
      ctx.stdout.write(bytes);
      return EXIT.ok;
    }
    writeFileAtomic(targets[0]!.path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), out(targets[0]!.display, inputs));
    ctx.stderr.write(say`Wrote ${targets[0]!.display} (Excel workbook, ${fileSize(bytes.byteLength)}): ${tables.map((t) => t.name).join(', ')}\n`);
    return EXIT.ok;
  }
  const { tableCsv } = await import('../render/csv.js');
  if (targets === undefined) {
    ctx.stdout.write(tableCsv(tables[0]!));
    return EXIT.ok;
  }
  if (opts.table === undefined && /[/\\]$/.test(opts.out ?? '')) makeFolder(resolvePath(ctx, opts.out!), opts.out);
  tables.forEach((t, n) => writeFileAtomic(targets[n]!.path, Buffer.from(tableCsv(t), 'utf8'), out(targets[n]!.display, inputs)));
  ctx.stderr.write(say`Wrote ${plural(tables.length, 'CSV file')}: ${targets.map((t) => t.display).join(', ')}\n`);
  return EXIT.ok;
}
