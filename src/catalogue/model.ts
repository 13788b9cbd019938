// The catalogue as the rest of bva uses it: the checked file plus lookups by id.
import type { Catalogue, CatalogueReplaces, Indicator, Level, Scale, Theme } from '../generated/catalogue.js';
import type { Input } from '../source/atomic.js';

export type { Catalogue, CatalogueReplaces, Indicator, Level, Scale, Theme };
export type IndicatorKind = Indicator['kind'];

/** The word that marks an indicator as not applicable, on every scale. */
export const NOT_APPLICABLE = 'not-applicable';

/** An indicator with its theme, its scale and its position in the catalogue. */
export interface IndicatorEntry {
  readonly indicator: Indicator;
  readonly theme: Theme;
  readonly scale: Scale;
  /** 0-based position within its theme. */
  readonly index: number;
  /** 0-based position across the catalogue (catalogue order). */
  readonly order: number;
}

/** Where a catalogue was loaded from. */
export interface CatalogueOrigin {
  /** The absolute path. */
  readonly path: string;
  /** The path as shown to people. */
  readonly display: string;
  /** One of the catalogues shipped with bva (found by id and version, never by path). */
  readonly shipped: boolean;
}

/** A checked catalogue, indexed. */
export interface CatalogueModel {
  readonly catalogue: Catalogue;
  /** Where it was loaded from. */
  readonly origin: CatalogueOrigin;
  readonly themes: readonly Theme[];
  readonly themeById: ReadonlyMap<string, Theme>;
  readonly indicatorById: ReadonlyMap<string, IndicatorEntry>;
  /** Catalogue order of theme ids, for sorting. */
  readonly themeOrder: ReadonlyMap<string, number>;
  readonly indicatorCount: number;
}

/** Indexes a catalogue that has passed its checks (ids unique, every kind has a scale). */
export function indexCatalogue(catalogue: Catalogue, origin: CatalogueOrigin): CatalogueModel {
  const themeById = new Map<string, Theme>();
  const themeOrder = new Map<string, number>();
  const indicatorById = new Map<string, IndicatorEntry>();
  let order = 0;
  catalogue.themes.forEach((theme, t) => {
    themeById.set(theme.id, theme);
    themeOrder.set(theme.id, t);
    theme.indicators.forEach((indicator, index) => {
      const scale = catalogue.scales[indicator.kind];
      if (!scale) throw new Error(`no scale for ${indicator.kind}`); // ruled out by the checks
      indicatorById.set(indicator.id, { indicator, theme, scale, index, order: order++ });
    });
  });
  return { catalogue, origin, themes: catalogue.themes, themeById, indicatorById, themeOrder, indicatorCount: order };
}

/** The words of an indicator's scale, weakest first: what a target may be. */
export function scaleWords(entry: Pick<IndicatorEntry, 'scale'>): string[] {
  return entry.scale.levels.map((l) => l.word);
}

/** The words a rating may take for an indicator: its scale's words, then not-applicable. */
export function ratingWords(entry: Pick<IndicatorEntry, 'scale'>): string[] {
  return [...scaleWords(entry), NOT_APPLICABLE];
}

/** The level of a scale for a word, with its position (0 = weakest), or undefined. */
export function levelOf(scale: Scale, word: string | undefined): { level: Level; rank: number } | undefined {
  if (word === undefined) return undefined;
  const rank = scale.levels.findIndex((l) => l.word === word);
  return rank === -1 ? undefined : { level: scale.levels[rank]!, rank };
}

/** "catalogue-id version", as shown in messages and reports. */
export const catalogueLabel = (c: Pick<Catalogue, 'id' | 'version'>): string => `${c.id} ${c.version}`;

/** Catalogues for a message, each id once with its versions: "best-value-2024 1.0.0, 1.1.0; our-framework 2.0.0". */
export function catalogueList(cs: readonly Pick<Catalogue, 'id' | 'version'>[]): string {
  const byId = new Map<string, string[]>();
  for (const c of cs) byId.set(c.id, [...(byId.get(c.id) ?? []), c.version]);
  return [...byId].map(([id, versions]) => `${id} ${versions.join(', ')}`).join('; ');
}

// --- How a scale's levels are shown ------------------------------------------------------------
// Every word, status and colour a person sees for a rating comes from the catalogue's scale, through
// these functions: renderers and exporters never name a level or choose its colour themselves.

/** The words shown for an indicator marked not applicable, on every scale. */
export const NOT_APPLICABLE_LABEL = 'Not applicable';

/** The status a level stands for. */
export type LevelRag = NonNullable<Level['rag']>;

/** The statuses from worst to best: the order a scale's rag must follow down its levels. */
export const RAG_ORDER: readonly LevelRag[] = ['red', 'amber', 'green'];

/**
 * The status the level at `rank` stands for: the catalogue's `rag` where the scale gives one; else
 * by position, the first level red, the rest of the lower half amber, the others green.
 */
export function levelRag(scale: { readonly levels: readonly Pick<Level, 'rag'>[] }, rank: number): LevelRag {
  const given = scale.levels[rank]?.rag;
  if (given !== undefined) return given;
  if (rank <= 0) return 'red';
  return rank < Math.ceil(scale.levels.length / 2) ? 'amber' : 'green';
}

/** A word's label on its scale ("Light green" for light-green), "Not applicable", or the word itself when the scale lacks it. */
export function ratingLabel(scale: { readonly levels: readonly Pick<Level, 'word' | 'label'>[] } | undefined, word: string): string {
  if (word === NOT_APPLICABLE) return NOT_APPLICABLE_LABEL;
  return scale?.levels.find((l) => l.word === word)?.label ?? word;
}

/** The levels whose rating is a red flag, worst first. */
export const redFlagLevels = <L extends Pick<Level, 'red-flag'>>(scale: { readonly levels: readonly L[] }): L[] => scale.levels.filter((l) => l['red-flag'] === true);

/**
 * The colours bva draws levels in when the catalogue gives none, each at least 4.5:1 on white and
 * under white text (the HTML report's palette takes them from here).
 */
export const FALLBACK_COLOURS = { red: '#B42318', amber: '#A14F00', green: '#19703A', blue: '#1F5FA8' } as const;

/** Fallback colours from the worst level to the best, by how many levels a scale has; longer scales share the four in order. */
const FALLBACK_RAMPS: Readonly<Record<number, readonly (keyof typeof FALLBACK_COLOURS)[]>> = {
  1: ['green'],
  2: ['red', 'green'],
  3: ['red', 'amber', 'green'],
  4: ['red', 'amber', 'green', 'blue'],
};

/** The fallback colour of the level at `rank` (0 = worst) on a scale of `of` levels. */
export function fallbackColour(rank: number, of: number): string {
  const ramp = FALLBACK_RAMPS[of] ?? FALLBACK_RAMPS[4]!;
  const i = of <= 1 ? ramp.length - 1 : Math.round((rank / (of - 1)) * (ramp.length - 1));
  return FALLBACK_COLOURS[ramp[Math.min(Math.max(i, 0), ramp.length - 1)]!];
}

/** The colour of the level at `rank` (0 = worst), #RRGGBB: the catalogue's, else one by its place on the scale. */
export function levelColour(scale: { readonly levels: readonly Pick<Level, 'colour'>[] }, rank: number): string {
  // The schema allows only #rrggbb; a catalogue built in code is held to the same, since the colour goes into markup.
  const given = scale.levels[rank]?.colour;
  return (given !== undefined && /^#[0-9A-Fa-f]{6}$/.test(given) ? given : fallbackColour(rank, scale.levels.length)).toUpperCase();
}

/** The relative luminance of a #RRGGBB colour (WCAG 2). */
export function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The contrast ratio of two #RRGGBB colours (WCAG 2), from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text on a background colour: white or black, whichever reads better (always at least 4.5:1). */
export const textColourOn = (background: string): '#FFFFFF' | '#000000' =>
  contrastRatio('#FFFFFF', background) >= contrastRatio('#000000', background) ? '#FFFFFF' : '#000000';

/** A catalogue file that answers were checked against: an input of the command, never to be written over. A shipped one is bva's own. */
export const catalogueInput = (c: CatalogueModel | undefined): Input | undefined =>
  c === undefined || c.origin.shipped ? undefined : { path: c.origin.path, display: c.origin.display, what: 'the catalogue' };
