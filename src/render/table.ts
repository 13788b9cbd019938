// A table as data, for the formats that are tables (a spreadsheet's sheets, CSV files): columns
// with their headings, kinds and widths, and rows of cells, some on a colour, some a link, some
// with the words a person may choose from. The export builds these from the report; the CSV and
// Excel writers take them and nothing else, so any command with a table to give can use them.
import type { Fill } from './fills.js';

/** What a column holds: text, a whole number, or a calendar day written YYYY-MM-DD. */
export type ColumnKind = 'text' | 'number' | 'date';

export interface Column {
  readonly header: string;
  readonly kind: ColumnKind;
  /** Width in characters, as a spreadsheet measures it. */
  readonly width: number;
  /** Long text: wrapped in its cell. */
  readonly wrap?: boolean;
  /** Read back by `bva import` (the sheet says so in its About table). */
  readonly editable?: boolean;
}

/** A cell's value: text, a number, or (in a date column) a day written YYYY-MM-DD; undefined for an empty cell. */
export type CellValue = string | number | undefined;

/** A cell with more than its value. */
export interface Cell {
  readonly value: CellValue;
  /** The colour behind it and of its words (a status or a rating). */
  readonly fill?: Fill;
  readonly bold?: boolean;
  /** An http(s) address the cell links to. */
  readonly link?: string;
  /** The words the cell may take, offered as a list (a rating's scale). */
  readonly choices?: readonly string[];
}

export type CellInput = CellValue | Cell;

export interface Table {
  /** The sheet's name in a workbook ("Heat map"), at most 31 characters. */
  readonly name: string;
  /** The table's name in a file name ("heat-map": heat-map.csv). */
  readonly file: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly CellInput[])[];
}

/** A cell as read back from a sheet: text, a number, a date, or a formula (which bva does not read). */
export type SheetValue = string | number | boolean | Date | { readonly formula: string } | undefined;

/** A table read back from a workbook's sheet or a CSV file: its header row first. */
export interface SheetTable {
  /** How positions name it: the sheet's name ("Answers"), or the CSV file's ("answers.csv"). */
  readonly source: string;
  readonly rows: readonly (readonly SheetValue[])[];
}

/** A cell as a record, whatever was given. */
export const cellOf = (c: CellInput): Cell => (typeof c === 'object' ? c : { value: c });

/**
 * Text that a spreadsheet would take as a formula (=, +, -, @, or a tab or carriage return first)
 * starts with an apostrophe instead, as does text that starts with one, so that reading it back
 * (`restoreText`) gives exactly what was written.
 */
export function formulaSafe(text: string): string {
  return /^[=+\-@\t\r']/.test(text) ? `'${text}` : text;
}

/**
 * Text for an Office file's XML: the control characters XML 1.0 cannot hold (all but tab, line
 * feed and carriage return) shown as U+FFFD, as the HTML report does, so Word and Excel open the file.
 */
export function officeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
}

/** Text as it was before formulaSafe. */
export function restoreText(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}

/** A column's letters, as a spreadsheet names it: 0 is A, 26 is AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
