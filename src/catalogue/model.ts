// The catalogue as the rest of bva uses it: the checked file plus lookups by id.
import type { Catalogue, CatalogueReplaces, Indicator, Level, Scale, Theme } from '../generated/catalogue.js';

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
