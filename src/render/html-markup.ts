// Safe HTML for bva's pages (the report, the trend): markup is built with the `h` template, which
// escapes every value it is given unless it is markup built the same way, so text from an answers
// file or a catalogue can never become markup; and the few shapes every page uses (prose, links,
// captioned tables with header cells).
import { htmlEscape } from './escape.js';
import { pageStyle } from './html-style.js';
import { DRAFT_WORD, httpUrl } from './report-text.js';

/** Markup that is already safe: built by `h`, or by a function that escapes what it is given. */
export class Markup {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type Value = Markup | string | number | false | null | undefined | readonly Value[];

/** Markup from trusted code only (the stylesheet, the charts); never user text. */
export const trusted = (html: string): Markup => new Markup(html);

function flatten(v: Value): string {
  if (v instanceof Markup) return v.html;
  if (Array.isArray(v)) return v.map(flatten).join('');
  if (v === false || v === null || v === undefined) return '';
  return htmlEscape(String(v));
}

/** Builds markup: the literal parts as written, every value escaped unless it is Markup. */
export function h(parts: TemplateStringsArray, ...values: readonly Value[]): Markup {
  let out = parts[0]!;
  values.forEach((v, i) => (out += flatten(v) + parts[i + 1]!));
  return new Markup(out);
}

/** Text a person wrote: paragraphs at blank lines, line breaks kept. */
export function prose(text: string): Markup {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return h`${paragraphs.map((p) => h`<p>${p.trim().split('\n').map((line, n) => h`${n > 0 && trusted('<br>')}${line}`)}</p>`)}`;
}

/** Text as a link when the URL is http(s), else as text. */
export function linked(text: string, url: string | undefined): Markup {
  const href = url === undefined ? undefined : httpUrl(url);
  return href ? h`<a href="${href}">${text}</a>` : h`${text}`;
}

/** A column of a table: its heading and how a row fills its cell. */
export interface Column<T> {
  readonly head: string;
  readonly cell: (row: T) => Value;
  /** The cell names the row: a header cell for it. */
  readonly rowHeader?: boolean;
  readonly className?: string;
}

/** A table with a caption, header cells for columns (and the row-naming column), one row per item. */
export function table<T>(caption: string, columns: readonly Column<T>[], rows: readonly T[], rowClass?: (row: T) => string | undefined): Markup {
  const cls = (c: Column<T>): Value => c.className && h` class="${c.className}"`;
  return h`<table><caption>${caption}</caption>
<thead><tr>${columns.map((c) => h`<th scope="col"${cls(c)}>${c.head}</th>`)}</tr></thead>
<tbody>
${rows.map((r) => {
  const rc = rowClass?.(r);
  return h`<tr${rc && h` class="${rc}"`}>${columns.map((c) => (c.rowHeader ? h`<th scope="row"${cls(c)}>${c.cell(r)}</th>` : h`<td${cls(c)}>${c.cell(r)}</td>`))}</tr>\n`;
})}</tbody></table>`;
}

/**
 * A table's columns in the order of its shared headings (report-text.ts), each heading's cell from a
 * table keyed by the heading, so a heading without a cell does not compile.
 */
export function columnsOf<T, H extends string>(heads: readonly H[], cells: Record<H, Omit<Column<T>, 'head'>>): Column<T>[] {
  return heads.map((head) => ({ head, ...cells[head] }));
}

/** Lines in one cell. */
export const lines = (items: readonly Value[]): Markup => h`${items.filter((v) => v !== '' && v !== undefined && v !== false).map((v, n) => h`${n > 0 && trusted('<br>')}${v}`)}`;

/**
 * A page's doctype and head, to its </head>: English, UTF-8, a Content-Security-Policy that lets
 * the page load and run nothing (inline style only), the tool that wrote it, its title, and the
 * stylesheet with `footer` printed at the foot of every A4 page. Every page bva writes starts so.
 */
export function pageHead(title: string, generatedBy: string, footer: string): Markup {
  return h`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="generator" content="${generatedBy}">
<title>${title}</title>
<style>
${trusted(pageStyle(footer, DRAFT_WORD))}</style>
</head>`;
}
