// `bva diff` output: Markdown for a pull-request comment or a job summary, JSON for tools. Pure:
// the diff model in, the text out. Text from the answers files and catalogues goes through
// markdownInline, so it can never break a table, start a block or inject HTML.
import { markdownTable } from 'markdown-table';
import type { ActionChange, Diff, IndicatorChange, IndicatorMove, RedFlagChange, ThemeChange } from '../assessment/diff.js';
import { jsonText, markdownInline as md } from './escape.js';
import { RAG_WORDS } from './report-formats.js';
import { NONE } from './report-text.js';
import { andList, capitalise, plural } from '../words.js';

export const DIFF_FORMATS = ['md', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Every diff format and its renderer. */
export const DIFF_RENDERERS: Record<DiffFormat, (diff: Diff) => string> = {
  md: renderDiffMarkdown,
  json: (diff) => `${jsonText(diff)}\n`,
};

/** How each movement reads as a heading, and in the counts line. */
const MOVE_WORDS: Record<IndicatorMove, string> = {
  improved: 'improved',
  declined: 'declined',
  'newly-answered': 'newly answered',
  'no-longer-answered': 'no longer answered',
  changed: 'changed to or from not applicable',
  unchanged: 'unchanged',
};

const ARROW = '→';

/** A GFM table; cells must already be escaped. */
const table = (header: readonly string[], rows: readonly (readonly string[])[]): string => markdownTable([header, ...rows], { alignDelimiters: false });

/**
 * How each side is named in headings and columns: its period; when both are the same period (two
 * revisions of one file, say), the period with the file as given, so a reader can tell them apart.
 */
function labels(d: Diff): { readonly old: string; readonly new: string } {
  if (d.old.period !== d.new.period) return { old: md(d.old.period), new: md(d.new.period) };
  const name = (file: string, other: string): string => (file === other ? '' : ` (${md(file)})`);
  const old = name(d.old.file, d.new.file);
  const now = name(d.new.file, d.old.file);
  return old === '' ? { old: `${md(d.old.period)} (before)`, new: `${md(d.new.period)} (after)` } : { old: `${md(d.old.period)}${old}`, new: `${md(d.new.period)}${now}` };
}

/** Renders the diff as GitHub-flavoured Markdown. */
export function renderDiffMarkdown(d: Diff): string {
  const blocks = [title(d), overall(d), themes(d), indicators(d), redFlags(d), actions(d)].flat();
  return `${blocks.join('\n\n')}\n`;
}

function title(d: Diff): string[] {
  const authority = d.old.authority === d.new.authority ? md(d.new.authority) : `${md(d.old.authority)} ${ARROW} ${md(d.new.authority)}`;
  const compared =
    `Compares ${md(d.old.file)} (${md(d.old.period)}, scored as of ${d.old.asOf}) with ${md(d.new.file)} (${md(d.new.period)}, scored as of ${d.new.asOf}). ` +
    'Each period is scored as of its own assessment date.';
  const blocks = [`## ${authority}: ${labels(d).old} to ${labels(d).new}`, compared];
  if (d.catalogueNote) blocks.push(`> **Note:** ${md(d.catalogueNote)}`);
  return blocks;
}

function overall(d: Diff): string[] {
  const row = (label: string, a: string, b: string): string[] => [label, a, b];
  const counts = (['improved', 'declined', 'unchanged', 'newly-answered', 'no-longer-answered', 'changed'] as const)
    .filter((m) => m !== 'changed' || d.counts.changed > 0)
    .map((m) => `${d.counts[m]} ${MOVE_WORDS[m]}`)
    .join(', ');
  return [
    table(
      ['', labels(d).old, labels(d).new],
      [
        row('Status', RAG_WORDS[d.old.rag], RAG_WORDS[d.new.rag]),
        row('Level', d.old.levelLabel ? md(d.old.levelLabel) : NONE, d.new.levelLabel ? md(d.new.levelLabel) : NONE),
        row('Red flags', String(d.old.redFlags), String(d.new.redFlags)),
        row('Open actions', String(d.old.openActions), String(d.new.openActions)),
        row('Catalogue', md(`${d.old.catalogue.id} ${d.old.catalogue.version}`), md(`${d.new.catalogue.id} ${d.new.catalogue.version}`)),
      ],
    ),
    `**Indicators:** ${counts}.`,
  ];
}

function themes(d: Diff): string[] {
  const level = (t: ThemeChange): string => {
    const words = `${t.level.oldLabel ? md(t.level.oldLabel) : NONE} ${ARROW} ${t.level.newLabel ? md(t.level.newLabel) : NONE}`;
    return t.level.move && t.level.move !== 'unchanged' ? `${words} (${t.level.move})` : words;
  };
  const rag = (t: ThemeChange): string => {
    const words = `${t.rag.old ? RAG_WORDS[t.rag.old] : NONE} ${ARROW} ${t.rag.new ? RAG_WORDS[t.rag.new] : NONE}`;
    return t.rag.move && t.rag.move !== 'unchanged' ? `${words} (${t.rag.move})` : words;
  };
  return ['### Themes', table(['Theme', 'Level', 'Status'], d.themes.map((t) => [md(t.title), level(t), rag(t)]))];
}

/** An indicator's rating then and now, by their labels. */
const ratings = (i: RedFlagChange): [string, string] => [i.oldLabel ? md(i.oldLabel) : NONE, i.newLabel ? md(i.newLabel) : NONE];

/** Where an indicator came from across two catalogue versions ("(was G4)"), or nothing when it is the same. */
export function lineageMark(i: Pick<IndicatorChange, 'onlyIn' | 'lineage'>, newVersion: string): string {
  const from = (ids: readonly string[] | undefined): string => andList(ids ?? []);
  switch (i.lineage?.kind) {
    case 'renamed':
      return `(was ${from(i.lineage.from)})`;
    case 'merged':
      return `(merged from ${from(i.lineage.from)})`;
    case 'split':
      return `(split from ${from(i.lineage.from)})`;
    case 'dropped':
      return `(dropped in ${newVersion})`;
    case 'added':
      return `(new in ${newVersion})`;
    default:
      return i.onlyIn === 'new' ? `(new in ${newVersion})` : i.onlyIn === 'old' ? `(not in ${newVersion})` : '';
  }
}

/** The indicator's id (with where it came from when the catalogues differ) and text. */
function indicatorCell(i: Pick<IndicatorChange, 'id' | 'text' | 'onlyIn' | 'lineage'>, d: Diff): string {
  const mark = lineageMark(i, d.new.catalogue.version);
  return `**${md(i.id)}**${mark !== '' ? ` ${md(mark)}` : ''} ${md(i.text)}`;
}

function indicators(d: Diff): string[] {
  const blocks = ['### Indicators'];
  const moved = (['improved', 'declined', 'newly-answered', 'no-longer-answered', 'changed'] as const).filter((m) => d.counts[m] > 0);
  if (moved.length === 0) blocks.push('No indicator moved.');
  for (const m of moved) {
    const rows = d.indicators.filter((i) => i.move === m).map((i) => [indicatorCell(i, d), md(i.themeTitle), ...ratings(i)]);
    blocks.push(`#### ${capitalise(MOVE_WORDS[m])} (${rows.length})`, table(['Indicator', 'Theme', labels(d).old, labels(d).new], rows));
  }
  const same = d.indicators.filter((i) => i.move === 'unchanged');
  if (same.length > 0) {
    blocks.push(`<details><summary>Unchanged (${same.length})</summary>\n\n${same.map((i) => `${md(i.id)} (${md(i.newLabel!)})`).join(', ')}\n\n</details>`);
  }
  return blocks;
}

function redFlags(d: Diff): string[] {
  const rows = (flags: readonly RedFlagChange[]): string[][] =>
    flags.map((f) => [indicatorCell(f, d), md(f.themeTitle), ...ratings(f)]);
  const section = (heading: string, flags: readonly RedFlagChange[]): string[] =>
    flags.length === 0 ? [`**${heading}:** none.`] : [`**${heading} (${flags.length}):**`, table(['Indicator', 'Theme', labels(d).old, labels(d).new], rows(flags))];
  const { raised, cleared, continuing } = d.redFlags;
  return ['### Red flags', ...section('Raised', raised), ...section('Cleared', cleared), ...section('Still red flags', continuing)];
}

function actions(d: Diff): string[] {
  const rows = (list: readonly ActionChange[], status: boolean): string[][] =>
    list.map((a) => [md(a.indicator), md(a.action), a.owner ? md(a.owner) : NONE, a.due ?? NONE, ...(status ? [a.status] : [])]);
  const section = (heading: string, list: readonly ActionChange[], o: { status?: boolean; what?: string } = {}): string[] => {
    const what = o.what ? ` ${o.what}` : '';
    if (list.length === 0) return [`**${heading}:** none.${what}`];
    return [`**${heading} (${list.length}):**${what}`, table(['Indicator', 'Action', 'Owner', 'Due', ...(o.status ? ['Status'] : [])], rows(list, o.status === true))];
  };
  const { completed, added, dropped, stillOpen } = d.actions;
  return [
    '### Actions',
    ...section('Completed', completed, { what: `Open in ${labels(d).old} and done now.` }),
    ...section('Added', added, { status: true, what: `New in ${labels(d).new}.` }),
    ...section('Dropped', dropped, { what: `Open in ${labels(d).old} and gone from ${labels(d).new} without being marked done.` }),
    `**Still open from ${labels(d).old}:** ${plural(stillOpen.length, 'action')}.`,
  ];
}
