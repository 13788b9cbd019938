// Comparing periods assessed against different versions of a catalogue: an earlier period's scored
// indicators seen under the later catalogue's ids, through the crosswalk. A renamed indicator is
// the same indicator; a split one's successors each compare with it; a merged one compares with
// the lower middle of the indicators merged into it (the rule a theme's level follows). Pure.
import { fateOf, lineageOf, type Crosswalk } from '../catalogue/crosswalk.js';
import { medianRank, type ActionItem, type IndicatorAssessment } from './assess.js';

/** Where a later indicator came from, or what became of an earlier one, when it is not the same id. */
export interface Lineage {
  readonly kind: 'renamed' | 'merged' | 'split' | 'dropped' | 'added';
  /** The earlier ids it comes from (renamed, merged, split). */
  readonly from?: readonly string[];
  /** The crosswalk's note on it, or why it was dropped. */
  readonly note?: string;
}

/** An indicator with the theme it sits in, as a scored report has them. */
export interface Placed<T> {
  readonly theme: T;
  readonly indicator: IndicatorAssessment;
}

/**
 * The earlier period's indicators by the later catalogue's ids (only those with a predecessor), and
 * the earlier ones with no successor under their own ids, with the lineage of each that is not
 * the same id.
 */
export function throughCrosswalk<T>(
  earlier: ReadonlyMap<string, Placed<T>>,
  cw: Crosswalk,
): { readonly seen: Map<string, Placed<T>>; readonly dropped: Map<string, Placed<T>>; readonly lineage: Map<string, Lineage> } {
  const seen = new Map<string, Placed<T>>();
  const dropped = new Map<string, Placed<T>>();
  const lineage = new Map<string, Lineage>();
  for (const id of cw.to.indicatorById.keys()) {
    const l = lineageOf(cw, id);
    if (l.lineage !== 'same') lineage.set(id, { kind: l.lineage, ...(l.from.length > 0 ? { from: l.from } : {}), ...noteOf(cw, l.from) });
    const sources = l.from.map((f) => earlier.get(f)).filter((p): p is Placed<T> => p !== undefined);
    const chosen = sources.length === 1 ? sources[0] : representative(sources);
    if (chosen) seen.set(id, chosen);
  }
  for (const [id, placed] of earlier) {
    if (fateOf(cw, id).lineage !== 'dropped') continue;
    dropped.set(id, placed);
    lineage.set(id, { kind: 'dropped', ...noteOf(cw, [id]) });
  }
  return { seen, dropped, lineage };
}

const noteOf = (cw: Crosswalk, from: readonly string[]): { note?: string } => {
  const note = from.map((f) => cw.notes.get(f)).find((n) => n !== undefined);
  return note !== undefined ? { note } : {};
};

/**
 * The one earlier indicator that stands for several merged into one: the one at the lower middle of
 * their ratings; when none is rated, a not-applicable one, else the first.
 */
function representative<T>(sources: readonly Placed<T>[]): Placed<T> | undefined {
  const rated = sources.filter((s) => s.indicator.rating !== undefined);
  const rank = medianRank(rated.map((s) => s.indicator.rating!.rank));
  if (rank !== undefined) return rated.find((s) => s.indicator.rating!.rank === rank);
  return sources.find((s) => s.indicator.status === 'not-applicable') ?? sources[0];
}

/** An earlier period's actions with their indicators named as the later catalogue names them (a split indicator's go to its first successor). */
export function actionsThrough(actions: readonly ActionItem[], cw: Crosswalk): ActionItem[] {
  return actions.map((a) => {
    const to = cw.successors.get(a.indicator)?.[0];
    if (to === undefined || to === a.indicator) return a;
    return { ...a, indicator: to, theme: cw.to.indicatorById.get(to)?.theme.id ?? a.theme };
  });
}
