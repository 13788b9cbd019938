// The HTML report's charts, drawn as inline SVG by bva itself: pure functions from values to
// markup. Every string is escaped; every chart is an image (role="img") labelled by its <title>
// and <desc>, which say in words what it draws, and the page gives the same figures as a table.
import { textColourOn } from '../catalogue/model.js';
import { htmlEscape } from './escape.js';
import { PALETTE, type Colour } from './html-style.js';
import { wrap } from './wrap.js';

/** What a chart is called and says, for people who cannot see it. */
export interface ChartLabel {
  /** A prefix for the chart's element ids: letters, digits and hyphens, unique in the page. */
  readonly id: string;
  readonly title: string;
}

const WIDTH = 680;
const FONT = `font-family="Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif"`;
/** Average advance of a character, as a share of the font size: enough for Arial and its kin. */
const CHAR = 0.52;

const esc = htmlEscape;
const px = (n: number): string => String(Math.round(n * 10) / 10);
/** A palette colour by name, or a #RRGGBB colour (a level's, from levelColour) as it is. */
const fill = (c: Colour | Hex): string => (c.startsWith('#') ? c : PALETTE[c as Colour]);

/** A colour written #RRGGBB. */
export type Hex = `#${string}`;

function text(x: number, y: number, s: string, a: { size?: number; colour?: Colour | Hex; bold?: boolean; anchor?: 'start' | 'middle' | 'end' } = {}): string {
  const attrs = [
    `x="${px(x)}"`,
    `y="${px(y)}"`,
    `font-size="${a.size ?? 12}"`,
    `fill="${fill(a.colour ?? 'ink')}"`,
    ...(a.bold ? ['font-weight="700"'] : []),
    ...(a.anchor && a.anchor !== 'start' ? [`text-anchor="${a.anchor}"`] : []),
  ];
  return `<text ${attrs.join(' ')}>${esc(s)}</text>`;
}

/** Text broken into at most `lines` lines of about `width` pixels; an ellipsis marks a cut. */
export function fitLines(s: string, width: number, size: number, lines: number): string[] {
  const perLine = Math.max(4, Math.floor(width / (size * CHAR)));
  const all = wrap(s.replace(/\s+/g, ' ').trim(), perLine).split('\n');
  const kept = all.slice(0, lines).map((l) => (l.length > perLine ? `${l.slice(0, perLine - 1)}…` : l));
  if (all.length > lines) {
    const last = kept[lines - 1]!;
    kept[lines - 1] = `${last.length >= perLine ? last.slice(0, perLine - 1) : last}…`;
  }
  return kept;
}

function svg(label: ChartLabel, height: number, description: string, body: string): string {
  const t = `${label.id}-title`;
  const d = `${label.id}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${px(height)}" width="${WIDTH}" height="${px(height)}" role="img" aria-labelledby="${t} ${d}" ${FONT}>` +
    `<title id="${t}">${esc(label.title)}</title><desc id="${d}">${esc(description)}</desc>${body}</svg>`
  );
}

/** A level of a scale as a chart shows it. */
export interface ChartLevel {
  /** 0 = the weakest level. */
  readonly rank: number;
  readonly label: string;
}

/** One theme's row in the summary grid. */
export interface GridTheme {
  readonly number: number;
  readonly title: string;
  /** The status as a word ("Amber"), and its colours. */
  readonly ragWord: string;
  readonly ragColour: Colour;
  readonly level?: ChartLevel;
  /** Last period's level, when the report compares periods. */
  readonly previousLevel?: ChartLevel;
  /** How the level moved, as a word ("Improved"), when the report compares periods. */
  readonly movementWord?: string;
}

export interface GridOptions extends ChartLabel {
  /** The characteristic scale's labels, weakest first: the grid's columns. */
  readonly levels: readonly string[];
  /** Draw last period's level and the movement column. */
  readonly movement: boolean;
  /** What last period is called in the key ("2024-25"). */
  readonly previousName?: string;
}

/**
 * The summary grid: one row per theme with its number and title, its status as a coloured badge
 * with the word on it, its level as a dot on the scale, and with movement, last period's level as
 * a ring, an arrow between them and the movement in words.
 */
export function themeGrid(themes: readonly GridTheme[], o: GridOptions): string {
  const rowH = 44;
  const headH = 40;
  const titleX = 28;
  const titleW = 160;
  const badgeX = 196;
  const badgeW = 88;
  const moveW = o.movement ? 92 : 0;
  const trackX = 292;
  const trackEnd = WIDTH - moveW - 8;
  const cols = Math.max(o.levels.length, 1);
  const colW = (trackEnd - trackX) / cols;
  const centre = (rank: number): number => trackX + colW * (rank + 0.5);
  const keyH = o.movement ? 30 : 0;
  const height = headH + rowH * themes.length + keyH + 4;
  const parts: string[] = [];

  // 1. Column heads: the level labels, centred over their column.
  parts.push(text(0, headH - 10, 'Theme', { size: 12, bold: true }), text(badgeX, headH - 10, 'Status', { size: 12, bold: true }));
  o.levels.forEach((label, rank) => {
    const lines = fitLines(label, colW - 4, 11, 2);
    lines.forEach((l, i) => parts.push(text(centre(rank), headH - 10 - (lines.length - 1 - i) * 13, l, { size: 11, bold: true, anchor: 'middle' })));
  });
  if (o.movement) parts.push(text(WIDTH - moveW + 4, headH - 10, 'Movement', { size: 12, bold: true }));
  parts.push(`<line x1="0" y1="${headH - 2}" x2="${WIDTH}" y2="${headH - 2}" stroke="${fill('ink')}" stroke-width="1.5"/>`);
  if (o.movement) {
    parts.push(
      `<defs><marker id="${o.id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
        `<path d="M0,0 L10,5 L0,10 z" fill="${fill('ink')}"/></marker></defs>`,
    );
  }

  // 2. One row per theme.
  themes.forEach((t, i) => {
    const y = headH + i * rowH;
    const mid = y + rowH / 2;
    if (i % 2 === 1) parts.push(`<rect x="0" y="${y}" width="${WIDTH}" height="${rowH}" fill="${fill('stripe')}"/>`);
    const lines = fitLines(t.title, titleW, 13, 2);
    const firstY = mid + 4.5 - ((lines.length - 1) * 15) / 2;
    parts.push(text(0, firstY, `${t.number}.`, { size: 13, bold: true }));
    lines.forEach((l, j) => parts.push(text(titleX, firstY + j * 15, l, { size: 13 })));
    parts.push(`<rect x="${badgeX}" y="${mid - 12}" width="${badgeW}" height="24" rx="4" fill="${fill(t.ragColour)}"/>`);
    parts.push(text(badgeX + badgeW / 2, mid + 4.5, t.ragWord, { size: 12, bold: true, colour: 'paper', anchor: 'middle' }));
    parts.push(`<line x1="${px(centre(0))}" y1="${mid}" x2="${px(centre(cols - 1))}" y2="${mid}" stroke="${fill('rule')}" stroke-width="2"/>`);
    for (let r = 0; r < cols; r++) parts.push(`<circle cx="${px(centre(r))}" cy="${mid}" r="3.5" fill="${fill('paper')}" stroke="${fill('rule')}" stroke-width="1.5"/>`);
    const prev = o.movement ? t.previousLevel : undefined;
    if (prev) parts.push(`<circle cx="${px(centre(prev.rank))}" cy="${mid}" r="7.5" fill="${fill('paper')}" stroke="${fill('muted')}" stroke-width="2" stroke-dasharray="3 2"/>`);
    if (prev && t.level && prev.rank !== t.level.rank) {
      const dir = Math.sign(t.level.rank - prev.rank);
      parts.push(
        `<line x1="${px(centre(prev.rank) + dir * 10)}" y1="${mid}" x2="${px(centre(t.level.rank) - dir * 11)}" y2="${mid}" stroke="${fill('ink')}" stroke-width="2" marker-end="url(#${o.id}-arrow)"/>`,
      );
    }
    if (t.level) parts.push(`<circle cx="${px(centre(t.level.rank))}" cy="${mid}" r="8" fill="${fill('ink')}"/>`);
    else parts.push(text(centre(0) + 10, mid - 6, 'no level', { size: 11, colour: 'muted' }));
    if (o.movement) parts.push(text(WIDTH - moveW + 4, mid + 4.5, t.movementWord ?? '', { size: 12 }));
  });

  // 3. The key to the marks.
  if (o.movement) {
    const y = headH + rowH * themes.length + 20;
    parts.push(`<circle cx="8" cy="${y - 4}" r="6" fill="${fill('ink')}"/>`, text(20, y, 'this period', { size: 11 }));
    parts.push(`<circle cx="112" cy="${y - 4}" r="6" fill="${fill('paper')}" stroke="${fill('muted')}" stroke-width="2" stroke-dasharray="3 2"/>`);
    parts.push(text(124, y, `last period${o.previousName ? ` (${o.previousName})` : ''}`, { size: 11 }));
  }

  const said = themes.map((t) => {
    const level = t.level ? `level ${t.level.label}` : 'no level';
    const before = o.movement ? (t.previousLevel ? `, last period ${t.previousLevel.label}` : ', no level last period') : '';
    const moved = o.movement && t.movementWord ? ` (${t.movementWord.toLowerCase()})` : '';
    return `${t.number}. ${t.title}: ${t.ragWord}, ${level}${before}${moved}.`;
  });
  return svg(o, height, `Each theme's status and level on the scale ${o.levels.join(', ')}. ${said.join(' ')}`, parts.join(''));
}

/** A part of a ratings bar: a rating and how many indicators have it. */
export interface BarSegment {
  readonly label: string;
  readonly count: number;
  /** A palette colour, or a level's own colour (#RRGGBB); the count on it is black or white, whichever reads better. */
  readonly colour: Colour | Hex;
  /** Drawn as an outline (unanswered): no colour of its own. */
  readonly hollow?: boolean;
}

/** One bar: a kind of indicator and its ratings, weakest first. */
export interface Bar {
  readonly label: string;
  readonly segments: readonly BarSegment[];
}

/**
 * A theme's ratings: per kind of indicator, a bar split by rating, with the count on each part
 * and a key that names every rating with its count.
 */
export function ratingsChart(bars: readonly Bar[], o: ChartLabel): string {
  const barH = 24;
  const parts: string[] = [];
  let y = 0;
  for (const bar of bars) {
    const total = bar.segments.reduce((n, s) => n + s.count, 0);
    parts.push(text(0, y + 14, `${bar.label} (${total})`, { size: 12, bold: true }));
    y += 20;
    // 1. The bar, its parts in proportion, a gap between parts.
    let x = 0;
    for (const s of bar.segments) {
      if (s.count === 0 || total === 0) continue;
      const w = (s.count / total) * WIDTH;
      const inner = Math.max(w - 2, 1);
      parts.push(
        s.hollow
          ? `<rect x="${px(x + 1)}" y="${y + 1}" width="${px(Math.max(inner - 1, 1))}" height="${barH - 2}" fill="${fill('paper')}" stroke="${fill('muted')}" stroke-width="1.5" stroke-dasharray="4 3"/>`
          : `<rect x="${px(x)}" y="${y}" width="${px(inner)}" height="${barH}" fill="${fill(s.colour)}"/>`,
      );
      if (inner >= 18) parts.push(text(x + inner / 2, y + 16.5, String(s.count), { size: 12, bold: true, colour: s.hollow ? 'ink' : (textColourOn(fill(s.colour)) as Hex), anchor: 'middle' }));
      x += w;
    }
    if (total === 0) parts.push(`<rect x="0.5" y="${y + 0.5}" width="${WIDTH - 1}" height="${barH - 1}" fill="${fill('paper')}" stroke="${fill('rule')}"/>`);
    y += barH + 16;
    // 2. The key, flowing onto more lines when it must.
    let kx = 0;
    for (const s of bar.segments) {
      const words = `${s.label}: ${s.count}`;
      const w = 16 + words.length * 11 * CHAR + 18;
      if (kx > 0 && kx + w > WIDTH) {
        kx = 0;
        y += 18;
      }
      parts.push(
        s.hollow
          ? `<rect x="${px(kx + 0.75)}" y="${y - 10.25}" width="10.5" height="10.5" fill="${fill('paper')}" stroke="${fill('muted')}" stroke-width="1.5" stroke-dasharray="2 1.5"/>`
          : `<rect x="${px(kx)}" y="${y - 11}" width="12" height="12" fill="${fill(s.colour)}"/>`,
      );
      parts.push(text(kx + 16, y, words, { size: 11 }));
      kx += w;
    }
    y += 22;
  }
  const said = bars.map((b) => `${b.label}: ${b.segments.map((s) => `${s.label} ${s.count}`).join(', ')}.`);
  return svg(o, Math.max(y - 6, 1), said.join(' '), parts.join(''));
}

/** A cell of a heat map: its words, drawn on its colour (or as an outline, or blank). */
export interface HeatCell {
  readonly text: string;
  /** A second, smaller line under the words ("red flag", a theme's level). */
  readonly sub?: string;
  /** The cell's colour; absent: an outline (not answered), or nothing at all with `blank`. */
  readonly colour?: Colour | Hex;
  /** The colour of the words on it (white by default: the palette's colours all take white). */
  readonly ink?: Colour | Hex;
  /** Words in bold (a red flag). */
  readonly bold?: boolean;
  /** No mark at all: the thing did not exist then. */
  readonly blank?: boolean;
}

/** A row of a heat map: what it is (a bold name and a line of muted words) and its cells. */
export interface HeatRow {
  readonly name: string;
  readonly words?: string;
  readonly cells: readonly HeatCell[];
  /** A last, uncoloured column ("Improved"). */
  readonly trailer?: string;
}

export interface HeatOptions extends ChartLabel {
  /** The columns' headings ("2023-24"), one per cell. */
  readonly columns: readonly string[];
  /** The heading of the trailer column, when rows have one. */
  readonly trailer?: string;
  /** What the chart shows, in words, row by row: its text alternative. */
  readonly description: string;
}

/**
 * A heat map: one row per thing, one coloured cell per column with its words on it, so the chart
 * reads without colour too. Rows alternate their background like the page's tables.
 */
export function heatMap(rows: readonly HeatRow[], o: HeatOptions): string {
  const headH = 30;
  const rowH = 34;
  const nameW = 222;
  const trailerW = o.trailer !== undefined ? 104 : 0;
  const cellsX = nameW + 8;
  const cellsEnd = WIDTH - trailerW - (trailerW > 0 ? 6 : 0);
  const cols = Math.max(o.columns.length, 1);
  const colW = (cellsEnd - cellsX) / cols;
  const parts: string[] = [];

  // 1. Column heads.
  o.columns.forEach((c, n) => parts.push(text(cellsX + colW * (n + 0.5), headH - 10, fitLines(c, colW - 4, 12, 1)[0]!, { size: 12, bold: true, anchor: 'middle' })));
  if (o.trailer !== undefined) parts.push(text(cellsEnd + 6, headH - 10, o.trailer, { size: 12, bold: true }));
  parts.push(`<line x1="0" y1="${headH - 2}" x2="${WIDTH}" y2="${headH - 2}" stroke="${fill('ink')}" stroke-width="1.5"/>`);

  // 2. One row per thing: its name, its cells, its trailer.
  rows.forEach((r, i) => {
    const y = headH + i * rowH;
    if (i % 2 === 1) parts.push(`<rect x="0" y="${y}" width="${WIDTH}" height="${rowH}" fill="${fill('stripe')}"/>`);
    // The name on one line over the words, or on up to two lines alone.
    if (r.words !== undefined) {
      parts.push(text(0, y + 14, fitLines(r.name, nameW, 12, 1)[0]!, { size: 12, bold: true }));
      parts.push(text(0, y + 27, fitLines(r.words, nameW, 10.5, 1)[0]!, { size: 10.5, colour: 'muted' }));
    } else {
      const lines = fitLines(r.name, nameW, 12, 2);
      lines.forEach((l, j) => parts.push(text(0, y + rowH / 2 + 4.5 - ((lines.length - 1) * 14) / 2 + j * 14, l, { size: 12, bold: true })));
    }
    r.cells.forEach((c, n) => {
      const x = cellsX + colW * n + 2;
      const w = colW - 4;
      const label = fitLines(c.text, w - 8, 11, 1)[0]!;
      const sub = c.sub !== undefined ? fitLines(c.sub, w - 8, 10, 1)[0]! : undefined;
      const ink = c.blank ? 'muted' : c.colour === undefined ? 'ink' : (c.ink ?? 'paper');
      if (c.colour === undefined && !c.blank) {
        parts.push(`<rect x="${px(x + 0.75)}" y="${y + 3.75}" width="${px(w - 1.5)}" height="${rowH - 7.5}" rx="3" fill="${fill('paper')}" stroke="${fill('muted')}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
      } else if (c.colour !== undefined) {
        parts.push(`<rect x="${px(x)}" y="${y + 3}" width="${px(w)}" height="${rowH - 6}" rx="3" fill="${fill(c.colour)}"/>`);
      }
      const bold = c.bold ? { bold: true } : {};
      if (sub === undefined) parts.push(text(x + w / 2, y + rowH / 2 + 4, label, { size: 11, colour: ink, anchor: 'middle', ...bold }));
      else parts.push(text(x + w / 2, y + 15, label, { size: 11, colour: ink, anchor: 'middle', ...bold }), text(x + w / 2, y + 27, sub, { size: 10, colour: ink, anchor: 'middle' }));
    });
    if (r.trailer !== undefined) parts.push(text(cellsEnd + 6, y + rowH / 2 + 4, fitLines(r.trailer, trailerW - 4, 11, 1)[0]!, { size: 11 }));
  });
  return svg(o, headH + rowH * rows.length + 4, o.description, parts.join(''));
}
