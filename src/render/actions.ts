// `bva actions` output: Markdown for a quarterly update paper, JSON (the plan, in its schema's key
// order), and the plan as one table (table.ts) for a spreadsheet: CSV, or an Excel workbook through
// the export's writer. Pure but for the workbook, loaded when asked for; text from the file is
// escaped for each format (markdownInline; formulaSafe in the table writers).
import { markdownTable } from 'markdown-table';
import type { ActionEntry, ActionPlan } from '../assessment/actions.js';
import { tableCsv } from './csv.js';
import type { CellInput, Column, Table } from './table.js';
import { jsonText, markdownInline as md } from './escape.js';
import { orderedBySchema } from './report-json.js';
import { NONE, doneOnText, longDate } from './report-text.js';
import schema from './actions.schema.json' with { type: 'json' };
import { andList, capitalise, plural } from '../words.js';

/** The formats `bva actions --format` offers. */
export const ACTION_FORMATS = ['md', 'json', 'csv', 'xlsx'] as const;
export type ActionFormat = (typeof ACTION_FORMATS)[number];

/** What a renderer needs besides the plan: the tool that wrote it (a workbook's creator). */
export interface ActionRenderOptions {
  readonly generatedBy: string;
}

/** Every format and its renderer: text, or (a workbook) bytes. */
export const ACTION_RENDERERS: Record<ActionFormat, (plan: ActionPlan, o: ActionRenderOptions) => Promise<string | Uint8Array>> = {
  md: async (plan) => renderActionsMarkdown(plan),
  json: async (plan) => renderActionsJson(plan),
  csv: async (plan) => renderActionsCsv(plan),
  xlsx: async (plan, o) => (await import('./xlsx.js')).tablesXlsx([actionsTable(plan)], { creator: o.generatedBy, day: plan.asOf, title: planTitle(plan) }),
};

/** Each format's name, as messages show it. */
export const ACTION_FORMAT_NAMES: Record<ActionFormat, string> = { md: 'Markdown', json: 'JSON', csv: 'CSV', xlsx: 'Excel workbook' };

/** Each format's file extensions: `--out plan.csv` with no --format writes CSV. */
export const ACTION_EXTENSIONS: Record<ActionFormat, readonly string[]> = { md: ['md', 'markdown'], json: ['json'], csv: ['csv'], xlsx: ['xlsx'] };

/** The formats whose files are not text: never written to a terminal. */
export const BINARY_ACTION_FORMATS: Record<ActionFormat, boolean> = { md: false, json: false, csv: false, xlsx: true };

/** The plan as JSON: its schema's key order, two-space indent, a trailing newline. */
export const renderActionsJson = (p: ActionPlan): string => `${jsonText(orderedBySchema(p, schema))}\n`;

/** The plan's title: "Action plan: Marlbridge Borough Council, 2025-26". */
export const planTitle = (p: ActionPlan): string => `Action plan: ${p.authority}, ${p.period}`;

/** An entry's status in words: "Overdue by 45 days", "Open", "Done". */
export function statusText(e: ActionEntry): string {
  if (e.status === 'overdue') return `Overdue by ${plural(e.daysOverdue ?? 0, 'day')}`;
  return e.status === 'open' ? 'Open' : 'Done';
}

/** When it was done against when it was due (doneOnText), "date not recorded", or — for an action not done. */
export const doneText = (e: ActionEntry): string => doneOnText(e) ?? (e.status === 'done' ? 'Done; date not recorded' : NONE);

/** The plan's headline: what is counted, as of when, with which filters. */
export function planHeadline(p: ActionPlan): string {
  const c = p.counts;
  const filters = [
    p.filters.owner !== undefined ? `owned by ${p.filters.owner}` : undefined,
    p.filters.themes ? `in ${andList(p.filters.themes)}` : undefined,
    p.filters.status !== undefined ? `${p.filters.status} only` : undefined,
  ].filter((f): f is string => f !== undefined);
  const which = filters.length > 0 ? ` (${filters.join(', ')})` : '';
  return `As of ${longDate(p.asOf)}: ${plural(c.actions, 'action')}${which}; ${c.open} open, of which ${c.overdue} overdue; ${c.done} done.`;
}

/** A GFM table; cells must already be escaped. */
const table = (header: readonly string[], rows: readonly (readonly string[])[]): string => markdownTable([header, ...rows], { alignDelimiters: false });

/** Progress notes in one cell, oldest first. */
const notesCell = (e: ActionEntry): string => (e.progress.length === 0 ? NONE : e.progress.map((n) => `${n.on}: ${md(n.note)}`).join('<br>'));

/** The plan's table: one row per action; no theme or owner column in a group of one theme or owner. */
function planTable(entries: readonly ActionEntry[], groupBy: ActionPlan['groupBy']): string {
  const [withTheme, withOwner] = [groupBy !== 'theme', groupBy !== 'owner'];
  const head = ['Ref', 'Action', ...(withTheme ? ['Theme'] : []), ...(withOwner ? ['Owner'] : []), 'Due', 'Status', 'Done', 'Progress'];
  const rows = entries.map((e) => [
    md(e.ref),
    md(e.action),
    ...(withTheme ? [md(e.themeTitle)] : []),
    ...(withOwner ? [e.owner !== undefined ? md(e.owner) : NONE] : []),
    e.due !== undefined ? longDate(e.due) : NONE,
    e.status === 'overdue' ? `**${md(statusText(e))}**` : md(statusText(e)),
    md(doneText(e)),
    notesCell(e),
  ]);
  return table(head, rows);
}

/** The plan's groups: by owner (no owner last) or by theme, else one. */
export function groupsOf(p: ActionPlan): { readonly name: string | undefined; readonly entries: readonly ActionEntry[] }[] {
  if (!p.groupBy) return [{ name: undefined, entries: p.actions }];
  // Themes come in catalogue order (the plan lists them so when grouped by theme); owners alphabetically.
  const key = (e: ActionEntry): string => (p.groupBy === 'owner' ? (e.owner ?? '') : e.themeTitle);
  const names = [...new Set(p.actions.map(key))];
  if (p.groupBy === 'owner') names.sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'en-GB')));
  return names.map((name) => ({ name: name === '' ? 'No owner' : name, entries: p.actions.filter((e) => key(e) === name) }));
}

/** Renders the plan, and what changed since the earlier revision, as GitHub-flavoured Markdown. */
export function renderActionsMarkdown(p: ActionPlan): string {
  const blocks: string[] = [`# ${md(planTitle(p))}`, md(planHeadline(p))];
  if (p.since) {
    const s = p.since;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(s.revision);
    const at = `${day ? `the last commit before ${longDate(s.revision)}` : s.revision}: ${s.commit.slice(0, 7)}, ${longDate(s.date.slice(0, 10))}`;
    blocks.push(`## ${md(`Since ${day ? longDate(s.revision) : s.revision}`)}`, md(`Compared with the file as it was at ${at}; each action matched by its indicator and wording.`));
    const section = (heading: string, list: readonly ActionEntry[], rows: (e: ActionEntry) => string[], head: string[]): void => {
      blocks.push(list.length === 0 ? `**${heading}:** none.` : `**${heading} (${list.length}):**`);
      if (list.length > 0) blocks.push(table(head, list.map(rows)));
    };
    section('Completed', s.completed, (e) => [md(e.ref), md(e.action), e.owner !== undefined ? md(e.owner) : NONE, e.due !== undefined ? longDate(e.due) : NONE, md(doneText(e))], ['Ref', 'Action', 'Owner', 'Due', 'Done']);
    section('Added', s.added, (e) => [md(e.ref), md(e.action), e.owner !== undefined ? md(e.owner) : NONE, e.due !== undefined ? longDate(e.due) : NONE, md(statusText(e))], ['Ref', 'Action', 'Owner', 'Due', 'Status']);
    blocks.push(s.slipped.length === 0 ? '**Slipped:** none.' : `**Slipped (${s.slipped.length}):** due dates moved later.`);
    if (s.slipped.length > 0) {
      blocks.push(
        table(
          ['Ref', 'Action', 'Owner', 'Was due', 'Now due', 'Later by'],
          s.slipped.map((x) => [md(x.entry.ref), md(x.entry.action), x.entry.owner !== undefined ? md(x.entry.owner) : NONE, longDate(x.was), longDate(x.entry.due!), plural(x.days, 'day')]),
        ),
      );
    }
    if (s.removed.length > 0) {
      blocks.push(`**Removed without being marked done (${s.removed.length}):**`, table(['Ref then', 'Action', 'Owner', 'Due'], s.removed.map((e) => [md(e.ref), md(e.action), e.owner !== undefined ? md(e.owner) : NONE, e.due !== undefined ? longDate(e.due) : NONE])));
    }
    blocks.push(`**Progress notes added:** ${s.notes}.`);
    blocks.push(`## ${md(capitalise(p.filters.status !== undefined ? `${p.filters.status} actions` : 'Every action'))}`);
  }
  if (p.actions.length === 0) blocks.push('No action matches.');
  for (const g of groupsOf(p)) {
    if (g.entries.length === 0) continue;
    if (g.name !== undefined) blocks.push(`### ${md(g.name)}`);
    blocks.push(planTable(g.entries, p.groupBy));
  }
  return `${blocks.join('\n\n')}\n`;
}


/** What changed since, for one action of the plan: completed, added, slipped, or nothing. */
function changeOf(p: ActionPlan, e: ActionEntry): string | undefined {
  const s = p.since;
  if (!s) return undefined;
  const added = s.added.some((x) => x.ref === e.ref);
  if (s.completed.some((x) => x.ref === e.ref)) return added ? 'added and completed' : 'completed';
  if (added) return 'added';
  const slip = s.slipped.find((x) => x.entry.ref === e.ref);
  return slip ? `slipped from ${slip.was}` : undefined;
}

/** The plan as one table, for CSV and a workbook's sheet; with --since, a last column says what changed, and removed actions follow. */
export function actionsTable(p: ActionPlan): Table {
  const text = (header: string, width: number, wrap = false): Column => ({ header, kind: 'text', width, ...(wrap ? { wrap } : {}) });
  const all: Column[] = [
    text('ref', 12),
    text('theme', 28),
    text('indicator', 10),
    text('action', 50, true),
    text('owner', 28),
    { header: 'due', kind: 'date', width: 12 },
    text('status', 10),
    { header: 'done_on', kind: 'date', width: 12 },
    { header: 'days_overdue', kind: 'number', width: 13 },
    { header: 'days_late', kind: 'number', width: 10 },
    text('progress', 50, true),
    text('since', 24),
  ];
  const row = (e: ActionEntry): CellInput[] => [
    e.ref,
    e.themeTitle,
    e.indicator,
    e.action,
    e.owner,
    e.due,
    e.status,
    e.doneOn,
    e.daysOverdue,
    e.daysLate,
    e.progress.length > 0 ? e.progress.map((n) => `${n.on}: ${n.note}`).join('\n') : undefined,
  ];
  const rows = groupsOf(p).flatMap((g) => g.entries.map((e) => (p.since ? [...row(e), changeOf(p, e)] : row(e))));
  for (const e of p.since?.removed ?? []) rows.push([...row(e), 'removed']);
  return { name: 'Actions', file: 'actions', columns: p.since ? all : all.slice(0, -1), rows };
}

/** Renders the plan as one CSV table (RFC 4180, as bva export writes CSV). */
export const renderActionsCsv = (p: ActionPlan): string => tableCsv(actionsTable(p));
