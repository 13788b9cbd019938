// Catalogues for the terminal: the list of shipped catalogues, and themes in full.
import type { CatalogueModel, Indicator, Theme } from '../catalogue/model.js';
import { terminalLine, terminalSafe } from './escape.js';
import { PLAIN, type Paint } from './paint.js';
import { wrap } from './wrap.js';

/** A catalogue's counts, as `catalogue list` shows them. */
export interface CatalogueSummary {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly file: string;
  readonly themes: number;
  readonly indicators: number;
  readonly characteristics: number;
  readonly failures: number;
  readonly byTheme: readonly { readonly id: string; readonly title: string; readonly characteristics: number; readonly failures: number }[];
}

const countKind = (t: Theme, kind: Indicator['kind']): number => t.indicators.filter((i) => i.kind === kind).length;

export function catalogueSummary(model: CatalogueModel, file: string): CatalogueSummary {
  const c = model.catalogue;
  const byTheme = c.themes.map((t) => ({ id: t.id, title: t.title, characteristics: countKind(t, 'characteristic'), failures: countKind(t, 'failure') }));
  return {
    id: c.id,
    version: c.version,
    title: c.title,
    file,
    themes: c.themes.length,
    indicators: model.indicatorCount,
    characteristics: byTheme.reduce((n, t) => n + t.characteristics, 0),
    failures: byTheme.reduce((n, t) => n + t.failures, 0),
    byTheme,
  };
}

/** Left-aligned columns, two spaces apart. */
export function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

export function renderCatalogueList(summaries: readonly CatalogueSummary[], paint: Paint = PLAIN): string {
  const out: string[] = [];
  for (const s of summaries) {
    out.push(`${paint.bold(`${s.id} ${s.version}`)}  ${terminalLine(s.title)}`);
    out.push(`${s.file}: ${s.themes} themes, ${s.indicators} indicators (${s.characteristics} characteristics, ${s.failures} indicators of failure)`);
    out.push('');
    out.push(columns([['theme', 'characteristics', 'failure', 'title'], ...s.byTheme.map((t) => [t.id, String(t.characteristics), String(t.failures), terminalLine(t.title)])]).replace(/^/gm, '  '));
    out.push('');
  }
  return out.join('\n');
}

/** Section headings for each kind of indicator (the scale titles name one of them, in the singular). */
const KIND_HEADINGS = { characteristic: 'Characteristics of a well-functioning authority', failure: 'Indicators of potential failure' } as const;

export interface ShowOptions {
  readonly width: number;
  readonly paint?: Paint;
}

/** Themes in full: summary, then each indicator with its reference, help and typical evidence. */
export function renderTheme(model: CatalogueModel, themes: readonly Theme[], o: ShowOptions): string {
  const paint = o.paint ?? PLAIN;
  const w = o.width;
  const c = model.catalogue;
  const out: string[] = [];
  let anyDerived = false;
  for (const theme of themes) {
    const n = model.themeOrder.get(theme.id)! + 1;
    out.push(paint.bold(`${n}. ${terminalLine(theme.title)}`) + paint.dim(` (${theme.id})`));
    out.push(wrap(terminalSafe(theme.summary), w));
    if (theme.reference) out.push(paint.dim(wrap(`Reference: ${terminalSafe(theme.reference)}`, w)));
    for (const kind of ['characteristic', 'failure'] as const) {
      const indicators = theme.indicators.filter((i) => i.kind === kind);
      if (indicators.length === 0) continue;
      out.push('');
      out.push(paint.bold(`${KIND_HEADINGS[kind]} (${indicators.length})`));
      for (const ind of indicators) {
        anyDerived ||= ind.derived === true;
        const head = `${ind.id}${ind.derived ? ' [derived]' : ''}`;
        const indent = 4;
        out.push('');
        out.push(`  ${paint.cyan(head)}`);
        out.push(wrap(terminalSafe(ind.text), w, indent));
        if (ind.note) out.push(wrap(`Note: ${terminalSafe(ind.note)}`, w, indent + 6, indent));
        out.push(paint.dim(wrap(`Reference: ${terminalSafe(ind.reference)}`, w, indent + 11, indent)));
        if (ind.help) out.push(wrap(`Good looks like: ${terminalSafe(ind.help)}`, w, indent + 17, indent));
        const ev = ind['typical-evidence'];
        if (ev && ev.length > 0) out.push(wrap(`Evidence: ${ev.map(terminalSafe).join('; ')}`, w, indent + 10, indent));
      }
    }
    out.push('');
  }
  if (anyDerived) out.push(wrap("[derived] marks bva's reading of the guidance (the reverse of a point it makes, or a topic councils assess), not a point the guidance makes in so many words.", w));
  out.push(wrap(`Source: ${terminalSafe(c.source.title)}, ${terminalSafe(c.source.publisher)}, ${c.source.date}. ${terminalSafe(c.source.attribution ?? c.source.licence)}`, w));
  if (c.source.note) out.push(wrap(terminalSafe(c.source.note), w));
  return `${out.join('\n')}\n`;
}
