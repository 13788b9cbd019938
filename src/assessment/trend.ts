// Over the years: many periods of one council's self-assessment side by side. Pure: each period's
// scored report (as of its own assessment date) in, with the crosswalks that join its catalogue to
// the latest period's and to the period before's; one trend model out. Rows follow the latest
// catalogue; an earlier period on another version is seen through the crosswalk (across.ts), and
// its actions are matched with the period before's as bva diff matches them.
import { crosswalkSummary, type Crosswalk } from '../catalogue/crosswalk.js';
import { fallbackColour, levelColour, type CatalogueModel, type Scale } from '../catalogue/model.js';
import type { Trend, TrendCell, TrendIndicator, TrendLevel, TrendMovement, TrendOverall, TrendPeriod, TrendRedFlag, TrendTheme, TrendThemePeriod } from '../generated/trend.js';
import { andList } from '../words.js';
import { throughCrosswalk, type Lineage, type Placed } from './across.js';
import { rankMovement, type IndicatorAssessment, type LevelRef, type Report, type ThemeAssessment } from './assess.js';
import { diffReports } from './diff.js';

export type { Trend, TrendCell, TrendIndicator, TrendLevel, TrendOverall, TrendPeriod, TrendTheme };

/** The trend's format number: bumped when its JSON shape changes incompatibly. */
export const TREND_FORMAT = 1;

/** One period, as the trend command hands it over. */
export interface TrendInput {
  /** The period scored as of its assessment date. */
  readonly report: Report;
  /** The catalogue it was scored against: its scales give each rating its colour. */
  readonly catalogue: CatalogueModel;
  /** The file as given (a path, or REV:PATH). */
  readonly file: string;
  /** With --from-git: the commit it was read from. */
  readonly commit?: string;
  /** From this period's catalogue to the latest period's, when they differ and a crosswalk joins them. */
  readonly toLatest?: Crosswalk | undefined;
  /** From the period before's catalogue to this one's, when they differ and a crosswalk joins them. */
  readonly fromPrevious?: Crosswalk | undefined;
  /** Why no crosswalk joins this period's catalogue to the latest one's, when they differ. */
  readonly noCrosswalk?: string | undefined;
}

/** An indicator in one period, with the ids it had there when they differ from its row's. */
interface Seen {
  readonly placed: Placed<ThemeAssessment>;
  readonly as?: readonly string[];
}

/** A level as the trend shows it, in its colour on `scale` (the catalogue's, else by its place). */
const levelOf = (l: LevelRef | undefined, scale: Scale | undefined): TrendLevel | undefined =>
  l && { word: l.word, label: l.label, rank: l.rank, of: l.of, colour: scale ? levelColour(scale, l.rank) : fallbackColour(l.rank, l.of) };

/** The scale an indicator of this kind is rated on in a period's catalogue. */
const scaleFor = (input: TrendInput, kind: IndicatorAssessment['kind']): Scale | undefined => input.catalogue.catalogue.scales[kind];

/** The periods in order, the trend across them. `inputs` must be in period order, oldest first. */
export function buildTrend(inputs: readonly TrendInput[], o: { readonly version: string }): Trend {
  const latest = inputs[inputs.length - 1]!.report;

  // 1. Each period's indicators by row id: the latest catalogue's ids through the crosswalk, else by id.
  const lineage = new Map<string, Lineage>();
  const seen: Map<string, Seen>[] = inputs.map((input) => {
    const own = new Map<string, Placed<ThemeAssessment>>();
    for (const theme of input.report.themes) for (const indicator of theme.indicators) own.set(indicator.id, { theme, indicator });
    if (!input.toLatest) return new Map([...own].map(([id, placed]) => [id, { placed }]));
    const through = throughCrosswalk(own, input.toLatest);
    for (const [id, l] of through.lineage) if (!lineage.has(id)) lineage.set(id, l);
    const out = new Map<string, Seen>();
    for (const [id, placed] of through.seen) {
      const from = input.toLatest.predecessors.get(id) ?? [];
      out.set(id, { placed, ...(from.length > 1 || from[0] !== id ? { as: [...from] } : {}) });
    }
    for (const [id, placed] of through.dropped) out.set(id, { placed });
    return out;
  });

  // 2. The rows: the latest catalogue's indicators in its order, then any only earlier periods had.
  const rows: { id: string; where: Placed<ThemeAssessment> }[] = [];
  for (const theme of latest.themes) for (const indicator of theme.indicators) rows.push({ id: indicator.id, where: { theme, indicator } });
  const known = new Set(rows.map((r) => r.id));
  for (let p = inputs.length - 1; p >= 0; p--) {
    for (const [id, s] of seen[p]!) {
      if (known.has(id)) continue;
      known.add(id);
      rows.push({ id, where: s.placed });
    }
  }
  const themeOrder = new Map(latest.themes.map((t, n) => [t.id, n]));
  const firstRowOfTheme = new Map<string, number>();
  rows.forEach((r, n) => firstRowOfTheme.has(r.where.theme.id) || firstRowOfTheme.set(r.where.theme.id, n));
  // Earlier-only rows sit after their theme's rows (a theme the latest catalogue lacks, at the end).
  const rank = (r: (typeof rows)[number], n: number): [number, number] => [themeOrder.get(r.where.theme.id) ?? latest.themes.length + (firstRowOfTheme.get(r.where.theme.id) ?? n), n];
  const ordered = rows.map((r, n) => ({ r, k: rank(r, n) })).sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1]).map((x) => x.r);

  const indicators: TrendIndicator[] = ordered.map(({ id, where }) => {
    const cells = inputs.map((input, p) => cellOf(seen[p]!.get(id), input));
    const l = lineage.get(id);
    return {
      id,
      theme: where.theme.id,
      themeTitle: where.theme.title,
      kind: where.indicator.kind,
      text: where.indicator.text,
      ...(l ? { lineage: { kind: l.kind, ...(l.from ? { from: [...l.from] } : {}), ...(l.note !== undefined ? { note: l.note } : {}) } } : {}),
      periods: cells,
      overall: overallOf(
        cells.map((c, p) => ({ level: c.rating, period: inputs[p]!.report.period, kind: seen[p]!.get(id)?.placed.indicator.kind })),
      ),
    };
  });

  // 3. Themes: each one's status and level per period.
  const themeIds = [...latest.themes.map((t) => t.id)];
  for (const input of [...inputs].reverse()) for (const t of input.report.themes) if (!themeIds.includes(t.id)) themeIds.push(t.id);
  const themes: TrendTheme[] = themeIds.map((id) => {
    const per = inputs.map((input) => input.report.themes.find((t) => t.id === id));
    const title = [...per].reverse().find((t) => t !== undefined)!.title;
    const level = (t: ThemeAssessment | undefined, p: number): TrendLevel | undefined => levelOf(t?.level, scaleFor(inputs[p]!, 'characteristic'));
    const periods: (TrendThemePeriod | null)[] = per.map((t, p) => (t ? { rag: t.rag, ...(t.level ? { level: level(t, p)! } : {}) } : null));
    return { id, title, periods, level: overallOf(per.map((t, p) => ({ level: level(t, p), period: inputs[p]!.report.period, kind: 'characteristic' }))) };
  });

  // 4. Each period's headline figures, red flags and actions.
  const periods: TrendPeriod[] = inputs.map((input, p) => {
    const r = input.report;
    const flags = flagsOf(indicators, p);
    const before = p > 0 ? flagsOf(indicators, p - 1).map((f) => f.id) : undefined;
    const now = flags.map((f) => f.id);
    return {
      period: r.period,
      file: input.file,
      ...(input.commit !== undefined ? { commit: input.commit } : {}),
      authority: r.authority,
      ...(r.assessmentDate !== undefined ? { assessmentDate: r.assessmentDate } : {}),
      asOf: r.asOf,
      catalogue: { id: r.catalogue.id, version: r.catalogue.version },
      rag: r.summary.rag,
      ...(r.summary.level ? { level: levelOf(r.summary.level, scaleFor(input, 'characteristic'))! } : {}),
      counts: {
        indicators: r.summary.counts.indicators,
        answered: r.summary.counts.answered,
        notApplicable: r.summary.counts.notApplicable,
        unanswered: r.summary.counts.unanswered,
        redFlags: r.summary.counts.redFlags,
        seriousRedFlags: r.summary.counts.seriousRedFlags,
      },
      actions: actionsOf(inputs, p, o.version),
      redFlags: flags,
      ...(before ? { redFlagsRaised: now.filter((id) => !before.includes(id)), redFlagsCleared: before.filter((id) => !now.includes(id)) } : {}),
    };
  });

  const movement: TrendMovement = { improved: 0, declined: 0, stayed: 0, changed: 0, once: 0, never: 0 };
  for (const i of indicators) movement[i.overall.move]++;
  return {
    bva: { format: TREND_FORMAT, version: o.version },
    authority: latest.authority,
    catalogue: { id: latest.catalogue.id, version: latest.catalogue.version, title: latest.catalogue.title },
    periods,
    themes,
    indicators,
    movement,
    notes: notesOf(inputs),
  };
}

function cellOf(s: Seen | undefined, input: TrendInput): TrendCell {
  if (!s) return { answer: 'absent', redFlag: false };
  const i: IndicatorAssessment = s.placed.indicator;
  const as = s.as ? { as: [...s.as] } : {};
  if (i.status === 'not-applicable') return { answer: 'not-applicable', redFlag: false, ...as };
  if (i.status === 'unanswered' || !i.rating) return { answer: 'unanswered', redFlag: false, ...as };
  return { answer: 'rated', rating: levelOf(i.rating, scaleFor(input, i.kind))!, redFlag: i.redFlag, ...(i.redFlag ? { serious: i.seriousRedFlag === true } : {}), ...as };
}

/** The first level against the last, over the periods that have one. */
function overallOf(levels: readonly { level: TrendLevel | undefined; period: string; kind: string | undefined }[]): TrendOverall {
  const rated = levels.filter((l): l is { level: TrendLevel; period: string; kind: string | undefined } => l.level !== undefined);
  if (rated.length === 0) return { move: 'never' };
  const first = rated[0]!;
  const last = rated[rated.length - 1]!;
  if (rated.length === 1) return { move: 'once', from: first.period, to: first.period };
  const span = { from: first.period, to: last.period };
  if (first.level.of !== last.level.of || first.kind !== last.kind) return { move: 'changed', ...span };
  const move = rankMovement(first.level.rank, last.level.rank);
  return { move: move === 'unchanged' ? 'stayed' : move, ...span };
}

function flagsOf(indicators: readonly TrendIndicator[], p: number): TrendRedFlag[] {
  return indicators.flatMap((i) => {
    const c = i.periods[p]!;
    return c.redFlag && c.rating ? [{ id: i.id, ...(c.as ? { as: c.as } : {}), rating: c.rating, serious: c.serious === true }] : [];
  });
}

/** A period's action counts: against the period before, as bva diff matches actions (through a crosswalk where there is one). */
function actionsOf(inputs: readonly TrendInput[], p: number, version: string): TrendPeriod['actions'] {
  const r = inputs[p]!.report;
  const base = { inFile: r.actions.length, open: r.summary.counts.openActions, overdue: r.summary.counts.overdueActions };
  if (p === 0) return { ...base, raised: r.actions.length, completed: r.summary.counts.doneActions, dropped: 0 };
  const d = diffReports(inputs[p - 1]!.report, r, { oldFile: inputs[p - 1]!.file, newFile: inputs[p]!.file, version, crosswalk: inputs[p]!.fromPrevious });
  return { ...base, raised: d.actions.added.length, completed: d.actions.completed.length + d.actions.added.filter((a) => a.status === 'done').length, dropped: d.actions.dropped.length };
}

function notesOf(inputs: readonly TrendInput[]): string[] {
  const notes: string[] = [];
  const latest = inputs[inputs.length - 1]!.report;
  const label = (r: Report): string => `${r.catalogue.id} ${r.catalogue.version}`;
  const names = [...new Set(inputs.map((i) => i.report.authority))];
  if (names.length > 1) notes.push(`The periods name the council differently: ${andList(inputs.map((i) => `${i.report.authority} (${i.report.period})`))}.`);
  for (const input of inputs) {
    const r = input.report;
    if (label(r) === label(latest)) continue;
    notes.push(
      input.toLatest
        ? `${r.period} was assessed against ${label(r)}: its answers are shown through ${label(latest)}'s crosswalk from ${crosswalkSummary(input.toLatest)}.`
        : `${r.period} was assessed against ${label(r)}, and no crosswalk joins it to ${label(latest)}${input.noCrosswalk !== undefined ? ` (${input.noCrosswalk})` : ''}: its indicators are matched by id.`,
    );
  }
  return notes;
}
