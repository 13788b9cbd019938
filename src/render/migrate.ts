// What `bva migrate` did, in lines for the terminal: each earlier answer and where it went, what
// needs a fresh judgement, and the file written. Pure: the migration in, the text out; every id and
// word from a file goes through terminalLine.
import type { Migration, MigratedAnswer, Rejudged } from '../answers/migrate.js';
import { terminalLine as t } from './escape.js';
import { andList, plural } from '../words.js';

const ARROW = '→';

const ids = (list: readonly string[]): string => andList(list.map(t));

/** What a merged indicator carries as context, or what a split one's successors share, in words. */
function carried(r: Rejudged, o: { split: boolean }): string {
  const parts = [
    r.commentaries > 0 ? (o.split ? 'the commentary' : plural(r.commentaries, 'commentary', 'commentaries')) : undefined,
    r.evidence > 0 ? plural(r.evidence, 'evidence entry', 'evidence entries') : undefined,
    !o.split && r.actions > 0 ? plural(r.actions, 'action') : undefined,
  ].filter((p): p is string => p !== undefined);
  const previous = r.previous !== undefined ? `previous: ${t(r.previous)}` : 'no earlier rating on its scale';
  if (parts.length === 0) return previous;
  return `${previous}; ${andList(parts)} ${o.split ? 'copied to each' : 'kept as context'}`;
}

/** The lines `bva migrate` prints about `m`, for the file shown as `file`. */
export function renderMigration(m: Migration, file: string, wrote: string): string {
  const lines: string[] = [`Migrated ${t(file)} from ${t(m.from.id)} ${t(m.from.version)} to ${t(m.to.id)} ${t(m.to.version)}:`];
  const of = <K extends MigratedAnswer['kind']>(kind: K): Extract<MigratedAnswer, { kind: K }>[] => m.answers.filter((a): a is Extract<MigratedAnswer, { kind: K }> => a.kind === kind);

  // 1. Answers kept as they were, or moved to another theme.
  const same = of('same');
  if (same.length > 0) lines.push(`  kept      ${plural(same.length, 'answer')} under the same id${same.length <= 8 ? ` (${ids(same.map((a) => a.id))})` : ''}`);
  for (const a of of('moved')) lines.push(`  moved     ${t(a.id)}: now under theme ${t(a.toTheme)} (was ${t(a.fromTheme)})`);
  // 2. Renamed: the answer moved whole.
  for (const a of of('renamed')) {
    const unscaled = a.unscaled.length > 0 ? `; ${a.unscaled.map(t).join(', ')} kept in its commentary (not on the new scale): rate afresh` : '';
    lines.push(`  renamed   ${t(a.id)} ${ARROW} ${t(a.to)}: the whole answer moved${unscaled}`);
  }
  // 3. Merged and split: a fresh judgement, with context.
  for (const r of m.rejudge) {
    if (r.lineage === 'merged') lines.push(`  merged    ${ids(r.from)} ${ARROW} ${t(r.id)}: rate afresh (${carried(r, { split: false })})`);
  }
  const splits = new Map<string, Rejudged[]>();
  for (const r of m.rejudge) if (r.lineage === 'split') splits.set(r.from[0]!, [...(splits.get(r.from[0]!) ?? []), r]);
  for (const [from, parts] of splits) {
    const actions = parts.find((p) => p.actions > 0);
    const moved = actions ? `; ${plural(actions.actions, 'action')} to ${t(actions.id)}` : '';
    lines.push(`  split     ${t(from)} ${ARROW} ${ids(parts.map((p) => p.id))}: rate each afresh (${carried(parts[0]!, { split: true })}${moved})`);
  }
  // 4. Dropped: kept under retired.
  for (const a of of('dropped')) lines.push(`  dropped   ${t(a.id)}: its answer is kept under retired${a.reason !== undefined ? ` (${t(a.reason)})` : ''}`);
  for (const id of m.retiredThemes) lines.push(`  dropped   theme ${t(id)}: its summary and assurance are kept under retired`);
  // 5. New indicators.
  if (m.added.length > 0) lines.push(`  added     ${ids(m.added)}: new in ${t(m.to.version)}, to answer`);
  if (m.retiredOpenActions.length > 0) {
    const n = m.retiredOpenActions.length;
    lines.push(`${n === 1 ? 'An open action' : `${n} open actions`} went to retired with ${n === 1 ? 'its' : 'their'} dropped indicator (${ids(m.retiredOpenActions)}): add any still needed to another indicator with bva answer.`);
  }
  if (m.actionRefs.length > 0) lines.push(`Action references changed: ${m.actionRefs.map((r) => `${t(r.from)} ${ARROW} ${t(r.to)}`).join(', ')}.`);
  const rejudge = [...new Set(m.rejudge.map((r) => r.id))];
  const todo = [
    rejudge.length > 0 ? `${plural(rejudge.length, 'indicator')} to rate afresh (${ids(rejudge)})` : undefined,
    m.added.length > 0 ? `${plural(m.added.length, 'new indicator')} to answer` : undefined,
  ].filter((p): p is string => p !== undefined);
  lines.push(`Wrote ${t(wrote)} on ${t(m.to.id)} ${t(m.to.version)}${todo.length > 0 ? `: ${andList(todo)}` : ''}.`);
  return `${lines.join('\n')}\n`;
}
