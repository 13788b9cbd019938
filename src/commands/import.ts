// `bva import FILE SHEET...`: the answers and actions edited in an exported workbook (or its CSV
// tables) taken back into the answers file. Every cell is checked first: any problem is printed at
// its place (SHEET!CELL), exit 1, and nothing is written. Then the changes go through the same
// comment-keeping writer, under the same lock, as `bva answer`.
import { basename, extname } from 'node:path';
import { importKind, planImport, type SheetTable } from '../answers/import.js';
import { saveChanges } from '../answers/save.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { say } from '../render/escape.js';
import { lockForWriting } from '../source/lock.js';
import { readFileBytes, readTextFile } from '../source/read.js';
import { plural } from '../words.js';
import { answersSource, loadValidAnswers, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';

export interface ImportOptions {
  readonly catalogue?: string;
}

/** A workbook or CSV file, read as tables; `label` is how its problems name it. */
interface ReadSheets {
  readonly display: string;
  readonly tables: SheetTable[];
}

async function readWorkbook(path: string, display: string): Promise<ReadSheets> {
  // Refused as any input is before it is read: a folder, a pipe, a file over 5 MiB.
  const { bytes } = readFileBytes(path, display);
  const { readXlsx } = await import('../render/xlsx.js');
  try {
    return { display, tables: await readXlsx(bytes, display) };
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${display}: not an Excel workbook bva can read (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
}

async function readCsv(path: string, display: string): Promise<ReadSheets> {
  const file = readTextFile(path, display);
  const { parseCsv } = await import('../render/csv.js');
  const parsed = parseCsv(file.text);
  if ('unclosedAt' in parsed) throw new InputError(`${display}: a quoted field opened in record ${parsed.unclosedAt} is never closed`);
  // Positions in a CSV file are named as a spreadsheet shows it: the file's name, then A1.
  return { display, tables: [{ source: basename(display), rows: parsed.records.map((r) => r.map((v) => (v === '' ? undefined : v))) }] };
}

export async function importSheets(ctx: CommandContext, file: string, sheets: readonly string[], opts: ImportOptions): Promise<number> {
  // 1. Every sheet must be a workbook or a CSV file, and never the answers file itself.
  for (const s of sheets) {
    if (!/^\.(xlsx|csv)$/i.test(extname(s))) throw new UsageError(`${s}: give an Excel workbook (.xlsx) or a CSV file (.csv) exported by bva export`);
    if (resolvePath(ctx, s) === resolvePath(ctx, file)) throw new UsageError(`${s} is the answers file; give the exported workbook or CSV files to read from`);
  }
  const read: ReadSheets[] = [];
  for (const s of sheets) read.push(/\.xlsx$/i.test(s) ? await readWorkbook(resolvePath(ctx, s), s) : await readCsv(resolvePath(ctx, s), s));
  // Tables other than Answers, Actions and About (the summary, the heat map, ...) are for reading.
  const readable = (t: SheetTable): boolean => importKind(t) !== undefined;
  for (const r of read) if (!r.tables.some(readable)) ctx.stderr.write(say`bva: ${r.display}: not read: bva import reads the Answers and Actions tables (and checks About)\n`);
  if (!read.some((r) => r.tables.some((t) => importKind(t) === 'answers' || importKind(t) === 'actions'))) {
    ctx.stderr.write(say`bva: ${sheets.join(', ')}: no Answers or Actions table to read (bva import reads the tables bva export writes, found by their header rows); nothing was written\n`);
    return EXIT.invalid;
  }

  const path = resolvePath(ctx, file);
  const lock = lockForWriting(path, 'bva import', file);
  try {
    if (lock.recovered) ctx.stderr.write(say`bva: ${file}: ${lock.recovered}\n`);
    // 2. The file must be valid; every cell is checked against it and its catalogue.
    const loaded = await loadValidAnswers(ctx, file, opts.catalogue);
    let problems = 0;
    const changes = [];
    const answersChanged = new Set<string>();
    const actionsChanged = new Set<string>();
    let actionsAdded = 0;
    for (const r of read) {
      const result = planImport(r.tables, loaded.answers, loaded.catalogue);
      if (!result.ok) {
        // A CSV table is named after its file already; a workbook's sheets after the workbook.
        const where = (at: string): string => (r.tables.length === 1 && /\.csv$/i.test(r.display) ? at : `${r.display}: ${at}`);
        for (const p of result.problems) ctx.stderr.write(say`${where(p.at)}: ${p.message}\n`);
        problems += result.problems.length;
        continue;
      }
      changes.push(...result.plan.changes);
      result.plan.answersChanged.forEach((id) => answersChanged.add(id));
      result.plan.actionsChanged.forEach((ref) => actionsChanged.add(ref));
      actionsAdded += result.plan.actionsAdded;
    }
    if (problems > 0) {
      ctx.stderr.write(say`${sheets.join(', ')}: ${plural(problems, 'problem')}; nothing was written to ${file}\n`);
      return EXIT.invalid;
    }
    if (changes.length === 0) {
      ctx.stderr.write(say`Nothing to import: ${file} already says what ${sheets.join(', ')} ${sheets.length === 1 ? 'says' : 'say'}, and was left as it was.\n`);
      return EXIT.ok;
    }

    // 3. Edit, check, write: the same writer as bva answer, comments and layout kept.
    const saved = await saveChanges(loaded, changes, answersSource(ctx, opts.catalogue));
    if (!saved.ok) {
      printProblems(ctx, saved.problems);
      return EXIT.invalid;
    }
    const parts = [
      answersChanged.size > 0 ? `${plural(answersChanged.size, 'answer')} changed (${[...answersChanged].join(', ')})` : '',
      actionsChanged.size > 0 ? `${plural(actionsChanged.size, 'action')} changed (${[...actionsChanged].join(', ')})` : '',
      actionsAdded > 0 ? `${plural(actionsAdded, 'action')} added` : '',
    ].filter(Boolean);
    ctx.stderr.write(say`Imported into ${file}: ${parts.join('; ')}.\n`);
    return EXIT.ok;
  } finally {
    lock.release();
  }
}
