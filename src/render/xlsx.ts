// Tables as an Excel workbook (.xlsx), one sheet each: a bold header row that stays in view
// (frozen) with filters on it, column widths, long text wrapped, dates as real dates, statuses and
// ratings on their colours, http(s) links as links, and the words a cell may take offered as a
// list (data validation). Text a spreadsheet would take as a formula is written safe
// (formulaSafe), so no cell opens as one. Written with exceljs.
import ExcelJS from 'exceljs';
import { checkZip, writeZip } from '../source/zip.js';
import { headerFill } from './fills.js';
import { checkWorkbookSize } from './limits.js';
import { cellOf, columnLetters, formulaSafe, officeText, type SheetTable, type SheetValue, type Table } from './table.js';

/** What the workbook says about itself. */
export interface WorkbookOptions {
  /** The tool that wrote it: "bva 0.2.0". */
  readonly creator: string;
  /** The day it speaks for (YYYY-MM-DD), as its created and modified dates. */
  readonly day: string;
  readonly title: string;
}

/** A day as Excel stores it: midnight UTC, shown YYYY-MM-DD. */
const asDate = (day: string): Date => new Date(`${day}T00:00:00Z`);
const DATE_FORMAT = 'yyyy-mm-dd';

/** The longest list Excel takes written into the rule itself. */
const INLINE_LIST_LIMIT = 255;

/**
 * The tables as one workbook's bytes; refuses (TooLargeError) tables over WORKBOOK_MAX_CELLS, or
 * with a text longer than a cell holds, before building any of it.
 */
export async function tablesXlsx(tables: readonly Table[], o: WorkbookOptions): Promise<Uint8Array> {
  checkWorkbookSize(tables);
  const wb = new ExcelJS.Workbook();
  wb.creator = o.creator;
  wb.lastModifiedBy = o.creator;
  wb.title = officeText(o.title);
  wb.created = asDate(o.day);
  wb.modified = asDate(o.day);
  // Lists too long to write into a rule live on a hidden sheet, each in a column of its own.
  const lists = new Map<string, string>();
  let listSheet: ExcelJS.Worksheet | undefined;
  const listRef = (choices: readonly string[]): string => {
    const inline = `"${choices.join(',')}"`;
    if (inline.length <= INLINE_LIST_LIMIT && !choices.some((c) => /[",]/.test(c))) return inline;
    const key = JSON.stringify(choices);
    if (!lists.has(key)) {
      listSheet ??= wb.addWorksheet('Lists', { state: 'hidden' });
      const col = columnLetters(lists.size);
      choices.forEach((c, n) => (listSheet!.getCell(`${col}${n + 1}`).value = c));
      lists.set(key, `Lists!$${col}$1:$${col}$${choices.length}`);
    }
    return lists.get(key)!;
  };

  for (const table of tables) {
    const ws = wb.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    ws.columns = table.columns.map((c) => ({ width: c.width, ...(c.kind === 'date' ? { style: { numFmt: DATE_FORMAT } } : {}) }));
    const header = ws.getRow(1);
    table.columns.forEach((c, n) => {
      const cell = header.getCell(n + 1);
      cell.value = c.header;
      cell.font = { bold: true, color: { argb: `FF${headerFill.text}` } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${headerFill.fill}` } };
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    // One style object for each distinct look: exceljs writes a cell's style by first serialising
    // it to find its id, unless it has seen that very object before, so sharing them spares that
    // work for every cell. Keyed by the value's kind too, as exceljs gives a number, an empty cell
    // and a date their number format from the first cell it sees with a style.
    const styles = new Map<string, Partial<ExcelJS.Style>>();
    table.rows.forEach((row, r) => {
      const line = ws.getRow(r + 2);
      table.columns.forEach((col, n) => {
        const spec = cellOf(row[n]);
        const cell = line.getCell(n + 1);
        const v = spec.value;
        let kind = 'empty';
        if (v !== undefined) {
          if (col.kind === 'date' && typeof v === 'string') [cell.value, kind] = [asDate(v), 'date'];
          else if (typeof v === 'number') [cell.value, kind] = [v, 'number'];
          else [cell.value, kind] = [spec.link !== undefined ? { text: officeText(formulaSafe(v)), hyperlink: spec.link } : officeText(formulaSafe(v)), 'text'];
        }
        const key = `${kind === 'empty' ? 'number' : kind}|${n}|${spec.fill?.fill ?? ''}|${spec.fill?.text ?? ''}|${spec.bold === true}|${spec.link !== undefined}`;
        let style = styles.get(key);
        if (style === undefined) {
          // Built as exceljs builds a cell's own: the column's number format, then each part in turn.
          style = {};
          if (col.kind === 'date') style.numFmt = DATE_FORMAT;
          style.alignment = col.wrap ? { vertical: 'top', wrapText: true } : { vertical: 'top' };
          if (spec.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${spec.fill.fill}` } };
          if (spec.fill || spec.bold || spec.link) {
            style.font = {
              ...(spec.bold ? { bold: true } : {}),
              ...(spec.fill ? { color: { argb: `FF${spec.fill.text}` } } : spec.link ? { color: { argb: 'FF1D4ED8' }, underline: true } : {}),
            };
          }
          styles.set(key, style);
        }
        cell.style = style;
        if (spec.choices && spec.choices.length > 0) {
          cell.dataValidation = {
            type: 'list',
            allowBlank: true,
            formulae: [listRef(spec.choices)],
            showErrorMessage: true,
            errorStyle: 'stop',
            errorTitle: col.header,
            error: `Choose one of: ${spec.choices.join(', ')}`.slice(0, 255),
          };
        }
      });
    });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, table.rows.length + 1), column: table.columns.length } };
  }
  return writeZip(await workbookParts(wb), o.day);
}

/** The steps of exceljs's own writer (XLSX.write), each adding its parts to the zip, in its order. */
const WRITER_STEPS = ['addContentTypes', 'addOfficeRels', 'addWorkbookRels', 'addWorksheets', 'addSharedStrings', 'addDrawings', 'addTables', 'addThemes', 'addStyles', 'addMedia', 'addApp', 'addCore', 'addWorkbook'] as const;

type ZipSink = { append(data: string | Uint8Array, o: { readonly name: string; readonly base64?: boolean }): void };
type XlsxWriter = { prepareModel(model: unknown, options: object): void } & Record<(typeof WRITER_STEPS)[number], (zip: ZipSink, model: unknown) => unknown>;

/**
 * The workbook's parts (path and XML), as exceljs makes them before it zips them: its writer
 * would zip them with a deflate written in JavaScript, which took a third of a large export's
 * time, where writeZip deflates with zlib and fixes the parts' times (the same tables give the
 * same bytes). The steps are not in exceljs's published types, so they are reached here, once;
 * the library's version is fixed by the lock file, and the workbook tests fail if it moves.
 */
async function workbookParts(wb: ExcelJS.Workbook): Promise<Map<string, string | Uint8Array>> {
  const writer = wb.xlsx as unknown as Partial<XlsxWriter>;
  if (typeof writer.prepareModel !== 'function' || WRITER_STEPS.some((step) => typeof writer[step] !== 'function')) {
    throw new Error('the exceljs library has no writer steps where bva expects them (XLSX.prepareModel, addWorksheets, ...)');
  }
  const parts = new Map<string, string | Uint8Array>();
  const zip: ZipSink = {
    append(data, o) {
      // Pictures given as base64 are the only parts exceljs hands over encoded; bva adds none.
      if (o.base64 === true) throw new Error(`exceljs gave ${o.name} as base64, which bva does not write`);
      parts.set(o.name, data);
    },
  };
  const model = wb.model;
  writer.prepareModel(model, {});
  for (const step of WRITER_STEPS) await (writer as XlsxWriter)[step](zip, model);
  return parts;
}

/** An exceljs cell value as bva reads it: rich text as its text, a link as its text, a formula as a formula. */
function sheetValue(v: unknown): SheetValue {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as { richText?: { text: string }[]; text?: unknown; formula?: string; sharedFormula?: string; error?: string };
  if (o.formula !== undefined || o.sharedFormula !== undefined) return { formula: o.formula ?? o.sharedFormula ?? '' };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
  if (o.text !== undefined) return sheetValue(o.text);
  if (o.error !== undefined) return { formula: o.error };
  return String(v);
}

/**
 * The parts of a sheet that hold no value bva reads, left unparsed (exceljs's ignoreNodes): the
 * lists offered in cells, links (a linked cell's value is its text either way), conditional
 * formats, and the page and view settings. Each is built into objects cell by cell, or range by
 * range, when parsed: a large sheet's lists alone took a tenth of its import.
 */
const NOT_READ = ['dataValidations', 'hyperlinks', 'conditionalFormatting', 'extLst', 'sheetViews', 'pageMargins', 'pageSetup', 'printOptions', 'headerFooter', 'rowBreaks', 'picture', 'drawing', 'legacyDrawing'];

/**
 * A workbook's sheets as tables of values, the header row first. Refuses (InputError, naming the
 * file as `display`) a zip that would unpack to too much before the workbook library sees it;
 * throws when the bytes are not a workbook.
 */
export async function readXlsx(bytes: Uint8Array, display: string): Promise<SheetTable[]> {
  checkZip(bytes, display);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: NOT_READ });
  const tables: SheetTable[] = [];
  wb.eachSheet((ws) => {
    const rows: SheetValue[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      rows[n - 1] = (row.values as unknown[]).slice(1).map(sheetValue);
    });
    for (let n = 0; n < rows.length; n++) rows[n] ??= [];
    tables.push({ source: ws.name, rows });
  });
  return tables;
}
