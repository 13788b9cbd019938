// The action plan between assessments: every action of a scored answers file with its reference
// (INDICATOR#N), status as of a day, days overdue, planned against actual dates and progress
// notes; filtered; and, for a quarterly update, what changed since an earlier revision of the same
// file (completed, added, slipped, removed). Also the one way actions are matched across two
// files, which bva diff and bva trend use too. Pure: scored reports in, the plan out.
import type { ActionEntry, ActionPlan, ActionPlanFilters, ActionProgress, SlippedAction } from '../generated/actions.js';
import { daysBetween } from '../source/dates.js';
import type { Report } from './assess.js';

export type { ActionEntry, ActionPlan, ActionProgress, SlippedAction };

/** The action plan's format number: bumped when its JSON shape changes incompatibly. */
export const ACTION_PLAN_FORMAT = 1;

/** An action's identity across two files: its indicator and its wording, ignoring line breaks and spacing. */
export const actionIdentity = (indicator: string, text: string): string => `${indicator}\u0000${text.replace(/\s+/g, ' ').trim()}`;

/**
 * Pairs the actions of two files: by identity first (each matched at most once, in order, as two
 * actions may read the same); then, with `byRef`, what is left by reference (an action reworded in
 * place keeps its INDICATOR#N). Returns the pairs, the later file's unmatched and the earlier's.
 */
export function matchActions<T>(before: readonly T[], after: readonly T[], o: { identity: (a: T) => string; ref?: (a: T) => string }): { pairs: [T, T][]; added: T[]; removed: T[] } {
  const unmatched = new Map<string, T[]>();
  for (const a of before) unmatched.set(o.identity(a), [...(unmatched.get(o.identity(a)) ?? []), a]);
  const pairs: [T, T][] = [];
  let added: T[] = [];
  for (const a of after) {
    const was = unmatched.get(o.identity(a))?.shift();
    if (was) pairs.push([was, a]);
    else added.push(a);
  }
  let removed = before.filter((a) => unmatched.get(o.identity(a))?.includes(a));
  if (o.ref) {
    const left = new Map(removed.map((a) => [o.ref!(a), a]));
    const still: T[] = [];
    for (const a of added) {
      const was = left.get(o.ref(a));
      if (was) {
        pairs.push([was, a]);
        left.delete(o.ref(a));
      } else still.push(a);
    }
    added = still;
    removed = removed.filter((a) => left.has(o.ref!(a)));
  }
  return { pairs, added, removed };
}

/** What to include: an owner (case and spacing ignored), some themes, a status. */
export interface ActionFilters {
  readonly owner?: string | undefined;
  readonly themes?: readonly string[] | undefined;
  readonly status?: 'open' | 'overdue' | 'done' | undefined;
}

/** Every action of a scored report as plan entries, in catalogue order (the report's overdue judged as of its as-of day). */
export function actionEntries(report: Report): ActionEntry[] {
  const titles = new Map(report.themes.map((t) => [t.id, t.title]));
  return report.actions.map((a) => ({
    ref: a.ref ?? a.indicator,
    theme: a.theme,
    themeTitle: titles.get(a.theme) ?? a.theme,
    indicator: a.indicator,
    action: a.action,
    ...(a.owner !== undefined ? { owner: a.owner } : {}),
    ...(a.due !== undefined ? { due: a.due } : {}),
    status: a.overdue ? 'overdue' : a.status,
    ...(a.doneOn !== undefined ? { doneOn: a.doneOn } : {}),
    ...(a.overdue && a.due !== undefined ? { daysOverdue: daysBetween(a.due, report.asOf) } : {}),
    ...(a.daysLate !== undefined ? { daysLate: a.daysLate } : {}),
    progress: a.progress ?? [],
  }));
}

const sameOwner = (a: string | undefined, b: string): boolean => a !== undefined && a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/** True when an entry passes the filters. */
export function passes(e: ActionEntry, f: ActionFilters): boolean {
  if (f.owner !== undefined && !sameOwner(e.owner, f.owner)) return false;
  if (f.themes && f.themes.length > 0 && !f.themes.includes(e.theme)) return false;
  if (f.status === 'open') return e.status === 'open' || e.status === 'overdue';
  if (f.status !== undefined) return e.status === f.status;
  return true;
}

const STATUS_ORDER: Record<ActionEntry['status'], number> = { overdue: 0, open: 1, done: 2 };

/** Overdue first (longest overdue first), then open by due date (none last), then done by the day done. */
export function planOrder(a: ActionEntry, b: ActionEntry): number {
  const by = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  if (by !== 0) return by;
  const key = (e: ActionEntry): string => (e.status === 'done' ? (e.doneOn ?? e.due ?? '9999') : (e.due ?? '9999'));
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

export interface PlanInput {
  /** The file scored as of the day the plan is judged on. */
  readonly report: Report;
  readonly file: string;
  readonly version: string;
  readonly filters: ActionFilters;
  readonly groupBy?: 'owner' | 'theme' | undefined;
}

/** The earlier revision to compare with: scored (as of the same day), and where it came from. */
export interface EarlierRevision {
  readonly report: Report;
  readonly revision: string;
  readonly file: string;
  readonly commit: string;
  readonly date: string;
  /** The earlier revision's indicators as the later catalogue names them, when the two differ. */
  readonly indicatorNow?: (id: string) => string;
}

/** The action plan, and with an earlier revision, what changed since. */
export function actionPlan(p: PlanInput, earlier?: EarlierRevision): ActionPlan {
  const r = p.report;
  const all = actionEntries(r);
  // Grouped by theme, the themes keep the catalogue's order; within each, the plan's order.
  const themeRank = new Map(r.themes.map((t, n) => [t.id, n]));
  const byTheme = (a: ActionEntry, b: ActionEntry): number => (p.groupBy === 'theme' ? themeRank.get(a.theme)! - themeRank.get(b.theme)! : 0);
  const actions = all.filter((e) => passes(e, p.filters)).sort((a, b) => byTheme(a, b) || planOrder(a, b));
  const filters: ActionPlanFilters = {
    ...(p.filters.owner !== undefined ? { owner: p.filters.owner } : {}),
    ...(p.filters.themes && p.filters.themes.length > 0 ? { themes: [...p.filters.themes] } : {}),
    ...(p.filters.status !== undefined ? { status: p.filters.status } : {}),
  };
  return {
    bva: { format: ACTION_PLAN_FORMAT, version: p.version },
    authority: r.authority,
    period: r.period,
    file: p.file,
    asOf: r.asOf,
    catalogue: { id: r.catalogue.id, version: r.catalogue.version },
    filters,
    ...(p.groupBy ? { groupBy: p.groupBy } : {}),
    counts: {
      actions: actions.length,
      open: actions.filter((e) => e.status !== 'done').length,
      overdue: actions.filter((e) => e.status === 'overdue').length,
      done: actions.filter((e) => e.status === 'done').length,
    },
    actions,
    ...(earlier ? { since: progressSince(all, earlier, p) } : {}),
  };
}

/**
 * What changed since the earlier revision: completed (open then, or not yet raised, and done now),
 * added, slipped (open now and due later than then), removed (open then, gone now without being
 * marked done), and how many progress notes were added. The filters apply to each list.
 */
function progressSince(now: readonly ActionEntry[], earlier: EarlierRevision, p: PlanInput): ActionProgress {
  const renamed = earlier.indicatorNow ?? ((id: string) => id);
  // Each action with its identity and reference as the later file names them.
  type Keyed = { readonly e: ActionEntry; readonly id: string; readonly ref: string };
  const keyed = (e: ActionEntry, indicator: string): Keyed => ({ e, id: actionIdentity(indicator, e.action), ref: `${indicator}${e.ref.slice(e.ref.lastIndexOf('#'))}` });
  const then = actionEntries(earlier.report).map((e) => keyed(e, renamed(e.indicator)));
  const matched = matchActions(then, now.map((e) => keyed(e, e.indicator)), { identity: (k) => k.id, ref: (k) => k.ref });
  const pairs = matched.pairs.map(([was, is]) => [was.e, is.e] as const);
  const added = matched.added.map((k) => k.e);
  const keep = (e: ActionEntry): boolean => passes(e, { ...p.filters, status: undefined });
  const completed = [...pairs.filter(([was, is]) => was.status !== 'done' && is.status === 'done').map(([, is]) => is), ...added.filter((e) => e.status === 'done')];
  const slipped: SlippedAction[] = pairs
    .filter(([was, is]) => is.status !== 'done' && was.due !== undefined && is.due !== undefined && is.due > was.due)
    .map(([was, is]) => ({ entry: is, was: was.due!, days: daysBetween(was.due!, is.due!) }));
  const notesThen = new Map(pairs.map(([was, is]) => [is, was.progress.length]));
  const notes = now.filter(keep).reduce((n, e) => n + Math.max(0, e.progress.length - (notesThen.get(e) ?? 0)), 0);
  return {
    revision: earlier.revision,
    file: earlier.file,
    commit: earlier.commit,
    date: earlier.date,
    completed: completed.filter(keep).sort(planOrder),
    added: added.filter(keep).sort(planOrder),
    slipped: slipped.filter((x) => keep(x.entry)).sort((a, b) => b.days - a.days),
    // Removed actions are shown as they were then, with their reference then; open ones only.
    removed: matched.removed.map((k) => k.e).filter((e) => e.status !== 'done' && keep(e)),
    notes,
  };
}
