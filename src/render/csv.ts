// CSV as RFC 4180 writes it, for spreadsheets and performance systems: CRLF line ends, a field
// quoted when it holds a comma, a quote or a line break (quotes doubled), and text that a
// spreadsheet would run as a formula (starting =, +, -, @, or a tab or carriage return) prefixed
// with an apostrophe so it stays text. Numbers bva itself writes are left as numbers.

/** A cell: text (guarded and quoted as needed), a number, or nothing. */
export type CsvValue = string | number | undefined;

/** One field, as RFC 4180 writes it. */
export function csvField(value: CsvValue): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table: the header, then one record per row, each line ending CRLF. */
export function csvTable(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}
