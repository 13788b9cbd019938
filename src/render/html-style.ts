// The HTML report's look: one palette, the text/background pairs it is used in (each at least
// 4.5:1, WCAG AA), and the stylesheet for screen and A4 paper, kept as a string so the page
// carries it inline and the bundle reads no file.
import type { Rag } from '../generated/report.js';

/** Every colour the page and its charts use. */
export const PALETTE = {
  paper: '#FFFFFF',
  ink: '#1B1B1B',
  muted: '#4B4B4B',
  link: '#1D4ED8',
  /** Table borders and chart guide lines: decoration, never text. */
  rule: '#9AA0A8',
  stripe: '#F3F4F6',
  head: '#E6E8EB',
  flag: '#FDEDEB',
  red: '#B42318',
  amber: '#A14F00',
  green: '#19703A',
  blue: '#1F5FA8',
  grey: '#595959',
} as const;

export type Colour = keyof typeof PALETTE;

/** A colour for text or a mark, and the colour it sits on. */
export interface Tone {
  readonly fg: Colour;
  readonly bg: Colour;
}

/** Each status as a filled badge or bar: white words on the status colour. */
export const RAG_TONES: Record<Rag, Tone> = {
  red: { fg: 'paper', bg: 'red' },
  amber: { fg: 'paper', bg: 'amber' },
  green: { fg: 'paper', bg: 'green' },
  'not-assessed': { fg: 'paper', bg: 'grey' },
};

/** Rating colours from the weakest level to the strongest, by how many levels a scale has. */
const LEVEL_RAMPS: Readonly<Record<number, readonly Colour[]>> = {
  1: ['green'],
  2: ['red', 'green'],
  3: ['red', 'amber', 'green'],
  4: ['red', 'amber', 'green', 'blue'],
};

/** The colour of a rating at `rank` (0 = weakest) on a scale of `of` levels; longer scales share the four colours in order. */
export function levelColour(rank: number, of: number): Colour {
  const ramp = LEVEL_RAMPS[of] ?? LEVEL_RAMPS[4]!;
  const i = of <= 1 ? ramp.length - 1 : Math.round((rank / (of - 1)) * (ramp.length - 1));
  return ramp[Math.min(Math.max(i, 0), ramp.length - 1)]!;
}

/** Not-applicable ratings in a chart. */
export const NOT_APPLICABLE_COLOUR: Colour = 'grey';

/**
 * Every pair of colours the page draws one on the other: text on its background, and chart
 * marks on the page. The unit test holds each to 4.5:1 and every colour in the page to this list.
 */
export const COLOUR_PAIRS: readonly (readonly [fg: Colour, bg: Colour, where: string])[] = [
  ['ink', 'paper', 'body text'],
  ['muted', 'paper', 'notes, captions, references'],
  ['link', 'paper', 'links'],
  ['ink', 'stripe', 'text in alternate table rows and chart rows'],
  ['muted', 'stripe', 'references in alternate table rows'],
  ['link', 'stripe', 'links in alternate table rows'],
  ['ink', 'head', 'table header cells'],
  ['ink', 'flag', 'text in a red-flag row'],
  ['muted', 'flag', 'references in a red-flag row'],
  ['link', 'flag', 'links in a red-flag row'],
  ['red', 'flag', 'the words "Red flag" in a red-flag row'],
  ['red', 'paper', 'the words "Red flag" and "Overdue"; red chart marks'],
  ['red', 'stripe', 'the words "Overdue" in alternate rows'],
  ...(['red', 'amber', 'green', 'blue', 'grey'] as const).flatMap((c) => [
    ['paper', c, `white words on ${c} (badges, bar counts)`] as const,
    [c, 'paper', `${c} chart marks on the page`] as const,
    [c, 'stripe', `${c} chart marks in alternate chart rows`] as const,
  ]),
];

/**
 * CSS for a quoted string: everything but plain letters, digits and spaces as a hex escape, so
 * text cannot end the string or the style element. Each escape ends with the one space CSS
 * takes as its end, so a space the text has after it survives.
 */
export function cssString(text: string): string {
  return `"${[...text].map((c) => (/^[A-Za-z0-9 ]$/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

const p = PALETTE;

/**
 * The page's stylesheet. `footer` is the line printed at the foot of every A4 page (the
 * authority and period); it is user text, so it goes in as an escaped CSS string.
 */
export function pageStyle(footer: string): string {
  return `
:root { color-scheme: light; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem; color: ${p.ink}; background: ${p.paper};
  font: 1rem/1.5 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
h1, h2, h3 { line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 2rem; margin-top: 0.4em; }
h2 { font-size: 1.5rem; border-bottom: 2px solid ${p.ink}; padding-bottom: 0.2em; }
h3 { font-size: 1.15rem; }
p, ul, ol, dl { margin: 0.5em 0; }
a { color: ${p.link}; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.muted, .ref, caption, figcaption, .generated { color: ${p.muted}; }
.ref { font-size: 0.85em; }
.subtitle { font-size: 1.25rem; margin: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1.2em; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; }
dl.facts ul { margin: 0; padding-left: 1.1em; columns: 2 22rem; column-gap: 2rem; }
.rag { display: inline-block; padding: 0.05em 0.55em; border-radius: 0.25em; font-weight: 700; white-space: nowrap; }
${(Object.keys(RAG_TONES) as Rag[]).map((r) => `.rag-${r} { color: ${p[RAG_TONES[r].fg]}; background: ${p[RAG_TONES[r].bg]}; }`).join('\n')}
.red-flag, .overdue { color: ${p.red}; font-weight: 700; }
.status-line { font-size: 1.1rem; }
.council-summary { border-left: 4px solid ${p.rule}; margin: 0.8em 0; padding: 0.1em 0 0.1em 1em; }
.signoff-warning { border-left: 4px solid ${p.red}; background: ${p.flag}; padding: 0.4em 0.8em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1.2em; font-size: 0.92rem; }
caption { caption-side: top; text-align: left; font-size: 0.9em; padding-bottom: 0.3em; }
th, td { border: 1px solid ${p.rule}; padding: 0.35em 0.5em; text-align: left; vertical-align: top; }
thead th { background: ${p.head}; }
tbody tr:nth-child(even) { background: ${p.stripe}; }
tbody tr.flagged { background: ${p.flag}; }
th[scope="row"] { font-weight: 400; }
td.num, th.num { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.indicator-id { font-weight: 700; white-space: nowrap; }
.commentary p:first-child { margin-top: 0; }
.evidence { margin: 0.3em 0 0; padding-left: 1.1em; font-size: 0.92em; }
.evidence a, .source a { overflow-wrap: anywhere; }
figure { margin: 1em 0 1.4em; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 0.9em; margin-top: 0.3em; }
footer.page-footer { margin-top: 3em; border-top: 1px solid ${p.rule}; padding-top: 0.5em; font-size: 0.9em; color: ${p.muted}; }

@page {
  size: A4;
  margin: 16mm 15mm 18mm;
  @bottom-left { content: ${cssString(footer)}; font: 8pt Arial, "Liberation Sans", sans-serif; color: ${p.muted}; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Arial, "Liberation Sans", sans-serif; color: ${p.muted}; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h1 { margin-top: 0; }
  h2 { font-size: 16pt; }
  h3 { font-size: 12pt; }
  h2, h3, caption { break-after: avoid; }
  #themes, section.theme + section.theme, section.back { break-before: page; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, figure, .keep { break-inside: avoid; }
  .evidence a[href]::after { content: " (" attr(href) ")"; color: ${p.muted}; overflow-wrap: anywhere; }
  footer.page-footer { display: none; }
}
`.trimStart();
}
