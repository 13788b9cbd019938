// What the questionnaire shows between its prompts: the theme menu with progress bars, the
// indicator card, where the person is, a theme's answers for review. Pure text; catalogue and
// people's text made terminal-safe and wrapped to the terminal's width.
import { answeredCount, answerOf, evidenceTitle, isAnswered, actionStatus, type Action, type Answers, type Evidence, type IndicatorAnswer } from '../answers/model.js';
import { NOT_APPLICABLE, ratingLabel, type CatalogueModel, type IndicatorEntry, type Theme } from '../catalogue/model.js';
import { terminalLine, terminalSafe } from '../render/escape.js';
import type { Paint } from '../render/paint.js';
import { wrap } from '../render/wrap.js';
import { plural } from '../words.js';

/** What every screen is drawn with. */
export interface ScreenStyle {
  readonly paint: Paint;
  /** Columns to wrap to. */
  readonly width: number;
}

/** How far a theme is answered. */
export interface Progress {
  readonly answered: number;
  readonly total: number;
}

/** The note that marks an indicator as the catalogue's reading rather than its source's point. */
export const DERIVED_NOTE = "derived: the catalogue's own reading, not its source's words";

/** The note that marks an indicator worded from the source's draft, naming the draft where the catalogue does. */
export function draftNote(catalogue: CatalogueModel): string {
  const draft = catalogue.catalogue.source?.draft;
  return `draft wording: found only in ${draft ? `${terminalLine(draft.title)} (${draft.date})` : 'a draft of the source'}, not confirmed in the final text`;
}

/** How many of a theme's indicators are answered. */
export function themeProgress(theme: Theme, answers: Answers): Progress {
  return { answered: theme.indicators.filter((i) => isAnswered(answerOf(answers, theme.id, i.id))).length, total: theme.indicators.length };
}

/** How many of the catalogue's indicators are answered. */
export function overallProgress(answers: Answers, catalogue: CatalogueModel): Progress {
  return { answered: answeredCount(answers, catalogue), total: catalogue.indicatorCount };
}

/** Whole percent answered, rounded down (so 100% means every indicator). */
export const percent = (p: Progress): number => (p.total === 0 ? 100 : Math.floor((100 * p.answered) / p.total));

/** A bar of `cells` cells, filled in proportion. */
export function progressBar(p: Progress, cells = 10): string {
  const filled = p.total === 0 ? cells : Math.round((cells * p.answered) / p.total);
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

/** "Theme 3 of 7 (Governance) · indicator 4 of 9 · 38% answered" */
export function whereLine(entry: IndicatorEntry, catalogue: CatalogueModel, overall: Progress): string {
  const t = catalogue.themeOrder.get(entry.theme.id)! + 1;
  return `Theme ${t} of ${catalogue.themes.length} (${terminalLine(entry.theme.title)}) · indicator ${entry.index + 1} of ${entry.theme.indicators.length} · ${percent(overall)}% answered`;
}

/** The menu's heading and one line per theme with its bar. */
export function menuScreen(answers: Answers, catalogue: CatalogueModel, file: string, s: ScreenStyle): string {
  const overall = overallProgress(answers, catalogue);
  const titleWidth = Math.max(...catalogue.themes.map((t) => terminalLine(t.title).length));
  const numberWidth = String(catalogue.themes.length).length;
  const lines = catalogue.themes.map((theme, i) => {
    const p = themeProgress(theme, answers);
    const bar = p.answered === p.total ? s.paint.green(progressBar(p)) : progressBar(p);
    return `  ${String(i + 1).padStart(numberWidth)}  ${terminalLine(theme.title).padEnd(titleWidth)}  ${bar}  ${p.answered} of ${p.total}`;
  });
  const heading = `${terminalLine(answers.authority)}, ${terminalLine(answers.period)}: ${overall.answered} of ${overall.total} answered (${percent(overall)}%), saved in ${terminalLine(file)}`;
  return `\n${s.paint.bold(wrap(heading, s.width))}\n\n${lines.join('\n')}\n\n`;
}

/** The card shown before an indicator's rating is asked. */
export function indicatorScreen(entry: IndicatorEntry, answer: IndicatorAnswer | undefined, catalogue: CatalogueModel, overall: Progress, s: ScreenStyle): string {
  const { paint, width } = s;
  const i = entry.indicator;
  const para = (label: string, text: string): string => wrap(`${label}${terminalSafe(text)}`, width, 2, 2);
  const out = [
    '',
    paint.cyan(wrap(whereLine(entry, catalogue, overall), width)),
    '',
    // Bold goes on after wrapping, so its codes do not count towards the width.
    paint.bold(terminalLine(i.id)) +
      wrap([i.id, entry.scale.title, ...(i.reference !== undefined ? [i.reference] : [])].map(terminalLine).join(' · '), width, 2, 0).slice(terminalLine(i.id).length),
    para('', i.text),
  ];
  if (i.derived === true) out.push(paint.dim(`  (${DERIVED_NOTE})`));
  if (i.draft === true) out.push(paint.dim(para('(', `${draftNote(catalogue)})`)));
  if (i.note !== undefined) out.push(paint.dim(para('Note: ', i.note)));
  if (i.help !== undefined) out.push(para('Help: ', i.help));
  if (i['typical-evidence'] !== undefined && i['typical-evidence'].length > 0) out.push(para('Typical evidence: ', i['typical-evidence'].join('; ')));
  if (answer?.previous !== undefined) out.push(`  Last period: ${paint.bold(terminalLine(ratingLabel(entry.scale, answer.previous)))}`);
  if (answer?.rating !== undefined) {
    const reason = answer.rating === NOT_APPLICABLE && answer.reason !== undefined ? ` (${terminalLine(answer.reason)})` : '';
    out.push(wrap(`Answered: ${terminalLine(ratingLabel(entry.scale, answer.rating))}${reason}`, width, 2, 2));
  }
  return `${out.join('\n')}\n`;
}

/** Text a person wrote, shown indented under a label. */
export function shownText(label: string, text: string, s: ScreenStyle): string {
  return `${s.paint.dim(`${label}:`)}\n${wrap(terminalSafe(text), s.width, 4, 4)}\n`;
}

/** An evidence list, as shown before more is asked for. */
export function evidenceList(evidence: readonly Evidence[], s: ScreenStyle): string {
  if (evidence.length === 0) return '';
  return `${s.paint.dim(`Evidence so far (${evidence.length}):`)}\n${evidence.map((e) => wrap(`- ${terminalLine(evidenceTitle(e))}`, s.width, 6, 4)).join('\n')}\n`;
}

/** One action as a line: what, who, when, status. */
export function actionLine(a: Action): string {
  const who = a.owner !== undefined ? `, ${terminalLine(a.owner)}` : '';
  const due = a.due !== undefined ? `, due ${a.due}` : '';
  return `${terminalLine(a.action)}${who}${due} (${actionStatus(a)})`;
}

/** An action list, as shown before more are asked for. */
export function actionList(actions: readonly Action[], s: ScreenStyle): string {
  if (actions.length === 0) return '';
  return `${s.paint.dim(`Actions so far (${actions.length}):`)}\n${actions.map((a) => wrap(`- ${actionLine(a)}`, s.width, 6, 4)).join('\n')}\n`;
}

/** A theme's answers, one indicator a block, for "Review a theme's answers"; ratings by their labels. */
export function reviewScreen(theme: Theme, answers: Answers, catalogue: CatalogueModel, s: ScreenStyle): string {
  const p = themeProgress(theme, answers);
  const idWidth = Math.max(...theme.indicators.map((i) => terminalLine(i.id).length));
  const ratingOf = (id: string): string => {
    const rating = answerOf(answers, theme.id, id)?.rating;
    return terminalLine(rating === undefined ? 'unanswered' : ratingLabel(catalogue.indicatorById.get(id)?.scale, rating));
  };
  const ratingWidth = Math.max(...theme.indicators.map((i) => ratingOf(i.id).length));
  const out = ['', s.paint.bold(`${terminalLine(theme.title)}: ${p.answered} of ${p.total} answered`), ''];
  for (const i of theme.indicators) {
    const a = answerOf(answers, theme.id, i.id);
    const counts = [
      ...(a?.evidence?.length ? [plural(a.evidence.length, 'evidence entry', 'evidence entries')] : []),
      ...(a?.actions?.length ? [plural(a.actions.length, 'action')] : []),
    ].join(', ');
    const rating = a?.rating !== undefined ? ratingOf(i.id) : s.paint.dim(ratingOf(i.id));
    out.push(`  ${terminalLine(i.id).padEnd(idWidth)}  ${counts ? `${rating}${' '.repeat(ratingWidth - ratingOf(i.id).length)}  ${s.paint.dim(counts)}` : rating}`);
    const said = a?.rating === NOT_APPLICABLE ? a.reason : a?.commentary;
    if (said !== undefined) out.push(s.paint.dim(wrap(oneLine(said, s.width * 2), s.width, idWidth + 4)));
  }
  return `${out.join('\n')}\n\n`;
}


/** One line cut to `max` characters, so it never wraps. */
export function fit(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** Text folded to one line and cut to `max` characters. */
const oneLine = (text: string, max: number): string => fit(terminalLine(text).replace(/\s+/g, ' ').trim(), max);
