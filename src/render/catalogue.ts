// Catalogues for the terminal: the list of shipped catalogues, and themes in full.
import { levelColour, levelRag, type CatalogueModel, type Indicator, type Scale, type Theme } from '../catalogue/model.js';
import { terminalLine, terminalSafe } from './escape.js';
import { PLAIN, type Paint } from './paint.js';
import { wrap } from './wrap.js';

/** A catalogue's counts, as `catalogue list` shows them. */
export interface CatalogueSummary {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly file: string;
  /** Shipped with bva, rather than listed in a bva.config.yaml. */
  readonly shipped: boolean;
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
    shipped: model.origin.shipped,
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
    out.push(`${terminalLine(s.file)}${s.shipped ? '' : ' (listed in bva.config.yaml)'}: ${s.themes} themes, ${s.indicators} indicators (${s.characteristics} characteristics, ${s.failures} indicators of failure)`);
    out.push('');
    out.push(columns([['theme', 'characteristics', 'failure', 'title'], ...s.byTheme.map((t) => [t.id, String(t.characteristics), String(t.failures), terminalLine(t.title)])]).replace(/^/gm, '  '));
    out.push('');
  }
  return out.join('\n');
}

export interface ShowOptions {
  readonly width: number;
  readonly paint?: Paint;
}

const KINDS = ['characteristic', 'failure'] as const;

/** A scale's levels, worst first: the word the answers file keeps, the label, what it counts as, its colour and meaning. */
export function renderScale(scale: Scale, kind: Indicator['kind'], o: ShowOptions): string {
  const paint = o.paint ?? PLAIN;
  const out = [paint.bold(wrap(`${terminalLine(scale.title)} (the ${kind} scale, worst first)${scale.question ? `: ${terminalLine(scale.question)}` : ''}`, o.width))];
  const wordWidth = Math.max(...scale.levels.map((l) => terminalLine(l.word).length));
  scale.levels.forEach((l, rank) => {
    const colour = `colour ${levelColour(scale, rank)}${l.colour ? '' : " (bva's default)"}`;
    const facts = [terminalLine(l.label), `counts as ${levelRag(scale, rank)}`, ...(l['red-flag'] === true ? ['red flag'] : []), colour].join(' · ');
    out.push(`  ${paint.cyan(terminalLine(l.word).padEnd(wordWidth))}  ${facts}`);
    out.push(wrap(terminalSafe(l.meaning), o.width, wordWidth + 4));
  });
  return out.join('\n');
}

/**
 * The catalogue in full, or some of its themes: with every theme, its title and description first;
 * then its scales (worst level first), then each theme with its indicators (reference, note, help,
 * typical evidence), and the notes and credit that apply.
 */
export function renderTheme(model: CatalogueModel, themes: readonly Theme[], o: ShowOptions): string {
  const paint = o.paint ?? PLAIN;
  const w = o.width;
  const c = model.catalogue;
  const out: string[] = [];
  // The whole catalogue opens with what it is and its scales; one theme closes with the scales it uses.
  const whole = themes.length === model.themes.length;
  const scales = (): string[] =>
    KINDS.flatMap((kind) => {
      const scale = c.scales[kind];
      return scale && (whole || themes.some((t) => t.indicators.some((i) => i.kind === kind))) ? [renderScale(scale, kind, o), ''] : [];
    });
  if (whole) {
    out.push(paint.bold(wrap(`${terminalLine(c.title)} (${terminalLine(c.id)} ${terminalLine(c.version)})`, w)));
    if (c.description) out.push(wrap(terminalSafe(c.description), w));
    out.push('', ...scales());
  }
  let anyDerived = false;
  let anyDraft = false;
  for (const theme of themes) {
    const n = model.themeOrder.get(theme.id)! + 1;
    out.push(paint.bold(`${n}. ${terminalLine(theme.title)}`) + paint.dim(` (${theme.id})`));
    out.push(wrap(terminalSafe(theme.summary), w));
    if (theme.reference) out.push(paint.dim(wrap(`Reference: ${terminalSafe(theme.reference)}`, w)));
    for (const kind of KINDS) {
      const indicators = theme.indicators.filter((i) => i.kind === kind);
      if (indicators.length === 0) continue;
      out.push('');
      out.push(paint.bold(`${terminalLine(c.scales[kind]?.title ?? kind)} (${indicators.length})`));
      for (const ind of indicators) {
        anyDerived ||= ind.derived === true;
        anyDraft ||= ind.draft === true;
        const head = `${ind.id}${ind.derived ? ' [derived]' : ''}${ind.draft ? ' [draft]' : ''}`;
        const indent = 4;
        out.push('');
        out.push(`  ${paint.cyan(head)}`);
        out.push(wrap(terminalSafe(ind.text), w, indent));
        if (ind.note) out.push(wrap(`Note: ${terminalSafe(ind.note)}`, w, indent + 6, indent));
        if (ind.reference) out.push(paint.dim(wrap(`Reference: ${terminalSafe(ind.reference)}`, w, indent + 11, indent)));
        if (ind.help) out.push(wrap(`Good looks like: ${terminalSafe(ind.help)}`, w, indent + 17, indent));
        const ev = ind['typical-evidence'];
        if (ev && ev.length > 0) out.push(wrap(`Evidence: ${ev.map(terminalSafe).join('; ')}`, w, indent + 10, indent));
      }
    }
    out.push('');
  }
  if (!whole) out.push(...scales());
  const source = c.source;
  if (anyDerived) out.push(wrap(`[derived] marks the catalogue's own reading, not a point ${source ? 'its source makes' : 'taken as written'} in so many words.`, w));
  if (anyDraft) {
    const draft = source?.draft;
    out.push(wrap(`[draft] marks wording found only in ${draft ? `${terminalLine(draft.title)} (${draft.date})` : 'a draft of the source'}, not confirmed in the final text.`, w));
  }
  if (source) {
    out.push(wrap(`Source: ${terminalSafe(source.title)}, ${terminalSafe(source.publisher)}, ${source.date}. ${terminalSafe(source.attribution ?? source.licence)}`, w));
    if (source.note) out.push(wrap(terminalSafe(source.note), w));
  }
  return `${out.join('\n')}\n`;
}
