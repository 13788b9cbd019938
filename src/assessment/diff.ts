// Year on year: what moved between two periods' assessments. Pure: two scored reports in, one
// model out. Indicators, themes and actions are matched by id (and an action by its indicator and
// wording); two periods assessed against different catalogue versions compare through the later
// one's crosswalk when there is one (across.ts), else by id where they meet.
import { crosswalkSummary, type Crosswalk } from '../catalogue/crosswalk.js';
import { NOT_APPLICABLE, NOT_APPLICABLE_LABEL } from '../catalogue/model.js';
import { actionsThrough, throughCrosswalk, type Lineage } from './across.js';
import { actionIdentity, matchActions } from './actions.js';
import { rankMovement, type ActionItem, type IndicatorAssessment, type Movement, type Rag, type Report, type ThemeAssessment } from './assess.js';

/** How an indicator's answer moved, in the order a reader wants them. */
export const INDICATOR_MOVES = ['improved', 'declined', 'newly-answered', 'no-longer-answered', 'changed', 'unchanged'] as const;
/**
 * improved / declined / unchanged: rated on its scale both times (or not-applicable both times);
 * newly answered: unanswered then, answered now; no longer answered: the reverse; changed: rated
 * one time and not-applicable the other, so it has no direction.
 */
export type IndicatorMove = (typeof INDICATOR_MOVES)[number];

/** The diff's format number: bumped when its JSON shape changes incompatibly. */
export const DIFF_FORMAT = 1;

/** One side of the comparison. */
export interface PeriodSide {
  /** The file as given (a path, or REV:PATH). */
  readonly file: string;
  readonly authority: string;
  readonly period: string;
  readonly catalogue: { readonly id: string; readonly version: string };
  /** The date the side was scored as of (its assessment date, or today). */
  readonly asOf: string;
  readonly rag: Rag;
  /** The authority's level, as a scale word, and as its label. */
  readonly level?: string;
  readonly levelLabel?: string;
  readonly redFlags: number;
  readonly openActions: number;
}

/** An indicator's answer in each period, with its theme and text. */
export interface RedFlagChange {
  readonly id: string;
  readonly theme: string;
  readonly themeTitle: string;
  readonly text: string;
  /** The rating word (or not-applicable) then and now; absent when unanswered. */
  readonly old?: string;
  readonly new?: string;
  /** The same ratings as their scales' labels, as a person reads them. */
  readonly oldLabel?: string;
  readonly newLabel?: string;
  /** Where it came from through the crosswalk, when it is not the same id in both (renamed, merged, split, dropped, added). */
  readonly lineage?: Lineage;
}

/** An indicator answered in either period: its answers, and how the rating moved. */
export interface IndicatorChange extends RedFlagChange {
  readonly move: IndicatorMove;
  /** Set when the indicator is in only one of the two catalogues. */
  readonly onlyIn?: 'old' | 'new';
}

export interface ThemeChange {
  readonly id: string;
  readonly title: string;
  /** The theme's level then and now, as scale words and as labels. */
  readonly level: { readonly old?: string; readonly new?: string; readonly oldLabel?: string; readonly newLabel?: string; readonly move?: Movement };
  readonly rag: { readonly old?: Rag; readonly new?: Rag; readonly move?: 'better' | 'worse' | 'unchanged' | 'changed' };
}

export interface ActionChange {
  readonly theme: string;
  readonly indicator: string;
  readonly action: string;
  readonly owner?: string;
  readonly due?: string;
  readonly status: 'open' | 'done';
}

/** What moved between two periods. */
export interface Diff {
  readonly bva: { readonly format: typeof DIFF_FORMAT; readonly version: string };
  readonly old: PeriodSide;
  readonly new: PeriodSide;
  /** Set when the two files use different catalogues or catalogue versions. */
  readonly catalogueNote?: string;
  /** How many indicators moved each way. */
  readonly counts: Readonly<Record<IndicatorMove, number>>;
  readonly themes: readonly ThemeChange[];
  /** Every indicator answered in either period: the new catalogue's order, then any only in the old one. */
  readonly indicators: readonly IndicatorChange[];
  readonly redFlags: {
    /** Red flags now that were not red flags then. */
    readonly raised: readonly RedFlagChange[];
    /** Red flags then that are not now. */
    readonly cleared: readonly RedFlagChange[];
    /** Red flags both times. */
    readonly continuing: readonly RedFlagChange[];
  };
  readonly actions: {
    /** Open last period and done now. */
    readonly completed: readonly ActionChange[];
    /** In this period's file and not last period's (with their status now). */
    readonly added: readonly ActionChange[];
    /** Open last period and gone from this period's file without being marked done. */
    readonly dropped: readonly ActionChange[];
    /** Open last period and still open. */
    readonly stillOpen: readonly ActionChange[];
  };
}

export interface DiffOptions {
  readonly oldFile: string;
  readonly newFile: string;
  /** bva's version, recorded in the JSON. */
  readonly version: string;
  /** The crosswalk from the old period's catalogue to the new one's, when they differ and one joins them. */
  readonly crosswalk?: Crosswalk | undefined;
  /** Why no crosswalk joins two different catalogues, for the note. */
  readonly noCrosswalk?: string | undefined;
}

/** Compares two periods' reports. */
export function diffReports(before: Report, after: Report, o: DiffOptions): Diff {
  const matched = matchIndicators(before, after, o.crosswalk);
  const indicators = indicatorChanges(matched);
  const counts = Object.fromEntries(INDICATOR_MOVES.map((m) => [m, indicators.filter((i) => i.move === m).length])) as Record<IndicatorMove, number>;
  const note = catalogueNote(before, after, matched, o);
  return {
    bva: { format: DIFF_FORMAT, version: o.version },
    old: side(before, o.oldFile),
    new: side(after, o.newFile),
    ...(note ? { catalogueNote: note } : {}),
    counts,
    themes: themeChanges(before, after),
    indicators,
    redFlags: redFlagChanges(matched),
    actions: actionChanges(o.crosswalk ? actionsThrough(before.actions, o.crosswalk) : before.actions, after.actions),
  };
}

function side(r: Report, file: string): PeriodSide {
  return {
    file,
    authority: r.authority,
    period: r.period,
    catalogue: { id: r.catalogue.id, version: r.catalogue.version },
    asOf: r.asOf,
    rag: r.summary.rag,
    ...(r.summary.level ? { level: r.summary.level.word, levelLabel: r.summary.level.label } : {}),
    redFlags: r.summary.counts.redFlags,
    openActions: r.summary.counts.openActions,
  };
}

interface Located {
  readonly theme: ThemeAssessment;
  readonly indicator: IndicatorAssessment;
}

/** Both periods' indicators by id, and every id once: built once per diff. */
interface Matched {
  readonly old: ReadonlyMap<string, Located>;
  readonly now: ReadonlyMap<string, Located>;
  /** The new catalogue's order, then any only in the old one. */
  readonly ids: readonly string[];
  /** Through a crosswalk: where each indicator that is not the same id came from. */
  readonly lineage?: ReadonlyMap<string, Lineage>;
}

/** The keys of `now`, then those only in `old`. */
const unionOf = (old: ReadonlyMap<string, unknown>, now: ReadonlyMap<string, unknown>): string[] => [...now.keys(), ...[...old.keys()].filter((id) => !now.has(id))];

/** Every indicator by id, with its theme, in catalogue order. */
function byId(r: Report): Map<string, Located> {
  const map = new Map<string, Located>();
  for (const theme of r.themes) for (const indicator of theme.indicators) map.set(indicator.id, { theme, indicator });
  return map;
}

function matchIndicators(before: Report, after: Report, crosswalk: Crosswalk | undefined): Matched {
  const now = byId(after);
  if (!crosswalk) {
    const old = byId(before);
    return { old, now, ids: unionOf(old, now) };
  }
  // The old period seen under the new catalogue's ids; what it had with no successor, under its own.
  const through = throughCrosswalk(byId(before), crosswalk);
  const old = new Map([...through.seen, ...through.dropped]);
  return { old, now, ids: unionOf(old, now), lineage: through.lineage };
}

/** The answer as a word: the scale word, not-applicable, or undefined when unanswered. */
const answerWord = (i: IndicatorAssessment | undefined): string | undefined =>
  i === undefined || i.status === 'unanswered' ? undefined : i.status === 'not-applicable' ? NOT_APPLICABLE : i.rating!.word;

/** The answer as a person reads it: the level's label, Not applicable, or undefined when unanswered. */
const answerLabel = (i: IndicatorAssessment | undefined): string | undefined =>
  i === undefined || i.status === 'unanswered' ? undefined : i.status === 'not-applicable' ? NOT_APPLICABLE_LABEL : i.rating!.label;

function moveOf(was: IndicatorAssessment | undefined, is: IndicatorAssessment | undefined): IndicatorMove | undefined {
  const before = answerWord(was);
  const now = answerWord(is);
  if (before === undefined && now === undefined) return undefined;
  if (before === undefined) return 'newly-answered';
  if (now === undefined) return 'no-longer-answered';
  if (was!.status === 'not-applicable' || is!.status === 'not-applicable') return was!.status === is!.status ? 'unchanged' : 'changed';
  const a = was!.rating!;
  const b = is!.rating!;
  // Ranks compare only on the same scale: a catalogue version that moved an indicator to another scale has no direction.
  if (was!.kind !== is!.kind || a.of !== b.of) return before === now ? 'unchanged' : 'changed';
  return rankMovement(a.rank, b.rank);
}

/** An indicator's answer in each period, with its theme and text (this period's, where it has them). */
function changeOf(id: string, m: Matched): RedFlagChange {
  const was = m.old.get(id);
  const is = m.now.get(id);
  const where = (is ?? was)!;
  const b = answerWord(was?.indicator);
  const a = answerWord(is?.indicator);
  const lineage = m.lineage?.get(id);
  return {
    id,
    theme: where.theme.id,
    themeTitle: where.theme.title,
    text: where.indicator.text,
    ...(b !== undefined ? { old: b, oldLabel: answerLabel(was?.indicator)! } : {}),
    ...(a !== undefined ? { new: a, newLabel: answerLabel(is?.indicator)! } : {}),
    ...(lineage ? { lineage } : {}),
  };
}

function indicatorChanges(m: Matched): IndicatorChange[] {
  const out: IndicatorChange[] = [];
  for (const id of m.ids) {
    const was = m.old.get(id);
    const is = m.now.get(id);
    const move = moveOf(was?.indicator, is?.indicator);
    if (!move) continue;
    out.push({ ...changeOf(id, m), move, ...(!was ? { onlyIn: 'new' as const } : !is ? { onlyIn: 'old' as const } : {}) });
  }
  return out;
}

const RAG_RANK: Partial<Record<Rag, number>> = { red: 0, amber: 1, green: 2 };

function themeChanges(before: Report, after: Report): ThemeChange[] {
  const old = new Map(before.themes.map((t) => [t.id, t]));
  const now = new Map(after.themes.map((t) => [t.id, t]));
  return unionOf(old, now).map((id) => {
    const was = old.get(id);
    const is = now.get(id);
    const a = was?.level;
    const b = is?.level;
    let levelMove: Movement | undefined;
    if (a && b) levelMove = a.of !== b.of ? undefined : rankMovement(a.rank, b.rank);
    else if (b) levelMove = 'new';
    else if (a) levelMove = 'dropped';
    let ragMove: ThemeChange['rag']['move'];
    if (was && is) {
      const [x, y] = [RAG_RANK[was.rag], RAG_RANK[is.rag]];
      ragMove = was.rag === is.rag ? 'unchanged' : x === undefined || y === undefined ? 'changed' : y > x ? 'better' : 'worse';
    }
    return {
      id,
      title: (is ?? was)!.title,
      level: { ...(a ? { old: a.word, oldLabel: a.label } : {}), ...(b ? { new: b.word, newLabel: b.label } : {}), ...(levelMove ? { move: levelMove } : {}) },
      rag: { ...(was ? { old: was.rag } : {}), ...(is ? { new: is.rag } : {}), ...(ragMove ? { move: ragMove } : {}) },
    };
  });
}

function redFlagChanges(m: Matched): Diff['redFlags'] {
  const flagged = (side: ReadonlyMap<string, Located>, id: string): boolean => side.get(id)?.indicator.redFlag === true;
  const change = (id: string): RedFlagChange => changeOf(id, m);
  return {
    raised: m.ids.filter((id) => flagged(m.now, id) && !flagged(m.old, id)).map(change),
    cleared: m.ids.filter((id) => flagged(m.old, id) && !flagged(m.now, id)).map(change),
    continuing: m.ids.filter((id) => flagged(m.old, id) && flagged(m.now, id)).map(change),
  };
}

const actionChange = (a: ActionItem): ActionChange => ({
  theme: a.theme,
  indicator: a.indicator,
  action: a.action,
  ...(a.owner !== undefined ? { owner: a.owner } : {}),
  ...(a.due !== undefined ? { due: a.due } : {}),
  status: a.status,
});

function actionChanges(before: readonly ActionItem[], after: readonly ActionItem[]): Diff['actions'] {
  const identity = (a: ActionItem): string => actionIdentity(a.indicator, a.action);
  const { pairs, added, removed } = matchActions(before, after, { identity });
  const completed = pairs.filter(([was, is]) => was.status === 'open' && is.status === 'done').map(([, is]) => actionChange(is));
  const stillOpen = pairs.filter(([, is]) => is.status === 'open').map(([, is]) => actionChange(is));
  // What is left of last period's: open ones were dropped; done ones were finished before this period.
  return { completed, added: added.map(actionChange), dropped: removed.filter((a) => a.status === 'open').map(actionChange), stillOpen };
}

function catalogueNote(before: Report, after: Report, m: Matched, o: DiffOptions): string | undefined {
  const a = before.catalogue;
  const b = after.catalogue;
  if (a.id === b.id && a.version === b.version) return undefined;
  const what = a.id === b.id ? 'catalogue versions' : 'catalogues';
  const both = `The two periods use different ${what}: ${a.id} ${a.version} (${before.period}) and ${b.id} ${b.version} (${after.period}).`;
  if (o.crosswalk) return `${both} Indicators are compared through ${b.id} ${b.version}'s crosswalk from ${crosswalkSummary(o.crosswalk)}.`;
  const onlyOld = m.ids.filter((id) => !m.now.has(id)).length;
  const onlyNew = m.ids.filter((id) => !m.old.has(id)).length;
  const why = o.noCrosswalk !== undefined ? ` (no crosswalk: ${o.noCrosswalk})` : '';
  return `${both} Indicators are matched by id${why}; ${onlyOld} ${onlyOld === 1 ? 'is' : 'are'} only in ${a.id} ${a.version} and ${onlyNew} only in ${b.id} ${b.version}.`;
}
