// A table as CSV, and CSV read back: UTF-8 with a byte-order mark (so Excel reads it as UTF-8, as
// its own "CSV UTF-8" does), a header row, RFC 4180 quoting and CRLF line ends. Text a
// spreadsheet would take as a formula is written safe (formulaSafe). Pure: text in, text out.
import { cellOf, formulaSafe, type Table } from './table.js';

const BOM = '\uFEFF';

/** A field, quoted when it holds a comma, a quote or a line break (quotes doubled). */
const field = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The table as one CSV file. */
export function tableCsv(table: Table): string {
  const lines = [table.columns.map((c) => field(c.header))];
  for (const row of table.rows) {
    lines.push(
      table.columns.map((col, n) => {
        const v = cellOf(row[n]).value;
        if (v === undefined) return '';
        if (typeof v === 'number') return String(v);
        // A date column's YYYY-MM-DD is a date to a spreadsheet, never a formula.
        return field(col.kind === 'date' ? v : formulaSafe(v));
      }),
    );
  }
  return `${BOM}${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/**
 * The records of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks;
 * CRLF or LF line ends; a leading byte-order mark ignored). Returns undefined, with the 1-based
 * record where it happened, when a quoted field is never closed.
 */
export function parseCsv(text: string): { readonly records: string[][] } | { readonly unclosedAt: number } {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let value = '';
  let quoted = false;
  let at = 0;
  const endField = (): void => {
    record.push(value);
    value = '';
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
  };
  while (at < src.length) {
    const c = src[at]!;
    if (quoted) {
      if (c === '"') {
        if (src[at + 1] === '"') {
          value += '"';
          at += 2;
          continue;
        }
        quoted = false;
      } else {
        value += c;
      }
      at++;
      continue;
    }
    if (c === '"' && value === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && src[at + 1] === '\n') {
      endRecord();
      at++;
    } else if (c === '\n' || c === '\r') endRecord();
    else value += c;
    at++;
  }
  if (quoted) return { unclosedAt: records.length + 1 };
  if (value !== '' || record.length > 0) endRecord();
  return { records };
}
